"""Issue 17 §3: existential claims — proved by an exact witness, refuted only by a proof
(exhaustive finite domain, Z3 unsat), unknown otherwise; nested ∀∃ with finite inner."""

from __future__ import annotations

import pytest
from coherence.algebra.errors import InputError
from coherence.checks.claims import claim, read_claim_file
from coherence.checks.decide import decide
from coherence.checks.verdict import Outcome


def test_exists_finite_domain() -> None:
    v = decide(claim("a", exists={"y": "Integer(0, 9)"}, then="y * y == 49"))
    assert v.outcome is Outcome.PROVED and v.witness == (("y", "7"),)
    v = decide(claim("b", exists={"y": "Integer(0, 9)"}, then="y * y == 50"))
    assert v.outcome is Outcome.REFUTED
    assert "exhaustive" in v.method


def test_exists_real_by_z3() -> None:
    v = decide(claim("c", exists={"x": "Real"}, then="x * x == 2 * x + 3"))
    assert v.outcome is Outcome.PROVED
    v = decide(claim("d", exists={"x": "Real"}, then="x * x + 1 < 0"))
    assert v.outcome is Outcome.REFUTED and "unsat" in v.method


def test_exists_never_refuted_without_proof() -> None:
    # a witness exists (x = log 2) but is irrational and exp is not encodable in Z3
    v = decide(claim("e", exists={"x": "Real"}, then="exp(x) == 2"), timeout=5)
    assert v.outcome is Outcome.UNKNOWN


def test_exists_matrix_witness() -> None:
    v = decide(claim("m", exists={"A": "Matrix(2, 2, Integer)"},
                     then="A @ A == -identity(2)"), timeout=10)
    assert v.outcome in (Outcome.PROVED, Outcome.UNKNOWN)
    if v.outcome is Outcome.PROVED:
        assert v.witness


def test_nested_forall_exists() -> None:
    v = decide(claim("inv", for_all={"x": "Integer(1, 6)"}, exists={"y": "Integer(1, 6)"},
                     then="(x * y) % 7 == 1"))
    assert v.outcome is Outcome.PROVED, v
    v = decide(claim("inv8", for_all={"x": "Integer(1, 7)"}, exists={"y": "Integer(1, 7)"},
                     then="(x * y) % 8 == 1"))
    assert v.outcome is Outcome.REFUTED, v
    assert v.witness == (("x", "2"),)


def test_nested_with_infinite_outer_is_evidence_or_refuted() -> None:
    v = decide(claim("floor", for_all={"x": "Rational"}, exists={"k": "Integer(-10, 10)"},
                     assuming="abs(x) <= 5", then="k <= x and x < k + 1"), timeout=20)
    assert v.outcome is Outcome.EVIDENCE, v


def test_exists_names_must_be_fresh() -> None:
    with pytest.raises(InputError):
        claim("x", for_all={"y": "Real"}, exists={"y": "Real"}, then="y == y")


def test_exists_in_a_file_and_a_multiline_given_table(tmp_path) -> None:
    text = '''
[[claim]]
id = "sqrt-two-rational"
statement = "some rational squares to 2"
exists = { q = "Rational" }
then = "q * q == 2"
expect = "unknown"

[[claim]]
id = "given-subtable"
then = "det(A) == -2"
expect = "proved"
[claim.given]
A = """
[[1, 2],
 [3, 4]]
"""
'''
    path = tmp_path / "x.claims.toml"
    path.write_text(text, encoding="utf-8")
    cf = read_claim_file(path)
    assert not cf.errors
    verdicts = {c.id: decide(c, timeout=5) for c in cf.claims}
    assert verdicts["given-subtable"].outcome is Outcome.PROVED
    assert verdicts["sqrt-two-rational"].outcome is not Outcome.REFUTED


@pytest.mark.parametrize("then,expected", [
    ("floor(x) <= x and x < floor(x) + 1", Outcome.EVIDENCE),
    ("ceil(x) - 1 < x", Outcome.EVIDENCE),
    ("cosh(x) ** 2 - sinh(x) ** 2 == 1", Outcome.PROVED),
    ("cosh(x) >= 1", Outcome.EVIDENCE),
    ("sinh(x) >= x", Outcome.REFUTED),
    ("floor(x) == x", Outcome.REFUTED),
    ("cbrt(x) ** 3 == x", Outcome.EVIDENCE),
])
def test_new_real_functions_are_pointwise_exact(then: str, expected: Outcome) -> None:
    v = decide(claim("f", for_all={"x": "Rational"}, then=then), timeout=40)
    if expected is Outcome.PROVED:
        assert v.outcome in (Outcome.PROVED, Outcome.EVIDENCE), v
    else:
        assert v.outcome is expected, v


def test_remainder_on_integers_only() -> None:
    v = decide(claim("m", for_all={"n": "Integer(-20, 20)"}, then="(n * n) % 4 <= 1"))
    assert v.outcome is Outcome.PROVED
    v = decide(claim("m2", for_all={"n": "Integer(-20, 20)"}, then="(n * n) % 3 == 1"))
    assert v.outcome is Outcome.REFUTED and v.witness == (("n", "0"),)
    v = decide(claim("m3", for_all={"x": "Rational"}, then="x % 2 == x % 2"), timeout=5)
    assert v.outcome is not Outcome.PROVED  # % of a non-integer is an error, never a proof


def test_matrix_exponential_is_out_of_scope() -> None:
    v = decide(claim("e", for_all={"A": "Matrix(2, 2)"}, then="exp(A) == exp(A)"))
    assert v.outcome is Outcome.ERROR
    assert "matrix exponential" in str(v.detail) + str(v.method) + str(v.witness)
