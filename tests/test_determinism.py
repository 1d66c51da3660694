"""One seed, one answer: two runs give byte-identical JSON (times aside), serial or parallel."""

from __future__ import annotations

import json
import re
from pathlib import Path

from coherence.checks.render import render
from coherence.checks.run import check_paths

ROOT = Path(__file__).resolve().parents[1]

CLAIMS = '''
[[claim]]
id = "sym"
for_all = { A = "Matrix(2, 2)" }
assuming = "eigenvalues_real_positive(A)"
then = "A == A.T"

[[claim]]
id = "commute"
for_all = { A = "Matrix(2, 2)", B = "Matrix(2, 2)" }
then = "A @ B == B @ A"

[[claim]]
id = "random-found"
for_all = { x = "Real", y = "Real" }
assuming = "x * y > 3"
then = "x + y < 4"

[[claim]]
id = "evidence"
for_all = { x = "Real" }
then = "rank([[x, 1], [1, x]]) >= 1"

[[claim]]
id = "elements"
for_all = { a = "Element(group:C3)" }
then = "a * a * a == a"

[[claim]]
id = "typo"
then = "dett([[1]]) == 1"
'''


def _json(paths: list[Path], **kw: object) -> str:
    result = check_paths(paths, **kw)  # type: ignore[arg-type]
    text = render(result.verdicts, "json")
    return re.sub(r'"(seconds|budget_used)": [0-9.e-]+', r'"\1": 0', text)


def test_two_runs_one_seed_identical_json(tmp_path: Path) -> None:
    f = tmp_path / "d.claims.toml"
    f.write_text(CLAIMS, encoding="utf-8")
    first = _json([f], seed=3)
    second = _json([f], seed=3)
    assert first == second
    doc = json.loads(first)
    assert [r["verdict"] for r in doc["results"]] == [
        "refuted", "refuted", "refuted", "evidence", "refuted", "error"]


def test_parallel_equals_serial(tmp_path: Path) -> None:
    f = tmp_path / "d.claims.toml"
    f.write_text(CLAIMS, encoding="utf-8")
    assert _json([f], seed=1, jobs=2) == _json([f], seed=1, jobs=1)


def test_examples_are_deterministic() -> None:
    path = ROOT / "docs" / "examples" / "hopf-facts.claims.toml"
    assert _json([path], seed=0) == _json([path], seed=0)


class _SlowClock:
    """A stand-in for the ``time`` module whose clock jumps ``step`` s at every reading:
    a machine under heavy load, without the wait."""

    def __init__(self, step: float) -> None:
        import time

        self.now = time.monotonic()
        self.step = step

    def monotonic(self) -> float:
        self.now += self.step
        return self.now

    def perf_counter(self) -> float:
        return self.monotonic()

    def sleep(self, s: float) -> None:
        self.now += s


def _decide(c: object, **kw: object) -> object:
    from coherence.checks.decide import decide

    return decide(c, seed=5, **kw)  # type: ignore[arg-type]


# no Z3 encoding (rank), so every stage of the search runs on the (slow) clock
SAMPLED = {"for_all": {"x": "Real"}, "then": "rank([[x, 1], [1, x]]) >= 1"}


def test_load_never_changes_an_evidence_count(monkeypatch) -> None:
    from coherence.checks.claims import claim
    from coherence.counterexamples import search as S

    c = claim("rank", **SAMPLED)
    fast = _decide(c, timeout=300.0)
    # each reading costs 0.2 s: the whole search stays well inside its 300 s, but any
    # stage cut by a share of the time would stop early (e.g. after 240 random samples)
    monkeypatch.setattr(S, "time", _SlowClock(0.2))
    slow = _decide(c, timeout=300.0)
    assert fast.outcome.value == slow.outcome.value == "evidence"
    assert (slow.samples, slow.detail) == (fast.samples, fast.detail)


def test_a_search_stopped_by_the_timeout_is_unknown_not_smaller_evidence(monkeypatch) -> None:
    from coherence.checks.claims import claim
    from coherence.counterexamples import search as S

    monkeypatch.setattr(S, "time", _SlowClock(0.05))
    v = _decide(claim("rank", **SAMPLED), timeout=4.0)
    assert v.outcome.value == "unknown"
    assert "stopped by the --timeout of 4 s" in v.detail


def test_element_and_finite_searches_stopped_by_the_timeout_are_unknown(monkeypatch) -> None:
    from coherence.checks import decide as D
    from coherence.checks.claims import claim

    square = claim("eps-square", for_all={"v": "Element(sweedler)"},
                   then="eps(v * v) == eps(v) * eps(v)")
    assert _decide(square, timeout=1000.0).outcome.value == "evidence"
    words = claim("words", for_all={"w": "Word(ab, 6)", "n": "Integer(0, 9)"},
                  then="n >= 0")
    assert _decide(words, timeout=1000.0).outcome.value == "proved"
    monkeypatch.setattr(D, "time", _SlowClock(0.05))
    for c in (square, words):
        v = _decide(c, timeout=4.0)
        assert v.outcome.value == "unknown", (v.outcome, v.detail)
        assert "stopped by the --timeout of 4 s" in v.detail


def test_a_check_stuck_in_one_computation_is_interrupted_and_unknown(monkeypatch) -> None:
    import time

    from coherence.checks import decide as D
    from coherence.checks.claims import claim

    def stuck(self, values):  # one exact check that would take a minute
        time.sleep(60)

    monkeypatch.setattr(D._Parsed, "status", stuck)
    v = D.decide(claim("stuck", for_all={"v": "Element(sweedler)"},
                       then="eps(v * v) == eps(v) * eps(v)"), timeout=0.5)
    assert v.outcome.value == "unknown"
    assert "stopped by the --timeout of 0.5 s" in v.detail
    # and the alarm is disarmed afterwards
    import signal

    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL


def test_parallel_workers_send_back_verdicts_with_live_witnesses() -> None:
    # graded witnesses hold lambdas: a worker used to crash pickling them (--jobs 2)
    path = ROOT / "docs" / "examples" / "shuffle-hopf.claims.toml"
    assert _json([path], seed=0, jobs=2) == _json([path], seed=0, jobs=1)
