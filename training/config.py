"""The typed training configuration: defaults in ``default_config.toml``, overrides from a file or CLI.

Unknown sections or keys and values of the wrong type are rejected with a message naming the key,
so a typo never silently falls back to a default.
"""

import dataclasses
import tomllib
import typing
from pathlib import Path

from classifier.errors import ClassifierError

__all__ = [
    "DEFAULT_CONFIG_PATH",
    "ConfigError",
    "DataConfig",
    "ModelConfig",
    "ThresholdConfig",
    "ComputeConfig",
    "TrackingConfig",
    "TrainConfig",
    "load_config",
    "parse_overrides",
    "flatten_config",
]

DEFAULT_CONFIG_PATH = Path(__file__).with_name("default_config.toml")
CALIBRATION_METHODS = ("auto", "sigmoid", "isotonic", "none")
CLASS_WEIGHTS = ("none", "balanced")
THRESHOLD_SOURCES = ("held_out_register", "validation")


class ConfigError(ClassifierError, ValueError):
    """A training configuration file or override is invalid."""


@dataclasses.dataclass(frozen=True)
class DataConfig:
    """How the labelled rows are split: ``seed`` and ``validation_fraction`` in (0, 0.5]."""

    seed: int = 0
    validation_fraction: float = 0.2

    def _check(self):
        """Raise ConfigError for values outside the allowed ranges."""
        _require(0.0 < self.validation_fraction <= 0.5, "data.validation_fraction",
                 self.validation_fraction, "a number in (0, 0.5]")


@dataclasses.dataclass(frozen=True)
class ModelConfig:
    """Feature and estimator settings passed to ``classifier.model.estimator.CrimeRecModel``."""

    word_ngram_max: int = 2
    char_ngram_min: int = 4
    char_ngram_max: int = 4
    max_word_features: int = 40000
    max_char_features: int = 20000
    min_df: int = 3
    alpha: float = 1e-5
    max_iter: int = 50
    class_weight: str = "none"
    calibration: str = "auto"
    calibration_folds: int = 5
    decision_balance: bool = True
    read_closing_comment: bool = False
    evidence_top_k: int = 4
    register_copies: bool = True
    short_log_tokens: int = 30
    length_offset_recall: float = 0.95
    calibration_groups: str = "register"

    def _check(self):
        """Raise ConfigError for values outside the allowed ranges."""
        _require(1 <= self.word_ngram_max <= 4, "model.word_ngram_max", self.word_ngram_max, "1 to 4")
        _require(1 <= self.char_ngram_min <= self.char_ngram_max <= 8, "model.char_ngram_min/max",
                 (self.char_ngram_min, self.char_ngram_max), "1 <= min <= max <= 8")
        _require(self.max_word_features >= 0, "model.max_word_features", self.max_word_features,
                 "0 (no word n-grams) or more")
        _require(self.max_char_features >= 0, "model.max_char_features", self.max_char_features,
                 "0 (no character n-grams) or more")
        _require(self.min_df >= 1, "model.min_df", self.min_df, "an integer >= 1")
        _require(0 < self.alpha < 1, "model.alpha", self.alpha, "a number in (0, 1)")
        _require(5 <= self.max_iter <= 1000, "model.max_iter", self.max_iter, "5 to 1000")
        _require(self.class_weight in CLASS_WEIGHTS, "model.class_weight", self.class_weight,
                 f"one of {list(CLASS_WEIGHTS)}")
        _require(self.calibration in CALIBRATION_METHODS, "model.calibration", self.calibration,
                 f"one of {list(CALIBRATION_METHODS)}")
        _require(2 <= self.calibration_folds <= 10, "model.calibration_folds",
                 self.calibration_folds, "2 to 10")
        _require(0 <= self.evidence_top_k <= 20, "model.evidence_top_k", self.evidence_top_k, "0 to 20")
        _require(1 <= self.short_log_tokens <= 1000, "model.short_log_tokens", self.short_log_tokens,
                 "1 to 1000")
        _require(0 <= self.length_offset_recall < 1, "model.length_offset_recall", self.length_offset_recall,
                 "0 (no offset) or a recall in (0, 1)")


@dataclasses.dataclass(frozen=True)
class ThresholdConfig:
    """The operating point: the highest threshold whose recall reaches ``target_recall`` on ``source``.

    ``source="held_out_register"`` measures recall on the out-of-fold scores of whole held-out
    registers (``model.calibration_groups``), falling back to the validation split when the training
    data has no such column; ``"validation"`` always uses the validation split.
    """

    target_recall: float = 0.95
    source: str = "held_out_register"

    def _check(self):
        """Raise ConfigError for values outside the allowed ranges."""
        _require(0.5 <= self.target_recall < 1.0, "threshold.target_recall", self.target_recall,
                 "a number in [0.5, 1)")
        _require(self.source in THRESHOLD_SOURCES, "threshold.source", self.source,
                 f"one of {list(THRESHOLD_SOURCES)}")


@dataclasses.dataclass(frozen=True)
class ComputeConfig:
    """Resources: ``n_jobs`` processes for spaCy preprocessing (-1 = all cores; results are identical)."""

    n_jobs: int = -1

    def _check(self):
        """Raise ConfigError for 0 or values below -1."""
        _require(self.n_jobs == -1 or self.n_jobs >= 1, "compute.n_jobs", self.n_jobs, "-1 or >= 1")


@dataclasses.dataclass(frozen=True)
class TrackingConfig:
    """MLflow settings; the tracking URI itself comes from ``MLFLOW_TRACKING_URI`` or the default."""

    enabled: bool = True
    experiment: str = "crimerec"
    registered_model: str = "crimerec"
    champion_alias: str = "champion"

    def _check(self):
        """Raise ConfigError for empty names."""
        for key in ("experiment", "registered_model", "champion_alias"):
            _require(bool(getattr(self, key).strip()), f"tracking.{key}", getattr(self, key),
                     "a non-empty name")


@dataclasses.dataclass(frozen=True)
class TrainConfig:
    """The resolved training configuration (one frozen dataclass per TOML section).

    Examples
    --------
    >>> config = load_config(overrides={"model.alpha": 2e-5})
    >>> config.model.alpha, config.threshold.target_recall
    (2e-05, 0.95)
    """

    data: DataConfig = DataConfig()
    model: ModelConfig = ModelConfig()
    threshold: ThresholdConfig = ThresholdConfig()
    compute: ComputeConfig = ComputeConfig()
    tracking: TrackingConfig = TrackingConfig()

    def to_dict(self):
        """Return the configuration as nested plain dicts (TOML/JSON friendly)."""
        return dataclasses.asdict(self)


def _require(condition, key, value, allowed):
    """Raise ConfigError naming the key, the value received and what is allowed."""
    if not condition:
        raise ConfigError(f"Training setting '{key}' is {value!r}; it must be {allowed}.")


def load_config(path=None, *, overrides=None):
    """Read the default configuration, then a user file, then dotted overrides, and validate.

    Parameters
    ----------
    path : str or Path, default=None
        A TOML file with any subset of the sections in ``default_config.toml``.
    overrides : dict, default=None
        Dotted keys to values, e.g. ``{"model.alpha": 2e-5, "data.seed": 3}``; strings are parsed as TOML
        values when they look like numbers or booleans (see ``parse_overrides``).

    Returns
    -------
    TrainConfig

    Raises
    ------
    ConfigError
        Unknown section or key, wrong type, or value out of range; the message names the key.
    InputFileError
        The file cannot be read or is not valid TOML.
    """
    values = _read_toml(DEFAULT_CONFIG_PATH)
    if path is not None:
        _merge(values, _read_toml(Path(path)), source=str(path))
    for dotted, value in (overrides or {}).items():
        section, _, key = str(dotted).partition(".")
        _merge(values, {section: {key: value}}, source="overrides")
    return _build(values)


def _read_toml(path):
    """Load one TOML file, turning read and syntax errors into InputFileError."""
    from classifier.errors import InputFileError

    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise InputFileError(f"Cannot read training config {path}: {error.strerror}.") from error
    except tomllib.TOMLDecodeError as error:
        raise InputFileError(f"Training config {path} is not valid TOML: {error}.") from error


def _merge(base, update, *, source):
    """Copy ``update`` into ``base`` section by section, rejecting unknown sections and keys."""
    sections = {field.name: field.type for field in dataclasses.fields(TrainConfig)}
    for section, entries in update.items():
        if section not in sections:
            raise ConfigError(f"Unknown training config section '{section}' in {source}. "
                              f"Allowed sections: {sorted(sections)}.")
        if not isinstance(entries, dict):
            raise ConfigError(f"Training config section '{section}' in {source} must be a table.")
        allowed = {field.name for field in dataclasses.fields(sections[section])}
        for key, value in entries.items():
            if key not in allowed:
                raise ConfigError(f"Unknown training setting '{section}.{key}' in {source}. "
                                  f"Allowed keys in [{section}]: {sorted(allowed)}.")
            base.setdefault(section, {})[key] = value


def _build(values):
    """Convert merged plain values into the frozen dataclasses, checking types and ranges."""
    parts = {}
    for field in dataclasses.fields(TrainConfig):
        section_cls = field.type
        hints = typing.get_type_hints(section_cls)
        entries = {key: _coerce(f"{field.name}.{key}", value, hints[key])
                   for key, value in values.get(field.name, {}).items()}
        section = section_cls(**entries)
        section._check()
        parts[field.name] = section
    return TrainConfig(**parts)


def _coerce(key, value, expected):
    """Return ``value`` as ``expected`` (int -> float allowed), or raise ConfigError."""
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if expected is bool and not isinstance(value, bool):
        raise ConfigError(f"Training setting '{key}' is {value!r}; it must be true or false.")
    if expected is int and isinstance(value, bool) or not isinstance(value, expected):
        raise ConfigError(f"Training setting '{key}' is {value!r} ({type(value).__name__}); "
                          f"it must be of type {expected.__name__}.")
    return value


def parse_overrides(items):
    """Parse ``["model.alpha=2e-5", "tracking.enabled=false"]`` into ``{"model.alpha": 2e-05, ...}``.

    Values are read as TOML values (numbers, booleans, quoted strings); anything else is kept
    as a plain string.

    Examples
    --------
    >>> parse_overrides(["model.alpha=2.5e-5", "model.calibration=isotonic", "tracking.enabled=false"])
    {'model.alpha': 2.5e-05, 'model.calibration': 'isotonic', 'tracking.enabled': False}
    """
    parsed = {}
    for item in items or []:
        key, sep, raw = str(item).partition("=")
        if not sep or "." not in key:
            raise ConfigError(f"Config override {item!r} must look like section.key=value, "
                              "e.g. model.alpha=2e-5.")
        try:
            parsed[key.strip()] = tomllib.loads(f"v = {raw.strip()}")["v"]
        except tomllib.TOMLDecodeError:
            parsed[key.strip()] = raw.strip()
    return parsed


def flatten_config(config):
    """Return ``{"section.key": value}`` for every setting (used for MLflow params).

    Examples
    --------
    >>> flatten_config(TrainConfig())["threshold.target_recall"]
    0.95
    """
    return {f"{section}.{key}": value
            for section, entries in config.to_dict().items() for key, value in entries.items()}
