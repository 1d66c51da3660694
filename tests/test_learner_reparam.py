"""Issue 17 §4: learners equivalent under a reparametrisation that is not a permutation
(w ↦ 2w) are proved by solving for an affine φ exactly; learners whose implementations
differ at a parameter no bijection can fix are refuted."""

from __future__ import annotations

from coherence.checks.verdict import Outcome
from coherence.checks.vocab_learners import decide_equivalent, make_learner


def test_scaled_parameter_is_equivalent() -> None:
    f = make_learner(["w"], ["x"], ["y"], ["w*x"], ["w - (w*x - y)*x"], ["x"], name="f")
    g = make_learner(["v"], ["x"], ["y"], ["2*v*x"], ["v - (2*v*x - y)*x/2"], ["x"], name="g")
    d = decide_equivalent(f, g)
    assert d.outcome is Outcome.PROVED, d
    assert "w/2" in d.method


def test_shear_of_two_parameters() -> None:
    f = make_learner(["a", "b"], ["x"], ["y"], ["a*x + b"], ["a", "b"], ["x"], name="f")
    g = make_learner(["c", "d"], ["x"], ["y"], ["(c + d)*x + d"], ["c", "d"], ["x"], name="g")
    # φ(a, b) = (a − b, b) carries f to g; U is the identity on both sides
    d = decide_equivalent(f, g)
    assert d.outcome is Outcome.PROVED, d


def test_update_must_also_transform() -> None:
    # same I under w ↦ 2w, but g's update is not the transported one
    f = make_learner(["w"], ["x"], ["y"], ["w*x"], ["w - (w*x - y)*x"], ["x"], name="f")
    g = make_learner(["v"], ["x"], ["y"], ["2*v*x"], ["v - (2*v*x - y)*x"], ["x"], name="g")
    d = decide_equivalent(f, g)
    assert d.outcome is not Outcome.PROVED


def test_implementation_no_bijection_fixes_is_refuted() -> None:
    f = make_learner(["w"], ["x"], ["y"], ["w*x"], ["w"], ["x"], name="f")
    g = make_learner(["v"], ["x"], ["y"], ["v**2*x"], ["v"], ["x"], name="g")
    d = decide_equivalent(f, g)
    assert d.outcome is Outcome.REFUTED, d
    assert dict(d.witness)["learner"] == "f"


def test_equivalent_learners_never_refuted() -> None:
    f = make_learner(["w"], ["x"], ["y"], ["w**3*x"], ["w"], ["x"], name="f")
    g = make_learner(["v"], ["x"], ["y"], ["v*x"], ["v"], ["x"], name="g")
    # φ(w) = w³ is a bijection of ℝ (not affine): never refuted, maybe unknown
    d = decide_equivalent(f, g)
    assert d.outcome is not Outcome.REFUTED, d
