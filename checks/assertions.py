"""Assertion helpers for ordinary tests: ``assert_proved``, ``assert_refuted``, ``assert_holds``.

Each accepts a :class:`~coherence.checks.verdict.Verdict`, a claim stated in Python with
:func:`coherence.checks.claim` (decided on the spot with
:func:`coherence.checks.decide.decide`), or a law result — one verdict or the tuple that
:func:`coherence.checks.check_laws` returns (every verdict must pass). A failure raises
:class:`ClaimFailed`, an ``AssertionError`` that carries the verdict, so pytest shows it
as a plain failure whose first line stands alone::

    refuted at A = [[1, 1], [0, 1]] (expected proved)
      claim      positive-eigenvalues-symmetric
      witness    A = [[1, 1],
                      [0, 1]]
      ...

Examples
--------
>>> from coherence.checks.verdict import Outcome, Verdict
>>> assert_proved(Verdict("coassociativity", Outcome.PROVED, method="exact"))
Verdict(id='coassociativity', outcome=<Outcome.PROVED: 'proved'>, ...)
>>> try:
...     assert_proved(Verdict("S∘S = id", Outcome.REFUTED, witness=(("v", "x"),)))
... except ClaimFailed as failure:
...     print(str(failure).splitlines()[0])
...     print(failure.verdict.outcome)
refuted at v = x (expected proved)
refuted
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from coherence.algebra.errors import InputError
from coherence.checks.render import explain
from coherence.checks.verdict import DEFAULT_TIMEOUT, Verdict


class ClaimFailed(AssertionError):
    """A claim or law whose verdict is not the one asserted.

    ``verdict`` is the first verdict that failed, ``failures`` all of them, ``expected``
    what was asserted (``proved``, ``refuted`` or ``holds``).

    >>> from coherence.checks.verdict import Outcome, Verdict
    >>> err = ClaimFailed([Verdict("c", Outcome.UNKNOWN, detail="500 samples")], "proved")
    >>> err.verdict.id, err.expected
    ('c', 'proved')
    """

    def __init__(self, failures: list[Verdict], expected: str) -> None:
        self.failures = tuple(failures)
        self.verdict = self.failures[0]
        self.expected = expected
        text = explain(self.verdict.with_(expect=expected))
        if len(self.failures) > 1:
            others = ", ".join(v.id for v in self.failures[1:])
            text += f"\n  and {len(self.failures) - 1} more not {expected}: {others}"
        super().__init__(text)


# Shown in tracebacks and pytest's summary under its public name.
ClaimFailed.__module__ = "coherence.checks"


def assert_proved(subject: Any, *, seed: int = 0, timeout: float = DEFAULT_TIMEOUT) -> Verdict:
    """Assert that ``subject`` is proved; return its verdict (the first, for a law tuple).

    ``seed`` and ``timeout`` are passed to ``decide`` when ``subject`` is a claim.

    >>> from coherence.checks.verdict import Outcome, Verdict
    >>> assert_proved(Verdict("x", Outcome.EVIDENCE))
    Traceback (most recent call last):
    ...
    coherence.checks.ClaimFailed: evidence (expected proved)
      claim      x
    """
    __tracebackhide__ = True
    return _assert(subject, "proved", seed, timeout)


def assert_refuted(subject: Any, *, seed: int = 0, timeout: float = DEFAULT_TIMEOUT) -> Verdict:
    """Assert that ``subject`` is refuted (at an exactly re-checked witness); return the verdict.

    >>> from coherence.checks.verdict import Outcome, Verdict
    >>> assert_refuted(Verdict("sym", Outcome.REFUTED, witness=(("A", "[[1, 1], [0, 1]]"),))
    ...                ).witness_text
    'A = [[1, 1], [0, 1]]'
    """
    __tracebackhide__ = True
    return _assert(subject, "refuted", seed, timeout)


def assert_holds(subject: Any, *, seed: int = 0, timeout: float = DEFAULT_TIMEOUT) -> Verdict:
    """Assert that ``subject`` holds: proved, or evidence (held on every sample, not a proof).

    >>> from coherence.checks.verdict import Outcome, Verdict
    >>> assert_holds(Verdict("x", Outcome.EVIDENCE, samples=500)).samples
    500
    """
    __tracebackhide__ = True
    return _assert(subject, "holds", seed, timeout)


def verdicts_of(subject: Any, *, seed: int = 0, timeout: float = DEFAULT_TIMEOUT) -> tuple[Verdict, ...]:
    """The verdicts behind ``subject``: itself, each of a law tuple, or a claim decided.

    >>> from coherence.checks.verdict import Outcome, Verdict
    >>> len(verdicts_of((Verdict("a", Outcome.PROVED), Verdict("b", Outcome.PROVED))))
    2
    >>> verdicts_of("a == a")
    Traceback (most recent call last):
    ...
    coherence.algebra.errors.InputError: expected a Verdict, a claim or a law result, got str
    """
    if isinstance(subject, Verdict):
        return (subject,)
    if _is_claim(subject):
        from coherence.checks.decide import decide

        return (decide(subject, seed=seed, timeout=timeout),)
    if isinstance(subject, Iterable) and not isinstance(subject, str | bytes):
        out: list[Verdict] = []
        for item in subject:
            out.extend(verdicts_of(item, seed=seed, timeout=timeout))
        if not out:
            raise InputError("expected at least one verdict", got="an empty collection")
        return tuple(out)
    raise InputError("expected a Verdict, a claim or a law result", got=type(subject).__name__)


def _assert(subject: Any, expected: str, seed: int, timeout: float) -> Verdict:
    __tracebackhide__ = True
    verdicts = verdicts_of(subject, seed=seed, timeout=timeout)
    failures = [v for v in verdicts if not v.matches(expected)]
    if failures:
        raise ClaimFailed(failures, expected)
    return verdicts[0]


def _is_claim(subject: Any) -> bool:
    try:
        from coherence.checks.claims import Claim
    except ImportError:  # pragma: no cover - the claim model is part of coherence
        return False
    return isinstance(subject, Claim)
