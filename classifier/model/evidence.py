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
    coef : ndarray of shape (n_features,), or None
        Linear coefficients of the should-record head; None when ``features`` already holds the
        contributions (a model with register copies folds each row's weights itself).
    kinds : ndarray of int8, shape (n_features,)
    top_k : int

    Returns
    -------
    list of list of (int, float)
        Only positive contributions are kept; index -1 stands for the summed character n-grams.
    """
    contributions = sp.csr_matrix(features if coef is None else features.multiply(coef.reshape(1, -1)))
    contributions.sum_duplicates()
    n_rows = contributions.shape[0]
    rows = np.repeat(np.arange(n_rows), np.diff(contributions.indptr))
    columns, values = contributions.indices, contributions.data
    is_char = kinds[columns] == CHAR
    char_total = np.bincount(rows[is_char], weights=values[is_char], minlength=n_rows).astype(values.dtype)
    named = ~is_char & (values > 0)
    rows, columns, values = rows[named], columns[named], values[named]
    kth = _kth_largest(rows, values, char_total, n_rows, top_k)
    named = values >= kth[rows]
    with_chars = np.flatnonzero((char_total > 0) & (char_total >= kth))
    # Named items in column order, then each row's character total: ties keep that order.
    return _per_row_top(np.concatenate([rows[named], with_chars]),
                        np.concatenate([columns[named], np.full(len(with_chars), -1)]),
                        np.concatenate([values[named], char_total[with_chars]]), n_rows, top_k)


def _kth_largest(rows, values, extra, n_rows, top_k):
    """Each row's ``top_k``-th largest value among its items and its ``extra`` value (-inf if fewer).

    Items below it cannot be in the row's top k, so they are dropped before sorting: a few items
    per row are then sorted instead of hundreds. ``rows`` must be ascending.
    """
    sizes = np.bincount(rows, minlength=n_rows)
    width = int(sizes.max(initial=0)) + 1
    if width <= top_k:
        return np.full(n_rows, -np.inf)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    padded = np.full((n_rows, width), -np.inf, dtype=values.dtype)
    padded[rows, np.arange(len(rows)) - starts[rows]] = values
    padded[:, -1] = extra
    return np.partition(padded, -top_k, axis=1)[:, -top_k]


def _per_row_top(rows, columns, values, n_rows, top_k):
    """Vectorised top-k of each row's (column, value) items: stable sort by (row, -value), keep k per row."""
    order = np.lexsort((-values, rows))
    starts = np.searchsorted(rows[order], np.arange(n_rows))
    position = np.arange(len(order)) - starts[rows[order]]
    keep = order[position < top_k]
    result = [[] for _ in range(n_rows)]
    for row, column, value in zip(rows[keep], columns[keep], values[keep]):
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
