"""Scenario families of the generator, one module each, with their phrase banks beside them (``*_banks``).

Each scenario turns drawn facts into a ``Case`` whose ``should_record`` follows the NCRS primer; the
rule applied is written next to the code. ``common`` holds the shared building blocks.
"""

__all__ = []
