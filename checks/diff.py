"""Compare two JSON reports: which verdicts changed, appeared or disappeared.

This is the baseline mechanism for CI: store the JSON report of a known-good run, run
the claims again, and diff. A verdict is matched across reports by its file and id
(not its line, so editing a claim file above a claim does not count as a change).
``proved`` and ``refuted`` are promises: a verdict that was one of them and is now
something else is a *failure* of the diff; any other change is reported but allowed.
A refuted verdict whose witness changed is reported as such (a better shrinker may
find a smaller one) but is not a failure. A verdict that disappeared is a failure only
with ``strict=True``.

Examples
--------
>>> from coherence.checks.verdict import Outcome, Verdict
>>> old = [Verdict("a", Outcome.PROVED), Verdict("b", Outcome.EVIDENCE)]
>>> new = [Verdict("a", Outcome.UNKNOWN), Verdict("b", Outcome.PROVED)]
>>> d = diff_verdicts(old, new)
>>> [str(c) for c in d.changes]
['a: proved → unknown', 'b: evidence → proved']
>>> d.failed, [c.key for c in d.failures]
(True, ['a'])
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from coherence.algebra.errors import InputError, InternalError
from coherence.checks.verdict import Outcome, Verdict

ChangeKind = Literal["changed", "witness", "appeared", "disappeared"]

#: The outcomes that are promises: changing away from one of them fails the diff.
PROMISES = frozenset({Outcome.PROVED, Outcome.REFUTED})

DIFF_FORMATS = ("text", "markdown", "json")


@dataclass(frozen=True, slots=True)
class Change:
    """One verdict that is not the same in both reports.

    ``kind`` is ``changed`` (the outcome differs), ``witness`` (still refuted, another
    witness), ``appeared`` (only in the new report) or ``disappeared`` (only in the old).

    >>> from coherence.checks.verdict import Outcome, Verdict
    >>> str(Change("x", "appeared", None, Verdict("x", Outcome.PROVED)))
    'x: appeared, proved'
    """

    key: str
    kind: ChangeKind
    old: Verdict | None
    new: Verdict | None

    @property
    def breaks_promise(self) -> bool:
        """Whether a proved/refuted verdict became something else."""
        return (
            self.kind == "changed"
            and self.old is not None
            and self.old.outcome in PROMISES
        )

    def __str__(self) -> str:
        if self.kind == "appeared" and self.new is not None:
            return f"{self.key}: appeared, {self.new.outcome}"
        if self.kind == "disappeared" and self.old is not None:
            return f"{self.key}: disappeared, was {self.old.outcome}"
        if self.old is None or self.new is None:
            raise InternalError(f"a {self.kind!r} change without both verdicts")
        if self.kind == "witness":
            return (f"{self.key}: refuted at {self.new.witness_text}"
                    f" (was at {self.old.witness_text})")
        return f"{self.key}: {self.old.outcome} → {self.new.outcome}"


@dataclass(frozen=True, slots=True)
class ReportDiff:
    """The differences between two reports, in the new report's order (then the old's).

    >>> ReportDiff((), 3).failed
    False
    """

    changes: tuple[Change, ...]
    unchanged: int
    strict: bool = False

    def of_kind(self, kind: ChangeKind) -> tuple[Change, ...]:
        """The changes of one kind."""
        return tuple(c for c in self.changes if c.kind == kind)

    @property
    def failures(self) -> tuple[Change, ...]:
        """The changes that fail the diff (and make ``coherence diff`` exit 1)."""
        return tuple(
            c
            for c in self.changes
            if c.breaks_promise
            or (self.strict and c.kind == "disappeared" and c.old is not None
                and c.old.outcome in PROMISES)
        )

    @property
    def failed(self) -> bool:
        """Whether any change fails the diff."""
        return bool(self.failures)

    def counts(self) -> dict[str, int]:
        """How many changes of each kind, and how many verdicts are unchanged."""
        out = {k: len(self.of_kind(k)) for k in ("changed", "witness", "appeared", "disappeared")}
        out["unchanged"] = self.unchanged
        return out


def verdict_key(verdict: Verdict) -> str:
    """How a verdict is matched across reports: ``file::id`` (no line), or the id alone.

    >>> from coherence.checks.verdict import Location, Outcome, Verdict
    >>> verdict_key(Verdict("c", Outcome.PROVED, location=Location("a.claims.toml", 3)))
    'a.claims.toml::c'
    """
    if verdict.location is None:
        return verdict.id
    return f"{verdict.location.file}::{verdict.id}"


def diff_verdicts(
    old: Sequence[Verdict], new: Sequence[Verdict], *, strict: bool = False
) -> ReportDiff:
    """Match ``old`` and ``new`` verdicts by :func:`verdict_key` and list what differs.

    ``strict`` makes a disappeared proved/refuted verdict a failure too.

    >>> from coherence.checks.verdict import Outcome, Verdict
    >>> d = diff_verdicts([Verdict("a", Outcome.REFUTED)], [], strict=True)
    >>> [str(c) for c in d.failures]
    ['a: disappeared, was refuted']
    """
    old_by = _keyed(old)
    new_by = _keyed(new)
    changes: list[Change] = []
    unchanged = 0
    for key, v in new_by.items():
        before = old_by.get(key)
        if before is None:
            changes.append(Change(key, "appeared", None, v))
        elif before.outcome is not v.outcome:
            changes.append(Change(key, "changed", before, v))
        elif v.outcome is Outcome.REFUTED and before.witness != v.witness:
            changes.append(Change(key, "witness", before, v))
        else:
            unchanged += 1
    for key, v in old_by.items():
        if key not in new_by:
            changes.append(Change(key, "disappeared", v, None))
    return ReportDiff(tuple(changes), unchanged, strict)


def read_report(path: str | Path) -> tuple[Verdict, ...]:
    """The verdicts of a JSON report written by ``coherence check --format json``
    (or the pytest plugin's ``--coherence-report``).

    >>> try:
    ...     read_report("no/such/report.json")
    ... except InputError as err:
    ...     print(err)
    no/such/report.json: expected a readable JSON report, got no such file
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("expected a readable JSON report", got="no such file",
                         file=str(path)) from None
    except (OSError, UnicodeDecodeError) as err:
        raise InputError("expected a readable JSON report", got=type(err).__name__,
                         file=str(path)) from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError("expected JSON", got=err.msg.lower(), file=str(path),
                         line=err.lineno) from None
    return parse_report(doc, file=str(path))


def parse_report(doc: Any, *, file: str | None = None) -> tuple[Verdict, ...]:
    """The verdicts of an already parsed report document (``{"results": [...]}``).

    >>> parse_report({"results": [{"id": "a", "verdict": "proved"}]})[0].outcome
    <Outcome.PROVED: 'proved'>
    >>> try:
    ...     parse_report({"results": [{"id": "a", "verdict": "proven"}]})
    ... except InputError as err:
    ...     print(err)
    result 1: expected a verdict, got 'proven' (did you mean 'proved'?)
    """
    if not isinstance(doc, dict) or not isinstance(doc.get("results"), list):
        got = type(doc).__name__ if not isinstance(doc, dict) else "no 'results' list"
        raise InputError("expected a coherence JSON report with a 'results' list",
                         got=got, file=file)
    out = []
    names = [o.value for o in Outcome]
    for number, item in enumerate(doc["results"], start=1):
        where = f"result {number}"
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise InputError("expected an object with an 'id'", got=repr(item)[:60],
                             file=file, context=where)
        if item.get("verdict") not in names:
            raise InputError("expected a verdict", got=repr(item.get("verdict")), file=file,
                             context=where, choices=names)
        try:
            out.append(Verdict.from_json(item))
        except (TypeError, ValueError, AttributeError) as err:
            raise InputError("expected a verdict object", got=str(err), file=file,
                             context=where) from None
    return tuple(out)


def render_diff(d: ReportDiff, fmt: str = "text") -> str:
    """The diff as ``text``, ``markdown`` (a pull-request comment) or ``json``.

    >>> from coherence.checks.verdict import Outcome, Verdict
    >>> print(render_diff(diff_verdicts([Verdict("a", Outcome.PROVED)],
    ...                                 [Verdict("a", Outcome.UNKNOWN)])))
    FAIL  changed      a  proved → unknown
    <BLANKLINE>
    1 changed, 0 unchanged — 1 proved/refuted verdict changed (exit 1)
    """
    if fmt == "json":
        return json.dumps(_to_json(d), indent=2, ensure_ascii=False)
    if fmt == "markdown":
        return _markdown(d)
    if fmt != "text":
        raise InputError(f"expected a format ({', '.join(DIFF_FORMATS)})", got=repr(fmt),
                         choices=DIFF_FORMATS)
    failing = set(map(id, d.failures))
    width = max((len(c.key) for c in d.changes), default=0)
    lines = []
    for c in d.changes:
        flag = "FAIL" if id(c) in failing else ""
        lines.append(f"{flag:<5} {c.kind:<12} {c.key:<{width}}  {_what(c)}".rstrip())
    if lines:
        lines.append("")
    lines.append(_summary(d))
    return "\n".join(lines)


def _what(c: Change) -> str:
    if c.kind == "appeared" and c.new is not None:
        return _outcome_text(c.new)
    if c.kind == "disappeared" and c.old is not None:
        return f"was {_outcome_text(c.old)}"
    if c.old is None or c.new is None:
        raise InternalError(f"a {c.kind!r} change without both verdicts")
    return f"{_outcome_text(c.old)} → {_outcome_text(c.new)}"


def _outcome_text(v: Verdict) -> str:
    if v.outcome is Outcome.REFUTED and v.witness:
        return f"refuted at {v.witness_text}"
    return v.outcome.value


def _summary(d: ReportDiff) -> str:
    counts = d.counts()
    parts = [f"{n} {k}" for k, n in counts.items() if n and k != "unchanged"]
    parts.append(f"{counts['unchanged']} unchanged")
    text = ", ".join(parts)
    if d.failed:
        n = len(d.failures)
        text += f" — {n} proved/refuted verdict{'' if n == 1 else 's'} changed (exit 1)"
    else:
        text += " — no proved or refuted verdict changed (exit 0)"
    return text


def _markdown(d: ReportDiff) -> str:
    lines = ["### coherence: verdicts against the baseline", "", f"**{_summary(d)}**", ""]
    if d.changes:
        failing = set(map(id, d.failures))
        lines += ["| | change | claim | before | after |", "|---|---|---|---|---|"]
        for c in d.changes:
            before = _outcome_text(c.old) if c.old is not None else "–"
            after = _outcome_text(c.new) if c.new is not None else "–"
            cells = ["❌" if id(c) in failing else "ℹ️", c.kind, f"`{_md(c.key)}`",
                     _md(before), _md(after)]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|").replace("`", "ˋ")


def _to_json(d: ReportDiff) -> dict[str, Any]:
    failing = set(map(id, d.failures))
    return {
        "tool": "coherence",
        "kind": "diff",
        "failed": d.failed,
        "counts": d.counts(),
        "changes": [
            {
                "key": c.key,
                "kind": c.kind,
                "failure": id(c) in failing,
                "old": None if c.old is None else c.old.to_json(),
                "new": None if c.new is None else c.new.to_json(),
            }
            for c in d.changes
        ],
    }


def _keyed(verdicts: Sequence[Verdict]) -> dict[str, Verdict]:
    out: dict[str, Verdict] = {}
    for v in verdicts:
        key = verdict_key(v)
        if key in out:  # the same id twice in one file: number the repeats
            n = 2
            while f"{key}#{n}" in out:
                n += 1
            key = f"{key}#{n}"
        out[key] = v
    return out
