"""Randomized law checks for large structures: sound refutations, evidence with a stated bound.

Each Hopf law ``f = g`` (maps ``H^{⊗a} → H^{⊗b}``) is a multilinear identity. Instead of
every basis tuple (``n³`` of them for associativity), it is evaluated on random
vectors over 𝔽_p — the structure constants reduced mod p by a ring homomorphism
(:mod:`coherence.algebra.modular`) — with inputs ``x₁⊗…⊗x_a`` and, where the output
is a tensor power ``H^{⊗b}`` with ``b ≥ 2``, the output contracted with random
covectors ``w₁⊗…⊗w_b`` (so nothing on ``H^{⊗3}`` is ever formed).

Soundness of a refutation
    The residual ``f − g`` has entries that are polynomials in the structure constants;
    the reduction is a ring homomorphism, so the residual computed mod p is the image
    of the true residual. A nonzero residual mod p therefore means a nonzero residual
    over the field: the law fails. The failing basis tuple is then located by
    bisection — restrict ``x₁`` to half its support; by linearity one half still gives
    a nonzero residual; repeat down to one basis element, then ``x₂`` … — and the
    tuple is re-checked in exact arithmetic, so the verdict is the exhaustive path's
    ``refuted`` with a basis witness, both sides and the residual. If the exact
    re-check ever disagreed, the verdict would be ``unknown``, never ``refuted``.

Error bound of ``evidence`` (Schwartz–Zippel)
    Write the contracted residual ``R(x₁, …, x_a, w₁, …, w_c)``: a polynomial over 𝔽_p
    in the ``(a + c)·n`` coordinates of the random vectors, of total degree
    ``d = a + c`` (it is linear in each vector). If the law fails over the field but
    its residual happens to vanish mod p (p divides every entry), no random test can
    see it; otherwise R is a nonzero polynomial and, for coordinates drawn uniformly
    and independently from 𝔽_p, ``Pr[R = 0] ≤ d / p`` (Schwartz–Zippel lemma). Trials
    use independent draws, so after ``t`` trials that all gave zero the probability
    that a failing law (with residual nonzero mod p) went unseen is at most
    ``(d / p)^t``. Each trial uses its own prime (p = 2³¹ − 1, then the next suitable
    primes down), so a residual that one prime divides — structure constants 2³¹ and 1
    can fail associativity by exactly 2³¹ − 1 — blinds one trial, not all; the verdict
    names the primes and says the bound assumes none of them divides the residual.
    :func:`trials_for` picks the least ``t`` with ``(d/p)^t ≤``
    the requested confidence; the verdict is ``evidence`` stating p, t, d and the
    bound — never ``proved``. (Laws with no inputs, ``Δ(1) = 1⊗1``, ``ε(1) = 1``,
    ``S(1) = 1``, are checked exactly instead: there is nothing random to draw.)

The float path
    ``method="numeric"`` runs the same evaluations in float64 (complex128 over ℚ(ζₙ))
    and reports ``evidence`` with its tolerance. A float residual above the tolerance
    is never reported as a refutation: that law is re-run by the modular method, whose
    result (an exactly re-checked ``refuted``, or ``evidence``) is what the user gets.

Examples
--------
>>> from coherence.algebra.catalogue import get
>>> v = {r.id: r for r in check_laws_random(get("group:S3"), seed=1)}
>>> v["associativity"].outcome.value, v["associativity"].samples
('evidence', 2)
>>> print(v["associativity"].detail)   # doctest: +ELLIPSIS
error probability ≤ 2e-18 (Schwartz–Zippel: (3/p)^2, degree 3, ...); not a proof
>>> w = v["commutative"]
>>> w.outcome.value, w.witness_text, w.lhs, w.rhs
('refuted', '(v₁, v₂) = ((23), (12))', '(123)', '(132)')
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from coherence.algebra.errors import InputError
from coherence.algebra.hopf import Bialgebra, compute_antipode
from coherence.algebra.linear import format_combination
from coherence.algebra.modular import Reduced, SparseStructure, reduce, to_float
from coherence.checks.verdict import Outcome, Verdict

__all__ = ["RANDOM_LAWS", "RandomLaw", "check_laws_random", "error_bound", "trials_for",
           "exact_sides", "DEFAULT_TOLERANCE"]

DEFAULT_TOLERANCE = 1e-9
"""Relative tolerance of the float path: |lhs − rhs| ≤ tol·max(1, |lhs|, |rhs|)."""

Vec = np.ndarray
Program = tuple[tuple[str, Any], ...]


@dataclass(frozen=True, slots=True)
class RandomLaw:
    """One law: its random evaluation and its exact program on basis tuples.

    ``evaluate(R, xs, ws)`` returns both sides (vectors or scalars) at random inputs
    ``xs`` (``inputs`` of them) contracted with covectors ``ws`` (``covectors``);
    ``lhs``/``rhs`` are programs of structure maps applied to a basis tuple exactly.
    """

    id: str
    statement: str
    inputs: int
    covectors: int
    evaluate: Callable[[Reduced, list[Vec], list[Vec]], tuple[Any, Any]]
    lhs: Program
    rhs: Program
    needs_antipode: bool = False
    axiom: bool = True

    @property
    def degree(self) -> int:
        """Total degree of the contracted residual as a polynomial in the random coordinates."""
        return self.inputs + self.covectors


def _eps_vec(R: Reduced) -> Vec:
    return R._scatter(R.eps.cols, R.eps.vals, R.n)


def _eps(R: Reduced, x: Vec) -> Any:
    return R.dot(_eps_vec(R), x)


def _counit_side(R: Reduced, x: Vec, pos: int) -> Vec:
    a, b, vals = R.coproduct(x)
    e = _eps_vec(R)
    keep, other = (a, b) if pos == 0 else (b, a)
    return R._scatter(other, R._mul(vals, e[keep]), R.n)


def _delta_mult(R: Reduced, xs: list[Vec], ws: list[Vec]) -> tuple[Any, Any]:
    x, y = xs
    w1, w2 = ws
    lhs = R.dot(R.comul_t(w1, w2), R.mul(x, y))
    X, Y = R.coproduct(x), R.coproduct(y)
    if R.table is not None and (X[0] == X[1]).all() and (Y[0] == Y[1]).all():
        # Δx, Δy diagonal and m(e_a⊗e_c) a basis element t[a, c]: (m⊗m) of the pairs is
        # Σ x_a y_c e_t⊗e_t, so the contraction is ⟨w₁w₂, x_Δ·y_Δ⟩ (x_Δ: diagonal coefficients).
        xd, yd = R.zero(), R.zero()
        xd[X[0]], yd[Y[0]] = X[2], Y[2]
        return lhs, R.dot(R._mul(w1, w2), R.mul(xd, yd))
    rhs = R.total(np.zeros(0, dtype=R.dtype))
    step = max(1, (1 << 22) // max(1, len(Y[2])))
    for i0 in range(0, len(X[2]), step):  # pairs (e_a⊗e_b) ∈ Δx, (e_c⊗e_d) ∈ Δy
        i = np.repeat(np.arange(i0, min(i0 + step, len(X[2]))), len(Y[2]))
        j = np.tile(np.arange(len(Y[2])), min(step, len(X[2]) - i0))
        f1 = R.pair_forms(X[0][i], Y[0][j], w1)
        f2 = R.pair_forms(X[1][i], Y[1][j], w2)
        part = R.total(R._mul(R._mul(R._mul(X[2][i], Y[2][j]), f1), f2))
        rhs = rhs + part if R.p is None else (rhs + part) % R.p
    return lhs, rhs


def _S(R: Reduced, x: Vec) -> Vec:
    assert R.S is not None
    return R.apply(R.S, x)


def _St(R: Reduced, w: Vec) -> Vec:
    assert R.S is not None
    return R.apply_t(R.S, w)


RANDOM_LAWS: tuple[RandomLaw, ...] = (
    RandomLaw("associativity", "m∘(m⊗id) = m∘(id⊗m)", 3, 0,
              lambda R, xs, ws: (R.mul(R.mul(xs[0], xs[1]), xs[2]),
                                 R.mul(xs[0], R.mul(xs[1], xs[2]))),
              (("m", 0), ("m", 0)), (("m", 1), ("m", 0))),
    RandomLaw("left-unit", "m∘(u⊗id) = id", 1, 0,
              lambda R, xs, ws: (R.mul(R.unit(), xs[0]), xs[0]),
              (("u", 0), ("m", 0)), ()),
    RandomLaw("right-unit", "m∘(id⊗u) = id", 1, 0,
              lambda R, xs, ws: (R.mul(xs[0], R.unit()), xs[0]),
              (("u", 1), ("m", 0)), ()),
    RandomLaw("coassociativity", "(Δ⊗id)∘Δ = (id⊗Δ)∘Δ", 1, 3,
              lambda R, xs, ws: (R.contract(R.coproduct(xs[0]), R.comul_t(ws[0], ws[1]), ws[2]),
                                 R.contract(R.coproduct(xs[0]), ws[0], R.comul_t(ws[1], ws[2]))),
              (("delta", 0), ("delta", 0)), (("delta", 0), ("delta", 1))),
    RandomLaw("left-counit", "(ε⊗id)∘Δ = id", 1, 0,
              lambda R, xs, ws: (_counit_side(R, xs[0], 0), xs[0]),
              (("delta", 0), ("eps", 0)), ()),
    RandomLaw("right-counit", "(id⊗ε)∘Δ = id", 1, 0,
              lambda R, xs, ws: (_counit_side(R, xs[0], 1), xs[0]),
              (("delta", 0), ("eps", 1)), ()),
    RandomLaw("delta-multiplicative", "Δ∘m = (m⊗m)∘(id⊗τ⊗id)∘(Δ⊗Δ)", 2, 2, _delta_mult,
              (("m", 0), ("delta", 0)),
              (("delta", 0), ("delta", 2), ("perm", (0, 2, 1, 3)), ("m", 0), ("m", 1))),
    RandomLaw("eps-multiplicative", "ε∘m = ε⊗ε", 2, 0,
              lambda R, xs, ws: (_eps(R, R.mul(xs[0], xs[1])),
                                 R._mul(np.asarray(_eps(R, xs[0])), np.asarray(_eps(R, xs[1])))),
              (("m", 0), ("eps", 0)), (("eps", 0), ("eps", 0))),
    RandomLaw("delta-unit", "Δ(1) = 1⊗1", 0, 2, lambda R, xs, ws: (0, 0),
              (("u", 0), ("delta", 0)), (("u", 0), ("u", 1))),
    RandomLaw("eps-unit", "ε(1) = 1", 0, 0, lambda R, xs, ws: (0, 0),
              (("u", 0), ("eps", 0)), ()),
    RandomLaw("antipode-left", "m∘(S⊗id)∘Δ = u∘ε", 1, 0,
              lambda R, xs, ws: (R.mul_pairs(R.map_factor(R.S, R.coproduct(xs[0]), 0)),
                                 R.scale(_eps(R, xs[0]), R.unit())),
              (("delta", 0), ("S", 0), ("m", 0)), (("eps", 0), ("u", 0)),
              needs_antipode=True),
    RandomLaw("antipode-right", "m∘(id⊗S)∘Δ = u∘ε", 1, 0,
              lambda R, xs, ws: (R.mul_pairs(R.map_factor(R.S, R.coproduct(xs[0]), 1)),
                                 R.scale(_eps(R, xs[0]), R.unit())),
              (("delta", 0), ("S", 1), ("m", 0)), (("eps", 0), ("u", 0)),
              needs_antipode=True),
    # -- derived facts ------------------------------------------------------------
    RandomLaw("commutative", "m∘τ = m", 2, 0,
              lambda R, xs, ws: (R.mul(xs[1], xs[0]), R.mul(xs[0], xs[1])),
              (("perm", (1, 0)), ("m", 0)), (("m", 0),), axiom=False),
    RandomLaw("cocommutative", "τ∘Δ = Δ", 1, 2,
              lambda R, xs, ws: (R.contract(R.coproduct(xs[0]), ws[1], ws[0]),
                                 R.contract(R.coproduct(xs[0]), ws[0], ws[1])),
              (("delta", 0), ("perm", (1, 0))), (("delta", 0),), axiom=False),
    RandomLaw("antipode-anti-multiplicative", "S∘m = m∘τ∘(S⊗S)", 2, 0,
              lambda R, xs, ws: (_S(R, R.mul(xs[0], xs[1])),
                                 R.mul(_S(R, xs[1]), _S(R, xs[0]))),
              (("m", 0), ("S", 0)), (("S", 0), ("S", 1), ("perm", (1, 0)), ("m", 0)),
              needs_antipode=True, axiom=False),
    RandomLaw("antipode-anti-comultiplicative", "Δ∘S = (S⊗S)∘τ∘Δ", 1, 2,
              lambda R, xs, ws: (R.contract(R.coproduct(_S(R, xs[0])), ws[0], ws[1]),
                                 R.contract(R.coproduct(xs[0]), _St(R, ws[1]), _St(R, ws[0]))),
              (("S", 0), ("delta", 0)), (("delta", 0), ("perm", (1, 0)), ("S", 0), ("S", 1)),
              needs_antipode=True, axiom=False),
    RandomLaw("counit-antipode", "ε∘S = ε", 1, 0,
              lambda R, xs, ws: (_eps(R, _S(R, xs[0])), _eps(R, xs[0])),
              (("S", 0), ("eps", 0)), (("eps", 0),), needs_antipode=True, axiom=False),
    RandomLaw("antipode-unit", "S∘u = u", 0, 0, lambda R, xs, ws: (0, 0),
              (("u", 0), ("S", 0)), (("u", 0),), needs_antipode=True, axiom=False),
    RandomLaw("antipode-involutive", "S∘S = id", 1, 0,
              lambda R, xs, ws: (_S(R, _S(R, xs[0])), xs[0]),
              (("S", 0), ("S", 0)), (), needs_antipode=True, axiom=False),
)
"""The laws the random method checks (the Hopf axioms, then derived facts)."""

_BY_ID = {law.id: law for law in RANDOM_LAWS}


# -- bounds ---------------------------------------------------------------------------
def error_bound(degree: int, p: int, trials: int) -> float:
    """Schwartz–Zippel: a failing law passes ``trials`` independent trials w.p. ≤ (d/p)^t.

    >>> error_bound(3, 2**31 - 1, 2) < 1e-17
    True
    """
    return (degree / p) ** trials if degree else 0.0


def trials_for(confidence: float, degree: int, p: int) -> int:
    """The least number of trials t with (d/p)^t ≤ ``confidence`` (at least 1).

    >>> trials_for(1e-12, 4, 2**31 - 1), trials_for(1e-30, 4, 2**31 - 1)
    (2, 4)
    """
    if not 0 < confidence < 1:
        raise InputError("expected a confidence (error probability) between 0 and 1",
                         got=repr(confidence))
    if degree == 0:
        return 1
    t = max(1, math.ceil(math.log(confidence) / math.log(degree / p)))
    while error_bound(degree, p, t) > confidence:  # guard against rounding in log
        t += 1
    return t


# -- exact evaluation on basis tuples ----------------------------------------------------
Tensor = dict[tuple[int, ...], Any]


def _apply(A: SparseStructure, op: str, arg: Any, T: Tensor) -> Tensor:
    K = A.domain
    out: Tensor = {}

    def add(key: tuple[int, ...], c: Any) -> None:
        s = out.get(key, K.zero) + c
        if s:
            out[key] = s
        else:
            out.pop(key, None)

    for key, c in T.items():
        if op == "perm":
            add(tuple(key[i] for i in arg), c)
            continue
        pos = arg
        before, after = key[:pos], key[pos:]
        if op == "u":
            for r, v in A.column("u", 0).items():
                add(before + (r,) + after, c * K.convert(v))
        elif op == "m":
            for r, v in A.column("m", after[0] * A.dim + after[1]).items():
                add(before + (r,) + after[2:], c * K.convert(v))
        elif op == "delta":
            for r, v in A.column("delta", after[0]).items():
                add(before + divmod(r, A.dim) + after[1:], c * K.convert(v))
        elif op == "eps":
            for _, v in A.column("eps", after[0]).items():
                add(before + after[1:], c * K.convert(v))
        elif op == "S":
            for r, v in A.column("S", after[0]).items():
                add(before + (r,) + after[1:], c * K.convert(v))
        else:  # pragma: no cover - programs are fixed above
            raise ValueError(op)
    return out


def exact_sides(A: SparseStructure, law: RandomLaw | str, basis_tuple: tuple[int, ...]
                ) -> tuple[Tensor, Tensor]:
    """Both sides of a law at a basis tuple, in exact arithmetic (sparse tensors).

    >>> from coherence.algebra.catalogue import get
    >>> A = SparseStructure.from_bialgebra(get("sweedler"))
    >>> lhs, rhs = exact_sides(A, "antipode-involutive", (2,))    # S(S(x)) = -x, x
    >>> lhs == {(2,): -1}, rhs == {(2,): 1}
    (True, True)
    """
    law = _BY_ID[law] if isinstance(law, str) else law
    start: Tensor = {tuple(basis_tuple): A.domain.one}
    sides = []
    for program in (law.lhs, law.rhs):
        T = start
        for op, arg in program:
            T = _apply(A, op, arg, T)
        sides.append(T)
    return sides[0], sides[1]


class _Names:
    """Duck-typed space for :func:`format_combination` on tuple-keyed tensors."""

    scalar = False

    def __init__(self, A: SparseStructure) -> None:
        self.A = A
        self.domain = A.domain

    def name(self, key: tuple[int, ...]) -> str:
        if not key:
            return "1"
        return "⊗".join(self.A.label(i) for i in key)


def _format(A: SparseStructure, T: Tensor) -> str:
    if T and all(len(k) == 0 for k in T):
        from coherence.algebra.domains import element_str

        return element_str(A.domain, T[()])
    return format_combination(_Names(A), T)  # type: ignore[arg-type]


def _witness(A: SparseStructure, key: tuple[int, ...]) -> tuple[tuple[str, str], ...]:
    if not key:
        return (("λ", "1"),)
    labels = [A.label(i) for i in key]
    if len(key) == 1:
        return (("v", labels[0]),)
    names = ", ".join(f"v{chr(0x2080 + i + 1)}" for i in range(len(key)))
    return ((f"({names})", f"({', '.join(labels)})"),)


def _diff(A: SparseStructure, lhs: Tensor, rhs: Tensor) -> Tensor:
    out = dict(lhs)
    for k, v in rhs.items():
        s = out.get(k, A.domain.zero) - v
        if s:
            out[k] = s
        else:
            out.pop(k, None)
    return out


def _exact_verdict(A: SparseStructure, law: RandomLaw, key: tuple[int, ...], method: str,
                   detail: str) -> Verdict | None:
    """The refuted verdict at ``key`` if the exact re-check confirms it, else ``None``."""
    lhs, rhs = exact_sides(A, law, key)
    res = _diff(A, lhs, rhs)
    if not res:
        return None
    return Verdict(law.id, Outcome.REFUTED, method=method, statement=law.statement,
                   witness=_witness(A, key), lhs=_format(A, lhs), rhs=_format(A, rhs),
                   residual=_format(A, res), detail=detail,
                   witness_values=tuple(A.label(i) for i in key))


# -- the random method --------------------------------------------------------------------
def _residual(R: Reduced, law: RandomLaw, xs: list[Vec], ws: list[Vec]) -> Any:
    lhs, rhs = law.evaluate(R, xs, ws)
    return R.sub(np.asarray(lhs), np.asarray(rhs))


def _locate(R: Reduced, law: RandomLaw, xs: list[Vec], ws: list[Vec]) -> tuple[int, ...]:
    """Bisect the supports of the inputs down to a basis tuple with a nonzero residual."""
    xs = [x.copy() for x in xs]
    key = []
    for t in range(law.inputs):
        support = np.flatnonzero(xs[t])
        while len(support) > 1:
            half = support[: len(support) // 2]
            trial = xs[t].copy()
            mask = np.zeros(R.n, dtype=bool)
            mask[half] = True
            trial[~mask] = 0
            probe = xs[:t] + [trial] + xs[t + 1:]
            if not R.is_zero(_residual(R, law, probe, ws)):
                support = half
            else:  # linearity: the other half carries the nonzero residual
                support = support[len(support) // 2:]
        i = int(support[0])
        e = np.zeros(R.n, dtype=R.dtype)
        e[i] = 1
        xs[t] = e
        key.append(i)
    return tuple(key)


def _exact_law(A: SparseStructure, law: RandomLaw) -> Verdict:
    """A law without inputs: evaluated exactly on the empty tuple."""
    method = "exact evaluation (no variables: nothing random to draw)"
    v = _exact_verdict(A, law, (), method, "")
    return v or Verdict(law.id, Outcome.PROVED, method=method, statement=law.statement)


def _modular_law(A: SparseStructure, ring: Callable[[int], Reduced], law: RandomLaw,
                 confidence: float, seed: int, note: str = "") -> Verdict:
    """Trial i runs mod its own prime ``ring(i).p`` (distinct, decreasing): a failing law
    whose exact residual one prime happens to divide (constants 2³¹ and 1 make
    2³¹ − 1 = p₁) is still seen by the other trials."""
    p = ring(0).p
    assert p is not None
    t = trials_for(confidence, law.degree, p)
    rng = np.random.default_rng([seed, RANDOM_LAWS.index(law)])
    primes: list[int] = []
    bound = 1.0
    trial = 0
    while trial < t or bound > confidence:
        R = ring(trial)
        assert R.p is not None
        primes.append(R.p)
        bound *= law.degree / R.p
        trial += 1
        xs = [R.random_vector(rng) for _ in range(law.inputs)]
        ws = [R.random_vector(rng) for _ in range(law.covectors)]
        if R.is_zero(_residual(R, law, xs, ws)):
            continue
        key = _locate(R, law, xs, ws)
        method = (f"random mod p = {R.p}: nonzero residual in trial {trial}; basis tuple "
                  "located by bisection, re-checked exactly")
        found = _exact_verdict(A, law, key, method,
                               (note + "; " if note else "") + "the residual mod p is the image "
                               "of the exact residual, so a nonzero one refutes the law")
        if found is not None:
            return found.with_(seed=seed, samples=trial)
        return Verdict(law.id, Outcome.UNKNOWN, method=method, statement=law.statement,
                       seed=seed, samples=trial,
                       detail="the residual was nonzero mod p but the exact re-check of the "
                              f"located basis tuple {key} found zero; not refuting")
    t = trial
    detail = (f"error probability ≤ {bound:.2g} (Schwartz–Zippel: ({law.degree}/p)^{t}, "
              f"degree {law.degree}, p = {', '.join(map(str, dict.fromkeys(primes)))}; assumes "
              "no p divides the exact residual); not a proof")
    if note:
        detail = f"{note}; {detail}"
    return Verdict(law.id, Outcome.EVIDENCE,
                   method=f"random mod p = {p}, {t} trial" if t == 1 else
                   f"random mod p = {p}, {t} trials (one prime each)",
                   statement=law.statement, detail=detail, seed=seed, samples=t,
                   tolerance=f"error probability ≤ {bound:.2g}")


def _numeric_law(A: SparseStructure, F: Reduced, law: RandomLaw, tolerance: float,
                 seed: int, trials: int, modular: Callable[[int], Reduced], confidence: float
                 ) -> Verdict:
    rng = np.random.default_rng([seed, RANDOM_LAWS.index(law)])
    worst = 0.0
    for _ in range(trials):
        xs = [F.random_vector(rng) for _ in range(law.inputs)]
        ws = [F.random_vector(rng) for _ in range(law.covectors)]
        lhs, rhs = (np.asarray(s) for s in law.evaluate(F, xs, ws))
        scale = max(1.0, float(np.abs(lhs).max(initial=0.0)), float(np.abs(rhs).max(initial=0.0)))
        err = float(np.abs(lhs - rhs).max(initial=0.0)) / scale
        worst = max(worst, err)
        if err > tolerance:  # never refute from floats: re-run exactly mod p
            note = (f"float residual {err:.2g} above tolerance {tolerance:g}; "
                    "re-checked by the modular method")
            return _modular_law(A, modular, law, confidence, seed, note)
    return Verdict(law.id, Outcome.EVIDENCE, method=f"numeric (float64, {trials} random trials)",
                   statement=law.statement, seed=seed, samples=trials,
                   tolerance=f"relative {tolerance:g}",
                   detail=f"largest relative residual {worst:.2g} ≤ tolerance {tolerance:g}; "
                          "floating point: evidence only")


def _as_sparse(structure: Bialgebra | SparseStructure) -> tuple[SparseStructure, str]:
    """The arrays of a structure, with an antipode (given or computed) where one exists."""
    if isinstance(structure, SparseStructure):
        return structure, "" if structure.S is not None else "the structure carries no antipode"
    if structure.antipode_map is not None:
        return SparseStructure.from_bialgebra(structure), ""
    result = compute_antipode(structure)
    return SparseStructure.from_bialgebra(structure, result.antipode), result.reason


def check_laws_random(structure: Bialgebra | SparseStructure, *,
                      only: Iterable[str] | None = None, method: str = "random",
                      confidence: float = 1e-12, seed: int = 0, p: int | None = None,
                      tolerance: float = DEFAULT_TOLERANCE, facts: bool = True
                      ) -> tuple[Verdict, ...]:
    """One verdict per law by the random (mod p) or numeric (float) method.

    ``confidence`` is the error probability allowed per law; ``seed`` makes the draws
    (hence the verdicts and witnesses) reproducible.

    >>> from coherence.algebra.catalogue import get
    >>> [v.outcome.value for v in check_laws_random(get("sweedler"), only=["antipode-left"],
    ...                                               method="numeric")]
    ['evidence']
    """
    if method not in ("random", "numeric"):
        raise InputError("expected a method: random or numeric", got=repr(method),
                         choices=("random", "numeric"))
    ids = [law.id for law in RANDOM_LAWS if facts or law.axiom]
    if only is not None:
        only = list(only)
        for name in only:
            if name not in _BY_ID:
                raise InputError("expected a law the random method checks", got=repr(name),
                                 choices=tuple(_BY_ID))
        ids = only
    A, no_antipode = _as_sparse(structure)
    cache: dict[str, Reduced] = {}

    def modular(i: int) -> Reduced:
        """The ring of trial i: p (or the default prime), then each next prime down."""
        key = f"p{i}"
        if key not in cache:
            if i == 0:
                cache[key] = reduce(A, p)
            else:  # the next prime down; a small user-given p (< 2¹⁶) is kept throughout
                prev = modular(i - 1)
                assert prev.p is not None
                cache[key] = prev if prev.p < 1 << 16 else reduce(A, below=prev.p)
        return cache[key]

    out = []
    for law in RANDOM_LAWS:
        if law.id not in ids:
            continue
        t0 = time.perf_counter()
        if law.needs_antipode and A.S is None:
            v = _no_antipode(structure, law, no_antipode)
        elif law.inputs == 0:
            v = _exact_law(A, law)
        elif method == "numeric":
            if "f" not in cache:
                cache["f"] = to_float(A)
            v = _numeric_law(A, cache["f"], law, tolerance, seed, 3, modular, confidence)
        else:
            v = _modular_law(A, modular, law, confidence, seed)
        out.append(v.with_(seconds=time.perf_counter() - t0))
    return tuple(out)


def _no_antipode(structure: Any, law: RandomLaw, reason: str) -> Verdict:
    if isinstance(structure, Bialgebra) and law.axiom:
        from coherence.checks.laws import check_laws

        return check_laws(structure, only=[law.id], facts=False)[0]
    return Verdict(law.id, Outcome.UNKNOWN, method="not applicable", statement=law.statement,
                   detail=f"needs an antipode; {reason}")
