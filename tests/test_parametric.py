"""Parametric families: each law's condition against a condition derived by hand here, every
reported failing value re-checked by substitution, and Z3 cross-checked against Gröbner."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
import sympy
from coherence.algebra.domains import QQ, rational_functions
from coherence.algebra.hopf import build, compute_antipode
from coherence.algebra.structure_file import read_structure
from coherence.checks.cli import main
from coherence.checks.laws import AXIOMS, check_laws
from coherence.checks.parametric import (
    antipode_condition,
    check_parametric,
    hopf_condition,
    law_condition,
    parse_assumption,
    specialize,
    z3_law,
)
from coherence.checks.verdict import Outcome

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples" / "structures"
q = sympy.Symbol("q")


def load(name: str):  # noqa: ANN201
    return read_structure(EXAMPLES / f"{name}.toml")


def idempotent(counit_x: int = 0):  # noqa: ANN201
    """x² = x, Δx = x⊗1 + 1⊗x + q·x⊗x, ε(x) = counit_x — built in Python, not from a file."""
    F = rational_functions("q")
    qq = F.from_sympy(q)
    return build(("1", "x"), F, product={(0, 0): {0: 1}, (0, 1): {1: 1}, (1, 0): {1: 1},
                                         (1, 1): {1: 1}},
                 unit={0: 1}, coproduct={0: {0: 1}, 1: {2: 1, 1: 1, 3: qq}},
                 counit={0: 1, 1: counit_x})


def recheck_failure(H, v) -> None:  # noqa: ANN001
    """The reported failing value, substituted, fails the same law exactly."""
    point = {k: sympy.Rational(val) for k, val in v.witness if k in ("q",)}
    assert point, v
    at = check_laws(specialize(H, point), only=[v.id])[0]
    assert at.outcome is Outcome.REFUTED
    assert (at.lhs, at.rhs) == (v.lhs, v.rhs)


# Hand derivation for deformed.toml, c = q² − q:
#   (Δ⊗id)Δg − (id⊗Δ)Δg = c·1⊗1⊗g − c·g⊗1⊗g − c²·1⊗1⊗g   → c = 0
#   (ε⊗id)Δg = (1 + c)·g,  (id⊗ε)Δg = g + c·1            → c = 0
#   Δ(g)Δ(g) = 1⊗1 + 2c·g⊗1 + c²·1⊗1 = Δ(g²) = 1⊗1       → c = 0
#   the product is ℚ[C₂]'s, ε(g²) = 1 = ε(g)²             → always
DEFORMED = {"associativity": (), "left-unit": (), "right-unit": (), "eps-multiplicative": (),
            "delta-unit": (), "eps-unit": (), "coassociativity": (q**2 - q,),
            "left-counit": (q**2 - q,), "right-counit": (q**2 - q,),
            "delta-multiplicative": (q**2 - q,)}


def test_deformed_group_algebra_against_the_hand_derivation() -> None:
    H = load("deformed")
    got = {v.id: v for v in check_parametric(H)}
    for law, basis in DEFORMED.items():
        v = got[law]
        assert v.witness_values.basis == basis, law
        if not basis:
            assert v.outcome is Outcome.PROVED and "holds for every q" in v.detail
        else:
            assert v.outcome is Outcome.REFUTED
            assert v.witness_values.solutions == ((("q", 0),), (("q", 1),))
            assert v.witness_values.checked
            assert "holds iff q**2 - q = 0  (q = 0; q = 1)" in v.detail
            recheck_failure(H, v)
            for value in (0, 1):  # the solutions, substituted, satisfy the law
                assert check_laws(specialize(H, {"q": value}), only=[law])[0].outcome \
                    is Outcome.PROVED
    # antipode: S(g) = g − c from the left, (g + c)⁻¹ from the right: equal iff c = 0
    a = got["antipode"]
    assert a.outcome is Outcome.REFUTED and a.witness_values == ({"q": 0}, {"q": 1})
    assert not compute_antipode(specialize(H, dict(a.witness))).exists
    h = got["hopf"]
    assert h.witness_values.basis == (q**2 - q,)


def test_one_parameter_family_of_two_dimensional_bialgebras() -> None:
    # Δ(x)Δ(x) − Δ(x²) = (2 + 4q + q² − q)·x⊗x = (q + 1)(q + 2)·x⊗x; coassociative always.
    H = idempotent()
    got = {v.id: v for v in check_parametric(H)}
    assert got["coassociativity"].outcome is Outcome.PROVED
    cond = got["delta-multiplicative"].witness_values
    assert sympy.factor(cond.basis[0]) == (q + 1) * (q + 2)
    assert cond.solutions == ((("q", -2),), (("q", -1),))
    recheck_failure(H, got["delta-multiplicative"])
    # S(x) = −x/(1 + q) solves both antipode equations except at q = −1 (the monoid ℚ[{1, e}])
    a = antipode_condition(H)
    assert a.outcome is Outcome.REFUTED and a.witness == (("q", "-1"),)
    assert "S(x) = (-1/(q + 1))·x" in a.detail
    for value in (3, Fraction(1, 2), -2):
        S = compute_antipode(specialize(H, {"q": value})).antipode
        assert S is not None and S.column(1) == {1: QQ(-1) / (1 + QQ.convert(value))}
    assert hopf_condition(H).witness_values.basis == (q + 2,)  # the Hopf member: ℚ[C₂]


def test_the_same_family_read_from_its_file_agrees() -> None:
    a = {v.id: (v.outcome, v.witness_values.basis if hasattr(v.witness_values, "basis")
                else None) for v in check_parametric(load("idempotent-family"))}
    b = {v.id: (v.outcome, v.witness_values.basis if hasattr(v.witness_values, "basis")
                else None) for v in check_parametric(idempotent())}
    assert a == b


def test_a_law_that_holds_for_no_value() -> None:
    # ε(x) = 1: (ε⊗id)Δx = 1 + (1 + q)·x ≠ x for every q (the constant term 1)
    H = idempotent(counit_x=1)
    cond = law_condition(H, "left-counit")
    assert cond.never and cond.basis == (1,)
    v = {r.id: r for r in check_parametric(H, only=["left-counit"])}["left-counit"]
    assert v.outcome is Outcome.REFUTED and v.detail.startswith("holds for no value")
    recheck_failure(H, v)


def test_taft_family_is_hopf_exactly_at_primitive_cube_roots() -> None:
    H = load("taft-generic")
    assoc = law_condition(H, "associativity")
    assert assoc.basis == (q**3 - 1,)  # x·g³ = q³·g³·x
    mult = law_condition(H, "delta-multiplicative")
    assert mult.basis == (sympy.cyclotomic_poly(3, q),)  # [3 choose k]_q = 0, k = 1, 2
    hopf = hopf_condition(H)
    assert hopf.witness_values.basis == (sympy.cyclotomic_poly(3, q),)
    omega = sympy.Rational(-1, 2) + sympy.sqrt(3) * sympy.I / 2
    assert (("q", omega),) in hopf.witness_values.solutions
    at = specialize(H, {"q": omega})
    assert all(v.outcome is Outcome.PROVED for v in check_laws(at, facts=False))
    assert compute_antipode(specialize(H, {"q": 1})).exists   # q = 1: S exists, not a bialgebra
    assert check_laws(specialize(H, {"q": 1}), only=["delta-multiplicative"])[0].outcome \
        is Outcome.REFUTED


@pytest.mark.parametrize("value", [-2, -1, 0, 1, 2, Fraction(1, 2)])
def test_z3_agrees_with_groebner_at_every_point(value: Fraction) -> None:
    H = load("deformed")
    for law in ("associativity", "coassociativity", "left-counit"):
        cond = law_condition(H, law)
        holds = cond.always or ((("q", sympy.Rational(value)),) in (cond.solutions or ()))
        z = z3_law(H, law, assumptions=[("q", "==", Fraction(value))])
        assert z.outcome is (Outcome.PROVED if holds else Outcome.REFUTED)


def test_z3_on_regions_with_inequalities() -> None:
    H = load("deformed")
    z = z3_law(H, "coassociativity", assumptions=[parse_assumption("q > 1/2")])
    assert z.outcome is Outcome.REFUTED  # a model, re-checked by substitution
    value = sympy.Rational(dict(z.witness)["q"])
    assert value > sympy.Rational(1, 2) and value != 1
    assert check_laws(specialize(H, {"q": value}), only=["coassociativity"])[0].outcome \
        is Outcome.REFUTED
    assert z3_law(H, "associativity", assumptions=[parse_assumption("q > 0")]).outcome \
        is Outcome.PROVED
    region = [parse_assumption("q >= 0"), parse_assumption("q <= 0")]
    assert z3_law(H, "coassociativity", assumptions=region).outcome is Outcome.PROVED
    with pytest.raises(ValueError):
        parse_assumption("q ~ 1")


def test_cli_prints_conditions_and_z3(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["axioms", str(EXAMPLES / "deformed.toml")])
    out = capsys.readouterr().out
    assert code == 1
    assert "method: exact conditions on the parameters" in out
    assert "proved    associativity" in out
    assert "refuted   coassociativity       holds iff q**2 - q = 0  (q = 0; q = 1)" in out
    assert "hopf  a Hopf algebra iff q**2 - q = 0  (q = 0; q = 1)" in out
    code = main(["axioms", str(EXAMPLES / "deformed.toml"), "--law", "coassociativity",
                 "--assume", "q > 2"])
    out = capsys.readouterr().out
    assert code == 1 and "coassociativity [z3: q > 2]" in out


def test_specialize_refuses_undefined_points() -> None:
    F = rational_functions("q")
    qq = F.from_sympy(q)
    H = build(("1",), F, product={(0, 0): {0: 1}}, unit={0: 1}, coproduct={0: {0: 1 / qq}},
              counit={0: 1})
    with pytest.raises(ValueError, match="defined"):
        specialize(H, {"q": 0})
    assert set(AXIOMS) >= {v.id for v in check_parametric(H) if v.id in AXIOMS}


def test_parametric_claims_file_gets_condition_verdicts() -> None:
    from coherence.checks.claims import read_claim_file
    from coherence.checks.decide import decide

    path = EXAMPLES.parent / "parametric.claims.toml"
    doc = read_claim_file(path)
    assert not doc.errors
    got = {c.id: decide(c) for c in doc.claims}
    assert all(v.matches() for v in got.values()), {k: v.outcome for k, v in got.items()}
    v = got["deformed-loses-coassociativity"]
    assert dict(v.witness)["q"] == "2" and "holds iff q**2 - q = 0" in v.detail
    assert got["deformed-coassociative-at-every-rational"].outcome is Outcome.REFUTED
    assert got["taft-generic-hopf"].witness_values.basis == (sympy.cyclotomic_poly(3, q),)


def test_conditions_travel_in_their_own_json_field() -> None:
    from coherence.checks.verdict import Verdict

    H = load("deformed")
    verdicts = {v.id: v for v in check_parametric(H)}
    assert verdicts["associativity"].condition is None
    assert verdicts["coassociativity"].condition.startswith("q**2 - q = 0")
    back = Verdict.from_json(verdicts["coassociativity"].to_json())
    assert back.condition == verdicts["coassociativity"].condition


def _undefined_at_its_root():  # noqa: ANN202
    """a·a = 1/(q−1)·b, b·a = (q−1)²·c: (a·a)·a − a·(a·a) = (q−1)·c, zero only at q = 1,
    where the structure constant 1/(q−1) is undefined."""
    F = rational_functions("q")
    qq = F.from_sympy(q)
    n = 4
    return build(("1", "a", "b", "c"), F,
                 product={(1, 1): {2: 1 / (qq - 1)}, (2, 1): {3: (qq - 1) ** 2}},
                 unit={0: 1}, coproduct={j: {j * n + j: 1} for j in range(n)},
                 counit=dict.fromkeys(range(n), 1))


def test_a_condition_never_lists_values_where_the_structure_is_undefined() -> None:
    # The residual's numerator q − 1 vanishes only at q = 1, where a·a is undefined: the
    # condition said "holds iff q − 1 = 0 (q = 1)", solutions "re-checked" (they were skipped).
    H = _undefined_at_its_root()
    cond = law_condition(H, "associativity")
    assert cond.never and cond.solutions == ()
    v = {r.id: r for r in check_parametric(H, only=["associativity", "hopf"])}
    assert v["associativity"].outcome is Outcome.REFUTED
    assert "q = 1" not in v["associativity"].detail and v["associativity"].condition == "false"
    assert "holds for no value" in v["associativity"].detail
    assert v["hopf"].outcome is Outcome.REFUTED and "q = 1" not in v["hopf"].detail


def test_holds_antipode_when_the_system_has_many_solutions() -> None:
    # Δ = 0, ε = 0: every S solves S ⋆ id = u∘ε = id ⋆ S; 'antipode' (a solution exists)
    # was refuted with witness S = none.
    from coherence.checks.vocab_parametric import holds
    H = build(("1", "x"), QQ, product={(1, 1): {}}, unit={0: 1}, coproduct={0: {}, 1: {}},
              counit={})
    assert compute_antipode(H).solvable and not compute_antipode(H).exists
    assert holds(H, "antipode").outcome is Outcome.PROVED


def test_every_value_means_every_value_where_the_structure_is_defined() -> None:
    # ℚ[C₂] in the basis h = g/(q − 1): h·h = 1/(q − 1)²·1, Δh = (q − 1)·h⊗h,
    # ε(h) = 1/(q − 1), S(h) = h. Every law holds identically, but at q = 1 the structure
    # does not exist: each "for every q" must say "where the structure constants are defined".
    F = rational_functions("q")
    qq = F.from_sympy(q)
    H = build(("1", "h"), F, product={(0, 0): {0: 1}, (0, 1): {1: 1}, (1, 0): {1: 1},
                                      (1, 1): {0: 1 / (qq - 1) ** 2}},
              unit={0: 1}, coproduct={0: {0: 1}, 1: {3: qq - 1}},
              counit={0: 1, 1: 1 / (qq - 1)}, antipode={0: {0: 1}, 1: {1: 1}})
    for v in check_parametric(H):
        assert v.outcome is Outcome.PROVED
        assert "where the structure constants are defined" in v.detail, v
    assert "where the structure constants are defined" in z3_law(H, "associativity").detail
    B = build(H.basis, F, product={(0, 0): {0: 1}, (0, 1): {1: 1}, (1, 0): {1: 1},
                                   (1, 1): {0: 1 / (qq - 1) ** 2}},
              unit={0: 1}, coproduct={0: {0: 1}, 1: {3: qq - 1}}, counit={0: 1, 1: 1 / (qq - 1)})
    a = antipode_condition(B)
    assert a.outcome is Outcome.PROVED and "where the structure constants are defined" in a.detail
