"""Claim-file vocabulary for graded Hopf algebras: combinatorial domains and functions.

Registers, through :mod:`coherence.checks.vocabulary` (area ``graded``):

* finite domains, enumerated exhaustively, each including its size-0 object (the
  empty word, the empty composition, … — the unit's basis object):
  ``Word(alphabet, max_length)``, ``Composition(max_size)``, ``Partition(max_size)``,
  ``Permutation(max_size)``, ``Forest(max_nodes)`` and ``Basis(NAME, max_degree)``
  (the basis elements of a graded catalogue algebra of degree ≤ ``max_degree``; a
  *linear* identity that holds on them holds on every element of degree ≤ max_degree);
* the element domain ``GradedElement(NAME, degree <= d)``, which ``Element(NAME, degree
  <= d)`` hands graded algebras to: every element of degree ≤ d, decided like
  ``Element(H)`` (multilinear claims on basis tuples, others by sampling);
* functions on combinatorial objects: ``reverse len size concat shuffle deconcat
  unshuffle``; on algebras and their elements: ``graded basis_element coproduct counit
  antipode unit_counit S_star_id id_star_S``;
* deciders ``is_bialgebra(NAME, degree)`` and ``is_hopf(NAME, degree)``, which run the
  law suite of :mod:`coherence.checks.graded_laws` through that degree.

Objects drawn from a domain are :class:`Obj` values (a kind, the basis key, and for a
word its alphabet), so a word knows which shuffle algebra it lives in.

Examples
--------
>>> d = word_domain("ab", 2)
>>> d.size, [str(w) for w in d.elements()]
(7, ['ε', 'a', 'b', 'aa', 'ab', 'ba', 'bb'])
>>> w = Obj("word", "ab", "ab")
>>> print(antipode(basis_element("shuffle:ab", w)))
ba
>>> print(shuffle(Obj("word", "a", "ab"), w))
2·aab + aba
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from coherence.algebra import combinatorics as cb
from coherence.algebra.errors import InputError
from coherence.algebra.graded import Element, GradedHopfAlgebra, Tensor
from coherence.algebra.graded_examples import get, names, shuffle_words, unshuffles
from coherence.checks.verdict import Outcome
from coherence.checks.vocabulary import Decision, FiniteDomain, register

_MAX_POINTS = 200_000

#: Names linear in each element argument (for the claim engine's multilinearity test,
#: like ``coherence.checks.vocab_hopf.LINEAR``).
LINEAR_NAMES = frozenset({"antipode", "coproduct", "counit", "unit_counit", "S_star_id",
                          "id_star_S"})


@dataclass(frozen=True, slots=True)
class Obj:
    """A combinatorial object drawn from a claim-file domain.

    ``kind`` is ``word``, ``composition``, ``partition``, ``permutation`` or ``forest``;
    ``key`` the basis object (a ``str`` or a tuple); ``alphabet`` a word's alphabet.

    >>> str(Obj("composition", (1, 2))), str(Obj("word", "", "ab"))
    ('[1,2]', 'ε')
    """

    kind: str
    key: Any
    alphabet: str = ""

    @property
    def kind_name(self) -> str:
        """How error messages describe the value."""
        return f"a {self.kind}"

    def __str__(self) -> str:
        if self.kind == "word":
            return self.key or "ε"
        if self.kind == "forest":
            return cb.show_forest(self.key)
        if self.kind == "permutation" and len(self.key) <= 9:
            return "".join(map(str, self.key)) or "ε"
        return "[" + ",".join(map(str, self.key)) + "]"


def _int(n: Any, what: str) -> int:
    if isinstance(n, Fraction) and n.denominator == 1:
        n = int(n)
    if isinstance(n, int) and not isinstance(n, bool) and n >= 0:
        return n
    raise InputError(f"expected {what} (an integer ≥ 0)", got=repr(n))


def _bounded_size(count: Any, n: int) -> int:
    """``count(0) + … + count(n)``, stopping once past the domain limit: Word('ab', 10**6)
    must not compute 2**1000000 (nor Permutation(10**5) a factorial) only to refuse it."""
    size = 0
    for k in range(n + 1):
        if k > _MAX_POINTS:  # each size adds at least one object
            return _MAX_POINTS + 1
        size += count(k)
        if size > _MAX_POINTS:
            return size
    return size


def _finite(description: str, size: int, make: Any) -> FiniteDomain:
    if size > _MAX_POINTS:
        raise InputError(f"expected a domain of at most {_MAX_POINTS} objects",
                         got=f"{description} (more than {_MAX_POINTS})")
    return FiniteDomain(description, size, make, str)


def _algebra(H: Any) -> GradedHopfAlgebra:
    if isinstance(H, GradedHopfAlgebra):
        return H
    if isinstance(H, Obj | Element):
        raise InputError("expected a graded algebra name such as 'shuffle:ab'",
                         got=str(H))
    return get(str(H))


# -- domains ----------------------------------------------------------------------------


@register("Word", kind="domain", signature="Word(alphabet, max_length)",
          doc="Words of length ≤ max_length over the alphabet (the empty word ε included).",
          min_args=2, max_args=2, area="graded")
def word_domain(alphabet: Any, max_length: Any) -> FiniteDomain:
    """Words of length ≤ ``max_length`` over ``alphabet``, shortest first.

    >>> word_domain("xy", 1).description
    'words over {x, y} of length ≤ 1'
    """
    letters = cb.check_alphabet(str(alphabet))
    n = _int(max_length, "a maximum length")
    size = _bounded_size(lambda k: len(letters) ** k, n)

    def make() -> Iterator[Obj]:
        for k in range(n + 1):
            for w in cb.words(letters, k):
                yield Obj("word", w, letters)

    return _finite(f"words over {{{', '.join(letters)}}} of length ≤ {n}", size, make)


def _sized(kind: str, plural: str, enum: Any, count: Any):  # noqa: ANN202 - factory
    def domain(max_size: Any) -> FiniteDomain:
        n = _int(max_size, "a maximum size")
        size = _bounded_size(count, n)

        def make() -> Iterator[Obj]:
            for k in range(n + 1):
                for x in enum(k):
                    yield Obj(kind, x)

        return _finite(f"{plural} of size ≤ {n}", size, make)

    domain.__doc__ = f"{plural.capitalize()} of size ≤ max_size, smallest first."
    return domain


composition_domain = register(
    "Composition", kind="domain", signature="Composition(max_size)",
    doc="Compositions of n ≤ max_size (the empty one included).", min_args=1, max_args=1,
    area="graded")(_sized("composition", "compositions", cb.compositions,
                          cb.count_compositions))
partition_domain = register(
    "Partition", kind="domain", signature="Partition(max_size)",
    doc="Partitions of n ≤ max_size (the empty one included).", min_args=1, max_args=1,
    area="graded")(_sized("partition", "partitions", cb.partitions, cb.count_partitions))
permutation_domain = register(
    "Permutation", kind="domain", signature="Permutation(max_size)",
    doc="Permutations of 1..n for n ≤ max_size (the empty one included).", min_args=1,
    max_args=1, area="graded")(_sized("permutation", "permutations", cb.permutations,
                                      cb.count_permutations))
forest_domain = register(
    "Forest", kind="domain", signature="Forest(max_nodes)",
    doc="Rooted forests with ≤ max_nodes nodes (the empty forest included).", min_args=1,
    max_args=1, area="graded")(_sized("forest", "rooted forests", cb.forests,
                                      cb.count_forests))


@register("Basis", kind="domain", signature="Basis(NAME, max_degree)",
          doc="Basis elements of degree ≤ max_degree of a graded catalogue algebra.",
          min_args=2, max_args=2, area="graded")
def basis_domain(name: Any, max_degree: Any) -> FiniteDomain:
    """The basis elements of degree ≤ ``max_degree`` of a graded algebra, as Elements.

    A linear (or multilinear) identity that holds on all of them holds on every element
    of degree ≤ ``max_degree``; the domain's description says so.

    >>> d = basis_domain("qsym", 2)
    >>> d.size, [str(x) for x in d.elements()]
    (4, ['1', 'M[1]', 'M[1,1]', 'M[2]'])
    """
    H = _algebra(name)
    n = _int(max_degree, "a maximum degree")
    size = sum(H.dimension(k) for k in range(n + 1))

    def make() -> Iterator[Element]:
        for k in range(n + 1):
            for b in H.basis(k):
                yield Element(H, {b: 1})

    return _finite(f"basis elements of {H.name} of degree ≤ {n} (linear claims extend to "
                   f"all elements of degree ≤ {n})", size, make)


@dataclass(frozen=True)
class GradedElementDomain:
    """Every element of degree ≤ ``max_degree`` of a graded algebra (an element domain).

    The claim engine treats it like ``Element(H)`` of a finite-dimensional structure: a
    multilinear claim is decided on all tuples of basis elements (a proof for every
    element of degree ≤ max_degree); any other claim is sampled (refuted or evidence).

    >>> d = GradedElementDomain(get("qsym"), 2)
    >>> [str(b) for b in d.basis_elements()], d.description
    (['1', 'M[1]', 'M[1,1]', 'M[2]'], 'elements of qsym of degree ≤ 2')
    """

    algebra: GradedHopfAlgebra
    max_degree: int

    @property
    def description(self) -> str:
        """What the verdict names."""
        return f"elements of {self.algebra.name} of degree ≤ {self.max_degree}"

    def basis_elements(self) -> tuple[Element, ...]:
        """The basis elements of degree ≤ max_degree, by degree then basis order."""
        H = self.algebra
        return tuple(Element(H, {b: 1}) for n in range(self.max_degree + 1)
                     for b in H.basis(n))

    def zero(self) -> Element:
        """The zero element."""
        return self.algebra.zero()

    def random(self, rng: Any) -> Element:
        """A sparse random element (≤ 3 terms, small integer coefficients).

        >>> import random
        >>> x = GradedElementDomain(get("shuffle:ab"), 3).random(random.Random(1))
        >>> 1 <= len(x.terms) <= 3
        True
        """
        basis = self.basis_elements()
        out = self.algebra.zero()
        for _ in range(rng.choice((1, 2, 3))):
            out = out + basis[rng.randrange(len(basis))] * rng.choice((1, -1, 2, -2, 3))
        return out if out.terms else basis[0]


def _degree_bound(rest: tuple[Any, ...]) -> int:
    if len(rest) != 1:
        raise InputError("expected Element(NAME, degree <= d)",
                         got=f"{1 + len(rest)} arguments")
    d = rest[0]
    if isinstance(d, str):
        text = d.replace(" ", "").replace("≤", "<=")
        if not text.startswith("degree<="):
            raise InputError("expected a degree bound like 'degree <= 3'", got=repr(d))
        try:
            d = int(text[len("degree<="):])
        except ValueError:
            raise InputError("expected a degree bound like 'degree <= 3'",
                             got=repr(rest[0])) from None
    return _int(d, "a maximum degree")


@register("GradedElement", kind="domain", signature="GradedElement(NAME, degree <= d)",
          doc="Every element of degree ≤ d of a graded catalogue algebra (what "
              "Element(NAME, degree <= d) means for a graded NAME).", min_args=2,
          max_args=2, area="graded")
def graded_element_domain(name: Any, *rest: Any) -> GradedElementDomain:
    """``Element(NAME, degree <= d)`` for a graded algebra (``Element`` hands it here).

    >>> graded_element_domain("shuffle:ab", "degree <= 2").description
    'elements of shuffle:ab of degree ≤ 2'
    """
    return GradedElementDomain(_algebra(name), _degree_bound(rest))


# -- functions on objects -------------------------------------------------------------------


def _key(x: Any) -> Any:
    return x.key if isinstance(x, Obj) else x


def _word(x: Any, fn: str) -> Obj:
    if isinstance(x, Obj) and x.kind == "word":
        return x
    raise InputError(f"expected a word from a Word(…) domain for {fn}",
                     got=str(x) if isinstance(x, Obj) else repr(x))


@register("reverse", signature="reverse(x)",
          doc="A word, composition or permutation read backwards.", min_args=1, max_args=1,
          area="graded")
def reverse(x: Any) -> Obj:
    """The object read backwards.

    >>> str(reverse(Obj("word", "aab", "ab"))), str(reverse(Obj("composition", (1, 2))))
    ('baa', '[2,1]')
    """
    if not isinstance(x, Obj) or x.kind == "forest":
        raise InputError("expected a word, composition or permutation for reverse",
                         got=str(x))
    return Obj(x.kind, x.key[::-1], x.alphabet)


@register("len", signature="len(x)",
          doc="Number of letters, parts or trees of an object; number of terms of a "
              "tensor.", min_args=1, max_args=1, area="graded")
def length(x: Any) -> Fraction:
    """Letters of a word, parts of a composition, trees of a forest, terms of a tensor.

    >>> length(Obj("word", "abb", "ab")), length(Obj("forest", ((), ((),))))
    (Fraction(3, 1), Fraction(2, 1))
    """
    if isinstance(x, Obj):
        return Fraction(len(x.key))
    if isinstance(x, Tensor | Element):
        return Fraction(len(x.terms))
    raise InputError("expected a combinatorial object or tensor for len", got=repr(x))


@register("size", signature="size(x)",
          doc="The degree of an object: length, sum of parts, or number of nodes.",
          min_args=1, max_args=1, area="graded")
def size(x: Any) -> Fraction:
    """The degree of a combinatorial object.

    >>> size(Obj("composition", (1, 3))), size(Obj("forest", ((), ((),))))
    (Fraction(4, 1), Fraction(3, 1))
    """
    if not isinstance(x, Obj):
        raise InputError("expected a combinatorial object for size", got=repr(x))
    if x.kind in ("composition", "partition"):
        return Fraction(sum(x.key))
    if x.kind == "forest":
        return Fraction(cb.forest_nodes(x.key))
    return Fraction(len(x.key))


@register("concat", signature="concat(u, v)", doc="Concatenation of two words.",
          min_args=2, max_args=2, area="graded")
def concat(u: Any, v: Any) -> Obj:
    """``uv``.

    >>> str(concat(Obj("word", "a", "ab"), Obj("word", "b", "ab")))
    'ab'
    """
    a, b = _word(u, "concat"), _word(v, "concat")
    return Obj("word", a.key + b.key, a.alphabet)


@register("shuffle", signature="shuffle(u, v)",
          doc="u ⧢ v, an element of the shuffle algebra on the words' alphabet.",
          min_args=2, max_args=2, area="graded")
def shuffle(u: Any, v: Any) -> Element:
    """The shuffle product of two words, in ``shuffle:<alphabet>``.

    >>> print(shuffle(Obj("word", "a", "ab"), Obj("word", "b", "ab")))
    ab + ba
    """
    a, b = _word(u, "shuffle"), _word(v, "shuffle")
    return get(f"shuffle:{a.alphabet}").element(shuffle_words(a.key, b.key))


@register("deconcat", signature="deconcat(w)",
          doc="Σ_{w=uv} u ⊗ v, the coproduct of the shuffle algebra.", min_args=1,
          max_args=1, area="graded")
def deconcat(w: Any) -> Tensor:
    """The deconcatenation coproduct of a word.

    >>> print(deconcat(Obj("word", "ab", "ab")))
    ab ⊗ 1 + a ⊗ b + 1 ⊗ ab
    """
    x = _word(w, "deconcat")
    H = get(f"shuffle:{x.alphabet}")
    return Tensor(H, {(x.key[:i], x.key[i:]): 1 for i in range(len(x.key) + 1)})


@register("unshuffle", signature="unshuffle(w)",
          doc="Σ_I w_I ⊗ w_{I^c}, the coproduct of the tensor algebra.", min_args=1,
          max_args=1, area="graded")
def unshuffle(w: Any) -> Tensor:
    """The unshuffle coproduct of a word, in ``tensor:<alphabet>``.

    >>> print(unshuffle(Obj("word", "aa", "ab")))
    aa ⊗ 1 + 2·a ⊗ a + 1 ⊗ aa
    """
    x = _word(w, "unshuffle")
    return Tensor(get(f"tensor:{x.alphabet}"), unshuffles(x.key))


# -- algebras and elements --------------------------------------------------------------------


@register("graded", kind="constructor", signature="graded(NAME)",
          doc="A graded Hopf algebra from the catalogue (shuffle:ab, qsym, fqsym, ck, …).",
          min_args=1, max_args=1, area="graded")
def graded(name: Any) -> GradedHopfAlgebra:
    """The catalogue algebra called ``name``.

    >>> graded("nsym").name
    'nsym'
    """
    return _algebra(name)


@register("basis_element", signature="basis_element(H, x)",
          doc="The basis element of H indexed by an object (or its text, e.g. 'ab').",
          min_args=2, max_args=2, area="graded")
def basis_element(H: Any, x: Any) -> Element:
    """The basis element of ``H`` indexed by ``x``.

    >>> print(basis_element("qsym", Obj("composition", (2, 1))))
    M[2,1]
    """
    A = _algebra(H)
    return A.basis_element(_key(x))


def _element(x: Any, fn: str) -> Element:
    if isinstance(x, Element):
        return x
    raise InputError(f"expected an element of a graded algebra for {fn} "
                     "(use basis_element(H, x))", got=str(x))


@register("antipode", signature="antipode(x)", doc="S(x) with the algebra's antipode.",
          min_args=1, max_args=1, area="graded")
def antipode(x: Any) -> Element:
    """``S(x)``.

    >>> print(antipode(basis_element("shuffle:ab", "aab")))
    -baa
    """
    return _element(x, "antipode").antipode()


@register("coproduct", signature="coproduct(x)", doc="Δ(x) in H ⊗ H.", min_args=1,
          max_args=1, area="graded")
def coproduct(x: Any) -> Tensor:
    """``Δ(x)``.

    >>> print(coproduct(basis_element("nsym", "[2]")))
    H[2] ⊗ 1 + H[1] ⊗ H[1] + 1 ⊗ H[2]
    """
    return _element(x, "coproduct").coproduct()


@register("counit", signature="counit(x)", doc="ε(x), a number.", min_args=1, max_args=1,
          area="graded")
def counit(x: Any) -> Fraction:
    """``ε(x)``.

    >>> counit(basis_element("qsym", "1")), counit(basis_element("qsym", "[1]"))
    (Fraction(1, 1), Fraction(0, 1))
    """
    return Fraction(_element(x, "counit").counit())


@register("unit_counit", signature="unit_counit(x)",
          doc="u(ε(x)): the unit impulse path (Nemecek's residual stream).", min_args=1,
          max_args=1, area="graded")
def unit_counit(x: Any) -> Element:
    """``u∘ε(x) = ε(x)·1``.

    >>> print(unit_counit(basis_element("shuffle:ab", "1") * 3))
    3
    """
    e = _element(x, "unit_counit")
    return e.algebra.one * e.counit()


def _convolve(x: Element, left: bool) -> Element:
    H = x.algebra
    out = H.zero()
    for (a, b), c in x.coproduct().terms.items():
        sa = Element(H, dict(H.antipode(a))) if left else H.basis_element(a)
        sb = H.basis_element(b) if left else Element(H, dict(H.antipode(b)))
        out = out + (sa * sb) * c
    return out


@register("S_star_id", signature="S_star_id(x)", doc="m∘(S⊗id)∘Δ(x).", min_args=1,
          max_args=1, area="graded")
def s_star_id(x: Any) -> Element:
    """``(S ⋆ id)(x) = m∘(S⊗id)∘Δ(x)``.

    >>> print(s_star_id(basis_element("shuffle:ab", "ab")))
    0
    """
    return _convolve(_element(x, "S_star_id"), True)


@register("id_star_S", signature="id_star_S(x)",
          doc="m∘(id⊗S)∘Δ(x): the convolution path (Nemecek's attention).", min_args=1,
          max_args=1, area="graded")
def id_star_s(x: Any) -> Element:
    """``(id ⋆ S)(x) = m∘(id⊗S)∘Δ(x)``.

    >>> print(id_star_s(basis_element("tensor:ab", "1")))
    1
    """
    return _convolve(_element(x, "id_star_S"), False)


# -- deciders ------------------------------------------------------------------------------

_BIALGEBRA = ("associativity", "left-unit", "right-unit", "coassociativity", "left-counit",
              "right-counit", "delta-multiplicative", "eps-multiplicative", "delta-unit",
              "eps-unit")
_HOPF = (*_BIALGEBRA, "antipode-left", "antipode-right")


def _decide(name: Any, degree: Any, laws: tuple[str, ...], what: str) -> Decision:
    from coherence.checks.graded_laws import check_graded_laws

    H = _algebra(name)
    n = _int(degree, "a degree")
    verdicts = check_graded_laws(H, n, only=laws)
    for v in verdicts:
        if v.outcome is Outcome.REFUTED:
            return Decision(Outcome.REFUTED, f"{v.id} checked exhaustively by degree",
                            witness=v.witness, lhs=v.lhs, rhs=v.rhs, residual=v.residual,
                            detail=f"{what} fails: {v.statement}; {v.detail}")
    for v in verdicts:
        if v.outcome is not Outcome.PROVED:
            return Decision(Outcome.UNKNOWN, "law suite", detail=f"{v.id}: {v.detail}")
    return Decision(Outcome.PROVED,
                    f"every {what} law exhaustive on basis tuples of total degree ≤ {n}",
                    detail=f"proved through degree {n} (not a proof in higher degrees)")


@register("is_bialgebra", kind="decider", signature="is_bialgebra(NAME, degree)",
          doc="The bialgebra laws hold on all elements of degree ≤ degree.", min_args=2,
          max_args=2, area="graded")
def is_bialgebra(name: Any, degree: Any) -> Decision:
    """Decide the bialgebra laws through a degree.

    >>> is_bialgebra("broken:concat-deconcat:ab", 3).outcome.value
    'refuted'
    """
    return _decide(name, degree, _BIALGEBRA, "bialgebra")


@register("is_hopf", kind="decider", signature="is_hopf(NAME, degree)",
          doc="The Hopf algebra laws (with the antipode) hold on all elements of degree "
              "≤ degree.", min_args=2, max_args=2, area="graded")
def is_hopf(name: Any, degree: Any) -> Decision:
    """Decide the Hopf algebra laws through a degree.

    >>> is_hopf("shuffle:ab", 3).detail
    'proved through degree 3 (not a proof in higher degrees)'
    """
    return _decide(name, degree, _HOPF, "Hopf algebra")


def catalogue_names() -> tuple[str, ...]:
    """The graded catalogue names a claim file may pass as NAME.

    >>> "ck" in catalogue_names()
    True
    """
    return names()
