"""The audit loop: label store, audit sampling, label issues, retraining and the promotion rule.

Modules: ``labels`` (the SQLite label store: ``open_label_store``), ``sampling`` (audit samples with
known inclusion probabilities: ``propose_audit_sample``), ``label_issues`` (confident learning:
``find_label_issues_in_store``), ``promotion`` (``decide_promotion``) and ``retrain`` (one
champion/challenger round: ``retrain``). May import: ``classifier`` (public API) and the top-level
``training`` modules (config, train, evaluate, tracking); never ``training.generator``.
"""

__all__ = []
