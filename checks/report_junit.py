"""JUnit XML reports of verdicts, for the test-report views of CI systems.

One ``<testsuite>`` per claim file (verdicts without a file share one suite named after
the report's title), one ``<testcase>`` per verdict. A verdict that meets its ``expect``
passes; one that does not is a ``<failure>`` whose ``type`` is the outcome and whose
``message`` is the verdict's one-line headline — except an ``error`` verdict, which is
an ``<error>``. The failure text is :func:`coherence.checks.render.explain`; every
name and text passes through :func:`coherence.checks.render.clean`, so control
characters (which XML 1.0 cannot carry) show as escapes.

The layout is the strict Apache Ant form (required ``timestamp``, ``hostname``,
``properties``, ``system-out``, ``system-err``; ``package`` and ``id`` on every suite),
which Jenkins, GitLab, Azure Pipelines and the GitHub test-report actions all read;
``tests/test_reports.py`` validates it against ``tests/data/junit.xsd``.

Examples
--------
>>> from coherence.checks.verdict import Location, Outcome, Verdict
>>> xml = render([Verdict("c", Outcome.PROVED, location=Location("a.claims.toml", 3))],
...              timestamp="2026-01-01T00:00:00")
>>> print(xml.splitlines()[2].replace('" ', '"\\n '))  # one attribute a line
  <testsuite name="a.claims.toml"
 package="a"
 id="0"
 timestamp="2026-01-01T00:00:00"
 hostname="localhost"
 tests="1"
 failures="0"
 errors="0"
 skipped="0"
 time="0.000">
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

from coherence.checks.render import clean, explain, headline, summary_line
from coherence.checks.verdict import Outcome, Verdict, summary


def render(verdicts: Sequence[Verdict], *, title: str = "", timestamp: str | None = None) -> str:
    """The JUnit XML document for ``verdicts`` (a ``<testsuites>`` root).

    ``timestamp`` (``YYYY-MM-DDTHH:MM:SS``, UTC) defaults to ``SOURCE_DATE_EPOCH`` when
    that is set, else the current time, so reproducible builds get identical reports.

    >>> from coherence.checks.verdict import Outcome, Verdict
    >>> xml = render([Verdict("S∘S = id", Outcome.REFUTED, witness=(("v", "x"),),
    ...                       expect="proved")], title="sweedler", timestamp="2026-01-01T00:00:00")
    >>> '<failure type="refuted" message="refuted at v = x (expected proved)">' in xml
    True
    """
    stamp = timestamp or _now()
    groups: dict[str, list[Verdict]] = {}
    for v in verdicts:
        key = v.location.file if v.location is not None else (title or "coherence")
        groups.setdefault(key, []).append(v)
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<testsuites>"]
    for number, (name, members) in enumerate(groups.items()):
        out.extend(_suite(name, members, number, stamp))
    out.append("</testsuites>")
    return "\n".join(out) + "\n"


def classname(file: str) -> str:
    """The dotted class name a CI viewer groups a claim file's cases under.

    >>> classname("docs/examples/hopf-facts.claims.toml")
    'docs.examples.hopf-facts'
    """
    stem = file.replace("\\", "/")
    for suffix in (".claims.toml", ".toml", ".json"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    stem = stem.strip("/").replace("/", ".")
    return stem or "coherence"


def _suite(name: str, verdicts: list[Verdict], number: int, stamp: str) -> list[str]:
    cls = classname(name)
    failures = sum(1 for v in verdicts if not v.matches() and v.outcome is not Outcome.ERROR)
    errors = sum(1 for v in verdicts if not v.matches() and v.outcome is Outcome.ERROR)
    seconds = sum(v.seconds for v in verdicts)
    head = (
        f"  <testsuite name={quoteattr(clean(name))} package={quoteattr(clean(cls))} id=\"{number}\""
        f" timestamp=\"{stamp}\" hostname=\"localhost\" tests=\"{len(verdicts)}\""
        f" failures=\"{failures}\" errors=\"{errors}\" skipped=\"0\" time=\"{seconds:.3f}\">"
    )
    lines = [head, "    <properties>"]
    for outcome, count in summary(verdicts).items():
        lines.append(f'      <property name="coherence.{outcome}" value="{count}"/>')
    seeds = sorted({v.seed for v in verdicts if v.seed is not None})
    if seeds:
        value = ", ".join(map(str, seeds))
        lines.append(f'      <property name="coherence.seed" value="{value}"/>')
    lines.append("    </properties>")
    for v in verdicts:
        lines.extend(_case(v, cls))
    lines.append(f"    <system-out>{escape(summary_line(verdicts, noun='verdict'))}</system-out>")
    lines.append("    <system-err></system-err>")
    lines.append("  </testsuite>")
    return lines


def _case(v: Verdict, cls: str) -> list[str]:
    open_tag = (
        f"    <testcase name={quoteattr(clean(v.id))} classname={quoteattr(clean(cls))}"
        f" time=\"{v.seconds:.3f}\""
    )
    if v.matches():
        return [open_tag + "/>"]
    tag = "error" if v.outcome is Outcome.ERROR else "failure"
    body = escape(explain(v))
    return [
        open_tag + ">",
        f"      <{tag} type=\"{v.outcome.value}\" message={quoteattr(headline(v))}>"
        f"{body}</{tag}>",
        "    </testcase>",
    ]


def _now() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        moment = datetime.fromtimestamp(int(epoch), UTC)
    else:
        moment = datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S")
