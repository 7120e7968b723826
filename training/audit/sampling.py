"""Choose which scored logs to audit next, with known inclusion probabilities.

Near-duplicate logs are first grouped (MinHash over word 3-grams), then groups are drawn by randomised
systematic sampling with inclusion probabilities pi that favour uncertain predictions, are
proportional to group size, or mix the two; one member of each drawn group is picked at random. Every
row's probability of being proposed is therefore known exactly and positive, so the audit results can
be weighted by 1/pi for unbiased recording-rate estimates. The derivation is in docs/RETRAINING.md.
"""

import re

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from classifier import SchemaError

__all__ = [
    "STRATEGIES",
    "AUDIT_COLUMNS",
    "propose_audit_sample",
    "pps_inclusion_probabilities",
    "group_near_duplicates",
]

STRATEGIES = ("uncertainty", "proportional", "mixed")
# Columns added to the proposed sample, after the scored file's own columns.
AUDIT_COLUMNS = ("inclusion_probability", "audit_strategy", "near_duplicates")
_PRIME = (1 << 31) - 1  # hash values stay below 2**31, so a * x + b fits in 64 bits
_N_HASHES, _BAND_ROWS = 64, 4  # 16 bands of 4: a pair with Jaccard 0.8 shares a band with p > 0.999
_TOKEN = re.compile(r"\w+")


def propose_audit_sample(scored, n, *, strategy="mixed", seed=0, alpha=0.5, floor=0.02,
                         dedupe_threshold=0.8):
    """Propose ``n`` scored logs to audit, each with its inclusion probability.

    Parameters
    ----------
    scored : pandas.DataFrame
        Scored logs (``crimerec score`` output): ``incident_id``, ``narrative`` and
        ``p_should_record`` are required; ``closing_comment`` is used for near-duplicate detection.
    n : int
        Logs to propose; at most the number of near-duplicate groups.
    strategy : {'uncertainty', 'proportional', 'mixed'}, default='mixed'
        ``'proportional'``: every log has (about) the same chance n/N — best for rate estimates.
        ``'uncertainty'``: chance grows with p(1-p) + ``floor`` — best for improving the model.
        ``'mixed'``: pi = alpha * pi_proportional + (1 - alpha) * pi_uncertainty — a defensive mixture
        whose weights 1/pi never exceed N / (alpha * n).
    seed : int, default=0
        Seed of the draw; the same inputs and seed give the same sample.
    alpha : float, default=0.5
        Proportional share of the ``'mixed'`` strategy, in [0, 1].
    floor : float, default=0.02
        Added to p(1-p) so confident logs keep a positive chance (required for valid weights).
    dedupe_threshold : float or None, default=0.8
        Logs whose estimated word-3-gram Jaccard similarity reaches this are one near-duplicate
        group, and at most one of them is proposed. None treats every log as its own group.

    Returns
    -------
    pandas.DataFrame
        The proposed rows (all input columns, in input order) plus ``inclusion_probability`` (the
        exact probability that this row was proposed), ``audit_strategy`` and ``near_duplicates``
        (how many other logs its group holds).

    Raises
    ------
    SchemaError
        A required column is missing or ``p_should_record`` is not a probability.
    ValueError
        ``n``, ``strategy``, ``alpha``, ``floor`` or ``dedupe_threshold`` is out of range.

    Examples
    --------
    >>> import pandas as pd
    >>> scored = pd.DataFrame({"incident_id": [f"L{i}" for i in range(6)],
    ...     "narrative": ["push in street", "noise from flat", "shed broken into", "phone stolen",
    ...                   "threats by text", "lost dog"],
    ...     "p_should_record": [0.5, 0.05, 0.9, 0.6, 0.45, 0.02]})
    >>> sample = propose_audit_sample(scored, 3, strategy="proportional", seed=1)
    >>> len(sample), sample["inclusion_probability"].tolist()
    (3, [0.5, 0.5, 0.5])
    """
    _check_options(n, strategy, alpha, floor, dedupe_threshold)
    p = _probabilities(scored)
    groups = _groups(scored, dedupe_threshold, seed)
    pi_group = _group_probabilities(p, groups, n, strategy=strategy, alpha=alpha, floor=floor)
    rng = np.random.default_rng(seed)
    chosen_groups = _systematic_sample(pi_group, rng)
    rows, pi_rows, sizes = _pick_members(groups, chosen_groups, pi_group, rng)
    sample = scored.iloc[rows].copy()
    sample["inclusion_probability"] = pi_rows
    sample["audit_strategy"] = strategy
    sample["near_duplicates"] = sizes - 1
    return sample


def _check_options(n, strategy, alpha, floor, dedupe_threshold):
    """Raise ValueError naming the option that is out of range."""
    if strategy not in STRATEGIES:
        raise ValueError(f"Audit strategy must be one of {list(STRATEGIES)}. Got {strategy!r} instead.")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"The audit sample size must be a whole number >= 1. Got {n!r} instead.")
    if not 0.0 <= alpha <= 1.0:
        raise ValueError(f"alpha (the proportional share of 'mixed') must be in [0, 1]. Got {alpha} instead.")
    if not 0.0 < floor <= 1.0:
        raise ValueError(f"floor must be in (0, 1] so every log keeps a positive chance. Got {floor} instead.")
    if dedupe_threshold is not None and not 0.0 < dedupe_threshold <= 1.0:
        raise ValueError("dedupe_threshold must be in (0, 1] or None to keep near-duplicates. "
                         f"Got {dedupe_threshold} instead.")


def _probabilities(scored):
    """Return ``p_should_record`` as floats, or raise SchemaError naming the first bad row."""
    missing = [c for c in ("incident_id", "narrative", "p_should_record") if c not in scored.columns]
    if missing:
        raise SchemaError(f"Audit sampling needs a scored file (crimerec score output); column(s) {missing} "
                          f"are missing. Columns present: {list(scored.columns)}.")
    p = pd.to_numeric(scored["p_should_record"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    bad = np.flatnonzero(~((p >= 0) & (p <= 1)))
    if len(bad):
        raise SchemaError(f"p_should_record must be a probability in [0, 1] on every row; data row {bad[0] + 1} "
                          f"(incident_id {scored['incident_id'].iloc[bad[0]]!s}) has "
                          f"{scored['p_should_record'].iloc[bad[0]]!r}. Rescore the file with crimerec score.")
    return p


def _groups(scored, threshold, seed):
    """Near-duplicate group label per row (every row its own group when threshold is None)."""
    if threshold is None:
        return np.arange(len(scored))
    texts = scored["narrative"].astype(str)
    if "closing_comment" in scored.columns:
        texts = texts + " " + scored["closing_comment"].fillna("").astype(str)
    return group_near_duplicates(texts.tolist(), threshold=threshold, seed=seed)


def _group_probabilities(p, groups, n, *, strategy, alpha, floor):
    """Inclusion probability of each near-duplicate group under the chosen strategy."""
    sizes = np.bincount(groups)
    if n > len(sizes):
        raise ValueError(f"Cannot propose {n} logs: the file has only {len(sizes)} distinct logs after "
                         f"grouping near-duplicates ({len(p)} rows). Ask for at most {len(sizes)}.")
    uncertainty = np.bincount(groups, weights=p * (1 - p)) / sizes + floor
    proportional = pps_inclusion_probabilities(sizes, n)
    if strategy == "proportional":
        return proportional
    by_uncertainty = pps_inclusion_probabilities(uncertainty, n)
    if strategy == "uncertainty":
        return by_uncertainty
    return alpha * proportional + (1 - alpha) * by_uncertainty


def pps_inclusion_probabilities(size, n):
    """Inclusion probabilities proportional to ``size`` for a fixed sample size ``n``, capped at 1.

    Units whose share would exceed 1 are taken with certainty and the rest of ``n`` is shared out
    again among the others, until no probability exceeds 1. The result sums to ``n``.

    Parameters
    ----------
    size : array-like of float
        Positive size measure per unit.
    n : int
        Sample size, at most the number of units.

    Returns
    -------
    numpy.ndarray of float

    Examples
    --------
    >>> pps_inclusion_probabilities([1, 1, 1, 1], 2).tolist()
    [0.5, 0.5, 0.5, 0.5]
    >>> pps_inclusion_probabilities([10, 1, 1, 1, 1], 2).tolist()
    [1.0, 0.25, 0.25, 0.25, 0.25]
    """
    size = np.asarray(size, dtype=float)
    if (size <= 0).any() or not np.isfinite(size).all():
        raise ValueError("Every size must be a positive finite number so every unit can be drawn.")
    if not 0 < n <= len(size):
        raise ValueError(f"n must be between 1 and the number of units ({len(size)}). Got {n} instead.")
    pi = np.zeros(len(size))
    certain = np.zeros(len(size), dtype=bool)
    while True:
        remaining = n - certain.sum()
        pi[~certain] = remaining * size[~certain] / size[~certain].sum()
        pi[certain] = 1.0
        over = (pi > 1.0) & ~certain
        if not over.any():
            return np.minimum(pi, 1.0)
        certain |= over


def _systematic_sample(pi, rng):
    """Randomised systematic sampling: exactly round(sum(pi)) units, unit i drawn with probability pi[i].

    Units are put in random order and laid end to end on a line, unit i taking a segment of length
    pi[i]; the points u, u+1, ..., u+n-1 (u uniform on [0, 1)) select the units they fall in. A segment
    no longer than 1 holds a point with probability exactly its length.
    """
    order = rng.permutation(len(pi))
    ends = np.cumsum(pi[order])
    n = int(round(ends[-1]))
    ends *= n / ends[-1]  # remove floating-point drift so exactly n points fall on the line
    points = rng.random() + np.arange(n)
    hits = np.searchsorted(ends, points, side="right")
    return np.sort(order[np.minimum(hits, len(pi) - 1)])


def _pick_members(groups, chosen_groups, pi_group, rng):
    """Pick one row at random from each chosen group; return rows, their probabilities, group sizes."""
    sizes = np.bincount(groups)
    order = np.argsort(groups, kind="stable")
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    offsets = (rng.random(len(chosen_groups)) * sizes[chosen_groups]).astype(int)
    rows = order[starts[chosen_groups] + offsets]
    keep = np.argsort(rows)
    chosen = chosen_groups[keep]
    return rows[keep], pi_group[chosen] / sizes[chosen], sizes[chosen]


def group_near_duplicates(texts, *, threshold=0.8, seed=0):
    """Label near-duplicate texts with a shared group number.

    Texts are lower-cased, split into words and represented by their word 3-grams; MinHash
    signatures (64 hashes) estimate the Jaccard similarity of two texts' 3-gram sets, and
    locality-sensitive hashing (16 bands of 4) finds the candidate pairs, so the cost grows linearly
    with the number of texts. Pairs whose estimated similarity reaches ``threshold`` are joined, and
    groups are the connected components (so a chain of near-duplicates forms one group).

    Parameters
    ----------
    texts : sequence of str
    threshold : float, default=0.8
        Estimated Jaccard similarity (0-1) at which two texts count as near-duplicates.
    seed : int, default=0
        Seed of the hash functions.

    Returns
    -------
    numpy.ndarray of int
        Group numbers 0..k-1, numbered in order of first appearance.

    Examples
    --------
    >>> group_near_duplicates(["Male pushed victim to the floor outside the shop on the high street",
    ...                        "male pushed victim to the floor outside the shop on the high street.",
    ...                        "Dog barking all night next door"]).tolist()
    [0, 0, 1]
    """
    signatures = _minhash_signatures(texts, seed)
    edges = _candidate_edges(signatures, threshold)
    graph = coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(len(texts),) * 2)
    _, labels = connected_components(graph, directed=False)
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    renumber = np.empty(len(first), dtype=int)
    renumber[np.argsort(first)] = np.arange(len(first))
    return renumber[inverse]


def _shingle_ids(text, vocabulary):
    """Integer ids of a text's words; ids come from a shared growing vocabulary."""
    return [vocabulary.setdefault(token, len(vocabulary)) for token in _TOKEN.findall(str(text).lower())]


def _minhash_signatures(texts, seed):
    """MinHash signatures (n_texts x _N_HASHES) of the word 3-gram sets of ``texts``."""
    vocabulary = {}
    token_ids = [_shingle_ids(text, vocabulary) for text in texts]
    rng = np.random.default_rng(seed)
    a = rng.integers(1, _PRIME, _N_HASHES, dtype=np.uint64)
    b = rng.integers(0, _PRIME, _N_HASHES, dtype=np.uint64)
    prime = np.uint64(_PRIME)
    signatures = np.empty((len(texts), _N_HASHES), dtype=np.uint32)  # values < 2**31: 256 bytes a log
    for start in range(0, len(texts), 5000):
        hashes, offsets = _shingle_hashes(token_ids[start:start + 5000])
        for k in range(_N_HASHES):
            values = (a[k] * hashes + b[k]) % prime
            signatures[start:start + len(offsets), k] = np.minimum.reduceat(values, offsets)
    return signatures


def _shingle_hashes(token_lists):
    """Flat 31-bit hashes of every text's word 3-grams, and each text's start offset.

    A text with fewer than three words is one shingle of whatever words it has (an empty text is one
    empty shingle), so every text has at least one shingle. All texts are hashed in one vectorised
    pass over their concatenated word ids; windows that straddle two texts are dropped.
    """
    padded = [tokens if len(tokens) >= 3 else tokens + [-1] * (3 - len(tokens)) for tokens in token_lists]
    lengths = np.fromiter((len(tokens) for tokens in padded), dtype=np.int64, count=len(padded))
    flat = np.fromiter((t + 1 for tokens in padded for t in tokens), dtype=np.uint64, count=int(lengths.sum()))
    mult = np.array([1_000_003, 8_191, 131_071], dtype=np.uint64)
    windows = flat[:-2] * mult[0] + flat[1:-1] * mult[1] + flat[2:] * mult[2]
    starts = np.r_[0, np.cumsum(lengths)[:-1]]
    n_windows = lengths - 2
    # position of every valid window: start of its text + 0 .. n_windows - 1
    within = np.arange(int(n_windows.sum())) - np.repeat(np.r_[0, np.cumsum(n_windows)[:-1]], n_windows)
    positions = np.repeat(starts, n_windows) + within
    offsets = np.r_[0, np.cumsum(n_windows)[:-1]]
    return windows[positions] % np.uint64(_PRIME), offsets


def _candidate_edges(signatures, threshold):
    """Pairs (i, j) sharing an LSH band whose estimated Jaccard similarity reaches ``threshold``.

    Within each band's bucket every member is compared with the bucket's first member only, which
    keeps the work linear even for a bucket of thousands of copies of the same log.
    """
    n = len(signatures)
    found = [np.empty((0, 2), dtype=np.int64)]
    weights = np.random.default_rng(12345).integers(1, 1 << 62, _BAND_ROWS, dtype=np.uint64)
    for band in range(_N_HASHES // _BAND_ROWS):
        block = signatures[:, band * _BAND_ROWS:(band + 1) * _BAND_ROWS]
        keys = (block * weights).sum(axis=1)
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        leader_pos = np.searchsorted(sorted_keys, sorted_keys, side="left")
        members, leaders = order, order[leader_pos]
        pair = members != leaders
        if not pair.any():
            continue
        i, j = leaders[pair], members[pair]
        similarity = (signatures[i] == signatures[j]).mean(axis=1)
        found.append(np.c_[i, j][similarity >= threshold])
    edges = np.concatenate(found)
    return edges if n else np.empty((0, 2), dtype=np.int64)
