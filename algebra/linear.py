"""Finite-dimensional vector spaces with named bases, and exact linear maps between them.

A :class:`VectorSpace` is a tuple of basis names over an exact SymPy domain, or a
tensor product of such spaces (whose basis is never materialised: index ``i`` of
``V⊗W`` is ``(i // dim W, i % dim W)``). A :class:`LinearMap` is a sparse exact
matrix — a SymPy ``DomainMatrix`` in its sparse (SDM) format, python-flint underneath —
with its source and target. Maps compose with ``@`` (``f @ g`` is f∘g), tensor with
:meth:`LinearMap.tensor`, and compare exactly. :class:`Vector` is an element of a
space: a sparse, exact coefficient map that prints as ``2·x + g⊗x``.

Examples
--------
>>> V = VectorSpace(("a", "b"), QQ)
>>> f = LinearMap.from_columns(V, V, {0: {1: QQ(1)}, 1: {0: QQ(1)}})   # a ↦ b, b ↦ a
>>> (f @ f) == identity(V)
True
>>> print(f.tensor(identity(V))(V.vector({"a": 1}).tensor(V.vector({"b": 2}))))
2·b⊗b
>>> print(flip(V, V)(V.basis_vector("a").tensor(V.basis_vector("b"))))
b⊗a
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from coherence.algebra.domains import QQ, element_str, is_atomic, join_terms
from coherence.algebra.errors import InputError
from sympy.polys.domains.domain import Domain
from sympy.polys.matrices import DomainMatrix

__all__ = [
    "QQ", "VectorSpace", "LinearMap", "TensorMap", "Vector", "identity", "flip", "scalars",
    "tensor_space", "zero_map", "lazy_tensor",
]

Column = dict[int, Any]


@dataclass(frozen=True, eq=True)
class VectorSpace:
    """A vector space over ``domain`` with a named basis, or a tensor product of spaces.

    Simple spaces have ``basis``; tensor products have ``factors`` (and an empty
    ``basis``). The one-dimensional space of scalars is :func:`scalars`.

    >>> V = VectorSpace(("1", "g"), QQ)
    >>> V.dim, V.index("g"), str(tensor_space(V, V))
    (2, 1, 'span(1, g)⊗span(1, g)')
    >>> tensor_space(V, V).name(3)
    'g⊗g'
    """

    basis: tuple[str, ...] = ()
    domain: Domain = QQ
    factors: tuple[VectorSpace, ...] = ()
    scalar: bool = False
    label: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.factors and len(set(self.basis)) != len(self.basis):
            seen: set[str] = set()
            dup = next(b for b in self.basis if b in seen or seen.add(b))  # type: ignore[func-returns-value]
            raise InputError("expected distinct basis names", got=f"{dup!r} twice")

    @cached_property
    def dim(self) -> int:
        """The dimension."""
        if self.factors:
            out = 1
            for f in self.factors:
                out *= f.dim
            return out
        return len(self.basis)

    @cached_property
    def _index(self) -> dict[str, int]:
        return {b: i for i, b in enumerate(self.basis)}

    def index(self, name: str) -> int:
        """The position of a basis name (simple spaces only), with a did-you-mean."""
        try:
            return self._index[name]
        except KeyError:
            raise InputError("expected a basis name", got=repr(name), choices=self.basis) from None

    def multi_index(self, i: int) -> tuple[int, ...]:
        """The factor indices of basis element ``i`` of a tensor product."""
        if not self.factors:
            return (i,)
        out = []
        for f in reversed(self.factors):
            i, r = divmod(i, f.dim)
            out.append(r)
        return tuple(reversed(out))

    def labels(self, i: int) -> tuple[str, ...]:
        """The factor basis names of basis element ``i`` (one name for a simple space)."""
        if not self.factors:
            return (self.basis[i],)
        return tuple(f.name(j) for f, j in zip(self.factors, self.multi_index(i), strict=True))

    def name(self, i: int) -> str:
        """The name of basis element ``i`` (``a⊗b`` in a tensor product)."""
        if not self.factors:
            return self.basis[i]
        return "⊗".join(_wrap(f.name(j)) for f, j in
                        zip(self.factors, self.multi_index(i), strict=True))

    def names(self) -> Iterator[str]:
        """All basis names, in order (lazily: a tensor product may be large)."""
        return (self.name(i) for i in range(self.dim))

    def vector(self, coeffs: Mapping[str, Any] | Sequence[Any]) -> Vector:
        """A vector from ``{name: coefficient}`` or a dense coefficient sequence.

        >>> print(VectorSpace(("1", "g"), QQ).vector({"g": 2, "1": -1}))
        -1 + 2·g
        """
        K = self.domain
        if isinstance(coeffs, Mapping):
            items = {self.index(k): K.convert(v) for k, v in coeffs.items()}
        else:
            if len(coeffs) != self.dim:
                raise InputError(f"expected {self.dim} coefficients", got=str(len(coeffs)))
            items = {i: K.convert(v) for i, v in enumerate(coeffs)}
        return Vector(self, {i: c for i, c in items.items() if c})

    def basis_vector(self, i: int | str) -> Vector:
        """The basis vector with index or name ``i``."""
        j = self.index(i) if isinstance(i, str) else i
        return Vector(self, {j: self.domain.one})

    def zero(self) -> Vector:
        """The zero vector."""
        return Vector(self, {})

    def __str__(self) -> str:
        if self.label:
            return self.label
        if self.scalar:
            return "k"
        if self.factors:
            return "⊗".join(str(f) for f in self.factors)
        return f"span({', '.join(self.basis)})"


def _wrap(name: str) -> str:
    return f"({name})" if "⊗" in name else name


def scalars(domain: Domain) -> VectorSpace:
    """The one-dimensional space of scalars k (its vectors print as plain numbers).

    >>> print(scalars(QQ).vector([3]))
    3
    """
    return VectorSpace(("1",), domain, scalar=True)


def tensor_space(*spaces: VectorSpace) -> VectorSpace:
    """The tensor product V₁⊗…⊗Vₙ (nested products are flattened).

    >>> V = VectorSpace(("a", "b"), QQ)
    >>> tensor_space(V, tensor_space(V, V)).dim
    8
    """
    flat: list[VectorSpace] = []
    for s in spaces:
        flat.extend(s.factors if s.factors else (s,))
    if len(flat) == 1:
        return flat[0]
    domain = flat[0].domain
    for s in flat[1:]:
        if s.domain != domain:
            raise InputError(f"expected spaces over one field ({domain})", got=str(s.domain))
    return VectorSpace((), domain, tuple(flat))


@dataclass(frozen=True, eq=False)
class Vector:
    """An exact vector: sparse coefficients ``{basis index: domain element}``, no zeros.

    >>> V = VectorSpace(("1", "g"), QQ)
    >>> v = V.vector({"g": 1})
    >>> print(2 * v - V.basis_vector("1"))
    -1 + 2·g
    >>> (v - v).is_zero()
    True
    """

    space: VectorSpace
    coeffs: Mapping[int, Any]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Vector):
            return NotImplemented
        return self.space == other.space and dict(self.coeffs) == dict(other.coeffs)

    def __hash__(self) -> int:
        return hash((self.space.dim, tuple(sorted(self.coeffs.items()))))

    def _new(self, coeffs: Mapping[int, Any]) -> Vector:
        """A vector of the same kind (subclasses keep their extra data)."""
        return Vector(self.space, coeffs)

    def __add__(self, other: Vector) -> Vector:
        return self._new(_axpy(self.coeffs, other.coeffs, self.space.domain.one))

    def __sub__(self, other: Vector) -> Vector:
        return self._new(_axpy(self.coeffs, other.coeffs, -self.space.domain.one))

    def __neg__(self) -> Vector:
        return self._new({i: -c for i, c in self.coeffs.items()})

    def __rmul__(self, scalar: Any) -> Vector:
        c = self.space.domain.convert(scalar)
        if not c:
            return self._new({})
        return self._new({i: c * x for i, x in self.coeffs.items()})

    def is_zero(self) -> bool:
        """Whether every coefficient is zero."""
        return not self.coeffs

    def coefficient(self, i: int | str) -> Any:
        """The coefficient of a basis element (by index or name)."""
        j = self.space.index(i) if isinstance(i, str) else i
        return self.coeffs.get(j, self.space.domain.zero)

    def dense(self) -> tuple[Any, ...]:
        """All coefficients in basis order."""
        z = self.space.domain.zero
        return tuple(self.coeffs.get(i, z) for i in range(self.space.dim))

    def tensor(self, other: Vector) -> Vector:
        """The tensor v⊗w in ``tensor_space(v.space, w.space)``."""
        space = tensor_space(self.space, other.space)
        m = other.space.dim
        return Vector(space, {i * m + j: a * b for i, a in self.coeffs.items()
                              for j, b in other.coeffs.items()})

    def __str__(self) -> str:
        return format_combination(self.space, self.coeffs)

    def __repr__(self) -> str:
        return f"Vector({self})"


def _axpy(x: Mapping[int, Any], y: Mapping[int, Any], a: Any) -> dict[int, Any]:
    out = dict(x)
    for i, c in y.items():
        s = out.get(i, 0) + a * c
        if s:
            out[i] = s
        else:
            out.pop(i, None)
    return out


def format_combination(space: VectorSpace, coeffs: Mapping[int, Any]) -> str:
    """Print a sparse combination like ``2·x + g⊗x - 1/2·gx`` (``0`` when empty).

    >>> format_combination(VectorSpace(("1", "x"), QQ), {0: QQ(1), 1: QQ(-1, 2)})
    '1 - 1/2·x'
    """
    K = space.domain
    terms = []
    for i in sorted(coeffs):
        c = coeffs[i]
        if space.scalar:
            terms.append(element_str(K, c))
            continue
        name = space.name(i)
        if name == "1":  # the unit: 2·1 reads as 2
            terms.append(element_str(K, c) if is_atomic(K, c) else f"({element_str(K, c)})")
            continue
        if c == K.one:
            terms.append(name)
        elif c == -K.one:
            terms.append("-" + name)
        else:
            cs = element_str(K, c)
            if not is_atomic(K, c):
                cs = f"({cs})"
            terms.append(f"{cs}·{name}")
    return join_terms(terms)


@dataclass(frozen=True, eq=False)
class LinearMap:
    """An exact linear map ``source → target``: a sparse DomainMatrix (target × source).

    >>> V = VectorSpace(("a", "b"), QQ)
    >>> f = LinearMap.from_columns(V, V, {0: {0: QQ(2)}})
    >>> print(f(V.vector({"a": 1, "b": 1})))
    2·a
    >>> (f - f).is_zero()
    True
    """

    source: VectorSpace
    target: VectorSpace
    matrix: DomainMatrix

    def __post_init__(self) -> None:
        if self.matrix.shape != (self.target.dim, self.source.dim):
            raise ValueError(
                f"matrix shape {self.matrix.shape} does not fit "
                f"{self.source.dim}-dim source and {self.target.dim}-dim target"
            )

    # -- construction ------------------------------------------------------------
    @classmethod
    def from_columns(
        cls, source: VectorSpace, target: VectorSpace, columns: Mapping[int, Mapping[int, Any]]
    ) -> LinearMap:
        """Build from sparse columns ``{source index: {target index: coefficient}}``."""
        K = target.domain
        rows: dict[int, dict[int, Any]] = {}
        for j, col in columns.items():
            for i, c in col.items():
                c = K.convert(c)
                if c:
                    rows.setdefault(i, {})[j] = c
        return cls(source, target, DomainMatrix(rows, (target.dim, source.dim), K))

    @classmethod
    def from_function(
        cls, source: VectorSpace, target: VectorSpace, image: Any
    ) -> LinearMap:
        """Build from the image of each basis index: ``image(j) -> Vector`` in ``target``."""
        return cls.from_columns(source, target,
                                {j: image(j).coeffs for j in range(source.dim)})

    # -- reading -----------------------------------------------------------------
    @cached_property
    def _columns(self) -> dict[int, Column]:
        return dict(self.matrix.rep.to_sdm().transpose())

    def column(self, j: int) -> Column:
        """Column ``j`` as a sparse dict ``{target index: coefficient}``."""
        return self._columns.get(j, {})

    def image(self, j: int) -> Vector:
        """The image of basis element ``j`` as a vector."""
        return Vector(self.target, dict(self.column(j)))

    def nonzero_columns(self) -> list[int]:
        """Indices of the source basis elements not sent to zero, ascending."""
        return sorted(self._columns)

    def is_zero(self) -> bool:
        """Whether the map is zero."""
        return not self.matrix.rep.to_sdm()

    def __call__(self, v: Vector) -> Vector:
        """Apply the map to a vector of its source."""
        if v.space.dim != self.source.dim:
            raise ValueError(f"expected a vector of {self.source}, got one of {v.space}")
        out: dict[int, Any] = {}
        for j, c in v.coeffs.items():
            for i, a in self.column(j).items():
                out[i] = out.get(i, 0) + c * a
        return Vector(self.target, {i: x for i, x in out.items() if x})

    # -- algebra -----------------------------------------------------------------
    def __matmul__(self, other: LinearMap | TensorMap) -> LinearMap:
        """Composition: ``(f @ g)(v) = f(g(v))``."""
        if isinstance(other, TensorMap):
            other = other.materialize()
        if other.target.dim != self.source.dim:
            raise ValueError(f"cannot compose: {other.target} → then a map from {self.source}")
        return LinearMap(other.source, self.target, self.matrix.matmul(other.matrix))

    def __add__(self, other: LinearMap) -> LinearMap:
        return LinearMap(self.source, self.target, self.matrix + other.matrix)

    def __sub__(self, other: LinearMap) -> LinearMap:
        return LinearMap(self.source, self.target, self.matrix - other.matrix)

    def __neg__(self) -> LinearMap:
        return LinearMap(self.source, self.target, -self.matrix)

    def __rmul__(self, scalar: Any) -> LinearMap:
        c = self.target.domain.convert(scalar)
        return LinearMap(self.source, self.target, self.matrix * c)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LinearMap):
            return NotImplemented
        return (self.source.dim == other.source.dim and self.target.dim == other.target.dim
                and self.matrix.rep.to_sdm() == other.matrix.rep.to_sdm())

    __hash__ = None  # type: ignore[assignment]

    def tensor(self, other: LinearMap) -> LinearMap:
        """The tensor product f⊗g : V⊗V' → W⊗W' (a sparse Kronecker product)."""
        a, b = self.matrix.rep.to_sdm(), other.matrix.rep.to_sdm()
        nr, nc = other.matrix.shape
        rows: dict[int, dict[int, Any]] = {}
        for i, ra in a.items():
            for k, rb in b.items():
                row: dict[int, Any] = {}
                for j, x in ra.items():
                    base = j * nc
                    for col, y in rb.items():
                        row[base + col] = x * y
                rows[i * nr + k] = row
        source = tensor_space(self.source, other.source)
        target = tensor_space(self.target, other.target)
        return LinearMap(source, target, DomainMatrix(rows, (target.dim, source.dim),
                                                      self.target.domain))

    def transpose(self, source: VectorSpace | None = None,
                  target: VectorSpace | None = None) -> LinearMap:
        """The transpose map, between the given dual spaces (same dimensions swapped)."""
        src = source if source is not None else self.target
        tgt = target if target is not None else self.source
        return LinearMap(src, tgt, self.matrix.transpose())

    def relabel(self, source: VectorSpace | None = None,
                target: VectorSpace | None = None) -> LinearMap:
        """The same matrix seen between canonically isomorphic spaces (e.g. k⊗H ≅ H)."""
        src = source if source is not None else self.source
        tgt = target if target is not None else self.target
        if src.dim != self.source.dim or tgt.dim != self.target.dim:
            raise ValueError("relabel needs spaces of the same dimensions")
        return LinearMap(src, tgt, self.matrix)

    def __pow__(self, k: int) -> LinearMap:
        """The k-th iterate f∘…∘f (``f ** 0`` is the identity)."""
        if self.source.dim != self.target.dim or k < 0:
            raise ValueError("powers need an endomorphism and k ≥ 0")
        out = identity(self.source)
        base = self
        while k:
            if k & 1:
                out = base @ out
            base = base @ base
            k >>= 1
        return out

    def __repr__(self) -> str:
        return f"LinearMap({self.source} → {self.target}, {self.matrix.rep.to_sdm().nnz()} nonzeros)"


@dataclass(frozen=True, eq=False)
class TensorMap:
    """A lazy tensor product f₁⊗…⊗fₖ of maps, never materialised unless asked.

    Composing it after a map, ``T @ X``, applies it to X's rows one nonzero at a time,
    so the cost follows the nonzeros actually reached, not the size of the Kronecker
    product (which for ``m⊗m`` on a 120-dimensional algebra has 2·10⁸ entries).

    >>> V = VectorSpace(("a", "b"), QQ)
    >>> f = LinearMap.from_columns(V, V, {0: {1: QQ(1)}, 1: {0: QQ(1)}})
    >>> T = lazy_tensor(f, identity(V))
    >>> (T @ identity(T.source)) == f.tensor(identity(V))
    True
    """

    factors: tuple[LinearMap, ...]

    @cached_property
    def source(self) -> VectorSpace:
        """The tensor product of the factors' sources."""
        return tensor_space(*(f.source for f in self.factors))

    @cached_property
    def target(self) -> VectorSpace:
        """The tensor product of the factors' targets."""
        return tensor_space(*(f.target for f in self.factors))

    def __matmul__(self, other: LinearMap) -> LinearMap:
        """``(f₁⊗…⊗fₖ) ∘ X``, computed row by row of X."""
        if other.target.dim != self.source.dim:
            raise ValueError(f"cannot compose: {other.target} → then a map from {self.source}")
        sdims = [f.source.dim for f in self.factors]
        tdims = [f.target.dim for f in self.factors]
        cols = [f._columns for f in self.factors]
        out: dict[int, dict[int, Any]] = {}
        for r, xrow in other.matrix.rep.to_sdm().items():
            idx = []
            for d in reversed(sdims):
                r, i = divmod(r, d)
                idx.append(i)
            idx.reverse()
            images: list[tuple[int, Any]] = [(0, None)]
            for col_map, i, td in zip(cols, idx, tdims, strict=True):
                col = col_map.get(i)
                if not col:
                    images = []
                    break
                images = [(t * td + a, x if c is None else c * x)
                          for t, c in images for a, x in col.items()]
            for t, c in images:
                row = out.setdefault(t, {})
                for j, v in xrow.items():
                    s = row.get(j)
                    row[j] = c * v if s is None else s + c * v
        rows = {}
        for t, row in out.items():
            row = {j: v for j, v in row.items() if v}
            if row:
                rows[t] = row
        return LinearMap(other.source, self.target,
                         DomainMatrix(rows, (self.target.dim, other.source.dim),
                                      self.target.domain))

    def materialize(self) -> LinearMap:
        """The tensor product as an explicit sparse matrix."""
        return self @ identity(self.source)


def lazy_tensor(*maps: LinearMap) -> TensorMap:
    """The lazy tensor product of maps (see :class:`TensorMap`)."""
    return TensorMap(tuple(maps))


def identity(V: VectorSpace) -> LinearMap:
    """The identity map of V."""
    return LinearMap(V, V, DomainMatrix.eye(V.dim, V.domain).to_sparse())


def zero_map(source: VectorSpace, target: VectorSpace) -> LinearMap:
    """The zero map."""
    return LinearMap(source, target, DomainMatrix({}, (target.dim, source.dim), target.domain))


def flip(V: VectorSpace, W: VectorSpace) -> LinearMap:
    """The flip τ : V⊗W → W⊗V, v⊗w ↦ w⊗v."""
    n, m = V.dim, W.dim
    one = V.domain.one
    rows = {j * n + i: {i * m + j: one} for i in range(n) for j in range(m)}
    return LinearMap(tensor_space(V, W), tensor_space(W, V),
                     DomainMatrix(rows, (n * m, n * m), V.domain))


def columns_of(vectors: Iterable[Vector]) -> dict[int, Column]:
    """Sparse columns from a sequence of vectors (for :meth:`LinearMap.from_columns`)."""
    return {j: dict(v.coeffs) for j, v in enumerate(vectors)}
