"""Canonical seeds: the values a mathematician tries first, per variable shape.

Scalars ``0, 1, −1, 2, −2, ½``; vectors ``0``, all ones, unit vectors; matrices ``0``,
``I``, all ones, Jordan blocks ``Jₙ(λ)`` (upper and lower), permutation matrices, the
rotation ``[[0, −1], [1, 0]]``, nilpotents, diagonal matrices with distinct or mixed
signs. Only values in the variable's domain are kept (integer entries, bounds,
symmetry). Points combine the variables' seeds simplest first; known counterexamples
of a matching shape and then the problem's own ``seeds`` follow.

Examples
--------
>>> from coherence.counterexamples.problem import Variable, format_value
>>> A = Variable("A", "real", shape=(2, 2))
>>> [format_value(a) for a in seed_values(A)[:4]]
['[[0, 0], [0, 0]]', '[[1, 0], [0, 1]]', '[[1, 1], [1, 1]]', '[[1, 1], [0, 1]]']
>>> x = Variable("x", "integer", lo=Fraction(1), hi=Fraction(3))
>>> format_value(seed_values(x))
'[1, 2, 3]'
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from fractions import Fraction

from coherence.counterexamples.known import seeds_for
from coherence.counterexamples.problem import SearchProblem, Value, Variable

__all__ = ["seed_points", "seed_values"]

F = Fraction
_SCALARS = (F(0), F(1), F(-1), F(2), F(-2), F(1, 2), F(-1, 2), F(3))


def _scalar_seeds(var: Variable) -> list[Fraction]:
    out = list(_SCALARS)
    if var.lo is not None:
        out.append(var.lo)
    if var.hi is not None:
        out.append(var.hi)
    if var.lo is not None and var.hi is not None:
        out.append((var.lo + var.hi) / 2)
        if var.kind == "integer":
            out.extend(F(k) for k in range(int(var.lo), int(var.hi) + 1) if abs(k) <= 3)
    return out


def _vector_seeds(n: int) -> list[tuple[Fraction, ...]]:
    zero = [F(0)] * n
    out = [tuple(zero), tuple([F(1)] * n)]
    for i in range(n):
        e = list(zero)
        e[i] = F(1)
        out.append(tuple(e))
    out.append(tuple([F(-1)] * n))
    out.append(tuple(F((-1) ** i) for i in range(n)))
    out.append(tuple(F(i + 1) for i in range(n)))
    if n >= 2:
        out.append(tuple([F(1), F(-1)] + zero[2:]))
    return out


def _matrix(n: int, m: int, entries: dict[tuple[int, int], int | Fraction]) -> Value:
    return tuple(tuple(F(entries.get((i, j), 0)) for j in range(m)) for i in range(n))


def _matrix_seeds(n: int, m: int) -> list[Value]:
    k = min(n, m)
    diag = {(i, i): 1 for i in range(k)}
    out = [_matrix(n, m, {}), _matrix(n, m, diag)]
    out.append(_matrix(n, m, {(i, j): 1 for i in range(n) for j in range(m)}))
    if n == m:
        for lam in (1, 0, -1, 2):  # Jordan blocks J_n(λ), upper then lower
            upper = {(i, i): lam for i in range(n)} | {(i, i + 1): 1 for i in range(n - 1)}
            lower = {(i, i): lam for i in range(n)} | {(i + 1, i): 1 for i in range(n - 1)}
            out += [_matrix(n, n, upper), _matrix(n, n, lower)]
        perms = itertools.permutations(range(n)) if n <= 4 else _few_permutations(n)
        out += [_matrix(n, n, {(i, p[i]): 1 for i in range(n)}) for p in perms]
        if n >= 2:
            rot = {(0, 1): -1, (1, 0): 1} | {(i, i): 1 for i in range(2, n)}
            out.append(_matrix(n, n, rot))
            spiral = {(0, 1): -1, (1, 0): 1} | {(i, i): 1 for i in range(n)}  # 1 ± i, xᵀAx > 0
            out.append(_matrix(n, n, spiral))
            out.append(_matrix(n, n, {(0, 1): 1, (1, 0): 1} | {(i, i): 1 for i in range(2, n)}))
            out.append(_matrix(n, n, {(i, i): 1 for i in range(n)} | {(0, 1): 2}))
            out.append(_matrix(n, n, {(i, i): 2 for i in range(n)} | {(0, 1): 1, (1, 0): 1}))
            out.append(_matrix(n, n, {(i, i): 1 for i in range(n)} | {(0, 1): 2, (1, 0): 2}))
        out.append(_matrix(n, n, {(i, i): -1 for i in range(n)}))
        out.append(_matrix(n, n, {(i, i): i + 1 for i in range(n)}))
        out.append(_matrix(n, n, {(i, i): (-1) ** i for i in range(n)}))
    if n >= 1 and m >= 2:
        out.append(_matrix(n, m, {(0, 1): 1}))
    if n >= 2 and m >= 1:
        out.append(_matrix(n, m, {(1, 0): 1}))
    out.append(_matrix(n, m, {(i, j): 1 for i in range(n) for j in range(m) if j >= i}))
    return out


def _few_permutations(n: int) -> Iterator[tuple[int, ...]]:
    yield tuple(range(n))
    yield tuple((i + 1) % n for i in range(n))  # cyclic shift
    for i in range(n - 1):  # adjacent transpositions
        p = list(range(n))
        p[i], p[i + 1] = p[i + 1], p[i]
        yield tuple(p)
    yield tuple(reversed(range(n)))


def _in_domain(var: Variable, value: Value) -> bool:
    if var.shape and len(var.shape) == 2:
        n, m = var.shape
        if var.symmetric and any(value[i][j] != value[j][i] for i in range(n) for j in range(m)):
            return False
    return all(var.admits(e) for e in var.to_flat(value))


def seed_values(var: Variable) -> tuple[Value, ...]:
    """The canonical values of one variable that lie in its domain, simplest first.

    >>> from coherence.counterexamples.problem import Variable, format_value
    >>> format_value(seed_values(Variable("v", "integer", shape=(2,)))[:4])
    '[[0, 0], [1, 1], [1, 0], [0, 1]]'
    """
    if not var.shape:
        raw: list[Value] = list(_scalar_seeds(var))
    elif len(var.shape) == 1:
        raw = list(_vector_seeds(var.shape[0]))
    else:
        raw = list(_matrix_seeds(*var.shape))
    out: list[Value] = []
    seen = set()
    for value in raw:
        if value not in seen and _in_domain(var, value):
            seen.add(value)
            out.append(value)
    return tuple(out)


def seed_points(problem: SearchProblem, *, limit: int = 2000) -> tuple[dict[str, Value], ...]:
    """Points built from every variable's seeds (smallest total rank first, at most
    ``limit``), then known counterexamples of the same shape
    (:func:`coherence.counterexamples.known.seeds_for`), then the problem's own ``seeds``.

    >>> from coherence.counterexamples.problem import (
    ...     SearchProblem, PointResult, PointStatus, format_point)
    >>> p = SearchProblem((Variable("x", "real"), Variable("y", "real")),
    ...                   check=lambda pt: PointResult(PointStatus.HOLDS))
    >>> [format_point(pt) for pt in seed_points(p)[:3]]
    ['x = 0, y = 0', 'x = 0, y = 1', 'x = 1, y = 0']
    """
    lists = [seed_values(v) for v in problem.variables]
    names = [v.name for v in problem.variables]
    out: list[dict[str, Value]] = []
    if all(lists):
        for idx in _by_total_rank([len(s) for s in lists]):
            if len(out) >= limit:
                break
            out.append({n: s[i] for n, s, i in zip(names, lists, idx, strict=True)})
    if limit > 0:
        out.extend(dict(p) for p in seeds_for(problem.variables) if dict(p) not in out)
    out.extend(dict(p) for p in problem.seeds)
    return tuple(out)


def _by_total_rank(sizes: list[int]) -> Iterator[tuple[int, ...]]:
    """Index tuples into lists of the given sizes, by increasing sum, then lexicographic."""
    if not sizes:
        yield ()
        return
    for total in range(sum(s - 1 for s in sizes) + 1):
        yield from _compositions(total, sizes)


def _compositions(total: int, sizes: list[int]) -> Iterator[tuple[int, ...]]:
    if len(sizes) == 1:
        if total < sizes[0]:
            yield (total,)
        return
    for first in range(min(total, sizes[0] - 1) + 1):
        for rest in _compositions(total - first, sizes[1:]):
            yield (first, *rest)
