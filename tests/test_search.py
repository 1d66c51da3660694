"""The layered search: exact witnesses only, minimal, deterministic, and honest proofs."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
import z3
from coherence.counterexamples import search as S
from coherence.counterexamples import z3_linalg
from coherence.counterexamples.problem import (
    PointResult,
    PointStatus,
    SearchProblem,
    Variable,
    format_point,
    format_value,
)
from coherence.counterexamples.search import Budget, search
from hypothesis import given, settings
from hypothesis import strategies as st

HOLDS, VIOLATED, VACUOUS, UNDECIDED = (
    PointStatus.HOLDS,
    PointStatus.VIOLATED,
    PointStatus.VACUOUS,
    PointStatus.UNDECIDED,
)


def implication(assumption: bool, conclusion: bool, lhs: str = "", rhs: str = "") -> PointResult:
    if not assumption:
        return PointResult(VACUOUS)
    return PointResult(HOLDS if conclusion else VIOLATED, lhs=lhs, rhs=rhs)


# ---- exact 2×2 spectral facts (the claim-level evaluator lives in checks/) ----
def real_positive_2x2(A) -> bool:
    (a, b), (c, d) = A
    tr, det = a + d, a * d - b * c
    return tr * tr - 4 * det >= 0 and tr > 0 and det > 0


def is_symmetric(A) -> bool:
    return all(A[i][j] == A[j][i] for i in range(len(A)) for j in range(len(A)))


def eig_pos_symmetric_problem(*, z3_encoding: bool = True, kind="real") -> SearchProblem:
    """Claim: a real 2×2 matrix whose eigenvalues are real and positive is symmetric."""

    def check(pt):
        A = pt["A"]
        return implication(real_positive_2x2(A), is_symmetric(A), format_value(A), "A.T")

    def encode(v):
        A = [[v["A[0, 0]"], v["A[0, 1]"]], [v["A[1, 0]"], v["A[1, 1]"]]]
        return z3.And(z3_linalg.eigenvalues_real_positive(A), z3.Not(z3_linalg.is_symmetric(A)))

    A = Variable("A", kind, shape=(2, 2))
    return SearchProblem((A,), check, z3_counterexample=encode if z3_encoding else None)


def test_positive_eigenvalues_symmetric_ends_at_the_jordan_block():
    out = search(eig_pos_symmetric_problem(), seed=0, timeout=120)
    assert format_point(out.witness) == "A = [[1, 1], [0, 1]]"
    assert out.result.status is VIOLATED
    assert out.found_by == "canonical seeds"
    assert out.proof is None


def test_without_seeds_the_enumeration_finds_the_same_minimal_witness():
    out = search(eig_pos_symmetric_problem(), budget=Budget(seed_points=0), timeout=120)
    assert format_point(out.witness) == "A = [[1, 1], [0, 1]]"
    assert out.found_by == "exhaustive small integers −2..2"


def test_a_large_witness_from_a_later_stage_is_shrunk_to_the_minimal_one():
    problem = eig_pos_symmetric_problem()
    big = {"A": ((F(7, 2), F(5)), (F(0), F(7, 2)))}
    no_small = Budget(seed_points=0, exhaustive_points=0, random_samples=0, hypothesis_examples=0)
    seeded = SearchProblem(problem.variables, problem.check, seeds=(big,))
    out = search(seeded, budget=no_small, timeout=120)
    assert out.found_by == "canonical seeds"  # problem.seeds ride with the canonical ones
    assert format_point(out.shrunk_from) == "A = [[7/2, 5], [0, 7/2]]"
    assert format_point(out.witness) == "A = [[1, 1], [0, 1]]"
    assert out.shrink_steps >= 2


def test_same_seed_same_outcome():
    def run():
        out = search(fraction_only_problem(), seed=7, timeout=120)
        return (out.witness, out.found_by, out.shrunk_from, out.shrink_steps, out.samples,
                out.tried)

    assert run() == run()


def fraction_only_problem() -> SearchProblem:
    """Claim: 3x ≠ 1 for every rational x — refuted only by x = 1/3."""
    x = Variable("x", "rational")
    return SearchProblem((x,), lambda pt: implication(True, 3 * pt["x"] != 1, str(3 * pt["x"])))


def test_a_fraction_witness_is_found_exactly():
    out = search(fraction_only_problem(), seed=3, timeout=120)
    assert out.witness == {"x": F(1, 3)}
    assert out.found_by in ("random rationals", "hypothesis")


def test_z3_finds_what_small_values_miss_and_the_model_is_rechecked():
    x, y = Variable("x", "real"), Variable("y", "real")
    target = F(1, 97)

    def check(pt):  # claim: x + y ≠ 1/97 or x ≠ y
        return implication(True, pt["x"] + pt["y"] != target or pt["x"] != pt["y"])

    def encode(v):
        return z3.And(v["x"] + v["y"] == z3.RealVal("1/97"), v["x"] == v["y"])

    out = search(SearchProblem((x, y), check, z3_counterexample=encode), timeout=120)
    assert out.witness == {"x": F(1, 194), "y": F(1, 194)}
    assert out.found_by.startswith("z3 model")
    assert out.result.status is VIOLATED


def test_an_irrational_z3_model_that_fails_the_exact_check_is_not_a_witness():
    # claim: x² ≠ 2 for every rational x — true; Z3 over the reals says sat at ±√2
    x = Variable("x", "rational")
    problem = SearchProblem(
        (x,),
        lambda pt: implication(True, pt["x"] * pt["x"] != 2),
        z3_counterexample=lambda v: v["x"] * v["x"] == 2,
    )
    out = search(problem, timeout=120, budget=Budget(random_samples=50, hypothesis_examples=30))
    assert out.witness is None and out.proof is None
    assert any("did not survive exact re-check" in t for t in out.tried)


def test_z3_unsat_is_a_proof():
    x = Variable("x", "real")
    problem = SearchProblem(
        (x,),
        lambda pt: implication(True, pt["x"] ** 2 + 1 > 0),
        z3_counterexample=lambda v: v["x"] * v["x"] + 1 <= 0,
    )
    out = search(problem, timeout=120, budget=Budget(random_samples=20, hypothesis_examples=10))
    assert out.witness is None
    assert out.proof == "z3: counterexample condition unsat (default solver)"


def euler_problem(hi: int) -> SearchProblem:
    n = Variable("n", "integer", lo=F(0), hi=F(hi))

    def check(pt):  # claim: n² − n + 41 is prime
        v = int(pt["n"]) ** 2 - int(pt["n"]) + 41
        prime = v > 1 and all(v % p for p in range(2, int(v**0.5) + 1))
        return implication(True, prime, str(v), "a prime")

    return SearchProblem((n,), check)


def test_a_finite_domain_enumerated_completely_is_a_proof():
    out = search(euler_problem(40), timeout=120)
    assert out.witness is None
    assert out.proof == "exhaustive over 41 points"
    assert out.samples == 41


def test_a_finite_domain_counterexample_is_the_smallest():
    out = search(euler_problem(60), timeout=120)
    assert out.witness == {"n": F(41)}
    assert out.found_by == "exhaustive enumeration"


def test_undecided_or_crashing_points_are_never_witnesses_nor_proofs():
    n = Variable("n", "integer", lo=F(-3), hi=F(3))

    def check(pt):
        if pt["n"] == 2:
            raise ZeroDivisionError("boom")
        if pt["n"] == -2:
            return PointResult(UNDECIDED, note="could not decide")
        return PointResult(HOLDS)

    out = search(SearchProblem((n,), check), timeout=120)
    assert out.witness is None and out.proof is None
    assert out.undecided == 2
    assert any("undecided" in t for t in out.tried)


def test_vacuous_everywhere_has_no_witness():
    A = Variable("A", "real", shape=(2, 2))
    problem = SearchProblem((A,), lambda pt: PointResult(VACUOUS))
    out = search(problem, timeout=120, budget=Budget(random_samples=50, hypothesis_examples=20))
    assert out.witness is None and out.proof is None
    assert out.stop_reason.startswith(f"{out.samples} samples")
    assert out.vacuous == out.samples > 0  # none of them held: not evidence


def test_symmetric_and_bounded_variables_stay_in_their_domain():
    S2 = Variable("S", "real", shape=(2, 2), symmetric=True)
    seen = []

    def check(pt):  # claim: every symmetric matrix with S[0,0] ≥ 1 is positive definite
        M = pt["S"]
        seen.append(M)
        (a, b), (_, d) = M
        return implication(a >= 1, a > 0 and a * d - b * b > 0)

    out = search(SearchProblem((S2,), check), timeout=120)
    assert all(is_symmetric(M) for M in seen)
    assert format_point(out.witness) == "S = [[1, 0], [0, 0]]"

    t = Variable("t", "real", lo=F(1), hi=F(2))
    values = []

    def check_t(pt):  # claim: t² < 4 on [1, 2]
        values.append(pt["t"])
        return implication(True, pt["t"] ** 2 < 4)

    out = search(SearchProblem((t,), check_t), timeout=120)
    assert out.witness == {"t": F(2)}
    assert all(F(1) <= v <= F(2) for v in values)


def test_malformed_extra_seeds_are_skipped():
    x = Variable("x", "real")
    problem = SearchProblem(
        (x,), lambda pt: implication(True, pt["x"] != 5), seeds=({"y": 1}, {"x": "junk"})
    )
    out = search(problem, timeout=120, budget=Budget(hypothesis_examples=20))
    assert out.witness is not None and out.witness["x"] == F(5)


def test_a_slow_check_is_stopped_by_the_budget():
    import time as _time

    x = Variable("x", "real")

    def slow(pt):
        _time.sleep(0.02)
        return PointResult(HOLDS)

    out = search(SearchProblem((x,), slow), timeout=1.0)
    assert out.witness is None and out.proof is None
    # the timeout stops the search as a whole, and says so: a partial count is not evidence
    assert out.stopped and out.samples < 300 + 200
    assert out.stop_reason.startswith("stopped by the --timeout of 1 s during")


def test_stage_counts_do_not_depend_on_the_time_each_check_takes():
    import time as _time

    x = Variable("x", "real")

    def slow(pt):
        _time.sleep(0.001)
        return PointResult(HOLDS)

    small = Budget(random_samples=40, hypothesis_examples=20)
    fast = search(SearchProblem((x,), lambda pt: PointResult(HOLDS)), timeout=60, budget=small)
    slowed = search(SearchProblem((x,), slow), timeout=60, budget=small)
    assert not fast.stopped and not slowed.stopped
    assert (fast.samples, fast.tried) == (slowed.samples, slowed.tried)


@pytest.mark.parametrize("kind", ["real", "integer"])
def test_three_by_three_claim_is_refuted_minimally(kind):
    import sympy

    def check(pt):
        M = sympy.Matrix(pt["A"])
        p = M.charpoly().sqf_part() if M.charpoly().degree() else M.charpoly()
        real = p.count_roots() == p.degree()
        positive = real and p.count_roots(None, 0) == 0
        return implication(positive, M == M.T)

    A = Variable("A", kind, shape=(3, 3))
    out = search(SearchProblem((A,), check), timeout=120)
    assert out.found_by == "canonical seeds"
    assert format_point(out.witness) == "A = [[1, 0, 0], [0, 1, 1], [0, 0, 1]]"


def test_outcome_fields_describe_the_run():
    out = search(eig_pos_symmetric_problem(), timeout=120)
    assert out.tried[0].startswith("canonical seeds: hit after")
    assert out.stop_reason == "counterexample found by canonical seeds"
    assert out.refuted and out.seconds >= 0 and out.samples >= 1
    assert S.SearchOutcome.__dataclass_params__.frozen


def test_an_early_z3_attempt_proves_true_claims_before_sampling():
    x = Variable("x", "real")
    problem = SearchProblem(
        (x,),
        lambda pt: implication(True, pt["x"] ** 2 + 1 > 0),
        z3_counterexample=lambda v: v["x"] * v["x"] + 1 <= 0,
    )
    out = search(problem, timeout=120, budget=Budget(z3_early=0.3))
    assert out.proof == "z3: counterexample condition unsat (default solver)"
    assert out.tried[-1] == "early z3 default solver: unsat"
    assert not any(t.startswith("random rationals") for t in out.tried)
    # and false claims are still caught by the seeds before any Z3 runs
    out = search(eig_pos_symmetric_problem(), timeout=120, budget=Budget(z3_early=0.3))
    assert out.found_by == "canonical seeds" and not any("z3" in t for t in out.tried)


def test_search_inside_a_hypothesis_test_still_answers():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    results = []

    @given(st.integers(0, 3))
    @settings(max_examples=3, deadline=None, database=None, derandomize=True)
    def outer(k):
        results.append(search(eig_pos_symmetric_problem(), timeout=120).witness)

    outer()
    assert results and all(format_point(w) == "A = [[1, 1], [0, 1]]" for w in results)


def test_the_hypothesis_stage_alone_finds_a_fraction_witness():
    only_hypothesis = Budget(seed_points=0, exhaustive_points=0, random_samples=0)
    out = search(fraction_only_problem(), budget=only_hypothesis, timeout=120, seed=2)
    assert out.witness == {"x": F(1, 3)} and out.found_by == "hypothesis"
    assert out.tried[0] == "canonical seeds: 0 points"


@given(
    st.sets(st.tuples(st.integers(-3, 3), st.integers(-3, 3)), max_size=3),
    st.booleans(),
    st.integers(0, 5),
)
@settings(max_examples=25, deadline=None, database=None, derandomize=True)
def test_soundness_a_witness_is_always_a_violating_point_and_proofs_are_honest(bad, bounded, seed):
    lo, hi = (F(-3), F(3)) if bounded else (None, None)
    variables = (Variable("x", "integer", lo=lo, hi=hi), Variable("y", "integer", lo=lo, hi=hi))

    def check(pt):
        hit = (int(pt["x"]), int(pt["y"])) in bad
        return PointResult(VIOLATED if hit else HOLDS)

    small = Budget(random_samples=40, hypothesis_examples=10)
    out = search(SearchProblem(variables, check), seed=seed, timeout=120, budget=small)
    if out.witness is not None:
        assert (int(out.witness["x"]), int(out.witness["y"])) in bad
        assert out.proof is None
    if bounded:  # a finite domain: always decided, one way or the other
        assert (out.witness is None) == (not bad)
        assert (out.proof == "exhaustive over 49 points") == (not bad)
    elif not bad:
        assert out.witness is None and out.proof is None


def test_a_witness_whose_shrinking_runs_out_of_time_is_kept_and_says_so(monkeypatch):
    import time as _time

    from coherence.counterexamples import shrink as K

    class Clock:  # real time, until the first witness is found: then 1000 s pass at once
        late = 0.0

        def monotonic(self):
            return _time.monotonic() + self.late

    clock = Clock()
    monkeypatch.setattr(S, "time", clock)
    monkeypatch.setattr(K, "time", clock)
    x = Variable("x", "integer")

    def check(pt):  # claim: x < 1000
        if pt["x"] >= 1000:
            clock.late = 1000.0
        return implication(True, pt["x"] < 1000)

    seeded = SearchProblem((x,), check, seeds=({"x": F(987654)},))
    out = search(seeded, timeout=60)
    assert out.witness == {"x": F(987654)}  # still a witness, shrinking never started
    assert "shrinking stopped by the --timeout of 60 s after 0 steps" in out.stop_reason
