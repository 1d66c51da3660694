"""Claim-file vocabulary for structures with parameters (``field = "QQ(q)"``).

Registers, through :mod:`coherence.checks.vocabulary`:

* the function ``at(H, q, …)`` — the structure at rational parameter values (in the
  order of its field's parameters), exactly; usable under ``for_all = { q = "Rational" }``;
* the decider ``holds(H, law)`` — a law (``'associativity'``, ``'coassociativity'`` …,
  ``'antipode'`` for the existence of an antipode, ``'hopf'`` for all axioms at once).
  On a structure without parameters it is the exact check on every basis tuple; on a
  parametric one it is the condition verdict of :mod:`coherence.checks.parametric`:
  ``proved`` when the law holds for every value, else ``refuted`` at a failing value
  re-checked by substitution, with the condition (reduced Gröbner basis and its
  solutions) in the detail.

Examples
--------
>>> from pathlib import Path
>>> from coherence.checks.vocab_hopf import structure
>>> H = structure(str(Path(__file__).parents[1] / "docs/examples/structures/deformed.toml"))
>>> d = holds(H, "coassociativity")
>>> d.outcome.value, d.witness[0]
('refuted', ('q', '2'))
>>> holds(at(H, 1), "coassociativity").outcome.value
'proved'
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import sympy
from coherence.algebra.domains import parameters
from coherence.algebra.errors import InputError
from coherence.algebra.hopf import Bialgebra
from coherence.checks.evaluate import Undecidable
from coherence.checks.verdict import Outcome
from coherence.checks.vocabulary import Decision, register

_AREA = "parametric"


def _bialgebra(H: Any) -> Bialgebra:
    from coherence.checks.vocab_hopf import _structure

    B = _structure(H)
    if not isinstance(B, Bialgebra):
        raise InputError("expected a bialgebra (a structure with product and coproduct)",
                         got=type(B).__name__)
    return B


def _rational(v: Any) -> Fraction:
    if isinstance(v, Fraction):
        return v
    if isinstance(v, int):
        return Fraction(v)
    if isinstance(v, sympy.Basic) and v.is_Rational:
        return Fraction(int(v.p), int(v.q))
    if isinstance(v, sympy.Basic):
        raise Undecidable("at(H, …) needs exact rational parameter values")
    raise InputError("expected a rational parameter value", got=type(v).__name__)


@register("at", signature="at(H, q, …)", area=_AREA, min_args=2,
          doc="The structure H at rational values of its parameters (in the order of its "
              "field QQ(q, …)), with exact coefficients.")
def at(H: Any, *values: Any) -> Bialgebra:
    """H with its parameters replaced by rational values.

    >>> from pathlib import Path
    >>> from coherence.checks.vocab_hopf import structure
    >>> H = structure(str(Path(__file__).parents[1] / "docs/examples/structures/deformed.toml"))
    >>> print(at(H, 2).basis_element("g").coproduct())
    2·1⊗g + g⊗g
    """
    from coherence.checks.parametric import specialize

    B = _bialgebra(H)
    names = parameters(B.domain)
    if len(values) != len(names):
        raise InputError(f"expected {len(names)} parameter value(s) for {', '.join(names) or '—'}",
                         got=str(len(values)))
    return specialize(B, {n: _rational(v) for n, v in zip(names, values, strict=True)})


_LAWS = ("associativity", "left-unit", "right-unit", "coassociativity", "left-counit",
         "right-counit", "delta-multiplicative", "eps-multiplicative", "delta-unit",
         "eps-unit", "antipode-left", "antipode-right", "antipode", "hopf")


@register("holds", signature="holds(H, law)", kind="decider", area=_AREA, min_args=2,
          max_args=2,
          doc="A Hopf law of H ('associativity', …, 'antipode', 'hopf'): exact on every basis "
              "tuple; for a structure over QQ(q, …), proved iff it holds for every value, else "
              "refuted at a re-checked failing value with the condition (Gröbner basis).")
def holds(H: Any, law: Any) -> Decision:
    """Decide one law of H (for all parameter values when H has parameters).

    >>> holds("sweedler", "antipode-left").outcome.value
    'proved'
    """
    if not isinstance(law, str) or law not in _LAWS:
        raise InputError("expected a law name in quotes", got=repr(law), choices=_LAWS)
    B = _bialgebra(H)
    if parameters(B.domain):
        from coherence.checks.parametric import check_parametric, hopf_condition

        if law == "hopf":
            v = hopf_condition(B)
        else:
            only = "antipode" if law.startswith("antipode") and not hasattr(B, "antipode") \
                else law
            v = check_parametric(B, only=[only])[0]
    else:
        from coherence.algebra.hopf import compute_antipode
        from coherence.checks.laws import AXIOMS, check_laws

        if law == "antipode":
            r = compute_antipode(B)
            method = "antipode equations solved exactly"
            if r.solvable:  # several solutions (not a bialgebra) still solve the system
                return Decision(Outcome.PROVED, method, detail=r.reason)
            return Decision(Outcome.REFUTED, method, witness=(("S", "none"),), detail=r.reason)
        if law == "hopf":
            bad = [v for v in check_laws(B, facts=False) if v.outcome is not Outcome.PROVED]
            if not bad:
                return Decision(Outcome.PROVED, f"every Hopf axiom exact ({len(AXIOMS)})")
            v = bad[0]
        else:
            v = check_laws(B, only=[law])[0]
    return Decision(v.outcome, v.method, witness=v.witness, lhs=v.lhs, rhs=v.rhs,
                    residual=v.residual, detail=v.detail, witness_values=v.witness_values)
