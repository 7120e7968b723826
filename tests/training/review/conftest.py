"""Fixtures of the review app's tests (the logs themselves are in review_data.py)."""

import pytest
from review_data import make_review_scored


@pytest.fixture
def review_scored(tmp_path):
    """The scored logs written to a CSV file; returns its path."""
    from classifier import write_frame

    path = tmp_path / "scored.csv"
    write_frame(make_review_scored(), path)
    return path
