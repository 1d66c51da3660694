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
import math
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

from coherence.counterexamples.known import seeds_for
from coherence.counterexamples.problem import SearchProblem, Value, Variable

__all__ = ["by_total_rank", "element_seeds", "seed_points", "seed_values"]

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
        for idx in by_total_rank([len(s) for s in lists]):
            if len(out) >= limit:
                break
            out.append({n: s[i] for n, s, i in zip(names, lists, idx, strict=True)})
    if limit > 0:
        out.extend(dict(p) for p in seeds_for(problem.variables) if dict(p) not in out)
    out.extend(dict(p) for p in problem.seeds)
    return tuple(out)


def by_total_rank(sizes: list[int]) -> Iterator[tuple[int, ...]]:
    """Index tuples into lists of the given sizes, by increasing sum, then lexicographic
    (each list simplest first, so the simplest combinations come first).

    >>> list(by_total_rank([2, 2]))
    [(0, 0), (0, 1), (1, 0), (1, 1)]
    """
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


# -- elements of a finite-dimensional algebra -------------------------------------------------------
#: Special elements are computed for algebras up to this dimension (minimal polynomials
#: and kernels of n×n matrices, for each of a few generators).
ELEMENT_SEED_DIM = 16


def element_seeds(A: Any, *, limit: int = 48) -> tuple[Any, ...]:
    """The elements of a finite-dimensional algebra ``A`` to try first, simplest first:
    ``0``, ``1``, the basis, then elements computed from the exact algebra — for each
    basis element ``b`` (and ``1 + b``), the zero divisors, idempotents and nilpotent of
    the commutative subalgebra ℚ[b] read off the factorisation of ``b``'s minimal
    polynomial (``g² = 1`` in ℚ[C₂] gives ``g ∓ 1`` and ``(1 ± g)/2``; ``x² = 0`` gives
    ``x``), and the kernels of left and right multiplication by ``b`` — then ``-1`` and
    ``±½`` times the basis elements. Over fields other than ℚ, and above :data:`ELEMENT_SEED_DIM`,
    only ``0``, ``1``, the basis and the halves.

    >>> from coherence.algebra.catalogue import get
    >>> [str(x) for x in element_seeds(get("group:C2"))][:8]
    ['0', '1', 'g', '-1 + g', '1 + g', '1/2 + 1/2·g', '1/2 - 1/2·g', '-1']
    """
    import sympy

    K = A.domain
    zero = A.element({})
    one = A.one() if hasattr(A, "one") else None
    basis = list(A.elements())
    out: list[Any] = [zero, *([one] if one is not None else []), *basis]
    if one is not None and getattr(K, "is_QQ", False) and A.dim <= ELEMENT_SEED_DIM:
        gens = [b for b in basis if b != one]
        gens += [one + b for b in gens]
        for b in gens:
            out.extend(_polynomial_specials(A, b, one))
            out.extend(_kernel_specials(A, b))
    half = K.from_sympy(sympy.Rational(1, 2))
    out.extend(-b for b in basis)
    out.extend(c * b for c in (half, -half) for b in basis)
    seen: list[Any] = []
    for x in out:
        if x not in seen:
            seen.append(x)
        if len(seen) >= limit:
            break
    return tuple(seen)


def _as_poly_of(A: Any, b: Any, one: Any, coeffs: list[Any]) -> Any:
    """``Σ cᵢ bⁱ`` for rational coefficients (lowest degree first)."""
    K = A.domain
    out = A.element({})
    power = one
    for c in coeffs:
        if c:
            out = out + K.from_sympy(c) * power
        power = power * b
    return out


def _minimal_polynomial(A: Any, b: Any, one: Any, t: Any) -> Any:
    import sympy

    K = A.domain
    powers = [one]
    while len(powers) <= A.dim:
        nxt = powers[-1] * b
        cols = [[K.to_sympy(c) for c in p.dense()] for p in [*powers, nxt]]
        M = sympy.Matrix(cols).T
        null = M.nullspace()
        if null:
            v = null[0]
            v = v / v[-1]
            return sympy.Poly([v[i] for i in reversed(range(len(v)))], t, domain="QQ")
        powers.append(nxt)
    return None


def _polynomial_specials(A: Any, b: Any, one: Any) -> list[Any]:
    """Idempotents, a nilpotent and zero divisors of ℚ[b] ≅ ℚ[t]/(m), m = minpoly of b."""
    import sympy

    t = sympy.Symbol("t")
    m = _minimal_polynomial(A, b, one, t)
    if m is None or m.degree() < 2:
        return []
    _, factors = sympy.factor_list(m.as_expr(), t)
    parts = [sympy.Poly(p, t, domain="QQ") ** e for p, e in factors]
    out: list[Any] = []
    if len(parts) >= 2:
        for part in parts:  # zero divisors: part(b) · (m/part)(b) = 0
            out.append(_as_poly_of(A, b, one, list(reversed(part.all_coeffs()))))
        for part in parts:  # idempotents: the CRT lifts of 1 in ℚ[t]/(part)
            rest = sympy.Poly(sympy.quo(m.as_expr(), part.as_expr(), t), t, domain="QQ")
            s = sympy.invert(rest.as_expr(), part.as_expr(), t)  # s·rest ≡ 1 mod part
            e = sympy.Poly(sympy.rem(sympy.expand(s * rest.as_expr()), m.as_expr(), t), t,
                           domain="QQ")
            out.append(_as_poly_of(A, b, one, list(reversed(e.all_coeffs()))))
    radical = sympy.Poly(sympy.prod([p for p, _ in factors]), t, domain="QQ")
    if radical.degree() < m.degree():  # b is not semisimple: radical(b) is nilpotent ≠ 0
        out.append(_as_poly_of(A, b, one, list(reversed(radical.all_coeffs()))))
    return out


def _kernel_specials(A: Any, b: Any) -> list[Any]:
    """Elements x ≠ 0 with b·x = 0 or x·b = 0 (then b and x are zero divisors)."""
    import sympy

    K = A.domain
    basis = list(A.elements())
    out: list[Any] = []
    for side in (0, 1):
        cols = [[K.to_sympy(c) for c in ((b * e) if side == 0 else (e * b)).dense()]
                for e in basis]
        for v in sympy.Matrix(cols).T.nullspace():
            den = math.lcm(*[int(sympy.fraction(c)[1]) for c in v])
            v = v * den
            g = math.gcd(*[int(c) for c in v]) or 1
            x = A.element({})
            for c, e in zip(v, basis, strict=True):
                if c:
                    x = x + K.from_sympy(c / g) * e
            out.extend([x, b])
    return out
