"""Conjunctive conclusions decided part by part.

A conclusion ``P and Q`` — or ``all(body for i in range(a, b) …)`` whose ranges are
known before any variable is chosen — is decided as its conjuncts: each alone is often
an exact identity (one row of a softmax sums to 1) while the conjunction as one formula
is not recognised by any exact stage and ends `evidence` or `unknown`. The combined
verdict is sound by construction:

* ``refuted`` when a conjunct is refuted *and* its witness, re-checked exactly against
  the whole claim, violates it (for a claim without variables a false conjunct makes
  the conjunction false: no re-check needed);
* ``proved`` only when every conjunct is proved;
* otherwise the weakest of the parts (``evidence`` before ``unknown``).

Splitting is bounded (:data:`MAX_PARTS`): a conjunction over a large range stays whole.

Examples
--------
>>> from coherence.checks import expr as E
>>> from coherence.checks.evaluate import Env
>>> tree = E.parse("all(A[i, i] > 0 for i in range(2)) and A == A.T", bound=["A"])
>>> [(str(e), dict(b)) for e, b in split(tree, Env({}, None))]
[('A[i, i] > 0', {'i': Fraction(0, 1)}), ('A[i, i] > 0', {'i': Fraction(1, 1)}), ('A == A.T', {})]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from coherence.algebra.errors import InputError
from coherence.checks import expr as E
from coherence.checks.evaluate import Env, Undecidable, Undefined, evaluate
from coherence.checks.verdict import Outcome, Verdict

MAX_PARTS = 64
"""At most this many conjuncts; a conjunction with more is decided whole."""

Part = tuple[E.Expr, Mapping[str, Fraction]]


def split(node: E.Expr, env: Env) -> list[Part]:
    """The conjuncts of ``node`` with the loop indices each one binds (``[(node, {})]``
    when it is no conjunction or has more than :data:`MAX_PARTS` parts).

    >>> from coherence.checks.evaluate import Env
    >>> len(split(E.parse("x > 0 and (y > 0 and x < y)", bound=["x", "y"]), Env({}, None)))
    3
    """
    parts = _split(node, {}, env)
    if parts is None or len(parts) > MAX_PARTS:
        return [(node, {})]
    return parts


def _split(node: E.Expr, bound: dict[str, Fraction], env: Env) -> list[Part] | None:
    if isinstance(node, E.Logic) and node.op == "and":
        return _concat(_split(operand, bound, env) for operand in node.operands)
    if isinstance(node, E.Reduce) and node.op == "all":
        return _split_all(node, 0, bound, env)
    return [(node, dict(bound))]


def _split_all(node: E.Reduce, k: int, bound: dict[str, Fraction], env: Env
               ) -> list[Part] | None:
    if k == len(node.loops):
        return _split(node.body, bound, env)
    loop = node.loops[k]
    inner = env
    for name, value in bound.items():
        inner = inner.bind(name, value)
    try:
        start, stop = (evaluate(b, inner) for b in (loop.start, loop.stop))
    except (InputError, Undefined, Undecidable, KeyError, TypeError, ValueError):
        return None  # the range depends on a variable: not split
    if not all(isinstance(b, Fraction) and b.denominator == 1 for b in (start, stop)):
        return None
    if stop - start > MAX_PARTS:
        return None
    return _concat(_split_all(node, k + 1, {**bound, loop.var: Fraction(i)}, env)
                   for i in range(int(start), int(stop)))


def _concat(groups: Iterable[list[Part] | None]) -> list[Part] | None:
    """The parts of every group in order; None if one is unsplittable or too many."""
    out: list[Part] = []
    for sub in groups:
        if sub is None:
            return None
        out += sub
        if len(out) > MAX_PARTS:
            return None
    return out


_RANK = {Outcome.PROVED: 3, Outcome.EVIDENCE: 2, Outcome.UNKNOWN: 1, Outcome.ERROR: 0}


def describe(part: Part) -> str:
    """A conjunct as text, with the indices it binds.

    >>> describe((E.parse("A[i, i] > 0", bound=["A", "i"]), {"i": Fraction(1)}))
    'A[i, i] > 0 (i = 1)'
    """
    node, bound = part
    where = ", ".join(f"{k} = {v}" for k, v in bound.items())
    return f"{node}" + (f" ({where})" if where else "")


def combine(claim_id: str, parts: Sequence[Part], verdicts: Sequence[Verdict],
            confirm: Callable[[Verdict], Any] | None) -> Verdict:
    """The verdict on the conjunction from its parts' verdicts.

    ``confirm(v)`` re-checks a refuted part's witness against the whole claim and returns
    the whole claim's ``(lhs, rhs, failing)`` there (``failing`` names the failing part),
    or ``None`` when the whole is not violated;
    ``confirm`` is ``None`` for a claim without variables (a false conjunct suffices).

    >>> p = [(E.parse("x > 0", bound=["x"]), {}), (E.parse("x < 1", bound=["x"]), {})]
    >>> ok = Verdict("c", Outcome.PROVED, method="m")
    >>> combine("c", p, [ok, ok], None).method
    'each of 2 conjuncts decided alone: proved (m); proved (m)'
    """
    n = len(parts)
    notes = []
    for k, (part, v) in enumerate(zip(parts, verdicts, strict=True)):
        if v.outcome is Outcome.REFUTED:
            sides = (v.lhs, v.rhs, None) if confirm is None else confirm(v)
            if sides is None:
                notes.append(f"conjunct {k + 1}'s witness does not violate the whole claim")
                continue
            failing = sides[2] or f"conjunct {k + 1} of {n} fails: {describe(part)}"
            return v.with_(id=claim_id, lhs=sides[0], rhs=sides[1], failing=failing,
                           method=f"conjunct {k + 1} of {n} ({describe(part)}): {v.method}",
                           detail="; ".join(x for x in (
                               f"the conjunct {describe(part)} fails, so the conjunction "
                               "does (witness re-checked against the whole claim)"
                               if confirm is not None else
                               f"the conjunct {describe(part)} is false, so the conjunction is",
                               v.detail) if x))
    for v in verdicts:
        if v.outcome is Outcome.ERROR:
            return v
    worst = min(verdicts, key=lambda v: _RANK.get(v.outcome, 1))
    outcome = worst.outcome if worst.outcome is not Outcome.REFUTED else Outcome.UNKNOWN
    if notes and outcome is Outcome.PROVED:  # cannot happen: a refuted part is not proved
        outcome = Outcome.UNKNOWN
    method = (f"each of {n} conjuncts decided alone: "
              + "; ".join(f"{v.outcome.value} ({v.method})" for v in verdicts))
    if outcome is Outcome.PROVED:
        if any(v.vacuous for v in verdicts):
            # every conjunct holds wherever it is defined, and one is defined at no point
            # satisfying the assumptions: then neither is the conjunction (a point where it
            # is defined makes every conjunct defined, or one false): it says nothing
            return Verdict(claim_id, Outcome.PROVED, method=f"vacuously: {method}",
                           vacuous=True)
        return Verdict(claim_id, Outcome.PROVED, method=method)
    detail = "; ".join([*notes, *(f"{describe(p)}: {v.outcome.value}"
                                  + (f" — {v.detail}" if v.detail else "")
                                  for p, v in zip(parts, verdicts, strict=True)
                                  if v.outcome is not Outcome.PROVED)])
    if outcome is Outcome.EVIDENCE:
        samples = min((v.samples for v in verdicts if v.outcome is Outcome.EVIDENCE
                       and v.samples), default=None)
        return Verdict(claim_id, Outcome.EVIDENCE, method=method, detail=detail,
                       samples=samples, tolerance=worst.tolerance)
    return Verdict(claim_id, outcome, method=method, detail=detail)
