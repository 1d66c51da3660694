"""Z3 portfolio: killable children, recorded timeouts, exact re-checks of models, proofs."""

from __future__ import annotations

import multiprocessing
from fractions import Fraction as F

import pytest
import z3
from coherence.counterexamples import z3_search as Z
from coherence.counterexamples.problem import (
    PointResult,
    PointStatus,
    SearchProblem,
    Variable,
)
from coherence.counterexamples.search import Budget, search

pytestmark = pytest.mark.slow


def cubes_problem() -> SearchProblem:
    """Claim: x³ + y³ + z³ ≠ 33 for integers — no small solution; Z3 cannot finish."""
    names = ("x", "y", "z")
    variables = tuple(Variable(n, "integer") for n in names)

    def check(pt):
        total = sum(pt[n] ** 3 for n in names)
        return PointResult(PointStatus.HOLDS if total != 33 else PointStatus.VIOLATED)

    return SearchProblem(
        variables, check, z3_counterexample=lambda v: v["x"] ** 3 + v["y"] ** 3 + v["z"] ** 3 == 33
    )


def test_a_problem_z3_cannot_finish_yields_no_witness_a_recorded_timeout_and_returns():
    # a counted budget far beyond 1.5 s of work on any machine, so the wall clock ends Z3
    small = Budget(random_samples=30, hypothesis_examples=10, exhaustive_points=200,
                   z3_rlimit=10**11)
    out = search(cubes_problem(), timeout=1.5, budget=small)
    assert out.witness is None and out.proof is None
    # Z3 ended by the wall clock (a safety stop) is "stopped", never a finished count
    assert out.stopped and "stopped by the --timeout of 1.5 s" in out.stop_reason
    assert multiprocessing.active_children() == []


def test_z3_ended_by_its_counted_budget_is_a_finished_stage_the_same_on_every_machine():
    small = Budget(random_samples=30, hypothesis_examples=10, exhaustive_points=200,
                   z3_rlimit=20_000)
    out = search(cubes_problem(), timeout=60, budget=small)
    assert out.witness is None and out.proof is None and not out.stopped
    assert any("gave up" in t for t in out.tried)
    assert search(cubes_problem(), timeout=60, budget=small).tried == out.tried


def test_a_builder_stuck_in_python_is_killed():
    def stuck(v):
        while True:
            pass

    x = Variable("x", "real")
    problem = SearchProblem((x,), lambda pt: PointResult(PointStatus.HOLDS),
                            z3_counterexample=stuck)
    attempt = Z.run_strategy(problem, Z.DEFAULT, 0.3)
    assert attempt.status == "timeout"
    assert attempt.describe().startswith("z3 default solver: timed out after")
    assert multiprocessing.active_children() == []


def test_a_builder_that_raises_is_an_error_attempt_not_a_crash():
    def broken(v):
        raise KeyError("A[9, 9]")

    x = Variable("x", "real")
    problem = SearchProblem((x,), lambda pt: PointResult(PointStatus.HOLDS),
                            z3_counterexample=broken)
    result = Z.portfolio(problem, timeout=3, accept=lambda flat: True)
    assert result.witness is None and result.proof is None
    assert all(a.status == "error" for a in result.attempts)
    assert "KeyError" in result.attempts[0].reason


def test_unsat_of_a_restricted_strategy_is_not_a_proof():
    x = Variable("x", "real")
    # x = 1/3 is the only counterexample: no small integer model exists, but it is not a proof
    problem = SearchProblem(
        (x,), lambda pt: PointResult(PointStatus.HOLDS), z3_counterexample=lambda v: 3 * v["x"] == 1
    )
    small_only = [s for s in Z.STRATEGIES if s.kind == "small-integers"]
    result = Z.portfolio(problem, timeout=3, accept=lambda flat: False, strategies=small_only)
    assert result.proof is None
    assert result.attempts[0].status == "unsat"


def test_models_are_rationalised_and_rechecked_by_accept():
    x = Variable("x", "real")
    problem = SearchProblem(
        (x,), lambda pt: None, z3_counterexample=lambda v: z3.And(v["x"] * v["x"] == 2, v["x"] > 0)
    )
    seen = []

    def accept(flat):
        seen.append(flat)
        return abs(flat[0] ** 2 - 2) < F(1, 10**6)

    result = Z.portfolio(problem, timeout=5, accept=accept)
    assert result.witness is not None
    assert abs(result.witness[0] ** 2 - 2) < F(1, 10**6)
    assert seen[0] == (F(1),)  # simplest candidates first
    assert len(seen) > 1


def test_variables_bounds_and_symmetry():
    S = Variable("S", "real", shape=(2, 2), symmetric=True, lo=F(-1), hi=F(1))
    n = Variable("n", "integer", lo=F(2))
    problem = SearchProblem((S, n), lambda pt: None)
    names, flat, bounds = Z.z3_vars(problem)
    assert names["S[1, 0]"] is names["S[0, 1]"]
    assert names["n"].sort() == z3.IntSort() and names["S[0, 0]"].sort() == z3.RealSort()
    assert len(flat) == 4 and len(bounds) == 7

    def encode(v):  # S[0,1] > 1 is impossible in the box
        return v["S[1, 0]"] > 1

    boxed = SearchProblem((S, n), lambda pt: None, z3_counterexample=encode)
    assert Z.portfolio(boxed, timeout=5, accept=lambda f: True).proof is not None


def test_sat_models_respect_the_domain_through_the_exact_check():
    x = Variable("x", "integer", lo=F(0), hi=F(10**6))

    def check(pt):
        return PointResult(PointStatus.VIOLATED if pt["x"] == 777_777 else PointStatus.HOLDS)

    problem = SearchProblem((x,), check, z3_counterexample=lambda v: v["x"] == 777_777)
    out = search(problem, timeout=10, budget=Budget(random_samples=20, hypothesis_examples=10))
    assert out.witness == {"x": F(777_777)}
    assert out.found_by == "z3 model (default solver)"


def test_texts_name_limits_not_measured_times_so_one_seed_gives_one_text():
    # counted budgets (rlimit): the texts name the count, and the wall clock (generous
    # here, a safety stop) never enters them, however loaded the machine
    both_give_up = [Z.DEFAULT, Z.STRATEGIES[3]]

    def run():
        r = Z.portfolio(cubes_problem(), timeout=120, accept=lambda f: False,
                        strategies=both_give_up, rlimit=20_000)
        return r.tried, r.stop_reason, r.cut

    first = run()
    assert first == run()
    assert first[0] == ("z3 default solver: gave up (60,000 resource units)",
                        "z3 tactic smt, seed 1: gave up (20,000 resource units)")
    assert first[2] is False


def _pool_work(_: int):
    p = SearchProblem((Variable("n", "integer"),), check=lambda pt: None,
                      z3_counterexample=lambda v: v["n"] * 2 == 6)
    return Z.run_strategy(p, Z.DEFAULT, 5).model


def test_inside_a_daemonic_pool_worker_the_solver_runs_in_process():
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.map(_pool_work, [0]) == [("3",)]


def test_a_share_cut_short_by_a_slow_machine_is_flagged_and_stops_the_search(monkeypatch):
    import time as _time

    from coherence.counterexamples import search as S

    class Late:  # after the first reading, the machine is 1000 s behind
        readings = 0

        def monotonic(self):
            self.readings += 1
            return _time.monotonic() + (1000.0 if self.readings > 1 else 0.0)

    x = Variable("x", "real")
    problem = SearchProblem((x,), check=lambda pt: None,
                            z3_counterexample=lambda v: v["x"] * v["x"] < 0)
    monkeypatch.setattr(Z, "time", Late())
    result = Z.portfolio(problem, timeout=5, accept=lambda flat: True)
    assert result.cut and result.proof is None and not result.attempts
    # and a search whose Z3 stage was cut says it was stopped, not "no proof"
    monkeypatch.setattr(Z, "time", _time)
    monkeypatch.setattr(S, "portfolio", lambda *a, **k: Z.Z3Search(None, "", None, (), "", cut=True))
    out = S.search(problem, timeout=30, budget=S.Budget(random_samples=5, hypothesis_examples=5))
    assert out.stopped and "stopped by the --timeout of 30 s during z3" in out.stop_reason
