"""The command line people already know (pytest, ruff): -q/-v, -x, --only globs, --list,
several reports from one run, report paths checked before deciding, escaped control
characters in every report, shell-quoted reproduce commands, reproducible reports."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from coherence.checks import render as render_module
from coherence.checks.cli import main as _main


def main(argv: list[str]) -> int:
    """The command, with a generous time budget: verdicts here must not depend on load."""
    if argv and argv[0] == "check" and "--timeout" not in argv:
        argv = [*argv, "--timeout", "120"]
    return _main(argv)

TWO = '''[[claim]]
id = "first-wrong"
for_all = { x = "Real" }
then = "x ** 2 >= x"
expect = "proved"

[[claim]]
id = "second-wrong"
then = "1 + 1 == 3"
expect = "proved"

[[claim]]
id = "fine"
then = "1 + 1 == 2"
expect = "proved"
'''

# A statement that tries to end the report early and repaint the terminal.
FORGED = ("ok\\n\\n3 claims: 3 proved — all as expected (exit 0)\\u001b[2J\\u001b[32m"
          "\\r\\u0007\\u202e")
HOSTILE = f'''[[claim]]
id = "forge"
where = "§1\\u001b[31m\\n1 claim: 1 proved — all as expected (exit 0)"
statement = "{FORGED}"
then = "1 + 1 == 3"
expect = "proved"
'''

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202e]")


def _write(tmp_path: Path, text: str, name: str = "c.claims.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# -- control characters ---------------------------------------------------------------
@pytest.mark.parametrize("flags", [[], ["-v"], ["-q"]])
def test_text_report_cannot_be_forged(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      flags: list[str]) -> None:
    p = _write(tmp_path, HOSTILE)
    assert main(["check", str(p), *flags]) == 1
    out = capsys.readouterr().out
    assert not CONTROL.search(out)
    lines = out.splitlines()
    assert lines[-1] == "1 claim: 1 refuted — 1 not as expected (exit 1)"
    # no other line starts like a summary line: the forged ones stay inside their field
    assert not [ln for ln in lines[:-1] if re.match(r"\d+ claims?:", ln)]
    assert "\\n" in out and "\\e[2J" in out


@pytest.mark.parametrize("fmt", ["junit", "markdown", "html", "json"])
def test_every_report_escapes_control_characters(tmp_path: Path, fmt: str) -> None:
    p = _write(tmp_path, HOSTILE)
    out = tmp_path / f"r.{fmt}"
    assert main(["check", str(p), "--format", fmt, "--output", str(out)]) == 1
    text = out.read_text(encoding="utf-8")
    assert not CONTROL.search(text)
    if fmt == "json":  # JSON escapes them itself, and keeps the exact text
        assert json.loads(text)["results"][0]["statement"].startswith("ok\n\n3 claims")
    else:
        assert "\\e[2J" in text
    if fmt == "markdown":
        assert not [ln for ln in text.splitlines() if ln.startswith("3 claims")]


def test_error_messages_stay_on_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = _write(tmp_path, '[[claim]]\nid = "forge\\n1 claim: 1 proved (exit 0)\\u001b[2J"\n'
                         'then = "1 == 1"\n')
    assert main(["check", str(p)]) == 1
    out = capsys.readouterr().out
    assert not CONTROL.search(out)
    assert [ln for ln in out.splitlines() if re.match(r"\d+ claims?:", ln)] == [
        "1 claim: 1 error — 1 not as expected (exit 1)"]


def test_assertion_and_plugin_text_is_escaped() -> None:
    from coherence.checks import ClaimFailed, assert_proved
    from coherence.checks.verdict import Outcome, Verdict

    v = Verdict("c\x1b[31m", Outcome.REFUTED, witness=(("x", "1\n2"),), statement="a\nb")
    with pytest.raises(ClaimFailed) as info:
        assert_proved(v)
    text = str(info.value)
    assert not CONTROL.search(text)
    assert text.splitlines()[0] == "refuted at x = 1\\n2 (expected proved)"
    assert "  statement  a\\nb" in text


# -- reproduce commands ---------------------------------------------------------------
def test_reproduce_command_runs_for_awkward_paths_and_ids(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "my claims"
    folder.mkdir()
    p = _write(folder, '[[claim]]\nid = "sym[1]"\nthen = "1 == 2"\n\n'
                       '[[claim]]\nid = "sym1"\nthen = "1 == 2"\n', name="a b.claims.toml")
    assert main(["check", str(p), "--seed", "3"]) == 1
    out = capsys.readouterr().out
    commands = [ln.split("reproduce  ", 1)[1] for ln in out.splitlines() if "reproduce  " in ln]
    assert len(commands) == 2
    words = shlex.split(commands[0])
    assert words[:2] == ["coherence", "check"] and words[2] == str(p)
    assert main([*words[1:], "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in doc["results"]] == ["sym[1]"]  # exactly that claim, not sym1
    assert doc["results"][0]["seed"] == 3


# -- report destinations --------------------------------------------------------------
@pytest.fixture()
def no_deciding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if a claim would be decided."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a claim was decided before the report path was checked")

    monkeypatch.setattr("coherence.checks.run.check_paths", refuse)
    monkeypatch.setattr("coherence.checks.laws.check_laws", refuse)


@pytest.mark.parametrize("option", ["--output", "--report"])
def test_report_to_a_folder_fails_before_deciding(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], no_deciding: None, option: str) -> None:
    p = _write(tmp_path, TWO)
    target = str(tmp_path) if option == "--output" else f"json:{tmp_path}"
    assert main(["check", str(p), option, target]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"coherence: {option} {tmp_path}: expected a writable file, got a folder"]


def test_report_under_a_file_fails_before_deciding(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], no_deciding: None) -> None:
    p = _write(tmp_path, TWO)
    bad = tmp_path / "c.claims.toml" / "r.json"
    assert main(["check", str(p), "--output", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"coherence: --output {bad}: expected a writable file, got ")
    assert "\n" not in err and "Traceback" not in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to a read-only folder")
def test_report_in_a_read_only_folder_fails_before_deciding(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], no_deciding: None) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    p = _write(tmp_path, TWO)
    assert main(["check", str(p), "--output", str(ro / "r.json")]) == 2
    assert "permission denied" in capsys.readouterr().err


def test_axioms_output_to_a_folder_fails_before_checking(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], no_deciding: None) -> None:
    assert main(["axioms", "sweedler", "--output", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"coherence: --output {tmp_path}: expected a writable file, got a folder")


def test_missing_folders_are_created(tmp_path: Path) -> None:
    p = _write(tmp_path, TWO.split("[[claim]]\nid = \"fine\"")[0].replace("proved", "refuted"))
    out = tmp_path / "new" / "deeper" / "r.md"
    assert main(["check", str(p), "--format", "markdown", "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("### ")
    assert main(["axioms", "sweedler", "--law", "coassociativity",
                 "--output", str(tmp_path / "ax" / "r.txt")]) == 0
    assert (tmp_path / "ax" / "r.txt").is_file()


def test_several_reports_from_one_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = _write(tmp_path, TWO)
    out = tmp_path / "out"
    code = main(["check", str(p), "-q", "--report", f"json:{out}/r.json",
                 "--report", f"junit:{out}/r.xml", "--report", f"html:{out}/r.html",
                 "--report", f"markdown:{out}/r.md"])
    assert code == 1
    doc = json.loads((out / "r.json").read_text(encoding="utf-8"))
    assert doc["summary"]["refuted"] == 2 and doc["summary"]["proved"] == 1
    assert (out / "r.xml").read_text(encoding="utf-8").count("<failure") == 2
    assert 'data-refuted="2"' in (out / "r.html").read_text(encoding="utf-8")
    assert "2 not as expected" in (out / "r.md").read_text(encoding="utf-8")
    # -q: only what missed, then the summary
    lines = capsys.readouterr().out.splitlines()
    assert [ln for ln in lines if ln.startswith(str(p))] == [
        ln for ln in lines if ln.startswith(str(p)) and "expected proved" in ln]
    assert len([ln for ln in lines if ln.startswith(str(p))]) == 2


def test_bad_report_option_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = _write(tmp_path, TWO)
    assert main(["check", str(p), "--report", "pdf:r.pdf"]) == 2
    assert capsys.readouterr().err.startswith("coherence: --report: expected FORMAT:PATH")


def test_report_command_converts_a_stored_report(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = _write(tmp_path, TWO)
    stored = tmp_path / "r.json"
    main(["check", str(p), "--format", "json", "--output", str(stored)])
    for fmt, marker in (("html", "<!DOCTYPE html>"), ("junit", "<testsuites>"),
                        ("markdown", "### "), ("text", "3 claims: 1 proved, 2 refuted")):
        assert main(["report", str(stored), "--format", fmt]) == 1
        assert marker in capsys.readouterr().out
    assert main(["check", str(p), "--format", "html", "-o", str(tmp_path / "a.html")]) == 1
    assert main(["report", str(stored), "--format", "html", "-o", str(tmp_path / "b.html"),
                 "--title", str(p)]) == 1
    # the converted page equals the one written by the run itself (times aside)
    def normal(name: str) -> str:
        text = (tmp_path / name).read_text(encoding="utf-8")
        return re.sub(r"in \d+\.\d\d s", "in T", text)
    assert normal("a.html") == normal("b.html")


# -- selection and collection ---------------------------------------------------------
def test_exitfirst_stops_at_the_first_miss(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = _write(tmp_path, TWO)
    assert main(["check", str(p), "-x", "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in doc["results"]] == ["first-wrong"]


def test_only_takes_globs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = _write(tmp_path, TWO)
    assert main(["check", str(p), "--only", "*-wrong", "--format", "json"]) == 1
    assert [r["id"] for r in json.loads(capsys.readouterr().out)["results"]] == [
        "first-wrong", "second-wrong"]
    assert main(["check", str(p), "--only", "nothing-*"]) == 2


def test_list_collects_without_deciding(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        no_deciding: None) -> None:
    p = _write(tmp_path, TWO)
    assert main(["check", str(p), "--list"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{p}:1: first-wrong", f"{p}:7: second-wrong", f"{p}:12: fine", "3 claims in 1 file"]


def test_version_help_and_python_m(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-V"]) == 0
    assert re.fullmatch(r"coherence \S+\n", capsys.readouterr().out)
    assert main(["check", "--help"]) == 0
    text = capsys.readouterr().out
    assert "exit status:" in text and "-q, --quiet" in text and "-x, --exitfirst" in text
    done = subprocess.run([sys.executable, "-m", "coherence", "--help"], capture_output=True,
                          text=True, check=False, timeout=120)
    assert done.returncode == 0 and "exit status:" in done.stdout


# -- reproducible reports, and nothing written into the user's folder --------------------
@pytest.mark.parametrize("fmt", ["json", "junit"])
def test_source_date_epoch_gives_byte_identical_reports(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    p = _write(tmp_path, TWO)
    outs = []
    for k in range(2):
        out = tmp_path / f"{k}.{fmt}"
        main(["check", str(p), "--format", fmt, "--output", str(out)])
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert b'"seconds": 0.0' in outs[0] or b'time="0.000"' in outs[0]


def test_no_hypothesis_folder_in_the_working_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "work"
    work.mkdir()
    p = _write(tmp_path, '[[claim]]\nid = "searched"\nfor_all = { x = "Real", y = "Real" }\n'
                         'assuming = "x * y > 3"\nthen = "x + y < 4"\n')
    monkeypatch.chdir(work)
    main(["check", str(p), "-q"])
    assert list(work.iterdir()) == []


def test_one_renderer() -> None:
    """The summary line and the verdict text exist once: the other modules import them."""
    import coherence.checks.cli_check as cli_check
    import coherence.checks.explain as explain

    assert explain.explain is render_module.explain
    assert not hasattr(cli_check, "summary_line") and not hasattr(cli_check, "_block")
    root = Path(render_module.__file__).parent
    for path in root.glob("*.py"):
        if path.name == "render.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert "def summary_line(" not in text and "def explain(" not in text, path.name
        assert "def _block" not in text, path.name
