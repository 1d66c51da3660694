"""Explain one verdict in a few aligned lines: the text a failing test or CI report shows.

The first line is :attr:`Verdict.headline` and stands alone (pytest's short summary
and a JUnit ``message`` keep only it); the lines after it give the claim, the
statement, the witness laid out as a matrix, both sides, the method, why a search
stopped, the seed, and the command that reproduces the verdict. The assertion helpers,
the pytest plugin and the JUnit/Markdown reports all use it, so a user sees the same
words everywhere.

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
"""

from __future__ import annotations

import shlex

from coherence.checks.verdict import Verdict

_LABEL = 10  # width of the label column


def explain(verdict: Verdict, *, reproduce: bool = True) -> str:
    """The headline, then one labelled line (or block) per thing that backs the verdict.

    ``reproduce`` adds the ``coherence check … --only ID --seed N`` line when the
    verdict knows its file.

    >>> from coherence.checks.verdict import Outcome, Verdict
    >>> print(explain(Verdict("c", Outcome.UNKNOWN, detail="z3 timed out after 10 s")))
    unknown
      claim      c
      detail     z3 timed out after 10 s
    """
    v = verdict
    lines = [v.headline]
    where = f"  ({v.location})" if v.location is not None else ""
    lines.append(_field("claim", f"{v.id}{where}"))
    if v.statement:
        lines.append(_field("statement", v.statement))
    if v.witness:
        parts = [_assignment(name, value) for name, value in v.witness]
        block = "\n".join(parts)
        if v.shrink_steps:
            block += f"   (shrunk in {v.shrink_steps} step{'' if v.shrink_steps == 1 else 's'})"
        lines.append(_field("witness", block))
    if v.failing:
        lines.append(_field("fails", v.failing))
    for label, value in (("lhs", v.lhs), ("rhs", v.rhs), ("residual", v.residual)):
        if value is not None:
            lines.append(_field(label, layout_value(value)))
    if v.method:
        lines.append(_field("method", v.method))
    if v.vacuous:
        lines.append(_field("vacuous", "no point of the domain satisfies the assumptions: "
                            "the claim says nothing"))
    if v.detail and v.detail not in v.headline:
        lines.append(_field("detail", v.detail))
    if v.samples is not None:
        lines.append(_field("samples", str(v.samples)))
    if v.tolerance is not None:
        lines.append(_field("tolerance", v.tolerance))
    if v.seed is not None:
        lines.append(_field("seed", str(v.seed)))
    command = reproduce_command(v) if reproduce else None
    if command:
        lines.append(_field("reproduce", command))
    return "\n".join(lines)


def reproduce_command(verdict: Verdict) -> str | None:
    """The command line that decides this claim again, or None without a file.

    >>> from coherence.checks.verdict import Location, Outcome, Verdict
    >>> reproduce_command(Verdict("my claim", Outcome.PROVED, location=Location("x.toml", 3),
    ...                           seed=4))
    "coherence check x.toml --only 'my claim' --seed 4"
    """
    if verdict.location is None:
        return None
    words = ["coherence", "check", verdict.location.file, "--only", verdict.id]
    if verdict.seed is not None:
        words += ["--seed", str(verdict.seed)]
    return shlex.join(words)


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


def _assignment(name: str, value: str) -> str:
    head = f"{name} = "
    laid = layout_value(value).split("\n")
    return "\n".join([head + laid[0], *(" " * len(head) + line for line in laid[1:])])


def _field(label: str, value: str) -> str:
    pad = " " * (_LABEL + 3)
    first, *rest = value.split("\n")
    return "\n".join([f"  {label:<{_LABEL}} {first}", *(pad + line for line in rest)])


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
