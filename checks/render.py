"""Render verdicts for people and machines: text tables, JSON, JUnit XML, Markdown.

The core returns :class:`~coherence.checks.verdict.Verdict` values; this module (and
the report modules it delegates to) turns them into text. It never prints.

>>> from coherence.checks.verdict import Verdict, Outcome
>>> print(render([Verdict("coassociativity", Outcome.PROVED, method="exact")], "text"))
proved    coassociativity  exact
<BLANKLINE>
1 law: 1 proved
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

from coherence.algebra.errors import InputError
from coherence.checks.verdict import Outcome, Verdict, report_json, summary

FORMATS = ("text", "json", "junit", "markdown")

#: Formats written by their own modules, each offering ``render(verdicts, *, title)``.
_DELEGATED = {
    "junit": "coherence.checks.report_junit",
    "markdown": "coherence.checks.report_markdown",
}


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


def render(verdicts: Sequence[Verdict], fmt: str, *, title: str = "", noun: str = "law") -> str:
    """Render ``verdicts`` in ``fmt`` (one of :data:`FORMATS`).

    >>> render([], "xml")
    Traceback (most recent call last):
    ...
    coherence.algebra.errors.InputError: expected a format (text, json, junit, markdown), got 'xml'
    """
    if fmt == "text":
        return text_table(verdicts, noun=noun)
    if fmt == "json":
        return report_json(list(verdicts), version())
    if fmt in _DELEGATED:
        module = importlib.import_module(_DELEGATED[fmt])
        return module.render(verdicts, title=title)
    raise InputError(f"expected a format ({', '.join(FORMATS)})", got=repr(fmt), choices=FORMATS)


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
    width = max((len(v.id) for v in verdicts), default=0)
    lines = []
    for v in verdicts:
        what = v.method if v.outcome is not Outcome.ERROR else v.detail
        if v.outcome in (Outcome.EVIDENCE, Outcome.UNKNOWN) and v.detail:
            what = f"{what}: {v.detail}" if what else v.detail
        lines.append(f"{v.outcome.value:<9} {v.id:<{width}}  {what}".rstrip())
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
            lines.append(f"{'':<9} at {v.witness_text}:  " + ",  ".join(sides))
        elif v.outcome is Outcome.PROVED and v.detail:
            lines.append(f"{'':<9} {v.detail}")
    lines.append("")
    lines.append(summary_line(verdicts, noun=noun))
    return "\n".join(lines)


def summary_line(verdicts: Sequence[Verdict], *, noun: str = "law") -> str:
    """``12 laws: 11 proved, 1 refuted`` (outcomes with a zero count left out).

    >>> summary_line([])
    '0 laws'
    """
    counts = summary(list(verdicts))
    n = len(verdicts)
    head = f"{n} {noun}{'' if n == 1 else 's'}"
    parts = [f"{c} {o}" for o, c in counts.items() if c]
    return head + (": " + ", ".join(parts) if parts else "")
