"""``coherence check``: snapshot tests of the exact text users see, formats, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from coherence.checks.cli import main

SNAPSHOT_CLAIMS = '''[source]
title = "Snapshot"

[[claim]]
id = "positive-eigenvalues-symmetric"
where = "§6.2.2"
statement = "A real matrix whose eigenvalues are real and positive is symmetric"
for_all = { A = "Matrix(2, 2)" }
assuming = "eigenvalues_real_positive(A)"
then = "A == A.T"
expect = "refuted"

[[claim]]
id = "det-multiplicative"
for_all = { A = "Matrix(2, 2)", B = "Matrix(2, 2)" }
then = "det(A @ B) == det(A) * det(B)"
expect = "proved"

[[claim]]
id = "sweedler-s2"
given = { H = "structure('sweedler')" }
then = "compose(S, S) == id"
expect = "refuted"

[[claim]]
id = "typo"
for_all = { x = "Real" }
then = "sqrtt(x) >= 0"
expect = "error"
'''

# The default report: one line per claim; a full block only for errors (and for verdicts
# that miss their expect: none here).
SNAPSHOT = '''FILE:4: refuted positive-eigenvalues-symmetric (canonical seeds, re-checked exactly, T s)
FILE:13: proved det-multiplicative (exact simplification: lhs − rhs = 0 identically, T s)
FILE:19: refuted sweedler-s2 (identity of linear maps checked on all 4 basis elements, T s)
FILE:28: error typo
  error      claim 'typo': then, column 1: expected a known function, got 'sqrtt' (did you mean 'sqrt'?)

4 claims: 1 proved, 2 refuted, 1 error — all as expected (exit 0)
'''

# -v: every block.
SNAPSHOT_VERBOSE = '''FILE:4: refuted positive-eigenvalues-symmetric (canonical seeds, re-checked exactly, T s)
  statement  A real matrix whose eigenvalues are real and positive is symmetric
  witness    A = [[1, 1],
                  [0, 1]]
  lhs        [[1, 1],
              [0, 1]]
  rhs        [[1, 0],
              [1, 1]]
  found by   canonical seeds, seed 0; confirmed exactly; eigenvalues of A: 1, 1
  samples    4
  reproduce  coherence check FILE --only positive-eigenvalues-symmetric --seed 0
  budget     N% of the --timeout used
  stage      reading the claim: done (T s)
  stage      canonical seeds: hit after 4 points (T s)
  stage      shrinking: 0 steps (T s)
FILE:13: proved det-multiplicative (exact simplification: lhs − rhs = 0 identically, T s)
  statement  det(A @ B) == det(A) * det(B)
  reproduce  coherence check FILE --only det-multiplicative --seed 0
  budget     N% of the --timeout used
  stage      reading the claim: done (T s)
  stage      canonical seeds: 400 points (T s)
  stage      exact simplification: proved (T s)
FILE:19: refuted sweedler-s2 (identity of linear maps checked on all 4 basis elements, T s)
  statement  compose(S, S) == id
  witness    v = x
  lhs        S∘S(x) = -x
  rhs        id(x) = x
  reproduce  coherence check FILE --only sweedler-s2 --seed 0
  budget     N% of the --timeout used
  stage      reading the claim: done (T s)
  stage      exact evaluation: done (T s)
FILE:28: error typo
  error      claim 'typo': then, column 1: expected a known function, got 'sqrtt' (did you mean 'sqrt'?)
  budget     N% of the --timeout used
  stage      reading the claim: stopped (T s)

4 claims: 1 proved, 2 refuted, 1 error — all as expected (exit 0)
'''


@pytest.fixture()
def claims_file(tmp_path: Path) -> Path:
    p = tmp_path / "snap.claims.toml"
    p.write_text(SNAPSHOT_CLAIMS, encoding="utf-8")
    return p


def _normal(text: str, path: Path) -> str:
    text = text.replace(str(path), "FILE")
    text = re.sub(r"budget(\s+)\d+%", r"budget\1N%", text)  # a share of the wall clock
    return re.sub(r"\d+\.\d\d s\)", "T s)", text)


def test_text_snapshot(claims_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(claims_file)])
    out = capsys.readouterr()
    assert code == 0
    assert _normal(out.out, claims_file) == SNAPSHOT
    assert out.err == ""  # no progress bar when stderr is not a terminal


def test_text_snapshot_verbose(claims_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(claims_file), "-v"]) == 0
    assert _normal(capsys.readouterr().out, claims_file) == SNAPSHOT_VERBOSE


def test_quiet_shows_only_what_missed_and_the_summary(
        claims_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(claims_file), "-q"]) == 0
    assert capsys.readouterr().out == ("4 claims: 1 proved, 2 refuted, 1 error — all as expected"
                                       " (exit 0)\n")


def test_mismatch_exits_1_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "m.claims.toml"
    p.write_text('[[claim]]\nid = "wrong"\nfor_all = { x = "Real" }\nthen = "x ** 2 >= x"\n'
                 'expect = "proved"\n', encoding="utf-8")
    assert main(["check", str(p)]) == 1
    out = _normal(capsys.readouterr().out, p)
    assert out.splitlines()[0] == ("FILE:1: refuted wrong (canonical seeds, re-checked exactly, "
                                   "T s) — expected proved")
    assert out.rstrip().endswith("1 claim: 1 refuted — 1 not as expected (exit 1)")


def test_unreadable_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "bad.claims.toml"
    p.write_text('[[claim]]\nid = "a"\nthen = "x\n', encoding="utf-8")
    assert main(["check", str(p), str(tmp_path / "missing.claims.toml")]) == 2
    captured = capsys.readouterr()
    out = captured.out.replace(str(tmp_path), "DIR")
    assert any(line.startswith("DIR/bad.claims.toml:3: unreadable: expected valid TOML")
               for line in out.splitlines())
    assert "DIR/missing.claims.toml: unreadable: expected a claim file" in out
    assert out.rstrip().endswith("0 claims — 2 inputs unreadable (exit 2)")
    assert "coherence: " in captured.err


def test_json_output_file_and_only(claims_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    code = main(["check", str(claims_file), "--format", "json", "--output", str(out),
                 "--only", "sweedler-s2", "--seed", "5"])
    assert code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in doc["results"]] == ["sweedler-s2"]
    r = doc["results"][0]
    assert (r["verdict"], r["witness"], r["seed"], r["matches"]) == ("refuted", {"v": "x"}, 5, True)
    assert r["location"].endswith("snap.claims.toml:19")


def test_only_with_unknown_id_suggests(claims_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(claims_file), "--only", "sweedler-S2"]) == 2
    assert "did you mean 'sweedler-s2'?" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["junit", "markdown"])
def test_other_formats(claims_file: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    assert main(["check", str(claims_file), "--format", fmt, "--only", "sweedler-s2"]) == 0
    assert "sweedler-s2" in capsys.readouterr().out


def test_folders_are_searched(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sub = tmp_path / "nested"
    sub.mkdir()
    (sub / "one.claims.toml").write_text('[[claim]]\nid = "a"\nthen = "1 < 2"\n', encoding="utf-8")
    (sub / "ignored.toml").write_text("not a claim file", encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("1 claim: 1 proved — all as expected (exit 0)")
