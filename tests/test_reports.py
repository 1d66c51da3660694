"""The JUnit XML and Markdown reports, and the verdict explanation they share."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from coherence.checks import render as render_module
from coherence.checks import report_junit, report_markdown
from coherence.checks.explain import explain, layout_value, reproduce_command
from coherence.checks.verdict import Location, Outcome, Verdict

xmlschema = pytest.importorskip("xmlschema")

XSD = Path(__file__).parent / "data" / "junit.xsd"
STAMP = "2026-01-02T03:04:05"


@pytest.fixture(scope="module")
def schema():
    return xmlschema.XMLSchema(str(XSD))


def _verdicts() -> list[Verdict]:
    a = Location("claims/linear.claims.toml", 4)
    b = Location("claims/hopf.claims.toml", 9)
    return [
        Verdict("symmetric-part", Outcome.PROVED, method="z3: negation unsat", location=a,
                expect="proved", seed=0, seconds=0.25),
        Verdict("positive-eigen", Outcome.REFUTED, method="exhaustive small integers",
                witness=(("A", "[[1, 1], [0, 1]]"),), lhs="[[1, 1], [0, 1]]",
                rhs="[[1, 0], [1, 1]]", location=a, expect="proved", seed=0, shrink_steps=2),
        Verdict("bad <claim> & \"quotes\"", Outcome.ERROR, location=a,
                detail="expected a matrix, got 'x < 1 & y | z'\x07", expect="proved"),
        Verdict("antipode", Outcome.EVIDENCE, detail="500 samples, seed 0", location=b,
                expect="holds", samples=500, seed=0),
        Verdict("order-of-S", Outcome.UNKNOWN, detail="z3 timed out after 10 s", location=b,
                expect="proved"),
        Verdict("expected-error", Outcome.ERROR, detail="no such name", location=b,
                expect="error"),
        Verdict("S∘S = id", Outcome.REFUTED, witness=(("v", "x"),), lhs="-x", rhs="x"),
    ]


# -- JUnit ------------------------------------------------------------------------------
def test_junit_is_valid_against_the_schema(schema):
    xml = report_junit.render(_verdicts(), title="laws", timestamp=STAMP)
    schema.validate(xml)  # raises on any violation


def test_empty_and_unlocated_reports_are_valid(schema):
    schema.validate(report_junit.render([], timestamp=STAMP))
    schema.validate(report_junit.render(_verdicts()[-1:], timestamp=STAMP))


def test_the_schema_is_not_vacuous(schema):
    xml = report_junit.render(_verdicts(), timestamp=STAMP)
    assert not schema.is_valid(xml.replace(' hostname="localhost"', ""))
    assert not schema.is_valid(xml.replace("<system-err></system-err>", ""))
    assert not schema.is_valid(xml.replace('type="refuted"', ""))


def test_junit_counts_failures_and_errors_per_file():
    root = ET.fromstring(report_junit.render(_verdicts(), title="laws", timestamp=STAMP))
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert list(suites) == ["claims/linear.claims.toml", "claims/hopf.claims.toml", "laws"]
    linear, hopf, laws = suites.values()
    assert (linear.get("tests"), linear.get("failures"), linear.get("errors")) == ("3", "1", "1")
    # evidence meets "holds" and error meets "error"; unknown against "proved" fails
    assert (hopf.get("tests"), hopf.get("failures"), hopf.get("errors")) == ("3", "1", "0")
    # without an expect a refuted law fails
    assert laws.get("failures") == "1"
    assert [s.get("id") for s in suites.values()] == ["0", "1", "2"]
    assert linear.get("package") == "claims.linear"


def test_junit_failure_carries_headline_and_explanation():
    root = ET.fromstring(report_junit.render(_verdicts(), timestamp=STAMP))
    cases = {c.get("name"): c for c in root.iter("testcase")}
    failure = cases["positive-eigen"].find("failure")
    assert failure.get("type") == "refuted"
    assert failure.get("message") == "refuted at A = [[1, 1], [0, 1]] (expected proved)"
    assert "[0, 1]]" in failure.text and "exhaustive small integers" in failure.text
    assert "coherence check claims/linear.claims.toml --only positive-eigen" in failure.text
    error = cases['bad <claim> & "quotes"'].find("error")
    assert error.get("type") == "error" and "\x07" not in error.get("message")
    assert cases["symmetric-part"].find("failure") is None
    assert cases["symmetric-part"].get("classname") == "claims.linear"
    assert cases["symmetric-part"].get("time") == "0.250"


def test_junit_timestamp_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    xml = report_junit.render(_verdicts())
    assert 'timestamp="1970-01-01T00:00:00"' in xml
    assert report_junit.render(_verdicts()) == xml


def test_render_delegates_junit_and_markdown():
    vs = _verdicts()
    assert render_module.render(vs, "junit").startswith("<?xml")
    assert render_module.render(vs, "markdown", title="T") == report_markdown.render(vs, title="T")


# -- Markdown ---------------------------------------------------------------------------
def test_markdown_lists_what_went_wrong_first():
    text = report_markdown.render(_verdicts(), title="claims")
    lines = text.splitlines()
    assert lines[0] == "### claims"
    assert lines[2] == ("**7 verdicts: 1 proved, 2 refuted, 1 evidence, 1 unknown, 2 error**"
                        " — 4 not as expected")
    wrong = text.split("#### Not as expected")[1].split("#### All verdicts")[0]
    assert wrong.count("<details>") == 4
    assert "refuted at A = [[1, 1], [0, 1]] (expected proved)" in wrong
    assert "&lt;claim&gt; &amp;" in wrong  # HTML in a summary is escaped
    assert "symmetric-part" not in wrong


def test_markdown_table_has_one_row_per_verdict_and_escapes_pipes():
    text = report_markdown.render(_verdicts())
    rows = [line for line in text.splitlines() if line.startswith("| ")][1:]
    assert len(rows) == len(_verdicts())
    for row in rows:
        # every row has exactly the six cells of the header: unescaped pipes only as separators
        assert row.replace("\\|", "").count("|") == 7


def test_markdown_folds_long_tables():
    many = [Verdict(f"c{i}", Outcome.PROVED) for i in range(report_markdown.FOLD_AFTER + 1)]
    assert "<details><summary>all 26 verdicts</summary>" in report_markdown.render(many)
    assert "<details>" not in report_markdown.render(many[:3])


# -- the explanation -------------------------------------------------------------------
def test_explain_first_line_stands_alone_and_matrix_is_laid_out():
    v = _verdicts()[1]
    lines = explain(v).splitlines()
    assert lines[0] == "refuted at A = [[1, 1], [0, 1]] (expected proved)"
    assert "  witness    A = [[1, 1]," in lines
    assert "                  [0, 1]]   (shrunk in 2 steps)" in lines
    assert lines[-1].endswith("--only positive-eigen --seed 0")


def test_layout_value_leaves_ragged_or_unbalanced_text_alone():
    for text in ("[[1, 2], [3]]", "[[1, 2], [3, 4]", "[[1, [2]], [3, 4]]", "x + y"):
        assert layout_value(text) == text
    assert layout_value("[[a, f(b, c)], [d, e]]") == "[[a, f(b, c)],\n [d,       e]]"


def test_reproduce_command_quotes_awkward_ids():
    v = Verdict("it's", Outcome.PROVED, location=Location("my claims.toml", 1))
    assert reproduce_command(v) == "coherence check 'my claims.toml' --only 'it'\"'\"'s'"


# -- end to end: `coherence check --format junit|markdown` --------------------------------
CLAIMS = """\
[[claim]]
id = "trivial"
then = "1 + 1 == 2"
expect = "proved"

[[claim]]
id = "idempotent"
for_all = { x = "Integer(-2, 2)" }
then = "x * x == x"
expect = "proved"

[[claim]]
id = "unknown-name"
then = "frobnicate(1) == 1"
"""


def test_coherence_check_junit_output_is_valid(schema, tmp_path, monkeypatch):
    pytest.importorskip("coherence.checks.cli_check")
    from coherence.checks import cli

    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "a.claims.toml").write_text(CLAIMS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = cli.main(["check", "claims", "--format", "junit", "--output", "out.xml"])
    assert code == 1  # "idempotent" is refuted, not proved
    xml = (tmp_path / "out.xml").read_text(encoding="utf-8")
    schema.validate(xml)
    (suite,) = ET.fromstring(xml).iter("testsuite")
    assert suite.get("name") == "claims/a.claims.toml"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    message = cases["idempotent"].find("failure").get("message")
    assert re.fullmatch(r"refuted at x = -?\d+ \(expected proved\)", message)
    assert cases["unknown-name"].find("error") is not None

    assert cli.main(["check", "claims", "--format", "markdown", "--output", "out.md"]) == 1
    md = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "— 2 not as expected" in md and "<code>idempotent</code>" in md
