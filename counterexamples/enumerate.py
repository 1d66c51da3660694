"""Exhaustive enumeration of small points, in increasing size.

Each free scalar entry gets a short list of candidates, simplest first: ``0, 1, −1,
2, −2`` (the small integers ``−2..2``) intersected with its domain — or, for a
bounded integer entry, *every* integer of its range. Points are produced with the
fewest non-default entries first (the default is an entry's first candidate, ``0``
when allowed), then by the largest magnitude used, then position by position. Every
point of the candidate grid is produced exactly once, so when every variable ranges
over a finite set of integers (``Integer(lo, hi)``) and the grid is enumerated to the
end, the enumeration is a proof.

Examples
--------
>>> from coherence.counterexamples.problem import SearchProblem, Variable
>>> x = Variable("x", "integer", lo=Fraction(-1), hi=Fraction(1))
>>> y = Variable("y", "real")
>>> p = SearchProblem((x, y), check=lambda pt: None)
>>> [tuple(map(str, pt)) for pt in points(p)][:6]
[('0', '0'), ('1', '0'), ('-1', '0'), ('0', '1'), ('0', '-1'), ('0', '2')]
>>> grid_size(p), finite_size(p)
(15, None)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from fractions import Fraction

from coherence.counterexamples.problem import SearchProblem, Variable

__all__ = ["SMALL", "candidates", "finite_size", "grid_size", "is_finite", "points"]

#: The small integers tried for every unbounded entry, simplest first.
SMALL: tuple[Fraction, ...] = (Fraction(0), Fraction(1), Fraction(-1), Fraction(2), Fraction(-2))

#: A bounded integer range with at most this many values is enumerated completely.
MAX_RANGE = 10_000


def _simplicity(v: Fraction) -> tuple[int, int, bool]:
    return (max(abs(v.numerator), v.denominator), v.denominator, v < 0)


def candidates(var: Variable) -> tuple[Fraction, ...]:
    """The candidates of one entry of ``var``, simplest first.

    >>> [str(c) for c in candidates(Variable("x", "real"))]
    ['0', '1', '-1', '2', '-2']
    >>> [str(c) for c in candidates(Variable("x", "integer", lo=Fraction(2), hi=Fraction(4)))]
    ['2', '3', '4']
    >>> [str(c) for c in candidates(Variable("t", "real", lo=Fraction(0), hi=Fraction(1)))]
    ['0', '1', '1/2']
    """
    if _bounded_integer(var):
        lo, hi = math.ceil(var.lo), math.floor(var.hi)  # type: ignore[arg-type]
        return tuple(sorted((Fraction(k) for k in range(lo, hi + 1)), key=_simplicity))
    out = [v for v in SMALL if var.admits(v)]
    if len(out) < 3 and var.kind != "integer":
        extra = [Fraction(1, 2), Fraction(-1, 2), Fraction(3, 2), Fraction(-3, 2)]
        if var.lo is not None and var.hi is not None:
            extra += [var.lo, var.hi, (var.lo + var.hi) / 2]
        elif var.lo is not None:
            extra += [var.lo, var.lo + 1]
        elif var.hi is not None:
            extra += [var.hi, var.hi - 1]
        for v in extra:
            if var.admits(v) and v not in out:
                out.append(v)
    return tuple(out)


def _bounded_integer(var: Variable) -> bool:
    return (
        var.kind == "integer"
        and var.lo is not None
        and var.hi is not None
        and var.hi - var.lo < MAX_RANGE
    )


def is_finite(problem: SearchProblem) -> bool:
    """Whether every variable ranges over a finite set of integers (``Integer(lo, hi)``).

    >>> is_finite(SearchProblem((Variable("n", "integer", lo=Fraction(0), hi=Fraction(9)),),
    ...                         check=lambda pt: None))
    True
    """
    return all(_bounded_integer(v) for v in problem.variables)


def grid_size(problem: SearchProblem) -> int:
    """How many points :func:`points` produces in all.

    >>> grid_size(SearchProblem((Variable("A", "real", shape=(2, 2)),),
    ...                         check=lambda pt: None))
    625
    """
    total = 1
    for var in problem.variables:
        total *= len(candidates(var)) ** var.size
    return total


def finite_size(problem: SearchProblem) -> int | None:
    """The number of points of a finite domain, or ``None`` when the domain is infinite.

    >>> finite_size(SearchProblem((Variable("v", "integer", shape=(3,), lo=Fraction(0),
    ...                                     hi=Fraction(1)),), check=lambda pt: None))
    8
    """
    return grid_size(problem) if is_finite(problem) else None


def points(problem: SearchProblem) -> Iterator[tuple[Fraction, ...]]:
    """Every point of the candidate grid once, as a flat tuple (see :meth:`SearchProblem.point`).

    Order: fewest non-default entries, then smallest largest-magnitude level, then
    which entries (lexicographic), then their values (simplest first).

    >>> A = Variable("A", "real", shape=(2, 2))
    >>> p = SearchProblem((A,), check=lambda pt: None)
    >>> pts = list(points(p))
    >>> len(pts), len(set(pts)), pts.index((1, 1, 0, 1)) < pts.index((2, 1, -1, 0))
    (625, 625, True)
    """
    cands: list[tuple[Fraction, ...]] = []
    for var in problem.variables:
        cands.extend([candidates(var)] * var.size)
    if any(not c for c in cands):
        return
    levels = [_levels(c) for c in cands]
    n = len(cands)
    default = tuple(c[0] for c in cands)
    yield default
    top = max((max(lv) for lv in levels), default=0)
    for k in range(1, n + 1):
        for level in range(1, top + 1):
            for active in itertools.combinations(range(n), k):
                choices = [
                    [i for i in range(1, len(cands[e])) if levels[e][i] <= level] for e in active
                ]
                if any(not ch for ch in choices):
                    continue
                for idx in itertools.product(*choices):
                    if max(levels[e][i] for e, i in zip(active, idx, strict=True)) != level:
                        continue
                    flat = list(default)
                    for e, i in zip(active, idx, strict=True):
                        flat[e] = cands[e][i]
                    yield tuple(flat)


def _levels(cands: tuple[Fraction, ...]) -> list[int]:
    """Level 0 for the default; then 1, 2, … by magnitude class (``±1`` share a level)."""
    heights = sorted({_simplicity(c)[0] for c in cands[1:]})
    return [0] + [heights.index(_simplicity(c)[0]) + 1 for c in cands[1:]]
