"""Every law engine of coherence against the naive kernel (:mod:`engines_naive`).

``compare`` runs the exhaustive, random (mod p), numeric and — for a structure over ℚ —
parametric engines on one structure and returns what disagreed with the naive kernel:

* exhaustive: the verdict must be the naive one (proved iff the law holds), and a
  refutation's basis witness must be a tuple where the naive kernel sees it fail;
* random (each seed): never ``refuted`` for a law that holds (and its witness must fail
  naively), never ``proved`` for one that fails; ``evidence`` for a failing law is
  counted as a *miss* (allowed only with the stated probability; none expected);
* numeric: never ``refuted``/``proved`` against the naive kernel (float evidence only);
* parametric: the structure is made a family over ℚ(q) with one constant c replaced by
  c + (q − 2)·r, so at q = 2 it is the structure itself; each law's condition evaluated
  at q = 2 must say exactly what the naive kernel says there.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from engines_naive import Naive, failures, to_coherence

LAWS = ("associativity", "left-unit", "right-unit", "coassociativity", "left-counit",
        "right-counit", "delta-multiplicative", "eps-multiplicative", "delta-unit", "eps-unit",
        "antipode-left", "antipode-right", "commutative", "cocommutative")


@dataclass
class Tally:
    """Counts per engine, and every disagreement (which must stay empty)."""

    checks: Counter = field(default_factory=Counter)
    misses: Counter = field(default_factory=Counter)
    disagreements: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.checks.update(other.checks)
        self.misses.update(other.misses)
        self.disagreements += other.disagreements


def _key(H: Any, v: Any) -> tuple[int, ...] | None:
    if not v.witness_values:
        return None
    try:
        return tuple(H.space.index(name) for name in v.witness_values)
    except (ValueError, AttributeError, TypeError):
        return None


def compare(label: str, N: Naive, seeds: tuple[int, ...] = (0,), numeric: bool = True,
            parametric: bool = False) -> Tally:
    from coherence.checks.laws import check_laws
    from coherence.checks.random_laws import check_laws_random
    from coherence.checks.verdict import Outcome

    t = Tally()
    naive = failures(N)
    laws = [law for law in LAWS if law in naive]
    H = to_coherence(N)

    def bad(engine: str, law: str, what: str) -> None:
        t.disagreements.append(f"{label}: {engine} {law}: {what} (naive fails at "
                               f"{naive[law][:3]})")

    for v in check_laws(H, only=laws):
        law = v.id
        t.checks["exhaustive"] += 1
        holds = not naive[law]
        if (v.outcome is Outcome.PROVED) != holds or v.outcome not in (Outcome.PROVED,
                                                                        Outcome.REFUTED):
            bad("exhaustive", law, v.outcome.value)
        elif v.outcome is Outcome.REFUTED:
            key = _key(H, v)
            if key is not None and key not in naive[law]:
                bad("exhaustive", law, f"witness {v.witness_values} does not fail naively")
    random_laws = [law for law in laws if law not in ("antipode-left", "antipode-right")
                   or N.S is not None]
    runs = [("random", s) for s in seeds] + ([("numeric", seeds[0])] if numeric else [])
    for method, seed in runs:
        for v in check_laws_random(H, only=random_laws, method=method, seed=seed):
            law = v.id
            holds = not naive[law]
            t.checks[method] += 1
            if v.outcome is Outcome.REFUTED:
                if holds:
                    bad(f"{method}(seed {seed})", law, "refuted a law that holds")
                else:
                    key = _key(H, v)
                    if key is not None and key not in naive[law]:
                        bad(method, law, f"witness {v.witness_values} does not fail naively")
            elif v.outcome is Outcome.PROVED and not holds:
                bad(f"{method}(seed {seed})", law, "proved a law that fails")
            elif v.outcome is Outcome.EVIDENCE and not holds:
                t.misses[method] += 1
    if parametric and N.order == 1:
        _parametric(label, N, naive, laws, t)
    return t


def _parametric(label: str, N: Naive, naive: dict[str, list], laws: list[str], t: Tally
                ) -> None:
    """The family c ↦ c + (q − 2)·r at one constant; its conditions at q = 2 vs naive."""
    import sympy
    from coherence.algebra.domains import rational_functions
    from coherence.algebra.hopf import build
    from coherence.checks.parametric import check_parametric
    from coherence.checks.verdict import Outcome

    rng = random.Random(label)
    F = rational_functions("q")
    q = F.from_sympy(sympy.Symbol("q"))
    n = N.n

    def conv(x: Any) -> Any:
        x = Fraction(x)
        return F.from_sympy(sympy.Rational(x.numerator, x.denominator))

    product = {k: {i: conv(c) for i, c in d.items() if c} for k, d in N.m.items()}
    key = (rng.randrange(n), rng.randrange(n))
    k = rng.randrange(n)
    r = conv(rng.choice([1, -1, 3, Fraction(1, 2)]))
    product.setdefault(key, {})
    product[key][k] = product[key].get(k, F.zero) + (q - conv(2)) * r
    args = dict(product=product, unit={i: conv(c) for i, c in N.u.items() if c},
                coproduct={i: {a * n + b: conv(c) for (a, b), c in d.items() if c}
                           for i, d in N.delta.items()},
                counit={i: conv(c) for i, c in N.eps.items() if c})
    if N.S is not None:
        args["antipode"] = {i: {j: conv(c) for j, c in d.items() if c} for i, d in N.S.items()}
    Hq = build(tuple(f"e{i}" for i in range(n)), F, **args)
    only = [law for law in laws if law in ("commutative", "cocommutative")
            or not law.startswith("antipode") or N.S is not None]
    qs = sympy.Symbol("q")
    for v in check_parametric(Hq, only=only, facts=True):
        if v.id not in naive:
            continue
        t.checks["parametric"] += 1
        holds = not naive[v.id]
        if v.outcome is Outcome.PROVED:
            if not holds:
                t.disagreements.append(f"{label}: parametric {v.id}: proved for every q, "
                                       "fails at q = 2")
            continue
        cond = v.witness_values
        basis = getattr(cond, "basis", None)
        if v.outcome is not Outcome.REFUTED or basis is None:
            continue  # unknown: no claim about q = 2
        at_two = all(sympy.expand(g.subs(qs, 2)) == 0 for g in basis)
        if at_two != holds:
            t.disagreements.append(f"{label}: parametric {v.id}: condition {cond.text()} "
                                   f"says {at_two} at q = 2, naive says {holds}")
