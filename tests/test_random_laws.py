"""The random method: every broken structure is refuted on the same law as the exhaustive
path, with an exact basis witness re-checked here by element arithmetic; true laws are
never refuted; the error bound is the documented Schwartz–Zippel bound; seeds replay."""

from __future__ import annotations

import math
from typing import Any

import pytest
from broken_structures import BROKEN, nonassociative_c3
from coherence.algebra import catalogue
from coherence.algebra.hopf import Bialgebra
from coherence.algebra.modular import P31, WINDOW, SparseStructure, group_structure
from coherence.checks.cli import main
from coherence.checks.laws import AXIOMS, check_laws
from coherence.checks.random_laws import (
    RANDOM_LAWS,
    check_laws_random,
    error_bound,
    exact_sides,
    trials_for,
)
from coherence.checks.verdict import Outcome


def _same(exhaustive: Outcome, random: Outcome) -> bool:
    if exhaustive is Outcome.PROVED:
        return random in (Outcome.PROVED, Outcome.EVIDENCE)
    return random is exhaustive


def _recheck(H: Bialgebra, law: str, names: tuple[str, ...]) -> None:
    """Re-check a reported basis witness with element arithmetic (another code path)."""
    e = [H.basis_element(n) for n in names]
    if law == "associativity":
        assert (e[0] * e[1]) * e[2] != e[0] * (e[1] * e[2])
    elif law == "left-unit":
        assert H.one() * e[0] != e[0]
    elif law == "right-unit":
        assert e[0] * H.one() != e[0]
    elif law == "delta-multiplicative":
        ab = (e[0] * e[1]).coproduct()
        da, db = e[0].coproduct(), e[1].coproduct()
        prod: dict[int, Any] = {}
        n = H.dim
        for i, c in da.coeffs.items():
            for j, d in db.coeffs.items():
                left = H.basis_element(i // n) * H.basis_element(j // n)
                right = H.basis_element(i % n) * H.basis_element(j % n)
                for k, s in left.coeffs.items():
                    for m, t in right.coeffs.items():
                        prod[k * n + m] = prod.get(k * n + m, 0) + c * d * s * t
        assert {k: v for k, v in prod.items() if v} != dict(ab.coeffs)
    elif law == "eps-multiplicative":
        assert (e[0] * e[1]).counit() != e[0].counit() * e[1].counit()
    elif law in ("antipode-left", "antipode-right"):
        x = e[0]
        n = H.dim
        total = H.element({})
        for ab, c in x.coproduct().coeffs.items():
            a, b = H.basis_element(ab // n), H.basis_element(ab % n)
            total = total + c * ((a.antipode() * b) if law == "antipode-left"
                                 else (a * b.antipode()))
        assert total != x.counit() * H.one()


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_random_method_refutes_what_the_exhaustive_path_refutes(case: str) -> None:
    H = BROKEN[case]()
    exhaustive = {v.id: v for v in check_laws(H, facts=False)}
    random = {v.id: v for v in check_laws_random(H, facts=False, seed=3)}
    assert set(random) == set(AXIOMS)
    refuted = set()
    for law in AXIOMS:
        assert _same(exhaustive[law].outcome, random[law].outcome), (law, random[law])
        if random[law].outcome is Outcome.REFUTED:
            refuted.add(law)
            v = random[law]
            assert v.witness
            if v.method.startswith("exact linear algebra"):  # no antipode at all
                assert v == exhaustive[law].with_(seconds=v.seconds)
                continue
            assert v.lhs is not None and v.rhs is not None
            if v.witness_values:
                names = v.witness_values
                assert len(names) == dict(LAW_INPUTS)[law]
                _recheck(H, law, names)
    assert refuted  # every broken structure is caught
    if case in AXIOMS:
        assert case in refuted


LAW_INPUTS = [(law.id, law.inputs) for law in RANDOM_LAWS]


def test_a_located_witness_has_the_exhaustive_sides() -> None:
    H = nonassociative_c3()
    v = next(r for r in check_laws_random(H, only=["associativity"], seed=7))
    A = SparseStructure.from_bialgebra(H)
    key = tuple(H.space.index(n) for n in v.witness_values)
    lhs, rhs = exact_sides(A, "associativity", key)
    assert lhs != rhs
    a, b, c = (H.basis_element(n) for n in v.witness_values)
    assert (v.lhs, v.rhs) == (str((a * b) * c), str(a * (b * c)))
    assert "bisection" in v.method and "re-checked exactly" in v.method


@pytest.mark.parametrize("name", ["taft:3", "tensor(sweedler, group:C2)", "functions:S3",
                                  "dual(taft:3)", "group:D4"])
def test_true_laws_are_never_refuted(name: str) -> None:
    H = catalogue.get(name)
    for seed in range(3):
        for v in check_laws_random(H, facts=False, seed=seed):
            assert v.outcome in (Outcome.PROVED, Outcome.EVIDENCE), v
            assert v.outcome is Outcome.PROVED or "not a proof" in v.detail


def test_monoid_without_antipode_refutes_the_antipode_laws_exactly() -> None:
    got = {v.id: v for v in check_laws_random(catalogue.get("monoid:idempotent"), facts=False)}
    assert got["antipode-left"].outcome is Outcome.REFUTED
    assert got["antipode-left"].method.startswith("exact linear algebra")
    assert got["associativity"].outcome is Outcome.EVIDENCE


def test_error_bounds_are_the_documented_schwartz_zippel_bound() -> None:
    assert error_bound(4, P31, 2) == (4 / P31) ** 2
    assert trials_for(1e-12, 4, P31) == 2 and (4 / P31) > 1e-12  # one trial is not enough
    assert trials_for(1e-3, 4, 101) == 3 and (4 / 101) ** 3 <= 1e-3 < (4 / 101) ** 2
    with pytest.raises(ValueError):
        trials_for(0.0, 3, P31)
    for conf in (1e-6, 1e-12, 1e-30):
        for v in check_laws_random(catalogue.get("group:S3"), confidence=conf, facts=False):
            law = next(law for law in RANDOM_LAWS if law.id == v.id)
            if law.inputs == 0:
                assert v.outcome is Outcome.PROVED and v.samples is None
                continue
            # ℚ[S₃] has constants 0, 1: no prime ideal of norm ≥ L divides a residual
            # entry (its norm is at most 2), so only Schwartz–Zippel's d/L remains
            L = WINDOW[0]
            t = math.ceil(math.log(conf) / math.log(law.degree / L))
            assert v.samples == max(1, t)
            bound = (law.degree / L) ** v.samples
            assert f"ε = {law.degree}/{L} + 0/" in v.detail
            assert bound <= conf
            assert f"error probability ≤ {bound:.2g}" in v.detail
            assert v.tolerance == f"error probability ≤ {bound:.2g}"


def test_same_seed_same_verdicts_and_witnesses() -> None:
    H = catalogue.get("words:concat-deconcat:2")
    a = [v.to_json() for v in check_laws_random(H, seed=11)]
    b = [v.to_json() for v in check_laws_random(H, seed=11)]
    for x in a + b:
        x.pop("seconds")
    assert a == b
    c = {v.id: v.outcome for v in check_laws_random(H, seed=12)}
    assert c == {v["id"]: Outcome(v["verdict"]) for v in a}


def test_numeric_path_is_evidence_and_never_refutes_from_floats() -> None:
    good = check_laws_random(catalogue.get("taft:3"), method="numeric", facts=False)
    assert {v.outcome for v in good} <= {Outcome.EVIDENCE, Outcome.PROVED}
    assert all(v.tolerance == "relative 1e-09" for v in good if v.outcome is Outcome.EVIDENCE)
    # a tolerance below zero makes every float residual "fail": each law is then
    # re-checked mod p, and a true law is still not refuted
    forced = check_laws_random(catalogue.get("sweedler"), method="numeric", tolerance=-1.0,
                               facts=False)
    assert all(v.outcome is not Outcome.REFUTED for v in forced)
    assert any("re-checked by the modular method" in v.detail for v in forced)
    # a real failure found by floats is reported only with an exact witness
    bad = {v.id: v for v in check_laws_random(nonassociative_c3(), method="numeric",
                                              only=["associativity"])}
    v = bad["associativity"]
    assert v.outcome is Outcome.REFUTED and "re-checked exactly" in v.method
    _recheck(nonassociative_c3(), "associativity", v.witness_values)


def test_large_group_arrays_and_the_cli_choice(capsys: pytest.CaptureFixture[str]) -> None:
    got = {v.id: v for v in check_laws_random(group_structure("S5"), seed=2)}
    assert all(got[a].outcome in (Outcome.EVIDENCE, Outcome.PROVED) for a in AXIOMS)
    assert got["commutative"].outcome is Outcome.REFUTED
    a, b = got["commutative"].witness_values
    H = catalogue.get("group:S5")
    assert H.basis_element(a) * H.basis_element(b) != H.basis_element(b) * H.basis_element(a)
    code = main(["axioms", "group:S6"])
    out = capsys.readouterr().out
    assert code == 0
    assert "chosen automatically: dim³ = 373,248,000 basis triples exceed" in out
    assert "evidence  associativity" in out and "(exit 0)" in out
    code = main(["axioms", "group:S3", "--method", "random", "--seed", "4", "--law",
                 "commutative"])
    out = capsys.readouterr().out
    assert code == 0 and "as asked with --method random" in out
    assert "refuted   commutative" in out


def test_cli_numeric_and_refused_exhaustive(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["axioms", "taft:3", "--method", "numeric", "--format", "json"])
    out = capsys.readouterr().out
    import json

    doc = json.loads(out)
    assert code == 0
    ax = [r for r in doc["results"] if r["id"] in AXIOMS]
    assert {r["verdict"] for r in ax} <= {"evidence", "proved"}
    assert all(r["tolerance"] == "relative 1e-09" for r in ax if r["verdict"] == "evidence")
    code = main(["axioms", "group:S7", "--method", "exhaustive"])
    err = capsys.readouterr().err
    assert code == 2 and "use --method random" in err and "dim² = 25,401,600" in err


def test_a_failure_divisible_by_the_first_prime_is_still_refuted() -> None:
    # a·a = b, b·a = 2³¹·c, a·b = c: (a·a)·a − a·(a·a) = (2³¹ − 1)·c, which is 0 mod
    # p = 2³¹ − 1. With one prime for every trial this was 'evidence' with a stated error
    # probability ≤ 2e-18 for a false law.
    from coherence.algebra.domains import QQ
    from coherence.algebra.hopf import build
    n = 4
    H = build(("1", "a", "b", "c"), QQ, product={(1, 1): {2: 1}, (2, 1): {3: 2**31},
                                                 (1, 2): {3: 1}},
              unit={0: 1}, coproduct={j: {j * n + j: 1} for j in range(n)},
              counit=dict.fromkeys(range(n), 1))
    for seed in (0, 1):
        v = check_laws_random(H, only=["associativity"], seed=seed)[0]
        assert v.outcome is Outcome.REFUTED and v.witness_values == ("a", "a", "a")
        _recheck(H, "associativity", v.witness_values)


def test_a_small_given_prime_is_kept_for_every_trial() -> None:
    # With one prime per trial counting down from p = 7, the primes ran out (5, 3, 2 …).
    v = check_laws_random(catalogue.get("group:S3"), p=7, only=["associativity"])[0]
    assert v.outcome is Outcome.EVIDENCE and v.samples == trials_for(1e-12, 3, 7)
    assert f"error probability ≤ {(3 / 7) ** v.samples:.2g}" in v.detail
