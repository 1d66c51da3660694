"""Reproducers from the hostile review of the merged round-2 main (each reason in a comment)."""

from __future__ import annotations

from pathlib import Path

import pytest
from coherence.checks.run import check_paths

pytestmark = pytest.mark.slow


def _verdicts(tmp_path: Path, text: str) -> dict[str, object]:
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    f = tmp_path / "r.claims.toml"
    f.write_text(text, encoding="utf-8")
    return {v.id: v for v in check_paths([f], timeout=60)}


def test_forall_exists_skips_outer_points_where_the_condition_is_undefined(tmp_path: Path) -> None:
    # 1/x == 1/x is undefined at x = 0 for every y (so x = 0 is not a point of the claim),
    # and true for every y at x = ±1, ±2: the claim holds; x = 0 is no counterexample.
    # sqrt(x) >= 0 is undefined for x < 0 and true for x >= 0: never refuted.
    vs = _verdicts(tmp_path, '''
[[claim]]
id = "recip"
for_all = { x = "Integer(-2, 2)" }
exists = { y = "Integer(0, 1)" }
then = "1/x == 1/x"

[[claim]]
id = "sqrt"
for_all = { x = "Real(-1, 1)" }
exists = { y = "Integer(0, 1)" }
then = "sqrt(x) >= 0"
''')
    assert vs["recip"].outcome.value == "proved", vs["recip"]
    assert vs["sqrt"].outcome.value != "refuted", vs["sqrt"]


def test_a_conjunction_of_vacuous_proofs_is_vacuous(tmp_path: Path) -> None:
    # x > 1 and x < 0 hold at no real x; log is undefined on -3..-1: both claims say nothing,
    # and must say so (vacuous: true, "vacuously" in the method) as their unsplit forms do.
    vs = _verdicts(tmp_path, '''
[[claim]]
id = "assume"
for_all = { x = "Real" }
assuming = ["x > 1", "x < 0"]
then = "x == 1 and x == 2"

[[claim]]
id = "log"
for_all = { x = "Integer(-3, -1)" }
then = "x < 0 and log(x) == 5"
''')
    for name in ("assume", "log"):
        v = vs[name]
        assert v.outcome.value == "proved" and v.vacuous, v
        assert v.method.startswith("vacuously"), v.method
