"""Secondary cell suppression over linked tables: which groups' survey numbers may be published.

Every published survey number is a sum over the respondents of a group (a *cell*): a count of
answers, a base N or a response count. A visitor who saves many views can add and subtract them,
so what is known is every linear combination of the published cells. The rule this module keeps:

    no linear combination of published cells rests on 1-4 respondents,

that is, no nonzero vector in the row space of the cell x respondent incidence matrix has a
support of 1-4 respondents. Respondents who belong to the same cells (an *atom*) can only appear
together in such a vector, so atoms are the columns, weighted by their respondents.

Exact test (the dual view of Gaussian elimination, as in SSB's GaussSuppression): let N be a basis
of the null space of the published matrix P. A set T of atoms carries a nonzero vector of the row
space of P within it iff the columns of N in T are linearly dependent. So the published cells are
safe iff no set of small atoms (1-4 respondents) with at most 4 respondents in all has dependent
columns in N: one column that is zero, two that are parallel, three or four in too few dimensions.

Arithmetic is exact, in the field of integers modulo a prime p just below 2^30. That direction is safe: a
combination over the rationals that isolates 1-4 respondents also does so modulo p, so a set
found safe modulo p is safe. (The rare converse, a dependency only modulo p, just hides a cell.)
The independent audit in the tests repeats the proof on the numbers the pages actually show.

:func:`choose` adds candidate cells in the order of their value to users and keeps a cell only if
the published set stays safe.
"""

from __future__ import annotations

import functools
import itertools

import numpy as np

from dashboard.data.anonymity import MIN_RESPONDENTS

RULE_VERSION = "celler-1"  # change when the rule or the order of candidates changes: stored decisions are redone
PRIME = 1_073_741_789  # the largest prime below 2^30: four products of residues sum below 2^63
SMALL = MIN_RESPONDENTS - 1          # at most this many respondents must never be isolated
_PROJECTION_SEED = 20241                  # fixed: the same data always give the same decision


def atoms(members: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(cells x atoms 0/1 matrix, respondents per atom) from a cells x respondents membership matrix."""
    if members.shape[1] == 0:
        return np.zeros((members.shape[0], 0), dtype=np.int64), np.zeros(0, dtype=np.int64)
    cols, counts = np.unique(members.astype(bool).T, axis=0, return_counts=True)
    return cols.T.astype(np.int64), counts.astype(np.int64)


def nullspace(matrix: np.ndarray) -> np.ndarray:
    """A basis (rows) of {y : matrix @ y = 0} modulo PRIME, by Gauss-Jordan elimination."""
    m = np.array(matrix, dtype=np.int64) % PRIME
    rows, cols = m.shape
    pivots: list[int] = []
    r = 0
    for c in range(cols):
        if r == rows:
            break
        nz = np.nonzero(m[r:, c])[0]
        if nz.size == 0:
            continue
        p = r + int(nz[0])
        m[[r, p]] = m[[p, r]]
        m[r] = m[r] * pow(int(m[r, c]), PRIME - 2, PRIME) % PRIME
        others = np.nonzero(m[:, c])[0]
        others = others[others != r]
        if others.size:
            m[others] = (m[others] - (m[others, c][:, None] * m[r][None, :]) % PRIME) % PRIME
        pivots.append(c)
        r += 1
    free = [c for c in range(cols) if c not in set(pivots)]
    basis = np.zeros((len(free), cols), dtype=np.int64)
    for i, f in enumerate(free):
        basis[i, f] = 1
        for row, pc in enumerate(pivots):
            basis[i, pc] = (-m[row, f]) % PRIME
    return basis


def _minors2(b: np.ndarray, i: np.ndarray, j: np.ndarray) -> list[np.ndarray]:
    """The six 2x2 minors (rows r < s) of columns i, j of the 4-row matrix b, modulo PRIME."""
    return [(b[r, i] * b[s, j] - b[s, i] * b[r, j]) % PRIME for r, s in itertools.combinations(range(4), 2)]


def _normals(b: np.ndarray, t: np.ndarray) -> np.ndarray:
    """For column triples t (n x 3) of b (4 x s): the signed 3x3 minors, whose dot product with a
    fourth column is the 4x4 determinant; all zero iff the three columns are dependent."""
    i, j, k = t[:, 0], t[:, 1], t[:, 2]
    m = dict(zip(itertools.combinations(range(4), 2), _minors2(b, j, k)))
    out = np.zeros((4, len(t)), dtype=np.int64)
    for row in range(4):
        r0, r1, r2 = (r for r in range(4) if r != row)
        det = (b[r0, i] * m[(r1, r2)] - b[r1, i] * m[(r0, r2)] + b[r2, i] * m[(r0, r1)]) % PRIME
        out[row] = det if row % 2 == 0 else (-det) % PRIME
    return out


def _combos(idx: np.ndarray, size: int) -> np.ndarray:
    if len(idx) < size:
        return np.zeros((0, size), dtype=np.int64)
    return idx[_index_combos(len(idx), size)]


@functools.lru_cache(maxsize=256)
def _index_combos(n: int, size: int) -> np.ndarray:
    """Every sorted ``size``-tuple of range(n), as rows (made once per shape: the decision asks often)."""
    flat = np.fromiter(itertools.chain.from_iterable(itertools.combinations(range(n), size)), dtype=np.int64)
    out = flat.reshape(-1, size)
    out.flags.writeable = False
    return out


def _four_rows(a: np.ndarray) -> np.ndarray:
    """A 4-row matrix whose column sets of size <= 4 are dependent whenever those of ``a`` are:
    ``a`` padded with zero rows, or a fixed random projection of it (dependencies are kept)."""
    if a.shape[0] <= 4:
        return np.vstack([a, np.zeros((4 - a.shape[0], a.shape[1]), dtype=np.int64)])
    proj = np.random.default_rng(_PROJECTION_SEED).integers(1, PRIME, size=(4, a.shape[0]), dtype=np.int64)
    return _matmul(proj, a)


def _sets(pos: np.ndarray, w: np.ndarray, size: int) -> np.ndarray:
    """Index sets of ``size`` small atoms holding at most SMALL respondents together."""
    sets = _combos(pos[w <= SMALL - (size - 1)], size)
    return sets[w[sets].sum(axis=1) <= SMALL]


def isolating_sets(published: np.ndarray, weights: np.ndarray) -> list[tuple[int, ...]]:
    """Sets of atoms (1-4 respondents in all) on which a combination of the published rows rests:
    the smallest such sets found, or [] when the published rows are safe."""
    small = np.nonzero((weights > 0) & (weights <= SMALL))[0]
    if published.shape[0] == 0 or small.size == 0:
        return []
    a = nullspace(published)[:, small]
    w, pos = weights[small], np.arange(len(small))
    hits = pos[~a.any(axis=0)][:, None]
    b = _four_rows(a)
    if not len(hits):
        pairs = _sets(pos, w, 2)
        hits = pairs[~np.any(_minors2(b, pairs[:, 0], pairs[:, 1]), axis=0)] if len(pairs) else pairs
    if not len(hits):
        triples = _sets(pos, w, 3)
        normals = _normals(b, triples)
        hits = triples[~normals.any(axis=0)]
        if not len(hits):
            hits = _quads(b, normals, triples, w)
    return [tuple(int(small[i]) for i in h) for h in hits]


def _quads(b: np.ndarray, normals: np.ndarray, triples: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Four atoms of one respondent each with dependent columns: det = normal(a, b, c) . column d."""
    ones = (w[triples] == 1).all(axis=1)
    t, nv = triples[ones], normals[:, ones]
    cand = np.nonzero(w == 1)[0]
    if not len(t):
        return np.zeros((0, 4), dtype=np.int64)
    found = []
    for last in np.unique(t[:, 2]):  # triples ending at the same atom: only later atoms complete them
        rows, later = t[:, 2] == last, cand[cand > last]
        if not later.size:
            continue
        det = sum(nv[row, rows][:, None] * b[row, later][None, :] for row in range(4)) % PRIME
        r, c = np.nonzero(det == 0)
        found.append(np.column_stack([t[rows][r], later[c]]))
    return np.concatenate(found) if found else np.zeros((0, 4), dtype=np.int64)


def _matmul(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """x @ y modulo PRIME without overflow (entries below 2^30: one product fits in int64)."""
    out = np.zeros((x.shape[0], y.shape[1]), dtype=np.int64)
    for k in range(x.shape[1]):
        out = (out + (x[:, k:k + 1] * y[k:k + 1, :]) % PRIME) % PRIME
    return out


def safe(rows: np.ndarray) -> bool:
    """Whether publishing the cells ``rows`` (cells x respondents) isolates no 1-4 respondents."""
    if rows.shape[0] == 0:
        return True
    incidence, weights = atoms(rows)
    return not isolating_sets(incidence, weights)


def choose(members: np.ndarray, order: list[int], batch: int = 16) -> list[int]:
    """Greedy secondary suppression: the cells (indices into ``members``) that may be published.

    ``order`` ranks the candidate cells, most useful first; a cell is kept if the cells kept before
    it plus it stay safe. Candidates are tried in batches: a safe batch is kept whole (each prefix of
    a safe set is safe), an unsafe one is split, so the result is that of trying one at a time."""
    members = members.astype(bool)
    candidates = [i for i in order if members[i].sum() > SMALL]
    kept: list[int] = []
    for start in range(0, len(candidates), batch):
        kept = _add(members, kept, candidates[start:start + batch])
    return kept


def _add(members: np.ndarray, kept: list[int], batch: list[int]) -> list[int]:
    if not batch:
        return kept
    if safe(members[kept + batch]):
        return kept + batch
    if len(batch) == 1:
        return kept
    mid = len(batch) // 2
    return _add(members, _add(members, kept, batch[:mid]), batch[mid:])
