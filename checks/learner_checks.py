"""Verdicts on learners and on the gradient-descent functor L(ε, e) of "Backprop as Functor".

Each check returns one :class:`~coherence.checks.verdict.Verdict`:

* :func:`check_associativity`, :func:`check_unitality` — up to equivalence (proved with
  the bijection of parameters) and on the nose (refuted: the parameter sets differ);
* :func:`check_functoriality` — ``L(g∘f) = L(g)∘L(f)`` as an exact identity, or refuted
  at a concrete ``(p, q, a, c)`` with both sides evaluated exactly;
* :func:`check_error_hypothesis` — ``∂e/∂x(x₀, ·)`` invertible for every x₀;
* :func:`check_update_decreases` — one update step lowers the error, with the exact
  region where it does.

Examples
--------
>>> from coherence.algebra.para import GradientDescent, para_map, quadratic_error
>>> f = para_map("f", P=("w",), A=("x",), B=("y",), I=["w*x"])
>>> g = para_map("g", P=("v",), A=("y",), B=("z",), I=["tanh(v*y)"])
>>> check_functoriality(GradientDescent(1, quadratic_error()), g, f).outcome
<Outcome.PROVED: 'proved'>
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import sympy
from coherence.algebra.learners import (
    Learner,
    compare_maps,
    compose,
    distinguishing_point,
    equivalent,
    generic_learner,
    identity,
    numeric_sign,
    real_at,
    same_on_the_nose,
    sample_points,
    show,
)
from coherence.algebra.para import ErrorFunction, GradientDescent, ParaMap, X, Y, para_compose
from coherence.checks.verdict import Outcome, Verdict


def _v(id_: str, outcome: Outcome, started: float, **kw: Any) -> Verdict:
    return Verdict(id_, outcome, seconds=time.perf_counter() - started, **kw)


# ------------------------------------------------------------ associativity/unitality


def check_associativity(f: Learner | None = None, g: Learner | None = None,
                        h: Learner | None = None, *, on_the_nose: bool = False) -> Verdict:
    """``(h∘g)∘f ≃ h∘(g∘f)`` (or ``=`` with ``on_the_nose``). Without learners, for
    generic learners with uninterpreted I, U, r — i.e. for all learners.

    >>> check_associativity().outcome, check_associativity(on_the_nose=True).outcome
    (<Outcome.PROVED: 'proved'>, <Outcome.REFUTED: 'refuted'>)
    """
    t0 = time.perf_counter()
    generic = f is None
    if generic:
        f, g, h = generic_learner("f", "a", "b", "p"), generic_learner("g", "b", "c", "q"), \
            generic_learner("h", "c", "d", "s")
    left, right = compose(compose(h, g), f), compose(h, compose(g, f))
    scope = "for all learners (uninterpreted I, U, r)" if generic else \
        f"for {f.name}, {g.name}, {h.name}"
    return _equiv_verdict("associativity", "(h∘g)∘f", "h∘(g∘f)", left, right, scope,
                          on_the_nose, t0)


def check_unitality(f: Learner | None = None, *, on_the_nose: bool = False) -> Verdict:
    """``id∘f ≃ f ≃ f∘id`` (or ``=`` with ``on_the_nose``); generic f when omitted.

    >>> check_unitality().outcome, check_unitality(on_the_nose=True).outcome
    (<Outcome.PROVED: 'proved'>, <Outcome.REFUTED: 'refuted'>)
    """
    t0 = time.perf_counter()
    generic = f is None
    if generic:
        f = generic_learner("f")
    scope = "for all learners (uninterpreted I, U, r)" if generic else f"for {f.name}"
    for lhs_text, lhs in (("id∘f", compose(identity(f.B), f)),
                          ("f∘id", compose(f, identity(f.A)))):
        v = _equiv_verdict("unitality", lhs_text, "f", lhs, f, scope, on_the_nose, t0)
        if v.outcome is not Outcome.PROVED:
            return v
    return v.with_(statement="id∘f = f = f∘id" + (" on the nose" if on_the_nose
                                                     else " up to equivalence"))


def _equiv_verdict(law: str, lt: str, rt: str, left: Learner, right: Learner, scope: str,
                   on_the_nose: bool, t0: float) -> Verdict:
    rel = "=" if on_the_nose else "≃"
    statement = f"{lt} {rel} {rt} {scope}"
    ident = f"{law}{' on the nose' if on_the_nose else ''}"
    res = same_on_the_nose(left, right) if on_the_nose else equivalent(left, right)
    if res.holds:
        return _v(ident, Outcome.PROVED, t0, statement=statement,
                  method=f"exact identity of I, U, r under {res.reason} ({res.method})")
    if res.holds is None and not on_the_nose:  # beyond permutations: affine φ, or none
        from coherence.checks import learner_reparam

        found = learner_reparam.search_affine(left, right)
        if found is not None:
            return _v(ident, Outcome.PROVED, t0, statement=statement,
                      method=f"exact identity of I, U, r under {found.reason} ({found.method})")
        none = learner_reparam.no_bijection(left, right)
        if none is not None:
            which, point, proof = none
            return _v(ident, Outcome.REFUTED, t0, statement=statement,
                      method="no bijection: an implementation the other learner never has",
                      witness=(("learner", which), ("parameter", point)),
                      lhs=f"I_{which}({point}, ·)", rhs="I(q, ·) of the other, for every q",
                      detail=proof)
    if res.holds is None:
        return _v(ident, Outcome.UNKNOWN, t0, statement=statement, method="exact comparison",
                  detail=res.reason)
    if res.difference is None and not on_the_nose:  # finite/cardinality: no bijection at all
        return _v(ident, Outcome.REFUTED, t0, statement=statement, method=res.method,
                  witness=(("parameter sets", f"{left.P} vs {right.P}"),),
                  lhs=f"{left.name} with P = {left.P}", rhs=f"{right.name} with P = {right.P}",
                  detail=res.reason)
    if res.difference is None:  # the parameter sets differ as sets
        found = distinguishing_point(left.P, right.P)
        if found is None:
            return _v(ident, Outcome.UNKNOWN, t0, statement=statement,
                      method="comparison of parameter sets", detail=res.reason)
        x, in_left = found
        inside, outside = (left.P, right.P) if in_left else (right.P, left.P)
        return _v(ident, Outcome.REFUTED, t0, statement=statement,
                  method="comparison of parameter sets", witness=(("parameter", show(x)),),
                  lhs=f"{show(x)} ∈ {inside}", rhs=f"{show(x)} ∉ {outside}", detail=res.reason)
    d = res.difference
    return _v(ident, Outcome.REFUTED, t0, statement=statement, method=d.how,
              witness=tuple((n, show(a)) for n, a in zip("pab", d.args, strict=False)),
              lhs=show(d.lhs), rhs=show(d.rhs), detail=res.reason, witness_values=d.args)


# --------------------------------------------------------------------- functoriality


def check_functoriality(L: GradientDescent, g: ParaMap, f: ParaMap) -> Verdict:
    """``L(g∘f) = L(g)∘L(f)``: I, U and r compared as exact maps on (P×Q)×A×C.

    Refuted with a concrete ``(p, q, a, c)`` (found at exact random points, shrunk) and
    both sides evaluated exactly; proved by an exact symbolic identity.

    >>> from coherence.algebra.para import error_function, para_map
    >>> f = para_map("f", P=("w",), A=("x",), B=("y",), I=["w*x"])
    >>> g = para_map("g", P=("v",), A=("y",), B=("z",), I=["v*y"])
    >>> bad = GradientDescent(1, error_function("sq", "(x - y)**2"), request="x - z")
    >>> v = check_functoriality(bad, g, f); v.outcome, v.witness_text
    (<Outcome.REFUTED: 'refuted'>, 'p = (0), q = (1), a = (1), c = (1)')
    >>> v.lhs, v.rhs
    ('U = ((2), (1))', 'U = ((4), (1))')
    """
    t0 = time.perf_counter()
    statement = f"{L}({g.name}∘{f.name}) = {L}({g.name})∘{L}({f.name})"
    lhs = L(para_compose(g, f))
    rhs = compose(L(g), L(f))
    methods = []
    for comp, target in (("I", lhs.B), ("U", lhs.P), ("r", lhs.A)):
        srcs = [lhs.P, lhs.A] if comp == "I" else [lhs.P, lhs.A, lhs.B]
        status, method, diff = compare_maps(getattr(lhs, comp), getattr(rhs, comp), srcs,
                                            target)
        if status == "different":
            (p, q), a, *rest = diff.args
            wit = [("p", show(p)), ("q", show(q)), ("a", show(a))]
            if rest:
                wit.append(("c", show(rest[0])))
            wit += [(n, str(v)) for n, v in diff.params]
            return _v("functoriality", Outcome.REFUTED, t0, statement=statement, method=method,
                      witness=tuple(wit), lhs=f"{comp} = {show(diff.lhs)}",
                      rhs=f"{comp} = {show(diff.rhs)}",
                      detail=f"the {comp} components of L(g∘f) and L(g)∘L(f) differ",
                      witness_values=diff.args)
        if status == "unknown":
            held = diff.held if diff is not None else 0
            if not held:  # no point where both sides are defined: nothing was sampled
                return _v("functoriality", Outcome.UNKNOWN, t0, statement=statement,
                          method="exact identity, then exact evaluation at random points",
                          detail=f"{comp}: {method}")
            return _v("functoriality", Outcome.EVIDENCE, t0, statement=statement,
                      method="exact evaluation at random points",
                      detail=f"{comp}: {method}; no exact identity found, and no certified "
                             f"difference at {held} exact points (arb to 1024 bits)",
                      samples=held, seed=0,
                      tolerance="arb enclosure containing 0 at 1024 bits")
        methods.append(f"{comp}: {method}")
    return _v("functoriality", Outcome.PROVED, t0, statement=statement,
              method="exact symbolic identity (" + "; ".join(methods) + ")")


# ----------------------------------------------------------------- the hypothesis on e

_X0S = tuple(sympy.Rational(v) for v in (0, 1, -1, 2, -2, sympy.Rational(1, 2), 3))
_YS = tuple(sympy.Rational(v) for v in (-10, -5, -3, -2, -1, sympy.Rational(-1, 2), 0,
                                        sympy.Rational(1, 2), 1, 2, 3, 5, 10))

_TRIPLES = sorted(((i, j, k) for i in range(len(_YS)) for j in range(i + 1, len(_YS))
                   for k in range(j + 1, len(_YS))),
                  key=lambda t: (max(abs(_YS[n]) for n in t), sum(abs(_YS[n]) for n in t), t))


def check_error_hypothesis(e: ErrorFunction) -> Verdict:
    """Theorem III.2's hypothesis: ``y ↦ ∂e/∂x(x₀, y)`` is a bijection of ℝ for every x₀.

    Proved when ∂e/∂x is ``α(x₀)·y + β(x₀)`` with polynomial α, β and α without real
    roots; refuted at an exact x₀ where it is constant in y, or not monotone (three
    points certified exactly or by interval arithmetic; continuous, so not injective);
    unknown otherwise.

    >>> from coherence.algebra.para import error_function, quadratic_error
    >>> check_error_hypothesis(quadratic_error()).outcome
    <Outcome.PROVED: 'proved'>
    >>> v = check_error_hypothesis(error_function("logistic", "log(1 + exp(-x*y))"))
    >>> v.outcome, v.witness_text
    (<Outcome.REFUTED: 'refuted'>, 'x₀ = 1, y = 0, 1, 2')
    >>> v = check_error_hypothesis(error_function("through tanh", "(x - tanh(y))**2/2"))
    >>> v.outcome, v.witness_text
    (<Outcome.REFUTED: 'refuted'>, 'x₀ = 0, z = 1')
    """
    t0 = time.perf_counter()
    h = e.dx
    statement = f"∂e/∂x(x₀, ·) is invertible for every real x₀, e = {e.name}"
    defined = [x0 for x0 in _X0S if real_at(h, {X: x0})]
    if Y not in h.free_symbols and defined:
        x0 = defined[0]  # an x₀ where ∂e/∂x exists (1/x is no witness at x₀ = 0)
        val = h.xreplace({X: x0})
        return _v("error-hypothesis", Outcome.REFUTED, t0, statement=statement,
                  method="exact: ∂e/∂x does not depend on y",
                  witness=(("x₀", str(x0)), ("y", "0, 1")), lhs=f"∂e/∂x(x₀, 0) = {val}",
                  rhs=f"∂e/∂x(x₀, 1) = {val}", detail="constant in y, so not injective")
    poly_y = h.is_polynomial(Y)
    if poly_y:
        P = sympy.Poly(h, Y)
        coeffs = P.all_coeffs()
        if P.degree() == 1 and all(c.is_polynomial(X) and not c.has(sympy.Function)
                                   for c in coeffs):
            alpha = sympy.Poly(coeffs[0], X)
            roots = sympy.real_roots(alpha) if alpha.degree() > 0 else []
            if alpha.is_zero:
                roots = [sympy.Integer(0)]
            if not roots:
                return _v("error-hypothesis", Outcome.PROVED, t0, statement=statement,
                          method="exact: ∂e/∂x = α(x₀)·y + β(x₀) with α, β polynomial and "
                                 f"α = {coeffs[0]} without real roots (real_roots)",
                          detail=f"inverse y = (z − β(x₀))/α(x₀), ∂e/∂x = {sympy.factor(h)}")
            x0 = roots[0]
            val = sympy.simplify(h.xreplace({X: x0}))
            return _v("error-hypothesis", Outcome.REFUTED, t0, statement=statement,
                      method="exact: the coefficient of y vanishes at a real root",
                      witness=(("x₀", str(x0)), ("y", "0, 1")),
                      lhs=f"∂e/∂x(x₀, 0) = {val}", rhs=f"∂e/∂x(x₀, 1) = {val}",
                      detail=f"α(x₀) = {coeffs[0]} = 0 there, so ∂e/∂x(x₀, ·) is constant",
                      witness_values={"x0": x0})
    if poly_y and sympy.Poly(h, Y).degree() % 2 == 1:
        proof = _odd_monotone(h)
        if proof:
            return _v("error-hypothesis", Outcome.PROVED, t0, statement=statement,
                      method=proof, detail=f"∂e/∂x = {h}")
    x0s = _degenerate_x0s(h) + _X0S
    for x0 in x0s[:len(x0s) - len(_X0S)]:  # where a coefficient in y vanishes
        hx = sympy.expand(h.xreplace({X: x0}))
        if Y not in hx.free_symbols and real_at(h, {X: x0, Y: sympy.Integer(0)}):
            return _v("error-hypothesis", Outcome.REFUTED, t0, statement=statement,
                      method="exact: at a real root x₀ of the coefficients of ∂e/∂x in y, "
                             "∂e/∂x(x₀, ·) is constant",
                      witness=(("x₀", str(x0)), ("y", "0, 1")),
                      lhs=f"∂e/∂x(x₀, 0) = {hx}", rhs=f"∂e/∂x(x₀, 1) = {hx}",
                      detail=f"∂e/∂x = {sympy.factor(h)}; constant in y at x₀, so not "
                             "injective", witness_values={"x0": x0})
    for x0 in x0s:
        hx = h.xreplace({X: x0})
        if not _continuous(hx):
            continue
        vals = [hx.xreplace({Y: y}) for y in _YS]
        for i, j, k in _TRIPLES:
            s1 = numeric_sign(vals[j] - vals[i])
            s2 = numeric_sign(vals[k] - vals[j])
            if s1 and s2 and s1 != s2 and all(real_at(hx, {Y: _YS[n]}) for n in (i, j, k)):
                ys = (_YS[i], _YS[j], _YS[k])
                shown = ", ".join(f"{_pretty(vals[n])}" for n in (i, j, k))
                how = ("exact rational arithmetic" if all(vals[n].is_Rational
                       for n in (i, j, k)) else "interval arithmetic (arb), certified")
                return _v("error-hypothesis", Outcome.REFUTED, t0, statement=statement,
                          method=f"not monotone at three points ({how})",
                          witness=(("x₀", str(x0)),
                                   ("y", ", ".join(str(y) for y in ys))),
                          lhs=f"∂e/∂x(x₀, y) = {shown}",
                          rhs="a monotone sequence (a continuous injection of ℝ is "
                              "monotone)",
                          detail=f"∂e/∂x = {h}; it goes "
                                 f"{'up then down' if s1 > 0 else 'down then up'}, so "
                                 "by the intermediate value theorem two y give the "
                                 "same value",
                          witness_values={"x0": x0, "y": ys})
    for x0 in _X0S:
        hx = h.xreplace({X: x0})
        found = _unattained(hx)
        if found is None and sympy.count_ops(hx) < 60:
            found = _unattained(sympy.simplify(hx))
        if found is not None:
            z, bounds = found
            return _v("error-hypothesis", Outcome.REFUTED, t0, statement=statement,
                      method="Z3 unsat over a sound over-approximation of the range "
                             f"({bounds})",
                      witness=(("x₀", str(x0)), ("z", str(z))),
                      lhs=f"∂e/∂x(x₀, y) = {hx}", rhs=f"{z} for no real y",
                      detail=f"∂e/∂x = {h}; y ↦ ∂e/∂x(x₀, y) is not surjective, so not "
                             "invertible", witness_values={"x0": x0, "z": z})
    return _v("error-hypothesis", Outcome.UNKNOWN, t0, statement=statement,
              method="linear-in-y test, monotonicity search",
              detail=f"∂e/∂x = {h}: not of the form α(x₀)·y + β(x₀) with polynomial α, β, "
                     f"and monotone at {len(_X0S)}×{len(_YS)} exact points tried")


def _degenerate_x0s(h: sympy.Expr) -> tuple[sympy.Expr, ...]:
    """The real x₀ where a coefficient of ∂e/∂x, as a polynomial in y with coefficients
    polynomial in x, vanishes (the degree in y drops there): rational roots first."""
    if not h.is_polynomial(Y):
        return ()
    roots: list[sympy.Expr] = []
    for c in sympy.Poly(h, Y).all_coeffs():
        if not c.is_polynomial(X) or c.has(sympy.Function) or X not in c.free_symbols:
            continue
        for r in sympy.real_roots(sympy.Poly(c, X)):
            if r not in roots:
                roots.append(r)
    return tuple(sorted(roots, key=lambda r: (not r.is_Rational, abs(sympy.N(r)))))


_BOUNDED = {sympy.tanh: ("-1 < t < 1", -1, 1, True), sympy.sin: ("-1 ≤ t ≤ 1", -1, 1, False),
            sympy.cos: ("-1 ≤ t ≤ 1", -1, 1, False), sympy.atan: ("-2 < t < 2", -2, 2, True),
            sympy.exp: ("t > 0", 0, None, True)}


def _unattained(h: sympy.Expr) -> tuple[sympy.Rational, str] | None:
    """A value z that ``y ↦ h(y)`` never takes, proved by Z3 after replacing each
    bounded function application (tanh, sin, cos, atan, exp) by a fresh variable with
    its bounds — the abstracted range contains the true one, so ``unsat`` is a proof."""
    import z3

    atoms = sorted((a for a in h.atoms(sympy.Function) if a.func in _BOUNDED), key=str)
    if not atoms:
        return None
    ts = [sympy.Symbol(f"_t{i}", real=True) for i in range(len(atoms))]
    g = h.xreplace(dict(zip(atoms, ts, strict=True)))
    if g.atoms(sympy.Function):
        return None
    num, den = sympy.fraction(sympy.together(g))
    syms = sorted(g.free_symbols, key=str)
    if not all(x.is_polynomial(*syms) for x in (num, den)):
        return None
    texts = []
    for z in (1, -1, 2, -2, 10, -10, 100, -100):
        zv = sympy.Integer(z)

        def solve(zv: sympy.Integer = zv) -> str:
            zs = {s: z3.Real(str(s)) for s in syms}
            solver = _solver(2.0)
            solver.add(_to_z3(sympy.expand(num - zv * den), zs) == 0,
                       _to_z3(sympy.expand(den), zs) != 0)
            for a, t in zip(atoms, ts, strict=True):
                _, lo, hi, strict = _BOUNDED[a.func]
                tz = zs[t]
                if lo is not None:
                    solver.add(tz > lo if strict else tz >= lo)
                if hi is not None:
                    solver.add(tz < hi if strict else tz <= hi)
            return str(solver.check())

        res = _killable(solve, 2.0)
        if res is None:
            return None
        if res == "unsat":
            texts = [f"{a} ↦ t with {_BOUNDED[a.func][0]}" for a in atoms]
            return zv, "; ".join(texts)
    return None


def with_monotone_inverse(e: ErrorFunction) -> ErrorFunction:
    """``e`` with the inverse of ``y ↦ ∂e/∂x(x, y)`` when it has no closed form but is
    proved strictly monotone and onto (odd degree in y, see :func:`_odd_monotone`): the
    implicit real root :class:`~coherence.algebra.real_functions.monotone_root`,
    verified by substitution. Unchanged otherwise — so ``L`` accepts exactly the
    polynomial errors that :func:`check_error_hypothesis` proves.

    >>> from coherence.algebra.para import error_function
    >>> with_monotone_inverse(error_function("e", "(x - y)**4/4 + (x - y)**2/2")).inverse
    monotone_root(z, -1, 3*x, -3*x**2 - 1, x**3 + x)
    """
    from dataclasses import replace

    from coherence.algebra.para import Z
    from coherence.algebra.real_functions import monotone_root

    h = e.dx
    if e.inverse is not None or not h.is_polynomial(Y) or sympy.Poly(h, Y).degree() % 2 == 0:
        return e
    if not _odd_monotone(h):
        return e
    g = monotone_root(Z, *sympy.Poly(h, Y).all_coeffs())
    if sympy.expand(h.xreplace({Y: g}) - Z) != 0:
        return e
    return replace(e, inverse=g)


def _odd_monotone(h: sympy.Expr) -> str:
    """A proof that ``y ↦ h(x₀, y)`` is a bijection for every x₀ when h is a polynomial of
    odd degree in y with coefficients polynomial in x: the leading coefficient has no
    real root (real_roots) and Z3 shows ∂h/∂y never changes sign; "" when not shown."""
    import z3

    P = sympy.Poly(h, Y)
    if not all(c.is_polynomial(X) and not c.has(sympy.Function) for c in P.all_coeffs()):
        return ""
    lc = sympy.Poly(P.LC(), X)
    if lc.is_zero or (lc.degree() > 0 and sympy.real_roots(lc)):
        return ""
    hy = sympy.expand(sympy.diff(h, Y))
    for sign in (1, -1):

        def solve(sign: int = sign) -> str:
            zs = {X: z3.Real("x"), Y: z3.Real("y")}
            solver = _solver(3.0)
            solver.add(_to_z3(hy, zs) * sign < 0)
            return str(solver.check())

        res = _killable(solve, 3.0)
        if res is None:
            return ""
        if res == "unsat":
            return ("exact: ∂e/∂x is odd-degree in y with leading coefficient "
                    f"{P.LC()} never 0 (real_roots), and Z3 proves ∂²e/∂x∂y "
                    f"{'≥' if sign > 0 else '≤'} 0: strictly monotone and onto")
    return ""


def _solver(seconds: float) -> Any:
    """A Z3 solver bounded by a count (``rlimit``: the same answer on every machine) with
    the wall clock only as a safety stop."""
    import z3
    from coherence.counterexamples.z3_search import RLIMIT

    solver = z3.Solver()
    solver.set("rlimit", int(RLIMIT * seconds))
    solver.set("timeout", int(seconds * 1000))
    return solver


def _killable(solve: Any, seconds: float) -> Any:
    """``solve()`` in the one killable Z3 runner (a forked child the hard stop can end);
    ``None`` when it failed (an expression Z3 cannot take, a crash, the time ran out)."""
    from coherence.counterexamples.z3_search import in_child

    kind, value = in_child(solve, timeout=seconds + 1.0)
    return value if kind == "ok" else None


def _to_z3(e: sympy.Expr, zs: dict) -> Any:
    import z3

    if e.is_Rational:
        return z3.RealVal(f"{e.p}/{e.q}")
    if e.is_Symbol:
        return zs[e]
    if e.is_Add:
        out = _to_z3(e.args[0], zs)
        for a in e.args[1:]:
            out = out + _to_z3(a, zs)
        return out
    if e.is_Mul:
        out = _to_z3(e.args[0], zs)
        for a in e.args[1:]:
            out = out * _to_z3(a, zs)
        return out
    if e.is_Pow and e.exp.is_Integer and e.exp > 0:
        b = _to_z3(e.base, zs)
        out = b
        for _ in range(int(e.exp) - 1):
            out = out * b
        return out
    raise NotImplementedError(str(e))


def _continuous(expr: sympy.Expr) -> bool:
    from sympy.calculus.util import continuous_domain

    try:
        return continuous_domain(expr, Y, sympy.S.Reals) == sympy.S.Reals
    except (NotImplementedError, ValueError, TypeError):
        return False


def _pretty(v: sympy.Expr) -> str:
    if v.is_Rational:
        return str(v)
    return f"{v} ≈ {sympy.N(v, 6)}"


# ---------------------------------------------------------------------- one update step


def check_update_decreases(L: GradientDescent, I: ParaMap, *, samples: int = 40,
                           seed: int = 0) -> Verdict:
    """One update step never increases the error: ``E(U(p, a, b), a, b) ≤ E(p, a, b)``
    for every (p, a, b) (and every ε > 0 when ε is a symbol).

    The exact difference ``Δ = E(U) − E`` is factored: the update decreases the error
    exactly on the region ``Δ < 0`` (reported). Refuted at an exact point where Δ > 0;
    proved by Z3
    when Δ and E are polynomial; unknown otherwise.

    >>> from coherence.algebra.para import para_map, quadratic_error
    >>> lin = para_map("lin", P=("w",), A=("x",), B=("y",), I=["w*x"])
    >>> v = check_update_decreases(GradientDescent(sympy.Rational(1, 10), quadratic_error()), lin)
    >>> v.outcome, v.witness_text
    (<Outcome.REFUTED: 'refuted'>, 'w = 0, x = 5, y = 1')
    >>> print(v.detail.splitlines()[0])
    Δ = E(U(p, a, b), a, b) − E(p, a, b) = x**2*(x**2 - 20)*(w*x - y)**2/200
    """
    t0 = time.perf_counter()
    parts = L.parts(I)
    ps, as_, bs = parts["symbols"]
    E = parts["E"]
    after = E.xreplace(dict(zip(ps, parts["U"], strict=True)))
    delta = sympy.factor(sympy.together(after - E))
    syms = [*ps, *as_, *bs]
    eps = parts["eps"]
    free_eps = [s for s in getattr(eps, "free_symbols", set()) if s not in syms]
    syms += sorted(free_eps, key=str)
    region = f"Δ = E(U(p, a, b), a, b) − E(p, a, b) = {delta}\n" \
             f"the error decreases exactly where {decrease_region(delta, free_eps)}"
    statement = f"one step of {L} on {I.name} never increases the error"
    pos = {s: s for s in syms}
    limit = 400 if E.atoms(sympy.Function) else 3125  # transcendental points cost more
    pts = [{s: v for s, v in zip(syms, combo, strict=True)}
           for combo in _grid(len(syms), limit)] + sample_points(syms, samples, seed)
    def increases(pt: dict) -> bool:
        """Δ > 0 certified at ``pt``, where E before and after the step are defined over ℝ
        (Δ is factored, and SymPy evaluates roots of negatives over ℂ)."""
        return (numeric_sign(delta.xreplace(pt)) == 1 and real_at(E, pt)
                and real_at(after, pt))

    for pt in pts:
        if any(pt[s] <= 0 for s in free_eps):
            continue
        if increases(pt):
            pt, steps = _shrunk(pt, syms, free_eps, increases)  # the one shrinker
            e0 = E.xreplace(pt)
            e1 = after.xreplace(pt)
            return _v("update-decreases", Outcome.REFUTED, t0, statement=statement,
                      method="exact evaluation", witness=tuple((str(k), str(pt[k]))
                                                               for k in syms),
                      lhs=f"E after = {e1}", rhs=f"E before = {e0}", detail=region,
                      witness_values=pt, shrink_steps=steps)
    del pos
    if delta.is_polynomial(*syms) and E.is_polynomial(*syms):
        verdict = _z3_decreases(E, delta, syms, free_eps)
        if verdict is not None:
            outcome, text, pt = verdict
            if outcome is Outcome.PROVED:
                return _v("update-decreases", Outcome.PROVED, t0, statement=statement,
                          method="Z3 (nonlinear real arithmetic): no point with Δ > 0",
                          detail=region)
            if pt is not None:
                e0 = E.xreplace(pt)
                if increases(pt):
                    return _v("update-decreases", Outcome.REFUTED, t0, statement=statement,
                              method="Z3 model, re-checked exactly",
                              witness=tuple((str(k), str(pt[k])) for k in syms),
                              lhs=f"E after = {after.xreplace(pt)}", rhs=f"E before = {e0}",
                              detail=region, witness_values=pt)
    return _v("update-decreases", Outcome.UNKNOWN, t0, statement=statement,
              method=f"exact search ({len(pts)} points), Z3 when polynomial",
              detail=region)


def _shrunk(pt: dict, syms: Sequence[sympy.Symbol], positive: Sequence[sympy.Symbol],
            still: Any) -> tuple[dict, int]:
    """``pt`` shrunk by :func:`coherence.counterexamples.shrink.shrink` (fewest nonzeros,
    then smallest integers, then smallest denominators) while ``still(pt)`` holds."""
    from fractions import Fraction

    from coherence.counterexamples.shrink import shrink

    if not all(pt[s].is_Rational for s in syms):
        return pt, 0

    def back(flat: Sequence[Fraction]) -> dict:
        return {**pt, **{s: sympy.Rational(x.numerator, x.denominator)
                         for s, x in zip(syms, flat, strict=True)}}

    admits = [(lambda x: x > 0) if s in positive else (lambda x: True) for s in syms]
    start = tuple(Fraction(int(pt[s].p), int(pt[s].q)) for s in syms)
    result = shrink(start, lambda flat: still(back(flat)), admits=admits, max_calls=300)
    return back(result.point), result.steps


def decrease_region(delta: sympy.Expr, positive: Sequence[sympy.Symbol] = ()) -> str:
    """The exact region ``Δ < 0`` from the factorisation of Δ: the factors of even
    multiplicity must not vanish, and when the odd ones involve one variable only, the
    sign condition on it is solved exactly (an interval or union of intervals).

    >>> x, w, y = sympy.symbols("x w y", real=True)
    >>> decrease_region(x**2*(x**2 - 20)*(w*x - y)**2/200)
    'x ∈ Interval.open(-2*sqrt(5), 2*sqrt(5)) and x ≠ 0, w*x - y ≠ 0'
    >>> decrease_region(sympy.Integer(0)), decrease_region(-(w - y)**2)
    ('nowhere (Δ ≥ 0 everywhere)', '-w + y ≠ 0')
    """
    num, den = sympy.fraction(sympy.together(delta))
    if den.free_symbols:
        return "Δ < 0"
    c, factors = sympy.factor_list(num)
    c = c / den
    even = [f for f, k in factors if k % 2 == 0]
    odd = [f for f, k in factors if k % 2 == 1]
    nonzero = ", ".join(f"{f} ≠ 0" for f in even)
    syms = set().union(*(f.free_symbols for f in odd)) if odd else set()
    if not odd:
        if c >= 0:
            return "nowhere (Δ ≥ 0 everywhere)"
        return nonzero or "everywhere"
    if len(syms) == 1:
        (v,) = syms
        rel = sympy.Mul(c, *odd) < 0
        try:
            dom = sympy.Interval.open(0, sympy.oo) if v in positive else sympy.S.Reals
            sol = sympy.solve_univariate_inequality(rel, v, relational=False, domain=dom)
            text = f"{v} ∈ {sol}"
            return f"{text} and {nonzero}" if nonzero else text
        except (NotImplementedError, ValueError, TypeError):
            pass
    sign = "·".join(f"({f})" for f in odd)
    text = f"{c}·{sign} < 0"
    return f"{text} and {nonzero}" if nonzero else text


def _grid(n: int, limit: int = 3125) -> list[tuple[sympy.Rational, ...]]:
    """Small points first (0, 1, −1, 2, 5 per coordinate), at most ``limit`` of them."""
    import itertools

    vals = [sympy.Integer(v) for v in (0, 1, -1, 2, 5)]
    while len(vals) > 2 and len(vals) ** n > limit:
        vals = vals[:-1]
    return list(itertools.islice(itertools.product(vals, repeat=n), limit))


def _z3_decreases(E: sympy.Expr, delta: sympy.Expr, syms: list, free_eps: list
                  ) -> tuple[Outcome, str, dict | None] | None:
    import z3

    def solve() -> tuple[str, dict[str, str] | None]:
        zs = {s: z3.Real(str(s)) for s in syms}
        s = _solver(5.0)
        s.add(_to_z3(sympy.expand(delta), zs) > 0)
        for v in free_eps:
            s.add(zs[v] > 0)
        res = s.check()
        if res != z3.sat:
            return str(res), None
        m = s.model()
        pt: dict[str, str] = {}
        for k, zv in zs.items():
            val = m.eval(zv, model_completion=True)
            if not z3.is_rational_value(val):
                return "irrational", None
            pt[str(k)] = f"{val.numerator_as_long()}/{val.denominator_as_long()}"
        return "sat", pt

    out = _killable(solve, 5.0)
    if out is None:
        return None
    res, model = out
    if res == "unsat":
        return Outcome.PROVED, "unsat", None
    if res == "sat" and model is not None:
        by_name = {str(k): k for k in syms}
        return Outcome.REFUTED, "sat", {by_name[k]: sympy.Rational(v) for k, v in model.items()}
    return None
