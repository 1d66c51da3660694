"""Vacuous proofs (issue 13): a claim whose domain has no point satisfying the
assumptions (or where the conclusion is defined) is ``proved`` only with "vacuously" in
the method and ``vacuous: true`` in the JSON; exhaustive proofs name how many points
they excluded. Each case gives the independent reason for its expectation."""

from __future__ import annotations

import json
from typing import Any

import pytest
from coherence.checks.claims import claim
from coherence.checks.decide import decide
from coherence.checks.render import block
from coherence.checks.verdict import Outcome, Verdict, report_json

P = Outcome.PROVED

VACUOUS: list[tuple[str, dict[str, Any]]] = [
    # log is undefined at every n ≤ 0, and Integer(-3, 0) has only such n
    ("log-on-nonpositive-integers", dict(for_all={"n": "Integer(-3, 0)"}, then="log(n) == 7")),
    # exp(n) > 0 for every real n, so no n satisfies exp(n) < 0
    ("exp-negative", dict(for_all={"n": "Integer(-3, 0)"}, assuming="exp(n) < 0",
                          then="n == 7")),
    # the same over the reals: exp(x) > 0 (Z3 stands for exp(x) by a positive variable)
    ("exp-negative-reals", dict(for_all={"x": "Real(-5, -1)"}, assuming="exp(x) < 0",
                                then="x == 7")),
    # x > 1 and x < 0 contradict each other
    ("contradictory-assumptions", dict(for_all={"x": "Real"}, assuming=["x > 1", "x < 0"],
                                       then="x == 7")),
    # the same over the integers (Z3's integer arithmetic)
    ("contradictory-integers", dict(for_all={"n": "Integer"}, assuming=["n > 1", "n < 0"],
                                    then="n == 7")),
    # log(x) needs x > 0 and Real(-5, -1) has no such x: as over Integer(-3, 0)
    ("log-on-negative-reals", dict(for_all={"x": "Real(-5, -1)"}, then="log(x) == 7")),
    # sqrt(x) needs x ≥ 0: none in [-5, -1]; the identity sqrt(x) = sqrt(x) says nothing
    ("sqrt-identity-on-negative-reals", dict(for_all={"x": "Real(-5, -1)"},
                                             then="sqrt(x) == sqrt(x)")),
    # a closed claim whose assumption is false
    ("closed-false-assumption", dict(assuming="1 > 2", then="1 == 3")),
    # registered finite domain (permutations): no permutation of 3 points has 4 points
    ("finite-domain", dict(for_all={"p": "Permutation(3)"}, assuming="1 > 2", then="False")),
]


@pytest.mark.parametrize("name,kw", VACUOUS, ids=[c[0] for c in VACUOUS])
def test_vacuous_claims_say_so(name: str, kw: dict[str, Any]) -> None:
    v = decide(claim(name, **kw), timeout=60)
    assert v.outcome is P, v
    assert v.vacuous, v
    assert "vacuously" in v.method, v.method
    doc = json.loads(report_json([v], "0"))
    assert doc["results"][0]["vacuous"] is True
    assert any("vacuous" in line for line in block(v, seed=0).splitlines())
    assert Verdict.from_json(v.to_json()).vacuous


NOT_VACUOUS: list[tuple[str, dict[str, Any]]] = [
    ("square", dict(for_all={"x": "Real"}, then="x ** 2 >= 0")),
    ("assumed-positive", dict(for_all={"x": "Real"}, assuming="x > 1", then="x > 0")),
    ("bounded", dict(for_all={"n": "Integer(-3, 3)"}, then="n ** 2 >= 0")),
    ("closed", dict(then="1 < 2")),
    ("elements", dict(for_all={"a": "Element(group:C2)"}, then="S(S(a)) == a")),
]


@pytest.mark.parametrize("name,kw", NOT_VACUOUS, ids=[c[0] for c in NOT_VACUOUS])
def test_proofs_with_points_are_not_vacuous(name: str, kw: dict[str, Any]) -> None:
    v = decide(claim(name, **kw), timeout=60)
    assert v.outcome is P and not v.vacuous and "vacuously" not in v.method, v
    assert v.to_json()["vacuous"] is False


def test_exhaustive_proof_names_the_excluded_points() -> None:
    # log(n) is undefined at n = -3..0 and defined at n = 1..3, where log(n) ≥ 0 holds:
    # 7 points, 4 excluded (docs/claims.md: "an exhaustive proof says how many points it
    # excluded")
    v = decide(claim("part", for_all={"n": "Integer(-3, 3)"}, then="log(n) >= 0"), timeout=60)
    assert v.outcome is P and not v.vacuous, v
    assert "7 points" in v.method and "4 excluded" in v.method, v.method


def test_parts_that_are_not_evaluated_do_not_make_a_claim_vacuous() -> None:
    # at x = -2 the assumption "x < 0 or log(x) > 100" is true without evaluating log(x)
    # (and, in the conclusion, sqrt(x) sits in the branch not taken): admissible points
    # exist, and x == 7 fails at them
    for assuming, then in (("x < 0 or log(x) > 100", "x == 7"),
                           ("x < 0", "(sqrt(x) > 1) if x > 0 else (x == 7)"),
                           ("implies(x > 0, exp(x) < 0)", "x == 7")):
        v = decide(claim("lazy", for_all={"x": "Real(-5, -1)"}, assuming=assuming, then=then),
                   timeout=60)
        assert v.outcome is Outcome.REFUTED, (assuming, then, v)
