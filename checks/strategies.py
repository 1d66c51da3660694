"""Hypothesis strategies of exact values, for property tests about the algebra in papers.

Every strategy draws *exact* values — :class:`fractions.Fraction` scalars, matrices as
SymPy ``DomainMatrix`` over ℚ (python-flint underneath), elements of catalogue
structures over their own exact domain — so a property that fails does so in exact
arithmetic, and Hypothesis shrinks the failure to a small, readable example.

Arguments are checked when the strategy is *built*, not when it is drawn from, and a
bad one raises :class:`~coherence.algebra.errors.InputError` with a suggestion. Each
docstring ends by saying what the strategy shrinks towards.

=============================  =============================================================
strategy                       values
=============================  =============================================================
:func:`scalars`                integers or rationals, as ``Fraction``
:func:`vectors`                tuples of scalars
:func:`matrices`               general ``rows × cols`` matrices
:func:`symmetric_matrices`     ``A == A.T``
:func:`triangular_matrices`    upper or lower triangular (optionally unit diagonal)
:func:`matrices_with_eigenvalues`  ``P·T·P⁻¹`` with a prescribed rational spectrum
:func:`stochastic_matrices`    nonnegative rows (columns, or both) summing to 1
:func:`catalogue_elements`     elements of ``coherence.algebra.catalogue.get(name)``
:func:`words`                  words over an alphabet (``str``)
:func:`compositions`           tuples of positive parts
:func:`permutations`           one-line notation on ``1..n``
=============================  =============================================================

Matrices come as a ``DomainMatrix`` by default; ``form="tuples"`` gives tuples of rows of
``Fraction`` (the value model of :mod:`coherence.counterexamples.problem`) and
``form="sympy"`` an ``ImmutableMatrix``.

Examples
--------
>>> from hypothesis import find
>>> find(symmetric_matrices(2), lambda A: A[0, 1].element != 0).to_Matrix()
Matrix([
[0, 1],
[1, 0]])
>>> try:
...     matrices(2, kind="rationl")
... except InputError as err:
...     print(err)
matrices: expected kind 'integer' or 'rational', got 'rationl' (did you mean 'rational'?)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any, Literal

from coherence.algebra.errors import InputError
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

Kind = Literal["integer", "rational"]
Form = Literal["domain", "tuples", "sympy"]
Rows = tuple[tuple[Fraction, ...], ...]

KINDS = ("integer", "rational")
FORMS = ("domain", "tuples", "sympy")
SUMS = ("rows", "columns", "both")

__all__ = [
    "catalogue_elements", "compositions", "matrices", "matrices_with_eigenvalues",
    "permutations", "scalars", "stochastic_matrices", "symmetric_matrices",
    "triangular_matrices", "vectors", "words",
]


# -- scalars and vectors ----------------------------------------------------------------
def scalars(
    kind: Kind = "integer",
    *,
    min_value: int = -10,
    max_value: int = 10,
    max_denominator: int = 10,
) -> SearchStrategy[Fraction]:
    """Exact scalars in ``[min_value, max_value]``: integers, or rationals whose
    denominator is at most ``max_denominator``.

    >>> from hypothesis import find
    >>> find(scalars("rational"), lambda x: 0 < x < 1)
    Fraction(1, 2)

    Shrinks towards 0 (or the bound nearest to 0), then smaller denominators.
    """
    return _scalars("scalars", kind, min_value, max_value, max_denominator)


def vectors(
    n: int,
    *,
    kind: Kind = "integer",
    min_value: int = -10,
    max_value: int = 10,
    max_denominator: int = 10,
) -> SearchStrategy[tuple[Fraction, ...]]:
    """Vectors of length ``n`` as tuples of exact scalars.

    >>> from hypothesis import find
    >>> find(vectors(3), lambda v: sum(v) == 2)
    (Fraction(0, 1), Fraction(0, 1), Fraction(2, 1))

    Shrinks towards the zero vector, entry by entry from the first.
    """
    n = _count("vectors", "n", n, minimum=0)
    entry = _scalars("vectors", kind, min_value, max_value, max_denominator)
    return st.tuples(*[entry] * n)


# -- matrices -------------------------------------------------------------------------
def matrices(
    rows: int,
    cols: int | None = None,
    *,
    kind: Kind = "integer",
    min_value: int = -10,
    max_value: int = 10,
    max_denominator: int = 10,
    form: Form = "domain",
) -> SearchStrategy[Any]:
    """General ``rows × cols`` matrices (square when ``cols`` is omitted).

    >>> from hypothesis import find
    >>> find(matrices(2), lambda A: A.det() != 0).to_Matrix()
    Matrix([
    [0, 1],
    [1, 0]])

    Shrinks towards the zero matrix, entries in row-major order.
    """
    rows = _count("matrices", "rows", rows, minimum=1)
    cols = rows if cols is None else _count("matrices", "cols", cols, minimum=1)
    to = _former("matrices", form)
    entry = _scalars("matrices", kind, min_value, max_value, max_denominator)
    flat = st.lists(entry, min_size=rows * cols, max_size=rows * cols)
    return flat.map(lambda xs: to(tuple(tuple(xs[i * cols:(i + 1) * cols]) for i in range(rows))))


def symmetric_matrices(
    n: int,
    *,
    kind: Kind = "integer",
    min_value: int = -10,
    max_value: int = 10,
    max_denominator: int = 10,
    form: Form = "domain",
) -> SearchStrategy[Any]:
    """Symmetric ``n × n`` matrices: the upper triangle is drawn and mirrored.

    >>> from hypothesis import find
    >>> A = find(symmetric_matrices(3), lambda A: A[0, 2].element == 5)
    >>> A == A.transpose()
    True

    Shrinks towards the zero matrix.
    """
    n = _count("symmetric_matrices", "n", n, minimum=1)
    to = _former("symmetric_matrices", form)
    entry = _scalars("symmetric_matrices", kind, min_value, max_value, max_denominator)
    places = [(i, j) for i in range(n) for j in range(i, n)]

    def build(xs: list[Fraction]) -> Any:
        value = dict(zip(places, xs, strict=True))
        return to(tuple(tuple(value[min(i, j), max(i, j)] for j in range(n)) for i in range(n)))

    return st.lists(entry, min_size=len(places), max_size=len(places)).map(build)


def triangular_matrices(
    n: int,
    *,
    lower: bool = False,
    unit: bool = False,
    kind: Kind = "integer",
    min_value: int = -10,
    max_value: int = 10,
    max_denominator: int = 10,
    form: Form = "domain",
) -> SearchStrategy[Any]:
    """Upper (or, with ``lower=True``, lower) triangular ``n × n`` matrices; ``unit=True``
    puts ones on the diagonal.

    >>> from hypothesis import find
    >>> find(triangular_matrices(2, unit=True), lambda A: True).to_Matrix()
    Matrix([
    [1, 0],
    [0, 1]])

    Shrinks towards the zero matrix (the identity when ``unit=True``).
    """
    n = _count("triangular_matrices", "n", n, minimum=1)
    to = _former("triangular_matrices", form)
    entry = _scalars("triangular_matrices", kind, min_value, max_value, max_denominator)
    places = [(i, j) for i in range(n) for j in range(n)
              if (i > j if lower else i < j) or (i == j and not unit)]

    def build(xs: list[Fraction]) -> Any:
        value = dict(zip(places, xs, strict=True))
        one = Fraction(1) if unit else Fraction(0)
        return to(tuple(tuple(value.get((i, j), one if i == j else Fraction(0))
                              for j in range(n)) for i in range(n)))

    return st.lists(entry, min_size=len(places), max_size=len(places)).map(build)


def matrices_with_eigenvalues(
    eigenvalues: Sequence[int | Fraction] | SearchStrategy[Sequence[int | Fraction]],
    *,
    diagonalizable: bool = False,
    max_steps: int = 6,
    max_entry: int = 3,
    form: Form = "domain",
) -> SearchStrategy[Any]:
    """Matrices whose eigenvalues, with multiplicity, are exactly ``eigenvalues``.

    Each value is ``P·T·P⁻¹`` where ``T`` is upper triangular with the eigenvalues on its
    diagonal (strictly upper entries in ``[-max_entry, max_entry]``; zero when
    ``diagonalizable=True``, so ``T`` is diagonal) and ``P`` is a product of at most
    ``max_steps`` integer shears — unimodular, so integer eigenvalues give integer
    matrices and ``P⁻¹`` is exact. Non-diagonalizable matrices such as
    ``[[1, 1], [0, 1]]`` are included unless ``diagonalizable=True``. ``eigenvalues`` may
    also be a strategy of sequences (all of one length or not).

    >>> from hypothesis import find
    >>> A = find(matrices_with_eigenvalues([2, 3]), lambda A: A[1, 0].element != 0)
    >>> A.charpoly()  # (x - 2)(x - 3), exactly
    [1, -5, 6]

    Shrinks towards the diagonal matrix ``diag(*eigenvalues)``.
    """
    where = "matrices_with_eigenvalues"
    to = _former(where, form)
    max_steps = _count(where, "max_steps", max_steps, minimum=0)
    max_entry = _count(where, "max_entry", max_entry, minimum=0)
    if isinstance(eigenvalues, SearchStrategy):
        return eigenvalues.flatmap(
            lambda ev: _similar(where, ev, diagonalizable, max_steps, max_entry, to))
    return _similar(where, eigenvalues, diagonalizable, max_steps, max_entry, to)


def stochastic_matrices(
    n: int,
    *,
    sums: Literal["rows", "columns", "both"] = "rows",
    max_weight: int = 10,
    form: Form = "domain",
) -> SearchStrategy[Any]:
    """Nonnegative rational ``n × n`` matrices whose rows (``sums="rows"``), columns, or
    both (doubly stochastic) sum to exactly 1.

    Rows are integer weights in ``[0, max_weight]`` divided by their sum (all-zero weights
    give the uniform row); doubly stochastic matrices are convex combinations of
    permutation matrices with such weights (Birkhoff–von Neumann).

    >>> from hypothesis import find
    >>> find(stochastic_matrices(2), lambda P: True).to_Matrix()
    Matrix([
    [1/2, 1/2],
    [1/2, 1/2]])

    Shrinks towards the uniform matrix (every entry ``1/n``), and towards the identity
    when ``sums="both"``.
    """
    where = "stochastic_matrices"
    n = _count(where, "n", n, minimum=1)
    max_weight = _count(where, "max_weight", max_weight, minimum=1)
    _choice(where, "sums", sums, SUMS)
    to = _former(where, form)
    if sums == "both":
        term = st.tuples(st.integers(1, max_weight), st.permutations(range(n)))

        def mix(terms: list[tuple[int, list[int]]]) -> Any:
            total = sum(w for w, _ in terms)
            out = [[Fraction(0)] * n for _ in range(n)]
            for w, perm in terms:
                for i, j in enumerate(perm):
                    out[i][j] += Fraction(w, total)
            return to(tuple(map(tuple, out)))

        return st.lists(term, min_size=1, max_size=n + 1).map(mix)

    row = st.lists(st.integers(0, max_weight), min_size=n, max_size=n).map(_normalise)

    def build(rows: list[tuple[Fraction, ...]]) -> Any:
        m = tuple(rows)
        if sums == "columns":
            m = tuple(zip(*m, strict=True))
        return to(m)

    return st.lists(row, min_size=n, max_size=n).map(build)


# -- structures -----------------------------------------------------------------------
def catalogue_elements(
    structure: Any,
    *,
    min_value: int = -3,
    max_value: int = 3,
    nonzero: bool = False,
) -> SearchStrategy[Any]:
    """Elements of a catalogue structure (a name for ``coherence.algebra.catalogue.get``,
    or a structure object) with integer coefficients on its basis.

    >>> from hypothesis import find
    >>> print(find(catalogue_elements("sweedler"), lambda v: v != 0 * v and v * v == 0 * v))
    gx

    Shrinks towards the zero element (towards the first basis element when
    ``nonzero=True``).
    """
    where = "catalogue_elements"
    if isinstance(structure, str):
        from coherence.algebra import catalogue

        try:
            structure = catalogue.get(structure)
        except InputError as err:
            raise InputError(err.expected, got=err.got, context=where,
                             choices=catalogue.names()) from None
    if not hasattr(structure, "element") or not hasattr(structure, "dim"):
        raise InputError("expected a catalogue name or structure", got=type(structure).__name__,
                         context=where)
    lo, hi = _bounds(where, min_value, max_value)
    dim = structure.dim
    coeffs = st.lists(st.integers(lo, hi), min_size=dim, max_size=dim)
    if nonzero:
        if lo == hi == 0:
            raise InputError("expected a nonzero coefficient range for nonzero=True",
                             got=f"[{lo}, {hi}]", context=where)
        coeffs = coeffs.map(lambda cs: cs if any(cs) else [_nearest_nonzero(lo, hi)] + cs[1:])
    return coeffs.map(structure.element)


# -- combinatorics --------------------------------------------------------------------
def words(alphabet: str | Sequence[str], *, min_length: int = 0,
          max_length: int = 6) -> SearchStrategy[str]:
    """Words over ``alphabet`` (distinct single letters) with length in
    ``[min_length, max_length]``.

    >>> from hypothesis import find
    >>> find(words("ab"), lambda w: "b" in w)
    'b'

    Shrinks towards the shortest word of the first letter (``""`` by default).
    """
    from coherence.algebra.combinatorics import check_alphabet

    try:
        letters = check_alphabet(alphabet)
    except InputError as err:
        raise InputError(err.expected, got=err.got, context="words") from None
    lo, hi = _bounds("words", min_length, max_length, names=("min_length", "max_length"))
    if lo < 0:
        raise InputError("expected min_length ≥ 0", got=str(lo), context="words")
    return st.lists(st.sampled_from(letters), min_size=lo, max_size=hi).map("".join)


def compositions(*, size: int | None = None, min_size: int = 0,
                 max_size: int = 6) -> SearchStrategy[tuple[int, ...]]:
    """Compositions (tuples of positive parts) of ``size``, or of a size drawn from
    ``[min_size, max_size]``.

    >>> from hypothesis import find
    >>> find(compositions(size=4), lambda c: len(c) > 1)
    (3, 1)

    Shrinks towards the smallest size, then the one-part composition ``(n,)``.
    """
    sizes = _sizes("compositions", size, min_size, max_size)

    def of(n: int) -> SearchStrategy[tuple[int, ...]]:
        if n == 0:
            return st.just(())
        return st.lists(st.booleans(), min_size=n - 1, max_size=n - 1).map(
            lambda cuts: _cut(n, cuts))

    return sizes.flatmap(of)


def permutations(*, size: int | None = None, min_size: int = 0,
                 max_size: int = 6) -> SearchStrategy[tuple[int, ...]]:
    """Permutations of ``1..n`` in one-line notation (as in
    :mod:`coherence.algebra.combinatorics`), ``n = size`` or drawn from
    ``[min_size, max_size]``.

    >>> from hypothesis import find
    >>> find(permutations(size=3), lambda p: p[0] != 1)
    (2, 1, 3)

    Shrinks towards the smallest size, then the identity permutation.
    """
    sizes = _sizes("permutations", size, min_size, max_size)
    return sizes.flatmap(lambda n: st.permutations(range(1, n + 1)).map(tuple))


# -- helpers --------------------------------------------------------------------------
def _scalars(where: str, kind: str, lo: int, hi: int, max_den: int) -> SearchStrategy[Fraction]:
    _choice(where, "kind", kind, KINDS)
    lo, hi = _bounds(where, lo, hi)
    if kind == "integer":
        return st.integers(lo, hi).map(Fraction)
    max_den = _count(where, "max_denominator", max_den, minimum=1)
    return st.fractions(lo, hi, max_denominator=max_den)


def _bounds(where: str, lo: Any, hi: Any, *,
            names: tuple[str, str] = ("min_value", "max_value")) -> tuple[int, int]:
    for name, value in zip(names, (lo, hi), strict=True):
        if not isinstance(value, int) or isinstance(value, bool):
            raise InputError(f"expected {name} to be an integer", got=repr(value), context=where)
    if lo > hi:
        raise InputError(f"expected {names[0]} ≤ {names[1]}", got=f"{lo} > {hi}",
                         context=where)
    return lo, hi


def _count(where: str, name: str, value: Any, *, minimum: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise InputError(f"expected {name} to be an integer ≥ {minimum}", got=repr(value),
                         context=where)
    return value


def _choice(where: str, name: str, value: Any, choices: Sequence[str]) -> None:
    if value not in choices:
        options = " or ".join(map(repr, choices)) if len(choices) == 2 else \
            ", ".join(map(repr, choices[:-1])) + f" or {choices[-1]!r}"
        raise InputError(f"expected {name} {options}", got=repr(value), context=where,
                         choices=choices)


def _sizes(where: str, size: Any, lo: int, hi: int) -> SearchStrategy[int]:
    if size is not None:
        return st.just(_count(where, "size", size, minimum=0))
    lo, hi = _bounds(where, lo, hi, names=("min_size", "max_size"))
    _count(where, "min_size", lo, minimum=0)
    return st.integers(lo, hi)


def _former(where: str, form: str) -> Callable[[Rows], Any]:
    _choice(where, "form", form, FORMS)
    if form == "tuples":
        return lambda rows: rows
    if form == "sympy":
        return _to_sympy
    return _to_domain


def _to_domain(rows: Rows) -> Any:
    from sympy import QQ
    from sympy.polys.matrices import DomainMatrix

    shape = (len(rows), len(rows[0]))
    return DomainMatrix([[QQ(x.numerator, x.denominator) for x in r] for r in rows], shape, QQ)


def _to_sympy(rows: Rows) -> Any:
    from sympy import ImmutableMatrix, Rational

    return ImmutableMatrix([[Rational(x.numerator, x.denominator) for x in r] for r in rows])


def _normalise(weights: list[int]) -> tuple[Fraction, ...]:
    total = sum(weights)
    if total == 0:
        return tuple(Fraction(1, len(weights)) for _ in weights)
    return tuple(Fraction(w, total) for w in weights)


def _cut(n: int, cuts: list[bool]) -> tuple[int, ...]:
    parts, run = [], 1
    for c in cuts:
        if c:
            parts.append(run)
            run = 1
        else:
            run += 1
    parts.append(run)
    return tuple(parts)


def _nearest_nonzero(lo: int, hi: int) -> int:
    return 1 if lo <= 1 <= hi else (-1 if lo <= -1 <= hi else (lo if lo > 0 else hi))


def _similar(where: str, eigenvalues: Any, diagonalizable: bool, max_steps: int,
             max_entry: int, to: Callable[[Rows], Any]) -> SearchStrategy[Any]:
    try:
        ev = [Fraction(x) for x in eigenvalues]
    except (TypeError, ValueError):
        raise InputError("expected rational eigenvalues (ints or Fractions)",
                         got=repr(eigenvalues), context=where) from None
    if any(isinstance(x, float) for x in eigenvalues):
        raise InputError("expected exact eigenvalues (ints or Fractions), not floats",
                         got=repr(list(eigenvalues)), context=where)
    n = len(ev)
    if n == 0:
        raise InputError("expected at least one eigenvalue", got="[]", context=where)
    upper = [(i, j) for i in range(n) for j in range(i + 1, n)]
    above = st.just([0] * len(upper)) if diagonalizable else st.lists(
        st.integers(-max_entry, max_entry), min_size=len(upper), max_size=len(upper))
    shear = st.tuples(st.integers(0, n - 1), st.integers(0, n - 2), st.integers(-2, 2))
    steps = st.lists(shear, max_size=max_steps) if n > 1 else st.just([])

    def build(args: tuple[list[int], list[tuple[int, int, int]]]) -> Any:
        ups, shears = args
        t = [[Fraction(0)] * n for _ in range(n)]
        for i in range(n):
            t[i][i] = ev[i]
        for (i, j), x in zip(upper, ups, strict=True):
            t[i][j] = Fraction(x)
        # A = P T P⁻¹ with P = E_1 E_2 … E_k, E = I + c·e_i e_jᵀ (i ≠ j), E⁻¹ = I - c·e_i e_jᵀ.
        # Applying the shears innermost first: A ← E A E⁻¹, i.e. row i += c·row j, then
        # column j -= c·column i.
        for i, jj, c in reversed(shears):
            j = jj if jj < i else jj + 1  # any j ≠ i
            if c == 0:
                continue
            for k in range(n):
                t[i][k] += c * t[j][k]
            for k in range(n):
                t[k][j] -= c * t[k][i]
        return to(tuple(map(tuple, t)))

    return st.tuples(above, steps).map(build)
