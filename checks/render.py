"""The one renderer: how a verdict reads, in every report and on every screen.

The core returns :class:`~coherence.checks.verdict.Verdict` values; this module turns
them into text, and the CLI (``coherence check``, ``coherence axioms``), the pytest
plugin, the assertion helpers and the report writers (JUnit, Markdown, HTML) all use
it, so a user sees the same words everywhere. It never prints.

What it holds, one place each:

* :func:`clean` — control characters escaped. Every field a report shows passes
  through it, so a ``statement`` holding a newline or an ANSI escape can neither forge
  a summary line nor recolour a terminal.
* :func:`claim_line` — one line per claim (``file:line: outcome id (method, time)``).
* :func:`explain` — the headline (:attr:`Verdict.headline`, which stands alone in
  pytest's short summary and a JUnit ``message``), then one labelled row per thing that
  backs the verdict; :func:`block` is the same rows under the claim line.
* :func:`reproduce_command` — the shell-quoted command that decides the claim again.
* :func:`summary_line` — the closing count line (``12 claims: 5 proved, …``).
* :func:`text_table` — the compact table of ``coherence axioms``.
* :func:`render` — any report format, by name.

Examples
--------
>>> from coherence.checks.verdict import Location, Outcome, Verdict
>>> v = Verdict("symmetric", Outcome.REFUTED, method="exhaustive small integers",
...             witness=(("A", "[[1, 1], [0, 1]]"),), lhs="[[1, 1], [0, 1]]",
...             rhs="[[1, 0], [1, 1]]", location=Location("a.claims.toml", 7),
...             expect="proved", seed=0)
>>> print(explain(v))
refuted at A = [[1, 1], [0, 1]] (expected proved)
  claim      symmetric  (a.claims.toml:7)
  witness    A = [[1, 1],
                  [0, 1]]
  lhs        [[1, 1],
              [0, 1]]
  rhs        [[1, 0],
              [1, 1]]
  method     exhaustive small integers
  seed       0
  reproduce  coherence check a.claims.toml --only symmetric --seed 0
>>> print(summary_line([v], exit_code=1))
1 claim: 1 refuted — 1 not as expected (exit 1)
"""

from __future__ import annotations

import importlib
import os
import re
import shlex
from collections.abc import Sequence

from coherence.algebra.errors import InputError
from coherence.checks.verdict import Outcome, Verdict, report_json, summary

#: Every report format, by the name ``--format`` and ``--report FORMAT:PATH`` take.
FORMATS = ("text", "json", "junit", "markdown", "html")

#: Formats written by their own modules, each offering ``render(verdicts, *, title)``.
_DELEGATED = {
    "junit": "coherence.checks.report_junit",
    "markdown": "coherence.checks.report_markdown",
    "html": "coherence.checks.report_html",
}

_LABEL = 10  # width of the label column

#: What a vacuous proof is told with (``Verdict.vacuous``).
VACUOUS = ("no point of the domain satisfies the assumptions (with every expression "
           "defined): the claim says nothing")

# C0 and C1 controls, DEL, line/paragraph separators and the bidirectional overrides
# (which reorder what a terminal shows). A newline is allowed only where a field may
# span lines, and then each further line is indented under its label.
_UNSAFE = "\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069"
_ONE_LINE = re.compile(f"[{_UNSAFE}\n]")
_MANY_LINES = re.compile(f"[{_UNSAFE}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def clean(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control character shown as an escape (``\\n``, ``\\e``, ``\\x07``).

    With ``multiline`` newlines are kept (the caller indents the lines after the first).

    >>> clean("ok\\n12 claims: all as expected (exit 0)")
    'ok\\\\n12 claims: all as expected (exit 0)'
    >>> clean("\\x1b[32mgreen\\x1b[0m")
    '\\\\e[32mgreen\\\\e[0m'
    >>> clean("a\\nb", multiline=True)
    'a\\nb'
    """
    return (_MANY_LINES if multiline else _ONE_LINE).sub(_escape, text)


def version() -> str:
    """The installed version of coherence.

    >>> version().count(".") >= 1
    True
    """
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as _v

    try:
        return _v("coherence")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0+unknown"


def reproducible(verdicts: Sequence[Verdict]) -> list[Verdict]:
    """The verdicts with times (``seconds``, and ``budget_used``, a share of the wall
    clock) zeroed when ``SOURCE_DATE_EPOCH`` is set, else unchanged.

    Reproducible-build tools set ``SOURCE_DATE_EPOCH``; with it, JSON and JUnit reports
    of identical runs are byte-identical.

    >>> import os
    >>> os.environ["SOURCE_DATE_EPOCH"] = "0"
    >>> v = reproducible([Verdict("a", Outcome.PROVED, seconds=1.5, budget_used=0.05)])[0]
    >>> v.seconds, v.budget_used
    (0.0, 0.0)
    >>> del os.environ["SOURCE_DATE_EPOCH"]
    """
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return [v.with_(seconds=0.0,
                        budget_used=None if v.budget_used is None else 0.0)
                for v in verdicts]
    return list(verdicts)


def render(verdicts: Sequence[Verdict], fmt: str, *, title: str = "", noun: str = "law") -> str:
    """Render ``verdicts`` in ``fmt`` (one of :data:`FORMATS`).

    >>> print(render([Verdict("coassociativity", Outcome.PROVED, method="exact")], "text"))
    proved    coassociativity  exact
    <BLANKLINE>
    1 law: 1 proved
    >>> render([], "xml")
    Traceback (most recent call last):
    ...
    coherence.algebra.errors.InputError: expected a format (text, json, junit, markdown, html), got 'xml'
    """
    verdicts = reproducible(verdicts)
    if fmt == "text":
        return text_table(verdicts, noun=noun)
    if fmt == "json":  # JSON escapes C0 controls itself; the rest become \\u escapes too
        return _MANY_LINES.sub(lambda m: f"\\u{ord(m.group()):04x}", report_json(verdicts, version()))
    if fmt in _DELEGATED:
        module = importlib.import_module(_DELEGATED[fmt])
        return module.render(verdicts, title=title)
    raise InputError(f"expected a format ({', '.join(FORMATS)})", got=repr(fmt), choices=FORMATS)


# -- one verdict ------------------------------------------------------------------------
def headline(verdict: Verdict) -> str:
    """:attr:`Verdict.headline`, cleaned: one line that stands alone.

    >>> headline(Verdict("c", Outcome.ERROR, detail="bad\\nline"))
    'error: bad\\\\nline'
    """
    return clean(verdict.headline)


def seconds_text(s: float) -> str:
    """A duration as the reports show it.

    >>> seconds_text(0.123), seconds_text(12.6)
    ('0.12 s', '13 s')
    """
    return f"{s:.2f} s" if s < 10 else f"{s:.0f} s"


def claim_line(verdict: Verdict) -> str:
    """``file:line: outcome id (method, time)``, with ``— expected X`` when it misses.

    >>> from coherence.checks.verdict import Location
    >>> claim_line(Verdict("one", Outcome.PROVED, method="exact", seconds=0.5,
    ...                    location=Location("a.toml", 3), expect="refuted"))
    'a.toml:3: proved one (exact, 0.50 s) — expected refuted'
    """
    v = verdict
    where = f"{clean(str(v.location))}: " if v.location else ""
    head = f"{where}{v.outcome.value} {clean(v.id)}"
    if v.outcome is not Outcome.ERROR and v.method:
        head += f" ({clean(v.method)}, {seconds_text(v.seconds)})"
    if v.expect is not None and not v.matches():
        head += f" — expected {clean(v.expect)}"
    return head


def explain(verdict: Verdict, *, reproduce: bool = True) -> str:
    """The headline, then one labelled line (or block) per thing that backs the verdict.

    This is what a failing test, a JUnit failure and a Markdown summary show.
    ``reproduce`` adds the ``coherence check … --only ID --seed N`` line when the
    verdict knows its file.

    >>> print(explain(Verdict("c", Outcome.UNKNOWN, detail="z3 timed out after 10 s")))
    unknown
      claim      c
      detail     z3 timed out after 10 s
    """
    v = verdict
    where = f"  ({v.location})" if v.location is not None else ""
    lines = [headline(v), _field("claim", clean(f"{v.id}{where}"), cleaned=True)]
    lines += _rows(v, method=True, reproduce=reproduce)
    return "\n".join(lines)


def block(verdict: Verdict, *, seed: int | None = None) -> str:
    """:func:`claim_line`, then the rows of :func:`explain` (the method is on the line).

    ``seed`` is the run's seed, used by the reproduce command when the verdict has none.

    >>> from coherence.checks.verdict import Location
    >>> print(block(Verdict("sym[1]", Outcome.REFUTED, method="seeds", witness=(("x", "0"),),
    ...                     statement="x > 0", location=Location("my claims.toml", 4)), seed=2))
    my claims.toml:4: refuted sym[1] (seeds, 0.00 s)
      statement  x > 0
      witness    x = 0
      reproduce  coherence check 'my claims.toml' --only 'sym[1]' --seed 2
    """
    return "\n".join([claim_line(verdict), *_rows(verdict, method=False, seed=seed)])


def reproduce_command(verdict: Verdict, *, seed: int | None = None) -> str | None:
    """The command line that decides this claim again, shell-quoted; None without a file.

    >>> from coherence.checks.verdict import Location
    >>> reproduce_command(Verdict("my claim", Outcome.PROVED, location=Location("x.toml", 3),
    ...                           seed=4))
    "coherence check x.toml --only 'my claim' --seed 4"
    """
    loc = verdict.location
    if loc is None or not loc.file or loc.file.startswith("<"):
        return None
    words = ["coherence", "check", loc.file, "--only", verdict.id]
    seed = verdict.seed if verdict.seed is not None else seed
    if seed is not None:
        words += ["--seed", str(seed)]
    return clean(shlex.join(words))


def _rows(v: Verdict, *, method: bool, reproduce: bool = True, seed: int | None = None
          ) -> list[str]:
    lines: list[str] = []
    if v.outcome is Outcome.ERROR:
        detail = v.detail
        if v.location and detail.startswith(f"{v.location}: "):
            detail = detail[len(f"{v.location}: "):]
        if not method:  # the claim line does not carry the message; the headline does
            lines.append(_field("error", clean(detail), cleaned=True))
        return lines
    if v.statement and v.statement != v.id:  # the user's sentence: kept on one line
        lines.append(_field("statement", clean(v.statement), cleaned=True))
    if v.witness:
        parts = [_assignment(clean(name), clean(value)) for name, value in v.witness]
        text = "\n".join(parts)
        if v.shrink_steps:
            text += f"   (shrunk in {v.shrink_steps} step{'' if v.shrink_steps == 1 else 's'})"
        lines.append(_field("witness", text, cleaned=True))
    if v.failing:
        lines.append(_field("fails", v.failing))
    for label, value in (("lhs", v.lhs), ("rhs", v.rhs), ("residual", v.residual),
                         ("condition", v.condition)):
        if value is not None:
            lines.append(_field(label, layout_value(clean(value)), cleaned=True))
    if method and v.method:
        lines.append(_field("method", v.method))
    if v.vacuous:
        lines.append(_field("vacuous", VACUOUS))
    if v.detail and v.detail not in v.headline:
        lines.append(_field("found by" if v.outcome is Outcome.REFUTED else "detail", v.detail))
    if v.samples is not None:
        lines.append(_field("samples", str(v.samples)))
    if v.tolerance is not None:
        lines.append(_field("tolerance", v.tolerance))
    if method and v.seed is not None:
        lines.append(_field("seed", str(v.seed)))
    command = reproduce_command(v, seed=seed) if reproduce else None
    if command:
        lines.append(_field("reproduce", command))
    return lines


def _field(label: str, value: str, *, cleaned: bool = False) -> str:
    """``  label      value``; further lines of a multi-line value indented under it."""
    if not cleaned:
        value = clean(value, multiline=True)
    pad = " " * (_LABEL + 3)
    first, *rest = value.split("\n")
    return "\n".join([f"  {label:<{_LABEL}} {first}", *(pad + line for line in rest)])


def _assignment(name: str, value: str) -> str:
    head = f"{name} = "
    laid = layout_value(value).split("\n")
    return "\n".join([head + laid[0], *(" " * len(head) + line for line in laid[1:])])


# -- many verdicts ----------------------------------------------------------------------
def summary_line(verdicts: Sequence[Verdict], *, noun: str = "claim", exit_code: int | None = None,
                 unreadable: int = 0) -> str:
    """``12 claims: 5 proved, 4 refuted — all as expected (exit 0)``.

    Outcomes with a zero count are left out. Without ``exit_code`` the line stops at
    the counts (the form ``coherence axioms`` builds on).

    >>> summary_line([Verdict("a", Outcome.REFUTED, expect="proved")], exit_code=1)
    '1 claim: 1 refuted — 1 not as expected (exit 1)'
    >>> summary_line([], noun="law")
    '0 laws'
    """
    n = len(verdicts)
    parts = [f"{c} {o}" for o, c in summary(list(verdicts)).items() if c]
    text = f"{n} {noun}{'' if n == 1 else 's'}" + (": " + ", ".join(parts) if parts else "")
    if exit_code is None:
        return text
    bad = sum(not v.matches() for v in verdicts)
    if unreadable:
        text += f" — {unreadable} input{'' if unreadable == 1 else 's'} unreadable"
    elif bad:
        text += f" — {bad} not as expected"
    else:
        text += " — all as expected"
    return f"{text} (exit {exit_code})"


def stage_lines(v: Verdict) -> list[str]:
    """``-v``: the share of the ``--timeout`` a claim used, then one line per stage tried
    with what it counted and its time.

    >>> v = Verdict("c", Outcome.PROVED, budget_used=0.25, stages=(("canonical seeds", 9, 0.01),))
    >>> print("\\n".join(stage_lines(v)))
      budget     25% of the --timeout used
      stage      canonical seeds: 9 (0.01 s)
    """
    lines = []
    if v.budget_used is not None:
        lines.append(f"  {'budget':<{_LABEL}} {v.budget_used:.0%} of the --timeout used")
    for name, count, secs in v.stages:
        lines.append(f"  {'stage':<{_LABEL}} {clean(str(name))}: {count or 'done'} "
                     f"({seconds_text(secs)})")
    return lines


def render_text(verdicts: Sequence[Verdict], *, exit_code: int, seed: int | None = None,
                unreadable: Sequence[InputError] = (), verbosity: int = 0) -> str:
    """The text report of ``coherence check``: claim lines, blocks, then the summary line.

    ``verbosity`` -1 (``-q``) shows only the verdicts that miss their ``expect``; 0 one
    line per claim and a full block for each unexpected verdict and each error; 1
    (``-v``) a full block for every claim, with the stages it went through.

    >>> from coherence.checks.verdict import Location
    >>> v = Verdict("one", Outcome.PROVED, method="exact evaluation",
    ...             location=Location("a.toml", 3), expect="proved")
    >>> print(render_text([v], exit_code=0, seed=0))
    a.toml:3: proved one (exact evaluation, 0.00 s)
    <BLANKLINE>
    1 claim: 1 proved — all as expected (exit 0)
    >>> print(render_text([v], exit_code=0, verbosity=-1))
    1 claim: 1 proved — all as expected (exit 0)
    """
    lines: list[str] = []
    for err in unreadable:
        where = f"{clean(err.where)}: " if err.where else ""
        lines.append(f"{where}unreadable: {clean(err.message)}")
    for v in verdicts:
        unexpected = not v.matches() or v.outcome is Outcome.ERROR
        if verbosity > 0 or (unexpected and (verbosity == 0 or not v.matches())):
            lines.append(block(v, seed=seed))
            if verbosity > 0:
                lines.extend(stage_lines(v))
        elif verbosity == 0:
            lines.append(claim_line(v))
    if lines:
        lines.append("")
    lines.append(summary_line(verdicts, exit_code=exit_code, unreadable=len(unreadable)))
    return "\n".join(lines)


def text_table(verdicts: Sequence[Verdict], *, noun: str = "law") -> str:
    """A table: outcome, id, method or reason; failures followed by their witness.

    >>> v = Verdict("antipode-left", Outcome.REFUTED, method="exact identity on 4 basis tuples",
    ...             witness=(("v", "x"),), lhs="0", rhs="x", residual="-x")
    >>> print(text_table([v]))
    refuted   antipode-left  exact identity on 4 basis tuples
              at v = x:  lhs = 0,  rhs = x,  residual -x
    <BLANKLINE>
    1 law: 1 refuted
    """
    width = max((len(clean(v.id)) for v in verdicts), default=0)
    lines = []
    for v in verdicts:
        what = v.method if v.outcome is not Outcome.ERROR else v.detail
        if v.outcome in (Outcome.EVIDENCE, Outcome.UNKNOWN) and v.detail:
            what = f"{what}: {v.detail}" if what else v.detail
        lines.append(f"{v.outcome.value:<9} {clean(v.id):<{width}}  {clean(what)}".rstrip())
        if v.outcome is Outcome.REFUTED and v.witness:
            sides = []
            if v.lhs is not None:
                sides.append(f"lhs = {v.lhs}")
            if v.rhs is not None:
                sides.append(f"rhs = {v.rhs}")
            if v.residual is not None:
                sides.append(f"residual {v.residual}")
            if not sides and v.detail:
                sides.append(v.detail)
            lines.append(f"{'':<9} at {clean(v.witness_text)}:  " + clean(",  ".join(sides)))
        elif v.outcome is Outcome.PROVED and v.detail:
            lines.append(f"{'':<9} {clean(v.detail)}")
    lines.append("")
    lines.append(summary_line(verdicts, noun=noun))
    return "\n".join(lines)


# -- laying out values ------------------------------------------------------------------
def layout_value(text: str) -> str:
    """Lay a nested-list value out one row per line; any other text is returned as is.

    This is layout of already rendered text (the verdict holds text), never evaluation.

    >>> print(layout_value("[[1, -1/2], [10, 0]]"))
    [[ 1, -1/2],
     [10,    0]]
    >>> layout_value("2·x + g·x")
    '2·x + g·x'
    """
    rows = _matrix_rows(text)
    if rows is None or len(rows) < 2:
        return text
    widths = [max(len(r[j]) for r in rows) for j in range(len(rows[0]))]
    lines = []
    for i, row in enumerate(rows):
        cells = ", ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True))
        opener = "[[" if i == 0 else " ["
        closer = "]]" if i == len(rows) - 1 else "],"
        lines.append(f"{opener}{cells}{closer}")
    return "\n".join(lines)


def _matrix_rows(text: str) -> list[list[str]] | None:
    """Split ``[[a, b], [c, d]]`` into rows of cell texts (None when not that shape)."""
    text = text.strip()
    if not (text.startswith("[[") and text.endswith("]]")):
        return None
    rows = _split_top(text[1:-1])
    if rows is None:
        return None
    out = []
    for row in rows:
        row = row.strip()
        if not (row.startswith("[") and row.endswith("]")):
            return None
        cells = _split_top(row[1:-1])
        if cells is None or any("[" in c for c in cells):
            return None
        out.append([c.strip() for c in cells])
    if len({len(r) for r in out}) != 1:
        return None
    return out


def _split_top(text: str) -> list[str] | None:
    """Split on commas at bracket depth 0; None when the brackets do not balance."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth < 0:
                return None
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    if depth != 0:
        return None
    parts.append(text[start:])
    return parts
