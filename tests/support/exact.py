"""Exact linear algebra for the disclosure audit, written independently of dashboard.data.disclosure.

A published cell is a 0/1 row over respondents. What a visitor can compute is every linear
combination of published rows (the row space). Respondents in the same cells form an *atom*; a
row-space vector is constant on an atom. The published rows isolate a set T of atoms iff some
nonzero row-space vector is supported on T, iff the columns T of a null-space basis N are linearly
dependent (the row space is the orthogonal complement of the null space).

* :func:`nullspace` gives an exact rational null-space basis (as integer rows): Gauss-Jordan modulo the
  prime P (fast, numpy), rational reconstruction of the reduced entries, and an exact check with
  Python integers that every basis row is annihilated by the matrix. The check proves the rank over
  the rationals equals the rank modulo P, so the basis is exact; if it fails, fraction-free
  Gauss-Jordan on Python integers (:func:`nullspace_fraction_free`) is used instead.
* :func:`isolating_sets` finds the sets of small atoms (1-4 respondents in all) on which a row-space
  vector rests: only atoms in the support of the dependencies among small columns can take part;
  candidate sets are screened modulo P (a rational dependency of integer columns is one modulo P,
  and stays one under a linear projection) and every flagged set is confirmed with Fractions.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np

P = 2_147_483_647            # 2^31 - 1, prime: a product of two residues fits in int64
BOUND = math.isqrt(P // 2)   # rational reconstruction: numerator and denominator at most this
SMALL = 4                    # at most this many respondents must never be isolated
_SEED = 18


# -- null spaces ---------------------------------------------------------------------------------

def _rref_mod(m: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """Reduced row echelon form modulo P: (the nonzero rows, the pivot columns)."""
    m = np.array(m, dtype=np.int64) % P
    pivots: list[int] = []
    for c in range(m.shape[1]):
        done = len(pivots)
        below = m[done:, c] != 0
        if done == m.shape[0] or not below.any():
            continue
        i = done + int(np.argmax(below))
        m[[done, i]] = m[[i, done]]
        pivot = m[done] * pow(int(m[done, c]), P - 2, P) % P
        factors = m[:, c].copy()
        m = (m - (factors[:, None] * pivot[None, :]) % P) % P  # every row loses its multiple of the pivot ...
        m[done] = pivot                                        # ... and the pivot row is put back
        pivots.append(c)
    return m[:len(pivots)], pivots


def _reconstruct(a: int) -> Fraction | None:
    r0, r1, s0, s1 = P, int(a), 0, 1
    while r1 > BOUND:
        q = r0 // r1
        r0, r1, s0, s1 = r1, r0 - q * r1, s1, s0 - q * s1
    if s1 == 0 or abs(s1) > BOUND:
        return None
    return Fraction(r1, s1)


def _integer_rows(vectors: list[list[Fraction]]) -> list[list[int]]:
    out = []
    for v in vectors:
        scale = math.lcm(*(x.denominator for x in v)) if v else 1
        ints = [int(x * scale) for x in v]
        g = math.gcd(*ints) or 1
        out.append([x // g for x in ints])
    return out


def _annihilates(matrix: np.ndarray, basis: list[list[int]]) -> bool:
    if not basis:
        return True
    a = np.array(matrix, dtype=object)
    b = np.array(basis, dtype=object)
    return not np.any(a.dot(b.T))


def nullspace(matrix) -> list[list[int]]:
    """An exact basis (integer rows) of {y : matrix @ y = 0} over the rationals."""
    m = np.array(matrix, dtype=object)
    if m.ndim != 2:
        raise ValueError("a matrix is two-dimensional")
    cols = m.shape[1]
    if m.shape[0] == 0:
        return [[int(i == j) for j in range(cols)] for i in range(cols)]
    if max(abs(int(x)) for x in m.flat) >= P // 2:  # residues would not stand for the integers
        return nullspace_fraction_free(m.tolist(), cols)
    m = m.astype(np.int64)
    reduced, pivots = _rref_mod(m)
    free = [c for c in range(cols) if c not in set(pivots)]
    vectors = []
    for f in free:
        v = [Fraction(0)] * cols
        v[f] = Fraction(1)
        for row, pc in enumerate(pivots):
            q = _reconstruct((-int(reduced[row, f])) % P)
            if q is None:
                return nullspace_fraction_free(m.tolist(), cols)
            v[pc] = q
        vectors.append(v)
    basis = _integer_rows(vectors)
    return basis if _annihilates(m, basis) else nullspace_fraction_free(m.tolist(), cols)


def nullspace_fraction_free(rows: list[list[int]], cols: int) -> list[list[int]]:
    """The same basis by fraction-free Gauss-Jordan elimination on Python integers (slow, exact)."""
    m = [list(map(int, r)) for r in rows if any(r)]
    pivots: list[int] = []
    r = 0
    for c in range(cols):
        i = next((k for k in range(r, len(m)) if m[k][c]), None)
        if i is None:
            continue
        m[r], m[i] = m[i], m[r]
        p = m[r]
        for k in range(len(m)):
            if k != r and m[k][c]:
                a, b = p[c], m[k][c]
                row = [a * x - b * y for x, y in zip(m[k], p)]
                g = math.gcd(*row) or 1
                m[k] = [x // g for x in row]
        pivots.append(c)
        r += 1
    vectors = []
    for f in (c for c in range(cols) if c not in set(pivots)):
        v = [Fraction(0)] * cols
        v[f] = Fraction(1)
        for row, pc in enumerate(pivots):
            v[pc] = Fraction(-m[row][f], m[row][pc])
        vectors.append(v)
    return _integer_rows(vectors)


def rank(columns: list[list[int]]) -> int:
    """The rank over the rationals of a few integer vectors (Fractions)."""
    rows = [[Fraction(x) for x in c] for c in columns]
    r = 0
    for c in range(len(rows[0]) if rows else 0):
        i = next((k for k in range(r, len(rows)) if rows[k][c]), None)
        if i is None:
            continue
        rows[r], rows[i] = rows[i], rows[r]
        for k in range(r + 1, len(rows)):
            if rows[k][c]:
                f = rows[k][c] / rows[r][c]
                rows[k] = [x - f * y for x, y in zip(rows[k], rows[r])]
        r += 1
        if r == len(rows):
            break
    return r


# -- isolated sets of small atoms ------------------------------------------------------------------

def _mulmod(a, b):
    return (a % P) * (b % P) % P


def _det3(x: np.ndarray, r: tuple[int, int, int], a, b, c) -> np.ndarray:
    r0, r1, r2 = r

    def minor(u, v):
        return (_mulmod(x[r1, u], x[r2, v]) - _mulmod(x[r1, v], x[r2, u])) % P
    return (_mulmod(x[r0, a], minor(b, c)) - _mulmod(x[r0, b], minor(a, c)) + _mulmod(x[r0, c], minor(a, b))) % P


def _det4(x: np.ndarray, q: np.ndarray) -> np.ndarray:
    """4x4 determinants of the column quadruples q (n x 4) of the 4-row x, modulo P (Laplace on rows 0-1)."""
    def m(rows, i, j):
        u, v = q[:, i], q[:, j]
        return (_mulmod(x[rows[0], u], x[rows[1], v]) - _mulmod(x[rows[0], v], x[rows[1], u])) % P
    total = np.zeros(len(q), dtype=np.int64)
    for (i, j), sign in zip(itertools.combinations(range(4), 2), (1, -1, 1, 1, -1, 1)):
        k, l_ = (c for c in range(4) if c not in (i, j))
        total = (total + sign * _mulmod(m((0, 1), i, j), m((2, 3), k, l_))) % P
    return total


def _combos(items: list[int], size: int, chunk: int = 400_000):
    """Index tuples of ``size`` items, as int arrays of at most ``chunk`` rows."""
    it = itertools.combinations(items, size)
    while True:
        block = np.fromiter(itertools.chain.from_iterable(itertools.islice(it, chunk)), dtype=np.int64)
        if block.size == 0:
            return
        yield block.reshape(-1, size)


def _project(columns: np.ndarray) -> np.ndarray:
    """A fixed random 4-row image modulo P of the columns (k x s): dependencies are kept."""
    k = columns.shape[0]
    if k <= 4:
        return np.vstack([columns % P, np.zeros((4 - k, columns.shape[1]), dtype=np.int64)])
    proj = np.random.default_rng(_SEED).integers(1, P, size=(4, k), dtype=np.int64)
    out = np.zeros((4, columns.shape[1]), dtype=np.int64)
    for i in range(k):
        out = (out + _mulmod(proj[:, i:i + 1], columns[i:i + 1, :])) % P
    return out


def _dependent(n: list[list[int]], atoms: tuple[int, ...]) -> bool:
    return rank([[row[a] for row in n] for a in atoms]) < len(atoms)


def isolating_sets(cells, weights) -> list[tuple[int, ...]]:
    """The minimal sets of atoms holding 1-4 respondents in all on which a linear combination of the
    cells (cells x atoms 0/1 matrix) rests, each confirmed exactly; [] means the cells are safe."""
    cells = np.array(cells, dtype=np.int64).reshape(-1, len(weights))
    w = np.asarray(weights, dtype=np.int64)
    small = [j for j in range(len(w)) if 1 <= w[j] <= SMALL]
    n = nullspace(cells) if cells.shape[0] else [[int(i == j) for j in range(len(w))] for i in range(len(w))]
    if not small:
        return []
    if not n:
        return [(j,) for j in small]
    sub = [[row[j] for j in small] for row in n]
    deps = nullspace(sub)  # vectors on the small atoms that some published combination equals
    support = sorted({small[i] for d in deps for i, x in enumerate(d) if x})
    return _search(n, support, w)


def _search(n: list[list[int]], support: list[int], w: np.ndarray) -> list[tuple[int, ...]]:
    found: list[tuple[int, ...]] = [(a,) for a in support if not any(row[a] for row in n)]
    pool = [a for a in support if (a,) not in set(found)]
    if len(pool) < 2:
        return found
    cols = np.array([[row[a] for a in pool] for row in n], dtype=object)
    x = _project(np.array((cols % P).tolist(), dtype=np.int64))
    idx = np.arange(len(pool))
    weight = w[pool]
    for size in (2, 3, 4):
        for block in _combos(list(idx[weight <= SMALL - size + 1]), size):
            block = block[weight[block].sum(axis=1) <= SMALL]
            hit = _flag(x, block)
            for t in block[hit]:
                atoms = tuple(pool[i] for i in t)
                if not any(set(f) <= set(atoms) for f in found) and _dependent(n, atoms):
                    found.append(atoms)
    return found


def _flag(x: np.ndarray, block: np.ndarray) -> np.ndarray:
    """Column sets of x (4 rows) that are linearly dependent modulo P."""
    if len(block) == 0:
        return np.zeros(0, dtype=bool)
    size = block.shape[1]
    if size == 4:
        return _det4(x, block) == 0
    cols = [block[:, i] for i in range(size)]
    if size == 3:
        return np.all([_det3(x, r, *cols) == 0 for r in itertools.combinations(range(4), 3)], axis=0)
    a, b = cols
    return np.all([(_mulmod(x[r, a], x[s, b]) - _mulmod(x[s, a], x[r, b])) % P == 0
                   for r, s in itertools.combinations(range(4), 2)], axis=0)


def atoms(cells: list[frozenset], people: list) -> tuple[np.ndarray, np.ndarray, list[list]]:
    """(cells x atoms 0/1 matrix, respondents per atom, the respondents of each atom) for the people
    that some cell holds; people in the same cells form one atom."""
    sig: dict[tuple, list] = {}
    for p in people:
        key = tuple(i for i, c in enumerate(cells) if p in c)
        if key:
            sig.setdefault(key, []).append(p)
    keys = sorted(sig)
    m = np.zeros((len(cells), len(keys)), dtype=np.int64)
    for j, key in enumerate(keys):
        m[list(key), j] = 1
    return m, np.array([len(sig[k]) for k in keys], dtype=np.int64), [sig[k] for k in keys]
