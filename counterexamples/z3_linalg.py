"""Z3 encodings of linear-algebra predicates on matrices of Z3 terms.

A *matrix* here is a sequence of rows, each a sequence of Z3 arithmetic terms (Int or
Real) or Python numbers (``int``/``Fraction``). Everything is exact polynomial real
arithmetic, so ``unsat`` of a formula built from these encodings is a proof.

Two encodings of the spectral predicates are offered:

``method="vieta"`` (the default)
    Fresh real variables ``r₁ ≤ … ≤ rₙ`` tied to the characteristic polynomial by
    Vieta's relations (``eₖ(r) = eₖ(A)``, the sum of the principal ``k×k`` minors).
    The fresh variables are *free*: a model chooses them. This is sound for
    counterexample search and for ``unsat`` proofs in *any* polarity — at a real
    counterexample the roots themselves (or anything, when the spectrum is not real)
    make every occurrence take its true value — but under a negation a model may pick
    wrong roots, so there a ``sat`` can be spurious (every model is re-checked exactly
    anyway).
``method="hermite"``
    Quantifier-free and equivalent everywhere: all roots of a real polynomial are real
    iff the Hankel matrix of power sums ``H[j][k] = tr(A^(j+k))`` is positive
    semidefinite (Hermite), i.e. all its principal minors are ``≥ 0``; positive on
    top of that iff every ``eₖ(A) > 0`` (Descartes). Use it where the predicate
    appears negated; its polynomials have high degree for ``n = 4``.

Positive definiteness of a general matrix means ``xᵀAx > 0`` for ``x ≠ 0``, which
depends only on the symmetric part ``A + Aᵀ``; it is encoded by Sylvester's criterion
(leading principal minors ``> 0``) on that part.

Examples
--------
>>> import z3
>>> a, b, c, d = z3.Reals("a b c d")
>>> A = [[a, b], [c, d]]
>>> z3.simplify(det(A))
a*d + -1*b*c
>>> J = [[1, 1], [0, 1]]
>>> holds(eigenvalues_real_positive(J)), holds(is_symmetric(J))
(True, False)
>>> holds(is_positive_definite([[2, 0], [0, -1]]))
False
>>> s = z3.Solver()          # every symmetric 2×2 matrix has a real spectrum:
>>> s.add(is_symmetric(A), z3.Not(eigenvalues_real(A, method="hermite")))
>>> s.check()
unsat
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, Literal

import z3

Term = Any  # z3.ArithRef | int | Fraction
Matrix = Sequence[Sequence[Term]]
Method = Literal["vieta", "hermite"]

__all__ = [
    "as_term",
    "charpoly",
    "det",
    "eigenvalues_real",
    "eigenvalues_real_positive",
    "elementary",
    "holds",
    "is_positive_definite",
    "is_positive_semidefinite",
    "is_symmetric",
    "matmul",
    "real_eigenvalues",
    "trace",
    "transpose",
]


def as_term(x: Term) -> Any:
    """A Z3 term for a Z3 term or an exact Python number (``int``, ``Fraction``).

    >>> as_term(Fraction(1, 3))
    1/3
    >>> as_term(2).sort()
    Int
    """
    if isinstance(x, z3.ExprRef):
        return x
    if isinstance(x, bool):
        raise TypeError(f"expected a number or a Z3 term, got {x!r}")
    if isinstance(x, int):
        return z3.IntVal(x)
    if isinstance(x, Fraction):
        if x.denominator == 1:
            return z3.IntVal(x.numerator)
        return z3.RealVal(f"{x.numerator}/{x.denominator}")
    raise TypeError(f"expected a number or a Z3 term, got {type(x).__name__} {x!r}")


def _square(A: Matrix) -> list[list[Any]]:
    rows = [[as_term(x) for x in row] for row in A]
    n = len(rows)
    if any(len(r) != n for r in rows):
        raise ValueError(f"expected a square matrix, got rows of lengths {[len(r) for r in rows]}")
    return rows


def _sum(terms: Sequence[Any]) -> Any:
    terms = list(terms)
    if not terms:
        return z3.IntVal(0)
    return terms[0] if len(terms) == 1 else z3.Sum(terms)


def transpose(A: Matrix) -> list[list[Any]]:
    """The transpose, as a list of rows.

    >>> transpose([[1, 2], [3, 4]])
    [[1, 3], [2, 4]]
    """
    return [[as_term(A[i][j]) for i in range(len(A))] for j in range(len(A[0]))]


def matmul(A: Matrix, B: Matrix) -> list[list[Any]]:
    """The product ``A @ B``.

    >>> [[z3.simplify(x) for x in row] for row in matmul([[1, 1], [0, 1]], [[1, 0], [1, 1]])]
    [[2, 1], [1, 1]]
    """
    n, k, m = len(A), len(B), len(B[0])
    if any(len(row) != k for row in A):
        raise ValueError(f"expected {k} columns on the left to match {k} rows on the right")
    return [
        [_sum([as_term(A[i][t]) * as_term(B[t][j]) for t in range(k)]) for j in range(m)]
        for i in range(n)
    ]


def trace(A: Matrix) -> Any:
    """The trace of a square matrix.

    >>> z3.simplify(trace([[1, 5], [7, 2]]))
    3
    """
    rows = _square(A)
    return _sum([rows[i][i] for i in range(len(rows))])


def det(A: Matrix) -> Any:
    """The determinant, by cofactor expansion along the first row (fine for ``n ≤ 6``).

    >>> z3.simplify(det([[1, 2], [3, 4]]))
    -2
    """
    rows = _square(A)
    return _det(rows, tuple(range(len(rows))), tuple(range(len(rows))))


def _det(rows: list[list[Any]], r: tuple[int, ...], c: tuple[int, ...]) -> Any:
    if not r:
        return z3.IntVal(1)
    if len(r) == 1:
        return rows[r[0]][c[0]]
    terms = []
    for k, j in enumerate(c):
        minor = _det(rows, r[1:], c[:k] + c[k + 1 :])
        term = rows[r[0]][j] * minor
        terms.append(term if k % 2 == 0 else -term)
    return _sum(terms)


def elementary(A: Matrix, k: int) -> Any:
    """``eₖ(A)``: the sum of the principal ``k×k`` minors (``e₁ = tr``, ``eₙ = det``).

    These are the elementary symmetric functions of the eigenvalues.

    >>> z3.simplify(elementary([[1, 2, 0], [0, 3, 0], [0, 0, 4]], 2))
    19
    """
    rows = _square(A)
    n = len(rows)
    if not 0 <= k <= n:
        raise ValueError(f"expected 0 <= k <= {n}, got {k}")
    return _sum([_det(rows, s, s) for s in itertools.combinations(range(n), k)])


def charpoly(A: Matrix) -> list[Any]:
    """Coefficients ``[1, c₁, …, cₙ]`` of ``det(x·I − A) = xⁿ + c₁xⁿ⁻¹ + … + cₙ``.

    >>> [z3.simplify(c) for c in charpoly([[1, 1], [0, 1]])]
    [1, -2, 1]
    """
    n = len(_square(A))
    return [elementary(A, k) if k % 2 == 0 else -elementary(A, k) for k in range(n + 1)]


def is_symmetric(A: Matrix) -> Any:
    """``A == Aᵀ`` entrywise.

    >>> holds(is_symmetric([[1, 2], [2, 1]])), holds(is_symmetric([[1, 2], [0, 1]]))
    (True, False)
    """
    rows = _square(A)
    n = len(rows)
    return z3.And([rows[i][j] == rows[j][i] for i in range(n) for j in range(i + 1, n)])


def _symmetric_part2(A: Matrix) -> list[list[Any]]:
    """``A + Aᵀ`` (twice the symmetric part; no division, so Int terms stay exact)."""
    rows = _square(A)
    n = len(rows)
    return [[rows[i][j] + rows[j][i] for j in range(n)] for i in range(n)]


def is_positive_definite(A: Matrix) -> Any:
    """``xᵀAx > 0`` for every real ``x ≠ 0``: Sylvester's criterion on ``A + Aᵀ``.

    For a symmetric ``A`` this is the usual positive definiteness.

    >>> holds(is_positive_definite([[2, -1], [-1, 2]]))
    True
    >>> holds(is_positive_definite([[1, 2], [0, 1]]))
    False
    """
    S = _symmetric_part2(A)
    n = len(S)
    return z3.And([_det(S, tuple(range(k)), tuple(range(k))) > 0 for k in range(1, n + 1)])


def is_positive_semidefinite(A: Matrix) -> Any:
    """``xᵀAx ≥ 0`` for every real ``x``: all principal minors of ``A + Aᵀ`` are ``≥ 0``.

    >>> holds(is_positive_semidefinite([[1, 1], [1, 1]]))
    True
    >>> holds(is_positive_semidefinite([[0, 1], [1, 0]]))
    False
    """
    return _psd(_symmetric_part2(A))


def _psd(S: list[list[Any]]) -> Any:
    n = len(S)
    subsets = [s for k in range(1, n + 1) for s in itertools.combinations(range(n), k)]
    return z3.And([_det(S, s, s) >= 0 for s in subsets])


def real_eigenvalues(A: Matrix, *, name: str = "eig") -> tuple[tuple[Any, ...], Any]:
    """Fresh reals ``r₁ ≤ … ≤ rₙ`` and the formula saying they are ``A``'s eigenvalues.

    The formula (Vieta: ``eₖ(r₁,…,rₙ) = eₖ(A)`` for every ``k``) is satisfiable exactly
    when the spectrum of ``A`` is real, and then only by the sorted eigenvalues, with
    multiplicity. See the module docstring for how the free variables may be used.

    >>> roots, f = real_eigenvalues([[2, 0], [0, 3]])
    >>> s = z3.Solver(); s.add(f); s.check()
    sat
    >>> sorted(s.model().eval(r).as_long() for r in roots)
    [2, 3]
    """
    n = len(_square(A))
    roots = tuple(z3.FreshReal(name) for _ in range(n))
    ties = []
    for k in range(1, n + 1):
        e_roots = _sum([_product(s) for s in itertools.combinations(roots, k)])
        ties.append(e_roots == elementary(A, k))
    order = [roots[i] <= roots[i + 1] for i in range(n - 1)]
    return roots, z3.And(ties + order)


def _product(xs: Sequence[Any]) -> Any:
    out = xs[0]
    for x in xs[1:]:
        out = out * x
    return out


def _hermite(A: Matrix) -> Any:
    rows = _square(A)
    n = len(rows)
    powers = [[[z3.IntVal(int(i == j)) for j in range(n)] for i in range(n)]]
    for _ in range(2 * n - 2):
        powers.append(matmul(powers[-1], rows))
    sums = [_sum([p[i][i] for i in range(n)]) for p in powers]
    hankel = [[sums[j + k] for k in range(n)] for j in range(n)]
    return _psd(hankel)


def eigenvalues_real(A: Matrix, *, method: Method = "vieta") -> Any:
    """Every eigenvalue of the square matrix ``A`` is real.

    >>> holds(eigenvalues_real([[0, -1], [1, 0]])), holds(eigenvalues_real([[0, 1], [1, 0]]))
    (False, True)
    >>> holds(eigenvalues_real([[0, -1], [1, 0]], method="hermite"))
    False
    """
    if method == "vieta":
        return real_eigenvalues(A)[1]
    if method == "hermite":
        return _hermite(A)
    raise ValueError(f"expected method 'vieta' or 'hermite', got {method!r}")


def eigenvalues_real_positive(A: Matrix, *, method: Method = "vieta") -> Any:
    """Every eigenvalue of ``A`` is real and ``> 0``.

    >>> holds(eigenvalues_real_positive([[1, 1], [0, 1]]))
    True
    >>> holds(eigenvalues_real_positive([[2, 0], [0, -1]], method="hermite"))
    False
    """
    if method == "vieta":
        roots, f = real_eigenvalues(A)
        return z3.And(f, roots[0] > 0) if roots else f
    if method == "hermite":
        n = len(_square(A))
        return z3.And([_hermite(A)] + [elementary(A, k) > 0 for k in range(1, n + 1)])
    raise ValueError(f"expected method 'vieta' or 'hermite', got {method!r}")


def holds(formula: Any, *, timeout_ms: int = 5000) -> bool | None:
    """Decide a formula with no free variables except existential helpers (tests, doctests).

    ``True`` when satisfiable, ``False`` when unsatisfiable, ``None`` when Z3 gives up.

    >>> holds(z3.And(z3.RealVal(1) > 0)), holds(z3.BoolVal(False))
    (True, False)
    """
    s = z3.Solver()
    s.set("timeout", timeout_ms)
    s.add(formula)
    r = s.check()
    if r == z3.sat:
        return True
    if r == z3.unsat:
        return False
    return None
