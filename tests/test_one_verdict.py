"""One claim, one verdict: the bundled examples give the same JSON (times and budget
figures aside) decided serially, with ``--jobs 2`` while two CPU-burning processes load
the machine, and through the pytest plugin with ``-n 2``; a false claim is never
``evidence`` at any ``--timeout``.

Marked ``slow``; it runs in the default ``python -m pytest`` (and so in CI).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from coherence.checks.claims import claim
from coherence.checks.decide import decide

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "docs" / "examples"
TIMES = ("seconds", "budget_used")


def _comparable(doc: dict) -> list[dict]:
    rows = [{k: v for k, v in r.items() if k not in TIMES} for r in doc["results"]]
    return sorted(rows, key=lambda r: (r["location"] or "", r["id"]))


def _cli(out: Path, *extra: str) -> dict:
    proc = subprocess.run([sys.executable, "-m", "coherence.checks.cli", "check", str(EXAMPLES),
                           "--format", "json", "--output", str(out), *extra],
                          capture_output=True, text=True, cwd=ROOT, timeout=1800)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(out.read_text(encoding="utf-8"))


def _burn() -> None:  # pragma: no cover - a CPU-burning child
    while True:
        pass


@pytest.mark.slow
def test_bundled_examples_one_verdict_serial_loaded_parallel_and_under_pytest(tmp_path):
    serial = _cli(tmp_path / "serial.json")
    burners = [multiprocessing.get_context("fork").Process(target=_burn, daemon=True)
               for _ in range(2)]
    for b in burners:
        b.start()
    try:
        loaded = _cli(tmp_path / "loaded.json", "--jobs", "2")
    finally:
        for b in burners:
            os.kill(b.pid, signal.SIGKILL)
            b.join()
    report = tmp_path / "plugin.json"
    proc = subprocess.run([sys.executable, "-m", "pytest", str(EXAMPLES), "-n", "2", "-q",
                           "-p", "no:cacheprovider", f"--coherence-report={report}",
                           "--rootdir", str(tmp_path)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=1800)
    assert proc.returncode == 0, proc.stdout[-3000:]
    plugin = json.loads(report.read_text(encoding="utf-8"))
    assert _comparable(serial) == _comparable(loaded)
    # the plugin names files relative to its rootdir: compare by file name and line
    def by_name(rows: list[dict]) -> list[dict]:
        out = []
        for r in rows:
            r = dict(r)
            r["location"] = Path(r["location"]).name if r["location"] else None
            out.append(r)
        return sorted(out, key=lambda r: (r["location"] or "", r["id"]))
    assert by_name(_comparable(serial)) == by_name(_comparable(plugin))
    assert len(serial["results"]) > 100


X3 = claim("x3", for_all={"x": "Real"}, assuming="x > 0", then="x**3 != x + 1")


@pytest.mark.slow
@pytest.mark.parametrize("timeout", [0.1, 0.2, 0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0])
def test_a_false_claim_is_refuted_or_unknown_never_evidence_at_any_timeout(timeout):
    v = decide(X3, timeout=timeout)
    assert v.outcome.value in ("refuted", "unknown"), v
    if v.outcome.value == "unknown":
        assert "stopped by" in v.detail


def test_a_claim_a_seed_refutes_is_refuted_whatever_the_timeout():
    # attention-is-additive: a canonical seed refutes it; the symbolic simplification that
    # used to run first took longer than a short --timeout
    c = claim("additive", for_all={"X": "Matrix(2, 2)", "Y": "Matrix(2, 2)"},
              then="softmax((X + Y) @ (X + Y).T) @ (X + Y) == "
                   "softmax(X @ X.T) @ X + softmax(Y @ Y.T) @ Y")
    v = decide(c, timeout=3)
    assert v.outcome.value == "refuted" and v.method.startswith("canonical seeds")
    assert [name for name, _, _ in v.stages][:2] == ["reading the claim", "canonical seeds"]


def test_the_timeout_stop_names_the_stage_and_is_unknown():
    slow = claim("slow", given={"B": "(3**10000)**250"},
                 then="B * B * B * B * B * B * B * B * B * B * B * B > 0")
    v = decide(slow, timeout=0.5)
    assert v.outcome.value == "unknown"
    assert v.detail.startswith("stopped by the --timeout of 0.5 s")
    assert "reading the claim" in v.detail  # where it stopped, in the user's terms
