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
    v = decide(claim("c", for_all={"x": "Real"}, then="1000003*x != 1"))
    assert v.outcome is R and v.witness_text == "x = 1/1000003", v
    v = decide(claim("c", for_all={"x": "Real", "y": "Real"},
                     then="1000003*x + 999983*y != 1 or x == y"))
    assert v.outcome is R, v
