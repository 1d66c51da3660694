"""The logic of the decider on scalar claims (issue 13): random claim trees over one or
two scalar variables against brute force on a grid of small integers and halves.

Trees nest comparisons inside comparisons, ``not``, ``and``/``or``, ``implies``,
``x if p else y``, ``relu``/``abs``/``max``/``min``, products, and divisions by terms
that vanish somewhere (so that points are undefined, and some claims are vacuous). The
oracle evaluates the same tree with Python fractions, a division by zero making the
point inadmissible exactly where the claim language says so (the divisor is evaluated
only where the claim evaluates it).

* ``proved`` never meets a grid point where the assumption holds, every evaluated
  expression is defined, and the conclusion is false (the grid lies in every domain
  used: ``Integer(-2, 2)`` and ``Real``/``Real(-2, 2)`` contain it, or its integers);
* ``proved`` *vacuously* never has an admissible grid point;
* a ``refuted`` witness falsifies the claim under the oracle;
* a well-formed tree is never an ``error``.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from coherence.checks.claims import claim
from coherence.checks.decide import decide
from coherence.checks.verdict import Outcome
from decider_trees import Node, Tally, connective

#: Trees in the CI run (fixed seed 0).
CI_TREES = 150
GRID = tuple(Fraction(k, 2) for k in range(-4, 5))  # -2, -3/2, …, 2
DOMAINS = ("Integer(-2, 2)", "Integer(-2, 2)", "Real(-2, 2)", "Real")


class Undef(Exception):  # noqa: N818 - the oracle's "undefined here"
    """A division by zero at this point."""


@dataclass
class Gen:
    """Random scalar claim trees."""

    rng: random.Random
    names: tuple[str, ...]

    def term(self, depth: int) -> Node:
        r = self.rng.random()
        if depth <= 0 or r < 0.25:
            if self.rng.random() < 0.6:
                v = self.rng.choice(self.names)
                return Node(v, lambda e, v=v: e[v])
            c = Fraction(self.rng.choice((0, 1, 2, -1, 3)), self.rng.choice((1, 1, 2)))
            return Node(f"({c})", lambda e, c=c: c)
        k = self.rng.choice(("+", "-", "*", "*", "/", "relu", "abs", "max", "min", "cond"))
        if k in ("relu", "abs"):
            x = self.term(depth - 1)
            f = (lambda a: max(a, Fraction(0))) if k == "relu" else abs
            return Node(f"{k}({x.text})", lambda e, x=x, f=f: f(x.fn(e)))
        if k == "cond":
            p, x, y = self.boolean(depth - 1), self.term(depth - 1), self.term(depth - 1)
            return Node(f"(({x.text}) if ({p.text}) else ({y.text}))",
                        lambda e, p=p, x=x, y=y: x.fn(e) if p.fn(e) else y.fn(e))
        x, y = self.term(depth - 1), self.term(depth - 1)
        if k in ("max", "min"):
            f = max if k == "max" else min
            return Node(f"{k}({x.text}, {y.text})", lambda e, x=x, y=y, f=f: f(x.fn(e), y.fn(e)))

        def div(a: Fraction, b: Fraction) -> Fraction:
            if b == 0:
                raise Undef
            return a / b

        f = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
             "/": div}[k]
        return Node(f"({x.text}) {k} ({y.text})", lambda e, x=x, y=y, f=f: f(x.fn(e), y.fn(e)))

    def boolean(self, depth: int) -> Node:
        r = self.rng.random()
        if depth <= 0 or r < 0.4:
            x, y = self.term(depth), self.term(depth)
            op = self.rng.choice(("==", "!=", "<", "<=", ">="))
            f = {"==": lambda a, b: a == b, "!=": lambda a, b: a != b,
                 "<": lambda a, b: a < b, "<=": lambda a, b: a <= b,
                 ">=": lambda a, b: a >= b}[op]
            return Node(f"({x.text}) {op} ({y.text})",
                        lambda e, x=x, y=y, f=f: f(x.fn(e), y.fn(e)))
        return connective(self.rng, self.boolean, depth,
                          ("nested", "not", "and", "or", "implies"))


def _admissible_false(then: Node, hyp: Node | None, env: dict[str, Fraction]) -> bool | None:
    """``True``: a counterexample; ``False``: holds; ``None``: inadmissible point."""
    try:
        if hyp is not None and not hyp.fn(env):
            return None
        return not then.fn(env)
    except Undef:
        return None


def run(seed: int, count: int, *, timeout: float = 4.0) -> Tally:
    """Decide ``count`` random scalar trees and compare with the grid."""
    rng = random.Random(f"decider-logic-numeric:{seed}")
    tally = Tally()
    for _ in range(count):
        names = ("x", "y")[:rng.choice((1, 1, 2))]
        dom = rng.choice(DOMAINS)
        g = Gen(rng, names)
        then = g.boolean(rng.choice((1, 2, 3)))
        hyp = g.boolean(1) if rng.random() < 0.3 else None
        kw: dict[str, Any] = {"for_all": dict.fromkeys(names, dom)}
        if hyp is not None:
            kw["assuming"] = hyp.text
        v = decide(claim("tree", then=then.text, **kw), seed=seed, timeout=timeout)
        tally.count(v)
        what = f"∀{','.join(names)} ∈ {dom}: assuming {hyp.text if hyp else '-'}; {then.text}"
        grid = [g for g in GRID if dom.startswith("Real") or g.denominator == 1]
        if v.outcome is Outcome.ERROR:
            tally.disagreements.append(f"error on a well-formed tree: {what}: {v.detail}")
        elif v.outcome is Outcome.REFUTED:
            env = v.witness_values or {}
            if not all(isinstance(env.get(n), Fraction) for n in names):
                continue  # an algebraic witness: re-checked exactly by the decider itself
            if _admissible_false(then, hyp, dict(env)) is not True:
                tally.disagreements.append(f"refuted at a non-witness {v.witness_text}: {what}")
        elif v.outcome is Outcome.PROVED:
            for point in itertools.product(grid, repeat=len(names)):
                env = dict(zip(names, point, strict=True))
                tally.brute_points += 1
                status = _admissible_false(then, hyp, env)
                if status is True:
                    tally.disagreements.append(f"proved ({v.method}) but false at {env}: {what}")
                    break
                if status is False and v.vacuous:
                    tally.disagreements.append(f"proved vacuously but admissible at {env}: {what}")
                    break
    return tally


def test_random_scalar_claim_trees_agree_with_the_grid() -> None:
    run(seed=0, count=CI_TREES).assert_agrees(proved=5, refuted=10)
