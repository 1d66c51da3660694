"""Graded connected Hopf algebras with combinatorial bases, computed lazily degree by degree.

A :class:`GradedHopfAlgebra` is given by rules on basis objects (words, compositions,
permutations, forests, …): the basis of each degree, the product of two basis elements,
the coproduct of one, and optionally a closed antipode formula. Nothing is materialised
beyond what is asked for: ``H.basis(n)`` enumerates degree ``n`` only, and products and
coproducts are computed on demand and cached per basis object.

Coefficients are exact Python integers (``fractions.Fraction`` where a change of basis
needs them). Vectors are sparse dicts ``{basis object: coefficient}`` with no zero
entries; tensors are dicts keyed by tuples of basis objects. :class:`Element` and
:class:`Tensor` wrap them for readable use (``2·ab + ba``).

The antipode is available three independent ways:

* :meth:`GradedHopfAlgebra.antipode_recursive` — from connectedness,
  ``S(x) = −Σ S(x₁)·x₂`` over the terms of ``Δ(x)`` other than ``x ⊗ 1``;
* :meth:`GradedHopfAlgebra.antipode_takeuchi` — Takeuchi's formula
  ``S = Σₖ (−1)ᵏ m^{k−1} ∘ (id − uε)^{⊗k} ∘ Δ^{k−1}``;
* :meth:`GradedHopfAlgebra.antipode_closed` — a known cancellation-free formula,
  where the algebra has one.

:meth:`GradedHopfAlgebra.antipode` is the algebra's *declared* antipode: the closed
formula when given (a broken variant may declare a wrong one), else the recursive one.

Examples
--------
>>> from coherence.algebra.graded_examples import get
>>> H = get("shuffle:ab")
>>> a, b = H.basis_element("a"), H.basis_element("b")
>>> print(a * b)
ab + ba
>>> print((a * b).coproduct())
ab ⊗ 1 + ba ⊗ 1 + a ⊗ b + b ⊗ a + 1 ⊗ ab + 1 ⊗ ba
>>> print(H.basis_element("ab").antipode())
ba

Axioms
------
>>> w = H.basis_element("aab")
>>> (H.one * w) == w == (w * H.one)
True
>>> w.antipode().antipode() == w
True
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from coherence.algebra.errors import InputError, InternalError

Key = Hashable
Coeff = int | Fraction
Vec = dict[Any, Coeff]
TVec = dict[tuple[Any, ...], Coeff]

__all__ = [
    "Element",
    "GradedHopfAlgebra",
    "Tensor",
    "add_into",
    "drop_zeros",
    "mul_into",
    "apply_linear",
    "comultiply",
    "multiply",
    "pair",
    "show_coeff",
    "show_vector",
    "subtract",
    "tensor_multiply",
]


# -- sparse kernels (private use by the checks; keep them small) -------------------


def add_into(out: dict[Any, Coeff], key: Any, c: Coeff) -> None:
    """Add ``c`` to ``out[key]`` in place, dropping the entry when it becomes zero.

    >>> d = {"a": 1}; add_into(d, "a", -1); add_into(d, "b", 2); d
    {'b': 2}
    """
    v = out.get(key, 0) + c
    if v:
        out[key] = v
    else:
        out.pop(key, None)


def mul_into(H: GradedHopfAlgebra, acc: dict[Any, Coeff], x: Mapping[Any, Coeff],
             y: Mapping[Any, Coeff], scale: Coeff = 1) -> None:
    """Add ``scale·x·y`` into ``acc`` in place (the hot loop; zeros are left in ``acc``,
    see :func:`drop_zeros`).

    >>> from coherence.algebra.graded_examples import get
    >>> acc = {}; mul_into(get("shuffle:ab"), acc, {"a": 1}, {"b": 1}, 2); acc
    {'ab': 2, 'ba': 2}
    """
    memo = H._memo("m")
    product = H.product
    get = acc.get
    for a, ca in x.items():
        for b, cb in y.items():
            p = memo.get((a, b))
            if p is None:
                p = product(a, b)
            f = scale * ca * cb
            for k, c in p.items():
                acc[k] = get(k, 0) + f * c


def drop_zeros(acc: dict[Any, Coeff]) -> dict[Any, Coeff]:
    """``acc`` without its zero entries.

    >>> drop_zeros({"a": 0, "b": 2})
    {'b': 2}
    """
    return {k: c for k, c in acc.items() if c}


def subtract(x: Mapping[Any, Coeff], y: Mapping[Any, Coeff]) -> dict[Any, Coeff]:
    """``x − y`` for sparse vectors (or tensors).

    >>> subtract({"a": 2, "b": 1}, {"a": 2})
    {'b': 1}
    """
    out = dict(x)
    for k, c in y.items():
        add_into(out, k, -c)
    return out


def _normal(c: Coeff) -> Coeff:
    if isinstance(c, Fraction) and c.denominator == 1:
        return int(c)
    return c


@dataclass(frozen=True, eq=False)
class GradedHopfAlgebra:
    """A graded connected Hopf algebra given by rules on its basis objects.

    ``basis_rule(n)`` lists the basis objects of degree ``n`` (in a fixed order),
    ``degree_rule(k)`` gives the degree of one, ``product_rule(a, b)`` and
    ``coproduct_rule(a)`` give sparse dicts (the coproduct keyed by pairs), ``one`` is
    the unit's basis object. ``counit_rule`` defaults to the projection onto degree 0.
    ``closed_antipode`` is a known formula; ``declared_antipode`` overrides which map
    :meth:`antipode` means (only broken variants set it). ``show``/``parse`` turn basis
    objects into text and back. ``dimension_formula`` (with ``dimension_text``) and
    ``primitive_formula`` are known graded dimensions, checked by the law suite;
    ``dual``/``pairing`` name the graded dual in the catalogue and the pairing of a basis
    object here with one there; ``pairing_match``, for a diagonal pairing, gives the one
    dual basis object a basis object pairs with, and the value (a fast path for checks).

    >>> from coherence.algebra.graded_examples import get
    >>> H = get("qsym")
    >>> H.basis(3)
    ((1, 1, 1), (1, 2), (2, 1), (3,))
    >>> H.product((1,), (1,))
    {(1, 1): 2, (2,): 1}
    """

    name: str
    description: str
    basis_label: str
    basis_rule: Callable[[int], Iterable[Any]]
    degree_rule: Callable[[Any], int]
    product_rule: Callable[[Any, Any], Mapping[Any, Coeff]]
    coproduct_rule: Callable[[Any], Mapping[tuple[Any, Any], Coeff]]
    one_key: Any
    show: Callable[[Any], str]
    parse: Callable[[str], Any]
    reference: str = ""
    closed_antipode: Callable[[Any], Mapping[Any, Coeff]] | None = None
    closed_antipode_text: str = ""
    declared_antipode: Callable[[Any], Mapping[Any, Coeff]] | None = None
    counit_rule: Callable[[Any], Coeff] | None = None
    dimension_formula: Callable[[int], int] | None = None
    dimension_text: str = ""
    primitive_formula: Callable[[int], int] | None = None
    primitive_text: str = ""
    dual: str | None = None
    pairing: Callable[[Any, Any], Coeff] | None = None
    pairing_match: Callable[[Any], tuple[Any, Coeff]] | None = None
    _cache: dict[str, dict[Any, Any]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __repr__(self) -> str:
        return f"GradedHopfAlgebra({self.name!r})"

    def _memo(self, table: str) -> dict[Any, Any]:
        memo = self._cache.get(table)
        if memo is None:
            memo = self._cache[table] = {}
        return memo

    # -- basis ----------------------------------------------------------------------
    def basis(self, n: int) -> tuple[Any, ...]:
        """The basis objects of degree ``n``, in their fixed order (computed once).

        >>> from coherence.algebra.graded_examples import get
        >>> get("tensor:ab").basis(2)
        ('aa', 'ab', 'ba', 'bb')
        """
        memo = self._memo("basis")
        out = memo.get(n)
        if out is None:
            if not isinstance(n, int) or n < 0:
                raise InputError("expected a degree that is an integer ≥ 0", got=repr(n))
            out = memo[n] = tuple(self.basis_rule(n))
        return out

    def dimension(self, n: int) -> int:
        """Dimension of the degree-``n`` part.

        >>> from coherence.algebra.graded_examples import get
        >>> [get("fqsym").dimension(n) for n in range(5)]
        [1, 1, 2, 6, 24]
        """
        return len(self.basis(n))

    def degree(self, key: Any) -> int:
        """The degree of a basis object.

        >>> from coherence.algebra.graded_examples import get
        >>> get("nsym").degree((2, 1))
        3
        """
        return self.degree_rule(key)

    def position(self, key: Any) -> tuple[int, int]:
        """``(degree, index in basis(degree))``: the sort key of terms when printing.

        >>> from coherence.algebra.graded_examples import get
        >>> get("tensor:ab").position("ba")
        (2, 2)
        """
        memo = self._memo("position")
        pos = memo.get(key)
        if pos is None:
            try:
                if type(key) is not type(self.one_key):
                    raise TypeError
                d = self.degree_rule(key)
            except (TypeError, ValueError, AttributeError):
                raise InputError(f"expected a basis object of {self.name}",
                                 got=repr(key)) from None
            for i, k in enumerate(self.basis(d)):
                memo[k] = (d, i)
            pos = memo.get(key)
            if pos is None:
                raise InputError(f"expected a basis object of {self.name}", got=repr(key))
        return pos

    # -- structure on basis objects (cached) ----------------------------------------
    def product(self, a: Any, b: Any) -> Mapping[Any, Coeff]:
        """``a·b`` for basis objects, as a sparse dict (do not mutate the result).

        >>> from coherence.algebra.graded_examples import get
        >>> get("tensor:ab").product("a", "b")
        {'ab': 1}
        """
        memo = self._memo("m")
        out = memo.get((a, b))
        if out is None:
            raw = self.product_rule(a, b)
            out = memo[(a, b)] = {k: raw[k] for k in sorted(raw, key=self.position) if raw[k]}
        return out

    def coproduct(self, a: Any) -> Mapping[tuple[Any, Any], Coeff]:
        """``Δ(a)`` for a basis object, as a dict keyed by pairs.

        >>> from coherence.algebra.graded_examples import get
        >>> get("shuffle:ab").coproduct("ab")
        {('', 'ab'): 1, ('a', 'b'): 1, ('ab', ''): 1}
        """
        memo = self._memo("delta")
        out = memo.get(a)
        if out is None:
            raw = self.coproduct_rule(a)
            order = sorted(raw, key=lambda k: (self.position(k[0]), self.position(k[1])))
            out = memo[a] = {k: raw[k] for k in order if raw[k]}
        return out

    def counit(self, a: Any) -> Coeff:
        """``ε(a)``: 1 on the unit's basis object, 0 elsewhere (unless a rule overrides).

        >>> from coherence.algebra.graded_examples import get
        >>> H = get("shuffle:ab"); H.counit(""), H.counit("a")
        (1, 0)
        """
        if self.counit_rule is not None:
            return self.counit_rule(a)
        return 1 if a == self.one_key else 0

    def antipode(self, a: Any) -> Mapping[Any, Coeff]:
        """The declared antipode ``S(a)``: the closed formula if known, else recursive.

        >>> from coherence.algebra.graded_examples import get
        >>> get("shuffle:ab").antipode("ab")
        {'ba': 1}
        """
        if self.declared_antipode is not None:
            memo = self._memo("S")
            out = memo.get(a)
            if out is None:
                out = memo[a] = {k: c for k, c in self.declared_antipode(a).items() if c}
            return out
        if self.closed_antipode is not None:
            out = self.antipode_closed(a)
            if out is None:
                raise InternalError(f"the closed antipode formula gave nothing at {a!r}")
            return out
        return self.antipode_recursive(a)

    def antipode_closed(self, a: Any) -> Mapping[Any, Coeff] | None:
        """The closed (cancellation-free) formula for ``S(a)``, or None when none is known.

        >>> from coherence.algebra.graded_examples import get
        >>> get("qsym").antipode_closed((1, 2))
        {(2, 1): 1, (3,): 1}
        """
        if self.closed_antipode is None:
            return None
        memo = self._memo("S_closed")
        out = memo.get(a)
        if out is None:
            out = memo[a] = {k: c for k, c in self.closed_antipode(a).items() if c}
        return out

    def antipode_recursive(self, a: Any) -> Mapping[Any, Coeff]:
        """``S(a)`` from connectedness: ``S(1) = 1``, ``S(a) = −Σ S(a₁)·a₂`` over the
        terms ``a₁ ⊗ a₂`` of ``Δ(a)`` with ``deg a₂ > 0``.

        >>> from coherence.algebra.graded_examples import get
        >>> get("tensor:ab").antipode_recursive("ab")
        {'ba': 1}
        """
        memo = self._memo("S_rec")
        out = memo.get(a)
        if out is not None:
            return out
        if self.degree_rule(a) == 0:
            out = {a: 1}
        else:
            acc: dict[Any, Coeff] = {}
            for (x, y), c in self.coproduct(a).items():
                if self.degree_rule(y) == 0:
                    continue
                mul_into(self, acc, self.antipode_recursive(x), {y: 1}, -c)
            out = drop_zeros(acc)
        memo[a] = out
        return out

    def _takeuchi_chain(self, k: int, a: Any) -> Mapping[Any, Coeff]:
        # m^{k-1} ∘ π^{⊗k} ∘ Δ^{k-1}(a), with Δ^{k-1} = (id ⊗ Δ^{k-2}) ∘ Δ and π = id − uε.
        memo = self._memo("takeuchi")
        out = memo.get((k, a))
        if out is not None:
            return out
        if k == 1:
            out = {} if self.degree_rule(a) == 0 else {a: 1}
        else:
            acc: dict[Any, Coeff] = {}
            for (x, y), c in self.coproduct(a).items():
                if self.degree_rule(x) == 0:
                    continue
                mul_into(self, acc, {x: 1}, self._takeuchi_chain(k - 1, y), c)
            out = drop_zeros(acc)
        memo[(k, a)] = out
        return out

    def antipode_takeuchi(self, a: Any) -> Mapping[Any, Coeff]:
        """``S(a)`` by Takeuchi's formula ``Σₖ (−1)ᵏ m^{k−1}(id − uε)^{⊗k}Δ^{k−1}(a)``.

        The sum stops at ``k = deg a``: each factor of a surviving term has degree ≥ 1.

        >>> from coherence.algebra.graded_examples import get
        >>> get("shuffle:ab").antipode_takeuchi("aab")
        {'baa': -1}
        """
        n = self.degree_rule(a)
        if n == 0:
            return {a: 1}
        acc: dict[Any, Coeff] = {}
        for k in range(1, n + 1):
            sign = -1 if k % 2 else 1
            for key, c in self._takeuchi_chain(k, a).items():
                add_into(acc, key, sign * c)
        return acc

    # -- elements -------------------------------------------------------------------
    def element(self, terms: Mapping[Any, Coeff] | Iterable[tuple[Any, Coeff]]) -> Element:
        """The element ``Σ c·key`` (keys are basis objects; zero terms are dropped).

        >>> from coherence.algebra.graded_examples import get
        >>> H = get("shuffle:ab")
        >>> print(H.element({"ab": 2, "ba": 1}))
        2·ab + ba
        """
        pairs = terms.items() if isinstance(terms, Mapping) else terms
        acc: dict[Any, Coeff] = {}
        for k, c in pairs:
            self.position(k)  # validates the key
            add_into(acc, k, _normal(c))
        return Element(self, acc)

    def basis_element(self, key: Any) -> Element:
        """The basis element of a basis object, or of its text (``"ab"``, ``"[1,2]"``).

        >>> from coherence.algebra.graded_examples import get
        >>> print(get("qsym").basis_element("[1,2]"))
        M[1,2]
        """
        if isinstance(key, str) and not isinstance(self.one_key, str):
            key = self.parse(key)
        elif isinstance(key, str):
            try:
                self.position(key)
            except InputError:
                key = self.parse(key)
        self.position(key)
        return Element(self, {key: 1})

    @property
    def one(self) -> Element:
        """The unit element ``1``.

        >>> from coherence.algebra.graded_examples import get
        >>> print(get("tensor:ab").one)
        1
        """
        return Element(self, {self.one_key: 1})

    def zero(self) -> Element:
        """The zero element.

        >>> from coherence.algebra.graded_examples import get
        >>> print(get("tensor:ab").zero())
        0
        """
        return Element(self, {})


# -- linear extensions ------------------------------------------------------------


def multiply(H: GradedHopfAlgebra, x: Mapping[Any, Coeff], y: Mapping[Any, Coeff]) -> Vec:
    """The product of two sparse vectors of ``H``.

    >>> from coherence.algebra.graded_examples import get
    >>> multiply(get("shuffle:ab"), {"a": 1}, {"a": 1, "b": -1})
    {'aa': 2, 'ab': -1, 'ba': -1}
    """
    acc: Vec = {}
    mul_into(H, acc, x, y)
    return drop_zeros(acc)


def comultiply(H: GradedHopfAlgebra, x: Mapping[Any, Coeff]) -> TVec:
    """The coproduct of a sparse vector of ``H``.

    >>> from coherence.algebra.graded_examples import get
    >>> comultiply(get("shuffle:ab"), {"a": 3})
    {('', 'a'): 3, ('a', ''): 3}
    """
    acc: TVec = {}
    for a, ca in x.items():
        for k, c in H.coproduct(a).items():
            add_into(acc, k, ca * c)
    return acc


def apply_linear(f: Callable[[Any], Mapping[Any, Coeff]], x: Mapping[Any, Coeff]) -> Vec:
    """The linear extension of a map on basis objects, applied to a sparse vector.

    >>> apply_linear(lambda w: {w[::-1]: 1}, {"ab": 2, "ba": 1})
    {'ba': 2, 'ab': 1}
    """
    acc: Vec = {}
    for a, ca in x.items():
        for k, c in f(a).items():
            add_into(acc, k, ca * c)
    return acc


def tensor_multiply(
    H: GradedHopfAlgebra, X: Mapping[tuple, Coeff], Y: Mapping[tuple, Coeff]
) -> TVec:
    """The product in ``H ⊗ H``: ``(a ⊗ b)(c ⊗ d) = ac ⊗ bd``.

    >>> from coherence.algebra.graded_examples import get
    >>> tensor_multiply(get("tensor:ab"), {("a", ""): 1}, {("", "b"): 1})
    {('a', 'b'): 1}
    """
    acc: TVec = {}
    for (a, b), cx in X.items():
        for (c, d), cy in Y.items():
            left = H.product(a, c)
            right = H.product(b, d)
            for k1, c1 in left.items():
                for k2, c2 in right.items():
                    add_into(acc, (k1, k2), cx * cy * c1 * c2)
    return acc


def pair(H: GradedHopfAlgebra, x: Mapping[Any, Coeff], y: Mapping[Any, Coeff]) -> Coeff:
    """``⟨x, y⟩`` for ``x`` in ``H`` and ``y`` in its graded dual ``H.dual``.

    >>> from coherence.algebra.graded_examples import get
    >>> pair(get("tensor:ab"), {"ab": 2, "ba": 1}, {"ab": 5})
    10
    """
    if H.pairing is None:
        raise InputError(f"expected an algebra with a dual pairing, got {H.name!r}")
    total: Coeff = 0
    for a, ca in x.items():
        for b, cb in y.items():
            p = H.pairing(a, b)
            if p:
                total += ca * cb * p
    return _normal(total)


# -- printing ---------------------------------------------------------------------


def show_coeff(c: Coeff) -> str:
    """A coefficient as text (``3``, ``-1/2``).

    >>> show_coeff(Fraction(-1, 2)), show_coeff(Fraction(4, 2))
    ('-1/2', '2')
    """
    return str(_normal(c))


def _term(c: Coeff, text: str) -> tuple[str, str]:
    sign = "-" if c < 0 else "+"
    mag = -c if c < 0 else c
    if text == "1":
        body = show_coeff(mag)
    elif mag == 1:
        body = text
    else:
        body = f"{show_coeff(mag)}·{text}"
    return sign, body


def _join(parts: list[tuple[str, str]]) -> str:
    if not parts:
        return "0"
    first_sign, first = parts[0]
    out = ("-" if first_sign == "-" else "") + first
    for sign, body in parts[1:]:
        out += f" {sign} {body}"
    return out


def show_vector(H: GradedHopfAlgebra, x: Mapping[Any, Coeff]) -> str:
    """A sparse vector as ``2·ab + ba`` (terms by degree, then basis order).

    >>> from coherence.algebra.graded_examples import get
    >>> show_vector(get("tensor:ab"), {"ba": 1, "ab": 2, "": -1})
    '-1 + 2·ab + ba'
    """
    keys = sorted(x, key=H.position)
    return _join([_term(x[k], H.show(k)) for k in keys])


def show_tensor(H: GradedHopfAlgebra, X: Mapping[tuple, Coeff]) -> str:
    """A sparse tensor as ``a ⊗ b + 1 ⊗ ab`` (by left degree descending, then basis order).

    >>> from coherence.algebra.graded_examples import get
    >>> show_tensor(get("tensor:ab"), {("a", "b"): 2, ("", "ab"): 1})
    '2·a ⊗ b + 1 ⊗ ab'
    """

    def order(k: tuple) -> tuple:
        pos = [H.position(x) for x in k]
        return (-pos[0][0], *pos)

    parts = []
    for k in sorted(X, key=order):
        c = X[k]
        text = " ⊗ ".join(H.show(x) for x in k)
        mag = -c if c < 0 else c
        parts.append(("-" if c < 0 else "+", text if mag == 1 else f"{show_coeff(mag)}·{text}"))
    return _join(parts)


# -- element wrappers ---------------------------------------------------------------


@dataclass(frozen=True, eq=False, slots=True)
class Element:
    """An element of a graded Hopf algebra: a sparse exact combination of basis objects.

    >>> from coherence.algebra.graded_examples import get
    >>> H = get("tensor:ab")
    >>> x = H.basis_element("a") * 2 + H.basis_element("b")
    >>> print(x), print(x * x)
    2·a + b
    4·aa + 2·ab + 2·ba + bb
    (None, None)
    """

    algebra: GradedHopfAlgebra
    terms: Mapping[Any, Coeff]

    kind_name = "an element"

    @property
    def owner(self) -> GradedHopfAlgebra:
        """The algebra this element belongs to: operations never mix two of them."""
        return self.algebra

    def _lift(self, other: Any) -> Element | None:
        if isinstance(other, Element):
            if other.algebra is not self.algebra:
                raise InputError(f"expected elements of {self.algebra.name}",
                                 got=f"an element of {other.algebra.name}")
            return other
        if isinstance(other, int | Fraction):
            return Element(self.algebra, {self.algebra.one_key: other} if other else {})
        return None

    def __add__(self, other: Any) -> Element:
        o = self._lift(other)
        if o is None:
            return NotImplemented
        out = dict(self.terms)
        for k, c in o.terms.items():
            add_into(out, k, c)
        return Element(self.algebra, out)

    __radd__ = __add__

    def __neg__(self) -> Element:
        return Element(self.algebra, {k: -c for k, c in self.terms.items()})

    def __sub__(self, other: Any) -> Element:
        o = self._lift(other)
        if o is None:
            return NotImplemented
        return self + (-o)

    def __rsub__(self, other: Any) -> Element:
        return (-self) + other

    def __mul__(self, other: Any) -> Element:
        if isinstance(other, int | Fraction):
            return Element(self.algebra, {k: _normal(c * other) for k, c in self.terms.items()
                                          if c * other})
        if isinstance(other, Element):
            self._lift(other)
            return Element(self.algebra, multiply(self.algebra, self.terms, other.terms))
        return NotImplemented

    def __rmul__(self, other: Any) -> Element:
        if isinstance(other, int | Fraction):
            return self * other
        return NotImplemented

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Element):
            return self.algebra is other.algebra and dict(self.terms) == dict(other.terms)
        if isinstance(other, int | Fraction):
            return dict(self.terms) == ({self.algebra.one_key: other} if other else {})
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.algebra.name, frozenset(self.terms.items())))

    def coproduct(self) -> Tensor:
        """``Δ(self)``.

        >>> from coherence.algebra.graded_examples import get
        >>> print(get("nsym").basis_element("[1]").coproduct())
        H[1] ⊗ 1 + 1 ⊗ H[1]
        """
        return Tensor(self.algebra, comultiply(self.algebra, self.terms))

    def counit(self) -> Coeff:
        """``ε(self)``.

        >>> from coherence.algebra.graded_examples import get
        >>> (get("qsym").one * 3 + get("qsym").basis_element("[2]")).counit()
        3
        """
        return _normal(sum(c * self.algebra.counit(k) for k, c in self.terms.items()))

    def antipode(self) -> Element:
        """``S(self)`` with the algebra's declared antipode.

        >>> from coherence.algebra.graded_examples import get
        >>> print(get("tensor:ab").basis_element("ab").antipode())
        ba
        """
        return Element(self.algebra, apply_linear(self.algebra.antipode, self.terms))

    def coefficient(self, key: Any) -> Coeff:
        """The coefficient of one basis object (0 when absent).

        >>> from coherence.algebra.graded_examples import get
        >>> x = get("qsym").element({(1, 2): 5})
        >>> x.coefficient((1, 2)), x.coefficient("[2,1]")
        (5, 0)
        """
        if isinstance(key, str) and key not in self.terms:
            try:
                key = self.algebra.parse(key)
            except InputError:
                return 0
        return self.terms.get(key, 0)

    @property
    def degrees(self) -> tuple[int, ...]:
        """The degrees present, ascending.

        >>> from coherence.algebra.graded_examples import get
        >>> (get("shuffle:ab").one + get("shuffle:ab").basis_element("ab")).degrees
        (0, 2)
        """
        return tuple(sorted({self.algebra.degree(k) for k in self.terms}))

    def __str__(self) -> str:
        return show_vector(self.algebra, self.terms)

    def __repr__(self) -> str:
        return f"<{self.algebra.name}: {self}>"


@dataclass(frozen=True, eq=False, slots=True)
class Tensor:
    """An element of ``H ⊗ H`` (sparse over pairs of basis objects).

    >>> from coherence.algebra.graded_examples import get
    >>> H = get("shuffle:ab")
    >>> print(H.basis_element("a").coproduct())
    a ⊗ 1 + 1 ⊗ a
    """

    algebra: GradedHopfAlgebra
    terms: Mapping[tuple, Coeff]

    kind_name = "an element of H⊗H"

    @property
    def owner(self) -> GradedHopfAlgebra:
        """The algebra this tensor belongs to: operations never mix two of them."""
        return self.algebra

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Tensor) and other.algebra is self.algebra
                and dict(self.terms) == dict(other.terms))

    def __hash__(self) -> int:
        return hash((self.algebra.name, frozenset(self.terms.items())))

    def __str__(self) -> str:
        return show_tensor(self.algebra, self.terms)

    def __repr__(self) -> str:
        return f"<{self.algebra.name}⊗{self.algebra.name}: {self}>"
