"""Per-prediction evidence: the features that pushed a log's should-record score up the most.

Contributions are exact for the linear part of the model: coefficient x feature value, before
calibration. Word n-grams and indicator counts are shown by name; character n-grams are not readable
one by one, so their contributions are summed into a single "character patterns" item.
"""

import numpy as np
import scipy.sparse as sp

WORD, CHAR, INDICATOR = 0, 1, 2
CHAR_ITEM = "character patterns"
_KIND_BY_PART = {"words": WORD, "chars": CHAR, "indicators": INDICATOR}


def feature_kinds_and_labels(feature_union):
    """Return (kinds, labels): per output column its kind and a readable label (None for chars).

    ``feature_union`` is the fitted ``FeatureUnion`` of ``CrimeRecModel``; each part's last step
    provides ``get_feature_names_out``.
    """
    kinds, labels = [], []
    for name, part in feature_union.transformer_list:
        last = part[-1] if hasattr(part, "steps") else part
        names = [str(n) for n in last.get_feature_names_out()]
        kind = _KIND_BY_PART[name]
        kinds.extend([kind] * len(names))
        labels.extend(_readable(kind, n) for n in names)
    return np.asarray(kinds, dtype=np.int8), np.asarray(labels, dtype=object)


def _readable(kind, name):
    """Turn a raw feature name into short text: 'neg_want complaint' -> 'not want complaint'."""
    if kind == CHAR:
        return None
    if kind == INDICATOR:
        return _indicator_label(name)
    words = [f"not {token[4:]}" if token.startswith("neg_") else token for token in name.split()]
    return f"'{' '.join(words)}'"


def _indicator_label(name):
    """'ind_neg_violence' -> 'negated violence indicator'; 'ind_theft' -> 'theft indicator'."""
    family = name[len("ind_"):] if name.startswith("ind_") else name
    prefix = ""
    if family.startswith("neg_"):
        family, prefix = family[len("neg_"):], "negated "
    return f"{prefix}{family.replace('_', ' ')} indicator"


def indicators_pushing_up(feature_union, coef):
    """The set of (family, negated) indicator kinds whose should-record coefficient is positive."""
    offset = 0
    for name, part in feature_union.transformer_list:
        last = part[-1] if hasattr(part, "steps") else part
        names = [str(n) for n in last.get_feature_names_out()]
        if name == "indicators":
            return {(n[len("ind_neg_"):], True) if n.startswith("ind_neg_") else (n[len("ind_"):], False)
                    for n, weight in zip(names, coef[offset:offset + len(names)]) if weight > 0}
        offset += len(names)
    return set()


def supporting_spans(doc, pushing_up, describe, *, limit=3):
    """Readable indicator spans of one log whose kind raises the score (at most ``limit``)."""
    kept = tuple(item for item in doc.indicators if (item[0], bool(item[2])) in pushing_up)
    return describe(doc._replace(indicators=kept))[:limit]


def top_contributions(features, coef, kinds, *, top_k):
    """Return, per row, up to ``top_k`` (label index or -1 for chars, contribution) pairs, largest first.

    Parameters
    ----------
    features : sparse matrix, shape (n_rows, n_features)
    coef : ndarray, shape (n_features,)
        Linear coefficients of the should-record head.
    kinds : ndarray of int8, shape (n_features,)
    top_k : int

    Returns
    -------
    list of list of (int, float)
        Only positive contributions are kept; index -1 stands for the summed character n-grams.
    """
    contributions = sp.csr_matrix(features.multiply(coef.reshape(1, -1)))
    char_columns = np.flatnonzero(kinds == CHAR)
    named_columns = np.flatnonzero(kinds != CHAR)
    named = contributions[:, named_columns].tocsr()
    char_total = np.asarray(contributions[:, char_columns].sum(axis=1)).ravel()
    # One extra column holds the character total, so a single vectorised sort ranks everything.
    ranked = sp.hstack([named, sp.csr_matrix(char_total.reshape(-1, 1))], format="csr")
    ranked.data[ranked.data <= 0] = 0
    ranked.eliminate_zeros()
    column_ids = np.append(named_columns, -1)
    return _per_row_top(ranked, column_ids, top_k)


def _per_row_top(matrix, column_ids, top_k):
    """Vectorised top-k of each CSR row: sort by (row, -value), keep the first k of each row."""
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    order = np.lexsort((-matrix.data, rows))
    position = np.arange(len(order)) - matrix.indptr[rows[order]]
    keep = order[position < top_k]
    result = [[] for _ in range(matrix.shape[0])]
    for row, column, value in zip(rows[keep], column_ids[matrix.indices[keep]], matrix.data[keep]):
        result[row].append((int(column), float(value)))
    return result


def render_evidence(pairs, labels, spans):
    """Join the ranked contributions and indicator spans into one '; '-separated string.

    Parameters
    ----------
    pairs : list of (int, float)
        Output of ``top_contributions`` for one row.
    labels : ndarray of object
        Readable label per feature column.
    spans : list of str
        Readable indicator spans for the row (``describe_indicators``), already masked.
    """
    items = [f"{CHAR_ITEM if column < 0 else labels[column]} (+{value:.2f})" for column, value in pairs]
    return "; ".join(list(spans) + items)
