"""Vectorised exact kernel for sparse maps: sorted COO arrays, composed and tensored in bulk.

This is the raw kernel under the law checks (``coherence.checks.laws``): a law is an
identity between composites such as ``m∘(m⊗id)`` whose Kronecker factors have ``n³``
nonzeros (1.7 million for ℚ[S₅]); building and composing them entry by entry in Python
costs seconds, in NumPy tens of milliseconds. Values stay exact: they are ``int64``
while every product provably fits (bounds are tracked and checked before each
operation), and otherwise NumPy object arrays holding the domain's own exact elements
(python-flint ``fmpq``, algebraic-field and rational-function elements).

A :class:`COO` is always canonical: entries sorted by (column, row), no duplicates, no
explicit zeros — so equality of maps is equality of arrays.

>>> from coherence.algebra.catalogue import get
>>> H = get("group:S3")
>>> m, i = COO.from_map(H.m), COO.identity(H.dim)
>>> (m @ m.kron(i)) == (m @ i.kron(m))          # associativity of ℚ[S₃]
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from coherence.algebra.errors import InternalError

_SAFE = 1 << 31  # apply_kron switches to objects once a bound reaches this
_INT64 = (1 << 63) - 1  # int64 is used only while a proved bound on every result stays below


@dataclass(frozen=True, eq=False)
class COO:
    """A canonical sparse matrix ``nrows × ncols`` with exact values.

    ``vals`` is int64 (with ``bound`` ≥ every |value|) or an object array (``bound``
    is ``None``).
    """

    nrows: int
    ncols: int
    rows: np.ndarray
    cols: np.ndarray
    vals: np.ndarray
    bound: int | None

    # -- construction ----------------------------------------------------------------
    @classmethod
    def from_map(cls, f: Any) -> COO:
        """From a :class:`~coherence.algebra.linear.LinearMap` (its sparse DomainMatrix)."""
        sdm = f.matrix.rep.to_sdm()
        domain = f.matrix.domain
        rows, cols, vals = [], [], []
        for r, row in sdm.items():
            for c, v in row.items():
                rows.append(r)
                cols.append(c)
                vals.append(v)
        nrows, ncols = f.matrix.shape
        return cls._canonical(nrows, ncols, np.array(rows, dtype=np.int64),
                              np.array(cols, dtype=np.int64), _as_values(vals, domain))

    @classmethod
    def from_vector(cls, coeffs: Any, n: int, domain: Any) -> COO:
        """The column vector ``{index: domain element}`` as an ``n × 1`` COO.

        >>> from coherence.algebra.domains import QQ
        >>> COO.from_vector({2: QQ(3)}, 4, QQ).column(0, QQ)
        {2: 3}
        """
        idx = sorted(coeffs)
        return cls._canonical(n, 1, np.array(idx, dtype=np.int64),
                              np.zeros(len(idx), dtype=np.int64),
                              _as_values([coeffs[i] for i in idx], domain))

    @classmethod
    def identity(cls, n: int) -> COO:
        """The n × n identity."""
        ar = np.arange(n, dtype=np.int64)
        return cls(n, n, ar, ar.copy(), np.ones(n, dtype=np.int64), 1)

    @classmethod
    def _canonical(cls, nrows: int, ncols: int, rows: np.ndarray, cols: np.ndarray,
                   vals: np.ndarray) -> COO:
        """Sort by (col, row), sum duplicates, drop zeros."""
        if len(rows) == 0:
            return cls(nrows, ncols, rows, cols, np.zeros(0, dtype=np.int64), 0)
        key = cols * nrows + rows
        order = np.argsort(key, kind="stable")
        key, vals = key[order], vals[order]
        starts = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1])))
        if len(starts) != len(key):
            vals = np.add.reduceat(vals, starts)
            key = key[starts]
        nz = _nonzero(vals)
        if not nz.all():
            key, vals = key[nz], vals[nz]
        bound = int(np.abs(vals).max()) if vals.dtype != object and len(vals) else (
            0 if vals.dtype != object else None)
        return cls(nrows, ncols, key % nrows, key // nrows, vals, bound)

    # -- operations ------------------------------------------------------------------
    def __matmul__(self, other: COO) -> COO:
        """Composition ``self ∘ other`` (matrix product)."""
        if other.nrows != self.ncols:
            raise ValueError("shapes do not compose")
        # Column pointers of self (entries are sorted by column).
        ptr = np.searchsorted(self.cols, np.arange(self.ncols + 1, dtype=np.int64))
        counts = ptr[other.rows + 1] - ptr[other.rows]
        total = int(counts.sum())
        if total == 0:
            return COO(self.nrows, other.ncols, *_empty())
        rep = np.repeat(np.arange(len(other.rows)), counts)
        offsets = np.cumsum(counts) - counts
        pos = ptr[other.rows][rep] + (np.arange(total) - offsets[rep])
        # Each output entry sums at most ``self.ncols`` products: bound the sum, not one term.
        vals = _mul(self.vals[pos], other.vals[rep], self.bound, other.bound,
                    terms=int(np.bincount(other.cols).max()))  # ≥ summands per entry
        return COO._canonical(self.nrows, other.ncols, self.rows[pos], other.cols[rep], vals)

    def kron(self, other: COO) -> COO:
        """The Kronecker (tensor) product."""
        na, nb = len(self.rows), len(other.rows)
        ia = np.repeat(np.arange(na), nb)
        ib = np.tile(np.arange(nb), na)
        rows = self.rows[ia] * other.nrows + other.rows[ib]
        cols = self.cols[ia] * other.ncols + other.cols[ib]
        vals = _mul(self.vals[ia], other.vals[ib], self.bound, other.bound)
        return COO._canonical(self.nrows * other.nrows, self.ncols * other.ncols, rows, cols,
                              vals)

    def __sub__(self, other: COO) -> COO:
        if (self.nrows, self.ncols) != (other.nrows, other.ncols):
            raise ValueError("shapes differ")
        a, b = _unify(self, other)
        if a.dtype != object and (self.bound is None or other.bound is None
                                  or self.bound + other.bound > _INT64):
            a, b = _objects(a), _objects(b)  # x - y may leave int64 (and so may -y)
        return COO._canonical(self.nrows, self.ncols, np.concatenate((self.rows, other.rows)),
                              np.concatenate((self.cols, other.cols)), np.concatenate((a, -b)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, COO):
            return NotImplemented
        if (self.nrows, self.ncols, len(self.rows)) != (other.nrows, other.ncols,
                                                         len(other.rows)):
            return False
        if not ((self.rows == other.rows).all() and (self.cols == other.cols).all()):
            return False
        return not (self - other).nnz

    __hash__ = None  # type: ignore[assignment]

    def nonzero_columns(self) -> np.ndarray:
        """The distinct columns holding a nonzero entry, ascending."""
        return np.unique(self.cols)

    def column(self, j: int, domain: Any) -> dict[int, Any]:
        """Column ``j`` as ``{row: domain element}``."""
        lo, hi = np.searchsorted(self.cols, [j, j + 1])
        return {int(r): _to_domain(v, domain) for r, v in
                zip(self.rows[lo:hi], self.vals[lo:hi], strict=True)}

    @property
    def nnz(self) -> int:
        """Number of stored (nonzero) entries."""
        return len(self.rows)


_truth = np.frompyfunc(bool, 1, 1)


def _nonzero(vals: np.ndarray) -> np.ndarray:
    if vals.dtype == object:
        return _truth(vals).astype(bool)
    return vals != 0


def apply_kron(factors: tuple[COO, ...] | list[COO], x: COO) -> COO:
    """``(f₁⊗…⊗fₖ) ∘ x`` without materialising the Kronecker product.

    Each nonzero of ``x`` is expanded through the factors' columns in turn, so the work
    is the number of nonzeros actually reached (for ``m⊗m`` on ℚ[S₅], 14 400 rather than
    the 2·10⁸ entries of the product).

    >>> a = COO.identity(2)
    >>> apply_kron([a, a], COO.identity(4)) == a.kron(a)
    True
    """
    ncols = 1
    for f in factors:
        ncols *= f.ncols
    if x.nrows != ncols:
        raise ValueError("shapes do not compose")
    # Split each row of x into its factor indices (mixed radix, last factor fastest).
    idx = []
    r = x.rows
    for f in reversed(factors):
        idx.append(r % f.ncols)
        r = r // f.ncols
    idx.reverse()
    sel = np.arange(len(x.rows))  # which entry of x each partial image comes from
    rows = np.zeros(len(x.rows), dtype=np.int64)
    vals = x.vals
    bound = x.bound
    nrows = 1
    for f, i in zip(factors, idx, strict=True):
        ptr = np.searchsorted(f.cols, np.arange(f.ncols + 1, dtype=np.int64))
        cols_needed = i[sel]
        counts = ptr[cols_needed + 1] - ptr[cols_needed]
        total = int(counts.sum())
        rep = np.repeat(np.arange(len(sel)), counts)
        offsets = np.cumsum(counts) - counts
        pos = ptr[cols_needed][rep] + (np.arange(total) - offsets[rep])
        sel = sel[rep]
        rows = rows[rep] * f.nrows + f.rows[pos]
        vals = _mul(vals[rep], f.vals[pos], bound, f.bound)
        bound = None if bound is None or f.bound is None else bound * max(f.bound, 1)
        if bound is not None and bound >= _SAFE:
            vals, bound = _objects(vals), None
        nrows *= f.nrows
    return COO._canonical(nrows, x.ncols, rows, x.cols[sel], vals)


def _empty() -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    z = np.zeros(0, dtype=np.int64)
    return z, z.copy(), z.copy(), 0


def _as_values(vals: list[Any], domain: Any) -> np.ndarray:
    """int64 when every value is an integer of ℚ/ℤ below the safe bound, else objects."""
    if getattr(domain, "is_QQ", False) or getattr(domain, "is_ZZ", False):
        ints = []
        for v in vals:
            if getattr(v, "denominator", 1) != 1:
                break
            n = int(v.numerator) if hasattr(v, "numerator") else int(v)
            if abs(n) >= _SAFE:
                break
            ints.append(n)
        else:
            return np.array(ints, dtype=np.int64)
    arr = np.empty(len(vals), dtype=object)
    arr[:] = vals
    return arr


def _to_domain(v: Any, domain: Any) -> Any:
    return domain.convert(int(v)) if isinstance(v, np.integer | int) else v


def _objects(a: np.ndarray, domain_one: Any = None) -> np.ndarray:
    if a.dtype == object:
        return a
    out = np.empty(len(a), dtype=object)
    out[:] = [int(x) for x in a]
    return out


def _unify(x: COO, y: COO) -> tuple[np.ndarray, np.ndarray]:
    if x.vals.dtype == object or y.vals.dtype == object:
        return _objects(x.vals), _objects(y.vals)
    return x.vals, y.vals


def _mul(a: np.ndarray, b: np.ndarray, ba: int | None, bb: int | None, *,
         terms: int = 1) -> np.ndarray:
    """Products ``a*b``, in int64 only when ``terms`` of them summed provably fit."""
    if (ba is not None and bb is not None and a.dtype != object and b.dtype != object
            and ba * bb * terms <= _INT64):
        return a * b
    return _objects(a) * _objects(b)


# -- streamed evaluation of composites on blocks of basis tuples ------------------------
BLOCK = 1 << 22
"""Terms (basis tuples × nonzeros reached) held at once by :func:`stream_diff`."""


@dataclass(frozen=True, eq=False)
class Prepared:
    """A map ``H^{⊗s} → H^{⊗t}`` (``n = dim H``) prepared for gathers, built once.

    ``ptr`` are the column pointers of ``coo``, ``row_digits`` the factor indices of
    each entry's row. A map with at most one entry per column is *monomial*: then
    ``mono_digits[d][c]`` is digit ``d`` of column c's row and ``mono_vals[c]`` its
    value (0 for an empty column; ``None`` when every column holds exactly a 1 — a
    group's product, coproduct, antipode), so applying it is an index gather.

    >>> from coherence.algebra.catalogue import get
    >>> H = get("group:S3")
    >>> P = Prepared.of(COO.from_map(H.m), 6, 2, 1)
    >>> P.mono, P.mono_vals is None, H.basis[P.mono_digits[0][1 * 6 + 2]]   # (23)·(12)
    (True, True, '(132)')
    """

    coo: COO
    n: int
    s: int
    t: int
    ptr: np.ndarray
    max_col: int
    row_digits: tuple[np.ndarray, ...]
    mono: bool
    mono_digits: tuple[np.ndarray, ...]
    mono_vals: np.ndarray | None

    @classmethod
    def of(cls, f: COO, n: int, s: int, t: int) -> Prepared:
        """Prepare ``f: H^{⊗s} → H^{⊗t}`` (its shape must be ``n^t × n^s``)."""
        if (f.nrows, f.ncols) != (n**t, n**s):
            raise ValueError("shape is not n^t × n^s")
        ptr = np.zeros(f.ncols + 1, dtype=np.int64)
        np.cumsum(np.bincount(f.cols, minlength=f.ncols), out=ptr[1:])
        counts = np.diff(ptr)
        max_col = int(counts.max()) if len(counts) else 0
        dt = _index_dtype(n)
        row_digits = tuple(d.astype(dt) for d in _split(f.rows, n, t))
        mono = max_col <= 1
        mono_digits: tuple[np.ndarray, ...] = ()
        mono_vals = None
        if mono:
            mono_digits = tuple(np.zeros(f.ncols, dtype=dt) for _ in range(t))
            for md, rd in zip(mono_digits, row_digits, strict=True):
                md[f.cols] = rd
            full = len(f.cols) == f.ncols
            if not (full and f.vals.dtype != object and (f.vals == 1).all()):
                mono_vals = np.zeros(f.ncols, dtype=f.vals.dtype if f.vals.dtype != object
                                     else object)
                if f.vals.dtype == object:
                    mono_vals[:] = 0
                mono_vals[f.cols] = f.vals
        return cls(f, n, s, t, ptr, max_col, row_digits, mono, mono_digits, mono_vals)


@dataclass(frozen=True)
class _Builtin:
    """``id`` (s = t = 1) and ``τ`` (s = t = 2): permutations of the factor indices."""

    name: str
    s: int
    t: int
    max_col: int = 1


ID = _Builtin("id", 1, 1)
TAU = _Builtin("tau", 2, 2)

Factor = Prepared | _Builtin
Program = tuple[tuple[Factor, ...], ...]
"""Steps applied right to left: step ``(f₁, …, f_k)`` applies ``f₁⊗…⊗f_k``."""


def _index_dtype(n: int) -> type:
    return np.int32 if n * n < (1 << 31) else np.int64


def _split(idx: np.ndarray, n: int, k: int) -> list[np.ndarray]:
    """Factor indices of flat indices of ``H^{⊗k}`` (mixed radix, last factor fastest)."""
    out = []
    for _ in range(k):
        idx, r = np.divmod(idx, n)
        out.append(r)
    return out[::-1]


class _Terms:
    """The image of a block of basis tuples, term by term.

    Grid mode (``sel`` is None): one term per basis tuple, digits broadcastable to the
    block's grid — monomial steps are gathers and nothing is materialised. Flat mode:
    1-D arrays, ``sel`` the block-local basis tuple each term belongs to.
    """

    def __init__(self, digits: list[np.ndarray], grid: tuple[int, ...]) -> None:
        self.digits = digits
        self.vals: np.ndarray | None = None  # None: every value is 1
        self.bound: int | None = 1
        self.sel: np.ndarray | None = None
        self.grid = grid

    def flatten(self) -> None:
        if self.sel is not None:
            return
        size = int(np.prod(self.grid))
        self.digits = [np.broadcast_to(d, self.grid).reshape(-1) for d in self.digits]
        if self.vals is not None:
            self.vals = np.broadcast_to(self.vals, self.grid).reshape(-1)
        self.sel = np.arange(size, dtype=np.int64)

    def scale(self, v: np.ndarray, bound: int | None) -> None:
        """Multiply every term's value by ``v`` (|v| ≤ ``bound``; None: exact objects)."""
        new = None if self.bound is None or bound is None else self.bound * max(bound, 1)
        if new is None or new >= _SAFE or v.dtype == object:
            v, new = v.astype(object), None
            if self.vals is not None:
                self.vals = np.asarray(self.vals).astype(object)
        self.vals = v if self.vals is None else self.vals * v
        self.bound = new

    def values(self) -> np.ndarray:
        """Values as a flat array (flat mode)."""
        if self.sel is None:
            raise InternalError("flat values asked of terms still on their grid")
        if self.vals is None:
            return np.ones(len(self.sel), dtype=np.int64)
        return np.asarray(self.vals)


def _combine(ds: list[np.ndarray], n: int, dtype: Any = np.int64) -> Any:
    """The flat index Σ dᵢ·n^(k−1−i) of factor indices (broadcasting), in ``dtype``."""
    col = ds[0].astype(dtype, copy=False)
    for d in ds[1:]:
        col = col * dtype(n) + d
    return col


def _apply_step(T: _Terms, step: tuple[Factor, ...], n: int) -> None:
    done: list[np.ndarray] = []
    rest = list(T.digits)
    for f in step:
        ds, rest = rest[:f.s], rest[f.s:]
        if f is ID:
            done += ds
            continue
        if f is TAU:
            done += [ds[1], ds[0]]
            continue
        if not isinstance(f, Prepared):
            raise InternalError(f"expected a prepared map in a program, got {f!r}")
        col = _combine(ds, n, _index_dtype(n)) if ds else np.zeros(
            (1,) * len(T.grid) if T.sel is None else len(T.sel), dtype=np.int64)
        if f.mono:
            done += [np.take(md, col) for md in f.mono_digits]
            if f.mono_vals is not None:
                T.scale(np.take(f.mono_vals, col), f.coo.bound)
            continue
        if T.sel is None:  # leave grid mode: every array one entry per term
            T.digits = done + ds + rest
            T.flatten()
            done = T.digits[:len(done)]
            ds = T.digits[len(done):len(done) + f.s]
            rest = T.digits[len(done) + f.s:]
            col = _combine(ds, n, _index_dtype(n)) if ds else np.zeros(len(T.sel),
                                                                       dtype=np.int64)
        if T.sel is None:
            raise InternalError("terms left their grid without their tuple indices")
        col = np.broadcast_to(col, T.sel.shape)
        counts = f.ptr[col + 1] - f.ptr[col]
        total = int(counts.sum())
        rep = np.repeat(np.arange(len(col)), counts)
        offsets = np.cumsum(counts) - counts
        at = f.ptr[col][rep] + (np.arange(total) - offsets[rep])
        done = [d[rep] for d in done] + [rd[at] for rd in f.row_digits]
        rest = [d[rep] for d in rest]
        T.sel = T.sel[rep]
        if T.vals is not None:
            T.vals = np.asarray(T.vals)[rep]
        T.scale(f.coo.vals[at], f.coo.bound)
    T.digits = done


def _block_terms(program: Program, n: int, s: int, p0: int, k: int, L: int) -> _Terms:
    """Evaluate ``program`` on the basis tuples whose first ``L`` indices (flattened)
    run over ``p0 … p0 + k − 1`` and whose other ``s − L`` indices run over everything."""
    dt = _index_dtype(n)
    grid = (k,) + (n,) * (s - L)
    pre = _split(np.arange(p0, p0 + k, dtype=np.int64), n, L)
    digits = [d.astype(dt).reshape((k,) + (1,) * (s - L)) for d in pre]
    for i in range(s - L):
        shape = [1] * (s - L + 1)
        shape[i + 1] = n
        digits.append(np.arange(n, dtype=dt).reshape(shape))
    T = _Terms(digits, grid)
    for step in reversed(program):
        _apply_step(T, step, n)
    return T


def _flat_coo(T: _Terms, n: int, t: int, ncols: int) -> COO:
    T.flatten()
    if T.sel is None:
        raise InternalError("terms left their grid without their tuple indices")
    rows = _combine(T.digits, n) if T.digits else np.zeros(len(T.sel), dtype=np.int64)
    rows = np.broadcast_to(rows, T.sel.shape).astype(np.int64)
    vals = T.values()
    if vals.dtype != object and T.bound is not None and T.bound >= _SAFE:
        vals = _objects(vals)
    return COO._canonical(n**t, ncols, rows, T.sel, vals)


def _block_bad(lhs: _Terms, rhs: _Terms, n: int, t: int, ncols: int) -> np.ndarray:
    """Block-local basis tuples where the two sides differ, ascending."""
    plain = all(T.sel is None and (T.vals is None or np.asarray(T.vals).dtype != object)
                for T in (lhs, rhs))
    if plain:  # one term per tuple on both sides: compare digit by digit
        differ: Any = False
        for a, b in zip(lhs.digits, rhs.digits, strict=True):
            differ = differ | (a != b)
        if lhs.vals is not None or rhs.vals is not None:
            vl: Any = 1 if lhs.vals is None else lhs.vals
            vr: Any = 1 if rhs.vals is None else rhs.vals
            differ = (differ | (vl != vr)) & ((vl != 0) | (vr != 0))
        if not np.any(differ):
            return np.zeros(0, dtype=np.int64)
        return np.flatnonzero(np.broadcast_to(differ, lhs.grid))
    return (_flat_coo(lhs, n, t, ncols) - _flat_coo(rhs, n, t, ncols)).nonzero_columns()


def _expansion(program: Program) -> int:
    e = 1
    for step in program:
        for f in step:
            e *= max(1, f.max_col)
    return e


def stream_diff(lhs: Program, rhs: Program, n: int, s: int, t: int,
                block: int = BLOCK) -> tuple[int, int | None]:
    """Compare two composites ``H^{⊗s} → H^{⊗t}`` on every basis tuple, block by block.

    Returns (how many basis tuples differ, the first one as a flat index, or None).
    Memory is O(block + the prepared maps): no ``n^s``-column matrix is formed; maps
    with one entry per column are applied by index gathers.

    >>> from coherence.algebra.catalogue import get
    >>> H = get("group:S3")
    >>> m = Prepared.of(COO.from_map(H.m), 6, 2, 1)
    >>> stream_diff(((m,), (m, ID)), ((m,), (ID, m)), 6, 3, 1)      # associative
    (0, None)
    >>> stream_diff(((m,), (TAU,)), ((m,),), 6, 2, 1)                # not commutative
    (18, 8)
    """
    per_col = max(1, block // max(_expansion(lhs), _expansion(rhs)))
    L = 0
    while L < s and n ** (s - L) > per_col:
        L += 1
    rest = n ** (s - L)
    k = max(1, per_col // rest)
    total_prefix = n**L
    bad_count, first = 0, None
    for p0 in range(0, total_prefix, k):
        kk = min(k, total_prefix - p0)
        a = _block_terms(lhs, n, s, p0, kk, L)
        b = _block_terms(rhs, n, s, p0, kk, L)
        bad = _block_bad(a, b, n, t, kk * rest)
        if len(bad):
            bad_count += len(bad)
            if first is None:
                first = p0 * rest + int(bad[0])
    return bad_count, first


def column_sides(program: Program, n: int, s: int, t: int, j: int) -> COO:
    """The composite applied to basis tuple ``j`` (flat index): an ``n^t × 1`` COO.

    >>> from coherence.algebra.catalogue import get
    >>> H = get("group:S3")
    >>> m = Prepared.of(COO.from_map(H.m), 6, 2, 1)
    >>> column_sides(((m,), (TAU,)), 6, 2, 1, 1 * 6 + 2).column(0, H.domain)  # (12)·(23)
    {3: 1}
    >>> H.basis[3]
    '(123)'
    """
    return _flat_coo(_block_terms(program, n, s, j, 1, s), n, t, 1)


def materialise(program: Program, n: int, s: int, t: int) -> COO:
    """The composite as one ``n^t × n^s`` COO (for small structures and exact residuals).

    >>> from coherence.algebra.catalogue import get
    >>> H = get("group:S3")
    >>> m = Prepared.of(COO.from_map(H.m), 6, 2, 1)
    >>> materialise(((m,), (m, ID)), 6, 3, 1) == COO.from_map(H.m) @ COO.from_map(H.m).kron(
    ...     COO.identity(6))
    True
    """
    return _flat_coo(_block_terms(program, n, s, 0, 1, 0), n, t, n**s)
