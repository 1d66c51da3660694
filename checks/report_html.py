"""A self-contained HTML report: one file, no network, readable when opened from disk.

CSS and script are inline, so the file works as a CI artifact. It shows the summary
line, a table of every verdict that can be filtered by verdict, file, area and
expected/unexpected (and searched by id or statement), and per claim: the statement,
where in the paper, the claim as written, the verdict and method, the witness with both
sides and the residual rendered as mathematics (SymPy's MathML printer; MathML renders
natively in current browsers), for a law the failing basis tuple, and the reproduce
command with a copy button. Every text passes through
:func:`coherence.checks.render.clean` and is HTML-escaped.

Values are text in a verdict; they become MathML only through
:func:`coherence.checks.expr.parse_sympy` (the whitelisting reader: arithmetic and a few
functions, never ``sympify``), and text it does not accept is shown as code.

Examples
--------
>>> from coherence.checks.verdict import Location, Outcome, Verdict
>>> page = render([Verdict("sym", Outcome.REFUTED, witness=(("A", "[[1, 1], [0, 1]]"),),
...                        location=Location("a.claims.toml", 3), expect="refuted")],
...               title="demo")
>>> page.startswith("<!DOCTYPE html>"), "<mtable>" in page, "http" in page.split("<body")[0]
(True, True, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from coherence.checks.render import clean, reproduce_command, seconds_text, summary_line
from coherence.checks.verdict import Outcome, Verdict, summary

#: Longest value text turned into MathML; longer ones are shown as code.
MATH_LIMIT = 2_000

_CONSTANTS = ("E", "pi", "I")
_FUNCTIONS = ("exp", "log", "sqrt", "abs", "sin", "cos", "tanh", "max", "min")


def render(verdicts: Sequence[Verdict], *, title: str = "") -> str:
    """The HTML page for ``verdicts``.

    >>> from coherence.checks.verdict import Outcome, Verdict
    >>> 'data-proved="1"' in render([Verdict("a", Outcome.PROVED)])
    True
    """
    verdicts = list(verdicts)
    counts = summary(verdicts)
    bad = sum(not v.matches() for v in verdicts)
    line = summary_line(verdicts, noun="verdict")
    line += f" — {bad} not as expected" if bad else " — all as expected"
    data = " ".join(f'data-{o}="{c}"' for o, c in counts.items())
    files = sorted({_file(v) for v in verdicts})
    areas = sorted({a for v in verdicts for a in _areas(v)})
    title_text = clean(title or "coherence report")
    rows = "\n".join(_row(k, v) for k, v in enumerate(verdicts))
    return _PAGE.format(
        title=escape(title_text),
        summary=escape(line),
        data=f'data-total="{len(verdicts)}" data-unexpected="{bad}" {data}',
        verdict_options=_options([o.value for o in Outcome]),
        file_options=_options(files),
        area_options=_options(areas),
        rows=rows,
        head=_HEAD,
        css=_CSS,
        script=_SCRIPT,
    )


def fragment(verdicts: Sequence[Verdict]) -> str:
    """The summary and table without page or script: what a notebook shows.

    >>> from coherence.checks.verdict import Outcome, Verdict
    >>> fragment([Verdict("a", Outcome.PROVED)]).count("<tr class=")
    1
    """
    verdicts = list(verdicts)
    rows = "\n".join(_row(k, v) for k, v in enumerate(verdicts))
    bad = sum(not v.matches() for v in verdicts)
    line = summary_line(verdicts, noun="verdict")
    line += f" — {bad} not as expected" if bad else " — all as expected"
    return (f'<div class="coherence-report"><style>{_scoped(_CSS)}</style>'
            f"<p><strong>{escape(line)}</strong></p><table>{_HEAD}<tbody>{rows}</tbody>"
            "</table></div>")


def verdict_html(verdict: Verdict) -> str:
    """One verdict as HTML: its claim line and the block of :func:`render` (notebooks).

    >>> from coherence.checks.verdict import Outcome, Verdict
    >>> "<math>" in verdict_html(Verdict("c", Outcome.REFUTED, witness=(("x", "1/2"),)))
    True
    """
    from coherence.checks.render import claim_line

    return (f'<div class="coherence-report"><style>{_scoped(_CSS)}</style>'
            f"<p><code>{escape(claim_line(verdict))}</code></p>{_detail(verdict)}</div>")


def _scoped(css: str) -> str:
    """The page's CSS limited to ``.coherence-report`` (a notebook has its own styles)."""
    out = []
    for rule in css.strip().split("}"):
        if "{" not in rule:
            continue
        selectors, body = rule.split("{", 1)
        if selectors.strip().startswith((":root", "body")):
            continue
        scoped = ", ".join(f".coherence-report {sel.strip()}" for sel in selectors.split(","))
        out.append(f"{scoped} {{{body}}}")
    return "\n".join(out)


def _file(v: Verdict) -> str:
    return clean(v.location.file) if v.location is not None else "–"


def _areas(v: Verdict) -> list[str]:
    return [a.strip() for a in v.area.split(",") if a.strip()] or ["–"]


def _options(values: Sequence[str]) -> str:
    return "".join(f'<option value="{escape(x)}">{escape(x)}</option>' for x in values)


def _row(k: int, v: Verdict) -> str:
    expected = "yes" if v.matches() else "no"
    mark = "✔" if v.matches() else "✘"
    where = clean(str(v.location)) if v.location is not None else ""
    method = v.method if v.outcome is not Outcome.ERROR else v.detail
    return (
        f'<tr class="claim {v.outcome.value} {"ok" if v.matches() else "bad"}" id="claim-{k}"'
        f' data-verdict="{v.outcome.value}" data-file="{escape(_file(v))}"'
        f' data-area="{escape("|".join(_areas(v)))}" data-expected="{expected}"'
        f' data-search="{escape((clean(v.id) + " " + clean(v.statement)).lower())}">'
        f'<td class="verdict"><span class="badge {v.outcome.value}">{v.outcome.value}</span></td>'
        f'<td class="expected" title="expected: {escape(v.expect or "not refuted")}">{mark}'
        f' {escape(v.expect or "–")}</td>'
        f'<td class="id"><details><summary><code>{escape(clean(v.id))}</code></summary>'
        f'{_detail(v)}</details></td>'
        f'<td class="where"><code>{escape(where)}</code></td>'
        f'<td class="area">{escape(", ".join(_areas(v)))}</td>'
        f'<td class="method">{escape(clean(method))}</td>'
        "</tr>"
    )


def _detail(v: Verdict) -> str:
    items: list[tuple[str, str]] = []

    def text(label: str, value: str | None, *, pre: bool = False) -> None:
        if value:
            body = escape(clean(value, multiline=True))
            items.append((label, f"<pre>{body}</pre>" if pre else body))

    text("statement", v.statement)
    text("where", v.where)
    text("claim", v.source, pre=True)
    verdict = f'<span class="badge {v.outcome.value}">{v.outcome.value}</span>'
    if v.expect is not None:
        verdict += f" (expected {escape(v.expect)})"
    verdict += f" in {seconds_text(v.seconds)}"
    items.append(("verdict", verdict))
    text("method", v.method)
    if v.witness:
        label = "witness" if v.location is not None else "failing basis tuple"
        parts = [f"{_math_name(name)} = {math(value)}" for name, value in v.witness]
        items.append((label, ",&ensp;".join(parts)))
    text("fails", v.failing)
    for label, value in (("lhs", v.lhs), ("rhs", v.rhs), ("residual", v.residual),
                         ("condition", v.condition)):
        if value is not None:
            items.append((label, math(value)))
    if v.vacuous:
        from coherence.checks.render import VACUOUS

        text("vacuous", VACUOUS)
    text("detail", v.detail, pre="\n" in v.detail)
    if v.samples is not None:
        items.append(("samples", str(v.samples)))
    if v.tolerance:
        text("tolerance", v.tolerance)
    if v.seed is not None:
        items.append(("seed", str(v.seed)))
    command = reproduce_command(v)
    if command:
        items.append(("reproduce", f'<code class="command">{escape(command)}</code> '
                                   f'<button type="button" class="copy" '
                                   f'data-copy="{escape(command)}">copy</button>'))
    rows = "".join(f"<dt>{label}</dt><dd>{body}</dd>" for label, body in items)
    return f'<dl class="block">{rows}</dl>'


def _math_name(name: str) -> str:
    name = clean(name)
    if re.fullmatch(r"[A-Za-zα-ωΑ-Ω]\w*", name):
        return f'<math><mi>{escape(name)}</mi></math>'
    return f"<code>{escape(name)}</code>"


def math(text: str) -> str:
    """A value as MathML when the whitelisting reader accepts it, else as code.

    ``label = value`` texts (``S∘S(x) = -x``) keep the label as code and render the value.

    >>> math("1/2")
    '<math><mfrac><mn>1</mn><mn>2</mn></mfrac></math>'
    >>> math("S∘S(x) = -x")
    '<code>S∘S(x)</code> = <math><mrow><mo>-</mo><mi>x</mi></mrow></math>'
    >>> math("__import__('os')")
    '<code>__import__(&#x27;os&#x27;)</code>'
    """
    text = clean(text)
    if " = " in text:
        head, _, tail = text.rpartition(" = ")
        value = _mathml(tail)
        if value is not None:
            return f"<code>{escape(head)}</code> = {value}"
    value = _mathml(text)
    return value if value is not None else f"<code>{escape(text)}</code>"


def latex(text: str) -> str:
    """A value as LaTeX when the whitelisting reader accepts it, else as ``\\text{…}``.

    >>> latex("[[1, 1/2], [0, 1]]")
    '\\\\left[\\\\begin{matrix}1 & \\\\frac{1}{2}\\\\\\\\0 & 1\\\\end{matrix}\\\\right]'
    >>> latex("S∘S(x)")
    '\\\\text{S∘S(x)}'
    """
    text = clean(text)
    try:
        import sympy

        expr = _sympy(text) if len(text) <= MATH_LIMIT else None
        if expr is not None:
            return sympy.latex(expr)
    except Exception:  # noqa: BLE001 - anything the printer cannot take is shown as text
        pass
    safe = re.sub(r"([\\{}$&#%_^~])", lambda m: "\\" + m.group(1) if m.group(1) not in "\\^~"
                  else {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}[m.group(1)], text)
    return f"\\text{{{safe}}}"


def _mathml(text: str) -> str | None:
    if len(text) > MATH_LIMIT:
        return None
    try:
        from sympy.printing.mathml import mathml

        expr = _sympy(text)
        if expr is None:
            return None
        return f"<math>{mathml(expr, printer='presentation')}</math>"
    except Exception:  # noqa: BLE001 - anything the printer cannot take is shown as code
        return None


def _sympy(text: str):  # type: ignore[no-untyped-def]
    import sympy
    from coherence.algebra.errors import InputError
    from coherence.checks.expr import parse_sympy
    from coherence.checks.render import _matrix_rows

    rows = _matrix_rows(text)
    if rows is not None:
        cells = [[_sympy(c) for c in row] for row in rows]
        if any(c is None for row in cells for c in row):
            return None
        return sympy.Matrix(cells)
    text = text.replace("·", "*").replace("−", "-")
    names = set(re.findall(r"[^\W\d]\w*", text)) - set(_FUNCTIONS)
    table = {n: sympy.Symbol(n) for n in names}
    table.update({"E": sympy.E, "pi": sympy.pi, "I": sympy.I})
    table = {n: s for n, s in table.items() if n in names}
    try:
        return parse_sympy(text, table)
    except (InputError, TypeError, ValueError, ZeroDivisionError, RecursionError):
        return None


_CSS = """
:root { --ok: #1a7f37; --bad: #cf222e; --muted: #57606a; --line: #d0d7de; }
body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5rem auto; max-width: 76rem;
       padding: 0 1rem; color: #1f2328; }
h1 { font-size: 1.4rem; margin: 0 0 .3rem; }
#summary { font-weight: 600; }
#filters { display: flex; flex-wrap: wrap; gap: .8rem; align-items: center;
           margin: 1rem 0; padding: .6rem; background: #f6f8fa; border-radius: 6px; }
#filters label { color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem;
         border-bottom: 1px solid var(--line); }
th { background: #f6f8fa; position: sticky; top: 0; }
tr.bad td { background: #fff5f5; }
.badge { display: inline-block; min-width: 5.2em; text-align: center; border-radius: 1em;
         padding: 0 .5em; color: #fff; font-size: .85em; }
.badge.proved { background: var(--ok); } .badge.refuted { background: #8250df; }
.badge.evidence { background: #9a6700; } .badge.unknown { background: var(--muted); }
.badge.error { background: var(--bad); }
td.expected { white-space: nowrap; }
tr.ok td.expected { color: var(--ok); } tr.bad td.expected { color: var(--bad); }
dl.block { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .8rem;
           margin: .5rem 0; }
dl.block dt { color: var(--muted); } dl.block dd { margin: 0; overflow-wrap: anywhere; }
pre { margin: 0; white-space: pre-wrap; background: #f6f8fa; padding: .3rem .5rem; }
code { font-size: .92em; }
button.copy { font-size: .8em; margin-left: .4em; cursor: pointer; }
math { font-size: 1.05em; }
"""

_SCRIPT = """
(function () {
  const rows = Array.from(document.querySelectorAll("tr.claim"));
  const get = (id) => document.getElementById(id);
  function apply() {
    const v = get("f-verdict").value, f = get("f-file").value, a = get("f-area").value,
          e = get("f-expected").value, t = get("f-text").value.trim().toLowerCase();
    let shown = 0;
    for (const r of rows) {
      const ok = (!v || r.dataset.verdict === v) && (!f || r.dataset.file === f) &&
                 (!a || r.dataset.area.split("|").includes(a)) &&
                 (!e || r.dataset.expected === e) && (!t || r.dataset.search.includes(t));
      r.hidden = !ok;
      if (ok) shown += 1;
    }
    get("shown").textContent = shown + " of " + rows.length + " shown";
  }
  for (const id of ["f-verdict", "f-file", "f-area", "f-expected", "f-text"]) {
    get(id).addEventListener("input", apply);
  }
  function fallbackCopy(text) {
    const area = document.createElement("textarea");
    area.value = text; document.body.appendChild(area); area.select();
    try { document.execCommand("copy"); } finally { area.remove(); }
  }
  document.addEventListener("click", function (event) {
    const button = event.target.closest("button.copy");
    if (!button) return;
    const text = button.dataset.copy;
    const done = () => { button.textContent = "copied"; button.dataset.copied = text; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, () => { fallbackCopy(text); done(); });
    } else { fallbackCopy(text); done(); }
  });
  apply();
})();
"""

_HEAD = ("<thead><tr><th>verdict</th><th>expected</th><th>claim</th><th>where</th><th>area</th>"
         "<th>method</th></tr></thead>")

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="coherence">
<link rel="icon" href="data:,">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p id="summary" {data}>{summary}</p>
</header>
<section id="filters">
<label>verdict <select id="f-verdict"><option value="">all</option>{verdict_options}</select></label>
<label>file <select id="f-file"><option value="">all</option>{file_options}</select></label>
<label>area <select id="f-area"><option value="">all</option>{area_options}</select></label>
<label>expected <select id="f-expected"><option value="">all</option>
<option value="yes">as expected</option><option value="no">not as expected</option></select></label>
<label>search <input id="f-text" type="search" placeholder="id or statement"></label>
<span id="shown"></span>
</section>
<table id="claims">
{head}
<tbody>
{rows}
</tbody>
</table>
<script>{script}</script>
</body>
</html>
"""
