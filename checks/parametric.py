"""Laws of a structure with parameters as exact conditions on the parameters (Gröbner, Z3).

A structure over ℚ(q, …) (a structure file with ``field = "QQ(q)"``) is a family. For
each law the residual ``lhs − rhs`` is computed exactly over ℚ(q, …) on every basis
tuple; clearing denominators turns its entries into polynomial equations in the
parameters, and the law holds at a parameter value exactly when all of them vanish
there (where the structure constants are defined). The verdict is then

* ``proved`` — the residual is identically zero: the law holds for every value;
* ``refuted`` with "holds for no value" — the reduced Gröbner basis of the equations
  is {1};
* otherwise a **condition**: ``refuted`` (the law does not hold for all values) at a
  parameter value where it fails — re-checked by substituting it into the structure
  and running the exact law check, whose basis witness is reported — with the reduced
  Gröbner basis (lex order) in ``detail``, and, when it has finitely many solutions,
  those solutions (exact: rationals or algebraic numbers), each re-checked by
  substitution. :class:`Condition` carries all of it in ``witness_values``.

The antipode gets the same treatment (:func:`antipode_condition`): for which values
does S ⋆ id = u∘ε = id ⋆ S have a solution, and the formula there. When the generic
system is solvable, the generic S(q) is valid wherever it and the structure are
defined, and the roots of its denominators are checked one by one; when it is not,
the entries of S are eliminated (Gröbner, lex) and the finitely many candidate values
are checked one by one by substitution.

Z3 (:func:`z3_law`) is the second route, for real parameters under inequalities
(``q > 0``): ``unsat`` of "assumptions ∧ some equation ≠ 0" proves the law on the whole
region; a model is a failing value, re-checked by substitution (never reported
unchecked). It runs under a hard timeout and says ``unknown`` when it expires.

Examples
--------
>>> from coherence.algebra.domains import rational_functions
>>> from coherence.algebra.hopf import build
>>> F = rational_functions("q")
>>> q = F.from_sympy(sympy.Symbol("q"))
>>> H = build(("1", "x"), F, product={(0, 0): {0: 1}, (0, 1): {1: 1}, (1, 0): {1: 1},
...           (1, 1): {1: 1}}, unit={0: 1}, coproduct={0: {0: 1}, 1: {2: 1, 1: 1, 3: q}},
...           counit={0: 1, 1: 0})                 # x² = x, Δx = x⊗1 + 1⊗x + q·x⊗x
>>> v = {r.id: r for r in check_parametric(H)}
>>> v["coassociativity"].outcome.value
'proved'
>>> d = v["delta-multiplicative"]
>>> d.outcome.value, d.witness_values.text()
('refuted', 'q**2 + 3*q + 2 = 0  (q = -2; q = -1)')
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy
from coherence.algebra.domains import QQ, parameters
from coherence.algebra.errors import InputError, InternalError
from coherence.algebra.hopf import Bialgebra, HopfAlgebra, _antipode_rows, _solve, build
from coherence.algebra.linear import LinearMap, format_combination
from coherence.checks.laws import AXIOMS, LAWS, _Context, check_laws
from coherence.checks.verdict import Outcome, Verdict

__all__ = ["Condition", "check_parametric", "antipode_condition", "law_condition",
           "specialize", "z3_law", "is_parametric", "parse_assumption"]

_ELIMINATION_LIMIT = 144  # unknown entries of S up to which Gröbner elimination is tried


@dataclass(frozen=True, slots=True)
class Condition:
    """Where a law holds: the reduced Gröbner basis of its equations, and its solutions.

    ``basis`` is ``()`` when the law holds identically and ``(1,)`` when it holds
    nowhere. ``solutions`` lists every solution when there are finitely many (each a
    tuple of ``(parameter, exact value)``), else ``None``. ``checked`` says each listed
    solution was substituted into the structure and the law re-checked exactly.
    """

    parameters: tuple[str, ...]
    basis: tuple[Any, ...]
    solutions: tuple[tuple[tuple[str, Any], ...], ...] | None = None
    checked: bool = False

    @property
    def always(self) -> bool:
        """The law holds for every value."""
        return not self.basis

    @property
    def never(self) -> bool:
        """The law holds for no value."""
        return tuple(self.basis) == (sympy.Integer(1),)

    def text(self) -> str:
        """``q**2 - q = 0  (q = 0, q = 1)`` (or ``always`` / ``never``)."""
        if self.always:
            return "always"
        if self.never:
            return "never"
        eqs = ", ".join(f"{g} = 0" for g in self.basis)
        if self.solutions is None:
            return eqs
        sols = "; ".join(", ".join(f"{k} = {v}" for k, v in s) for s in self.solutions)
        return f"{eqs}  ({sols or 'no solutions'})"


def is_parametric(H: Bialgebra) -> bool:
    """Whether the structure's field has parameters (ℚ(q, …)).

    >>> from coherence.algebra.catalogue import get
    >>> is_parametric(get("sweedler"))
    False
    """
    return bool(parameters(H.domain))


# -- substitution -----------------------------------------------------------------------
def _value(v: Any) -> Any:
    if isinstance(v, str):
        try:
            v = Fraction(v.replace(" ", ""))
        except ValueError:
            raise InputError("expected a rational parameter value such as 2 or -1/3",
                             got=repr(v)) from None
    if isinstance(v, (int, Fraction)):
        return sympy.Rational(v.numerator, v.denominator) if isinstance(v, Fraction) \
            else sympy.Integer(v)
    if isinstance(v, sympy.Basic):
        return v
    raise InputError("expected a parameter value (an integer, a Fraction or an exact number)",
                     got=repr(v))


def specialize(H: Bialgebra, values: Mapping[str, Any]) -> Bialgebra:
    """The structure at a parameter value: coefficients evaluated exactly (ℚ or ℚ(α)).

    Raises InputError where a structure constant's denominator vanishes.

    >>> from coherence.algebra.domains import rational_functions
    >>> F = rational_functions("q")
    >>> q = F.from_sympy(sympy.Symbol("q"))
    >>> H = build(("1",), F, product={(0, 0): {0: 1}}, unit={0: 1},
    ...           coproduct={0: {0: q}}, counit={0: 1})
    >>> specialize(H, {"q": 2}).delta.column(0)
    {0: 2}
    """
    names = parameters(H.domain)
    missing = [n for n in names if n not in values]
    if missing:
        raise InputError("expected a value for every parameter", got=f"none for {missing[0]}")
    point = [_value(values[n]) for n in names]
    algebraic = [v for v in point if not v.is_Rational]
    K = QQ.algebraic_field(*algebraic) if algebraic else QQ
    pt = [K.from_sympy(v) for v in point]
    F = H.domain

    def ev(poly: Any) -> Any:
        out = K.zero
        for exps, coeff in poly.terms():
            term = K.convert(QQ.convert(coeff))
            for x, e in zip(pt, exps, strict=True):
                term = term * x**e
            out += term
        return out

    def conv(c: Any) -> Any:
        c = F.convert(c)
        den = ev(c.denom)
        if not den:
            where = ", ".join(f"{n} = {v}" for n, v in zip(names, point, strict=True))
            raise InputError("expected parameter values where every structure constant is "
                             "defined", got=where)
        return ev(c.numer) / den

    def cols(f: LinearMap) -> dict[int, dict[int, Any]]:
        out: dict[int, dict[int, Any]] = {}
        for r, row in f.matrix.rep.to_sdm().items():
            for c, v in row.items():
                val = conv(v)
                if val:
                    out.setdefault(c, {})[r] = val
        return out

    n = H.dim
    product = {divmod(j, n): col for j, col in cols(H.m).items()}
    S = H.antipode_map
    at = ", ".join(f"{k} = {v}" for k, v in zip(names, point, strict=True))
    return build(H.basis, K, product=product, unit=cols(H.u).get(0, {}),
                 coproduct=cols(H.delta), counit={j: c[0] for j, c in cols(H.eps).items()},
                 antipode=None if S is None else cols(S), name=f"{H.name} at {at}",
                 description=f"{H.description or H.name} at {at}", reference=H.reference)


# -- conditions -------------------------------------------------------------------------
def _symbols(H: Bialgebra) -> list[sympy.Symbol]:
    return [sympy.Symbol(n) for n in parameters(H.domain)]


def _numerators(F: Any, vals: Iterable[Any]) -> list[Any]:
    out = []
    for v in vals:
        e = F.convert(v).numer.as_expr()
        if e != 0:
            out.append(sympy.expand(e))
    return out


def _denominators(H: Bialgebra) -> list[Any]:
    F = H.domain
    dens = set()
    maps = [H.m, H.u, H.delta, H.eps] + ([H.antipode_map] if H.antipode_map is not None else [])
    for f in maps:
        for row in f.matrix.rep.to_sdm().values():
            for v in row.values():
                d = F.convert(v).denom.as_expr()
                if d.free_symbols:
                    dens.add(sympy.expand(d))
    return sorted(dens, key=sympy.default_sort_key)


def _solutions(basis: Sequence[Any], syms: list[sympy.Symbol]
               ) -> tuple[tuple[tuple[str, Any], ...], ...] | None:
    """Every common zero when finitely many (exact), else None."""
    G = sympy.groebner(list(basis), *syms, order="lex")
    if not G.is_zero_dimensional:
        return None
    if len(syms) == 1:
        (g,) = [b for b in G.exprs if b.free_symbols]  # zero-dimensional: one polynomial
        roots = sympy.roots(sympy.Poly(g, syms[0]))
        if sum(roots.values()) != sympy.degree(g, syms[0]):
            roots = {r: 1 for r in sympy.Poly(g, syms[0]).all_roots()}
        vals = sorted(roots, key=lambda r: (not r.is_real, sympy.default_sort_key(r)))
        return tuple(((str(syms[0]), r),) for r in vals)
    sols = sympy.solve_poly_system(list(G.exprs), *syms) or []
    return tuple(tuple((str(s), v) for s, v in zip(syms, sol, strict=True)) for sol in sols)


def _candidates(syms: list[sympy.Symbol]) -> Iterable[dict[str, Any]]:
    small = [sympy.Integer(k) for k in (2, 3, -1, -2, 0, 1, 5, 7)] + [
        sympy.Rational(1, 2), sympy.Rational(-1, 3), sympy.Integer(11)]
    for combo in itertools.product(small, repeat=len(syms)):
        yield {str(s): v for s, v in zip(syms, combo, strict=True)}


def _defined(dens: Sequence[Any], point: Mapping[str, Any]) -> bool:
    subs = {sympy.Symbol(k): v for k, v in point.items()}
    return all(sympy.simplify(d.subs(subs)) != 0 for d in dens)


def _failing_point(basis: Sequence[Any], dens: Sequence[Any], syms: list[sympy.Symbol]
                   ) -> dict[str, Any] | None:
    for point in _candidates(syms):
        subs = {sympy.Symbol(k): v for k, v in point.items()}
        if _defined(dens, point) and any(sympy.expand(g.subs(subs)) != 0 for g in basis):
            return point
    return None


def _ideal(eqs: Sequence[Any], dens: Sequence[Any], syms: list[sympy.Symbol]
           ) -> tuple[Any, ...]:
    """Reduced Gröbner basis (lex) of the equations saturated by the denominators.

    Only values where every structure constant is defined count: the ideal is
    ``(eqs) : (∏ dens)^∞``, computed by eliminating t from ``eqs + [1 − t·∏ dens]``.
    Without it, a residual ``q − 1`` of a structure with a constant ``1/(q − 1)`` read
    "holds iff q = 1", a value where the structure does not exist.
    """
    if not dens:
        return tuple(sympy.groebner(list(eqs), *syms, order="lex").exprs)
    t = sympy.Dummy("t")
    G = sympy.groebner([*eqs, 1 - t * sympy.Mul(*dens)], t, *syms, order="lex")
    kept = [g for g in G.exprs if t not in g.free_symbols]
    if not kept:  # pragma: no cover - the saturation contains the nonzero equations
        return ()
    return tuple(sympy.groebner(kept, *syms, order="lex").exprs)


def _residual(H: Bialgebra, law_id: str, c: _Context) -> list[Any]:
    law = next(law for law in LAWS if law.id == law_id)
    lhs, rhs = law.sides(c)
    diff = lhs - rhs
    return _numerators(H.domain, diff.vals)


def law_condition(H: Bialgebra, law_id: str, *, _context: _Context | None = None) -> Condition:
    """The condition on the parameters under which one law holds (no re-check).

    >>> from coherence.algebra.domains import rational_functions
    >>> F = rational_functions("q")
    >>> q = F.from_sympy(sympy.Symbol("q"))
    >>> H = build(("1",), F, product={(0, 0): {0: q}}, unit={0: 1},
    ...           coproduct={0: {0: 1}}, counit={0: 1})        # 1·1 = q·1
    >>> law_condition(H, "left-unit").text()
    'q - 1 = 0  (q = 1)'
    """
    c = _context or _Context(H)
    syms = _symbols(H)
    eqs = _residual(H, law_id, c)
    if not eqs:
        return Condition(tuple(map(str, syms)), ())
    basis = _ideal(eqs, _denominators(H), syms)
    if basis == (sympy.Integer(1),):
        return Condition(tuple(map(str, syms)), basis, ())
    return Condition(tuple(map(str, syms)), basis, _solutions(basis, syms))


def _where(dens: Sequence[Any]) -> str:
    """The qualifier every "for every value" needs when some constant has a denominator."""
    return " where the structure constants are defined" if dens else ""


def _point_text(point: Mapping[str, Any]) -> str:
    return ", ".join(f"{k} = {v}" for k, v in point.items())


def _law_at(H: Bialgebra, law_id: str, point: Mapping[str, Any]) -> Verdict:
    return check_laws(specialize(H, point), only=[law_id])[0]


def _law_verdict(H: Bialgebra, law_id: str, statement: str, c: _Context,
                 dens: Sequence[Any]) -> Verdict:
    syms = _symbols(H)
    names = tuple(map(str, syms))
    cond = law_condition(H, law_id, _context=c)
    n_tuples = "every basis tuple"
    if cond.always:
        return Verdict(law_id, Outcome.PROVED, statement=statement,
                       method=f"exact identity over ℚ({', '.join(names)}) on {n_tuples}",
                       detail=f"holds for every {', '.join(names)}{_where(dens)}",
                       witness_values=cond)
    checked = True
    for sol in cond.solutions or ():
        point = dict(sol)
        if not _defined(dens, point):
            continue
        if _law_at(H, law_id, point).outcome is not Outcome.PROVED:
            checked = False  # pragma: no cover - the basis vanishes there, so must the residual
    cond = Condition(cond.parameters, cond.basis, cond.solutions, checked)
    point = _failing_point(cond.basis, dens, syms)
    how = "reduced Gröbner basis (lex)"
    head = ("holds for no value where the structure is defined: the Gröbner basis of its "
            "equations (saturated by the denominators) is {1}" if cond.never
            else f"holds iff {cond.text()}  [{how}]")
    if point is None:  # pragma: no cover - a nonzero ideal has non-zeros among the candidates
        return Verdict(law_id, Outcome.UNKNOWN, statement=statement, method=how,
                       detail=head + "; no small failing value found to re-check",
                       witness_values=cond)
    at = _law_at(H, law_id, point)
    if at.outcome is not Outcome.REFUTED:  # pragma: no cover - would be a bug; never refute
        return Verdict(law_id, Outcome.UNKNOWN, statement=statement, method=how,
                       detail=head + f"; but the exact check at {_point_text(point)} did not "
                                     "refute it", witness_values=cond)
    witness = tuple((k, str(v)) for k, v in point.items()) + (at.witness or ())
    solved = "" if cond.solutions is None or cond.never else (
        "; solutions re-checked by substitution" if checked else "")
    return Verdict(law_id, Outcome.REFUTED, statement=statement,
                   method=f"{how}; failing value re-checked by substitution (exact)",
                   witness=witness, lhs=at.lhs, rhs=at.rhs, residual=at.residual,
                   detail=f"{head}{solved}; fails at {_point_text(point)}", witness_values=cond,
                   condition="false" if cond.never else cond.text())


# -- the antipode -----------------------------------------------------------------------
def _antipode_at(H: Bialgebra, point: Mapping[str, Any]) -> Any:
    return _antipode_with(H, point)[1]


def _antipode_with(H: Bialgebra, point: Mapping[str, Any]) -> tuple[Bialgebra, Any]:
    from coherence.algebra.hopf import compute_antipode

    Hs = specialize(H, point)
    return Hs, compute_antipode(Hs)


def _s_text(H: Bialgebra, S: LinearMap) -> str:
    parts = []
    for j in range(H.dim):
        parts.append(f"S({H.space.name(j)}) = {format_combination(H.space, S.column(j))}")
    return ", ".join(parts)


def _antipode_equations(H: Bialgebra, rows: Mapping[int, Mapping[int, Any]] | None = None
                        ) -> tuple[tuple[sympy.Symbol, ...], list[Any]]:
    """The antipode equations as polynomials in unknowns ``s0 … s(n²−1)`` and the parameters."""
    n, F = H.dim, H.domain
    rows = _antipode_rows(H, range(n)) if rows is None else rows
    s = sympy.symbols(f"s0:{n * n}")
    eqs = []
    for row in rows.values():
        expr = sympy.Integer(0)
        for col, v in row.items():
            val = F.to_sympy(F.convert(v))
            expr += val * s[col] if col < n * n else -val
        num = sympy.together(expr).as_numer_denom()[0]
        eqs.append(sympy.expand(num))
    return s, eqs


def _generic_antipode_denominators(H: Bialgebra) -> list[Any] | None:
    """Denominators of the antipode solved over ℚ(params), or None when it is not unique there."""
    status, sol = _solve(_antipode_rows(H, range(H.dim)), H.dim, H.domain)
    return _solution_denominators(H.domain, sol) if status == "unique" else None


def _solution_denominators(F: Any, sol: Mapping[int, Mapping[int, Any]]) -> list[Any]:
    """The distinct non-constant denominators of a solution's entries, sorted."""
    dens = set()
    for col in sol.values():
        for v in col.values():
            d = F.convert(v).denom.as_expr()
            if d.free_symbols:
                dens.add(sympy.expand(d))
    return sorted(dens, key=sympy.default_sort_key)


def _antipode_locus(H: Bialgebra, eqs: Sequence[Any], basis: tuple[Any, ...],
                    dens: Sequence[Any], syms: list[sympy.Symbol]
                    ) -> tuple[tuple[Any, ...], str, bool]:
    r"""Where the bialgebra equations hold AND an antipode exists, when the bialgebra
    locus V(basis) is not finite (so its points cannot be checked one by one).

    Returns ``(basis, text, exact)``. Reasoning: solve S over ℚ(params); where none of
    its denominators e vanishes, the generic S specialises to a solution (the equations
    are polynomial), so the Hopf locus off V(e) is V(B) \ V(e), whose closure is
    V(B : e^∞) — the new ``basis``. On V(e), an antipode exists at no point of V(B)
    exactly when B ∪ {antipode equations} ∪ {e} generates the unit ideal over ℂ (with
    the entries of S as unknowns; Nullstellensatz). Then the condition is exact:
    "basis = 0" (plus "e ≠ 0" if V(basis) meets V(e)). Otherwise ``exact`` is False and
    the text says what is not decided.
    """
    edens = _generic_antipode_denominators(H)
    if edens is None:
        return basis, "antipode existence on this set not decided (no unique antipode over " \
            "ℚ(" + ", ".join(map(str, syms)) + "))", False
    if not edens:
        return basis, "", True
    e = sympy.expand(sympy.Mul(*edens))
    sat = _ideal(eqs, [*dens, *edens], syms)
    if H.dim * H.dim > _ELIMINATION_LIMIT:
        return sat, f"where {e} = 0 antipode existence not decided", False
    s, anti = _antipode_equations(H)
    t = sympy.Dummy("t")
    extra = [1 - t * sympy.Mul(*dens)] if dens else []
    G = sympy.groebner([*eqs, *anti, e, *extra], *s, t, *syms, order="grevlex")
    if list(G.exprs) != [sympy.Integer(1)]:
        return sat, f"where {e} = 0 antipode existence not decided", False
    meets = list(sympy.groebner([*sat, e], *syms, order="lex").exprs) != [sympy.Integer(1)]
    return sat, (f"and {e} ≠ 0 (no antipode where {e} = 0)" if meets else ""), True


def _rational_point(d: Any, dens: Sequence[Any], syms: list[sympy.Symbol]
                    ) -> dict[str, Any] | None:
    """A defined rational point on d = 0: small values for all parameters but one, then a
    rational root in the last (tried for each choice of the last parameter)."""
    for last in reversed(syms):
        others = [x for x in syms if x != last]
        for combo in itertools.product(
                [sympy.Integer(k) for k in (1, 2, -1, 3, -2, 5)], repeat=len(others)):
            sub = dict(zip(others, combo, strict=True))
            g = sympy.Poly(sympy.expand(d.subs(sub)), last)
            if g.degree() < 1:
                continue
            for r in sorted(sympy.roots(g, filter="Q"), key=sympy.default_sort_key):
                point = {str(k): v for k, v in {**sub, last: r}.items()}
                point = {str(x): point[str(x)] for x in syms}
                if _defined(dens, point):
                    return point
    return None


def _exceptional_hypersurface(H: Bialgebra, d: Any, dens: Sequence[Any],
                              syms: list[sympy.Symbol], formula: str, statement: str,
                              alone: bool = True) -> Verdict | None:
    """The antipode over ℚ(params) has denominator d and {d = 0} is not finite: when the
    antipode equations together with d = 0 have no solution at all (their Gröbner basis,
    the entries of S as unknowns, is {1}: Nullstellensatz), no value on d = 0 has an
    antipode, so it exists exactly where d ≠ 0 — refuted at a rational point of d = 0,
    re-checked by substitution. ``None`` when that is not what happens."""
    if H.dim * H.dim > _ELIMINATION_LIMIT:
        return None
    s, anti = _antipode_equations(H)
    t = sympy.Dummy("t")
    extra = [1 - t * sympy.Mul(*dens)] if dens else []
    if list(sympy.groebner([*anti, d, *extra], *s, t, *syms, order="grevlex").exprs) != [
            sympy.Integer(1)]:
        return None
    point = _rational_point(d, dens, syms)
    if point is None:
        return None
    r = _antipode_at(H, point)
    if r.exists:  # pragma: no cover - contradicts the Gröbner basis {1}; never refute
        return None
    names = ", ".join(map(str, syms))
    return Verdict("antipode", Outcome.REFUTED, statement=statement,
                   method=f"exact linear algebra over ℚ({names}); no antipode on {d} = 0 "
                          "(Gröbner basis {1}); the value re-checked by substitution",
                   witness=tuple((k, str(v)) for k, v in point.items()),
                   detail=(f"exists iff {d} ≠ 0: {formula}" if alone else
                           f"no antipode where {d} = 0 (the other denominators of {formula} "
                           "not examined)") + f"; at {_point_text(point)} {r.reason}",
                   condition=f"{d} ≠ 0" if alone else None)


def antipode_condition(H: Bialgebra) -> Verdict:
    """For which parameter values the antipode exists, and its formula (verdict ``antipode``).

    >>> from coherence.algebra.domains import rational_functions
    >>> F = rational_functions("q")
    >>> q = F.from_sympy(sympy.Symbol("q"))
    >>> H = build(("1", "x"), F, product={(0, 0): {0: 1}, (0, 1): {1: 1}, (1, 0): {1: 1},
    ...           (1, 1): {1: 1}}, unit={0: 1}, coproduct={0: {0: 1}, 1: {2: 1, 1: 1, 3: q}},
    ...           counit={0: 1, 1: 0})
    >>> v = antipode_condition(H)
    >>> v.outcome.value, v.witness
    ('refuted', (('q', '-1'),))
    >>> print(v.detail)    # doctest: +ELLIPSIS
    exists iff q ≠ -1: S(1) = 1, S(x) = (-1/(q + 1))·x; at q = -1 no antipode: ...
    """
    statement = "S ⋆ id = u∘ε = id ⋆ S has a solution S"
    syms = _symbols(H)
    names = tuple(map(str, syms))
    n = H.dim
    F = H.domain
    dens = _denominators(H)
    rows = _antipode_rows(H, range(n))
    status, sol = _solve(rows, n, F)
    if status == "unique":
        S = LinearMap.from_columns(H.space, H.space, sol)
        formula = _s_text(H, S)
        bad_dens = _solution_denominators(F, sol)
        exceptional: list[dict[str, Any]] = []
        for d in bad_dens:
            sols = _solutions([d], syms)
            if sols is None:  # several parameters: a hypersurface of exceptions
                v = _exceptional_hypersurface(H, d, dens, syms, formula, statement,
                                              alone=len(bad_dens) == 1)
                if v is not None:
                    return v
                return Verdict("antipode", Outcome.UNKNOWN, statement=statement,
                               method="exact linear algebra over ℚ(params)",
                               detail=f"exists where {d} ≠ 0: {formula}; the exceptions form a "
                                      "curve, not checked point by point")
            exceptional += [dict(s) for s in sols]
        failing = []
        for point in exceptional:
            if _defined(dens, point) and not _antipode_at(H, point).solvable:
                failing.append(point)
        if not failing:
            extra = ("; at the roots of its denominators, checked by substitution, it exists "
                     "too" if exceptional else "")
            return Verdict("antipode", Outcome.PROVED, statement=statement,
                           method=f"exact linear algebra over ℚ({', '.join(names)})",
                           detail=f"exists for every {', '.join(names)}{_where(dens)}: "
                                  f"{formula}{extra}")
        point = failing[0]
        where = " and ".join(f"({_point_text(p)})" for p in failing)
        reason = _antipode_at(H, point).reason
        cond = " and ".join(f"{k} ≠ {v}" for p in failing for k, v in p.items())
        return Verdict("antipode", Outcome.REFUTED, statement=statement,
                       method=f"exact linear algebra over ℚ({', '.join(names)}); exceptional "
                              "values re-checked by substitution",
                       witness=tuple((k, str(v)) for k, v in point.items()),
                       detail=f"exists iff {cond}: {formula}; at {_point_text(point)} {reason}"
                       if len(failing) == 1 else
                       f"exists except at {where}: {formula}; at {_point_text(point)} {reason}",
                       witness_values=tuple(failing))
    if n * n > _ELIMINATION_LIMIT:
        return Verdict("antipode", Outcome.UNKNOWN, statement=statement,
                       method="exact linear algebra over ℚ(params)",
                       detail=f"no antipode for generic parameters; eliminating {n * n} unknown "
                              f"entries of S is beyond the limit {_ELIMINATION_LIMIT}")
    s, eqs = _antipode_equations(H, rows)
    G = sympy.groebner(eqs, *s, *syms, order="lex")
    elim = [g for g in G.exprs if g.free_symbols <= set(syms)]
    method = "Gröbner elimination of the entries of S (lex); candidates re-checked by substitution"
    if not elim:  # pragma: no cover - generic inconsistency makes the elimination ideal nonzero
        return Verdict("antipode", Outcome.UNKNOWN, statement=statement, method=method,
                       detail=f"no unique antipode for generic parameters ({status})")
    cands = [] if elim == [sympy.Integer(1)] else (_solutions(elim, syms) or ())
    exists = []
    for sol in cands:
        point = dict(sol)
        if _defined(dens, point):
            Hs, r = _antipode_with(H, point)
            if r.exists:
                exists.append((point, _s_text(Hs, r.antipode)))
    point = _failing_point(elim if elim != [sympy.Integer(1)] else [sympy.Integer(1)], dens,
                           syms) or next(iter(_candidates(syms)))
    r = _antipode_at(H, point)
    if r.exists:  # the elimination said no antipode here; the substitution disagrees
        return Verdict("antipode", Outcome.UNKNOWN, statement=statement, method=method,
                       detail=f"the elimination excluded {_point_text(point)} but an "
                              "antipode exists there; not refuting")
    if exists:
        where = "; ".join(f"at {_point_text(p)}: {formula}" for p, formula in exists)
        vals = ", ".join(_point_text(p) for p, _ in exists)
        condition = ", ".join(f"{g} = 0" for g in elim)
        detail = f"exists iff {vals} [{condition}]; {where}"
    else:
        condition = "false"
        detail = "exists for no value of " + ", ".join(names)
    return Verdict("antipode", Outcome.REFUTED, statement=statement, method=method,
                   witness=tuple((k, str(v)) for k, v in point.items()),
                   detail=f"{detail}; at {_point_text(point)} {r.reason}",
                   witness_values=tuple(p for p, _ in exists), condition=condition)


# -- Z3 ---------------------------------------------------------------------------------
_OPS = ("<=", ">=", "==", "!=", "<", ">")


def parse_assumption(text: str) -> tuple[str, str, Fraction]:
    """Read ``q > 0`` / ``t <= 1/2``: a parameter, a comparison and a rational bound.

    >>> parse_assumption("q >= -1/2")
    ('q', '>=', Fraction(-1, 2))
    """
    s = text.replace(" ", "")
    for op in _OPS:
        name, sep, bound = s.partition(op)
        if sep and name.isidentifier() and bound:
            try:
                return name, op, Fraction(bound)
            except ValueError:
                break
    raise InputError("expected an assumption PARAM OP NUMBER (e.g. q > 0, t <= 1/2)",
                     got=repr(text))


def _z3_poly(expr: Any, zs: Mapping[str, Any]) -> Any:
    import z3

    syms = [sympy.Symbol(n) for n in zs]
    poly = sympy.Poly(expr, *syms)
    out = z3.RealVal(0)
    for exps, coeff in poly.terms():
        c = sympy.Rational(coeff)
        term = z3.RealVal(f"{int(c.p)}/{int(c.q)}")
        for z, e in zip(zs.values(), exps, strict=True):
            for _ in range(e):
                term = term * z
        out = out + term
    return out


_CMP = {"<": lambda x, b: x < b, "<=": lambda x, b: x <= b, ">": lambda x, b: x > b,
        ">=": lambda x, b: x >= b, "==": lambda x, b: x == b, "!=": lambda x, b: x != b}


def z3_law(H: Bialgebra, law_id: str, *, assumptions: Sequence[tuple[str, str, Fraction]] = (),
           timeout: float = 5.0) -> Verdict:
    """Decide a law for all real parameter values satisfying ``assumptions``, with Z3.

    ``proved`` when "assumptions ∧ defined ∧ some residual equation ≠ 0" is ``unsat``
    (Z3's complete default solver); ``refuted`` at a model, re-checked by substitution
    (an algebraic model is replaced by a 40-digit rational approximation, which must
    satisfy the assumptions and fail the law exactly); ``unknown`` otherwise. Z3 runs in
    a forked child killed after ``timeout`` seconds
    (:func:`coherence.counterexamples.z3_search.run_strategy`).

    >>> from coherence.algebra.domains import rational_functions
    >>> F = rational_functions("q")
    >>> q = F.from_sympy(sympy.Symbol("q"))
    >>> H = build(("1",), F, product={(0, 0): {0: q}}, unit={0: 1},
    ...           coproduct={0: {0: 1}}, counit={0: 1})        # 1·1 = q·1
    >>> z3_law(H, "left-unit", assumptions=[("q", ">", Fraction(0))]).outcome.value
    'refuted'
    >>> z3_law(H, "left-unit", assumptions=[("q", "==", Fraction(1))]).outcome.value
    'proved'
    """
    import z3
    from coherence.counterexamples.problem import SearchProblem, Variable
    from coherence.counterexamples.z3_search import DEFAULT, run_strategy

    names = [str(s) for s in _symbols(H)]
    law = next(law for law in LAWS if law.id == law_id)
    for name, op, _ in assumptions:
        if name not in names:
            raise InputError("expected an assumption on a parameter", got=repr(name),
                             choices=names)
        if op not in _CMP:
            raise InputError("expected a comparison", got=repr(op), choices=tuple(_CMP))
    eqs = _residual(H, law_id, _Context(H))
    dens = _denominators(H)
    region = " ∧ ".join(f"{k} {op} {b}" for k, op, b in assumptions) or "every real value"
    if not eqs:
        return Verdict(law_id, Outcome.PROVED, statement=law.statement,
                       method="exact identity over ℚ(params) (no equations for Z3)",
                       detail=f"holds for {region}{_where(dens)}")

    def counterexample(v: Mapping[str, Any]) -> Any:
        zs = {n: v[n] for n in names}
        facts = [_CMP[op](zs[name], z3.RealVal(f"{b.numerator}/{b.denominator}"))
                 for name, op, b in assumptions]
        facts += [_z3_poly(d, zs) != 0 for d in dens]
        facts.append(z3.Or([_z3_poly(e, zs) != 0 for e in eqs]))
        return z3.And(facts)

    problem = SearchProblem(tuple(Variable(n, "real") for n in names), check=lambda pt: None,
                            z3_counterexample=counterexample)
    attempt = run_strategy(problem, DEFAULT, timeout)
    if attempt.status == "unsat":
        return Verdict(law_id, Outcome.PROVED, statement=law.statement,
                       method="Z3 (nonlinear real arithmetic, complete solver): unsat",
                       detail=f"holds for {region}{_where(dens)}: no real value there makes a "
                              "residual equation nonzero", seconds=attempt.seconds)
    if attempt.status != "sat" or attempt.model is None:
        return Verdict(law_id, Outcome.UNKNOWN, statement=law.statement, method="Z3",
                       detail=f"{attempt.describe()} on {region}", seconds=attempt.seconds)
    point = {n: Fraction(m) for n, m in zip(names, attempt.model, strict=True)}
    inside = all(_CMP[op](point[name], b) for name, op, b in assumptions)
    at = _law_at(H, law_id, {k: sympy.Rational(v.numerator, v.denominator)
                             for k, v in point.items()}) if inside and _defined(
        dens, {k: sympy.Rational(v.numerator, v.denominator) for k, v in point.items()}) \
        else None
    if at is None or at.outcome is not Outcome.REFUTED:
        return Verdict(law_id, Outcome.UNKNOWN, statement=law.statement, method="Z3: sat",
                       detail=f"the Z3 model {_point_text(point)} (rounded if algebraic) did "
                              f"not re-check exactly on {region}; not refuting",
                       seconds=attempt.seconds)
    return Verdict(law_id, Outcome.REFUTED, statement=law.statement,
                   method="Z3 model, re-checked by substitution (exact)",
                   witness=tuple((k, str(v)) for k, v in point.items()) + (at.witness or ()),
                   lhs=at.lhs, rhs=at.rhs, residual=at.residual,
                   detail=f"fails on {region} at {_point_text(point)}", seconds=attempt.seconds)


# -- the suite --------------------------------------------------------------------------
def check_parametric(H: Bialgebra, *, only: Iterable[str] | None = None,
                     facts: bool = False) -> tuple[Verdict, ...]:
    """One condition verdict per law of a parametric structure, plus ``antipode``.

    Without a given antipode, the antipode laws are replaced by one ``antipode``
    verdict (for which values S exists, and its formula). ``facts`` adds
    ``commutative`` and ``cocommutative``.

    >>> from coherence.algebra.domains import rational_functions
    >>> F = rational_functions("q")
    >>> H = build(("1",), F, product={(0, 0): {0: 1}}, unit={0: 1},
    ...           coproduct={0: {0: 1}}, counit={0: 1})
    >>> {v.outcome.value for v in check_parametric(H)}
    {'proved'}
    """
    if not is_parametric(H):
        raise InputError("expected a structure over a field with parameters (QQ(q, ...))",
                         got=str(H.domain))
    ids = [a for a in AXIOMS] + (["commutative", "cocommutative"] if facts else [])
    given = isinstance(H, HopfAlgebra)
    if not given:
        ids = [i for i in ids if not i.startswith("antipode-")] + ["antipode"]
    if only is not None:
        only = list(only)
        known = [*AXIOMS, "commutative", "cocommutative", "antipode", "hopf"]
        for name in only:
            if name not in known:
                raise InputError("expected a law name", got=repr(name), choices=known)
        if not given and any(n.startswith("antipode-") for n in only):
            only.append("antipode")  # no S given: the antipode laws are its existence
        if "commutative" in only or "cocommutative" in only:
            ids += [n for n in ("commutative", "cocommutative") if n in only and n not in ids]
        ids = [i for i in ids if i in only]
    c = _Context(H) if any(i != "antipode" for i in ids) else None
    dens = _denominators(H)
    statements = {law.id: law.statement for law in LAWS}
    out = []
    for law_id in ids:
        t0 = time.perf_counter()
        if law_id == "antipode":
            v = antipode_condition(H)
        else:
            if c is None:
                raise InternalError("a law checked without its context")
            v = _law_verdict(H, law_id, statements[law_id], c, dens)
        out.append(v.with_(seconds=time.perf_counter() - t0))
    if only is None or "hopf" in only:
        c = c or _Context(H)
        t0 = time.perf_counter()
        out.append(hopf_condition(H, c, dens).with_(seconds=time.perf_counter() - t0))
    return tuple(out)


def hopf_condition(H: Bialgebra, c: _Context | None = None, dens: Sequence[Any] | None = None
                   ) -> Verdict:
    """For which values the structure is a Hopf algebra: all axioms at once (``hopf``).

    The equations of every bialgebra axiom (and of the given antipode) form one ideal;
    its reduced Gröbner basis is the condition. Without a given antipode, each of its
    finitely many solutions is checked for an antipode by substitution.

    >>> from coherence.algebra.structure_file import read_structure
    >>> import pathlib
    >>> path = pathlib.Path(__file__).parents[1] / "docs/examples/structures/taft-generic.toml"
    >>> v = hopf_condition(read_structure(path))
    >>> v.outcome.value, v.witness_values.text()
    ('refuted', 'q**2 + q + 1 = 0  (q = -1/2 - sqrt(3)*I/2; q = -1/2 + sqrt(3)*I/2)')
    """
    c = c or _Context(H)
    dens = _denominators(H) if dens is None else dens
    syms = _symbols(H)
    names = tuple(map(str, syms))
    given = isinstance(H, HopfAlgebra)
    ids = [a for a in AXIOMS if given or not a.startswith("antipode-")]
    eqs: list[Any] = []
    for law_id in ids:
        eqs += _residual(H, law_id, c)
    statement = "every Hopf axiom (one ideal for all of them)"
    how = "reduced Gröbner basis (lex) of all the axioms' equations"
    if not eqs and given:
        return Verdict("hopf", Outcome.PROVED, statement=statement, method=how,
                       detail=f"a Hopf algebra for every {', '.join(names)}{_where(dens)}")
    basis = _ideal(eqs, dens, syms) if eqs else ()
    sols = _solutions(basis, syms) if basis and basis != (sympy.Integer(1),) else (
        () if basis else None)
    caveat = ""
    if not given and sols is None and basis and basis != (sympy.Integer(1),):
        # infinitely many bialgebra values: antipode existence enters the ideal itself
        basis, caveat, exact = _antipode_locus(H, eqs, tuple(basis), dens, syms)
        if not exact:
            how += "; antipode existence only partly decided"
        sols = _solutions(basis, syms) if basis != (sympy.Integer(1),) else ()
        if sols is not None:  # the antipode condition cut it down to finitely many values
            keep = [sol for sol in sols
                    if _defined(dens, dict(sol)) and _antipode_at(H, dict(sol)).exists]
            sols, caveat = tuple(keep), ""
            if not keep:
                basis = (sympy.Integer(1),)
    elif not given and sols is not None:
        keep = []
        for sol in sols:
            point = dict(sol)
            if _defined(dens, point) and _antipode_at(H, point).exists:
                keep.append(sol)
        sols = tuple(keep)
        if keep:
            if len(syms) == 1:  # the monic polynomial with exactly the kept roots
                basis = (sympy.expand(sympy.Mul(*[syms[0] - sol[0][1] for sol in keep])),)
    cond = Condition(names, basis or (), sols, True)
    if not basis and not given:
        anti = antipode_condition(H)
        if anti.outcome is Outcome.PROVED:
            return Verdict("hopf", Outcome.PROVED, statement=statement, method=how,
                           detail=f"a bialgebra for every {', '.join(names)}{_where(dens)}; "
                                  + anti.detail)
        return anti.with_(id="hopf", statement=statement,
                          detail=f"a bialgebra for every {', '.join(names)}{_where(dens)}; "
                                 "antipode: "
                                 + anti.detail)
    point = _failing_point(basis if basis else (sympy.Integer(1),), dens, syms)
    if sols is not None and point is not None:
        while any(dict(s) == point for s in sols):  # pragma: no cover - candidates avoid roots
            point = None
            break
    text = "never" if sols == () else cond.text() + (f" {caveat}" if caveat else "")
    if point is None:  # pragma: no cover
        return Verdict("hopf", Outcome.UNKNOWN, statement=statement, method=how,
                       detail=f"a Hopf algebra iff {text}; no failing value re-checked",
                       witness_values=cond)
    failing = [v for v in check_laws(specialize(H, point), facts=False)
               if v.outcome is not Outcome.PROVED]
    if not failing:  # pragma: no cover - would be a bug; never refute
        return Verdict("hopf", Outcome.UNKNOWN, statement=statement, method=how,
                       detail=f"the exact check at {_point_text(point)} found every axiom",
                       witness_values=cond)
    first = failing[0]
    return Verdict("hopf", Outcome.REFUTED, statement=statement,
                   method=how + "; failing value re-checked by substitution (exact)",
                   witness=tuple((k, str(v)) for k, v in point.items()),
                   detail=f"a Hopf algebra iff {text}; at {_point_text(point)} "
                          f"{first.id} fails" + (f" at {first.witness_text}"
                                                 if first.witness else ""),
                   witness_values=cond, condition=text)
