"""Scoring with register copies folded into the heads (issue #13's cost): same outputs, no copies built.

``CrimeRecModel.predict_frame`` scores a model with register copies from the base features and each
head's weights folded per length class; fitting and ``featurise()`` still use the copies. These tests
hold the two paths to the same answers, and the evidence ranking to a brute-force ranking.
"""

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from classifier.model.evidence import CHAR, INDICATOR, WORD, top_contributions
from classifier.model.folded import FoldedHead

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def mixed_logs():
    """Generated logs of both lengths (the generator writes brief one-liners and long logs)."""
    from training.generator import generate_incidents

    return generate_incidents(600, seed=23)


def test_folded_and_copied_features_give_the_same_predictions(generated_model, mixed_logs):
    copied = generated_model.predict_features(generated_model.featurise(mixed_logs))
    folded = generated_model.predict_features(generated_model.featurise(mixed_logs, folded=True))
    short = generated_model.featurise(mixed_logs, folded=True).short
    assert 0 < short.sum() < len(short), "the sample must hold both length classes"
    np.testing.assert_allclose(folded["p_should_record"], copied["p_should_record"], atol=1e-4)
    np.testing.assert_allclose(folded["p_domestic_abuse"], copied["p_domestic_abuse"], atol=1e-4)
    for column in ("predicted_should_record", "predicted_category", "evidence"):
        assert folded[column].tolist() == copied[column].tolist(), column


def test_predict_frame_scores_from_the_base_features_only(generated_model, mixed_logs):
    features = generated_model.featurise(mixed_logs, folded=True)
    full_width = generated_model.record_head_.coef_.shape[1]
    assert features.matrix.shape[1] * 3 == full_width
    margins = generated_model.decision_function(features)
    copied = generated_model.decision_function(generated_model.featurise(mixed_logs))
    np.testing.assert_allclose(margins, copied, rtol=1e-4, atol=1e-4)


def test_a_refitted_head_is_folded_again(generated_model, mixed_logs):
    import copy

    model = copy.deepcopy(generated_model)
    features = model.featurise(mixed_logs.head(50), folded=True)
    before = model.decision_function(features)
    model.record_head_.coef_ = model.record_head_.coef_ * 2  # a new array, as fitting assigns
    model.record_head_.intercept_ = model.record_head_.intercept_ * 2
    after = model.decision_function(features)
    offset = getattr(model, "short_offset_", 0.0) * features.short
    np.testing.assert_allclose(after - offset, 2 * (before - offset), rtol=1e-4, atol=1e-4)


def test_folded_head_matches_sklearn_probabilities_for_several_classes():
    from sklearn.linear_model import SGDClassifier

    rng = np.random.default_rng(0)
    base = sp.random(60, 8, density=0.4, format="csr", random_state=1, dtype=np.float32)
    short = rng.random(60) < 0.5
    copies = sp.hstack([base, sp.diags(short.astype(np.float32)) @ base,
                        sp.diags((~short).astype(np.float32)) @ base], format="csr")
    labels = rng.choice(["a", "b", "c"], size=60)
    head = SGDClassifier(loss="log_loss", random_state=0).fit(copies, labels)
    np.testing.assert_allclose(FoldedHead(head).predict_proba(base, short), head.predict_proba(copies), atol=1e-5)
    binary = SGDClassifier(loss="log_loss", random_state=0).fit(copies, labels == "a")
    np.testing.assert_allclose(FoldedHead(binary).decision_function(base, short), binary.decision_function(copies),
                               atol=1e-5)


def _brute_force_top(matrix, kinds, top_k):
    """Each row's top-k positive (column or -1 for chars, value) items, sorted one row at a time."""
    result = []
    dense = matrix.toarray()
    for row in dense:
        items = [(int(c), float(row[c])) for c in range(len(row)) if kinds[c] != CHAR and row[c] > 0]
        char_total = float(row[kinds == CHAR].astype(np.float64).sum())
        if char_total > 0:
            items.append((-1, char_total))
        result.append(sorted(items, key=lambda item: -item[1])[:top_k])  # stable: column order on ties
    return result


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), rows=st.integers(0, 12), columns=st.integers(1, 30),
       density=st.floats(0.0, 1.0), top_k=st.integers(1, 6))
def test_top_contributions_equal_a_row_by_row_sort(seed, rows, columns, density, top_k):
    rng = np.random.default_rng(seed)
    # Few distinct values, so ties happen and their order is checked too.
    matrix = sp.random(rows, columns, density=density, format="csr", random_state=seed,
                       data_rvs=lambda n: rng.integers(-3, 4, size=n) / 4).astype(np.float32)
    kinds = rng.choice([WORD, CHAR, INDICATOR], size=columns).astype(np.int8)
    ranked = top_contributions(matrix, None, kinds, top_k=top_k)
    expected = _brute_force_top(matrix, kinds, top_k)
    assert [[(c, pytest.approx(v)) for c, v in row] for row in expected] == ranked


def test_an_adapted_model_scores_folded_features_as_it_scores_the_copies(generated_model, mixed_logs):
    from classifier.model.adapted import AdaptedModel, ForceVocabulary, LinearHead

    copied = generated_model.featurise(mixed_logs)
    vocabulary = ForceVocabulary(min_df=1).fit(copied.docs)
    width = vocabulary.n_features_ + copied.matrix.shape[1]
    heads = [LinearHead(np.random.default_rng(seed).normal(size=width), 0.3) for seed in range(2)]
    model = AdaptedModel(generated_model, vocabulary, heads)
    folds = np.arange(len(mixed_logs)) % 2
    folded = model.featurise(mixed_logs, folded=True)
    np.testing.assert_allclose(model.decision_function(folded, folds=folds),
                               model.decision_function(copied, folds=folds), rtol=1e-4, atol=1e-3)
    by_frame = model.predict_frame(mixed_logs.assign(incident_id=[f"F{i}" for i in range(len(mixed_logs))]))
    assert by_frame["p_should_record"].between(0, 1).all() and "_folds" not in model.__getstate__()


def test_an_adapted_model_that_keeps_its_base_scores_exactly_as_the_base(generated_model, mixed_logs):
    from classifier.model.adapted import AdaptedModel, ForceVocabulary, LinearHead

    docs = generated_model.featurise(mixed_logs.head(50)).docs
    vocabulary = ForceVocabulary(min_df=1).fit(docs)
    width = vocabulary.n_features_ + generated_model.record_head_.coef_.shape[1]
    model = AdaptedModel(generated_model, vocabulary, [LinearHead(np.ones(width), 5.0)], adopted=[False])
    logs = mixed_logs.assign(incident_id=[f"K{i}" for i in range(len(mixed_logs))])
    kept, base = model.predict_frame(logs), generated_model.predict_frame(logs)
    assert kept["p_should_record"].tolist() == base["p_should_record"].tolist()
    assert kept["predicted_should_record"].tolist() == base["predicted_should_record"].tolist()
