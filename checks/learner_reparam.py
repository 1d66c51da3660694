"""Equivalence of learners beyond coordinate permutations: affine reparametrisations.

Two learners on real parameter spaces ℝⁿ may be equivalent through ``φ(p) = Mp + c``
(e.g. ``w ↦ 2w``), which no permutation of coordinates finds. :func:`search_affine`
solves *exactly* for M and c from ``I_g(φ(p), a) = I_f(p, a)`` (a polynomial identity
in p and a, so its coefficients give polynomial equations in the entries of M and c),
keeps the solutions with ``det M ≠ 0`` and confirms each on I, U and r with the exact
comparison every learner check uses.

:func:`no_bijection` refutes: a parameter ``p₀`` of f whose implementation
``a ↦ I_f(p₀, a)`` is ``I_g(q, ·)`` for *no* ``q`` (Z3 ``unsat`` on the coefficient
equations, or an exhaustive solve) — then no bijection, of any form, carries f to g.

Examples
--------
>>> from coherence.algebra.learners import Learner, Real
>>> f = Learner.from_expressions("f", P=Real(("w",)), A=Real(("x",)), B=Real(("y",)),
...     I=["w*x"], U=["w - (w*x - y)*x"], r=["x"])
>>> g = Learner.from_expressions("g", P=Real(("v",)), A=Real(("x",)), B=Real(("y",)),
...     I=["2*v*x"], U=["v - (2*v*x - y)*x/2"], r=["x"])
>>> search_affine(f, g).bijection_text
'v = w/2'
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import sympy
from coherence.algebra.learners import (
    Equivalence,
    Learner,
    Real,
    _check_with,
    _value,
    build_point,
    flatten_point,
    generic_points,
    leaves,
)
from coherence.checks.learner_checks import _to_z3

_SMALL = tuple(sympy.Rational(v) for v in (0, 1, -1, 2, -2, sympy.Rational(1, 2), 3))


def _real_dims(learner: Learner) -> int | None:
    ls = leaves(learner.P)
    if not all(isinstance(leaf, Real) for leaf in ls):
        return None
    return len(ls)


def _implementation(learner: Learner, p: Sequence[Any]) -> tuple[list[sympy.Expr], list]:
    """``I(p, a)`` at a generic ``a`` (its symbols) for a point ``p`` given by leaf values."""
    ls = leaves(learner.A)
    if not all(isinstance(leaf, Real) for leaf in ls):
        raise ValueError("a finite input set")
    asyms = [sympy.Symbol(f"_a{i}", real=True) for i in range(len(ls))]
    out = learner.I(build_point(learner.P, list(p)), build_point(learner.A, asyms))
    return [sympy.expand(_value(v)) for v in flatten_point(learner.B, out)], asyms


def _coefficient_equations(diff: Sequence[sympy.Expr], variables: Sequence[sympy.Symbol]
                           ) -> list[sympy.Expr] | None:
    eqs: list[sympy.Expr] = []
    for d in diff:
        d = sympy.expand(d)
        if d == 0:
            continue
        if not d.is_polynomial(*variables) or d.atoms(sympy.Function):
            return None
        eqs += [c for c in sympy.Poly(d, *variables).coeffs() if c != 0]
    return eqs


def search_affine(f: Learner, g: Learner, limit: int = 4) -> Equivalence | None:
    """An affine bijection ``p ↦ Mp + c`` carrying f to g, confirmed on I, U and r; None
    when the learners are not both on ℝⁿ (n ≤ ``limit``), their implementations are not
    polynomial, or no solution is confirmed.
    """
    n = _real_dims(f)
    if n is None or n != _real_dims(g) or n == 0 or n > limit:
        return None
    (ppt,), _ = next(generic_points([f.P], ["p_"]))
    ps = list(flatten_point(f.P, ppt))
    m = sympy.Matrix(n, n, lambda i, j: sympy.Symbol(f"_m{i}{j}", real=True))
    c = sympy.Matrix(n, 1, lambda i, _: sympy.Symbol(f"_c{i}", real=True))
    image = list(m * sympy.Matrix(ps) + c)
    try:
        left, asyms = _implementation(g, image)
        right, _ = _implementation(f, ps)
    except (TypeError, ValueError, KeyError):
        return None
    unknowns = [*m, *c]
    eqs = _coefficient_equations([a - b for a, b in zip(left, right, strict=True)],
                                 [*ps, *asyms])
    if eqs is None:
        return None
    try:
        sols = sympy.solve(eqs, unknowns, dict=True) if eqs else [{}]
    except (NotImplementedError, ValueError, TypeError):
        return None
    for sol in sols[:16]:
        free = [u for u in unknowns if u not in sol]
        for values in itertools.islice(itertools.product(_SMALL, repeat=len(free)), 64):
            full = dict(zip(free, values, strict=True))
            full.update({u: e.xreplace(full) for u, e in sol.items()})
            if any(not v.is_real or v.free_symbols for v in full.values()):
                continue
            M, C = m.xreplace(full), c.xreplace(full)
            if M.det() == 0:
                continue
            res = _confirm(f, g, M, C, ps)
            if res is not None:
                return res
            if not free:
                break
    return None


def _confirm(f: Learner, g: Learner, M: sympy.Matrix, C: sympy.Matrix,
             ps: Sequence[sympy.Symbol]) -> Equivalence | None:
    def phi(x: Any) -> Any:
        flat = sympy.Matrix(list(flatten_point(f.P, x)))
        return build_point(g.P, list(M * flat + C))

    names = [leaf.coords[0] for leaf in leaves(g.P)]
    shown = {p: sympy.Symbol(leaf.coords[0]) for p, leaf in zip(ps, leaves(f.P), strict=True)}
    text = ", ".join(f"{nm} = {sympy.sstr(e.xreplace(shown))}" for nm, e in
                     zip(names, M * sympy.Matrix(ps) + C, strict=True))
    res = _check_with(f, g, phi, text)
    if res.holds:
        return Equivalence(True, f"φ: {text} (an affine reparametrisation, solved exactly)",
                           phi, text, method=res.method)
    return None


def no_bijection(f: Learner, g: Learner) -> tuple[str, str, str] | None:
    """A parameter of one learner whose implementation the other never has, proved:
    ``(which, point, proof)`` or None.
    """
    import z3

    for first, second, label in ((f, g, "f"), (g, f, "g")):
        n, k = _real_dims(first), _real_dims(second)
        if n is None or k is None or n == 0:
            continue
        qs = [sympy.Symbol("q" if k == 1 else f"q{i}", real=True) for i in range(k)]
        target, asyms = None, None
        for values in itertools.islice(itertools.product(_SMALL, repeat=n), 40):
            p0 = list(values)
            try:
                want, asyms = _implementation(first, p0)
                have, _ = _implementation(second, qs)
            except (TypeError, ValueError, KeyError):
                return None
            eqs = _coefficient_equations([a - b for a, b in zip(have, want, strict=True)],
                                         asyms)
            if eqs is None:
                break
            target = eqs
            if any(e.free_symbols - set(qs) for e in target):
                break
            if not target:
                continue
            zs = {q: z3.Real(q.name) for q in qs}
            solver = z3.Solver()
            solver.set("timeout", 2000)
            try:
                for e in target:
                    solver.add(_to_z3(e, zs) == 0)
            except NotImplementedError:
                break
            if solver.check() == z3.unsat:
                names = {a: sympy.Symbol(leaf.coords[0])
                         for a, leaf in zip(asyms, leaves(first.A), strict=True)}
                shown = ", ".join(str(v) for v in p0)
                mine = ", ".join(str(w.xreplace(names)) for w in want)
                theirs = ", ".join(str(h.xreplace(names)) for h in have)
                other = "g" if label == "f" else "f"
                return (label, f"({shown})",
                        f"I_{label}(({shown}), ·) = ({mine}) but I_{other}(q, ·) = ({theirs}) "
                        "equals it for no real q (Z3 unsat on the coefficient equations), so "
                        "no bijection of parameters carries one learner to the other")
    return None
