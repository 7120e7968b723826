"""The fitted model: features, category and domestic-abuse heads, evidence, and checksum-verified persistence.

May import: classifier.text, classifier.data, classifier.errors.
Public names are imported on first use (``classifier._exports``).
"""

from classifier._exports import lazy_exports

_EXPORTS = {
    "estimator": ("CrimeRecModel", "Features", "OffenceIndicators", "save_model", "load_model",
        "PREDICTION_COLUMNS", "CALIBRATIONS", "ModelVersionWarning"),
    "champion": ("ModelChoice", "crimerec_home", "shipped_model_path", "current_model_path", "resolve_model"),
    "persist": ("file_sha256",),
    "provenance": ("model_identity", "build_provenance", "write_sidecar", "read_sidecar", "render_provenance"),
    "pyfunc": ("PyfuncModel",),
    "adapted": ("AdaptedModel", "ForceVocabulary", "LinearHead", "assign_folds", "stack_inputs"),
}

__all__ = [name for names in _EXPORTS.values() for name in names]
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
