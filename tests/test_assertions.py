"""Assertion helpers: what they accept, what they return, and how they fail."""

from __future__ import annotations

import pytest
from coherence.algebra.errors import InputError
from coherence.checks import ClaimFailed, assert_holds, assert_proved, assert_refuted
from coherence.checks.verdict import Location, Outcome, Verdict

PROVED = Verdict("p", Outcome.PROVED, method="exact")
EVIDENCE = Verdict("e", Outcome.EVIDENCE, samples=500, seed=0)
REFUTED = Verdict("r", Outcome.REFUTED, witness=(("A", "[[1, 1], [0, 1]]"),),
                  lhs="[[1, 1], [0, 1]]", rhs="[[1, 0], [1, 1]]",
                  location=Location("claims/a.claims.toml", 4), seed=3)


def test_is_an_assertion_error_carrying_the_verdict():
    with pytest.raises(AssertionError) as info:
        assert_proved(REFUTED)
    failure = info.value
    assert isinstance(failure, ClaimFailed)
    assert failure.verdict is REFUTED and failure.expected == "proved"
    lines = str(failure).splitlines()
    assert lines[0] == "refuted at A = [[1, 1], [0, 1]] (expected proved)"
    assert "  witness    A = [[1, 1]," in lines
    assert lines[-1] == "  reproduce  coherence check claims/a.claims.toml --only r --seed 3"


@pytest.mark.parametrize(
    ("helper", "passes", "fails"),
    [
        (assert_proved, [PROVED], [EVIDENCE, REFUTED]),
        (assert_refuted, [REFUTED], [PROVED, EVIDENCE]),
        (assert_holds, [PROVED, EVIDENCE], [REFUTED, Verdict("u", Outcome.UNKNOWN)]),
    ],
)
def test_each_helper_accepts_exactly_its_outcomes(helper, passes, fails):
    for v in passes:
        assert helper(v) is v
    for v in fails:
        with pytest.raises(ClaimFailed):
            helper(v)


def test_law_results_must_all_pass():
    from coherence.algebra.catalogue import get
    from coherence.checks import check_laws

    laws = check_laws(get("sweedler"), facts=False)
    assert assert_proved(laws) is laws[0]
    with pytest.raises(ClaimFailed) as info:
        assert_proved(check_laws(get("monoid:idempotent"), facts=False))
    failing = {v.id for v in info.value.failures}
    assert failing == {"antipode-left", "antipode-right"}  # a bialgebra with no antipode
    assert "and 1 more not proved" in str(info.value)


def test_claims_are_decided_on_the_spot():
    from coherence.checks import claim

    squares = claim("squares", for_all={"x": "Integer(-2, 2)"}, then="x * x >= 0")
    assert assert_proved(squares).outcome is Outcome.PROVED
    idem = claim("idem", for_all={"x": "Integer(-2, 2)"}, then="x * x == x")
    verdict = assert_refuted(idem, seed=5)
    assert verdict.seed == 5 and verdict.witness


@pytest.mark.parametrize("bad", ["x == x", 42, [], None])
def test_anything_else_is_an_input_error(bad):
    with pytest.raises(InputError):
        assert_proved(bad)
