"""Structures over ℚ(q, …): conditions include antipode existence, deciders mean "for
every value" (or say "generically"), and no guard is an ``assert``.

Issue 13, items 4 and 5, and the ``assert`` guards.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import sympy
from coherence.algebra.structure_file import read_structure
from coherence.checks.parametric import check_parametric, hopf_condition, specialize
from coherence.checks.verdict import Outcome
from coherence.checks.vocab_hopf import has_antipode, is_cocommutative, is_involutive
from coherence.checks.vocab_parametric import holds

ROOT = Path(__file__).resolve().parents[2]
FAMILY = ROOT / "docs/examples/structures/idempotent-family.toml"



@pytest.fixture
def qt() -> object:
    # the reproducer, kept as a worked example: x² = x, Δx = x⊗1 + 1⊗x + qt·x⊗x
    return read_structure(ROOT / "docs/examples/structures/qt-family.toml")


def test_hopf_condition_with_two_parameters_includes_the_antipode(qt: object) -> None:
    # independent reason: with s = qt, Δ is multiplicative iff (s + 1)(s + 2) = 0; at
    # s = −1, e = 1 − x is an idempotent grouplike (e² = e, Δe = e⊗e), and an antipode
    # would give S(e)·e = ε(e) = 1 with e(1 − e) = 0 — impossible; at s = −2 it is ℚ[C₂]
    v = hopf_condition(qt)
    assert v.outcome is Outcome.REFUTED
    assert "a Hopf algebra iff q*t + 2 = 0" in v.detail
    assert "q**2*t**2" not in v.detail
    for q, t, hopf in ((1, -1, False), (-1, 1, False), (1, -2, True), (2, -1, True)):
        Hs = specialize(qt, {"q": sympy.Integer(q), "t": sympy.Integer(t)})
        ok = holds(Hs, "hopf").outcome is Outcome.PROVED
        assert ok is hopf, (q, t)


def test_antipode_of_a_two_parameter_family_is_refuted_on_its_curve(qt: object) -> None:
    # independent reason: S(x) = −x/(1 + qt) is the only candidate; on qt = −1 the
    # equations S(x) + x + qt·S(x)·x = 0 read x = 0 — no solution
    (v,) = [w for w in check_parametric(qt) if w.id == "antipode"]
    assert v.outcome is Outcome.REFUTED
    point = dict(v.witness)
    assert sympy.Rational(point["q"]) * sympy.Rational(point["t"]) == -1
    assert "exists iff q*t + 1 ≠ 0" in v.detail


def test_has_antipode_means_every_value() -> None:
    # independent reason: the docs' family has x² = x, Δx = x⊗1 + 1⊗x + q·x⊗x; at
    # q = −1 e = 1 − x is an idempotent grouplike, so no antipode (see above)
    H = read_structure(FAMILY)
    d = has_antipode(H)
    assert d.outcome is Outcome.REFUTED and dict(d.witness) == {"q": "-1"}
    assert holds(H, "antipode").outcome is Outcome.REFUTED  # the same answer by both routes


def test_every_decider_over_parameters_is_for_every_value_or_says_generically() -> None:
    # independent reason: S(x) = −x/(1 + q), so S²(x) = x/(1 + q)², which is x only at
    # q = 0 or q = −2: is_involutive fails at q = 2 (S²(x) = x/9); Δ is cocommutative
    # (x⊗1 + 1⊗x + q·x⊗x is symmetric) for every q
    H = read_structure(FAMILY)
    inv = is_involutive(H)
    assert inv.outcome is Outcome.REFUTED
    assert any(k == "q" for k, _ in inv.witness)
    co = is_cocommutative(H)
    assert co.outcome is Outcome.PROVED and "for every value of q" in co.method


def test_no_soundness_guard_is_an_assert() -> None:
    # independent reason: ``python -O`` strips every assert statement, so a guard
    # written as one does not exist in an optimised run
    found = []
    for folder in ("algebra", "checks", "counterexamples"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            found += [f"{path.relative_to(ROOT)}:{node.lineno}" for node in ast.walk(tree)
                      if isinstance(node, ast.Assert)]
    assert found == []
