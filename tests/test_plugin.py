"""The pytest plugin, exercised on a throwaway research repo (pytester).

The repo has a claim file with passing, failing and erroring claims, and an unreadable
one. Everything runs through the real reader and ``decide`` with small, fast claims
(finite domains, decided exhaustively).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

pytest.importorskip("coherence.checks.decide")

LINEAR = """\
[source]
title = "a throwaway paper"

[[claim]]
id = "trivial"
then = "1 + 1 == 2"
expect = "proved"

[[claim]]
id = "squares-nonnegative"
for_all = { x = "Integer(-3, 3)" }
then = "x * x >= 0"
expect = "proved"

[[claim]]
id = "positive-eigen-symmetric"
statement = "every small integer matrix is symmetric"
for_all = { A = "Matrix(2, 2, Integer(-1, 1))" }
then = "A == A.T"
expect = "proved"

[[claim]]
id = "idempotent"
for_all = { x = "Integer(-3, 3)" }
then = "x * x == x"
expect = "refuted"

[[claim]]
id = "unknown-name"
then = "frobnicate(1) == 1"
expect = "proved"

[[claim]]
id = "bad-key"
then = "1 == 1"
expekt = "proved"
"""

BROKEN = '[[claim]]\nid = "x"\nthen = \n'

#: outcome of each claim item in LINEAR
EXPECTED = {
    "trivial": "passed",
    "squares-nonnegative": "passed",
    "positive-eigen-symmetric": "failed",
    "idempotent": "passed",
    "unknown-name": "failed",
    "bad-key": "failed",
}


@pytest.fixture(scope="module", autouse=True)
def _warm(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Import what deciding needs once, in this process: pytester's in-process runs
    restore ``sys.modules`` afterwards, so modules first imported inside a run (sympy, z3,
    hypothesis, the engines) would be imported again by every run."""
    import hypothesis  # noqa: F401 - its pytest plugin imports it at the end of every run
    from coherence.checks.claims import read_claim_file
    from coherence.checks.decide import decide

    path = tmp_path_factory.mktemp("warm") / "warm.claims.toml"
    path.write_text(LINEAR, encoding="utf-8")
    for claim in read_claim_file(path).claims:
        decide(claim, seed=0, timeout=10.0)


@pytest.fixture
def repo(pytester: pytest.Pytester) -> pytest.Pytester:
    claims = pytester.mkdir("claims")
    (claims / "linear.claims.toml").write_text(LINEAR, encoding="utf-8")
    (claims / "broken.claims.toml").write_text(BROKEN, encoding="utf-8")
    pytester.makepyfile(test_ordinary="def test_ordinary():\n    assert True\n")
    return pytester


def _outcomes(result: pytest.RunResult) -> dict[str, str]:
    out = {}
    for line in result.outlines:
        m = re.match(r"^claims/linear\.claims\.toml::(\S+) (PASSED|FAILED|ERROR)", line)
        if m:
            out[m.group(1)] = m.group(2).lower()
    return out


def _report(path: Path) -> list[dict]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return [{k: v for k, v in r.items() if k not in ("seconds", "budget_used")}
            for r in doc["results"]]


# -- one serial run, one parallel run: outcomes, failure text, errors, the JSON report ----
def test_serial_and_parallel_runs(repo):
    """Everything a full run shows, and the same verdicts under ``-n 2``."""
    serial = repo.runpytest("-v", "-rf", "--continue-on-collection-errors",
                            "--coherence-report=serial.json", "--junitxml=pytest-junit.xml")
    serial.assert_outcomes(passed=4, failed=4, errors=0)  # broken.claims.toml: one failed item
    assert _outcomes(serial) == EXPECTED
    serial.stdout.fnmatch_lines(["*test_ordinary.py::test_ordinary PASSED*"])
    text = serial.stdout.str()
    _check_failure_text(text)
    _check_error_text(text)
    _check_report(repo.path / "serial.json")
    _check_pytest_junit(repo.path / "pytest-junit.xml")

    pytest.importorskip("xdist")
    parallel = repo.runpytest_subprocess("-v", "-n", "2", "--continue-on-collection-errors",
                                         "--coherence-report=parallel.json")
    assert parallel.parseoutcomes() == serial.parseoutcomes()
    workers = {}
    for line in parallel.outlines:
        m = re.search(r"(PASSED|FAILED) claims/linear\.claims\.toml::(\S+)", line)
        if m:
            workers[m.group(2)] = m.group(1).lower()
    assert workers == EXPECTED
    # same verdicts, same witnesses, whichever worker decided each claim
    assert _report(repo.path / "serial.json") == _report(repo.path / "parallel.json")


def _check_failure_text(text: str) -> None:
    section = text.split("claim positive-eigen-symmetric _")[1].split("\n_")[0]
    lines = section.strip("_ \n").splitlines()
    assert re.fullmatch(r"refuted at A = \[\[-?\d, -?\d\], \[-?\d, -?\d\]\] "
                        r"\(expected proved\)", lines[0]), lines[0]
    # the witness laid out as a matrix, the method, the seed and how to reproduce
    assert any(re.match(r"^  witness    A = \[\[-?\d, -?\d\],$", ln) for ln in lines)
    assert any(re.match(r"^ {18}\[-?\d, -?\d\]\]", ln) for ln in lines)
    assert any(ln.startswith("  method     ") for ln in lines)
    assert "  seed       0" in lines
    assert ("  reproduce  coherence check claims/linear.claims.toml "
            "--only positive-eigen-symmetric --seed 0") in lines
    # pytest's short summary keeps the first line
    assert re.search(r"FAILED claims/linear.claims.toml::positive-eigen-symmetric"
                     r" - refuted at A = ", text)
    assert "Traceback" not in text and "checks/decide.py" not in text
    assert "checks/plugin.py" not in text


def _check_error_text(text: str) -> None:
    bad_key_line = LINEAR.splitlines().index('expekt = "proved"') + 1
    assert (f"error: claims/linear.claims.toml:{bad_key_line}: claim 'bad-key': expekt: "
            "expected a claim key") in text
    assert "(did you mean 'expect'?)" in text
    unknown = text.split("claim unknown-name _")[1].split("\n_")[0]
    assert unknown.strip("_ \n").startswith("error")
    assert "frobnicate" in unknown
    assert "claims/broken.claims.toml:3: expected valid TOML" in text


def _check_pytest_junit(path: Path) -> None:
    """pytest's own --junitxml shows the verdict's headline and no internal properties."""
    import xml.etree.ElementTree as ET

    text = path.read_text(encoding="utf-8")
    assert "coherence_verdict" not in text
    cases = {c.get("name"): c for c in ET.fromstring(text).iter("testcase")}
    failure = cases["positive-eigen-symmetric"].find("failure")
    assert failure.get("message").startswith("refuted at A = [[")
    assert "reproduce  coherence check" in failure.text
    assert cases["trivial"].find("failure") is None


def _check_report(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    results = {r["id"]: r for r in doc["results"]}
    assert set(results) == set(EXPECTED) | {"claims/broken.claims.toml"}
    assert results["trivial"]["verdict"] == "proved"
    assert results["idempotent"]["verdict"] == "refuted"
    assert results["idempotent"]["matches"] is True
    assert results["positive-eigen-symmetric"]["matches"] is False
    header = LINEAR.splitlines().index('id = "positive-eigen-symmetric"')  # 1-based: line above
    assert results["positive-eigen-symmetric"]["location"] == f"claims/linear.claims.toml:{header}"
    assert results["claims/broken.claims.toml"]["verdict"] == "error"
    assert results["claims/broken.claims.toml"]["location"] == "claims/broken.claims.toml:3"
    assert doc["summary"]["error"] == 3 and doc["tool"] == "coherence"


# -- collection -----------------------------------------------------------------------
def test_unreadable_file_is_one_failed_item_at_file_line(repo):
    """Not a collection error: pytest would interrupt the session and run no claim at all."""
    result = repo.runpytest("-rf", "claims/broken.claims.toml", "claims/linear.claims.toml")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([
        "claims/broken.claims.toml F*",
        "error: claims/broken.claims.toml:3: expected valid TOML, got *",
        "FAILED claims/broken.claims.toml::<unreadable> - error: claims/broken.claims*",
    ])
    assert "Interrupted" not in result.stdout.str()
    assert "Traceback" not in result.stdout.str()
    assert result.parseoutcomes()["passed"] >= 1


def test_reportinfo_points_at_the_claim_line(repo):
    items, _ = repo.inline_genitems("claims/linear.claims.toml")
    by_name = {item.name: item for item in items}
    assert list(by_name) == list(EXPECTED)  # file order
    # reportinfo's line is 0-based: the [[claim]] header sits just above the id
    header = LINEAR.splitlines().index('id = "trivial"') - 1
    assert by_name["trivial"].location == ("claims/linear.claims.toml", header, "claim trivial")
    assert all(item.get_closest_marker("coherence") for item in items)


def test_disabled_plugin_collects_no_claims(repo):
    for args in (["-p", "no:coherence"], ["--no-coherence"]):
        result = repo.runpytest("--collect-only", "-q", *args)
        assert result.ret == pytest.ExitCode.OK  # no collection error for broken.claims.toml
        assert result.stdout.lines[0] == "test_ordinary.py::test_ordinary"
        assert "claims" not in result.stdout.str()


def test_file_glob_is_an_ini_option(pytester):
    pytester.makeini("[pytest]\ncoherence_files = *.math.toml\n")
    pytester.makefile(".math.toml", paper='[[claim]]\nid = "c"\nthen = "2 * 3 == 6"\n')
    pytester.makefile(".claims.toml", ignored='[[claim]]\nid = "d"\nthen = "1 == 2"\n')
    result = pytester.runpytest("-v")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*paper.math.toml::c PASSED*"])


def test_markers_are_registered(repo):
    result = repo.runpytest("--markers")
    result.stdout.fnmatch_lines(["@pytest.mark.coherence:*", "@pytest.mark.coherence_slow:*"])


# -- selection and options -------------------------------------------------------------
def test_select_by_id_with_k_and_seed_option(repo):
    result = repo.runpytest("-v", "-k", "positive-eigen", "claims/linear.claims.toml",
                            "--coherence-seed=7", "--coherence-report=r.json")
    result.assert_outcomes(failed=1, deselected=5)
    assert _outcomes(result) == {"positive-eigen-symmetric": "failed"}
    assert "--only positive-eigen-symmetric --seed 7" in result.stdout.str()
    (verdict,) = _report(repo.path / "r.json")
    assert verdict["seed"] == 7 and verdict["id"] == "positive-eigen-symmetric"


def test_reruns_and_slow_marker_use_the_cache(repo):
    repo.makeini("[pytest]\ncoherence_slow_seconds = 0\n")
    failing = {k for k, v in EXPECTED.items() if v == "failed"}
    repo.runpytest("claims/linear.claims.toml")  # records failures and durations
    result = repo.runpytest("claims/linear.claims.toml", "--lf", "-v")
    assert set(_outcomes(result)) == failing
    result = repo.runpytest("claims/linear.claims.toml", "--ff", "-v", "-k",
                            "trivial or positive-eigen")
    assert list(_outcomes(result)) == ["positive-eigen-symmetric", "trivial"]
    # every claim took longer than 0 s last time, so all carry coherence_slow now
    result = repo.runpytest("claims/linear.claims.toml", "-m", "not coherence_slow")
    result.assert_outcomes(deselected=6)


# -- assertion helpers in ordinary tests -----------------------------------------------
def test_assertion_helpers_fail_as_plain_assertion_errors(pytester):
    pytester.makepyfile(test_helpers="""
        from coherence.checks import assert_holds, assert_proved, assert_refuted, claim

        SQUARES = claim("squares", for_all={"x": "Integer(-2, 2)"}, then="x * x >= 0")
        IDEM = claim("idem", for_all={"x": "Integer(-2, 2)"}, then="x * x == x")

        def test_proved():
            assert assert_proved(SQUARES).outcome.value == "proved"
            assert_holds(SQUARES)

        def test_refuted():
            v = assert_refuted(IDEM)
            assert v.witness

        def test_fails():
            assert_proved(IDEM)
    """)
    result = pytester.runpytest("-rf")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.re_match_lines([r"E +coherence.checks.ClaimFailed: refuted at x = -?\d+ "
                                  r"\(expected proved\)$",
                                  r"E +claim +idem +\(<python>\)$"])


# -- the project's own suite --------------------------------------------------------------
def test_no_claim_file_in_tests_is_collected_by_the_project_suite(request):
    from coherence.checks.plugin import _matches

    tests = Path(__file__).parent
    collected = [p for p in tests.rglob("*") if p.is_file() and _matches(p, request.config)]
    assert collected == [], "claim files under tests/ would run as project tests"


def test_coherence_report_path_is_checked_before_any_claim(repo):
    repo.mkdir("a-folder")
    result = repo.runpytest("claims/linear.claims.toml", "--coherence-report=a-folder")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--coherence-report a-folder: expected a writable file, "
                                 "got a folder*"])
    assert "PASSED" not in result.stdout.str() and "Traceback" not in result.stderr.str()
    # a missing folder is created
    result = repo.runpytest("claims/linear.claims.toml", "-k", "trivial",
                            "--coherence-report=new/deeper/r.json")
    assert [v["id"] for v in _report(repo.path / "new" / "deeper" / "r.json")] == ["trivial"]
