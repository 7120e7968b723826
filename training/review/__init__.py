"""The review app: auditors decide, one log at a time in a local browser page, whether a crime should
have been recorded; decisions go into the label store as review or random-audit labels.

Modules: ``queue`` (``build_review_queue``: the triage queue or an audit sample), ``display`` (masked,
highlighted text and the primer's reasons and hints), ``app`` (the Starlette application and its
security checks), ``server`` (``serve_review``), ``labelstudio`` (Label Studio JSON tasks, both ways).
May import: ``classifier`` (public API) and ``training.audit``; never ``training.generator``.
"""

__all__ = []
