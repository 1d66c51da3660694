"""Algebras, coalgebras, bialgebras and Hopf algebras given by exact structure maps.

A structure owns its space, its coefficient domain and its structure maps
``m: H⊗H → H``, ``u: k → H``, ``Δ: H → H⊗H``, ``ε: H → k`` and (for a Hopf algebra)
``S: H → H``, each an exact sparse :class:`~coherence.algebra.linear.LinearMap`.
Nothing here decides a law — ``coherence.checks.laws`` does — so a structure may be
given with maps that fail the axioms (that is how broken examples are built).

Its elements are :class:`Element` values that multiply with ``*``, and know their
``coproduct()``, ``counit()`` and ``antipode()``. Convolution ``f ⋆ g = m∘(f⊗g)∘Δ``,
Adams operations ``Ψᵏ = id^{⋆k}`` and the antipode as the convolution inverse of
``id`` (found by exact sparse linear algebra, or shown not to exist) live here too.

Examples
--------
>>> from coherence.algebra.catalogue import get
>>> H = get("sweedler")
>>> g, x = H.basis_element("g"), H.basis_element("x")
>>> print(x * g), print(g * x)
-gx
gx
(None, None)
>>> print(x.coproduct())
g⊗x + x⊗1
>>> print(x.antipode())
-gx
>>> compute_antipode(H).antipode == H.antipode
True

Axioms
------
>>> from coherence.algebra.catalogue import get
>>> H = get("group:C3")
>>> convolution(H, identity(H.space), H.antipode) == H.u @ H.eps
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from coherence.algebra.domains import describe
from coherence.algebra.errors import InputError, InternalError
from coherence.algebra.linear import (
    LinearMap,
    Vector,
    VectorSpace,
    flip,
    identity,
    lazy_tensor,
    scalars,
    tensor_space,
)
from sympy.polys.domains.domain import Domain
from sympy.polys.matrices import DomainMatrix

__all__ = [
    "Structure", "Algebra", "Coalgebra", "Bialgebra", "HopfAlgebra", "Element",
    "AntipodeResult", "convolution", "adams", "compute_antipode", "identity",
    "tensor_product", "dual",
]


def _name(structure: Any) -> str:
    if structure is None:
        return "a bare vector space"
    return repr(structure.name) if structure.name else structure.description or "a structure"


@dataclass(frozen=True, eq=False)
class Element(Vector):
    """An element of a structure: an exact vector that multiplies in its algebra.

    Printing shows the linear combination over the named basis (``2·x + g·x``).
    """

    structure: Structure | None = field(default=None, compare=False)

    kind_name = "an element"

    def _new(self, coeffs: Mapping[int, Any]) -> Element:
        return Element(self.space, coeffs, self.structure)

    @property
    def owner(self) -> Structure | None:
        """The structure this element belongs to: operations never mix two of them."""
        return self.structure

    def _same(self, other: Any, op: str) -> None:
        if isinstance(other, Element) and other.structure is not self.structure:
            raise InputError(f"expected elements of one structure for {op}",
                             got=f"an element of {_name(self.structure)} and an element of "
                             f"{_name(other.structure)}")
        if isinstance(other, Vector) and other.space is not self.space \
                and other.space != self.space:
            raise InputError(f"expected elements of one space for {op}",
                             got=f"{self.space} and {other.space}")

    def __add__(self, other: Any) -> Element:
        self._same(other, "+")
        return super().__add__(other)  # type: ignore[return-value]

    def __sub__(self, other: Any) -> Element:
        self._same(other, "-")
        return super().__sub__(other)  # type: ignore[return-value]

    def _need(self, kind: type, what: str) -> Any:
        if not isinstance(self.structure, kind):
            raise TypeError(f"{what} needs an element of a {kind.__name__}")
        return self.structure

    def __mul__(self, other: Any) -> Element:
        if not isinstance(other, Vector):
            return self.__rmul__(other)  # type: ignore[return-value]
        self._same(other, "*")
        A: Algebra = self._need(Algebra, "the product")
        n = A.space.dim
        out: dict[int, Any] = {}
        for i, a in self.coeffs.items():
            for j, b in other.coeffs.items():
                ab = a * b
                for r, c in A.m.column(i * n + j).items():
                    out[r] = out.get(r, 0) + ab * c
        return self._new({r: c for r, c in out.items() if c})

    def __pow__(self, k: int) -> Element:
        A: Algebra = self._need(Algebra, "a power")
        out = A.one()
        for _ in range(k):
            out = out * self
        return out

    def coproduct(self) -> Vector:
        """Δ of the element, in H⊗H."""
        C: Coalgebra = self._need(Coalgebra, "the coproduct")
        return C.delta(self)

    def counit(self) -> Any:
        """ε of the element, a scalar of the domain."""
        C: Coalgebra = self._need(Coalgebra, "the counit")
        return C.eps(self).coeffs.get(0, C.domain.zero)

    def antipode(self) -> Element:
        """S of the element (needs a Hopf algebra)."""
        H: HopfAlgebra = self._need(HopfAlgebra, "the antipode")
        return self._new(H.antipode(self).coeffs)


@dataclass(frozen=True, kw_only=True, eq=False)
class Structure:
    """What every structure has: a space over an exact domain, a name and a reference."""

    space: VectorSpace
    name: str = ""
    description: str = ""
    reference: str = ""

    @property
    def domain(self) -> Domain:
        """The coefficient domain."""
        return self.space.domain

    @property
    def dim(self) -> int:
        """The dimension of the underlying space."""
        return self.space.dim

    @property
    def basis(self) -> tuple[str, ...]:
        """The basis names (materialised)."""
        return tuple(self.space.names())

    @property
    def scalars(self) -> VectorSpace:
        """The ground field as a one-dimensional space k."""
        return scalars(self.domain)

    def element(self, coeffs: Mapping[str, Any] | Any) -> Element:
        """An element from ``{basis name: coefficient}`` or dense coefficients."""
        v = self.space.vector(coeffs)
        return Element(self.space, v.coeffs, self)

    def basis_element(self, name: str | int) -> Element:
        """The basis element with this name (or index)."""
        v = self.space.basis_vector(name)
        return Element(self.space, v.coeffs, self)

    def elements(self) -> tuple[Element, ...]:
        """All basis elements, in order."""
        return tuple(self.basis_element(i) for i in range(self.dim))

    def title(self) -> str:
        """``name — description over QQ, basis 1, g, x, gx`` for reports."""
        basis = ", ".join(self.basis) if self.dim <= 8 else f"{self.dim} basis elements"
        return f"{self.description or self.name} over {describe(self.domain)}, basis {basis}"


@dataclass(frozen=True, kw_only=True, eq=False)
class Algebra(Structure):
    """An algebra (H, m, u): product ``m: H⊗H → H`` and unit ``u: k → H``."""

    m: LinearMap
    u: LinearMap

    def one(self) -> Element:
        """The unit 1 = u(1)."""
        return Element(self.space, dict(self.u.column(0)), self)


@dataclass(frozen=True, kw_only=True, eq=False)
class Coalgebra(Structure):
    """A coalgebra (H, Δ, ε): coproduct ``Δ: H → H⊗H`` and counit ``ε: H → k``."""

    delta: LinearMap
    eps: LinearMap


@dataclass(frozen=True, kw_only=True, eq=False)
class Bialgebra(Algebra, Coalgebra):
    """An algebra and a coalgebra on one space (the compatibility is checked, not assumed)."""

    @property
    def antipode_map(self) -> LinearMap | None:
        """The given antipode, if the structure carries one."""
        return None


@dataclass(frozen=True, kw_only=True, eq=False)
class HopfAlgebra(Bialgebra):
    """A bialgebra with a given antipode ``S: H → H``."""

    antipode: LinearMap

    @property
    def antipode_map(self) -> LinearMap | None:
        """The given antipode."""
        return self.antipode


# -- building structures from tables ------------------------------------------------
def build(
    basis: tuple[str, ...],
    domain: Domain,
    *,
    product: Mapping[tuple[int, int], Mapping[int, Any]],
    unit: Mapping[int, Any],
    coproduct: Mapping[int, Mapping[int, Any]],
    counit: Mapping[int, Any],
    antipode: Mapping[int, Mapping[int, Any]] | None = None,
    name: str = "",
    description: str = "",
    reference: str = "",
) -> Bialgebra:
    """A bialgebra (or Hopf algebra when ``antipode`` is given) from sparse tables.

    ``product[(i, j)]`` is the coefficient dict of ``eᵢ·eⱼ``; ``coproduct[i]`` is keyed by
    ``a * dim + b`` for ``eₐ⊗e_b``; ``counit[i]`` a scalar. Missing entries are zero.

    >>> from coherence.algebra.domains import QQ
    >>> H = build(("1",), QQ, product={(0, 0): {0: 1}}, unit={0: 1},
    ...           coproduct={0: {0: 1}}, counit={0: 1}, antipode={0: {0: 1}})
    >>> H.dim, type(H).__name__
    (1, 'HopfAlgebra')
    """
    V = VectorSpace(tuple(basis), domain)
    n = V.dim
    VV = tensor_space(V, V)
    k = scalars(domain)
    m = LinearMap.from_columns(VV, V, {i * n + j: c for (i, j), c in product.items()})
    u = LinearMap.from_columns(k, V, {0: unit})
    delta = LinearMap.from_columns(V, VV, coproduct)
    eps = LinearMap.from_columns(V, k, {i: {0: c} for i, c in counit.items()})
    common = dict(space=V, m=m, u=u, delta=delta, eps=eps, name=name,
                  description=description, reference=reference)
    if antipode is None:
        return Bialgebra(**common)
    return HopfAlgebra(antipode=LinearMap.from_columns(V, V, antipode), **common)


def with_antipode(H: Bialgebra, S: LinearMap) -> HopfAlgebra:
    """The same bialgebra carrying the antipode ``S``."""
    return HopfAlgebra(space=H.space, m=H.m, u=H.u, delta=H.delta, eps=H.eps, antipode=S,
                       name=H.name, description=H.description, reference=H.reference)


# -- convolution ---------------------------------------------------------------------
def convolution(H: Bialgebra, f: LinearMap, g: LinearMap) -> LinearMap:
    """The convolution ``f ⋆ g = m∘(f⊗g)∘Δ`` of two endomorphisms of H.

    >>> from coherence.algebra.catalogue import get
    >>> H = get("sweedler")
    >>> convolution(H, H.antipode, identity(H.space)) == H.u @ H.eps
    True
    """
    return H.m @ (lazy_tensor(f, g) @ H.delta)


def adams(H: Bialgebra, k: int) -> LinearMap:
    """The Adams operation (Hopf power) ``Ψᵏ = id^{⋆k}``; ``Ψ⁰ = u∘ε``.

    >>> from coherence.algebra.catalogue import get
    >>> H = get("group:C3")
    >>> adams(H, 3) == H.u @ H.eps    # g ↦ g³ = 1 in ℚ[C₃]
    True
    """
    if k < 0:
        raise InputError("expected a Hopf power k ≥ 0", got=str(k))
    ident = identity(H.space)
    out = H.u @ H.eps
    for _ in range(k):
        out = convolution(H, out, ident)
    return out


# -- the antipode as a convolution inverse ----------------------------------------
@dataclass(frozen=True)
class AntipodeResult:
    """The outcome of solving ``S ⋆ id = u∘ε = id ⋆ S`` for S.

    ``antipode`` is the unique solution, or ``None``; ``reason`` says why not, naming
    the basis elements whose equations are inconsistent.
    """

    antipode: LinearMap | None
    reason: str
    unknowns: int
    equations: int
    inconsistent: tuple[str, ...] = ()
    free: bool = False

    @property
    def exists(self) -> bool:
        """Whether an antipode exists (the unique solution)."""
        return self.antipode is not None

    @property
    def solvable(self) -> bool:
        """Whether the system has any solution (unique, or several when not a bialgebra)."""
        return self.exists or self.free


def _antipode_rows(H: Bialgebra, js: range | list[int]) -> dict[int, dict[int, Any]]:
    """Rows of the linear system for S on the basis elements ``js``.

    Unknown ``a * n + k`` is the coefficient of ``e_k`` in ``S(e_a)``; column ``n*n`` is
    the right-hand side. Rows ``(2j + side) * n + r`` are the ``e_r`` component of
    ``(S ⋆ id)(e_j)`` (side 0) and ``(id ⋆ S)(e_j)`` (side 1).
    """
    n = H.dim
    rhs_col = n * n
    unit = H.u.column(0)
    rows: dict[int, dict[int, Any]] = {}
    for j in js:
        eps_j = H.eps.column(j).get(0, 0)
        for side in (0, 1):
            base = (2 * j + side) * n
            acc: dict[int, dict[int, Any]] = {}
            for ab, d in H.delta.column(j).items():
                a, b = divmod(ab, n)
                for k in range(n):
                    prod_col = H.m.column(k * n + b if side == 0 else a * n + k)
                    unknown = a * n + k if side == 0 else b * n + k
                    for r, c in prod_col.items():
                        row = acc.setdefault(r, {})
                        row[unknown] = row.get(unknown, 0) + d * c
            if eps_j:
                for r, c in unit.items():
                    acc.setdefault(r, {})[rhs_col] = eps_j * c
            for r, row in acc.items():
                row = {c: v for c, v in row.items() if v}
                if row:
                    rows[base + r] = row
    return rows


def _solve(rows: dict[int, dict[int, Any]], n: int, K: Domain) -> tuple[str, Any]:
    """Row-reduce the sparse system; ``("inconsistent"|"free"|"unique", solution)``."""
    nrows = max(rows, default=-1) + 1
    M = DomainMatrix(rows, (max(nrows, 1), n * n + 1), K)
    R, pivots = M.rref()
    if n * n in pivots:
        return "inconsistent", None
    if len(pivots) < n * n:
        return "free", None
    sol: dict[int, dict[int, Any]] = {}
    for row in R.rep.to_sdm().values():
        cols = [c for c in row if c != n * n]
        if len(cols) != 1:  # pragma: no cover - full rank means one unknown per row
            return "free", None
        a, k = divmod(cols[0], n)
        val = row.get(n * n, 0)
        if val:
            sol.setdefault(a, {})[k] = val
    return "unique", sol


def compute_antipode(H: Bialgebra) -> AntipodeResult:
    """Solve for the antipode as the convolution inverse of ``id``, exactly.

    The system ``S ⋆ id = u∘ε = id ⋆ S`` is linear in the n² entries of S and, for the
    usual sparse structures, has few terms per equation: it is built and row-reduced
    sparsely (no dense n²×n² matrix). When no solution exists the result names the
    basis elements whose own equations are already inconsistent.

    >>> from coherence.algebra.catalogue import get
    >>> r = compute_antipode(get("monoid:idempotent"))
    >>> r.exists, r.inconsistent
    (False, ('e',))
    >>> print(r.reason)
    no antipode: S ⋆ id = u∘ε = id ⋆ S has no solution; the equations at basis element e are inconsistent
    """
    n = H.dim
    K = H.domain
    rows = _antipode_rows(H, range(n))
    status, sol = _solve(rows, n, K)
    unknowns, equations = n * n, len(rows)
    if status == "unique":
        S = LinearMap.from_columns(H.space, H.space, sol)
        return AntipodeResult(S, "the unique solution of S ⋆ id = u∘ε = id ⋆ S",
                              unknowns, equations)
    if status == "free":
        return AntipodeResult(
            None,
            "no unique antipode: S ⋆ id = u∘ε = id ⋆ S leaves some entries of S free "
            "(the structure is not a bialgebra, or convolution is not associative)",
            unknowns, equations, free=True)
    bad = []
    for j in range(n):
        st, _ = _solve(_antipode_rows(H, [j]), n, K)
        if st == "inconsistent":
            bad.append(H.space.name(j))
    where = (f"the equations at basis element{'s' if len(bad) > 1 else ''} "
             f"{', '.join(bad)} are inconsistent" if bad else
             "the equations are inconsistent only jointly")
    return AntipodeResult(None, f"no antipode: S ⋆ id = u∘ε = id ⋆ S has no solution; {where}",
                          unknowns, equations, tuple(bad))


# -- constructions -------------------------------------------------------------------
def tensor_product(H: Bialgebra, K: Bialgebra, *, name: str = "") -> Bialgebra:
    """The tensor product H⊗K: componentwise product, coproduct and antipode.

    >>> from coherence.algebra.catalogue import get
    >>> T = tensor_product(get("group:C2"), get("sweedler"))
    >>> T.dim, isinstance(T, HopfAlgebra)
    (8, True)
    """
    if H.domain != K.domain:
        raise InputError(f"expected structures over one field, got {describe(H.domain)} "
                         f"and {describe(K.domain)}")
    labels = [f"({b})" if any(ch in b for ch in "⊗ ") else b for b in H.basis]
    klabels = [f"({b})" if any(ch in b for ch in "⊗ ") else b for b in K.basis]
    V = VectorSpace(tuple(f"{a}⊗{b}" for a in labels for b in klabels), H.domain)
    HK = tensor_space(H.space, K.space)
    mid = identity(H.space).tensor(flip(K.space, H.space)).tensor(identity(K.space))
    m = (H.m.tensor(K.m) @ mid).relabel(source=tensor_space(V, V), target=V)
    mid2 = identity(H.space).tensor(flip(H.space, K.space)).tensor(identity(K.space))
    delta = (mid2 @ H.delta.tensor(K.delta)).relabel(source=V, target=tensor_space(V, V))
    k = scalars(H.domain)
    u = H.u.tensor(K.u).relabel(source=k, target=V)
    eps = H.eps.tensor(K.eps).relabel(source=V, target=k)
    if HK.dim != V.dim:
        raise InternalError(f"tensor product of dimension {V.dim}, expected {HK.dim}")
    common = dict(space=V, m=m, u=u, delta=delta, eps=eps,
                  name=name or f"tensor({H.name}, {K.name})",
                  description=f"the tensor product of {H.name} and {K.name}",
                  reference="Kassel, Quantum Groups, §III.2")
    if isinstance(H, HopfAlgebra) and isinstance(K, HopfAlgebra):
        S = H.antipode.tensor(K.antipode).relabel(source=V, target=V)
        return HopfAlgebra(antipode=S, **common)
    return Bialgebra(**common)


def dual(H: Bialgebra, *, name: str = "", basis: tuple[str, ...] | None = None,
         description: str = "") -> Bialgebra:
    """The dual H* with the dual basis: m* = Δᵀ, Δ* = mᵀ, u* = εᵀ, ε* = uᵀ, S* = Sᵀ.

    >>> from coherence.algebra.catalogue import get
    >>> H = get("sweedler")
    >>> D = dual(dual(H))
    >>> D.m == H.m and D.delta == H.delta and D.antipode == H.antipode
    True
    """
    names = basis or tuple(f"{b}*" if not b.endswith("*") else b[:-1] for b in H.basis)
    V = VectorSpace(names, H.domain)
    VV = tensor_space(V, V)
    k = scalars(H.domain)
    common = dict(space=V, m=H.delta.transpose(VV, V), u=H.eps.transpose(k, V),
                  delta=H.m.transpose(V, VV), eps=H.u.transpose(V, k),
                  name=name or f"dual({H.name})",
                  description=description or f"the dual of {H.name}",
                  reference="Sweedler, Hopf Algebras, §6.2")
    if isinstance(H, HopfAlgebra):
        return HopfAlgebra(antipode=H.antipode.transpose(V, V), **common)
    return Bialgebra(**common)
