"""Shared pieces of the random claim trees of ``test_decider_logic*.py``: a subtree as
claim text plus its value under an independent oracle, and the boolean connectives."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Fn = Callable[[dict[str, Any]], Any]


@dataclass(frozen=True)
class Node:
    """One subtree: its claim text and its value computed by the oracle."""

    text: str
    fn: Fn = field(compare=False)


def connective(rng: random.Random, boolean: Callable[[int], Node], depth: int,
               kinds: tuple[str, ...]) -> Node:
    """``not``, ``and``, ``or``, ``implies`` or a comparison of two truth values
    (``nested``), over subtrees drawn by ``boolean(depth - 1)``."""
    k = rng.choice(kinds)
    if k == "not":
        x = boolean(depth - 1)
        return Node(f"not ({x.text})", lambda e, x=x: not x.fn(e))
    x, y = boolean(depth - 1), boolean(depth - 1)
    if k == "nested":
        op = rng.choice(("==", "!="))
        f = (lambda p, q: p == q) if op == "==" else (lambda p, q: p != q)
        return Node(f"({x.text}) {op} ({y.text})", lambda e, x=x, y=y, f=f: f(x.fn(e), y.fn(e)))
    if k == "and":
        return Node(f"({x.text}) and ({y.text})", lambda e, x=x, y=y: x.fn(e) and y.fn(e))
    if k == "or":
        return Node(f"({x.text}) or ({y.text})", lambda e, x=x, y=y: x.fn(e) or y.fn(e))
    return Node(f"implies({x.text}, {y.text})", lambda e, x=x, y=y: (not x.fn(e)) or y.fn(e))


@dataclass
class Tally:
    """How the trees came out, and every disagreement with the oracle."""

    trees: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    brute_points: int = 0
    missed: int = 0  # evidence/unknown although brute force knows a counterexample
    vacuous: int = 0
    disagreements: list[str] = field(default_factory=list)

    def count(self, verdict: Any) -> None:
        """Count one verdict."""
        self.trees += 1
        self.outcomes[verdict.outcome.value] = self.outcomes.get(verdict.outcome.value, 0) + 1
        self.vacuous += bool(verdict.vacuous)

    def describe(self) -> str:
        """One line of counts."""
        return (f"{self.trees} trees {dict(sorted(self.outcomes.items()))}, "
                f"{self.brute_points} brute-force points, {self.missed} missed, "
                f"{self.vacuous} vacuous, {len(self.disagreements)} disagreements")

    def assert_agrees(self, **at_least: int) -> None:
        """No disagreement, and at least so many verdicts of each outcome (so that the
        trees really exercised the paths: proofs, refutations, evidence)."""
        assert not self.disagreements, "\n".join(self.disagreements[:10])
        for outcome, n in at_least.items():
            assert self.outcomes.get(outcome, 0) >= n, self.outcomes
