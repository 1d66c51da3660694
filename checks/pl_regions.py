"""Piecewise-affine maps split into their finitely many affine regions, exactly.

A map built from affine forms with rational coefficients by ``+``, ``−``, scaling,
``max``, ``min``, ``abs`` and ``relu`` is affine on each cell of a finite polyhedral
subdivision of its input space. :func:`affine_regions` enumerates the cells: it picks an
innermost ``max``/``min``/``abs`` whose arguments are affine, splits on which argument is
largest (a system of linear inequalities), substitutes, and repeats; a cell is kept only
when Z3 (linear real arithmetic, exact) finds it has interior points. On each kept cell
every output entry is an affine form.

Used by ``is_linear``: a continuous map that is affine on the open cells of a
subdivision is linear iff it is the *same linear* form on every open cell (the cells'
union is dense, and two continuous maps equal on a dense set are equal) — so the proof
is exact, with the number of cells named.

>>> x, y = sympy.symbols("x y", real=True)
>>> cells = affine_regions([sympy.Max(0, x) - sympy.Max(0, -x)], [x])
>>> sorted(str(c.values[0]) for c in cells)
['x', 'x']
>>> len(affine_regions([sympy.Max(x, y) + sympy.Min(x, y)], [x, y]))
2
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy

MAX_CELLS = 256
"""Splitting stops (``None``) beyond this many cells."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One open cell: ``constraints`` (affine forms, each > 0 inside) and the affine
    ``values`` of the output entries there."""

    constraints: tuple[sympy.Expr, ...]
    values: tuple[sympy.Expr, ...]


def affine(e: sympy.Expr, xs: Sequence[sympy.Symbol]) -> bool:
    """Whether ``e`` is an affine form in ``xs`` with rational coefficients.

    >>> x = sympy.Symbol("x", real=True)
    >>> affine(2*x + 1, [x]), affine(x**2, [x]), affine(sympy.Max(0, x), [x])
    (True, False, False)
    """
    if e.free_symbols - set(xs) or not _is_polynomial(e, xs):
        return False
    p = sympy.Poly(e, *xs) if xs else None
    if p is None:
        return e.is_Rational
    return p.total_degree() <= 1 and all(c.is_Rational for c in p.coeffs())


def _is_polynomial(e: sympy.Expr, xs: Sequence[sympy.Symbol]) -> bool:
    return e.is_polynomial(*xs) and not e.atoms(sympy.Function)


def _innermost(exprs: Sequence[sympy.Expr], xs: Sequence[sympy.Symbol]) -> sympy.Expr | None:
    for e in exprs:
        for node in sympy.postorder_traversal(e):
            if isinstance(node, sympy.Max | sympy.Min | sympy.Abs) and all(
                    _is_polynomial(a, xs) and affine(sympy.expand(a), xs) for a in node.args):
                return node
    return None


def affine_regions(exprs: Sequence[sympy.Expr], xs: Sequence[sympy.Symbol],
                   limit: int = MAX_CELLS) -> list[Cell] | None:
    """The open cells on which every expression is affine, or ``None`` when an
    expression is not piecewise affine in this sense or there are more than ``limit``.

    >>> x = sympy.Symbol("x", real=True)
    >>> [c.values for c in affine_regions([abs(x)], [x])]
    [(-x,), (x,)]
    """
    xs = list(xs)
    out: list[Cell] = []
    todo = [((), tuple(exprs))]
    while todo:
        cons, vals = todo.pop()
        node = _innermost(vals, xs)
        if node is None:
            vals = tuple(sympy.expand(v) for v in vals)
            if not all(affine(v, xs) for v in vals):
                return None
            out.append(Cell(cons, vals))
            if len(out) > limit:
                return None
            continue
        if isinstance(node, sympy.Abs):
            (a,) = node.args
            branches = [((a,), a), ((-a,), -a)]
        else:
            args = list(node.args)
            sign = 1 if isinstance(node, sympy.Max) else -1
            branches = [(tuple(sign * (a - b) for b in args if b is not a), a) for a in args]
        for extra, value in reversed(branches):
            new = tuple(sympy.expand(c) for c in (*cons, *extra))
            if any(c.is_Rational and c <= 0 for c in new):
                continue
            new = tuple(c for c in new if not c.is_Rational)
            if not _open_feasible(new, xs):
                continue
            todo.append((new, tuple(v.xreplace({node: value}) for v in vals)))
        if len(todo) + len(out) > 4 * limit:
            return None
    return list(reversed(out))


def _open_feasible(constraints: Sequence[sympy.Expr], xs: Sequence[sympy.Symbol]) -> bool:
    """Whether ``{x : c(x) > 0 for every c}`` is nonempty (Z3, exact linear arithmetic);
    ``True`` when Z3 cannot say (an extra cell only makes the proof check more)."""
    if not constraints:
        return True
    import z3

    zs = {x: z3.Real(x.name) for x in xs}
    solver = z3.Solver()
    solver.set("timeout", 2000)
    for c in constraints:
        poly = sympy.Poly(c, *xs)
        term = z3.RealVal(0)
        for mon, coef in zip(poly.monoms(), poly.coeffs(), strict=True):
            q = sympy.Rational(coef)
            factor = z3.RealVal(f"{q.p}/{q.q}")
            for x, k in zip(xs, mon, strict=True):
                if k:
                    factor = factor * zs[x]
            term = term + factor
        solver.add(term > 0)
    return solver.check() != z3.unsat


def linear_on_every_cell(cells: Sequence[Cell], xs: Sequence[sympy.Symbol]) -> bool:
    """Whether every cell carries the same linear (no constant term) forms.

    >>> x = sympy.Symbol("x", real=True)
    >>> linear_on_every_cell(affine_regions([abs(x)], [x]), [x])
    False
    """
    if not cells:
        return False
    first = cells[0].values
    zero = {x: 0 for x in xs}
    return all(c.values == first for c in cells) and all(
        v.xreplace(zero) == 0 for v in first)
