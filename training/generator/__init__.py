"""The synthetic audited-log generator: scenario facts decide the truth, a profile decides what was recorded.

``generate`` draws scenes and renders them; ``scenarios/`` holds one module per family of incidents
with its phrase banks beside it; ``profiles`` and ``recording`` simulate a force's recording
decisions. May import: ``classifier`` (public API) only; nothing else in ``training``.
"""

from training.generator.generate import (
           OUTPUT_COLUMNS,
           generate_incidents,
           keep_audit_sample,
           write_incidents,
)
from training.generator.profiles import PROFILES, RecordingProfile, get_profile

__all__ = ["OUTPUT_COLUMNS", "PROFILES", "RecordingProfile", "generate_incidents", "get_profile",
           "keep_audit_sample", "write_incidents"]
