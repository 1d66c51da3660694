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
    result = check_paths(paths, timeout=8.0, **kw)  # type: ignore[arg-type]
    text = render(result.verdicts, "json")
    return re.sub(r'"seconds": [0-9.e-]+', '"seconds": 0', text)


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
