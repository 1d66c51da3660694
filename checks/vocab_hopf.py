"""The Hopf-algebra vocabulary of claim files, over the exact finite-dimensional core.

Registers, through :mod:`coherence.checks.vocabulary`:

* the domain ``Element(H)`` — elements of a catalogue structure (``sweedler``,
  ``taft:3``, ``group:S3``, …) or of a ``given`` binding;
* the constructor ``structure(name)`` (for ``given``);
* the structure maps ``S Delta eps u m id`` — applied to an element they act on it
  (``S(x)``, ``Delta(x)`` in H⊗H, ``eps(x)`` a scalar); applied to a structure, or used
  bare with one structure in scope, they are linear maps (:class:`HopfMap`) that
  compose (``compose(f, g)``), convolve (``conv(f, g)`` = m∘(f⊗g)∘Δ), add, scale, take
  powers (``S**2``) and compare exactly (``==`` on every basis element);
* functions ``apply(f, x)``, ``tensor(x, y)``, ``order(f)``, ``dim(H)``, ``adams(k)``,
  ``is_grouplike(x)``, ``is_primitive(x)``;
* deciders ``is_commutative(H)``, ``is_cocommutative(H)``, ``has_antipode(H)``,
  ``is_involutive(H)`` — each an exact check on all basis tuples.

Products: ``x * y`` multiplies in H; in H⊗H, ``Delta(x) * Delta(y)`` multiplies
componentwise ((a⊗b)(c⊗d) = ac⊗bd). Scalars are exact rationals.

Names in :data:`LINEAR` are linear in each element argument: a claim built from them,
sums, scalar multiples and products (each element variable at most once per product) is
*multi-affine*, and :mod:`coherence.checks.decide` proves it on basis tuples.

Examples
--------
>>> H = structure("sweedler")
>>> x = H.basis_element("x")
>>> print(S_(S_(x)))
-x
>>> compose(S_(H), S_(H)) == id_(H)
False
>>> print(Delta_(x))
g⊗x + x⊗1
>>> is_commutative(H).outcome.value
'refuted'
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy
from coherence.algebra import catalogue
from coherence.algebra import hopf as hopf_core
from coherence.algebra.domains import parameters
from coherence.algebra.errors import InputError
from coherence.algebra.files import confine, project_root
from coherence.algebra.hopf import Algebra, Bialgebra, Coalgebra, Element, Structure
from coherence.algebra.linear import LinearMap, Vector, flip, tensor_space
from coherence.algebra.linear import identity as identity_map
from coherence.checks.evaluate import BASE_DIR, PROJECT_ROOT, Undecidable, norm
from coherence.checks.verdict import Outcome
from coherence.checks.vocab_graded import LINEAR_NAMES as _GRADED_LINEAR
from coherence.checks.vocabulary import Decision, FiniteDomain, lookup, register

#: Vocabulary names linear in each element argument (for the multilinear proof), the
#: graded algebras' structure maps included.
LINEAR = frozenset({"S", "Delta", "eps", "id", "m", "apply", "tensor", "u"}) | _GRADED_LINEAR
_AREA = "hopf"


# -- structures -----------------------------------------------------------------------------------
@lru_cache(maxsize=64)
def _read_file(path: str, shown: str | None = None) -> Structure:
    from coherence.algebra.structure_file import read_structure

    return read_structure(path, shown=shown)


def load(name: str) -> Structure:
    """A catalogue structure, or a structure file (``*.toml``, relative to the claim file).

    Inside a claim file the path must stay inside the claim file's project root
    (:func:`~coherence.algebra.files.confine`); from Python it is relative to the working
    folder. Either way only a regular file of bounded size is read.

    >>> load("sweedler") is load("sweedler")
    True
    """
    if name.endswith(".toml"):
        base = BASE_DIR.get()
        if base is None:
            return _read_file(os.path.realpath(name))
        root = PROJECT_ROOT.get() or str(project_root(base))
        path = confine(name, base=base, root=root)
        return _read_file(str(path), os.path.relpath(path, root))  # errors name it from the root
    return catalogue.get(name)


def _structure(x: Any) -> Structure:
    if isinstance(x, Structure):
        return x
    if isinstance(x, str):
        return load(x)
    if isinstance(x, Element) and x.structure is not None:
        return x.structure
    if isinstance(x, HopfMap):
        return x.H
    raise InputError("expected a structure (a catalogue name or a given binding)",
                     got=type(x).__name__)


@register("structure", signature="structure(name)", kind="constructor", area=_AREA,
          doc="The catalogue structure called name ('sweedler', 'taft:3', 'group:S3', …) "
              "or a structure file ('structures/h.toml', relative to the claim file).",
          min_args=1, max_args=1)
def structure(name: Any) -> Structure:
    """A catalogue structure.

    >>> structure("group:C3").dim
    3
    """
    if not isinstance(name, str):
        raise InputError("expected a catalogue name in quotes", got=type(name).__name__)
    return load(name)


@register("dim", signature="dim(H)", doc="Dimension of a structure.", area=_AREA,
          min_args=1, max_args=1)
def dim(H: Any) -> Fraction:
    """Dimension.

    >>> dim("taft:3")
    Fraction(9, 1)
    """
    return Fraction(_structure(H).dim)


@dataclass(frozen=True)
class ElementDomain:
    """The domain ``Element(H)``: every element of a finite-dimensional structure.

    >>> d = ElementDomain(structure("sweedler"))
    >>> [str(b) for b in d.basis_elements()], str(d.zero())
    (['1', 'g', 'x', 'gx'], '0')
    """

    structure: Structure

    @property
    def description(self) -> str:
        """What the verdict names."""
        return self.structure.title()

    def basis_elements(self) -> tuple[Element, ...]:
        """The basis, in order."""
        return self.structure.elements()

    def zero(self) -> Element:
        """The zero element."""
        return self.structure.element({})

    def seeds(self) -> tuple[Element, ...]:
        """The elements to try first: 0, 1, the basis, then idempotents, nilpotents, zero
        divisors and halves computed from the exact algebra
        (:func:`coherence.counterexamples.seeds.element_seeds`).

        >>> [str(x) for x in ElementDomain(structure("group:C2")).seeds()][3:7]
        ['-1 + g', '1 + g', '1/2 + 1/2·g', '1/2 - 1/2·g']
        """
        return _element_seeds(self.structure)

    def random(self, rng: random.Random) -> Element:
        """A sparse random element with small integer coefficients."""
        coeffs = {}
        for name in self.structure.basis:
            if rng.random() < 0.5:
                c = rng.choice((1, -1, 2, -2, 3))
                coeffs[name] = self.structure.domain.convert(c)
        return self.structure.element(coeffs)


@lru_cache(maxsize=64)
def _element_seeds(H: Structure) -> tuple[Element, ...]:
    from coherence.counterexamples.seeds import element_seeds

    if not isinstance(H, Algebra):
        return (H.element({}), *H.elements())
    return element_seeds(H)


@register("Element", signature="Element(H)", kind="domain", area=_AREA,
          doc="Elements of a finite-dimensional structure H (catalogue name or given binding).",
          min_args=1, max_args=None)
def element_domain(H: Any, *rest: Any) -> ElementDomain | FiniteDomain | Any:
    """The ``Element(H)`` domain; graded structures are handed to ``GradedElement`` if
    that domain is registered.

    >>> element_domain("sweedler").structure.dim
    4
    """
    if not rest:
        try:
            return ElementDomain(_structure(H))
        except InputError as err:
            if isinstance(H, str) and H.endswith(".toml"):  # a file's own error, not graded's
                raise
            graded = _graded(H, rest)
            if graded is not None:
                return graded
            raise err from None
    graded = _graded(H, rest)
    if graded is not None:
        return graded
    raise InputError("expected Element(H) with one argument", got=f"{1 + len(rest)} arguments")


def _graded(H: Any, rest: tuple[Any, ...]) -> Any:
    try:
        entry = lookup("GradedElement", kinds=("domain",))
    except InputError:
        return None
    return entry.impl(H, *rest)


# -- scalars and tensors --------------------------------------------------------------------------
def _from_domain(H: Structure, c: Any) -> Any:
    return norm(H.domain.to_sympy(c))


def _to_domain(H: Structure, c: Any) -> Any:
    from sympy.polys.domains import QQ

    if isinstance(c, Fraction):
        return H.domain.convert(QQ(c.numerator, c.denominator))
    if isinstance(c, int) and not isinstance(c, bool):
        return H.domain.convert(c)
    if isinstance(c, sympy.Expr):
        return H.domain.from_sympy(c)
    raise InputError("expected a scalar", got=type(c).__name__)


def _mul_coeffs(H: Structure, x: dict[int, Any], y: dict[int, Any]) -> dict[int, Any]:
    n = H.dim
    out: dict[int, Any] = {}
    m: LinearMap = H.m  # type: ignore[attr-defined]
    for i, a in x.items():
        for j, b in y.items():
            ab = a * b
            for r, c in m.column(i * n + j).items():
                out[r] = out.get(r, 0) + ab * c
    return {r: c for r, c in out.items() if c}


@dataclass(frozen=True, eq=False)
class Tensor:
    """An element of H⊗H (a coproduct), multiplying componentwise.

    >>> H = structure("sweedler")
    >>> g = H.basis_element("g")
    >>> print(Delta_(g) * Delta_(g))
    1⊗1
    """

    H: Structure
    vector: Vector

    kind_name = "an element of H⊗H"

    @property
    def owner(self) -> Structure:
        """The structure H of H⊗H: operations never mix two structures."""
        return self.H

    def _new(self, v: Vector) -> Tensor:
        return Tensor(self.H, v)

    def __add__(self, other: Any) -> Tensor:
        return self._new(self.vector + _tensor_vec(other, self.H))

    def __sub__(self, other: Any) -> Tensor:
        return self._new(self.vector - _tensor_vec(other, self.H))

    def __neg__(self) -> Tensor:
        return self._new(-self.vector)

    def __rmul__(self, scalar: Any) -> Tensor:
        return self._new(_to_domain(self.H, scalar) * self.vector)

    def __mul__(self, other: Any) -> Tensor:
        if not isinstance(other, Tensor):
            return self.__rmul__(other)
        _tensor_vec(other, self.H)
        n = self.H.dim
        out: dict[int, Any] = {}
        for p, a in self.vector.coeffs.items():
            i, j = divmod(p, n)
            for q, b in other.vector.coeffs.items():
                k, l = divmod(q, n)
                left = _mul_coeffs(self.H, {i: a}, {k: self.H.domain.one})
                right = _mul_coeffs(self.H, {j: b}, {l: self.H.domain.one})
                for r, c in left.items():
                    for s, d in right.items():
                        out[r * n + s] = out.get(r * n + s, 0) + c * d
        return self._new(Vector(self.vector.space, {k: v for k, v in out.items() if v}))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Tensor):
            return NotImplemented
        return dict(self.vector.coeffs) == dict(other.vector.coeffs)

    def __hash__(self) -> int:
        return hash(self.vector)

    def __str__(self) -> str:
        return str(self.vector)


def _tensor_vec(x: Any, H: Structure) -> Vector:
    if isinstance(x, Tensor):
        if x.H is not H:
            raise InputError("expected elements of one structure's H⊗H",
                             got=f"{H.name} and {x.H.name}")
        return x.vector
    raise TypeError("expected an element of H⊗H")


def _of(H: Structure, x: Any, what: str) -> None:
    """An element (or tensor) handed to a map of H must belong to H itself."""
    owner = getattr(x, "owner", None)
    if owner is not None and owner is not H:
        raise InputError(f"expected {what} of one structure",
                         got=f"a map of {H.name} applied to an element of {owner.name}")


def _elem(H: Structure, v: Vector) -> Element:
    return Element(H.space, dict(v.coeffs), H)


# -- maps -----------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class HopfMap:
    """A linear map between H, H⊗H and k, named for reports (``S∘S``), exact.

    >>> H = structure("group:C3")
    >>> conv(id_(H), S_(H)) == compose(u_(H), eps_(H))
    True
    >>> str(S_(H) ** 2)
    'S∘S'
    """

    H: Structure
    map: LinearMap
    text: str
    source: int = 1  # tensor order of the source: 0 = k, 1 = H, 2 = H⊗H
    target: int = 1

    kind_name = "a linear map"

    @property
    def owner(self) -> Structure:
        """The structure whose map this is: operations never mix two structures."""
        return self.H

    def __str__(self) -> str:
        return self.text

    def _same(self, other: HopfMap) -> None:
        if other.H is not self.H:
            raise InputError("expected maps of one structure",
                             got=f"{self.H.name} and {other.H.name}")
        if (self.source, self.target) != (other.source, other.target):
            raise InputError("expected maps between the same spaces",
                             got=f"{self.text} and {other.text}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, HopfMap):
            return NotImplemented
        self._same(other)
        return self.map == other.map

    def __hash__(self) -> int:
        return hash(self.text)

    def __add__(self, other: HopfMap) -> HopfMap:
        self._same(other)
        return HopfMap(self.H, self.map + other.map, f"{self.text} + {other.text}",
                       self.source, self.target)

    def __sub__(self, other: HopfMap) -> HopfMap:
        self._same(other)
        return HopfMap(self.H, self.map - other.map, f"{self.text} - {other.text}",
                       self.source, self.target)

    def __neg__(self) -> HopfMap:
        return HopfMap(self.H, -self.map, f"-{self.text}", self.source, self.target)

    def __rmul__(self, scalar: Any) -> HopfMap:
        c = _to_domain(self.H, scalar)
        return HopfMap(self.H, c * self.map, f"{scalar}·{self.text}", self.source, self.target)

    def __mul__(self, other: Any) -> HopfMap:
        if isinstance(other, HopfMap):
            raise InputError("expected conv(f, g) or compose(f, g) for two maps",
                             got=f"{self.text} * {other.text}")
        return self.__rmul__(other)

    def __pow__(self, k: int) -> HopfMap:
        if self.source != self.target:
            raise InputError("expected an endomorphism for a power", got=self.text)
        if k < 0:
            raise InputError("expected a power k ≥ 0", got=str(k))
        if k == 0:
            return id_(self.H)
        out = self
        for _ in range(k - 1):
            out = compose(out, self)
        return HopfMap(self.H, out.map, "∘".join([_par(self)] * k))

    def __call__(self, x: Any) -> Any:
        return apply(self, x)

    def explain_equality(self, other: HopfMap) -> tuple[bool, str, Any, str | None, str | None]:
        """Compare on every basis element: (equal, method, witness, lhs, rhs)."""
        self._same(other)
        space = self.map.source
        n = space.dim
        method = f"identity of linear maps checked on all {n} basis elements"
        for j in range(n):
            a, b = self.map.image(j), other.map.image(j)
            if a != b:
                name = space.name(j)
                return (False, method, (("v", name),), f"{self.text}({name}) = {a}",
                        f"{other.text}({name}) = {b}")
        return True, method, None, None, None


def _require_antipode_at_every_value(H: Bialgebra) -> None:
    """Over ℚ(q, …) the antipode is solved generically; its formula S(q) is the antipode at
    every value only when it has no denominator in the parameters. Otherwise a statement
    about S (an identity of maps, S applied to elements) would be proved for generic q
    only: Undecidable (``unknown``), never an unqualified verdict."""
    names = parameters(H.domain)
    if not names:
        return
    from coherence.checks.parametric import _generic_antipode_denominators

    dens = _generic_antipode_denominators(H)
    if dens is None or dens:
        where = "no unique antipode over ℚ(" + ", ".join(names) + ")" if dens is None else (
            "S(" + ", ".join(names) + ") has denominators " + ", ".join(map(str, dens)))
        raise Undecidable(f"the antipode of a family is known only generically ({where}); "
                          "decide it with holds(H, 'antipode'), has_antipode(H) or at a value "
                          "with at(H, …)")


def _map_of(H: Structure, which: str, generic_ok: bool = False) -> HopfMap:
    if which == "S":
        S = H.antipode_map if isinstance(H, Bialgebra) else None
        if S is None:
            if not isinstance(H, Bialgebra):
                raise InputError("expected a bialgebra for S", got=type(H).__name__)
            if not generic_ok:
                _require_antipode_at_every_value(H)
            result = hopf_core.compute_antipode(H)
            if result.antipode is None:
                raise InputError("expected a structure with an antipode",
                                 got=f"{H.name}: {result.reason}")
            S = result.antipode
        return HopfMap(H, S, "S")
    if which == "id":
        return HopfMap(H, identity_map(H.space), "id")
    if which == "Delta":
        if not isinstance(H, Coalgebra):
            raise InputError("expected a coalgebra for Delta", got=type(H).__name__)
        return HopfMap(H, H.delta, "Δ", 1, 2)
    if which == "eps":
        if not isinstance(H, Coalgebra):
            raise InputError("expected a coalgebra for eps", got=type(H).__name__)
        return HopfMap(H, H.eps, "ε", 1, 0)
    if which == "m":
        if not isinstance(H, Algebra):
            raise InputError("expected an algebra for m", got=type(H).__name__)
        return HopfMap(H, H.m, "m", 2, 1)
    if not isinstance(H, Algebra):
        raise InputError("expected an algebra for u", got=type(H).__name__)
    return HopfMap(H, H.u, "u", 0, 1)


def _wrap_out(H: Structure, v: Vector, order: int) -> Any:
    if order == 1:
        return _elem(H, v)
    if order == 2:
        return Tensor(H, v)
    return _from_domain(H, v.coeffs.get(0, H.domain.zero))


def apply(f: Any, x: Any) -> Any:
    """Apply a map to an element, a tensor or (for ``u``) a scalar.

    >>> H = structure("sweedler")
    >>> print(apply(S_(H), H.basis_element("g")))
    g
    """
    if not isinstance(f, HopfMap):
        raise InputError("expected a map such as S or compose(S, S)", got=type(f).__name__)
    H = f.H
    _of(H, x, "a map and an element")
    if f.source == 1:
        if not isinstance(x, Element):
            raise InputError(f"expected an element of H for {f.text}", got=type(x).__name__)
        v = Vector(H.space, dict(x.coeffs))
    elif f.source == 2:
        if not isinstance(x, Tensor):
            raise InputError(f"expected an element of H⊗H for {f.text}", got=type(x).__name__)
        v = x.vector
    else:
        v = Vector(H.scalars, {0: _to_domain(H, x)} if x else {})
    return _wrap_out(H, f.map(v), f.target)


register("apply", signature="apply(f, x)", doc="Apply a map (S, compose(S, S), …) to x.",
         area=_AREA, min_args=2, max_args=2)(apply)


def _map_name(which: str, label: str, doc: str) -> Callable[[Any], Any]:
    def impl(x: Any) -> Any:
        if isinstance(x, Structure | str):
            return _map_of(_structure(x), which)
        if isinstance(x, Element):
            return apply(_map_of(_structure(x), which), x)
        if isinstance(x, Tensor) and which in ("m", "id"):
            return apply(_map_of(x.H, which), x)
        if which == "u" and isinstance(x, Fraction | int):
            raise InputError("expected u(H) (the map), or apply(u, c) for a scalar c",
                             got="a number")
        raise InputError(f"expected {label}(x) for an element x or {label}(H) for a structure",
                         got=getattr(x, "kind_name", type(x).__name__))

    impl.__name__ = f"{which}_"
    impl.__doc__ = doc
    register(which, signature=f"{which}(x) or {which}(H)", doc=doc, area=_AREA,
             min_args=1, max_args=1)(impl)
    return impl


S_ = _map_name("S", "S", "The antipode: S(x), or the map S of H (solved exactly when not given).")
Delta_ = _map_name("Delta", "Delta", "The coproduct: Delta(x) in H⊗H, or the map Δ of H.")
eps_ = _map_name("eps", "eps", "The counit: eps(x) a scalar, or the map ε of H.")
u_ = _map_name("u", "u", "The unit map k → H of H (u(H)); compose(u, eps) is x ↦ ε(x)·1.")
m_ = _map_name("m", "m", "The product map H⊗H → H: m(t) for t in H⊗H, or the map m of H.")
id_ = _map_name("id", "id", "The identity: id(x) = x, or the identity map of H.")


@register("compose", signature="compose(f, g)", doc="Composition f∘g of maps (g first).",
          area=_AREA, min_args=2, max_args=None)
def compose(*fs: Any) -> HopfMap:
    """Composition, right to left.

    >>> H = structure("sweedler")
    >>> str(compose(S_(H), S_(H)))
    'S∘S'
    """
    for f in fs:
        if not isinstance(f, HopfMap):
            raise InputError("expected maps to compose", got=type(f).__name__)
    out = fs[-1]
    for f in reversed(fs[:-1]):
        if f.H is not out.H:
            raise InputError("expected maps of one structure", got=f"{f.H.name}, {out.H.name}")
        if f.source != out.target:
            raise InputError(f"expected maps that compose: the source of {f.text} is not "
                             f"the target of {out.text}", got=f"{f.text}∘{out.text}")
        out = HopfMap(out.H, f.map @ out.map, f"{f.text}∘{out.text}", out.source, f.target)
    return out


@register("conv", signature="conv(f, g)", doc="Convolution f ⋆ g = m∘(f⊗g)∘Δ of endomorphisms.",
          area=_AREA, min_args=2, max_args=2)
def conv(f: Any, g: Any) -> HopfMap:
    """Convolution.

    >>> H = structure("sweedler")
    >>> conv(S_(H), id_(H)) == compose(u_(H), eps_(H))
    True
    """
    for h in (f, g):
        if not isinstance(h, HopfMap) or (h.source, h.target) != (1, 1):
            raise InputError("expected endomorphisms of H for conv",
                             got=getattr(h, "text", type(h).__name__))
    if f.H is not g.H:
        raise InputError("expected maps of one structure", got=f"{f.H.name}, {g.H.name}")
    H = f.H
    if not isinstance(H, Bialgebra):
        raise InputError("expected a bialgebra for conv", got=type(H).__name__)
    return HopfMap(H, hopf_core.convolution(H, f.map, g.map), f"{_par(f)} ⋆ {_par(g)}")


def _par(f: HopfMap) -> str:
    return f"({f.text})" if " " in f.text else f.text


@register("adams", signature="adams(k) or adams(H, k)",
          doc="The Hopf power Ψᵏ = id^{⋆k} (Ψ⁰ = u∘ε) of the structure in scope.",
          area=_AREA, min_args=1, max_args=2)
def adams(*args: Any) -> HopfMap:
    """Hopf powers.

    >>> C3 = structure("group:C3")
    >>> adams(C3, 3) == compose(u_(C3), eps_(C3))
    True
    """
    if len(args) == 1:
        raise InputError("expected adams(H, k) (bare adams(k) needs the structure: use "
                         "adams(H, k))", got="adams(k)")
    H, k = _structure(args[0]), args[1]
    if not (isinstance(k, Fraction | int) and Fraction(k).denominator == 1 and 0 <= k <= 64):
        raise InputError("expected an integer 0 ≤ k ≤ 64", got=str(k))
    if not isinstance(H, Bialgebra):
        raise InputError("expected a bialgebra", got=type(H).__name__)
    return HopfMap(H, hopf_core.adams(H, int(k)), f"Ψ^{int(k)}")


@register("order", signature="order(f)",
          doc="The order of an endomorphism: least k ≥ 1 with f^k = id (up to 256).",
          area=_AREA, min_args=1, max_args=1)
def order(f: Any) -> Fraction:
    """Order of a map.

    >>> order(S_(structure("sweedler"))), order(S_(structure("taft:3")))
    (Fraction(4, 1), Fraction(6, 1))
    """
    if not isinstance(f, HopfMap) or f.source != 1 or f.target != 1:
        raise InputError("expected an endomorphism such as S", got=type(f).__name__)
    ident = identity_map(f.H.space)
    power = f.map
    for k in range(1, 257):
        if power == ident:
            return Fraction(k)
        power = f.map @ power
    raise Undecidable(f"{f.text} has order > 256")


@register("tensor", signature="tensor(x, y)", doc="The element x⊗y of H⊗H.", area=_AREA,
          min_args=2, max_args=2)
def tensor(x: Any, y: Any) -> Tensor:
    """x⊗y.

    >>> H = structure("sweedler")
    >>> print(tensor(H.basis_element("g"), H.basis_element("x")))
    g⊗x
    """
    if not (isinstance(x, Element) and isinstance(y, Element)) or x.structure is not y.structure:
        raise InputError("expected two elements of one structure", got=f"{type(x).__name__}, "
                         f"{type(y).__name__}")
    H = x.structure
    if H is None:
        raise InputError("expected elements of a structure", got=f"{x} without one")
    return Tensor(H, Vector(tensor_space(H.space, H.space),
                            dict(Vector(H.space, dict(x.coeffs)).tensor(
                                Vector(H.space, dict(y.coeffs))).coeffs)))


@register("is_grouplike", signature="is_grouplike(x)", doc="Δx = x⊗x and ε(x) = 1.",
          area=_AREA, min_args=1, max_args=1)
def is_grouplike(x: Any) -> bool:
    """Grouplike test.

    >>> H = structure("sweedler")
    >>> is_grouplike(H.basis_element("g")), is_grouplike(H.basis_element("x"))
    (True, False)
    """
    if not isinstance(x, Element):
        raise InputError("expected an element", got=type(x).__name__)
    return Delta_(x) == tensor(x, x) and eps_(x) == 1


@register("is_primitive", signature="is_primitive(x)", doc="Δx = x⊗1 + 1⊗x.", area=_AREA,
          min_args=1, max_args=1)
def is_primitive(x: Any) -> bool:
    """Primitive test.

    >>> is_primitive(structure("sweedler").basis_element("x"))
    False
    """
    if not isinstance(x, Element):
        raise InputError("expected an element", got=type(x).__name__)
    H = x.structure
    if not isinstance(H, Algebra):
        raise InputError("expected an element of an algebra", got=type(H).__name__)
    one = H.one()
    return Delta_(x) == tensor(x, one) + tensor(one, x)


# -- deciders -------------------------------------------------------------------------------------
def _over_parameters(H: Structure, d: Decision, decide: Callable[[Any], Decision],
                     uses_antipode: bool = False) -> Decision:
    """What a decider's verdict on a structure over ℚ(q, …) means: for EVERY value.

    Over ℚ(q) a decider runs on the generic structure. An identity of the given maps
    there holds at every value where the structure constants are defined (they
    specialise), so ``proved`` stands, and says so. A generic failure is not yet a
    value: the decider is re-run on the structure specialised at small values until it
    refutes there, and that value is the witness (``unknown`` if none is found). A
    proof that used the antipode solved over ℚ(q) holds where its formula is defined;
    with one parameter the finitely many other values are specialised and decided one
    by one, otherwise the method says "generically (outside a proper algebraic
    subset)" — never an unqualified proof.
    """
    names = parameters(getattr(H, "domain", None)) if hasattr(H, "domain") else ()
    if not names or d.outcome not in (Outcome.PROVED, Outcome.REFUTED):
        return d
    from coherence.checks import parametric as par

    where = ", ".join(names)
    syms = [sympy.Symbol(n) for n in names]
    dens = par._denominators(H) if isinstance(H, Bialgebra) else []
    if d.outcome is Outcome.REFUTED:
        for point in par._candidates(syms):
            if not par._defined(dens, point):
                continue
            try:
                e = decide(par.specialize(H, point))
            except InputError:
                continue
            if e.outcome is Outcome.REFUTED:
                at = tuple((k, str(v)) for k, v in point.items())
                return Decision(Outcome.REFUTED, f"{e.method}; at {par._point_text(point)} "
                                "(the structure specialised there, exact)",
                                witness=at + (e.witness or ()), lhs=e.lhs, rhs=e.rhs,
                                residual=e.residual, detail=e.detail)
        return Decision(Outcome.UNKNOWN, d.method,
                        detail=f"fails over ℚ({where}) (for generic {where}) but at no small "
                               "value tried; no value to re-check")
    every = f"for every value of {where} where the structure is defined"
    if not uses_antipode or (isinstance(H, Bialgebra) and H.antipode_map is not None):
        return Decision(d.outcome, f"{d.method}, over ℚ({where}): {every}",
                        witness=d.witness, lhs=d.lhs, rhs=d.rhs, residual=d.residual,
                        detail=d.detail, witness_values=d.witness_values)
    exceptional = _antipode_exceptions(H, syms) if isinstance(H, Bialgebra) else None
    if exceptional is None:
        return Decision(d.outcome, f"generically (for all {where} outside a proper algebraic "
                        f"subset, where the antipode solved over ℚ({where}) is defined): "
                        f"{d.method}", detail=d.detail)
    for point in exceptional:
        if not par._defined(dens, point):
            continue
        try:
            e = decide(par.specialize(H, point))
        except InputError:  # no antipode there: S(q) is not defined at this value
            continue
        if e.outcome is not Outcome.PROVED:
            at = tuple((k, str(v)) for k, v in point.items())
            return Decision(e.outcome, f"{e.method}; at {par._point_text(point)}, a root of a "
                            "denominator of S (the structure specialised there, exact)",
                            witness=at + (e.witness or ()) if e.witness else e.witness,
                            lhs=e.lhs, rhs=e.rhs, residual=e.residual, detail=e.detail)
    return Decision(d.outcome, f"{d.method}, over ℚ({where}): {every} and S exists (the "
                    f"{len(exceptional)} root(s) of S's denominators decided by substitution)",
                    detail=d.detail)


def _antipode_exceptions(H: Bialgebra, syms: list[Any]) -> list[dict[str, Any]] | None:
    """The values where the generic antipode's formula is undefined (one parameter), else None."""
    from coherence.checks import parametric as par

    if len(syms) != 1:
        return None
    dens = par._generic_antipode_denominators(H)
    if dens is None:
        return None
    out: list[dict[str, Any]] = []
    for d in dens:
        sols = par._solutions([d], syms)
        if sols is None:  # pragma: no cover - one parameter: finitely many roots
            return None
        out += [dict(s) for s in sols]
    return out


def _pairs(H: Structure) -> Iterator[tuple[int, int]]:
    for i in range(H.dim):
        for j in range(H.dim):
            yield i, j


@register("is_commutative", signature="is_commutative(H)", kind="decider", area=_AREA,
          doc="ab = ba for all a, b: exact on all basis pairs.", min_args=1, max_args=1)
def is_commutative(H: Any) -> Decision:
    """Commutativity, exactly on basis pairs.

    >>> d = is_commutative(structure("group:S3"))
    >>> d.outcome.value, d.witness
    ('refuted', (('a, b', '(23), (12)'),))
    """
    A = _structure(H)
    if not isinstance(A, Algebra):
        raise InputError("expected an algebra", got=type(A).__name__)
    n = A.dim
    method = f"multilinear identity ab = ba checked on all {n * n} basis pairs"
    for i, j in _pairs(A):
        if i < j:
            a, b = A.basis_element(i), A.basis_element(j)
            ab, ba = a * b, b * a
            if ab != ba:
                return _over_parameters(A, Decision(
                    Outcome.REFUTED, method, witness=(("a, b", f"{a}, {b}"),),
                    lhs=f"ab = {ab}", rhs=f"ba = {ba}", residual=str(ab - ba)), is_commutative)
    return _over_parameters(A, Decision(Outcome.PROVED, method), is_commutative)


@register("is_cocommutative", signature="is_cocommutative(H)", kind="decider", area=_AREA,
          doc="τ∘Δ = Δ: exact on every basis element.", min_args=1, max_args=1)
def is_cocommutative(H: Any) -> Decision:
    """Cocommutativity, exactly on the basis.

    >>> is_cocommutative(structure("group:S3")).outcome.value
    'proved'
    """
    C = _structure(H)
    if not isinstance(C, Coalgebra):
        raise InputError("expected a coalgebra", got=type(C).__name__)
    tau = flip(C.space, C.space)
    method = f"identity τ∘Δ = Δ checked on all {C.dim} basis elements"
    for j in range(C.dim):
        d = C.delta.image(j)
        t = tau(d)
        if d != t:
            name = C.space.name(j)
            return _over_parameters(C, Decision(Outcome.REFUTED, method, witness=(("a", name),),
                                    lhs=f"τΔ({name}) = {t}", rhs=f"Δ({name}) = {d}"),
                                    is_cocommutative)
    return _over_parameters(C, Decision(Outcome.PROVED, method), is_cocommutative)


@register("has_antipode", signature="has_antipode(H)", kind="decider", area=_AREA,
          doc="S ⋆ id = u∘ε = id ⋆ S has a solution S (exact linear algebra).",
          min_args=1, max_args=1)
def has_antipode(H: Any) -> Decision:
    """Existence of an antipode, by solving for it exactly.

    >>> d = has_antipode(structure("monoid:idempotent"))
    >>> d.outcome.value, d.witness
    ('refuted', (('inconsistent at', 'e'),))
    """
    B = _structure(H)
    if not isinstance(B, Bialgebra):
        raise InputError("expected a bialgebra", got=type(B).__name__)
    if parameters(B.domain):  # a family: for every value (refuted at one without S)
        from coherence.checks.parametric import antipode_condition

        v = antipode_condition(B)
        return Decision(v.outcome, v.method, witness=v.witness, detail=v.detail)
    r = hopf_core.compute_antipode(B)
    method = (f"antipode equations S ⋆ id = u∘ε = id ⋆ S solved exactly "
              f"({r.unknowns} unknowns, {r.equations} equations)")
    if r.exists:
        return Decision(Outcome.PROVED, method, detail=r.reason)
    return Decision(Outcome.REFUTED, method,
                    witness=(("inconsistent at", ", ".join(r.inconsistent) or "—"),),
                    detail=r.reason)


@register("is_involutive", signature="is_involutive(H)", kind="decider", area=_AREA,
          doc="S∘S = id, exactly on every basis element.", min_args=1, max_args=1)
def is_involutive(H: Any) -> Decision:
    """S² = id.

    >>> is_involutive(structure("sweedler")).witness
    (('v', 'x'),)
    """
    B = _structure(H)
    S = _map_of(B, "S", generic_ok=True)  # _over_parameters handles the exceptional values
    equal, method, witness, lhs, rhs = compose(S, S).explain_equality(id_(B))
    if equal:
        return _over_parameters(B, Decision(Outcome.PROVED, method), is_involutive, True)
    return _over_parameters(B, Decision(Outcome.REFUTED, method, witness=witness, lhs=lhs,
                                        rhs=rhs), is_involutive, True)
