"""A small catalogue of known counterexamples from the sources, each with the claim it refutes.

Each entry names a false claim (in words, with where it comes from), the witness in
exact values, and what fails there. Entries whose witness is a matrix also serve as
extra seeds for the search (:func:`seeds_for`): a problem with a variable of the same
shape tries them right after the canonical seeds.

Examples
--------
>>> k = get("positive-eigenvalues-symmetric")
>>> print(k)
A real matrix whose eigenvalues are real and positive is symmetric — refuted by A = [[1, 1], [0, 1]]
>>> k.why
'eigenvalues 1, 1 (real, positive); A[0, 1] = 1 ≠ 0 = A[1, 0]'
>>> try:
...     get("positive-eigenvalue-symetric")
... except InputError as err:
...     print(str(err).split(" (")[1])
did you mean 'positive-eigenvalues-symmetric'?)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from coherence.algebra.errors import InputError
from coherence.counterexamples.problem import Point, Variable, format_point

__all__ = ["KnownCounterexample", "entries", "get", "keys", "seeds_for"]

NEMECEK = "Nemecek, arXiv:2302.01834, and the discussion of it (SOURCES.md)"
STANDARD = "standard Hopf algebra fact relied on by arXiv:2302.01834 (SOURCES.md)"


def _m(*rows: tuple[int, ...]) -> tuple[tuple[Fraction, ...], ...]:
    return tuple(tuple(Fraction(x) for x in row) for row in rows)


@dataclass(frozen=True, slots=True)
class KnownCounterexample:
    """One false claim and a witness for it.

    ``witness`` maps variable names to exact values (matrices as row tuples of
    ``Fraction``) or, for structure claims, to basis-element names; ``domain`` says
    what the variables range over, in claim-file terms.
    """

    key: str
    claim: str
    where: str
    domain: str
    witness: tuple[tuple[str, Any], ...]
    why: str

    @property
    def point(self) -> Point:
        """The witness as a point (a dict from variable name to value).

        >>> get("symmetric-part-rescue").point["A"][0]
        (Fraction(1, 1), Fraction(2, 1))
        """
        return dict(self.witness)

    def __str__(self) -> str:
        return f"{self.claim} — refuted by {format_point(self.point)}"


_ENTRIES: tuple[KnownCounterexample, ...] = (
    KnownCounterexample(
        "positive-eigenvalues-symmetric",
        "A real matrix whose eigenvalues are real and positive is symmetric",
        f"{NEMECEK}, §6.2.2",
        "A: Matrix(2, 2)",
        (("A", _m((1, 1), (0, 1))),),
        "eigenvalues 1, 1 (real, positive); A[0, 1] = 1 ≠ 0 = A[1, 0]",
    ),
    KnownCounterexample(
        "positive-eigenvalues-positive-definite",
        "A real matrix whose eigenvalues are real and positive is (symmetric) positive definite",
        f"{NEMECEK}, §6.2.2",
        "A: Matrix(2, 2)",
        (("A", _m((1, 1), (0, 1))),),
        "eigenvalues 1, 1, but A is not symmetric, so not a symmetric positive definite matrix",
    ),
    KnownCounterexample(
        "symmetric-part-rescue",
        "If A's eigenvalues are real and positive, its symmetric part (A + Aᵀ)/2 is positive"
        " definite (xᵀAx > 0 for x ≠ 0)",
        f"{NEMECEK}: the rescue attempted in the discussion",
        "A: Matrix(2, 2)",
        (("A", _m((1, 2), (0, 1))),),
        "eigenvalues 1, 1; (A + Aᵀ)/2 = [[1, 1], [1, 1]] is singular: xᵀAx = 0 at x = (1, −1)",
    ),
    KnownCounterexample(
        "untied-attention-real-spectrum",
        "Attention scores X·W_Q·(X·W_K)ᵀ have a real spectrum (true only when W_Q = W_K)",
        f"{NEMECEK}: tied W_Q = W_K attention spectra",
        "X, W_Q, W_K: Matrix(2, 2)",
        (
            ("X", _m((1, 0), (0, 1))),
            ("W_Q", _m((1, 0), (0, 1))),
            ("W_K", _m((0, -1), (1, 0))),
        ),
        "scores = [[0, 1], [−1, 0]], eigenvalues ±i",
    ),
    KnownCounterexample(
        "attention-is-linear",
        "A self-attention head X ↦ softmax(X·Xᵀ)·X is linear (so a transformer is an LTI system)",
        f"{NEMECEK}: 'transformer models are linear time-invariant systems'",
        "X: Matrix(2, 1), c: Real",
        (("X", _m((1,), (0,))), ("c", Fraction(2))),
        "f(2X)[0] = 2e⁴/(e⁴ + 1) ≈ 1.96 but 2·f(X)[0] = 2e/(e + 1) ≈ 1.46",
    ),
    KnownCounterexample(
        "antipode-involutive",
        "The antipode of a Hopf algebra is an involution: S∘S = id",
        f"{STANDARD}: S² = id only for commutative or cocommutative H",
        "v: Element(sweedler)",
        (("v", "x"),),
        "in Sweedler's H₄, S(x) = −gx and S(S(x)) = −x ≠ x",
    ),
    KnownCounterexample(
        "every-bialgebra-has-antipode",
        "Every bialgebra has an antipode (Hopf coherence can always be satisfied)",
        f"{STANDARD}: the monoid {{1, e}}, e² = e",
        "H = monoid:idempotent",
        (("v", "e"),),
        "S(e)·e = ε(e)·1 = 1 would need e to be invertible, but e² = e ≠ 1",
    ),
    KnownCounterexample(
        "concatenation-deconcatenation-bialgebra",
        "Concatenation with deconcatenation is a bialgebra (Δ(uv) = Δ(u)Δ(v))",
        "SOURCES.md, shuffle algebra: concatenation with deconcatenation is not a bialgebra",
        "u, v: words over {a, b}",
        (("u", "a"), ("v", "b")),
        "Δ(ab) = 1⊗ab + a⊗b + ab⊗1 but Δ(a)Δ(b) also has b⊗a",
    ),
    KnownCounterexample(
        "chain-opens-count",
        "The Alexandrov space of the chain 0 ← 1 ← … ← p has p + 1 open sets",
        "SOURCES.md, sheaves on a layered network: p + 2 opens including ∅",
        "p: Integer(0, 10)",
        (("p", Fraction(0)),),
        "p = 0: the opens are ∅ and {0}, two of them, not one",
    ),
)

_BY_KEY = {k.key: k for k in _ENTRIES}


def keys() -> tuple[str, ...]:
    """The keys of every entry, in catalogue order.

    >>> keys()[:2]
    ('positive-eigenvalues-symmetric', 'positive-eigenvalues-positive-definite')
    """
    return tuple(_BY_KEY)


def entries() -> tuple[KnownCounterexample, ...]:
    """Every entry, in catalogue order.

    >>> len(entries()) >= 8
    True
    """
    return _ENTRIES


def get(key: str) -> KnownCounterexample:
    """The entry called ``key`` (``InputError`` with a suggestion otherwise).

    >>> print(get("antipode-involutive").why)
    in Sweedler's H₄, S(x) = −gx and S(S(x)) = −x ≠ x
    """
    try:
        return _BY_KEY[key]
    except KeyError:
        raise InputError(
            "expected a known counterexample", got=repr(key), choices=_BY_KEY
        ) from None


def seeds_for(variables: tuple[Variable, ...]) -> tuple[Point, ...]:
    """Known matrix witnesses that fit a problem with a single matrix variable.

    >>> A = Variable("B", "real", shape=(2, 2))
    >>> for p in seeds_for((A,)):
    ...     print(format_point(p))
    B = [[1, 1], [0, 1]]
    B = [[1, 2], [0, 1]]
    B = [[1, 0], [0, 1]]
    B = [[0, -1], [1, 0]]
    """
    if len(variables) != 1 or len(variables[0].shape) != 2:
        return ()
    var = variables[0]
    out: list[Point] = []
    seen = set()
    for entry in _ENTRIES:
        for _, value in entry.witness:
            if not _is_matrix(value) or (len(value), len(value[0])) != var.shape:
                continue
            if value in seen:
                continue
            symmetric_ok = not var.symmetric or all(
                value[i][j] == value[j][i] for i in range(len(value)) for j in range(len(value))
            )
            if symmetric_ok and all(var.admits(x) for row in value for x in row):
                seen.add(value)
                out.append({var.name: value})
    return tuple(out)


def _is_matrix(value: Any) -> bool:
    return (
        isinstance(value, tuple)
        and bool(value)
        and all(isinstance(r, tuple) and r and isinstance(r[0], Fraction) for r in value)
    )
