"""Existential claims: ``exists = { y = "…" }`` — "(for all x) there is a y with …".

A claim with an ``exists`` table reads ``∀ for_all (assuming ⇒ ∃ exists: then)``. Its
verdicts are asymmetric, as the logic demands:

* the inner ∃ is **found** by an exact witness (enumeration of a finite domain, small
  values, then a Z3 model re-checked exactly); it is shown **absent** only by a proof:
  exhaustive enumeration of a finite domain, or Z3 ``unsat`` (infinite domain, without
  outer variables); otherwise it is undecided;
* without ``for_all``: ``proved`` with the witness, ``refuted`` by the proof of
  absence, else ``unknown``;
* with ``for_all`` (nested ∀∃): each outer point (all of a finite outer domain, or
  samples of an infinite one) gets its inner search. An outer point with no inner
  witness refutes (the outer point is the witness); a witness for *every* point of a
  finite outer domain proves; a witness at every sample of an infinite one is
  ``evidence``.

Examples
--------
>>> from coherence.checks.claims import claim
>>> from coherence.checks.decide import decide
>>> decide(claim("sq", exists={"y": "Integer(0, 5)"}, then="y * y == 9")).witness
(('y', '3'),)
>>> decide(claim("odd", exists={"y": "Integer(0, 5)"}, then="y * y == 2")).outcome.value
'refuted'
>>> decide(claim("half", for_all={"x": "Integer(-3, 3)"}, exists={"y": "Integer(-3, 3)"},
...              then="x + y == 0")).outcome.value
'proved'
"""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coherence.algebra.errors import InputError
from coherence.checks import expr as E
from coherence.checks.verdict import Outcome, Verdict
from coherence.counterexamples.problem import PointStatus

#: At most this many inner points are enumerated for one outer point.
INNER_LIMIT = 20_000
#: Outer points enumerated (finite) or sampled (infinite).
OUTER_LIMIT = 2_000
OUTER_SAMPLES = 60


@dataclass(frozen=True)
class Inner:
    """The inner search at one outer point: ``found`` (with ``values``/``text``),
    ``absent`` (with the proof in ``how``), ``excluded`` (the condition is undefined at
    every inner value: not a point of the claim) or ``undecided``."""

    status: str
    how: str
    values: Mapping[str, Any] | None = None
    text: tuple[tuple[str, str], ...] = ()


def _finite(v: Any) -> bool:
    from coherence.checks.decide import _bounded_int

    return v.finite is not None or (v.var is not None and _bounded_int(v.var))


def _size(vs: Sequence[Any]) -> int:
    from coherence.checks.decide import _finite_size

    out = 1
    for v in vs:
        out *= _finite_size(v)
    return out


def _combos(vs: Sequence[Any]) -> Any:
    from coherence.checks.decide import _finite_values

    names = [v.name for v in vs]
    for combo in itertools.product(*(_finite_values(v) for v in vs)):
        yield ({n: val for n, (val, _) in zip(names, combo, strict=True)},
               tuple((n, t) for n, (_, t) in zip(names, combo, strict=True)))


def _holds(p: Any, values: Mapping[str, Any]) -> PointStatus:
    try:
        return p.status(values).status
    except InputError:
        return PointStatus.UNDECIDED


def inner(p: Any, inner_vars: Sequence[Any], outer: Mapping[str, Any], seed: int,
          deadline: float) -> Inner:
    """Search the ∃ variables at one outer point (see the module docstring)."""
    if all(_finite(v) for v in inner_vars) and _size(inner_vars) <= INNER_LIMIT:
        undecided = violated = 0
        for values, text in _combos(inner_vars):
            if time.monotonic() > deadline:
                return Inner("undecided", "stopped by the --timeout")
            st = _holds(p, {**outer, **values})
            if st is PointStatus.HOLDS:
                return Inner("found", "exhaustive enumeration", values, text)
            undecided += st is PointStatus.UNDECIDED
            violated += st is PointStatus.VIOLATED
        if undecided:
            return Inner("undecided", f"{undecided} inner points undecided")
        if not violated:  # undefined (or excluded) at every inner value: not a point of the claim
            return Inner("excluded", f"undefined at all {_size(inner_vars)} inner points")
        return Inner("absent", f"exhaustive enumeration of {_size(inner_vars)} points")
    from coherence.checks.decide import _random_value

    rng = random.Random(seed)
    violated = 0
    for _ in range(200):
        if time.monotonic() > deadline:
            break
        picked = {v.name: _random_value(v, rng) for v in inner_vars}
        values = {n: val for n, (val, _) in picked.items()}
        st = _holds(p, {**outer, **values})
        if st is PointStatus.HOLDS:
            return Inner("found", "sampling, re-checked exactly", values,
                         tuple((n, t) for n, (_, t) in picked.items()))
        violated += st is PointStatus.VIOLATED
    if not violated:  # the condition was never defined here: Z3's unsat would say nothing
        return Inner("undecided", "the condition was undefined at every sampled inner value")
    return _z3_inner(p, inner_vars, outer)


def _z3_inner(p: Any, inner_vars: Sequence[Any], outer: Mapping[str, Any]) -> Inner:
    import z3
    from coherence.checks.decide import _exact_value
    from coherence.checks.z3_encode import counterexample_builder
    from coherence.counterexamples.problem import format_value

    if any(v.var is None for v in inner_vars):
        return Inner("undecided", "a non-numeric ∃ domain and no witness among samples")
    variables = [v.var for v in inner_vars]
    negated = E.Unary("not", p.then, 1)
    builder = counterexample_builder((), negated, variables, {**p.given, **outer})
    if builder is None:
        return Inner("undecided", "no witness among samples; the claim is not Z3-encodable")
    terms: dict[str, Any] = {}
    bounds = []
    for var in variables:
        for name in var.entry_names():
            t = z3.Int(name) if var.kind == "integer" else z3.Real(name)
            terms[name] = t
            if var.lo is not None:
                bounds.append(t >= z3.RealVal(str(var.lo)) if var.kind != "integer"
                              else t >= int(var.lo))
            if var.hi is not None:
                bounds.append(t <= z3.RealVal(str(var.hi)) if var.kind != "integer"
                              else t <= int(var.hi))
    solver = z3.Solver()
    solver.set("timeout", 5000)
    try:
        solver.add(builder(terms), *bounds)
        result = solver.check()
    except z3.Z3Exception:
        return Inner("undecided", "Z3 failed")
    if result == z3.unsat:
        return Inner("absent", "Z3 unsat: no value satisfies the condition")
    if result != z3.sat:
        return Inner("undecided", "Z3 unknown")
    model = solver.model()
    values = {}
    texts = []
    for var in variables:
        entries = []
        for name in var.entry_names():
            val = model.eval(terms[name], model_completion=True)
            if not (z3.is_rational_value(val) or z3.is_int_value(val)):
                return Inner("undecided", "Z3's model is irrational")
            from fractions import Fraction

            entries.append(Fraction(str(val.as_fraction() if z3.is_rational_value(val)
                                        else val.as_long())))
        values[var.name] = _exact_value(var, entries)
        texts.append((var.name, format_value(var.from_flat(entries))))
    if _holds(p, {**outer, **values}) is PointStatus.HOLDS:
        return Inner("found", "Z3 model, re-checked exactly", values, tuple(texts))
    return Inner("undecided", "Z3's model did not re-check exactly")


def decide_exists(p: Any, inner_vars: Sequence[Any], seed: int, timeout: float,
                  start: float) -> Verdict:
    """The verdict on ``∀ p.variables (assuming ⇒ ∃ inner_vars: then)``."""
    from coherence.checks.decide import _random_value

    claim = p.claim
    deadline = start + timeout
    shown = ", ".join(f"{v.name} ∈ {v.text}" for v in inner_vars)
    if not p.variables:
        r = inner(p, inner_vars, {}, seed, deadline)
        if r.status == "found":
            return Verdict(claim.id, Outcome.PROVED, method=f"exact witness ({r.how})",
                           witness=r.text, detail="the condition holds at the witness, "
                           "checked exactly", witness_values=dict(r.values or {}))
        if r.status == "absent":
            return Verdict(claim.id, Outcome.REFUTED, method=r.how,
                           witness=(("no witness", shown),), lhs=str(p.then),
                           rhs="false for every value", detail=f"proof of absence: {r.how}")
        return Verdict(claim.id, Outcome.UNKNOWN, method="witness search",
                       detail=f"no witness found and no proof that none exists ({r.how})")
    outer_vars = list(p.variables)
    finite = all(_finite(v) for v in outer_vars) and _size(outer_vars) <= OUTER_LIMIT
    if finite:
        points: Any = _combos(outer_vars)
    else:
        rng = random.Random(seed)

        def sampled() -> Any:
            for _ in range(OUTER_SAMPLES):
                picked = {v.name: _random_value(v, rng) for v in outer_vars}
                yield ({n: val for n, (val, _) in picked.items()},
                       tuple((n, t) for n, (_, t) in picked.items()))
        points = sampled()
    held = vacuous = 0
    undecided = ""
    for values, text in points:
        if time.monotonic() > deadline:
            return Verdict(claim.id, Outcome.UNKNOWN, method="∀∃ search",
                           detail=f"stopped by the --timeout ({held} outer points had a "
                                  "witness)")
        from coherence.checks.evaluate import truth

        try:
            if not all(truth(a, p.env(values)) for a in p.assuming):
                vacuous += 1
                continue
        except Exception:  # noqa: BLE001 - undefined assumption: not a point of the claim
            vacuous += 1
            continue
        r = inner(p, inner_vars, values, seed, deadline)
        if r.status == "excluded":
            vacuous += 1
            continue
        if r.status == "absent":
            return Verdict(claim.id, Outcome.REFUTED,
                           method=f"for this outer point, no inner witness: {r.how}",
                           witness=text, lhs=str(p.then), rhs=f"false for every {shown}",
                           detail=f"proof of absence: {r.how}")
        if r.status == "found":
            held += 1
        elif not undecided:
            undecided = r.how
    if undecided:
        return Verdict(claim.id, Outcome.UNKNOWN, method="∀∃ search",
                       detail=f"an inner search was undecided ({undecided}); {held} outer "
                              "points had a witness")
    if held == 0:
        return Verdict(claim.id, Outcome.UNKNOWN, method="∀∃ search",
                       detail=f"no outer point satisfied the assumptions ({vacuous})")
    if finite:
        return Verdict(claim.id, Outcome.PROVED,
                       method=f"exhaustive enumeration of the {held + vacuous} outer points, "
                              "an exact inner witness for each")
    return Verdict(claim.id, Outcome.EVIDENCE, method="∀∃ sampling",
                   samples=held, tolerance="exact",
                   detail=f"an exact inner witness at each of {held} sampled outer points "
                          f"(seed {seed}); {held} samples")
