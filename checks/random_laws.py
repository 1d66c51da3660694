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

Error bound of ``evidence`` (a random prime ideal, then Schwartz–Zippel)
    Over ℚ(ζₙ) (ℚ is n = 1) reduction mod p is the ring map ℤ[ζₙ] → 𝔽_p, ζₙ ↦ r, for a
    prime p ≡ 1 (mod n) and a primitive n-th root of unity r mod p; its kernel is the
    prime ideal 𝔭 = (p, ζₙ − r) of norm p, not pℤ[ζₙ]. Each trial draws 𝔭 at random:
    p uniform among the N primes ≡ 1 (mod n) of the window ``[L, 2³¹)``
    (:data:`~coherence.algebra.modular.WINDOW`, L = 2³¹ − 2²⁴, N counted exactly by a
    sieve) that divide no denominator, and r uniform among the φ(n) roots — so 𝔭 is
    uniform among φ(n)·N ideals. The draws come from a generator keyed by the seed and
    a digest of the structure constants, so a structure cannot be built for the primes
    it will meet (changing a constant changes the primes), and nothing is a fixed,
    published prime.

    Suppose the law fails, and let c ≠ 0 be an entry of its exact residual (a
    coefficient of the multilinear residual below). A trial misses the failure only if

    (a) 𝔭 divides c. Let D be a common denominator of all structure constants
        (coefficients in the basis 1, ζ, …, ζ^{φ(n)−1}) and k the number of structure
        maps on the longer side of the law; then D^k·c ∈ ℤ[ζₙ]. Every complex embedding
        of a constant is at most the sum of the absolute values of its coefficients, so
        each entry of a side is at most the product of the maps' largest column sums,
        and |σ(c)| ≤ B (the two sides' bounds added) for every embedding σ; hence
        0 < |N(D^k c)| ≤ (D^k B)^{φ(n)}. The prime ideals of norm ≥ L dividing D^k c
        have norms whose product divides N(D^k c), so there are at most
        ``I = ⌊φ(n)·log(D^k B)/log L⌋`` of them, and Pr[𝔭 | c] ≤ I / (φ(n)·N). (A
        structure with small constants has I = 0: no prime ideal in the window can
        divide its residual at all.) Primes dividing D are never drawn; the window has
        at most ``⌊log D/log L⌋`` of them, taken off N.
    (b) 𝔭 does not divide c, so the contracted residual ``R(x₁, …, x_a, w₁, …, w_c)``
        (inputs ``x`` and covectors ``w`` random, linear in each: total degree
        ``d = a + c``) is a nonzero polynomial over 𝔽_p, and for coordinates drawn
        uniformly and independently from 𝔽_p, ``Pr[R = 0] ≤ d/p ≤ d/L``
        (Schwartz–Zippel).

    So one trial misses with probability at most ``ε = I/(φ(n)·N) + d/L``, and
    ``t`` trials with independent draws (of 𝔭 and of the vectors) all miss with
    probability at most ``ε^t``. :func:`trials_for` picks the least such ``t`` for
    the requested confidence; the verdict is ``evidence`` stating ε, t, the bound and
    the primes — never ``proved``. (Laws with no inputs, ``Δ(1) = 1⊗1``, ``ε(1) = 1``,
    ``S(1) = 1``, are checked exactly instead: there is nothing random to draw.) A
    prime fixed by the caller (``p=``) has N = 1: the bound then holds only when
    I = 0 (or, over ℚ(ζₙ), I < φ(n), the root still being random); otherwise the law
    is ``unknown``, never ``evidence`` with a bound that does not hold.

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
error probability ≤ 2e-18 = ε^2, ε = 3/2130706432 + 0/780725 (Schwartz–Zippel, degree 3; ...
>>> w = v["commutative"]
>>> w.outcome.value, w.witness_text, w.lhs, w.rhs
('refuted', '(v₁, v₂) = ((23), (12))', '(123)', '(132)')
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
from coherence.algebra.domains import QQ, cyclotomic_order
from coherence.algebra.errors import InputError, InternalError
from coherence.algebra.hopf import Bialgebra, compute_antipode
from coherence.algebra.linear import format_combination
from coherence.algebra.modular import (
    WINDOW,
    Reduced,
    SparseStructure,
    draw_ideal,
    primitive_roots,
    reduce,
    to_float,
    window_primes,
)
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
    if R.S is None:
        raise InternalError("an antipode law checked without an antipode")
    return R.apply(R.S, x)


def _St(R: Reduced, w: Vec) -> Vec:
    if R.S is None:
        raise InternalError("an antipode law checked without an antipode")
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
def error_bound(degree: int, p: int, trials: int, ideals: float = 0.0) -> float:
    """A failing law passes ``trials`` independent trials w.p. ≤ (d/p + ideals)^t.

    ``d/p`` is Schwartz–Zippel's bound for one trial (p the smallest prime that can be
    drawn), ``ideals`` the probability that the trial's random prime ideal divides the
    residual (see the module docstring).

    >>> error_bound(3, 2**31 - 1, 2) < 1e-17
    True
    >>> error_bound(1, 100, 1, ideals=0.5)
    0.51
    """
    per_trial = degree / p + ideals if degree else ideals
    return min(1.0, per_trial) ** trials


def trials_for(confidence: float, degree: int, p: int, ideals: float = 0.0) -> int:
    """The least number of trials t with (d/p + ideals)^t ≤ ``confidence`` (at least 1).

    >>> trials_for(1e-12, 4, 2**31 - 1), trials_for(1e-30, 4, 2**31 - 1)
    (2, 4)
    """
    if not 0 < confidence < 1:
        raise InputError("expected a confidence (error probability) between 0 and 1",
                         got=repr(confidence))
    per_trial = error_bound(degree, p, 1, ideals)
    if per_trial == 0:
        return 1
    if per_trial >= 1:
        raise InputError("expected a per-trial error probability below 1",
                         got=f"{per_trial:.3g}")
    t = max(1, math.ceil(math.log(confidence) / math.log(per_trial)))
    while error_bound(degree, p, t, ideals) > confidence:  # guard against rounding in log
        t += 1
    return t


_MAX_TRIALS = 64


def _coefficients(domain: Any, v: Any) -> list[Fraction]:
    """The rational coefficients of a constant (in the basis 1, ζ, …, ζ^{φ(n)−1})."""
    if isinstance(v, (int, np.integer)):
        return [Fraction(int(v))]
    if getattr(domain, "is_QQ", False) or getattr(domain, "is_ZZ", False):
        q = QQ.convert(v)
        return [Fraction(int(q.numerator), int(q.denominator))]
    return [Fraction(int(c.numerator), int(c.denominator)) for c in domain.convert(v).to_list()]


@dataclass(frozen=True, slots=True)
class _Heights:
    """What bounds the norm of a residual entry: log column sums per map, D and log D, φ(n)."""

    log_norm: dict[str, float]
    den: int
    log_den: float
    phi: int
    order: int


def _up(x: float) -> float:
    """A float rounded safely upwards (the bounds below must never be underestimates)."""
    return x * (1 + 1e-9) + 1e-9 if x >= 0 else x * (1 - 1e-9) + 1e-9


def _heights(A: SparseStructure) -> _Heights:
    order = cyclotomic_order(A.domain) or 1
    den = 1
    log_norm: dict[str, float] = {}
    for name in ("m", "u", "delta", "eps", "S"):
        f = A.m_coo() if name == "m" and A.m is None and A.table is None else getattr(A, name)
        if name == "m" and A.table is not None:
            log_norm[name] = 0.0  # a Cayley table: every column is one basis element
            continue
        if f is None:
            continue
        if f.vals.dtype != object:
            sums = np.bincount(f.cols, np.abs(f.vals.astype(np.float64)), f.ncols)
            top = float(sums.max(initial=0.0))
            best_log = math.log(top) if top > 0 else -math.inf
        else:
            col_sums: dict[int, Fraction] = {}
            for c, v in zip(f.cols.tolist(), f.vals, strict=True):
                coeffs = _coefficients(A.domain, v)
                for q in coeffs:
                    den = den * q.denominator // math.gcd(den, q.denominator)
                col_sums[c] = col_sums.get(c, Fraction(0)) + sum(abs(q) for q in coeffs)
            best = max(col_sums.values(), default=Fraction(0))
            best_log = (math.log(best.numerator) - math.log(best.denominator)) if best \
                else -math.inf
        log_norm[name] = _up(best_log) if best_log > -math.inf else -math.inf
    return _Heights(log_norm, den, _up(math.log(den)), _totient(order), order)


def _totient(n: int) -> int:
    return sum(1 for k in range(1, n + 1) if math.gcd(k, n) == 1)


def _ideal_count(H: _Heights, law: RandomLaw, floor_p: int) -> int:
    """At most this many prime ideals of norm ≥ ``floor_p`` divide a nonzero residual entry."""
    sides = []
    for program in (law.lhs, law.rhs):
        ops = [op for op, _ in program if op != "perm"]
        sides.append((len(ops), sum(H.log_norm.get(op, -math.inf) for op in ops)))
    k = max(n for n, _ in sides)
    log_b = _up(float(np.logaddexp(sides[0][1], sides[1][1])))
    log_norm = H.phi * (k * H.log_den + log_b)
    if log_norm < math.log(floor_p):
        return 0
    return math.floor(_up(log_norm / math.log(floor_p)))


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


@dataclass(frozen=True, slots=True)
class _Ideals:
    """The random prime ideals of one run: trial i of every law uses ``ring(i)``.

    ``eligible`` is N, the number of primes the draws range over (the window's primes
    ≡ 1 mod n dividing no denominator, or 1 for a prime fixed by the caller), ``floor``
    the least of them (L, or that prime).
    """

    ring: Callable[[int], Reduced]
    heights: _Heights
    eligible: int
    floor: int
    fixed: bool


def _modular_law(A: SparseStructure, ideals: _Ideals, law: RandomLaw,
                 confidence: float, seed: int, note: str = "") -> Verdict:
    """Trial i runs mod its own random prime ideal ``ideals.ring(i)`` (see the module
    docstring for the bound and why a residual one ideal divides cannot blind them all)."""
    H = ideals.heights
    count = _ideal_count(H, law, ideals.floor)
    frac = count / (H.phi * ideals.eligible)
    per_trial = error_bound(law.degree, ideals.floor, 1, frac)
    why = (f"at most {count} of the {H.phi * ideals.eligible} prime ideals drawn from "
           "can divide the residual")
    if per_trial >= 1 or (ideals.fixed and count >= H.phi):
        return Verdict(law.id, Outcome.UNKNOWN, method="random prime ideals: not applicable",
                       statement=law.statement, seed=seed,
                       detail=(note + "; " if note else "") + f"{why}: no error bound below 1 "
                       "holds for this structure's constants (use --method exhaustive)")
    t = min(trials_for(confidence, law.degree, ideals.floor, frac), _MAX_TRIALS)
    rng = np.random.default_rng([seed, RANDOM_LAWS.index(law)])
    primes: list[int] = []
    bound = 1.0
    trial = 0
    while trial < t:
        R = ideals.ring(trial)
        p = _prime_of(R)
        primes.append(p)
        bound *= per_trial
        trial += 1
        xs = [R.random_vector(rng) for _ in range(law.inputs)]
        ws = [R.random_vector(rng) for _ in range(law.covectors)]
        if R.is_zero(_residual(R, law, xs, ws)):
            continue
        key = _locate(R, law, xs, ws)
        method = (f"random mod p = {p}: nonzero residual in trial {trial}; basis tuple "
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
    lo, hi = (ideals.floor, ideals.floor + 1) if ideals.fixed else WINDOW
    source = f"p = {lo} (fixed)" if ideals.fixed else (
        f"p uniform among the {ideals.eligible} primes in [{lo}, {hi})"
        + (f" that are ≡ 1 mod {H.order}" if H.order > 2 else ""))
    if H.order > 1:
        source += f", ζ{_sub(H.order)} ↦ a uniform primitive root mod p"
    detail = (f"error probability ≤ {bound:.2g} = ε^{t}, ε = {law.degree}/{ideals.floor} + "
              f"{count}/{H.phi * ideals.eligible} (Schwartz–Zippel, degree {law.degree}; "
              f"{why}: {source}); p = {', '.join(map(str, dict.fromkeys(primes)))}; "
              "not a proof")
    if bound > confidence:
        detail += f" (above the requested {confidence:g}: capped at {_MAX_TRIALS} trials)"
    if note:
        detail = f"{note}; {detail}"
    return Verdict(law.id, Outcome.EVIDENCE,
                   method=f"random prime ideals, {t} trial" if t == 1 else
                   f"random prime ideals, {t} trials (one random prime each)",
                   statement=law.statement, detail=detail, seed=seed, samples=t,
                   tolerance=f"error probability ≤ {bound:.2g}")


def _sub(n: int) -> str:
    return "".join(chr(0x2080 + int(d)) for d in str(n))


def _prime_of(R: Reduced) -> int:
    if R.p is None:  # pragma: no cover - the modular rings always have a prime
        raise ValueError("expected a ring mod p")
    return R.p


def _digest(A: SparseStructure) -> list[int]:
    """32-bit words of a hash of every structure constant (keys the draws of primes)."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{A.domain}|{A.dim}".encode())
    for name in ("m", "u", "delta", "eps", "S"):
        f = getattr(A, name)
        h.update(name.encode())
        if f is None:
            continue
        h.update(f.rows.astype("<i8").tobytes())
        h.update(f.cols.astype("<i8").tobytes())
        if f.vals.dtype != object:
            h.update(f.vals.astype("<i8").tobytes())
        else:
            for v in f.vals:
                h.update(",".join(f"{q.numerator}/{q.denominator}"
                                  for q in _coefficients(A.domain, v)).encode() + b";")
    if A.table is not None:
        h.update(np.ascontiguousarray(A.table, dtype="<i4").tobytes())
    d = h.digest()
    return [int.from_bytes(d[i:i + 4], "little") for i in range(0, 16, 4)]


def _ideals(A: SparseStructure, seed: int, p: int | None) -> _Ideals:
    """The random prime ideals of a run, keyed by the seed and the structure's digest."""
    H = _heights(A)
    cache: dict[tuple[int, int | None], Reduced] = {}
    drawn: list[tuple[int, int | None]] = []
    rng = np.random.default_rng([seed, *_digest(A), 0x1DEA1])
    avoid = H.den  # primes dividing a denominator are never drawn

    def ring(i: int) -> Reduced:
        while len(drawn) <= i:
            if p is None:
                drawn.append(draw_ideal(rng, H.order, avoid))
            else:
                roots = primitive_roots(H.order, p) if H.order > 1 else [None]
                drawn.append((p, roots[int(rng.integers(0, len(roots)))]))
        key = drawn[i]
        if key not in cache:
            cache[key] = reduce(A, key[0], root=key[1])
        return cache[key]

    if p is not None:
        return _Ideals(ring, H, 1, p, True)
    eligible = len(window_primes(H.order)) - math.floor(_up(H.log_den / math.log(WINDOW[0])))
    return _Ideals(ring, H, eligible, WINDOW[0], False)


def _relative_error(lhs: np.ndarray, rhs: np.ndarray) -> float:
    """|lhs − rhs| / max(1, |lhs|, |rhs|), or ``inf`` when any value is not finite.

    inf, −inf and NaN (an overflow: inf − inf, inf/inf) never count as agreement: a
    comparison with NaN is False, so ``NaN > tol`` would have passed silently and
    ``max(0.0, NaN)`` read as 0.

    >>> _relative_error(np.array([1.0]), np.array([1.0 + 1e-12])) < 1e-11
    True
    >>> _relative_error(np.array([np.inf]), np.array([np.inf]))
    inf
    """
    with np.errstate(all="ignore"):
        if not (np.isfinite(lhs).all() and np.isfinite(rhs).all()):
            return math.inf
        scale = max(1.0, float(np.abs(lhs).max(initial=0.0)),
                    float(np.abs(rhs).max(initial=0.0)))
        err = float(np.abs(lhs / scale - rhs / scale).max(initial=0.0))  # ≤ 2: no overflow
    return err if math.isfinite(err) else math.inf


def _numeric_law(A: SparseStructure, F: Reduced, law: RandomLaw, tolerance: float,
                 seed: int, trials: int, modular: Callable[[], _Ideals], confidence: float
                 ) -> Verdict:
    rng = np.random.default_rng([seed, RANDOM_LAWS.index(law)])
    worst = 0.0
    for _ in range(trials):
        xs = [F.random_vector(rng) for _ in range(law.inputs)]
        ws = [F.random_vector(rng) for _ in range(law.covectors)]
        with np.errstate(all="ignore"):  # overflow is detected below, not warned about
            lhs, rhs = (np.asarray(s) for s in law.evaluate(F, xs, ws))
        err = _relative_error(lhs, rhs)
        worst = max(worst, err)
        if not err <= tolerance:  # never refute from floats: re-run exactly mod p
            what = ("non-finite float values (overflow)" if math.isinf(err)
                    else f"float residual {err:.2g} above tolerance {tolerance:g}")
            note = f"{what}; re-checked by the modular method"
            return _modular_law(A, modular(), law, confidence, seed, note)
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
    lazy: list[_Ideals] = []

    def modular() -> _Ideals:
        if not lazy:
            lazy.append(_ideals(A, seed, p))
        return lazy[0]

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
            v = _modular_law(A, modular(), law, confidence, seed)
        out.append(v.with_(seconds=time.perf_counter() - t0))
    return tuple(out)


def _no_antipode(structure: Any, law: RandomLaw, reason: str) -> Verdict:
    if isinstance(structure, Bialgebra) and law.axiom:
        from coherence.checks.laws import check_laws

        return check_laws(structure, only=[law.id], facts=False)[0]
    return Verdict(law.id, Outcome.UNKNOWN, method="not applicable", statement=law.statement,
                   detail=f"needs an antipode; {reason}")
