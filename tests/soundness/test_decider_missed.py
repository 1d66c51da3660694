"""Missed easy refutations (issue 13): each claim is false at a witness found here by an
independent computation; the decider must refute it (its witness re-checked here)."""

from __future__ import annotations

from fractions import Fraction

from coherence.algebra.catalogue import get
from coherence.checks.claims import claim
from coherence.checks.decide import decide
from coherence.checks.verdict import Outcome

R = Outcome.REFUTED


def test_z3_model_with_a_large_denominator_is_kept() -> None:
    # x = 1/1000003 makes 1000003·x = 1: Z3 returns exactly that model; its denominator
    # (> 10⁶) is no reason to throw it away.
    assert 1000003 * Fraction(1, 1000003) == 1
    v = decide(claim("c", for_all={"x": "Real"}, then="1000003*x != 1"), timeout=60)
    assert v.outcome is R and v.witness_text == "x = 1/1000003", v
    v = decide(claim("c", for_all={"x": "Real", "y": "Real"},
                     then="1000003*x + 999983*y != 1 or x == y"), timeout=60)
    assert v.outcome is R, v




def test_zero_divisors_of_the_group_algebra_refute() -> None:
    # (1 − g)(1 + g) = 1 − g² = 0 in ℚ[C₂] with neither factor 0: not a domain.
    H = get("group:C2")
    one, g = H.basis_element("1"), H.basis_element("g")
    assert ((one - g) * (one + g)).is_zero()
    v = decide(claim("c", for_all={"a": "Element(group:C2)", "b": "Element(group:C2)"},
                     then="implies(a*b == 0, a == 0 or b == 0)"), timeout=60)
    assert v.outcome is R, v
    a, b = (v.witness_values[k] for k in ("a", "b"))
    assert (a * b).is_zero() and not a.is_zero() and not b.is_zero()


def test_fractional_idempotents_refute() -> None:
    # ((1 + g)/2)² = (1 + 2g + g²)/4 = (1 + g)/2: an idempotent other than 0 and 1.
    v = decide(claim("c", for_all={"a": "Element(group:C2)"},
                     then="implies(a*a == a, a == 0 or a == apply(u, 1))"), timeout=60)
    assert v.outcome is R, v
    a = v.witness_values["a"]
    H = get("group:C2")
    assert a * a == a and not a.is_zero() and a != H.one()


def test_primitive_idempotents_of_c3_refute() -> None:
    # e = (1 + g + g²)/3 is idempotent in ℚ[C₃] (g·e = e), and ε(e) = 1 but e ≠ 1.
    H = get("group:C3")
    e = H.domain.convert(1) / H.domain.convert(3) * (H.one() + H.basis_element("g")
                                                        + H.basis_element("g^2"))
    assert e * e == e
    v = decide(claim("c", for_all={"a": "Element(group:C3)"},
                     then="implies(a*a == a and eps(a) == 1, a == apply(u, 1))"), timeout=60)
    assert v.outcome is R, v
    a = v.witness_values["a"]
    assert a * a == a and a.counit() == 1 and a != H.one()


def test_nilpotents_refute() -> None:
    # In Sweedler's algebra (x + gx)² = x² + x·gx + gx·x + (gx)² = 0 (x² = 0, xg = −gx),
    # and x + gx ≠ 0: a nonzero square-zero element that is no basis element is found.
    v = decide(claim("c", for_all={"a": "Element(sweedler)"},
                     then="implies(a*a == 0 and eps(a) == 0 and a*S(a) == 0, a == 0)"), timeout=60)
    assert v.outcome is R, v
    a = v.witness_values["a"]
    assert (a * a).is_zero() and not a.is_zero()


def test_affine_breakpoint_midpoints_refute() -> None:
    # relu(x − 3)·relu(4 − x) is (x − 3)(4 − x) > 0 for 3 < x < 4 and 0 elsewhere: the
    # counterexamples lie strictly between the integers 3 and 4 (7/2 gives 1/4).
    v = decide(claim("c", for_all={"x": "Real"}, then="relu(x - 3)*relu(4 - x) == 0"), timeout=60)
    assert v.outcome is R, v
    x = v.witness_values["x"]
    assert 3 < x < 4
    assert v.method.startswith("canonical seeds"), v.method  # a midpoint seed, not luck
    v = decide(claim("c", for_all={"x": "Real", "y": "Real"},
                     then="relu(x - 5)*relu(6 - x) + relu(2*y - 7)*relu(8 - 2*y) == 0"), timeout=60)
    assert v.outcome is R, v
