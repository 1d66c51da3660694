"""Structure constants reduced mod a prime, and the maps applied to random vectors in bulk.

For structures too large to check on every basis tuple (ℚ[S₇] has 1.3·10¹¹ basis
triples) the law checks evaluate each law on random vectors instead. This module
holds the arithmetic for that, and nothing that decides a verdict:

* :class:`SparseStructure` — a structure's maps ``m, u, Δ, ε, S`` as exact canonical
  COO arrays (:mod:`coherence.algebra.sparse_kernel`), built from a
  :class:`~coherence.algebra.hopf.Bialgebra`, or directly with NumPy for large group
  algebras (:func:`group_structure`) and tensor products (:func:`tensor_structure`),
  whose ``n²``-entry tables would not fit as Python dictionaries;
* :func:`reduce` — the same maps over 𝔽_p (:class:`Reduced`), through a ring
  homomorphism: ℚ → 𝔽_p needs p to divide no denominator; ℚ(ζₙ) → 𝔽_p sends ζₙ to a
  root of its minimal polynomial mod a prime p ≡ 1 (mod n), which exists there. A
  law's residual is a polynomial in the structure constants, so its image mod p is
  the residual computed mod p: a nonzero residual mod p is nonzero over the field;
* :func:`to_float` — the same maps as float64/complex128 arrays (numeric evidence
  only; never a proof or a refutation);
* the primitives every law is built from (``m(x⊗y)``, ``Δ(x)`` as a sparse pair
  tensor, ``Δᵀ(w₁⊗w₂)``, …). Arithmetic mod p uses NumPy int64 with a 31-bit prime:
  values below 2³¹, each product reduced at once, sums taken exactly by
  :func:`numpy.bincount` on 16-bit halves — nothing ever leaves exact integer range.
  No map is materialised on ``H^{⊗3}``.

Examples
--------
>>> from coherence.algebra.catalogue import get
>>> R = reduce(SparseStructure.from_bialgebra(get("group:S3")))
>>> R.p, R.n
(2147483647, 6)
>>> x, y = R.random_vector(1), R.random_vector(2)
>>> bool((R.mul(x, y) == R.mul(y, x)).all())       # ℚ[S₃] is not commutative
False
>>> K = reduce(SparseStructure.from_bialgebra(get("taft:3")))
>>> K.p % 3, pow(K.root, 3, K.p)                    # ζ₃ ↦ a cube root of 1 in 𝔽_p
(1, 1)
"""

from __future__ import annotations

import functools
import itertools
import math
import weakref
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from coherence.algebra.catalogue import cycle_name
from coherence.algebra.domains import QQ, cyclotomic_order, parameters
from coherence.algebra.errors import InputError, InternalError
from coherence.algebra.sparse_kernel import COO

__all__ = [
    "P31", "SparseStructure", "ModMap", "Reduced", "reduce", "to_float", "group_structure",
    "tensor_structure", "choose_prime", "is_prime", "WINDOW", "window_primes", "draw_ideal",
    "primitive_roots",
]

P31 = 2**31 - 1
"""The default prime: the Mersenne prime 2³¹ − 1 (products of two residues fit in int64)."""


# -- exact structures as arrays -------------------------------------------------------
@dataclass(frozen=True, eq=False)
class SparseStructure:
    """A structure's maps as exact canonical COO arrays, with its basis names.

    ``S`` is the given antipode (``None`` when the structure carries none). ``basis``
    may be a tuple or a callable ``i -> name`` (large structures name lazily). A group
    algebra may give its product as a Cayley ``table`` (``m`` is then ``None``: the
    product of basis elements s, t is the basis element ``table[s, t]``).

    >>> from coherence.algebra.catalogue import get
    >>> A = SparseStructure.from_bialgebra(get("sweedler"))
    >>> A.dim, A.label(3), A.m.nnz, A.column("m", 1 * 4 + 2)     # g·x = gx
    (4, 'gx', 12, {3: 1})
    """

    name: str
    domain: Any
    dim: int
    m: COO | None
    u: COO
    delta: COO
    eps: COO
    S: COO | None
    basis: Any = field(repr=False)
    description: str = ""
    table: np.ndarray | None = field(default=None, repr=False)

    @classmethod
    def from_bialgebra(cls, H: Any, S: Any = None) -> SparseStructure:
        """From a :class:`~coherence.algebra.hopf.Bialgebra` (its given antipode, or ``S``)."""
        S = H.antipode_map if S is None else S
        return cls(H.name, H.domain, H.dim, COO.from_map(H.m), COO.from_map(H.u),
                   COO.from_map(H.delta), COO.from_map(H.eps),
                   None if S is None else COO.from_map(S), tuple(H.basis), H.description)

    def label(self, i: int) -> str:
        """The name of basis element ``i``."""
        return self.basis(i) if callable(self.basis) else self.basis[i]

    def m_coo(self) -> COO:
        """The product as a COO (materialised from the table when there is one)."""
        if self.m is not None:
            return self.m
        if self.table is None:
            raise InternalError("a structure without a product (no m and no table)")
        n = self.dim
        return _coo(n, n * n, self.table.reshape(-1).astype(np.int64),
                    np.arange(n * n, dtype=np.int64))

    def column(self, which: str, j: int) -> dict[int, Any]:
        """Column ``j`` of map ``which`` (``m``, ``u``, ``delta``, ``eps``, ``S``), exactly."""
        if which == "m" and self.m is None:
            if self.table is None:
                raise InternalError("a structure without a product (no m and no table)")
            return {int(self.table[j // self.dim, j % self.dim]): 1}
        f = getattr(self, which)
        lo, hi = np.searchsorted(f.cols, [j, j + 1])
        return {int(r): (int(v) if isinstance(v, np.integer) else v)
                for r, v in zip(f.rows[lo:hi], f.vals[lo:hi], strict=True)}

    def with_antipode(self, S: COO | None) -> SparseStructure:
        """The same structure carrying ``S`` as its antipode."""
        return SparseStructure(self.name, self.domain, self.dim, self.m, self.u, self.delta,
                               self.eps, S, self.basis, self.description, self.table)


def _coo(nrows: int, ncols: int, rows: np.ndarray, cols: np.ndarray,
         vals: np.ndarray | None = None) -> COO:
    if vals is None:
        vals = np.ones(len(rows), dtype=np.int64)
    return COO._canonical(nrows, ncols, rows.astype(np.int64), cols.astype(np.int64), vals)


def _group_table(spec: str) -> tuple[np.ndarray, np.ndarray, Any, str]:
    """Cayley table (int32, ``table[s, t]`` = index of s·t), inverses, names, title."""
    kind, num = spec[:1], spec[1:]
    if kind not in ("C", "S") or not num.isdigit() or int(num) < 1 or (
            kind == "S" and int(num) > 7) or (kind == "C" and int(num) > 10000):
        raise InputError("expected a group CN (N ≤ 10000) or SN (N ≤ 7)", got=repr(spec))
    k = int(num)
    if kind == "C":
        a = np.arange(k, dtype=np.int32)
        table = (a[:, None] + a[None, :]) % k

        def cname(i: int) -> str:
            return "1" if i == 0 else "g" if i == 1 else f"g^{i}"
        return table.astype(np.int32), ((-a) % k).astype(np.int64), cname, f"the cyclic group C{k}"
    perms = np.array(list(itertools.permutations(range(k))), dtype=np.int64).reshape(-1, k)
    n = len(perms)
    weights = k ** np.arange(k - 1, -1, -1, dtype=np.int64)
    lut = np.zeros(k**k, dtype=np.int32)
    lut[perms @ weights] = np.arange(n, dtype=np.int32)
    table = np.empty((n, n), dtype=np.int32)
    step = max(1, 2_000_000 // (n * k))
    for s0 in range(0, n, step):  # (σ·τ)(i) = σ(τ(i)): apply τ first
        comp = perms[s0:s0 + step][:, perms]            # comp[s, t, i] = σ_s(τ_t(i))
        table[s0:s0 + step] = lut[comp @ weights]
    inverse = lut[np.argsort(perms, axis=1) @ weights].astype(np.int64)
    names = [cycle_name(tuple(int(v) for v in p)) for p in perms]
    return table, inverse, names.__getitem__, f"the symmetric group S{k}"


def group_structure(spec: str) -> SparseStructure:
    """ℚ[G] for G = CN or SN from its Cayley table: the catalogue's basis order and names.

    Building ``group:S7`` through the catalogue's Python tables would take minutes and
    gigabytes (25 million products); here the product is the table itself (an int32
    array), and the other maps are n-entry arrays.

    >>> from coherence.algebra.catalogue import get
    >>> A, B = group_structure("S3"), SparseStructure.from_bialgebra(get("group:S3"))
    >>> A.m_coo() == B.m and A.delta == B.delta and A.S == B.S and A.label(1) == B.label(1)
    True
    """
    table, inverse, name, title = _group_table(spec)
    n = len(table)
    a = np.arange(n, dtype=np.int64)
    u = _coo(n, 1, np.zeros(1, dtype=np.int64), np.zeros(1, dtype=np.int64))
    delta = _coo(n * n, n, a * n + a, a)
    eps = _coo(1, n, np.zeros(n, dtype=np.int64), a)
    S = _coo(n, n, inverse, a)
    return SparseStructure(f"group:{spec}", QQ, n, None, u, delta, eps, S, name,
                           f"the group algebra ℚ[{spec}] of {title}", table=table)


def _interleave(f: COO, g: COO, na: int, nb: int, k_in: int, k_out: int) -> COO:
    """``f⊗g`` re-indexed from ``A^{⊗k}⊗B^{⊗k}`` to ``(A⊗B)^{⊗k}`` on both sides."""
    fg = f.kron(g)
    N = na * nb

    def regroup(idx: np.ndarray, k: int) -> np.ndarray:
        if k == 0:
            return idx
        ib, ia = idx % (nb**k), idx // (nb**k)
        out = np.zeros_like(idx)
        for t in range(k):
            da = (ia // na ** (k - 1 - t)) % na
            db = (ib // nb ** (k - 1 - t)) % nb
            out = out * N + da * nb + db
        return out

    return COO._canonical(N**k_out, N**k_in, regroup(fg.rows, k_out), regroup(fg.cols, k_in),
                          fg.vals)


def tensor_structure(A: SparseStructure, B: SparseStructure) -> SparseStructure:
    """``A⊗B`` with componentwise maps, built on the arrays (same basis order as the catalogue).

    >>> from coherence.algebra.catalogue import get
    >>> T = tensor_structure(SparseStructure.from_bialgebra(get("sweedler")),
    ...                      SparseStructure.from_bialgebra(get("group:C2")))
    >>> R = SparseStructure.from_bialgebra(get("tensor(sweedler, group:C2)"))
    >>> T.m == R.m and T.delta == R.delta and T.S == R.S and T.label(3) == R.label(3)
    True
    >>> G = tensor_structure(group_structure("S3"), group_structure("C2"))
    >>> G.m_coo() == SparseStructure.from_bialgebra(get("tensor(group:S3, group:C2)")).m
    True
    """
    if A.domain != B.domain:
        raise InputError("expected structures over one field", got=f"{A.domain} and {B.domain}")
    na, nb = A.dim, B.dim

    def wrap(s: str) -> str:
        return f"({s})" if any(ch in s for ch in "⊗ ") else s

    def name(i: int) -> str:
        return f"{wrap(A.label(i // nb))}⊗{wrap(B.label(i % nb))}"

    S = None if A.S is None or B.S is None else _interleave(A.S, B.S, na, nb, 1, 1)
    table = m = None
    if A.table is not None and B.table is not None:  # a product of groups: a table again
        if (na * nb) ** 2 > 4 * 10**8:
            raise InputError("expected a tensor product of at most 20000 dimensions",
                             got=str(na * nb))
        table = (A.table.astype(np.int32)[:, None, :, None] * np.int32(nb)
                 + B.table.astype(np.int32)[None, :, None, :]).reshape(na * nb, na * nb)
    else:
        m = _interleave(A.m_coo(), B.m_coo(), na, nb, 2, 1)
    return SparseStructure(
        f"tensor({A.name}, {B.name})", A.domain, na * nb,
        m, _interleave(A.u, B.u, na, nb, 0, 1),
        _interleave(A.delta, B.delta, na, nb, 1, 2), _interleave(A.eps, B.eps, na, nb, 1, 0),
        S, name, f"the tensor product of {A.name} and {B.name}", table)


# -- primes -------------------------------------------------------------------------
def is_prime(p: int) -> bool:
    """Deterministic Miller–Rabin for p < 3.3·10²⁴.

    >>> is_prime(P31), is_prime(2**31 - 3)
    (True, False)
    """
    if p < 2:
        return False
    for q in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41):
        if p % q == 0:
            return p == q
    d, s = p - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for a in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41):
        x = pow(a, d, p)
        if x in (1, p - 1):
            continue
        for _ in range(s - 1):
            x = x * x % p
            if x == p - 1:
                break
        else:
            return False
    return True


def _prime_factors(n: int) -> list[int]:
    out, d = [], 2
    while d * d <= n:
        if n % d == 0:
            out.append(d)
            while n % d == 0:
                n //= d
        d += 1
    return out + ([n] if n > 1 else [])


def choose_prime(order: int = 1, *, avoid: int = 1, below: int = P31 + 1) -> int:
    """The largest prime p < ``below`` with p ≡ 1 (mod ``order``) dividing no factor of ``avoid``.

    >>> choose_prime(), choose_prime(5) % 5, choose_prime(avoid=P31) < P31
    (2147483647, 1, True)
    """
    p = below - 1
    p -= (p - 1) % order
    while p > 2:
        if is_prime(p) and avoid % p != 0:
            return p
        p -= order
    raise ValueError("no prime found")  # pragma: no cover - there are many


WINDOW = (P31 + 1 - 2**24, P31 + 1)
"""The range ``[L, U)`` the random method draws its primes from: ``U = 2³¹`` (products of
two residues fit in int64) and ``L = 2³¹ − 2²⁴``, so every drawn prime is at least L and
there are about 780 000 primes to draw from (about 780 000/φ(n) that are ≡ 1 mod n)."""


@functools.lru_cache(maxsize=8)
def _window_sieve() -> np.ndarray:
    """Every prime in :data:`WINDOW`, ascending (a segmented sieve: exact, ~0.15 s once)."""
    lo, hi = WINDOW
    odd = np.ones((hi - lo) // 2, dtype=bool)          # index i ↦ lo + 1 + 2i (lo is even)
    lim = math.isqrt(hi) + 1
    small = np.ones(lim + 1, dtype=bool)
    small[:2] = False
    for i in range(2, math.isqrt(lim) + 1):
        if small[i]:
            small[i * i::i] = False
    for q in np.flatnonzero(small)[1:].tolist():    # odd primes up to √U
        first = -(-(lo + 1) // q) * q
        if first % 2 == 0:
            first += q
        odd[(first - lo - 1) // 2::q] = False
    return lo + 1 + 2 * np.flatnonzero(odd).astype(np.int64)


@functools.lru_cache(maxsize=64)
def window_primes(order: int = 1) -> np.ndarray:
    """The primes p in :data:`WINDOW` with p ≡ 1 (mod ``order``), ascending; exact.

    Their number is what the random method's error bound divides by, so it is counted,
    never estimated.

    >>> ps = window_primes(3)
    >>> len(ps) > 300_000, bool((ps % 3 == 1).all()), all(is_prime(int(p)) for p in ps[:50])
    (True, True, True)
    """
    ps = _window_sieve()
    return ps if order <= 2 else ps[ps % order == 1]


def primitive_roots(n: int, p: int) -> list[int]:
    """Every primitive n-th root of unity mod p (p ≡ 1 mod n), in a fixed order.

    They are the images of ζₙ under the φ(n) ring maps ℤ[ζₙ] → 𝔽_p, one per prime
    ideal 𝔭 = (p, ζₙ − r) of degree 1 above p.

    >>> sorted(primitive_roots(4, 13))
    [5, 8]
    """
    r0 = _root_of_unity(n, p)
    return [pow(r0, k, p) for k in range(1, n + 1) if math.gcd(k, n) == 1]


def draw_ideal(rng: np.random.Generator, order: int = 1, avoid: int = 1
               ) -> tuple[int, int | None]:
    """A uniformly random degree-1 prime ideal (p, ζₙ − r) with p in :data:`WINDOW`.

    ``p`` is uniform among the window's primes ≡ 1 (mod ``order``) that divide no factor
    of ``avoid`` (rejection sampling), and ``r`` uniform among the primitive ``order``-th
    roots of unity mod p (``None`` over ℚ, ``p − 1`` for ζ₂ = −1): so the ideal is
    uniform among those above the eligible primes.

    >>> p, r = draw_ideal(np.random.default_rng(1), 3)
    >>> WINDOW[0] <= p < WINDOW[1], p % 3, pow(r, 3, p)
    (True, 1, 1)
    """
    ps = window_primes(order)
    for _ in range(10_000):
        p = int(ps[rng.integers(0, len(ps))])
        if avoid % p:
            break
    else:  # pragma: no cover - avoid has at most log_L(avoid) prime factors in the window
        raise ValueError("no eligible prime")
    if order == 1:
        return p, None
    roots = primitive_roots(order, p)
    return p, roots[int(rng.integers(0, len(roots)))]


def _root_of_unity(n: int, p: int) -> int:
    """A primitive n-th root of unity mod p (p ≡ 1 mod n)."""
    qs = _prime_factors(n)
    for g in range(2, p):
        r = pow(g, (p - 1) // n, p)
        if all(pow(r, n // q, p) != 1 for q in qs):
            return r
    raise ValueError("no root of unity")  # pragma: no cover


# -- reduced maps -----------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class _Pattern:
    """Where a map's nonzeros are, independent of the prime: built once per map.

    ``ucols`` are the distinct columns holding an entry (ascending) and ``uptr`` their
    pointers into ``rows``/``cols`` — O(nnz) memory, never one entry per column of
    ``H⊗H``. ``split`` caches the pair (a, b) of each column a·n + b of a product."""

    rows: np.ndarray
    cols: np.ndarray
    ucols: np.ndarray
    uptr: np.ndarray
    split: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)

    @classmethod
    def of(cls, f: COO) -> _Pattern:
        cols = f.cols
        starts = np.flatnonzero(np.concatenate(([True], cols[1:] != cols[:-1]))) if len(
            cols) else np.zeros(0, dtype=np.int64)
        uptr = np.append(starts, len(cols)).astype(np.int64)
        return cls(f.rows, cols, cols[starts], uptr)

    def pairs(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """(a, b) of each entry's column a·n + b (int32 when n fits)."""
        if n not in self.split:
            a, b = np.divmod(self.cols, n)
            dt = np.int32 if n < (1 << 31) else np.int64
            self.split[n] = (a.astype(dt), b.astype(dt))
        return self.split[n]


_PATTERNS: dict[int, _Pattern] = {}  # by id of a live COO (COOs are unhashable values)


def _pattern(f: COO) -> _Pattern:
    pattern = _PATTERNS.get(id(f))
    if pattern is None:
        pattern = _PATTERNS[id(f)] = _Pattern.of(f)
        weakref.finalize(f, _PATTERNS.pop, id(f), None)
    return pattern


@dataclass(frozen=True, eq=False)
class ModMap:
    """A map's nonzeros over 𝔽_p (int64 residues) or as floats, with column pointers.

    The positions (``pattern``) are shared by every prime: an entry that vanishes mod p
    is kept as a zero (it adds nothing), so reducing mod another prime only converts
    the values.
    """

    nrows: int
    ncols: int
    pattern: _Pattern
    vals: np.ndarray

    @property
    def rows(self) -> np.ndarray:
        """Row of each entry."""
        return self.pattern.rows

    @property
    def cols(self) -> np.ndarray:
        """Column of each entry (ascending)."""
        return self.pattern.cols

    @classmethod
    def of(cls, f: COO, vals: np.ndarray) -> ModMap:
        """From a canonical COO and its converted values (one per entry, zeros kept)."""
        return cls(f.nrows, f.ncols, _pattern(f), vals)


def _qq_mod(x: Any, p: int) -> int:
    num, den = int(x.numerator), int(x.denominator)
    if den % p == 0:
        raise ZeroDivisionError
    return num * pow(den, -1, p) % p


@dataclass(frozen=True, eq=False)
class Reduced:
    """A structure's maps over 𝔽_p (``p`` an int) or as floats (``p`` is ``None``).

    ``root`` is the image of ζₙ for a cyclotomic field (``None`` over ℚ). Vectors are
    dense NumPy arrays of length ``n``; pair tensors (elements of H⊗H) are sparse
    ``(a, b, vals)`` triples. The product is a :class:`ModMap` ``m``, or a group's
    Cayley ``table`` with ``solve[a, r]`` = the b with a·b = r.
    """

    p: int | None
    n: int
    m: ModMap | None
    u: ModMap
    delta: ModMap
    eps: ModMap
    S: ModMap | None
    root: int | complex | None = None
    dtype: Any = np.int64
    table: np.ndarray | None = field(default=None, repr=False)
    solve: np.ndarray | None = field(default=None, repr=False)

    # -- vectors ------------------------------------------------------------------
    def random_vector(self, rng: np.random.Generator | int = 0) -> np.ndarray:
        """A uniform random vector (mod p), or uniform in [−1, 1) for floats.

        >>> from coherence.algebra.catalogue import get
        >>> R = reduce(SparseStructure.from_bialgebra(get("sweedler")))
        >>> bool((R.random_vector(3) == R.random_vector(3)).all())
        True
        """
        rng = np.random.default_rng(rng) if not isinstance(rng, np.random.Generator) else rng
        if self.p is None:
            return rng.uniform(-1.0, 1.0, self.n).astype(self.dtype)
        return rng.integers(0, self.p, self.n, dtype=np.int64)

    def unit(self) -> np.ndarray:
        """u(1) as a dense vector."""
        return self._scatter(self.u.rows, self.u.vals, self.n)

    def zero(self) -> np.ndarray:
        """The zero vector."""
        return np.zeros(self.n, dtype=self.dtype)

    def is_zero(self, a: Any, tolerance: float = 0.0) -> bool:
        """Whether a residual (vector or scalar) is zero (mod p), or within tolerance."""
        a = np.asarray(a)
        if self.p is None:
            return bool((np.abs(a) <= tolerance).all())
        return not a.any()

    # -- arithmetic ---------------------------------------------------------------
    def _mul(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        if self.p is None:
            return a * b
        return (a * b) % self.p

    def _scatter(self, idx: np.ndarray, vals: np.ndarray, size: int) -> np.ndarray:
        """Σ vals at idx, exactly (mod p: bincount on 16-bit halves, sums below 2⁵³)."""
        if self.p is None:
            if np.iscomplexobj(vals):
                return (np.bincount(idx, vals.real, size)
                        + 1j * np.bincount(idx, vals.imag, size)).astype(self.dtype)
            return np.bincount(idx, vals, size).astype(self.dtype)
        if len(vals) >= 1 << 36:  # pragma: no cover - would exceed exact float range
            raise ValueError("too many terms for an exact sum")
        lo = np.bincount(idx, vals & 0xFFFF, size).astype(np.int64)
        hi = np.bincount(idx, vals >> 16, size).astype(np.int64)
        return ((hi % self.p) * 65536 + lo) % self.p

    def total(self, vals: np.ndarray) -> Any:
        """Σ vals (mod p; residues below 2³¹, so fewer than 2³² of them sum exactly)."""
        if self.p is None:
            return vals.sum() if len(vals) else self.dtype(0)
        if len(vals) >= 1 << 32:  # pragma: no cover
            return self._scatter(np.zeros(len(vals), dtype=np.int64), vals, 1)[0]
        return int(vals.sum()) % self.p

    def dot(self, w: np.ndarray, x: np.ndarray) -> Any:
        """⟨w, x⟩."""
        return self.total(self._mul(w, x))

    def sub(self, a: Any, b: Any) -> Any:
        """a − b (mod p)."""
        return a - b if self.p is None else (a - b) % self.p

    def scale(self, c: Any, x: np.ndarray) -> np.ndarray:
        """c·x."""
        return self._mul(np.full_like(x, c), x)

    # -- maps on dense vectors ------------------------------------------------------
    def apply(self, f: ModMap, x: np.ndarray) -> np.ndarray:
        """f(x) for a linear map H → H (or H → k, a length-1 result)."""
        return self._scatter(f.rows, self._mul(f.vals, x[f.cols]), f.nrows)

    def apply_t(self, f: ModMap, w: np.ndarray) -> np.ndarray:
        """fᵀ(w): the covector w∘f."""
        return self._scatter(f.cols, self._mul(f.vals, w[f.rows]), f.ncols)

    def mul(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """m(x⊗y), over the nonzeros of m (no n²-entry vector is kept).

        With a group's table this is a blocked gather: (x·y)_r = Σ_a x_a y_{a⁻¹r}.
        """
        nx, ny = np.flatnonzero(x), np.flatnonzero(y)
        if len(nx) * len(ny) * 4 < (self.n**2 if self.m is None else self.m.rows.size):
            a, b = np.repeat(nx, len(ny)), np.tile(ny, len(nx))  # sparse: only the pairs met
            return self.mul_pairs((a, b, self._mul(x[a], y[b])))
        if self.solve is not None:
            out = np.zeros(self.n, dtype=self.dtype)
            step = max(1, (1 << 21) // self.n)
            for a0 in range(0, self.n, step):
                block = np.take(y, self.solve[a0:a0 + step])
                block *= x[a0:a0 + step, None]
                if self.p is not None:
                    block %= self.p
                out += block.sum(axis=0)
                if self.p is not None:
                    out %= self.p
            return out
        if self.m is None:
            raise InternalError("a reduced structure without a product map")
        a, b = self.m.pattern.pairs(self.n)
        rows, vals = self.m.rows, self.m.vals
        out = np.zeros(self.n, dtype=self.dtype)
        step = 1 << 20  # cache-sized blocks: no nnz-long temporaries
        for i in range(0, len(vals), step):
            j = slice(i, i + step)
            part = self._scatter(rows[j], self._mul(self._mul(vals[j], x[a[j]]), y[b[j]]),
                                 self.n)
            out = out + part if self.p is None else (out + part) % self.p
        return out

    def m_columns(self, a: np.ndarray, b: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every nonzero of the columns e_a⊗e_b of m: (rows, values, which pair each is from)."""
        if self.table is not None:
            return (self.table[a, b].astype(np.int64), np.ones(len(a), dtype=self.dtype),
                    np.arange(len(a)))
        if self.m is None:
            raise InternalError("a reduced structure without a product map")
        return _expand(self.m, a * self.n + b)

    def coproduct(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Δ(x) as a pair tensor ``(a, b, vals)`` (duplicates summed, zeros dropped)."""
        a, b = np.divmod(self.delta.rows, self.n)
        return self._compress(a, b, self._mul(self.delta.vals, x[self.delta.cols]))

    def comul_t(self, w1: np.ndarray, w2: np.ndarray) -> np.ndarray:
        """Δᵀ(w₁⊗w₂): the covector x ↦ (w₁⊗w₂)(Δx)."""
        a, b = np.divmod(self.delta.rows, self.n)
        vals = self._mul(self._mul(self.delta.vals, w1[a]), w2[b])
        return self._scatter(self.delta.cols, vals, self.n)

    def _compress(self, a: np.ndarray, b: np.ndarray, vals: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        keep = vals != 0
        a, b, vals = a[keep], b[keep], vals[keep]
        key = a * self.n + b
        uniq, inv = np.unique(key, return_inverse=True)
        summed = self._scatter(inv.reshape(-1), vals, len(uniq))
        keep = summed != 0
        uniq, summed = uniq[keep], summed[keep]
        return uniq // self.n, uniq % self.n, summed

    # -- maps on pair tensors ---------------------------------------------------------
    def map_factor(self, f: ModMap, T: tuple[np.ndarray, np.ndarray, np.ndarray], pos: int
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(f⊗id)(T) (pos 0) or (id⊗f)(T) (pos 1) for a map f: H → H."""
        a, b, vals = T
        rows, fv, which = _expand(f, a if pos == 0 else b)
        v = self._mul(vals[which], fv)
        a2, b2 = (rows, b[which]) if pos == 0 else (a[which], rows)
        return self._compress(a2, b2, v)

    def mul_pairs(self, T: tuple[np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
        """m applied to a pair tensor Σ c·e_a⊗e_b."""
        a, b, vals = T
        rows, mv, which = self.m_columns(a, b)
        return self._scatter(rows, self._mul(vals[which], mv), self.n)

    def pair_forms(self, a: np.ndarray, c: np.ndarray, w: np.ndarray) -> np.ndarray:
        """w(m(e_a⊗e_c)) for each pair (a[i], c[i])."""
        if self.table is not None:
            return w[self.table[a, c]]
        rows, mv, which = self.m_columns(a, c)
        return self._scatter(which, self._mul(mv, w[rows]), len(a))

    def contract(self, T: tuple[np.ndarray, np.ndarray, np.ndarray], w1: np.ndarray,
                 w2: np.ndarray) -> Any:
        """(w₁⊗w₂)(T)."""
        a, b, vals = T
        return self.total(self._mul(self._mul(vals, w1[a]), w2[b]))


def _expand(f: ModMap, src: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The nonzeros of columns ``src`` of f: (rows, values, index into src)."""
    P = f.pattern
    at_u = np.searchsorted(P.ucols, src)
    found = at_u < len(P.ucols)
    found[found] = P.ucols[at_u[found]] == src[found]
    lo = np.where(found, P.uptr[np.minimum(at_u, len(P.ucols))], 0)
    counts = np.where(found, P.uptr[np.minimum(at_u + 1, len(P.ucols))] - lo, 0)
    rep = np.repeat(np.arange(len(src)), counts)
    offsets = np.cumsum(counts) - counts
    at = lo[rep] + (np.arange(int(counts.sum())) - offsets[rep])
    return P.rows[at], f.vals[at], rep


def _convert(f: COO, domain: Any, p: int | None, root: Any) -> np.ndarray:
    vals = f.vals
    if vals.dtype != object:
        if p is None:
            return vals.astype(np.complex128 if root is not None else np.float64)
        return vals % p
    if getattr(domain, "is_QQ", False) or getattr(domain, "is_ZZ", False):
        if p is None:
            return np.array([_float(v) for v in vals], dtype=np.float64)
        return np.array([_qq_mod(QQ.convert(v), p) for v in vals], dtype=np.int64)
    out = []
    for v in vals:
        coeffs = domain.convert(v).to_list()  # highest degree first, rational coefficients
        if p is None:
            acc = 0j
            for c in coeffs:
                acc = acc * root + _float(c)
        else:
            acc = 0
            for c in coeffs:
                acc = (acc * root + _qq_mod(QQ.convert(c), p)) % p
        out.append(acc)
    return np.array(out, dtype=np.complex128 if p is None else np.int64)


def _float(x: Any) -> float:
    """float(x), or ±inf where x is beyond float range (the numeric path sees the overflow)."""
    try:
        return float(x)
    except OverflowError:
        return math.inf if x > 0 else -math.inf


def _field_kind(domain: Any) -> int:
    """1 for ℚ, n for ℚ(ζₙ); InputError for anything else."""
    if getattr(domain, "is_QQ", False) or getattr(domain, "is_ZZ", False):
        return 1
    order = cyclotomic_order(domain)
    if order is not None:
        return order
    what = ("a field with parameters " + ", ".join(parameters(domain))
            if parameters(domain) else str(domain))
    raise InputError("expected a structure over QQ or QQ(zeta_N) for the random method "
                     "(parametric structures get exact conditions instead)", got=what)


def _solve_table(table: np.ndarray) -> np.ndarray | None:
    """``solve[a, r]`` = the b with ``table[a, b] = r``, when every row is a permutation."""
    n = len(table)
    solve = np.full((n, n), -1, dtype=np.int32)
    np.put_along_axis(solve, table.astype(np.int64),
                      np.broadcast_to(np.arange(n, dtype=np.int32), (n, n)), axis=1)
    return None if (solve < 0).any() else solve


def _maps(A: SparseStructure, conv: list[np.ndarray], maps: list[COO | None], **kw: Any
          ) -> dict[str, Any]:
    mods = [None if f is None else ModMap.of(f, v)
            for f, v in zip(maps, conv, strict=True)]
    out = dict(zip(("m", "u", "delta", "eps", "S"), mods, strict=True))
    if A.table is not None:
        out["table"] = A.table
        out["solve"] = _solve_table(A.table)
    return {**out, **kw}


def reduce(A: SparseStructure, p: int | None = None, *, below: int | None = None,
           root: int | None = None) -> Reduced:
    """The structure's maps over 𝔽_p through a ring homomorphism of its coefficients.

    ``p`` defaults to the largest prime below 2³¹ (below ``below`` when given: the next
    prime after one already used) that is ≡ 1 (mod n) for ℚ(ζₙ) and divides no
    denominator of a structure constant (a given p that does is refused). Over ℚ(ζₙ),
    ``root`` picks the image of ζₙ (a primitive n-th root of unity mod p; by default
    the first one found) — i.e. which prime ideal above p is the kernel. The random
    method draws p and the root at random (:func:`draw_ideal`); fixed defaults are for
    tests and tools, never for an error bound.

    >>> from coherence.algebra.catalogue import get
    >>> R = reduce(SparseStructure.from_bialgebra(get("sweedler")))
    >>> R.apply(R.S, R.apply(R.S, np.eye(4, dtype=np.int64)[2]))   # S²(x) = −x
    array([         0,          0, 2147483646,          0])
    """
    order = _field_kind(A.domain)
    maps = [A.m, A.u, A.delta, A.eps, A.S]
    candidates = [p] if p is not None else []
    below = P31 + 1 if below is None else below
    for _ in range(50):
        q = candidates.pop() if candidates else choose_prime(order, below=below)
        below = q
        if q >= 1 << 31 or not is_prime(q) or (q - 1) % order:
            raise InputError("expected a prime p < 2³¹ with p ≡ 1 (mod n)", got=str(q))
        root_q = None if order == 1 else _root_of_unity(order, q)
        if root is not None and p is not None:
            if order == 1 or pow(root, order, q) != 1 or any(
                    pow(root, order // f, q) == 1 for f in _prime_factors(order)):
                raise InputError(f"expected a primitive {order}-th root of unity mod {q}",
                                 got=str(root))
            root_q = root
        if order > 2:
            acc = 0
            for c in A.domain.mod.to_list():
                acc = (acc * root_q + _qq_mod(QQ.convert(c), q)) % q
            if acc:  # pragma: no cover - Φₙ vanishes at every primitive n-th root
                continue
        try:
            conv = [None if f is None else _convert(f, A.domain, q, root_q) for f in maps]
        except ZeroDivisionError:
            if p is not None:
                raise InputError("expected a prime dividing no denominator of the structure",
                                 got=str(p)) from None
            continue
        return Reduced(q, A.dim, **_maps(A, conv, maps, root=root_q))
    raise ValueError("no suitable prime")  # pragma: no cover


def to_float(A: SparseStructure) -> Reduced:
    """The structure's maps as floats (complex for ℚ(ζₙ), with ζₙ = exp(2πi/n)).

    >>> from coherence.algebra.catalogue import get
    >>> F = to_float(SparseStructure.from_bialgebra(get("taft:3")))
    >>> F.p is None, F.dtype.__name__
    (True, 'complex128')
    """
    order = _field_kind(A.domain)
    root = None if order <= 2 else complex(math.cos(2 * math.pi / order),
                                           math.sin(2 * math.pi / order))
    maps = [A.m, A.u, A.delta, A.eps, A.S]
    conv = [None if f is None else _convert(f, A.domain, None, root) for f in maps]
    dtype = np.complex128 if root is not None else np.float64
    return Reduced(None, A.dim, **_maps(A, conv, maps, root=root, dtype=dtype))
