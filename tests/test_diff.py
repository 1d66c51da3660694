"""``coherence diff``: comparing two JSON reports, and the exit code CI relies on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from coherence.algebra.errors import InputError
from coherence.checks import cli
from coherence.checks.diff import diff_verdicts, read_report, render_diff
from coherence.checks.verdict import Location, Outcome, Verdict, report_json

A = Location("claims/a.claims.toml", 3)
B = Location("claims/b.claims.toml", 5)


def _v(id_: str, outcome: Outcome, loc: Location | None = A, **kw) -> Verdict:
    return Verdict(id_, outcome, location=loc, **kw)


def _write(path: Path, verdicts: list[Verdict]) -> str:
    path.write_text(report_json(verdicts, "0.1.0"), encoding="utf-8")
    return str(path)


BASE = [
    _v("sym", Outcome.PROVED, method="z3"),
    _v("eig", Outcome.REFUTED, witness=(("A", "[[1, 1], [0, 1]]"),)),
    _v("ev", Outcome.EVIDENCE, samples=500),
    _v("unk", Outcome.UNKNOWN),
    _v("sym", Outcome.PROVED, loc=B),  # same id, other file: a different claim
]


def test_identical_reports_have_no_changes():
    d = diff_verdicts(BASE, BASE)
    assert d.changes == () and d.unchanged == 5 and not d.failed


def test_lines_moving_is_not_a_change():
    moved = [v.with_(location=Location(v.location.file, v.location.line + 10)) for v in BASE]
    assert diff_verdicts(BASE, moved).changes == ()


@pytest.mark.parametrize(
    ("index", "new_outcome", "fails"),
    [
        (0, Outcome.UNKNOWN, True),    # proved -> unknown breaks a promise
        (0, Outcome.REFUTED, True),
        (1, Outcome.PROVED, True),     # refuted -> proved: one of them was wrong
        (1, Outcome.EVIDENCE, True),
        (2, Outcome.PROVED, False),    # evidence -> proved is progress
        (2, Outcome.REFUTED, False),   # reported, but evidence promised nothing
        (3, Outcome.ERROR, False),
    ],
)
def test_only_a_changed_promise_fails(index, new_outcome, fails):
    new = list(BASE)
    new[index] = new[index].with_(outcome=new_outcome, witness=None)
    d = diff_verdicts(BASE, new)
    assert [c.kind for c in d.changes] == ["changed"]
    assert d.changes[0].old.outcome is BASE[index].outcome
    assert d.changes[0].new.outcome is new_outcome
    assert d.failed is fails


def test_the_same_id_in_another_file_is_matched_separately():
    new = list(BASE)
    new[4] = new[4].with_(outcome=Outcome.UNKNOWN)
    d = diff_verdicts(BASE, new)
    assert [c.key for c in d.failures] == ["claims/b.claims.toml::sym"]


def test_new_witness_is_reported_but_allowed():
    new = list(BASE)
    new[1] = new[1].with_(witness=(("A", "[[2, 1], [0, 2]]"),))
    d = diff_verdicts(BASE, new)
    assert [c.kind for c in d.changes] == ["witness"] and not d.failed
    assert "(was at A = [[1, 1], [0, 1]])" in str(d.changes[0])


def test_appeared_and_disappeared():
    new = [*BASE[1:], _v("fresh", Outcome.PROVED)]
    d = diff_verdicts(BASE, new)
    assert [(c.kind, c.key) for c in d.changes] == [
        ("appeared", "claims/a.claims.toml::fresh"),
        ("disappeared", "claims/a.claims.toml::sym"),
    ]
    assert not d.failed
    assert diff_verdicts(BASE, new, strict=True).failed


def test_repeated_ids_in_one_file_are_numbered():
    old = [_v("c", Outcome.PROVED), _v("c", Outcome.PROVED)]
    new = [_v("c", Outcome.PROVED), _v("c", Outcome.UNKNOWN)]
    assert [c.key for c in diff_verdicts(old, new).failures] == ["claims/a.claims.toml::c#2"]


def test_render_formats():
    new = list(BASE)
    new[0] = new[0].with_(outcome=Outcome.UNKNOWN)
    d = diff_verdicts(BASE, new)
    text = render_diff(d)
    assert text.splitlines()[0].startswith("FAIL  changed")
    assert "proved → unknown" in text
    assert text.splitlines()[-1] == (
        "1 changed, 4 unchanged — 1 proved/refuted verdict changed (exit 1)")
    doc = json.loads(render_diff(d, "json"))
    assert doc["failed"] is True and doc["changes"][0]["failure"] is True
    assert doc["changes"][0]["old"]["verdict"] == "proved"
    md = render_diff(d, "markdown")
    assert "| ❌ | changed | `claims/a.claims.toml::sym` | proved | unknown |" in md
    with pytest.raises(InputError, match="did you mean 'json'"):
        render_diff(d, "jsn")


# -- reading reports ------------------------------------------------------------------
def test_read_report_round_trips(tmp_path):
    path = _write(tmp_path / "r.json", BASE)
    assert read_report(path) == tuple(BASE)


def test_bad_json_points_at_the_line(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"results": [\n  {"id": "a",\n  oops}\n]}\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_report(bad)
    assert info.value.file == str(bad) and info.value.line == 3


def test_wrong_shape_is_an_input_error(tmp_path):
    bad = tmp_path / "list.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InputError, match="expected a coherence JSON report"):
        read_report(bad)


# -- the command ----------------------------------------------------------------------
def test_cli_exit_codes(tmp_path, capsys):
    old = _write(tmp_path / "old.json", BASE)
    same = _write(tmp_path / "same.json", BASE)
    worse = list(BASE)
    worse[1] = worse[1].with_(outcome=Outcome.UNKNOWN, witness=None)
    new = _write(tmp_path / "new.json", worse)
    assert cli.main(["diff", old, same]) == 0
    assert "no proved or refuted verdict changed (exit 0)" in capsys.readouterr().out
    assert cli.main(["diff", old, new]) == 1
    out = capsys.readouterr().out
    assert "FAIL  changed" in out and "refuted at A = [[1, 1], [0, 1]] → unknown" in out
    assert cli.main(["diff", old, str(tmp_path / "missing.json")]) == 2
    assert "expected a readable JSON report, got no such file" in capsys.readouterr().err


def test_cli_output_file_and_strict(tmp_path, capsys):
    old = _write(tmp_path / "old.json", BASE)
    fewer = _write(tmp_path / "fewer.json", BASE[1:])
    out = tmp_path / "diff.md"
    assert cli.main(["diff", old, fewer, "--format", "markdown", "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("### coherence: verdicts against")
    assert capsys.readouterr().out == ""
    assert cli.main(["diff", old, fewer, "--strict"]) == 1
