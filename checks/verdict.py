"""The verdict model: what coherence says about a claim, and everything that backs it.

A :class:`Verdict` is never a bare boolean. It carries the outcome, the method that
decided it, the witness (exact values, already re-checked), both sides evaluated at
the witness, the residual, why a search stopped, how long it took and where the claim
came from.

=========  ==============================================  ===========================
outcome    meaning                                          must carry
=========  ==============================================  ===========================
proved     holds for every value in the stated domain        the method
refuted    fails at a concrete, exactly re-checked witness  witness, lhs, rhs
evidence   held on every sample tried; not a proof         samples, seed, tolerance
unknown    no method decided it within the budget           what was tried, how long
error      the claim could not be read or evaluated         file, line, what expected
=========  ==============================================  ===========================

Examples
--------
>>> v = Verdict("coassociativity", Outcome.PROVED, method="exact identity on 64 basis tuples")
>>> print(v)
proved coassociativity (exact identity on 64 basis tuples)
>>> v.matches("holds")
True
>>> Verdict.from_json(v.to_json()) == v
True
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from coherence.algebra.errors import InputError

#: The default ``--timeout`` of one claim or law, in seconds: a safety stop, at least 3×
#: the time of the slowest bundled claim on a 2-core machine under a second full load
#: (docs/claims.md, "Limits").
DEFAULT_TIMEOUT = 30.0


class Outcome(StrEnum):
    """The five outcomes, ordered from strongest promise to none."""

    PROVED = "proved"
    REFUTED = "refuted"
    EVIDENCE = "evidence"
    UNKNOWN = "unknown"
    ERROR = "error"

    def __str__(self) -> str:
        return self.value


#: What ``expect`` may say in a claim file, and which outcomes satisfy it.
EXPECTATIONS: Mapping[str, frozenset[Outcome]] = {
    "proved": frozenset({Outcome.PROVED}),
    "refuted": frozenset({Outcome.REFUTED}),
    "evidence": frozenset({Outcome.EVIDENCE}),
    "unknown": frozenset({Outcome.UNKNOWN}),
    "holds": frozenset({Outcome.PROVED, Outcome.EVIDENCE}),
    "error": frozenset({Outcome.ERROR}),
}


@dataclass(frozen=True, slots=True)
class Location:
    """Where a claim or law comes from: a file and a 1-based line.

    >>> str(Location("a.claims.toml", 12))
    'a.claims.toml:12'
    """

    file: str
    line: int | None = None

    def __str__(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class Verdict:
    """One decided claim or law.

    ``witness`` is a tuple of ``(name, value)`` pairs rendered as text (the exact values,
    already re-checked, live in ``witness_values`` for programmatic use, and as JSON-ready
    data — exact strings per variable, docs/json.md — in ``witness_data``); ``lhs``/``rhs``
    are both sides at the witness; ``detail`` says why a search stopped or what was
    proved, in the user's terms. ``condition`` is set for parametric laws that hold
    exactly on part of the parameter space ("q**2 - q = 0"): such a law is ``refuted``
    at a re-checked failing value, and the condition says where it does hold.
    ``failing`` names, for a ``refuted`` claim whose conclusion is a conjunction (an
    ``and``, a chained comparison, ``implies``, a predicate defined as one), the part that
    fails at the witness and the parts that hold.
    ``vacuous`` marks a ``proved`` claim that says nothing: no point of its domain
    satisfies the assumptions and defines the conclusion (the method then says
    "vacuously").
    ``where`` (the place in the paper), ``area`` (the vocabulary areas the claim uses)
    and ``source`` (the claim as written) are filled in for claims read from a file,
    for the reports.

    >>> v = Verdict("S∘S = id", Outcome.REFUTED, method="exact identity on basis",
    ...             witness=(("v", "x"),), lhs="-x", rhs="x", residual="-2·x")
    >>> v.witness_text
    'v = x'
    """

    id: str
    outcome: Outcome
    method: str = ""
    statement: str = ""
    witness: tuple[tuple[str, str], ...] | None = None
    lhs: str | None = None
    rhs: str | None = None
    residual: str | None = None
    detail: str = ""
    seconds: float = 0.0
    location: Location | None = None
    expect: str | None = None
    seed: int | None = None
    samples: int | None = None
    tolerance: str | None = None
    shrink_steps: int | None = None
    condition: str | None = None
    vacuous: bool = False
    failing: str | None = None
    where: str = ""
    area: str = ""
    source: str = ""
    witness_values: Any = field(default=None, compare=False, repr=False)
    witness_data: Any = field(default=None, compare=False, repr=False)
    #: the fraction of the claim's --timeout it used (a time field, like ``seconds``)
    budget_used: float | None = field(default=None, compare=False)
    #: the stages tried: ``(stage, what it counted, seconds)``, for ``-v`` displays
    stages: tuple[tuple[str, str, float], ...] = field(default=(), compare=False, repr=False)

    # -- reading -----------------------------------------------------------------
    @property
    def witness_text(self) -> str:
        """The witness as ``name = value, …`` (empty when there is none)."""
        if not self.witness:
            return ""
        return ", ".join(f"{name} = {value}" for name, value in self.witness)

    def matches(self, expect: str | None = None) -> bool:
        """Whether the verdict meets ``expect`` (default: the verdict's own).

        Without any expectation a verdict passes unless it is ``refuted`` or ``error``.

        >>> Verdict("c", Outcome.EVIDENCE).matches()
        True
        >>> Verdict("c", Outcome.REFUTED, expect="proved").matches()
        False
        """
        expect = expect if expect is not None else self.expect
        if expect is None:
            return self.outcome not in (Outcome.REFUTED, Outcome.ERROR)
        return self.outcome in EXPECTATIONS[expect]

    @property
    def headline(self) -> str:
        """One line that stands alone: what happened, and against what was expected.

        >>> Verdict("c", Outcome.REFUTED, witness=(("A", "[[1, 1], [0, 1]]"),),
        ...         expect="proved").headline
        'refuted at A = [[1, 1], [0, 1]] (expected proved)'
        """
        text = str(self.outcome)
        if self.outcome is Outcome.REFUTED and self.witness:
            text += f" at {self.witness_text}"
        elif self.outcome is Outcome.ERROR and self.detail:
            text += f": {self.detail}"
        elif self.method:
            text += f" ({self.method})"
        if self.expect is not None and not self.matches():
            text += f" (expected {self.expect})"
        return text

    def __str__(self) -> str:
        text = f"{self.outcome} {self.id}"
        if self.method:
            text += f" ({self.method})"
        if self.witness:
            text += f" at {self.witness_text}"
        return text

    # -- notebooks ---------------------------------------------------------------
    def _repr_html_(self) -> str:
        """Jupyter: the claim line and the block, witness and sides as MathML."""
        from coherence.checks.report_html import verdict_html

        return verdict_html(self)

    def _repr_markdown_(self) -> str:
        """Jupyter (Markdown front ends): the explanation as a code block."""
        from coherence.checks.render import explain

        return "```text\n" + explain(self).replace("```", "ˋˋˋ") + "\n```\n"

    def _repr_latex_(self) -> str | None:
        """Jupyter (LaTeX front ends): the witness as ``name = value``, typeset by SymPy.

        >>> Verdict("c", Outcome.REFUTED, witness=(("x", "1/2"),))._repr_latex_()
        '$x = \\\\frac{1}{2}$'
        """
        if not self.witness:
            return None
        from coherence.checks.report_html import latex

        return "$" + ",\\quad ".join(f"{latex(n)} = {latex(v)}" for n, v in self.witness) + "$"

    # -- changing ----------------------------------------------------------------
    def with_(self, **changes: Any) -> Verdict:
        """A copy with some fields changed.

        >>> Verdict("c", Outcome.PROVED).with_(seconds=0.5).seconds
        0.5
        """
        return replace(self, **changes)

    # -- JSON --------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        """The JSON-ready dict every command shares (see docs/json.md)."""
        return {
            "id": self.id,
            "verdict": self.outcome.value,
            "method": self.method,
            "statement": self.statement,
            "witness": None if self.witness is None else dict(self.witness),
            "witness_data": self.witness_data,
            "lhs": self.lhs,
            "rhs": self.rhs,
            "residual": self.residual,
            "detail": self.detail,
            "seconds": round(self.seconds, 4),
            "budget_used": None if self.budget_used is None else round(self.budget_used, 4),
            "location": None if self.location is None else str(self.location),
            "expect": self.expect,
            "matches": self.matches(),
            "seed": self.seed,
            "samples": self.samples,
            "tolerance": self.tolerance,
            "shrink_steps": self.shrink_steps,
            "condition": self.condition,
            "vacuous": self.vacuous,
            "failing": self.failing,
            "where": self.where,
            "area": self.area,
            "claim": self.source,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Verdict:
        """Read back a dict written by :meth:`to_json` (used by ``coherence diff``)."""
        loc = data.get("location")
        location = None
        if loc:
            file, _, line = str(loc).rpartition(":")
            location = Location(file, int(line)) if line.isdigit() and file else Location(loc)
        witness = data.get("witness")
        return cls(
            id=data["id"],
            outcome=Outcome(data["verdict"]),
            method=data.get("method", ""),
            statement=data.get("statement", ""),
            witness=None if witness is None else tuple(witness.items()),
            lhs=data.get("lhs"),
            rhs=data.get("rhs"),
            residual=data.get("residual"),
            detail=data.get("detail", ""),
            seconds=data.get("seconds", 0.0),
            budget_used=data.get("budget_used"),
            location=location,
            expect=data.get("expect"),
            seed=data.get("seed"),
            samples=data.get("samples"),
            tolerance=data.get("tolerance"),
            shrink_steps=data.get("shrink_steps"),
            condition=data.get("condition"),
            vacuous=bool(data.get("vacuous", False)),
            failing=data.get("failing"),
            witness_data=data.get("witness_data"),
            where=data.get("where") or "",
            area=data.get("area") or "",
            source=data.get("claim") or "",
        )


def timed(fn: Callable[[], Verdict]) -> Verdict:
    """Run a verdict-producing ``fn`` and record its wall-clock time on the verdict.

    >>> timed(lambda: Verdict("c", Outcome.PROVED)).seconds >= 0
    True
    """
    t0 = time.perf_counter()
    v = fn()
    return v.with_(seconds=time.perf_counter() - t0)


def select_ids(only: Iterable[str] | None, known: Sequence[str],
               default: Iterable[str] | None = None) -> set[str]:
    """The law ids to check: ``only`` (each validated against ``known``) or ``default``.

    >>> sorted(select_ids(["b"], ["a", "b"]))
    ['b']
    >>> select_ids(["assoc"], ["associativity"])
    Traceback (most recent call last):
    ...
    coherence.algebra.errors.InputError: expected a law name, got 'assoc'
    """
    if only is None:
        return set(known if default is None else default)
    only = list(only)
    for name in only:
        if name not in known:
            raise InputError("expected a law name", got=repr(name), choices=known)
    return set(only)


def summary(verdicts: list[Verdict] | tuple[Verdict, ...]) -> dict[str, int]:
    """Count verdicts by outcome, every outcome present (zeros included).

    >>> summary([Verdict("a", Outcome.PROVED), Verdict("b", Outcome.PROVED)])["proved"]
    2
    """
    counts = {o.value: 0 for o in Outcome}
    for v in verdicts:
        counts[v.outcome.value] += 1
    return counts


def report_json(verdicts: list[Verdict] | tuple[Verdict, ...], version: str) -> str:
    """The JSON document every command writes: tool, version, results, summary.

    >>> doc = json.loads(report_json([Verdict("a", Outcome.PROVED)], "0.1.0"))
    >>> doc["tool"], doc["summary"]["proved"]
    ('coherence', 1)
    """
    doc = {
        "tool": "coherence",
        "version": version,
        "results": [v.to_json() for v in verdicts],
        "summary": summary(verdicts),
    }
    return json.dumps(doc, indent=2, ensure_ascii=False)
