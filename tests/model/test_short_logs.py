"""Short logs (issue #13): register copies of the features, the short-log margin offset, and that an
offence written as a one-line log is not scored as no crime.

Non-regression tests for: a model trained on long call-handler logs only scored "Assault on staff
member"-style one-liners near 0 whatever offence words they held.
"""

import numpy as np
import pytest
import scipy.sparse as sp

from classifier.model.features import RegisterCopies, short_rows
from classifier.model.heads import length_offset
from classifier.text import LogPreprocessor

# One-line logs written for this test (not by the generator's templates), with their label.
ONE_LINERS = (
    ("Laptop stolen from a desk in the open-plan office", True),
    ("Push bike taken from outside the leisure centre, D-lock cut", True),
    ("Door supervisor punched in the face by a customer", True),
    ("Both rear tyres slashed on a parked car overnight, damage 300", True),
    ("Handbag snatched from a woman at the bus station", True),
    ("Bus driver threatened with a knife by a passenger", True),
    ("Lost a wallet somewhere in the shopping centre", False),
    ("Fire alarm sounding at the sports hall, burnt toast", False),
    ("Welfare check on an elderly resident, found safe and well", False),
    ("Noise complaint, loud music from a house party", False),
    ("Pedestrian slipped on ice and hurt her wrist", False),
    ("Keys found in the car park and handed in at reception", False),
)


class _Stub:
    """A stand-in feature union: every log becomes the row [1, 2]."""

    transformer_list = []

    def fit(self, X):
        return self

    def fit_transform(self, X):
        return self.transform(X)

    def transform(self, X):
        return sp.csr_matrix(np.tile([1.0, 2.0], (len(X), 1)))


def test_register_copies_put_each_log_in_its_length_block():
    docs = LogPreprocessor().transform(["bike stolen", " ".join(["word"] * 40)])
    copies = RegisterCopies(_Stub(), short_tokens=30).fit_transform(docs)
    matrix = copies.toarray()
    assert matrix.shape == (2, 6)
    np.testing.assert_array_equal(matrix[0], [1, 2, 1, 2, 0, 0])
    np.testing.assert_array_equal(matrix[1], [1, 2, 0, 0, 1, 2])
    coef = np.array([1.0, 1.0, 10.0, 10.0, 100.0, 100.0])
    contributions = RegisterCopies.contributions(copies, coef).toarray()
    np.testing.assert_array_equal(contributions, [[11, 22], [101, 202]])
    assert short_rows(docs, 30).tolist() == [True, False]


@pytest.mark.parametrize("recall", [0.8, 0.95], ids=["recall-0.80", "recall-0.95"])
def test_length_offset_lines_up_the_recall_of_both_length_classes(recall):
    rng = np.random.default_rng(0)
    margins = np.r_[rng.normal(3, 1, 500), rng.normal(1, 1, 500)]
    short = np.r_[np.zeros(500, bool), np.ones(500, bool)]
    y = np.ones(1000, bool)
    shifted = margins + length_offset(margins, y, short, recall) * short
    cut = np.quantile(shifted[~short], 1 - recall)
    assert abs((shifted[short] >= cut).mean() - recall) < 0.01


def test_length_offset_is_zero_without_enough_positives_in_a_class():
    assert length_offset(np.arange(30.0), np.ones(30, bool), np.r_[np.ones(25, bool), np.zeros(5, bool)], 0.9) == 0.0


@pytest.mark.slow
def test_an_offence_in_a_one_line_log_is_not_scored_as_no_crime(generated_model):
    import pandas as pd

    frame = pd.DataFrame({"incident_id": [str(i) for i in range(len(ONE_LINERS))],
                          "narrative": [text for text, _ in ONE_LINERS]})
    scored = generated_model.predict_frame(frame)
    expected = np.array([label for _, label in ONE_LINERS])
    assert scored["predicted_should_record"].to_numpy()[expected].all(), scored[expected]
    assert scored.loc[expected, "predicted_category"].ne("No crime").all()
    # Ranking: every offence one-liner above every non-crime one-liner.
    p = scored["p_should_record"].to_numpy()
    assert p[expected].min() > p[~expected].max()


@pytest.mark.slow
def test_a_model_trained_on_generated_logs_keeps_short_and_long_offsets_apart(generated_model):
    assert generated_model.short_offset_ != 0.0
    assert 0.0 < generated_model.threshold_ < 1.0
