"""The logic of the decider (issue 13): random claim trees over small structures against
brute force.

Each tree is built twice from the same random choices: as claim text (read by the
whitelisting reader, decided by :func:`coherence.checks.decide.decide`) and as a Python
function over the algebra's own elements (``Element`` arithmetic, ``counit``,
``antipode``), which is the independent oracle. Trees nest comparisons inside
comparisons, ``not``, ``and``/``or``, ``implies``, nonlinear uses of the element
variables (``a*a``, ``eps(a)*b``) and top-level equations of multi-affine sides (the
shape the basis-tuple proof accepts).

* ``proved`` must never meet a counterexample among all elements whose coefficients
  are drawn from ``COEFFS`` (small integers and halves: ``1 − g`` and ``(1 + g)/2`` of
  ℚ[C₂] are among them);
* a ``refuted`` witness must really falsify the claim (assumptions true, conclusion
  false) when the oracle evaluates it;
* a well-formed tree is never an ``error``.

The CI run uses a fixed seed and a few hundred trees; ``tests/benchmarks/
bench_decider_logic.py`` runs more seeds and prints the counts.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from coherence.algebra.catalogue import get
from coherence.checks.claims import claim
from coherence.checks.decide import decide
from coherence.checks.verdict import Outcome
from decider_trees import Node, Tally, connective

#: Coefficients of the brute-force elements: small integers and halves.
COEFFS = (Fraction(0), Fraction(1), Fraction(-1), Fraction(1, 2), Fraction(-1, 2))
#: (structure, has an antipode, variables, coefficients per basis element)
STRUCTURES = (
    ("group:C2", True, ("a", "b"), COEFFS),
    ("monoid:idempotent", False, ("a", "b"), COEFFS),
    ("group:C3", True, ("a",), COEFFS),
    ("functions:C3", True, ("a",), COEFFS),
    ("sweedler", True, ("a",), (Fraction(0), Fraction(1), Fraction(-1), Fraction(1, 2))),
)

#: Trees in the CI run (fixed seed 0): about 10 s on an idle machine.
CI_TREES = 400


@dataclass
class Gen:
    """Random claim trees over one structure."""

    rng: random.Random
    name: str
    antipode: bool
    names: tuple[str, ...]

    def __post_init__(self) -> None:
        self.H = get(self.name)

    def frac(self, x: Any) -> Fraction:
        r = self.H.domain.to_sympy(x)
        return Fraction(int(r.p), int(r.q))

    def scal(self, c: Fraction) -> Any:
        return self.H.domain.convert(c.numerator) / self.H.domain.convert(c.denominator)

    # element-valued terms
    def elem(self, depth: int, linear: bool = False) -> Node:
        r = self.rng.random()
        if depth <= 0 or r < 0.3:
            v = self.rng.choice(self.names)
            return Node(v, lambda e, v=v: e[v])
        kinds = ["add", "sub", "scale", "half", "unit"]
        if self.antipode:
            kinds.append("S")
        if not linear:
            kinds += ["mul", "mul", "square", "epsmul"]
        k = self.rng.choice(kinds)
        if k == "unit":
            c = self.rng.choice((1, 2, -1))
            one = self.H.one()
            return Node(f"{c} * apply(u, 1)", lambda e, c=c, one=one: self.scal(Fraction(c)) * one)
        if k == "S":
            x = self.elem(depth - 1, linear)
            return Node(f"S({x.text})", lambda e, x=x: x.fn(e).antipode())
        if k in ("scale", "half"):
            c = Fraction(self.rng.choice((2, -1, 3))) if k == "scale" else Fraction(1, 2)
            x = self.elem(depth - 1, linear)
            return Node(f"{c} * ({x.text})", lambda e, x=x, c=c: self.scal(c) * x.fn(e))
        if k == "square":
            x = self.elem(depth - 1)
            return Node(f"({x.text}) * ({x.text})", lambda e, x=x: x.fn(e) * x.fn(e))
        if k == "epsmul":
            x, y = self.elem(depth - 1), self.elem(depth - 1)
            return Node(f"eps({x.text}) * ({y.text})",
                        lambda e, x=x, y=y: x.fn(e).counit() * y.fn(e))
        x, y = self.elem(depth - 1, linear), self.elem(depth - 1, linear)
        op = {"add": "+", "sub": "-", "mul": "*"}[k]
        f = {"+": lambda p, q: p + q, "-": lambda p, q: p - q, "*": lambda p, q: p * q}[op]
        return Node(f"({x.text}) {op} ({y.text})", lambda e, x=x, y=y, f=f: f(x.fn(e), y.fn(e)))

    # scalar-valued terms
    def scalar(self, depth: int, linear: bool = False) -> Node:
        r = self.rng.random()
        if depth <= 0 or r < 0.25:
            c = Fraction(self.rng.choice((0, 1, 2, -1)))
            return Node(str(c), lambda e, c=c: c)
        x = self.elem(depth - 1, linear)
        if r < 0.8 or linear:
            return Node(f"eps({x.text})", lambda e, x=x: self.frac(x.fn(e).counit()))
        y = self.elem(depth - 1)
        return Node(f"eps({x.text}) * eps({y.text})",
                    lambda e, x=x, y=y: self.frac(x.fn(e).counit()) * self.frac(y.fn(e).counit()))

    # truth values
    def boolean(self, depth: int) -> Node:
        r = self.rng.random()
        if depth <= 0 or r < 0.35:
            return self.atom(depth)
        return connective(self.rng, self.boolean, depth,
                          ("nested", "nested", "not", "and", "or", "implies"))

    def atom(self, depth: int, linear: bool = False) -> Node:
        r = self.rng.random()
        if linear:  # tests of kernels of linear maps: true on 0, often on the basis
            x = self.elem(self.rng.choice((0, depth)), linear=True)
            if r < 0.4:
                return Node(f"{x.text} == 0", lambda e, x=x: x.fn(e).is_zero())
            if r < 0.75:
                c = Fraction(self.rng.choice((0, 0, 1)))
                return Node(f"eps({x.text}) == {c}",
                            lambda e, x=x, c=c: self.frac(x.fn(e).counit()) == c)
            y = self.elem(self.rng.choice((0, depth)), linear=True)
            return Node(f"{x.text} == {y.text}", lambda e, x=x, y=y: x.fn(e) == y.fn(e))
        if r < 0.45:
            x, y = self.elem(depth, linear), self.elem(depth, linear)
            op = self.rng.choice(("==", "==", "!="))
            f = (lambda p, q: p == q) if op == "==" else (lambda p, q: p != q)
            return Node(f"{x.text} {op} {y.text}", lambda e, x=x, y=y, f=f: f(x.fn(e), y.fn(e)))
        if r < 0.6:
            x = self.elem(depth, linear)
            return Node(f"{x.text} == 0", lambda e, x=x: x.fn(e).is_zero())
        x, y = self.scalar(depth, linear), self.scalar(depth, linear)
        op = self.rng.choice(("==", "!=", "<", "<="))
        f = {"==": lambda p, q: p == q, "!=": lambda p, q: p != q, "<": lambda p, q: p < q,
             "<=": lambda p, q: p <= q}[op]
        return Node(f"{x.text} {op} {y.text}", lambda e, x=x, y=y, f=f: f(x.fn(e), y.fn(e)))

    def claim(self) -> tuple[Node, Node | None]:
        """A conclusion and maybe an assumption: a third are top-level equations of
        multi-affine sides (provable on basis tuples), a quarter compare the truth values
        of two comparisons of multi-affine sides (never provable on basis tuples), the
        rest are boolean trees."""
        r = self.rng.random()
        if r < 0.33:
            x, y = self.elem(2, linear=True), self.elem(2, linear=True)
            if self.rng.random() < 0.5:  # make it true: y is x rewritten
                y = Node(f"({x.text}) + 0 * ({y.text})", x.fn)
            then = Node(f"{x.text} == {y.text}", lambda e, x=x, y=y: x.fn(e) == y.fn(e))
            return then, None
        if r < 0.6:  # a comparison of truth values of comparisons, at the top
            x, y = self.atom(1, linear=True), self.atom(1, linear=True)
            op = self.rng.choice(("==", "==", "!="))
            f = (lambda p, q: p == q) if op == "==" else (lambda p, q: p != q)
            return Node(f"({x.text}) {op} ({y.text})",
                        lambda e, x=x, y=y, f=f: f(x.fn(e), y.fn(e))), None
        then = self.boolean(3)
        hyp = self.boolean(1) if self.rng.random() < 0.25 else None
        return then, hyp


def elements(name: str, coeffs: tuple[Fraction, ...]) -> list[Any]:
    """Every element of the structure with coefficients in ``coeffs``."""
    H = get(name)
    K = H.domain
    basis = list(H.elements())
    out = []
    for cs in itertools.product(coeffs, repeat=len(basis)):
        x = H.element({})
        for c, b in zip(cs, basis, strict=True):
            if c:
                x = x + (K.convert(c.numerator) / K.convert(c.denominator)) * b
        out.append(x)
    return out


def trees(seed: int, count: int) -> Iterator[tuple[str, tuple[str, ...], list[Any], Node, Node | None]]:
    """``count`` random claims (structure, variables, brute-force elements, then, hyp)."""
    rng = random.Random(f"decider-logic:{seed}")
    pools = {name: elements(name, coeffs) for name, _, _, coeffs in STRUCTURES}
    for _ in range(count):
        name, antipode, names, _ = rng.choice(STRUCTURES)
        names = names[:rng.choice((1, len(names)))]
        g = Gen(rng, name, antipode, names)
        then, hyp = g.claim()
        yield name, names, pools[name], then, hyp


def holds(then: Node, hyp: Node | None, env: dict[str, Any]) -> bool:
    """The oracle: the claim at one point (a false assumption makes it hold)."""
    return (hyp is not None and not hyp.fn(env)) or bool(then.fn(env))


def run(seed: int, count: int, *, timeout: float = 60.0) -> Tally:
    """Decide ``count`` random trees and compare each verdict with brute force."""
    tally = Tally()
    for name, names, pool, then, hyp in trees(seed, count):
        kw: dict[str, Any] = {"for_all": {n: f"Element({name})" for n in names}}
        if hyp is not None:
            kw["assuming"] = hyp.text
        v = decide(claim("tree", then=then.text, **kw), seed=seed, timeout=timeout)
        tally.count(v)
        what = f"{name} ∀{','.join(names)}: assuming {hyp.text if hyp else '-'}; {then.text}"
        if v.outcome is Outcome.ERROR:
            tally.disagreements.append(f"error on a well-formed tree: {what}: {v.detail}")
            continue
        if v.vacuous and hyp is not None and any(
                hyp.fn(dict(zip(names, point, strict=True)))
                for point in itertools.product(pool, repeat=len(names))):
            tally.disagreements.append(f"proved vacuously, but the assumption holds: {what}")
        if v.outcome is Outcome.REFUTED:
            env = dict(v.witness_values or {})
            if set(env) != set(names) or holds(then, hyp, env):
                tally.disagreements.append(f"refuted at a non-witness {v.witness_text}: {what}")
            continue
        counterexample = None
        for point in itertools.product(pool, repeat=len(names)):
            tally.brute_points += 1
            env = dict(zip(names, point, strict=True))
            if not holds(then, hyp, env):
                counterexample = env
                break
        if counterexample is not None:
            if v.outcome is Outcome.PROVED:
                at = ", ".join(f"{k} = {x}" for k, x in counterexample.items())
                tally.disagreements.append(f"proved ({v.method}) but false at {at}: {what}")
            else:
                tally.missed += 1
    return tally


def test_random_claim_trees_agree_with_brute_force() -> None:
    # the trees exercise every path: proofs on basis tuples, refutations, evidence
    run(seed=0, count=CI_TREES).assert_agrees(proved=30, refuted=60, evidence=10)


def test_the_oracle_sees_the_issue_counterexample() -> None:
    # the brute-force pool contains 1 − g, where (ε(a) = 0) ⇔ (a = 0) fails
    H = get("group:C2")
    pool = elements("group:C2", COEFFS)
    a = H.one() - H.basis_element("g")
    assert a in pool and a.counit() == 0 and not a.is_zero()
