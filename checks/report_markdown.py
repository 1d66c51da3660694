"""Markdown reports of verdicts, written to be posted as a pull-request comment.

A heading and the counts come first; then every verdict that does not meet its
``expect``, each a collapsible block whose summary is the verdict's headline and whose
body is :func:`coherence.checks.render.explain`; then a table of all verdicts (folded
away when it is long). GitHub, GitLab and Gitea render it as is.

Examples
--------
>>> from coherence.checks.verdict import Outcome, Verdict
>>> print(render([Verdict("coassociativity", Outcome.PROVED, method="exact")], title="sweedler"),
...       end="")
### sweedler
<BLANKLINE>
**1 verdict: 1 proved** — all as expected
<BLANKLINE>
| | verdict | id | expected | how | where |
|---|---|---|---|---|---|
| ✅ | proved | `coassociativity` | – | exact | – |
"""

from __future__ import annotations

from collections.abc import Sequence

from coherence.checks.render import clean, explain, headline, summary_line
from coherence.checks.verdict import Outcome, Verdict

#: Above this many rows the table of all verdicts is folded into a ``<details>`` block.
FOLD_AFTER = 25


def render(verdicts: Sequence[Verdict], *, title: str = "") -> str:
    """The Markdown comment for ``verdicts``: counts, what went wrong, then every verdict.

    >>> from coherence.checks.verdict import Outcome, Verdict
    >>> text = render([Verdict("sym", Outcome.REFUTED, witness=(("A", "[[1, 1], [0, 1]]"),),
    ...                        expect="proved")])
    >>> text.splitlines()[2]
    '**1 verdict: 1 refuted** — 1 not as expected'
    >>> "<summary>❌ <code>sym</code>: refuted at A = [[1, 1], [0, 1]] (expected proved)" in text
    True
    """
    verdicts = list(verdicts)
    bad = [v for v in verdicts if not v.matches()]
    n = len(verdicts)
    head = f"**{summary_line(verdicts, noun='verdict')}**"
    head += " — all as expected" if not bad else f" — {len(bad)} not as expected"
    lines = [f"### {_inline(title or 'coherence')}", "", head, ""]
    if bad:
        lines += ["#### Not as expected", ""]
        for v in bad:
            lines += [
                "<details>",
                f"<summary>{_mark(v)} <code>{_html(v.id)}</code>: {_html(headline(v))}</summary>",
                "",
                "```text",
                explain(v).replace("```", "ˋˋˋ"),
                "```",
                "",
                "</details>",
                "",
            ]
        lines += ["#### All verdicts", ""]
    table = _table(verdicts)
    if len(verdicts) > FOLD_AFTER:
        lines += [f"<details><summary>all {n} verdicts</summary>", "", *table, "", "</details>"]
    elif verdicts:
        lines += table
    return "\n".join(lines).rstrip("\n") + "\n"


def _table(verdicts: list[Verdict]) -> list[str]:
    rows = ["| | verdict | id | expected | how | where |", "|---|---|---|---|---|---|"]
    for v in verdicts:
        how = _cell(v.method)
        if v.outcome is Outcome.REFUTED and v.witness:
            how = f"at `{_code(v.witness_text)}`" + (f" ({how})" if how else "")
        elif v.outcome is not Outcome.PROVED and v.detail:
            how = f"{how}: {_cell(v.detail)}" if how else _cell(v.detail)
        cells = [
            _mark(v),
            v.outcome.value,
            f"`{_code(v.id)}`",
            v.expect or "–",
            how or "–",
            f"`{_code(str(v.location))}`" if v.location is not None else "–",
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def _mark(v: Verdict) -> str:
    if not v.matches():
        return "❌"
    return "✅" if v.outcome in (Outcome.PROVED, Outcome.REFUTED, Outcome.ERROR) else "☑️"


def _cell(text: str) -> str:
    """Table-cell text: one line; pipes, emphasis, code and HTML characters escaped."""
    text = clean(" ".join(text.split()))
    for ch in "\\|*`<>":
        text = text.replace(ch, "\\" + ch)
    return text


def _code(text: str) -> str:
    return clean(" ".join(text.split())).replace("`", "ˋ").replace("|", "\\|")


def _inline(text: str) -> str:
    return clean(" ".join(text.split()))


def _html(text: str) -> str:
    text = clean(" ".join(text.split()))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
