"""The core vocabulary of claim files: linear algebra, analysis and logic.

Registers, through :mod:`coherence.checks.vocabulary`, the names every claim file may
use on numbers, vectors and matrices: ``det trace inverse rank identity zeros
transpose dot diag eigenvalues eigenvalues_real eigenvalues_real_positive
is_symmetric is_positive_definite is_positive_semidefinite exp log sqrt abs max min
tanh sigmoid relu softmax sum all any implies``. Everything is exact (see
:mod:`coherence.checks.evaluate`); elementwise functions apply entry by entry to a
matrix or vector; ``softmax`` of a matrix is row-wise.

Conventions stated once:

* ``is_positive_definite(A)`` means *symmetric* and ``xᵀAx > 0`` for every ``x ≠ 0``
  (Sylvester: leading principal minors positive). For a non-symmetric ``A`` it is
  false; ask about the symmetric part with ``is_positive_definite((A + A.T) / 2)``.
* ``eigenvalues(A)`` are the roots of the characteristic polynomial with
  multiplicity, exact (rationals or ``CRootOf``), real ones first in increasing order.
* ``eigenvalues_real_positive(A)``: every eigenvalue is real and ``> 0``.

Examples
--------
>>> from coherence.checks.evaluate import Matrix
>>> J = Matrix.of([[1, 1], [0, 1]])
>>> eigenvalues_real_positive(J), is_symmetric(J), is_positive_definite(J)
(True, False, False)
>>> [str(x) for x in eigenvalues(Matrix.of([[0, 1], [1, 0]]))]
['-1', '1']
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import sympy
from coherence.algebra.errors import InputError
from coherence.checks import spectra
from coherence.checks.evaluate import (
    Matrix,
    Undefined,
    as_matrix,
    compare_scalars,
    describe,
    identity_matrix,
    is_scalar,
    is_symbolic,
    norm,
    sign,
    to_sympy,
)
from coherence.checks.evaluate import inverse as _inverse
from coherence.checks.vocabulary import register, register_conjuncts

_X = sympy.Symbol("x")


def _square(A: Any, name: str) -> Matrix:
    M = as_matrix(A, f"a square matrix for {name}")
    n, m = M.shape
    if n != m:
        raise InputError(f"expected a square matrix for {name}", got=describe(M))
    return M


def _count(n: Any, what: str) -> int:
    if isinstance(n, Fraction) and n.denominator == 1 and 0 < n <= 64:
        return int(n)
    if isinstance(n, int) and not isinstance(n, bool) and 0 < n <= 64:
        return n
    raise InputError(f"expected a size 1..64 for {what}", got=str(n))


# -- matrices -----------------------------------------------------------------------------------
@register("det", signature="det(A)", doc="Determinant of a square matrix (exact).",
          min_args=1, max_args=1)
def det(A: Any) -> Any:
    """Determinant.

    >>> det(Matrix.of([[1, 2], [3, 4]]))
    Fraction(-2, 1)
    """
    M = _square(A, "det")
    if M.is_rational:
        d = M.to_domain_matrix().det()
        return Fraction(int(d.numerator), int(d.denominator))
    return norm(sympy.expand(M.to_sympy().det()))


@register("trace", signature="trace(A)", doc="Sum of the diagonal entries.",
          min_args=1, max_args=1)
def trace(A: Any) -> Any:
    """Trace.

    >>> trace(Matrix.of([[1, 2], [3, 4]]))
    Fraction(5, 1)
    """
    M = _square(A, "trace")
    total: Any = Fraction(0)
    for i in range(M.shape[0]):
        x = M.rows[i][i]
        total = total + x if isinstance(total, Fraction) and isinstance(x, Fraction) \
            else norm(to_sympy(total) + to_sympy(x))
    return total


@register("inverse", signature="inverse(A)",
          doc="Inverse of a square matrix; undefined (point skipped) when singular.",
          min_args=1, max_args=1)
def inverse(A: Any) -> Matrix:
    """Exact inverse.

    >>> str(inverse(Matrix.of([[1, 1], [0, 1]])))
    '[[1, -1], [0, 1]]'
    """
    return _inverse(_square(A, "inverse"))


@register("rank", signature="rank(A)", doc="Rank of a matrix (exact).", min_args=1, max_args=1)
def rank(A: Any) -> Fraction:
    """Rank.

    >>> rank(Matrix.of([[1, 2], [2, 4]]))
    Fraction(1, 1)
    """
    M = as_matrix(A)
    if M.is_rational:
        return Fraction(M.to_domain_matrix().rank())
    return Fraction(M.to_sympy().rank())


@register("identity", signature="identity(n)", doc="The n×n identity matrix.",
          min_args=1, max_args=1)
def identity(n: Any) -> Matrix:
    """Identity matrix.

    >>> str(identity(2))
    '[[1, 0], [0, 1]]'
    """
    return identity_matrix(_count(n, "identity"))


@register("zeros", signature="zeros(n, m=n)", doc="The n×m zero matrix (n×n when m is left out).",
          min_args=1, max_args=2)
def zeros(n: Any, m: Any = None) -> Matrix:
    """Zero matrix.

    >>> zeros(1, 2).rows
    ((Fraction(0, 1), Fraction(0, 1)),)
    """
    rows = _count(n, "zeros")
    cols = rows if m is None else _count(m, "zeros")
    return Matrix(tuple(tuple(Fraction(0) for _ in range(cols)) for _ in range(rows)))


@register("transpose", signature="transpose(A)", doc="The transpose (same as A.T).",
          min_args=1, max_args=1)
def transpose(A: Any) -> Matrix:
    """Transpose.

    >>> str(transpose(Matrix.of([[1, 2]])))
    '[1, 2]'
    """
    return as_matrix(A).T


@register("dot", signature="dot(u, v)", doc="Dot product of two vectors of one length.",
          min_args=2, max_args=2)
def dot(u: Any, v: Any) -> Any:
    """Dot product.

    >>> dot((1, 2), (3, 4))
    Fraction(11, 1)
    """
    a, b = as_matrix(u, "a vector"), as_matrix(v, "a vector")
    xs, ys = a.entries(), b.entries()
    if len(xs) != len(ys):
        raise InputError("expected vectors of one length for dot", got=f"{len(xs)} and {len(ys)}")
    return norm(sum((to_sympy(x) * to_sympy(y) for x, y in zip(xs, ys, strict=True)),
                    sympy.Integer(0)))


@register("diag", signature="diag(values)", doc="The diagonal matrix with the given entries.",
          min_args=1, max_args=None)
def diag(*values: Any) -> Matrix:
    """Diagonal matrix from numbers or from one list.

    >>> str(diag(1, 2))
    '[[1, 0], [0, 2]]'
    """
    vals = values[0] if len(values) == 1 and isinstance(values[0], tuple) else values
    if isinstance(vals, Matrix):
        vals = vals.entries()
    n = len(vals)
    return Matrix(tuple(tuple(norm(vals[i]) if i == j else Fraction(0) for j in range(n))
                        for i in range(n)))


def charpoly(A: Matrix) -> list[Fraction]:
    """Coefficients of ``det(x·I − A)``, leading first (rational matrices).

    >>> charpoly(Matrix.of([[1, 1], [0, 1]]))
    [Fraction(1, 1), Fraction(-2, 1), Fraction(1, 1)]
    """
    if not A.is_rational:
        poly = A.to_sympy().charpoly(_X)
        if not all(c.is_Rational for c in poly.all_coeffs()):
            raise InputError("expected a matrix with rational entries for its eigenvalues",
                             got="irrational entries")
        return [norm(c) for c in poly.all_coeffs()]
    return [Fraction(int(c.numerator), int(c.denominator))
            for c in A.to_domain_matrix().charpoly()]


def _real_root_count(coeffs: list[Fraction]) -> int:
    """Number of real roots counted with multiplicity (exact, Sturm on squarefree parts)."""
    poly = sympy.Poly([sympy.Rational(c.numerator, c.denominator) for c in coeffs], _X,
                      domain=sympy.QQ)
    _, factors = poly.sqf_list()
    return sum(mult * f.count_roots() for f, mult in factors)


@register("eigenvalues", signature="eigenvalues(A)",
          doc="Eigenvalues with multiplicity, exact; real ones first, increasing.",
          min_args=1, max_args=1)
def eigenvalues(A: Any) -> tuple[Any, ...]:
    """Exact eigenvalues.

    >>> [str(x) for x in eigenvalues(Matrix.of([[2, 0], [0, 3]]))]
    ['2', '3']
    """
    M = _square(A, "eigenvalues")
    coeffs = charpoly(M)
    poly = sympy.Poly([to_sympy(c) for c in coeffs], _X, domain=sympy.QQ)
    return tuple(norm(r) for r in poly.all_roots())


@register("eigenvalues_real", signature="eigenvalues_real(A)",
          doc="Every eigenvalue of A is real.", min_args=1, max_args=1)
def eigenvalues_real(A: Any) -> bool:
    """All eigenvalues real (exact real-root counting).

    >>> eigenvalues_real(Matrix.of([[0, -1], [1, 0]]))
    False
    """
    M = _square(A, "eigenvalues_real")
    if spectra.decides(M):  # entries like exp(1): certified root boxes (checks/spectra.py)
        return spectra.all_real(M)
    coeffs = charpoly(M)
    return _real_root_count(coeffs) == len(coeffs) - 1


@register("eigenvalues_real_positive", signature="eigenvalues_real_positive(A)",
          doc="Every eigenvalue of A is real and > 0.", min_args=1, max_args=1)
def eigenvalues_real_positive(A: Any) -> bool:
    """All eigenvalues real and positive: real-rooted and the characteristic polynomial's
    coefficients strictly alternate in sign (Descartes, exact for real-rooted polynomials).

    >>> eigenvalues_real_positive(Matrix.of([[1, 0], [0, 0]]))
    False
    """
    M = _square(A, "eigenvalues_real_positive")
    if spectra.decides(M):
        return spectra.all_real_positive(M)
    coeffs = charpoly(M)
    alternate = all(c != 0 and (c > 0) == (k % 2 == 0) for k, c in enumerate(coeffs))
    return alternate and _real_root_count(coeffs) == len(coeffs) - 1


@register("is_symmetric", signature="is_symmetric(A)", doc="A equals its transpose.",
          min_args=1, max_args=1)
def is_symmetric(A: Any) -> bool:
    """Symmetry.

    >>> is_symmetric(Matrix.of([[1, 2], [2, 1]]))
    True
    """
    M = _square(A, "is_symmetric")
    n = M.shape[0]
    return all(compare_scalars("==", M.rows[i][j], M.rows[j][i])
               for i in range(n) for j in range(i + 1, n))


def _leading_minors(M: Matrix) -> list[Any]:
    n = M.shape[0]
    return [det(Matrix(tuple(row[:k] for row in M.rows[:k]))) for k in range(1, n + 1)]


@register("is_positive_definite", signature="is_positive_definite(A)",
          doc="A is symmetric and xᵀAx > 0 for all x ≠ 0 (Sylvester's criterion).",
          min_args=1, max_args=1)
def is_positive_definite(A: Any) -> bool:
    """Symmetric positive definite.

    >>> is_positive_definite(Matrix.of([[2, 1], [1, 2]]))
    True
    >>> is_positive_definite(Matrix.of([[1, 1], [0, 1]]))
    False
    """
    M = _square(A, "is_positive_definite")
    if not is_symmetric(M):
        return False
    return all(sign(d) > 0 for d in _leading_minors(M))


def _form_positive(A: Any, strict: bool = True) -> bool:
    """xᵀAx > 0 (≥ 0) for all x ≠ 0: the same for A and its symmetric part (A + Aᵀ)/2."""
    from coherence.checks.evaluate import binary

    M = _square(A, "a quadratic form")
    half = binary("/", binary("+", M, M.T), Fraction(2))
    return is_positive_definite(half) if strict else is_positive_semidefinite(half)


register_conjuncts("is_positive_definite", ("{A} is symmetric", is_symmetric),
                   ("xᵀ{A}x > 0 for all x ≠ 0", _form_positive))


@register("is_positive_semidefinite", signature="is_positive_semidefinite(A)",
          doc="A is symmetric and xᵀAx ≥ 0 for all x (all principal minors ≥ 0).",
          min_args=1, max_args=1)
def is_positive_semidefinite(A: Any) -> bool:
    """Symmetric positive semidefinite (every principal minor ≥ 0).

    >>> is_positive_semidefinite(Matrix.of([[1, 1], [1, 1]]))
    True
    """
    from itertools import combinations

    M = _square(A, "is_positive_semidefinite")
    if not is_symmetric(M):
        return False
    n = M.shape[0]
    for k in range(1, n + 1):
        for idx in combinations(range(n), k):
            sub = Matrix(tuple(tuple(M.rows[i][j] for j in idx) for i in idx))
            if sign(det(sub)) < 0:
                return False
    return True


register_conjuncts("is_positive_semidefinite", ("{A} is symmetric", is_symmetric),
                   ("xᵀ{A}x ≥ 0 for all x", lambda A: _form_positive(A, strict=False)))
register_conjuncts("eigenvalues_real_positive",
                   ("every eigenvalue of {A} is real", eigenvalues_real),
                   ("every real eigenvalue of {A} is > 0",
                    lambda A: _real_eigenvalues_positive(A)))


def _real_eigenvalues_positive(A: Any) -> bool:
    """No real eigenvalue ≤ 0 (exact real roots of the characteristic polynomial)."""
    coeffs = charpoly(_square(A, "eigenvalues_real_positive"))
    poly = sympy.Poly([to_sympy(c) for c in coeffs], _X, domain=sympy.QQ)
    return all(sign(norm(r)) > 0 for r in poly.real_roots())


# -- analysis (elementwise on matrices) ------------------------------------------------------
def _elementwise(f: Any, x: Any, name: str) -> Any:
    if isinstance(x, tuple):
        x = as_matrix(x)
    if isinstance(x, Matrix):
        return x.map(f)
    if is_scalar(x):
        return f(x)
    raise InputError(f"expected a number, vector or matrix for {name}", got=describe(x))


@register("exp", signature="exp(x)",
          doc="Exponential (exact symbolic; compared with ball arithmetic); entry-wise on "
              "vectors; the matrix exponential of a square matrix is out of scope (an error).",
          min_args=1, max_args=1)
def exp(x: Any) -> Any:
    """exp.

    >>> exp(Fraction(0)), exp(Fraction(1))
    (Fraction(1, 1), E)
    """
    if isinstance(x, Matrix) and x.shape[0] == x.shape[1] > 1:
        raise InputError("expected a number or vector for exp (the matrix exponential e^A "
                         "is out of scope, and exp entry-wise is not e^A)",
                         got=f"a {x.shape[0]}×{x.shape[1]} matrix")
    return _elementwise(lambda v: norm(sympy.exp(to_sympy(v))), x, "exp")


def _log1(v: Any) -> Any:
    if not is_symbolic(v) and sign(v) <= 0:
        raise Undefined("log of a non-positive number")
    return norm(sympy.log(to_sympy(v)))


@register("log", signature="log(x)", doc="Natural logarithm; undefined (point skipped) for x ≤ 0.",
          min_args=1, max_args=1)
def log(x: Any) -> Any:
    """log.

    >>> log(Fraction(1))
    Fraction(0, 1)
    """
    return _elementwise(_log1, x, "log")


def _sqrt1(v: Any) -> Any:
    if not is_symbolic(v) and sign(v) < 0:
        raise Undefined("sqrt of a negative number")
    return norm(sympy.sqrt(to_sympy(v)))


@register("sqrt", signature="sqrt(x)", doc="Square root; undefined (point skipped) for x < 0.",
          min_args=1, max_args=1)
def sqrt(x: Any) -> Any:
    """sqrt (exact).

    >>> sqrt(Fraction(9, 4)), sqrt(Fraction(2))
    (Fraction(3, 2), sqrt(2))
    """
    return _elementwise(_sqrt1, x, "sqrt")


def _abs1(v: Any) -> Any:
    if is_symbolic(v):
        return sympy.Abs(v)
    return v if sign(v) >= 0 else norm(-to_sympy(v))


@register("abs", signature="abs(x)", doc="Absolute value.", min_args=1, max_args=1)
def abs_(x: Any) -> Any:
    """abs.

    >>> abs_(Fraction(-2))
    Fraction(2, 1)
    """
    return _elementwise(_abs1, x, "abs")


def _extreme(values: tuple[Any, ...], largest: bool, name: str) -> Any:
    if len(values) == 1 and isinstance(values[0], tuple | Matrix):
        items = list(values[0].entries() if isinstance(values[0], Matrix) else values[0])
    else:
        items = list(values)
    if not items or not all(is_scalar(v) for v in items):
        raise InputError(f"expected numbers for {name}", got=", ".join(describe(v) for v in items))
    if any(is_symbolic(v) for v in items):
        f = sympy.Max if largest else sympy.Min
        return norm(f(*(to_sympy(v) for v in items)))
    best = items[0]
    for v in items[1:]:
        if compare_scalars(">" if largest else "<", v, best):
            best = v
    return best


@register("max", signature="max(x, y, …)", doc="Largest of numbers (or of one list/matrix).",
          min_args=1, max_args=None)
def max_(*values: Any) -> Any:
    """max.

    >>> max_(Fraction(1), Fraction(3), Fraction(2))
    Fraction(3, 1)
    """
    return _extreme(values, True, "max")


@register("min", signature="min(x, y, …)", doc="Smallest of numbers (or of one list/matrix).",
          min_args=1, max_args=None)
def min_(*values: Any) -> Any:
    """min.

    >>> min_((Fraction(1), Fraction(-3)))
    Fraction(-3, 1)
    """
    return _extreme(values, False, "min")


@register("tanh", signature="tanh(x)", doc="Hyperbolic tangent (exact symbolic).",
          min_args=1, max_args=1)
def tanh(x: Any) -> Any:
    """tanh.

    >>> tanh(Fraction(0))
    Fraction(0, 1)
    """
    return _elementwise(lambda v: norm(sympy.tanh(to_sympy(v))), x, "tanh")


@register("sigmoid", signature="sigmoid(x)", doc="1 / (1 + exp(-x)).", min_args=1, max_args=1)
def sigmoid(x: Any) -> Any:
    """The logistic function.

    >>> sigmoid(Fraction(0))
    Fraction(1, 2)
    """
    return _elementwise(lambda v: norm(1 / (1 + sympy.exp(-to_sympy(v)))), x, "sigmoid")


@register("relu", signature="relu(x)", doc="max(0, x), entry-wise.", min_args=1, max_args=1)
def relu(x: Any) -> Any:
    """ReLU.

    >>> str(relu(Matrix.of([[-1, 2]])))
    '[[0, 2]]'
    """
    def one(v: Any) -> Any:
        if is_symbolic(v):
            return sympy.Max(0, v)
        return v if sign(v) > 0 else Fraction(0)

    return _elementwise(one, x, "relu")


def _softmax_row(row: tuple[Any, ...]) -> tuple[Any, ...]:
    xs = [to_sympy(v) for v in row]
    out = []
    for i in range(len(xs)):
        denom = sum((sympy.exp(xs[j] - xs[i]) for j in range(len(xs))), sympy.Integer(0))
        out.append(norm(1 / denom))
    return tuple(out)


@register("softmax", signature="softmax(X)",
          doc="Softmax of a vector; of a matrix, row by row (exact; compared with balls).",
          min_args=1, max_args=1)
def softmax(x: Any) -> Matrix:
    """Softmax, row-wise on a matrix.

    >>> str(softmax(Matrix.of([[0, 0], [1, 1]])))
    '[[1/2, 1/2], [1/2, 1/2]]'
    """
    M = as_matrix(x, "a vector or matrix for softmax")
    n, m = M.shape
    if m == 1:
        return Matrix(tuple((v,) for v in _softmax_row(tuple(r[0] for r in M.rows))))
    return Matrix(tuple(_softmax_row(r) for r in M.rows))


# -- reductions and logic -----------------------------------------------------------------------
@register("sum", signature="sum(xs) or sum(e for i in range(n))",
          doc="Sum of a list/matrix's entries, or over an index range.", min_args=1, max_args=1)
def sum_(xs: Any) -> Any:
    """Sum of entries.

    >>> sum_((Fraction(1), Fraction(2)))
    Fraction(3, 1)
    """
    items = xs.entries() if isinstance(xs, Matrix) else xs
    if not isinstance(items, tuple) or not all(is_scalar(v) for v in items):
        raise InputError("expected a list of numbers for sum", got=describe(xs))
    return norm(sum((to_sympy(v) for v in items), sympy.Integer(0)))


@register("all", signature="all(ps) or all(p for i in range(n))",
          doc="Every truth value holds (finite conjunction).", min_args=1, max_args=1)
def all_(ps: Any) -> bool:
    """Conjunction of a list.

    >>> all_((True, False))
    False
    """
    from coherence.checks.evaluate import as_bool

    if not isinstance(ps, tuple):
        raise InputError("expected a list of truth values for all", got=describe(ps))
    return all(as_bool(p) for p in ps)


@register("any", signature="any(ps) or any(p for i in range(n))",
          doc="Some truth value holds (finite disjunction).", min_args=1, max_args=1)
def any_(ps: Any) -> bool:
    """Disjunction of a list.

    >>> any_((True, False))
    True
    """
    from coherence.checks.evaluate import as_bool

    if not isinstance(ps, tuple):
        raise InputError("expected a list of truth values for any", got=describe(ps))
    return any(as_bool(p) for p in ps)


@register("implies", signature="implies(p, q)", doc="Material implication: not p or q.",
          min_args=2, max_args=2)
def implies(p: Any, q: Any) -> bool:
    """Implication.

    >>> implies(False, False), implies(True, False)
    (True, False)
    """
    from coherence.checks.evaluate import as_bool

    return (not as_bool(p)) or as_bool(q)
