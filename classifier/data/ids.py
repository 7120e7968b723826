"""A compact register of incident ids already seen in a file, for duplicate detection across chunks.

Each id is stored as a 64-bit hash with the row it first appeared on (16 bytes per id, against
100+ for a Python ``dict``), so a file of ten million rows needs about 160 MB. Two different ids
share a hash with probability about n**2 / 2**65 (3 in a million for ten million ids); if that
ever happens, the later row is rejected as a duplicate of a row whose id visibly differs.
"""

import numpy as np
import pandas as pd

__all__ = ["IdRegister", "hash_ids"]


def hash_ids(ids):
    """Return the 64-bit hashes (``uint64`` array) of a sequence of id strings."""
    values = pd.Series(ids, dtype=object).to_numpy(dtype=object)
    return pd.util.hash_array(values, categorize=False)


class IdRegister:
    """Remember which ids have been seen, and on which row each first appeared.

    Ids are kept in sorted runs of hashes; a new run is merged with the previous one while it
    is at least as large, so there are O(log n) runs and each id is moved O(log n) times.

    Examples
    --------
    >>> register = IdRegister()
    >>> register.check_and_add(["a", "b", "a"], [1, 2, 3]).tolist()
    [-1, -1, 1]
    >>> register.check_and_add(["b", "c"], [4, 5]).tolist()
    [2, -1]
    >>> len(register)
    3
    """

    def __init__(self):
        self._runs = []

    def __len__(self):
        return sum(len(hashes) for hashes, _ in self._runs)

    def check_and_add(self, ids, rows):
        """Return, per id, the row it first appeared on (earlier call or earlier here), else -1.

        Parameters
        ----------
        ids : sequence of str
            Ids in file order.
        rows : sequence of int
            Their row numbers, increasing.

        Returns
        -------
        numpy.ndarray of int64
            -1 for an id's first appearance, else the row of its first appearance.
        """
        return self.check_and_add_hashed(hash_ids(ids), np.asarray(rows, dtype=np.int64))

    def check_and_add_hashed(self, hashes, rows):
        """Like ``check_and_add`` but for ids already hashed with ``hash_ids``."""
        rows = np.asarray(rows, dtype=np.int64)
        earlier = self._lookup(hashes)
        codes, uniques = pd.factorize(hashes)
        _, first_position = np.unique(codes, return_index=True)
        first = first_position[codes]
        is_first = first == np.arange(len(codes))
        result = np.where(earlier >= 0, earlier, np.where(is_first, -1, rows[first]))
        new = is_first & (earlier < 0)
        self._add(hashes[new], rows[new])
        return result

    def _lookup(self, hashes):
        """Return the first rows for ``hashes`` (-1 where unseen)."""
        found = np.full(len(hashes), -1, dtype=np.int64)
        for run_hashes, run_rows in self._runs:
            where = np.searchsorted(run_hashes, hashes)
            where[where == len(run_hashes)] = 0
            hit = (run_hashes[where] == hashes) & (found < 0)
            found[hit] = run_rows[where[hit]]
        return found

    def _add(self, hashes, rows):
        """Add a run of new hashes and merge runs while the newer run is at least as large."""
        if len(hashes) == 0:
            return
        order = np.argsort(hashes, kind="stable")
        self._runs.append((hashes[order], rows[order]))
        while len(self._runs) > 1 and len(self._runs[-2][0]) <= len(self._runs[-1][0]):
            (newer, newer_rows), (older, older_rows) = self._runs.pop(), self._runs.pop()
            merged = np.concatenate([older, newer])
            order = np.argsort(merged, kind="stable")
            self._runs.append((merged[order], np.concatenate([older_rows, newer_rows])[order]))
