"""Adaptation to a force's own export: learn from its recording decisions, correct them with its audit.

Modules: ``export`` (stream the export, join audit labels, keep a bounded training sample),
``pu`` (the noise model of under-recording and the de-biased head: ``fit_adapted_head``),
``fitting`` (cross-fitting: one head per fold and a final head), ``summary`` (class prior,
base-vs-adapted comparison, model card, terminal summary) and ``adaptation`` (the command: ``adapt``).
May import: ``classifier`` (public API) and the top-level ``training`` modules and ``training.audit``;
never ``training.generator``.
"""

__all__ = ["adapt", "render_adapt_summary"]


def __getattr__(name):
    """Import the two public names on first use (the CLI imports this package lazily)."""
    if name == "adapt":
        from training.adapt.adaptation import adapt

        return adapt
    if name == "render_adapt_summary":
        from training.adapt.summary import render_adapt_summary

        return render_adapt_summary
    raise AttributeError(f"module 'training.adapt' has no attribute {name!r}")
