"""crimerec training: synthetic audited logs, model fitting, evaluation, MLflow and retraining.

Imports only the public API of ``classifier``; a scoring deployment never needs this package.
"""

__all__ = []
