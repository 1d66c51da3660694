"""decide(): the layered procedure, deciders, given bindings, errors, timeouts, and Z3 encodings."""

from __future__ import annotations

from pathlib import Path

import pytest
import z3
from coherence.checks.claims import claim
from coherence.checks.decide import decide, resolve_domain
from coherence.checks.expr import parse
from coherence.checks.run import check_paths
from coherence.checks.verdict import Location, Outcome
from coherence.checks.z3_encode import counterexample_builder
from coherence.counterexamples.problem import Variable

P, R, U, EV, E = (Outcome.PROVED, Outcome.REFUTED, Outcome.UNKNOWN, Outcome.EVIDENCE,
                  Outcome.ERROR)

FERMAT = dict(for_all={"x": "Integer", "y": "Integer", "z": "Integer"},
              assuming=["x * y * z != 0", "x ** 3 + y ** 3 == z ** 3"], then="1 == 0")


def test_verdict_carries_location_expect_seed_and_statement() -> None:
    c = claim("c", then="1 + 1 == 2", expect="proved", statement="arithmetic")
    v = decide(c, seed=7)
    assert (v.outcome, v.expect, v.seed, v.statement) == (P, "proved", 7, "arithmetic")
    assert v.location == Location("<python>") and v.matches()


def test_z3_timeout_is_unknown_with_the_reason_and_the_run_goes_on(tmp_path: Path) -> None:
    v = decide(claim("fermat-3", **FERMAT), timeout=4.0)
    assert v.outcome is U
    # Z3 gives up after its counted budget (no point satisfied the assumptions), or the
    # --timeout stops the claim first (on a loaded machine, even inside Hypothesis)
    assert v.detail.startswith("stopped by the --timeout of 4 s") or (
        "gave up" in v.detail and "no point satisfied the assumptions" in v.detail)
    f = tmp_path / "t.claims.toml"
    f.write_text('[[claim]]\nid = "hard"\nfor_all = { x = "Integer", y = "Integer", z = "Integer" }'
                 '\nassuming = ["x * y * z != 0", "x ** 3 + y ** 3 == z ** 3"]\nthen = "1 == 0"'
                 '\nexpect = "unknown"\n\n[[claim]]\nid = "easy"\nthen = "2 > 1"\n'
                 'expect = "proved"\n', encoding="utf-8")
    r = check_paths([f], timeout=2.0)
    assert [(x.id, x.outcome) for x in r.verdicts] == [("hard", U), ("easy", P)]
    assert r.exit_code == 0


@pytest.mark.parametrize(("kw", "fragment"), [
    (dict(for_all={"x": "Real"}, then="sqrtt(x) >= 0"), "did you mean 'sqrt'?"),
    (dict(for_all={"x": "Reall"}, then="x >= 0"), "did you mean 'Real'?"),
    (dict(for_all={"A": "Matrix(2, 2)"}, then="det(A, A) == 0"),
     "expected det(A) (1 argument), got 2 arguments"),
    (dict(for_all={"A": "Matrix(2, 2)"}, then="A @ [1, 2, 3] == 0"),
     "expected a matrix with 2 rows on the right of @"),
    (dict(for_all={"x": "Real"}, then="x + 1"), "expected a truth value"),
    (dict(for_all={"x": "Real"}, assuming="x >", then="x == x"), "expected a Python-style"),
    (dict(given={"H": "structure('sweedlr')"}, then="order(S) == 4"),
     "did you mean 'sweedler'?"),
    (dict(for_all={"v": "Element(sweedler)"}, then="S(v) < v"), "expected numbers on both sides"),
    (dict(then="compose(S, S) == id"), "expected S(x) or S(H) with its arguments"),
    (dict(for_all={"A": "Matrix(0, 2)"}, then="A == A"), "expected a size 1..16"),
])
def test_mistakes_are_located_errors(kw: dict, fragment: str) -> None:
    v = decide(claim("bad", **kw))
    assert v.outcome is E
    assert fragment in v.detail
    assert v.detail.startswith("<python>: claim 'bad': ")


def test_given_bindings_are_evaluated_in_order() -> None:
    c = claim("g", given={"A": "[[1, 1], [0, 1]]", "B": "A @ A"}, then="B == [[1, 2], [0, 1]]")
    assert decide(c).outcome is P
    c = claim("g2", given={"k": "3"}, for_all={"x": "Real"}, then="k * x ** 2 >= 0")
    assert decide(c).outcome is P


def test_decider_verdicts_pass_through_and_negate() -> None:
    v = decide(claim("c", given={"H": "structure('group:S3')"}, then="is_commutative(H)"))
    assert v.outcome is R and v.lhs == "ab = (132)" and v.rhs == "ba = (123)"
    v = decide(claim("c", given={"H": "structure('group:S3')"}, then="not is_commutative(H)"))
    assert v.outcome is P and "counterexample to the negated predicate" in v.detail
    v = decide(claim("c", given={"H": "structure('group:S3')"}, then="not is_cocommutative(H)"))
    assert v.outcome is R


def test_multilinear_identities_are_proved_on_basis_tuples() -> None:
    v = decide(claim("c", for_all={"a": "Element(sweedler)", "b": "Element(sweedler)",
                                   "c": "Element(sweedler)"}, then="(a * b) * c == a * (b * c)"))
    assert v.outcome is P and v.method == "multilinear identity checked on all 64 basis tuples"
    # affine (not homogeneous): the zero element joins the basis
    v = decide(claim("c", for_all={"a": "Element(sweedler)"}, then="S(a) + a == a + S(a)"))
    assert v.outcome is P and "all 4 basis tuples" in v.method
    v = decide(claim("c", for_all={"a": "Element(sweedler)", "b": "Element(sweedler)"},
                     then="a * b + a == a * b + a"))
    assert v.outcome is P and "all 25 basis tuples" in v.method


def test_non_multilinear_claims_are_never_proved_on_a_basis() -> None:
    # a² = a holds on the grouplike basis of ℚ[C₂] only for 1; (1 + g)/2 is idempotent too,
    # but 2·1 is not: a proof on basis tuples would be unsound here.
    v = decide(claim("c", for_all={"a": "Element(group:C2)"}, then="a * a * a == a"))
    assert v.outcome is R  # 2·1: 8 ≠ 2 — found by sampling, not claimed on a basis
    assert "sampled points" in v.method
    v = decide(claim("c", for_all={"a": "Element(group:C2)"}, then="a * a == a * a"))
    assert v.outcome is EV and v.samples and v.samples > 0


def test_assumption_false_everywhere_in_a_closed_claim_is_vacuous() -> None:
    v = decide(claim("c", assuming="1 > 2", then="1 == 0"))
    assert v.outcome is P and v.vacuous and "vacuously" in v.method


def test_closed_claim_that_is_undefined_is_an_error() -> None:
    v = decide(claim("c", then="1 / 0 == 1"))
    assert v.outcome is E and "undefined" in v.detail


def test_domains() -> None:
    assert resolve_domain("v", "Vector(3, Integer)").var == Variable("v", "integer", (3,))
    s = resolve_domain("S", "SymmetricMatrix(2)").var
    assert s is not None and s.symmetric and s.size == 3
    r = resolve_domain("x", "Real(-1, 1/2)").var
    assert r is not None and (r.lo, r.hi) == (-1, 0.5)
    assert resolve_domain("h", "Element(taft:3)").element.structure.dim == 9


# -- the Z3 encoding against known matrices -----------------------------------------------------
def _solve(assume: list[str], then: str, var: Variable, fixed: dict[str, int]) -> z3.CheckSatResult:
    build = counterexample_builder([parse(a, bound=[var.name]) for a in assume],
                                   parse(then, bound=[var.name]), (var,))
    assert build is not None
    terms = {n: z3.Real(n) for n in var.entry_names()}
    s = z3.Solver()
    s.add(build(terms))
    s.add(*[terms[k] == v for k, v in fixed.items()])
    return s.check()


def _fix(rows: list[list[int]]) -> dict[str, int]:
    return {f"A[{i}, {j}]": x for i, r in enumerate(rows) for j, x in enumerate(r)}


A = Variable("A", "real", (2, 2))


@pytest.mark.parametrize(("rows", "is_counterexample"), [
    ([[1, 1], [0, 1]], True),    # real positive spectrum, not symmetric
    ([[2, 0], [0, 3]], False),   # symmetric
    ([[0, -1], [1, 0]], False),  # complex spectrum: the assumption fails
    ([[2, 0], [1, -1]], False),  # a negative eigenvalue: the assumption fails
])
def test_eigenvalue_encoding_on_known_matrices(rows: list[list[int]], is_counterexample: bool) -> None:
    got = _solve(["eigenvalues_real_positive(A)"], "A == A.T", A, _fix(rows))
    assert got == (z3.sat if is_counterexample else z3.unsat)


@pytest.mark.parametrize(("rows", "pd"), [([[2, 1], [1, 2]], True), ([[1, 1], [0, 1]], False),
                                          ([[1, 2], [2, 1]], False)])
def test_positive_definite_encoding(rows: list[list[int]], pd: bool) -> None:
    # counterexample to "is_positive_definite(A)" exists at A exactly when A is not PD
    assert _solve([], "is_positive_definite(A)", A, _fix(rows)) == (z3.unsat if pd else z3.sat)


def test_negated_eigenvalue_predicates_use_a_quantifier_free_encoding() -> None:
    # "then = eigenvalues_real(A)" puts the predicate under a negation: a model must be a
    # real counterexample, so [[2, 0], [0, 3]] (real spectrum) admits none.
    assert _solve([], "eigenvalues_real(A)", A, _fix([[2, 0], [0, 3]])) == z3.unsat
    assert _solve([], "eigenvalues_real(A)", A, _fix([[0, -1], [1, 0]])) == z3.sat


@pytest.mark.parametrize("then", ["exp(A[0, 0]) > 0", "softmax(A) == A", "rank(A) >= 0",
                                  "A[0, 0] / A[1, 1] == 1", "eigenvalues(A) == [1, 1]"])
def test_not_encodable_gives_none(then: str) -> None:
    assert counterexample_builder([], parse(then, bound=["A"]), (A,)) is None


def test_undefined_everywhere_is_never_proved() -> None:
    v = decide(claim("c", for_all={"a": "Element(sweedler)"}, then="a / 0 == a"))
    assert v.outcome is U and "no point satisfied" in v.detail
    # over the reals Z3 proves that no point is defined (the divisor is 0): proved, but
    # only vacuously, and the verdict says so
    v = decide(claim("c", for_all={"x": "Real"}, then="x / 0 == x"), timeout=30.0)
    assert v.outcome is P and v.vacuous and v.method.startswith("vacuously"), v
    v = decide(claim("c", for_all={"a": "Element(taft:3)"}, then="a / 2 + a / 2 == a"))
    assert v.outcome is P


def test_not_of_a_decider_that_only_has_evidence_is_unknown_never_evidence() -> None:
    from coherence.checks import vocabulary
    from coherence.checks.vocabulary import Decision

    @vocabulary.register("sampled_fact", kind="decider", signature="sampled_fact()",
                         doc="test decider", min_args=0, max_args=0, area="test")
    def sampled_fact() -> Decision:
        return Decision(EV, "random trials", detail="held on 50 random trials")

    try:
        assert decide(claim("p", then="sampled_fact()")).outcome is EV
        v = decide(claim("not-p", then="not sampled_fact()"))
        # P held on samples: that is evidence *against* not P, never evidence for it
        assert v.outcome is U, v.outcome
        assert "held on 50 random trials" in v.detail
        assert decide(claim("not-not-p", then="not not sampled_fact()")).outcome is EV
    finally:
        vocabulary.unregister("sampled_fact")


@pytest.mark.parametrize(("then", "partial"), [
    ("(x ** 2 - 1) / (x - 1) == x + 1", True),    # undefined at x = 1: skipped (docs/claims.md)
    ("x / x == 1", True),
    ("sqrt(x) ** 2 == x", True),
    ("(x + 1) ** 2 == x ** 2 + 2*x + 1", False),
    ("x / 2 + x / 2 == x", False),
])
def test_identities_proved_where_defined_say_so(then: str, partial: bool) -> None:
    v = decide(claim("c", for_all={"x": "Real"}, then=then))
    assert v.outcome is P
    assert v.method.startswith("exact simplification: lhs − rhs = 0 identically")
    assert ("where both sides are defined" in v.method) == partial


def test_evidence_counts_only_points_that_really_held() -> None:
    import re

    # x > 1 excludes most searched points, and rank() keeps Z3 and simplification out
    v = decide(claim("rank", for_all={"x": "Real"}, assuming="x > 1",
                     then="rank([[x, 1], [1, x]]) == 2"), seed=2)
    assert v.outcome is EV
    held, tried = map(int, re.search(r"held at (\d+) of (\d+)", v.detail).groups())
    assert v.samples == held and 0 < held < tried  # excluded points are not samples
    # and the point where the conclusion is undefined (x = 0) does not count either
    v = decide(claim("inv", for_all={"x": "Integer"},
                     then="rank(inverse([[x, 0], [0, 1]])) == 2"), seed=2)
    assert v.outcome is EV
    held, tried = map(int, re.search(r"held at (\d+) of (\d+)", v.detail).groups())
    assert v.samples == held == tried - 1
