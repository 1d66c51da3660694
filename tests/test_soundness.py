"""The soundness suite: known-true and known-false claims across every domain and engine.

Each case states a claim, the verdict it must get and, for false claims, the minimal
witness it must be refuted at. Nothing false may be ``proved``; nothing true may be
``refuted``; every reported witness is re-checked here, independently, by evaluating
the claim exactly at the witness.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import pytest
from coherence.checks import vocabulary
from coherence.checks.claims import Claim, claim
from coherence.checks.decide import decide
from coherence.checks.evaluate import Env, Matrix, truth
from coherence.checks.expr import parse
from coherence.checks.verdict import Outcome
from hypothesis import given, settings
from hypothesis import strategies as st

P, R, EV, E = Outcome.PROVED, Outcome.REFUTED, Outcome.EVIDENCE, Outcome.ERROR
X = {"x": "Real"}
XY = {"x": "Real", "y": "Real"}
A2 = {"A": "Matrix(2, 2)"}
AB = {"A": "Matrix(2, 2)", "B": "Matrix(2, 2)"}

# (id, claim keywords, expected outcome, expected witness text or None)
CASES: list[tuple[str, dict[str, Any], Outcome, str | None]] = [
    # -- scalars: exact identities, Z3 proofs, seeds and small integers -------------------------
    ("square-nonneg", dict(for_all=X, then="x ** 2 >= 0"), P, None),
    ("square-ge-x", dict(for_all=X, then="x ** 2 >= x"), R, "x = 1/2"),
    ("binomial", dict(for_all=X, then="(x + 1) ** 2 == x ** 2 + 2*x + 1"), P, None),
    ("freshman-dream", dict(for_all=XY, then="(x + y) ** 2 == x ** 2 + y ** 2"), R,
     "x = 1, y = 1"),
    ("am-gm", dict(for_all=XY, then="x ** 2 + y ** 2 >= 2 * x * y"), P, None),
    ("square-grows", dict(for_all=X, assuming="x > 1", then="x ** 2 < x"), R, "x = 2"),
    ("positive-square", dict(for_all=X, assuming="x > 0", then="x ** 2 > 0"), P, None),
    ("integer-square", dict(for_all={"n": "Integer"}, then="n * n >= n"), P, None),
    ("real-square-not-integer", dict(for_all={"x": "Rational"}, then="x * x >= x"), R,
     "x = 1/2"),
    ("cube-bounded-ints", dict(for_all={"n": "Integer(-3, 3)"}, then="n ** 3 >= n"), R,
     "n = -2"),
    ("cube-on-unit-interval", dict(for_all={"x": "Real(0, 1)"}, then="x ** 3 >= x"), R,
     "x = 1/2"),
    ("square-on-unit-interval", dict(for_all={"x": "Real(0, 1)"}, then="x ** 2 <= x"), P,
     None),
    ("cancel-where-defined", dict(for_all=X, then="1 / x * x == 1"), P, None),
    ("sqrt-of-square", dict(for_all=X, then="sqrt(x ** 2) == x"), R, "x = -1"),
    ("relu-split", dict(for_all=X, then="relu(x) + relu(-x) == abs(x)"), P, None),
    ("max-bound", dict(for_all=XY, then="max(x, y) >= x"), P, None),
    ("min-is-max", dict(for_all=XY, then="min(x, y) == max(x, y)"), R, "x = 0, y = 1"),
    ("implies-chain", dict(for_all=X, then="implies(x > 2, x > 1)"), P, None),
    # -- transcendental: ball arithmetic, never a float ------------------------------------------
    ("exp-second-order", dict(for_all=X, then="exp(x) >= 1 + x + x ** 2 / 2"), R, "x = -1"),
    ("sigmoid-symmetry", dict(for_all=X, then="sigmoid(x) + sigmoid(-x) == 1"), P, None),
    ("softmax-sums-to-one", dict(for_all={"v": "Vector(3)"}, then="sum(softmax(v)) == 1"), P,
     None),
    ("tanh-is-zero", dict(for_all=X, then="tanh(x) == 0"), R, "x = 1"),
    # -- matrices ------------------------------------------------------------------------------
    ("eigen-positive-symmetric", dict(for_all=A2, assuming="eigenvalues_real_positive(A)",
                                      then="A == A.T"), R, "A = [[1, 1], [0, 1]]"),
    ("eigen-positive-pd", dict(for_all=A2, assuming="eigenvalues_real_positive(A)",
                               then="is_positive_definite(A)"), R, "A = [[1, 1], [0, 1]]"),
    ("symmetric-part-rescue", dict(for_all=A2, assuming="eigenvalues_real_positive(A)",
                                   then="is_positive_definite((A + A.T) / 2)"), R,
     "A = [[1, 2], [0, 1]]"),
    ("spd-eigen-positive", dict(for_all={"A": "SymmetricMatrix(2)"},
                                assuming="is_positive_definite(A)",
                                then="eigenvalues_real_positive(A)"), P, None),
    ("symmetric-real-spectrum", dict(for_all={"A": "SymmetricMatrix(2)"},
                                     then="eigenvalues_real(A)"), P, None),
    ("real-spectrum", dict(for_all=A2, then="eigenvalues_real(A)"), R, "A = [[0, -1], [1, 0]]"),
    ("spectral-theorem", dict(for_all={"X": "Matrix(2, 2)"},
                              then="eigenvalues_real(X @ X.T + X.T @ X)"), P, None),
    ("square-spectrum", dict(for_all=A2, then="eigenvalues_real(A @ A)"), R,
     "A = [[0, -1], [1, 1]]"),
    ("det-multiplicative", dict(for_all=AB, then="det(A @ B) == det(A) * det(B)"), P, None),
    ("det-additive", dict(for_all=AB, then="det(A + B) == det(A) + det(B)"), R,
     "A = [[0, 0], [0, 1]], B = [[1, 0], [0, 0]]"),
    ("commuting", dict(for_all=AB, then="A @ B == B @ A"), R,
     "A = [[0, 0], [0, 1]], B = [[0, 1], [0, 0]]"),
    ("trace-cyclic", dict(for_all=AB, then="trace(A @ B) == trace(B @ A)"), P, None),
    ("transpose-product", dict(for_all=AB, then="(A @ B).T == B.T @ A.T"), P, None),
    ("transpose-product-wrong", dict(for_all=AB, then="(A @ B).T == A.T @ B.T"), R,
     "A = [[0, 0], [0, 1]], B = [[0, 1], [0, 0]]"),
    ("double-inverse", dict(for_all=A2, then="inverse(inverse(A)) == A"), P, None),
    ("psd-diagonal", dict(for_all={"A": "SymmetricMatrix(2)"},
                          assuming="is_positive_semidefinite(A)",
                          then="all(A[i, i] >= 0 for i in range(2))"), P, None),
    ("trace-as-sum", dict(for_all=A2, then="sum(A[i, i] for i in range(2)) == trace(A)"), P,
     None),
    ("dot-nonneg", dict(for_all={"v": "Vector(3)"}, then="dot(v, v) >= 0"), P, None),
    ("eigen-positive-symmetric-3", dict(for_all={"A": "Matrix(3, 3)"},
                                        assuming="eigenvalues_real_positive(A)",
                                        then="A == A.T"), R,
     "A = [[1, 0, 0], [0, 1, 1], [0, 0, 1]]"),
    ("integer-det-bound", dict(for_all={"A": "Matrix(2, 2, Integer(-1, 1))"},
                               then="det(A) <= 2"), P, None),
    ("integer-det-bound-wrong", dict(for_all={"A": "Matrix(2, 2, Integer(-1, 1))"},
                                     then="det(A) <= 1"), R, None),
    ("tied-attention-symmetric", dict(for_all={"X": "Matrix(2, 2)"},
                                      then="softmax(X @ X.T) == softmax(X @ X.T).T"), R,
     "X = [[0, 1], [0, 0]]"),
    # -- closed claims ---------------------------------------------------------------------------
    ("det-value", dict(then="det([[1, 2], [3, 4]]) == -2"), P, None),
    ("spectrum-value", dict(then="eigenvalues([[2, 1], [1, 2]]) == [1, 3]"), P, None),
    ("e-below", dict(then="exp(1) < 2.718"), R, "claim = no variables"),
    ("sqrt-two-squared", dict(then="sqrt(2) ** 2 == 2"), P, None),
    # -- Hopf algebras -------------------------------------------------------------------------
    ("sweedler-s2", dict(given={"H": "structure('sweedler')"}, then="compose(S, S) == id"),
     R, "v = x"),
    ("sweedler-s4", dict(given={"H": "structure('sweedler')"}, then="S ** 4 == id"), P, None),
    ("c3-coherence", dict(given={"H": "structure('group:C3')"},
                          then="conv(id, S) == compose(u, eps)"), P, None),
    ("s3-commutative", dict(given={"H": "structure('group:S3')"}, then="is_commutative(H)"),
     R, "a, b = (23), (12)"),
    ("s3-functions-commutative", dict(given={"H": "structure('functions:S3')"},
                                      then="is_commutative(H)"), P, None),
    ("monoid-antipode", dict(given={"H": "structure('monoid:idempotent')"},
                             then="has_antipode(H)"), R, "inconsistent at = e"),
    ("monoid-no-antipode", dict(given={"H": "structure('monoid:idempotent')"},
                                then="not has_antipode(H)"), P, None),
    ("anti-homomorphism", dict(for_all={"a": "Element(sweedler)", "b": "Element(sweedler)"},
                               then="S(a * b) == S(b) * S(a)"), P, None),
    ("homomorphism", dict(for_all={"a": "Element(sweedler)", "b": "Element(sweedler)"},
                          then="S(a * b) == S(a) * S(b)"), R, "a = g, b = x"),
    ("taft-delta-multiplicative", dict(for_all={"a": "Element(taft:3)", "b": "Element(taft:3)"},
                                       then="Delta(a * b) == Delta(a) * Delta(b)"), P, None),
    ("idempotents", dict(for_all={"a": "Element(group:C3)"}, then="a * a == a"), R, "a = g"),
    ("element-involutive", dict(for_all={"v": "Element(sweedler)"}, then="S(S(v)) == v"), R,
     "v = x"),
    # -- finite registered domains ----------------------------------------------------------------
    ("bits-sum", dict(for_all={"b": "Bits(3)"}, then="b <= 7"), P, None),
    ("bits-small", dict(for_all={"b": "Bits(3)"}, then="b < 5"), R, "b = 101"),
    # -- generic identities: symbolic evaluation of rank/eigenvalues is only generic -------------
    ("rank-is-generically-full", dict(for_all=A2, then="rank(A) == 2"), R,
     "A = [[0, 0], [0, 0]]"),
    ("rank-of-a-family", dict(for_all=X, then="rank([[x, 1], [1, x]]) == 2"), R, "x = 1"),
    ("rank-of-an-integer-family", dict(for_all={"n": "Integer"},
                                       then="rank([[n, 1], [1, n]]) == 2"), R, "n = 1"),
    # -- an element compared with a number: 0 is the zero element, never "not equal" -----------
    ("element-minus-itself", dict(for_all={"v": "Element(sweedler)"}, then="v - v == 0"), P,
     None),
    ("element-nonzero", dict(for_all={"v": "Element(sweedler)"}, then="v * v != 0"), R,
     "v = 0"),
    ("tensor-minus-itself", dict(for_all={"v": "Element(sweedler)"},
                                 then="Delta(v) - Delta(v) == 0"), P, None),
    ("inverse-where-defined", dict(for_all=A2, then="inverse(A) @ A == identity(2)"), P, None),
    ("tanh-is-a-sigmoid", dict(for_all=X, then="tanh(x) == 2 * sigmoid(2 * x) - 1"), P, None),
]

SLOW: list[tuple[str, dict[str, Any], Outcome]] = [
    ("exp-positive", dict(for_all=X, then="exp(x) > 0"), EV),
    ("tanh-below-one", dict(for_all=X, then="tanh(x) < 1"), EV),
]

#: The --timeout of these claims: a safety stop only (every stage is bounded by a count),
#: generous so that a loaded machine (pytest -n 4 on 2 cores) never changes a verdict.
SAFETY = 120.0


@pytest.fixture(autouse=True, scope="module")
def _bits_domain() -> Any:
    """A tiny registered finite domain: integers 0..2ⁿ−1 shown in binary."""

    def bits(n: int) -> vocabulary.FiniteDomain:
        return vocabulary.FiniteDomain(
            f"integers below 2^{n}", 2**n, lambda: iter(Fraction(k) for k in range(2**n)),
            render=lambda k: format(int(k), "b"))

    vocabulary.register("Bits", kind="domain", signature="Bits(n)", doc="test domain",
                        min_args=1, max_args=1, area="test")(bits)
    yield
    vocabulary.unregister("Bits")


def _value(v: Any) -> Any:
    if isinstance(v, tuple) and v and isinstance(v[0], tuple):
        return Matrix.of(v)
    if isinstance(v, tuple):
        return Matrix.column(v)
    return v


def recheck(c: Claim, values: Mapping[str, Any]) -> None:
    """Independently evaluate the claim at the witness: assumptions hold, conclusion fails."""
    from coherence.checks.decide import _parse

    p = _parse(c)
    env = Env({**p.given, **{k: _value(v) for k, v in values.items()}}, p.subject)
    bound = [*p.given, *c.variables]
    for a in c.assuming:
        assert truth(parse(a, bound=bound), env), f"assumption {a!r} fails at the witness"
    assert not truth(parse(c.then, bound=bound), env), "the conclusion holds at the witness"


@pytest.mark.parametrize(("cid", "kw", "expected", "witness"), CASES, ids=[c[0] for c in CASES])
def test_claim(cid: str, kw: dict[str, Any], expected: Outcome, witness: str | None) -> None:
    c = claim(cid, **kw)
    v = decide(c, seed=0, timeout=SAFETY)
    assert v.outcome is not E, v.detail
    # the two promises, whatever else happens
    if expected is P:
        assert v.outcome is not R, f"a true claim was refuted at {v.witness_text}"
    if expected is R:
        assert v.outcome is not P, f"a false claim was proved by {v.method}"
    assert v.outcome is expected, (v.method, v.detail)
    if expected is R:
        assert v.witness, "a refutation without a witness"
        if witness is not None:
            assert v.witness_text == witness
        if c.variables and v.witness_values is not None:
            recheck(c, v.witness_values)
    if expected is P:
        assert v.method and v.witness is None


@pytest.mark.parametrize(("cid", "kw", "expected"), SLOW, ids=[c[0] for c in SLOW])
def test_true_but_unprovable_claims_are_evidence(cid: str, kw: dict[str, Any],
                                                 expected: Outcome) -> None:
    v = decide(claim(cid, **kw), seed=0, timeout=SAFETY)
    assert v.outcome is expected
    assert v.samples and v.samples > 0 and "seed 0" in v.detail


def test_suite_is_large_and_balanced() -> None:
    outcomes = [c[2] for c in CASES]
    assert len(CASES) + len(SLOW) >= 40
    assert outcomes.count(P) >= 15 and outcomes.count(R) >= 15


def test_numeric_artefacts_are_not_witnesses() -> None:
    # x² = 2 has no rational solution: every model Z3 finds is irrational, and its
    # rationalisations fail the exact check, so over the rationals nothing may be refuted.
    for then in ("x > 0", "x * x != 2"):
        v = decide(claim("irrational-only", for_all={"x": "Rational"}, assuming="x * x == 2",
                         then=then), timeout=SAFETY)
        assert v.outcome in (Outcome.UNKNOWN, EV), (v.outcome, v.witness_text)
    v = decide(claim("no-rational-root", for_all={"x": "Rational"}, then="x ** 2 != 2"),
               timeout=SAFETY)
    assert v.outcome is not R


@pytest.mark.parametrize(("kw", "witness"), [
    (dict(for_all=X, then="x ** 2 != 2"), "x = -sqrt(2)"),
    (dict(for_all=X, assuming="x * x == 2", then="x > 0"), "x = -sqrt(2)"),
    (dict(for_all=X, assuming="x > 0", then="x ** 3 != x + 1"), "x = CRootOf(x**3 - x - 1, 0)"),
])
def test_false_only_at_irrational_points_is_refuted_with_an_exact_algebraic_witness(
        kw: dict[str, Any], witness: str) -> None:
    # over the reals these are false, at an algebraic point only: Z3's model is an
    # algebraic number, re-checked exactly as one (never through a float)
    c = claim("irrational", **kw)
    v = decide(c, timeout=SAFETY)
    assert v.outcome is R, (v.outcome, v.detail)
    assert v.witness_text == witness
    assert "algebraic" in v.method
    recheck(c, v.witness_values)


def test_undecidable_comparison_is_never_a_counterexample() -> None:
    # exp(x) == exp(x) + 0 at every point: balls never separate, the exact zero test decides.
    v = decide(claim("same", for_all=X, then="exp(x) - exp(x) == 0"), timeout=SAFETY)
    assert v.outcome is P


@settings(max_examples=25, deadline=None, derandomize=True)
@given(st.integers(-3, 3), st.integers(-4, 4), st.integers(-4, 4), st.sampled_from([">=", ">"]))
def test_random_quadratics_are_never_misjudged(a: int, b: int, c: int, op: str) -> None:
    """a·x² + b·x + c (op) 0 for all real x — ground truth from the discriminant."""
    disc = b * b - 4 * a * c
    if a == 0:
        true = b == 0 and (c >= 0 if op == ">=" else c > 0)
    else:
        true = a > 0 and (disc <= 0 if op == ">=" else disc < 0)
    v = decide(claim("q", for_all=X, then=f"{a} * x ** 2 + {b} * x + {c} {op} 0"), timeout=SAFETY)
    if true:
        assert v.outcome is not R, v.witness_text
    else:
        assert v.outcome is not P, v.method
        if v.outcome is R:
            recheck(claim("q", for_all=X, then=f"{a} * x ** 2 + {b} * x + {c} {op} 0"),
                    v.witness_values)


@pytest.mark.parametrize("domain", ["Integer(1/2, 3/2)", "Integer(-3/2, -1/2)"])
def test_integer_bounds_that_are_not_integers_admit_only_the_integers_between(domain: str) -> None:
    # Integer(1/2, 3/2) is {1}; enumerating it from int(1/2) = 0 "refuted" n != 0 at n = 0.
    nonzero = claim("nonzero", for_all={"n": domain, "w": "Bits(1)"}, then="n != 0")
    assert decide(nonzero, timeout=SAFETY).outcome is P
    alone = claim("alone", for_all={"n": domain}, then="n * n == 1")
    assert decide(alone, timeout=SAFETY).outcome is P


def test_an_element_compared_with_a_nonzero_number_is_an_error_not_a_verdict() -> None:
    # ``v * v == 1`` has no meaning without a unit: never "not equal", so never refuted
    v = decide(claim("ambiguous", for_all={"v": "Element(group:C2)"}, then="v * v == 1"))
    assert v.outcome is E
    assert "expected values of one kind to compare" in v.detail


@pytest.mark.parametrize("then", ["S(v) == Delta(v)", "Delta(v) != v"])
def test_values_of_different_kinds_are_an_error_never_unequal(then: str) -> None:
    # an element and a tensor are not "different": the claim is ill-typed
    v = decide(claim("kinds", for_all={"v": "Element(sweedler)"}, then=then))
    assert v.outcome is E, (v.outcome, v.witness_text)
    assert "expected values of one kind to compare" in v.detail


@pytest.mark.parametrize(("name", "expected"), [("group:C3", P), ("group:S3", R)])
def test_a_decider_compared_with_a_truth_value_is_its_truth_value(name: str,
                                                                  expected: Outcome) -> None:
    # a Decision object is never "== True" by object equality: it counts when decided
    c = claim("c", given={"H": f"structure('{name}')"}, then="is_commutative(H) == True")
    assert decide(c).outcome is expected
