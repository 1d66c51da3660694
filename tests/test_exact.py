"""Rationalising floats (simplest first) and rigorous ball comparisons."""

from __future__ import annotations

import math
from fractions import Fraction

import flint
import pytest
from coherence.counterexamples import exact
from hypothesis import given, settings
from hypothesis import strategies as st


@given(st.fractions(max_denominator=50).filter(lambda q: abs(q) < 1000))
@settings(max_examples=200, deadline=None, derandomize=True, database=None)
def test_rationalise_recovers_simple_fractions_from_their_float(q):
    assert exact.rationalise(float(q)) == q


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6))
@settings(max_examples=200, deadline=None, derandomize=True, database=None)
def test_convergents_end_at_or_approach_the_exact_float(x):
    cs = list(exact.convergents(x))
    assert cs, x
    dens = [c.denominator for c in cs]
    assert dens == sorted(dens)  # simplest first
    errors = [abs(c - Fraction(x)) for c in cs]
    assert errors[-1] == min(errors)
    if cs[-1].denominator < 10**12 and Fraction(x).denominator <= 10**12:
        assert cs[-1] == Fraction(x)


def test_rationalise_prefers_small_denominators_and_respects_tolerance():
    assert exact.rationalise(0.1 + 0.2) == Fraction(3, 10)
    assert exact.rationalise(math.pi, rel_tol=1e-3) == Fraction(22, 7)
    assert exact.rationalise(math.pi, rel_tol=1e-7) == Fraction(355, 113)
    assert exact.rationalise(-2.5) == Fraction(-5, 2)
    with pytest.raises(ValueError):
        exact.rationalise(float("nan"))


def test_candidate_points_go_from_simple_to_exact_without_repeats():
    pts = list(exact.candidate_points([0.5, 1.9999999999, -1 / 3]))
    assert pts[0] == (Fraction(0), Fraction(1), Fraction(-1))
    assert (Fraction(1, 2), Fraction(2), Fraction(-1, 3)) in pts
    assert len(pts) == len(set(pts))
    assert len(list(exact.candidate_points([math.pi] * 3, limit=4))) == 4


def test_compare_decides_only_when_balls_separate():
    e = exact.to_arb(1).exp()
    assert exact.compare(e, Fraction(27, 10)) == 1
    assert exact.compare(e, 3) == -1
    # exp(log 2) == 2 but the balls overlap: undecided, never a guess
    assert exact.compare_at(lambda: exact.to_arb(2).log().exp(), lambda: exact.to_arb(2)) is None
    assert exact.compare(Fraction(1, 3), Fraction(1, 3)) == 0
    wide = flint.arb(0, 1)  # 0 ± 1
    assert exact.sign(wide) is None


def test_compare_at_raises_precision_until_decided():
    tiny = Fraction(1, 10**40)
    # 1 + 10^-40 > 1 cannot be seen at 64 bits but is at 256
    assert exact.compare_at(lambda: exact.to_arb(1) + exact.to_arb(tiny), lambda: flint.arb(1)) == 1
    assert exact.compare_at(
        lambda: exact.to_arb(1) + exact.to_arb(tiny), lambda: flint.arb(1), precisions=(64,)
    ) is None  # at 64 bits the enclosures overlap: undecided
    before = flint.ctx.prec
    with exact.precision(300):
        assert flint.ctx.prec == 300
    assert flint.ctx.prec == before


def test_softmax_style_comparison_is_rigorous():
    # softmax([0, 1])[1] = e / (1 + e) ≈ 0.731058...: above 0.731, below 0.7311
    def p():
        e = exact.to_arb(1).exp()
        return e / (1 + e)

    assert exact.compare_at(p, lambda: exact.to_arb(Fraction(731, 1000))) == 1
    assert exact.compare_at(p, lambda: exact.to_arb(Fraction(7311, 10000))) == -1
