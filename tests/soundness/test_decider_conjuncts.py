"""A refuted witness shows the failing part of the claim (issue 13): where the conclusion
is a conjunction — written with ``and``, a chained comparison, or a predicate defined as
one such as ``is_positive_definite`` (symmetric *and* xᵀAx > 0) — the verdict names the
conjunct that fails at the witness, and the ones that hold."""

from __future__ import annotations

from pathlib import Path

from coherence.checks.claims import claim, read_claim_file
from coherence.checks.decide import decide
from coherence.checks.evaluate import Matrix
from coherence.checks.render import block
from coherence.checks.verdict import Outcome
from coherence.checks.vocab_core import is_symmetric

R = Outcome.REFUTED
EIG = "eigenvalues_real_positive(A)"
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def test_positive_definite_names_symmetry_as_the_failing_conjunct() -> None:
    # [[1, 1], [0, 1]]: xᵀAx = x₁² + x₁x₂ + x₂² > 0 for x ≠ 0 (its symmetric part has
    # leading minors 1 and 3/4), so the quadratic form *is* positive definite; the claim
    # fails only because is_positive_definite also requires A = Aᵀ.
    A = Matrix.of([[1, 1], [0, 1]])
    assert not is_symmetric(A)
    v = decide(claim("c", for_all={"A": "Matrix(2, 2)"}, assuming=EIG,
                     then="is_positive_definite(A)"), timeout=60)
    assert v.outcome is R and v.witness_text == "A = [[1, 1], [0, 1]]", v
    assert v.failing is not None and "fails: A is symmetric" in v.failing, v.failing
    assert "holds: xᵀAx > 0" in v.failing, v.failing
    assert v.to_json()["failing"] == v.failing
    assert any(line.lstrip().startswith("fails") for line in block(v, seed=0).splitlines())


def test_the_bundled_example_says_which_conjunct_fails() -> None:
    claims = {c.id: c for c in read_claim_file(EXAMPLES / "nemecek-linear-algebra.claims.toml").claims}
    c = claims["positive-eigenvalues-positive-definite"]
    assert "symmetr" in c.statement.lower()  # the statement says what is refuted
    v = decide(c, timeout=60)
    assert v.outcome is R and "A is symmetric" in (v.failing or ""), v


def test_and_names_the_failing_conjunct() -> None:
    # at A = [[1, 1], [0, 1]]: det(A) = 1 > 0 holds, A == A.T fails
    for then, k in (("A == A.T and det(A) > 0", 1), ("det(A) > 0 and A == A.T", 2)):
        v = decide(claim("c", for_all={"A": "Matrix(2, 2)"}, assuming=EIG, then=then), timeout=60)
        assert v.outcome is R, v
        assert f"conjunct {k} of 2" in (v.failing or "") and "A == A.T" in v.failing, v.failing


def test_chained_comparison_names_the_failing_link() -> None:
    # 0 <= x**2 holds everywhere; x**2 <= 1 fails at x = 2
    v = decide(claim("c", for_all={"x": "Real"}, then="0 <= x**2 <= 1"), timeout=60)
    assert v.outcome is R, v
    assert "x ** 2 <= 1" in (v.failing or ""), v.failing


def test_implies_names_the_failing_conclusion() -> None:
    v = decide(claim("c", for_all={"A": "Matrix(2, 2)"},
                     then=f"implies({EIG}, is_positive_definite(A))"), timeout=60)
    assert v.outcome is R, v
    assert "A is symmetric" in (v.failing or ""), v.failing


def test_negated_disjunction_and_all_name_the_failing_term() -> None:
    # not (x > 1 or x < -1) is the conjunction of not (x > 1) and not (x < -1): at x = 2
    # the first fails
    v = decide(claim("c", for_all={"x": "Real"}, then="not (x > 1 or x < -1)"), timeout=60)
    assert v.outcome is R and "conjunct 1 of 2" in (v.failing or ""), v.failing
    # all(...) is a conjunction over its range: the failing index is named and is one
    # where the term is false at the witness
    v = decide(claim("c", for_all={"v": "Vector(3)"}, then="all(v[i] >= 0 for i in range(3))"),
               timeout=60)
    assert v.outcome is R, v
    i = int((v.failing or "").split("i = ")[1].split(" ")[0])
    assert v.witness_values["v"][i] < 0
