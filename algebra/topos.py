"""Presheaves of finite sets on a finite category, and the topos structure, computed.

A :class:`Presheaf` ``P`` on a finite category ``C`` gives a finite set ``P(c)`` for
every object and a restriction map ``P(f): P(b) → P(a)`` for every arrow ``f: a → b``
(contravariant). A :class:`Morphism` is a natural transformation, stored as index
tables. Everything the topos has is computed explicitly on the finite data:
:func:`terminal`, :func:`initial`, :func:`product`, :func:`equaliser`, :func:`pullback`,
:func:`representable`, the subobject classifier :func:`omega` (sieves) with
:func:`true_map`, :func:`subobjects`, :func:`characteristic_map`, and the exponential
:func:`exponential` with its evaluation map. :func:`hom` enumerates all natural
transformations by propagation and backtracking.

Nothing here decides a verdict; ``coherence.checks.topos_checks`` checks the universal
properties exhaustively on given objects.

Examples
--------
>>> from coherence.algebra.categories import chain
>>> C = chain(2)
>>> [len(s) for s in omega(C).sets]     # sieves on 0 and on 1
[2, 3]
>>> E = exponential(omega(C), omega(C))
>>> [len(s) for s in E.object.sets]     # Ω^Ω: 2² at 0, |Hom(Ω, Ω)| = 15 at 1
[4, 15]
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from coherence.algebra.categories import FiniteCategory
from coherence.algebra.errors import InputError

Element = Hashable


def show(e: Element) -> str:
    """Readable text for an element: sets as ``{…}`` (sorted), pairs as ``(…)``.

    >>> show(frozenset({"f", "id_b"})), show(("x", 1))
    ('{f, id_b}', '(x, 1)')
    """
    if isinstance(e, frozenset):
        return "{" + ", ".join(sorted(show(x) for x in e)) + "}"
    if isinstance(e, tuple):
        return "(" + ", ".join(show(x) for x in e) + ")"
    return str(e)


@dataclass(frozen=True)
class Presheaf:
    """A presheaf of finite sets on ``category``: sets per object, restriction tables.

    ``sets[c]`` lists the elements of ``P(c)``; ``maps[f][j]`` is the index in
    ``sets[source(f)]`` of the restriction of ``sets[target(f)][j]`` along ``f``.
    Build one with :meth:`build`, which checks the maps land in the right sets and
    (unless ``check=False``) that they are functorial.

    >>> from coherence.algebra.categories import chain
    >>> P = Presheaf.build(chain(2), {"0": ["u", "v"], "1": ["w"]}, {"0≤1": {"w": "v"}})
    >>> P.restrict("0≤1", "w")
    'v'
    """

    category: FiniteCategory
    sets: tuple[tuple[Element, ...], ...]
    maps: tuple[tuple[int, ...], ...]
    name: str = "P"

    @classmethod
    def build(
        cls,
        category: FiniteCategory,
        sets: Mapping[str, Iterable[Element]],
        restrictions: Mapping[str, Mapping[Element, Element]],
        *,
        name: str = "P",
        check: bool = True,
    ) -> Presheaf:
        """A presheaf from its sets and the restriction maps along (at least) the generators.

        Restrictions along composite arrows that are not given are composed from the
        generators' (``P(g∘f) = P(f)∘P(g)``); identities act as identities.

        >>> from coherence.algebra.categories import parallel_arrows
        >>> P = Presheaf.build(parallel_arrows(), {"a": [0, 1], "b": ["x"]},
        ...                    {"f": {"x": 0}, "g": {"x": 1}})
        >>> P.size
        3
        """
        C = category
        for key in sets:
            C.object_index(str(key))
        elems = []
        for o in C.objects:
            xs = tuple(sets.get(o, ()))
            if len(set(xs)) != len(xs):
                raise InputError(f"expected distinct elements in {name}({o})", got=repr(xs))
            elems.append(xs)
        where = [{x: i for i, x in enumerate(xs)} for xs in elems]
        given: dict[int, tuple[int, ...]] = {}
        for fname, table in restrictions.items():
            f = C.index(str(fname))
            a, b = C.src(f), C.tgt(f)
            row = []
            for x in elems[b]:
                if x not in table:
                    raise InputError(f"expected {name}({fname}) defined on every element of "
                                     f"{name}({C.objects[b]})", got=f"no value for {show(x)}")
                y = table[x]
                if y not in where[a]:
                    raise InputError(f"expected {name}({fname})({show(x)}) in "
                                     f"{name}({C.objects[a]})", got=show(y),
                                     choices=[show(e) for e in elems[a]])
                row.append(where[a][y])
            given[f] = tuple(row)
        maps = []
        for f in range(C.size):
            if f in given:
                maps.append(given[f])
                continue
            b = C.tgt(f)
            row = list(range(len(elems[b])))
            for g in reversed(C.factors[f]):  # f = g_k∘…∘g_1: restrict along g_k first
                if g not in given:
                    raise InputError(f"expected a restriction map for {C.name_of(g)} in {name}",
                                     got="none", choices=[C.name_of(x) for x in C.generators])
                row = [given[g][j] for j in row]
            maps.append(tuple(row))
        P = cls(C, tuple(elems), tuple(maps), name)
        if check:
            bad = functoriality_failures(P)
            if bad:
                raise InputError(f"expected a functor C^op → FinSet for {name}", got=bad[0])
        return P

    @property
    def size(self) -> int:
        """The total number of elements over all objects."""
        return sum(len(s) for s in self.sets)

    def at(self, obj: str) -> tuple[Element, ...]:
        """The set ``P(obj)``."""
        return self.sets[self.category.object_index(obj)]

    def restrict(self, arrow: str, x: Element) -> Element:
        """``P(f)(x)`` for ``f`` given by name."""
        C = self.category
        f = C.index(arrow)
        j = self.sets[C.tgt(f)].index(x)
        return self.sets[C.src(f)][self.maps[f][j]]

    def __str__(self) -> str:
        C = self.category
        parts = [f"{o} ↦ {{{', '.join(show(x) for x in s)}}}" for o, s in zip(C.objects,
                                                                              self.sets,
                                                                              strict=True)]
        return f"{self.name}: " + "; ".join(parts)


def functoriality_failures(P: Presheaf) -> list[str]:
    """Where ``P`` fails to be a functor (identities, composition), as readable text.

    >>> from coherence.algebra.categories import chain
    >>> functoriality_failures(omega(chain(3)))
    []
    """
    C, out = P.category, []
    for c, i in enumerate(C.identities):
        if P.maps[i] != tuple(range(len(P.sets[c]))):
            out.append(f"{P.name}(id_{C.objects[c]}) is not the identity")
    for g, f in itertools.product(range(C.size), repeat=2):
        h = C.table[g][f]
        if h is None:
            continue
        for j, x in enumerate(P.sets[C.tgt(g)]):
            via = P.maps[f][P.maps[g][j]]
            if P.maps[h][j] != via:
                a = C.src(f)
                out.append(f"{P.name}({C.name_of(h)})({show(x)}) = {show(P.sets[a][P.maps[h][j]])}"
                           f" but {P.name}({C.name_of(f)})∘{P.name}({C.name_of(g)})({show(x)}) = "
                           f"{show(P.sets[a][via])}")
                break
    return out


@dataclass(frozen=True)
class Morphism:
    """A natural transformation ``source → target``: ``components[c][i]`` is an index.

    >>> from coherence.algebra.categories import chain
    >>> one = terminal(chain(2))
    >>> t = true_map(chain(2))
    >>> show(t.apply("1", "*"))
    '{0≤1, id_1}'
    """

    source: Presheaf
    target: Presheaf
    components: tuple[tuple[int, ...], ...]
    name: str = "α"

    def apply(self, obj: str, x: Element) -> Element:
        """The component at ``obj`` applied to ``x``."""
        c = self.source.category.object_index(obj)
        return self.target.sets[c][self.components[c][self.source.sets[c].index(x)]]

    def __matmul__(self, other: Morphism) -> Morphism:
        """``self ∘ other``."""
        comps = tuple(tuple(mine[j] for j in theirs)
                      for mine, theirs in zip(self.components, other.components, strict=True))
        return Morphism(other.source, self.target, comps, f"{self.name}∘{other.name}")

    def naturality_failures(self) -> list[str]:
        """Where the naturality squares fail to commute (empty when natural).

        >>> from coherence.algebra.categories import chain
        >>> true_map(chain(2)).naturality_failures()
        []
        """
        P, Q, C = self.source, self.target, self.source.category
        out = []
        for f in range(C.size):
            a, b = C.src(f), C.tgt(f)
            for j in range(len(P.sets[b])):
                left = self.components[a][P.maps[f][j]]
                right = Q.maps[f][self.components[b][j]]
                if left != right:
                    out.append(f"at {C.name_of(f)} on {show(P.sets[b][j])}: "
                               f"{show(Q.sets[a][left])} ≠ {show(Q.sets[a][right])}")
        return out

    def is_mono(self) -> bool:
        """Whether every component is injective."""
        return all(len(set(c)) == len(c) for c in self.components)

    def describe(self) -> str:
        """The components as text ``c: x ↦ y, …``."""
        parts = []
        for c, comp in enumerate(self.components):
            pairs = ", ".join(f"{show(self.source.sets[c][i])} ↦ {show(self.target.sets[c][v])}"
                              for i, v in enumerate(comp))
            parts.append(f"{self.source.category.objects[c]}: {pairs or '∅'}")
        return "; ".join(parts)


def identity_map(P: Presheaf) -> Morphism:
    """The identity natural transformation on ``P``.

    >>> from coherence.algebra.categories import chain
    >>> identity_map(terminal(chain(2))).components
    ((0,), (0,))
    """
    return Morphism(P, P, tuple(tuple(range(len(s))) for s in P.sets), f"id_{P.name}")


# -- basic objects ----------------------------------------------------------------------

def terminal(C: FiniteCategory) -> Presheaf:
    """The terminal presheaf ``1`` (one element ``*`` everywhere).

    >>> from coherence.algebra.categories import chain
    >>> terminal(chain(2)).sets
    (('*',), ('*',))
    """
    return Presheaf(C, tuple(("*",) for _ in C.objects), tuple((0,) for _ in C.arrows), "1")


def initial(C: FiniteCategory) -> Presheaf:
    """The initial presheaf ``0`` (empty everywhere).

    >>> from coherence.algebra.categories import chain
    >>> initial(chain(2)).size
    0
    """
    return Presheaf(C, tuple(() for _ in C.objects), tuple(() for _ in C.arrows), "0")


def representable(C: FiniteCategory, obj: str) -> Presheaf:
    """The representable ``y(c) = Hom(−, c)``; restriction is precomposition.

    >>> from coherence.algebra.categories import chain
    >>> representable(chain(2), "1").sets
    (('0≤1',), ('id_1',))
    """
    c = C.object_index(obj)
    sets = [tuple(C.name_of(h) for h in C.into(c) if C.src(h) == a) for a in range(len(C.objects))]
    maps = []
    for f in range(C.size):
        a, b = C.src(f), C.tgt(f)
        row = []
        for hname in sets[b]:
            k = C.compose(C.index(hname), f)
            row.append(sets[a].index(C.name_of(k)))
        maps.append(tuple(row))
    return Presheaf(C, tuple(sets), tuple(maps), f"y({obj})")


def product(P: Presheaf, Q: Presheaf) -> tuple[Presheaf, Morphism, Morphism]:
    """``P × Q`` (pairs, objectwise) with its two projections.

    >>> from coherence.algebra.categories import chain
    >>> O = omega(chain(2))
    >>> [len(s) for s in product(O, O)[0].sets]
    [4, 9]
    """
    C = P.category
    sets = tuple(tuple(itertools.product(P.sets[c], Q.sets[c])) for c in range(len(C.objects)))
    nq = [len(s) for s in Q.sets]
    maps = []
    for f in range(C.size):
        a = C.src(f)
        maps.append(tuple(P.maps[f][i] * nq[a] + Q.maps[f][j]
                          for i in range(len(P.sets[C.tgt(f)]))
                          for j in range(len(Q.sets[C.tgt(f)]))))
    PQ = Presheaf(C, sets, tuple(maps), f"{P.name}×{Q.name}")
    p1 = Morphism(PQ, P, tuple(tuple(k // nq[c] for k in range(len(sets[c])))
                               for c in range(len(C.objects))), "π₁")
    p2 = Morphism(PQ, Q, tuple(tuple(k % nq[c] if nq[c] else 0 for k in range(len(sets[c])))
                               for c in range(len(C.objects))), "π₂")
    return PQ, p1, p2


def pair(f: Morphism, g: Morphism, target: Presheaf) -> Morphism:
    """``⟨f, g⟩: T → P × Q`` into ``target = product(P, Q)[0]``.

    >>> from coherence.algebra.categories import chain
    >>> t = true_map(chain(2))
    >>> O2 = product(omega(chain(2)), omega(chain(2)))[0]
    >>> pair(t, t, O2).apply("1", "*")[0] == t.apply("1", "*")
    True
    """
    nq = [len(s) for s in g.target.sets]
    comps = tuple(tuple(x * nq[c] + y for x, y in zip(fc, gc, strict=True))
                  for c, (fc, gc) in enumerate(zip(f.components, g.components, strict=True)))
    return Morphism(f.source, target, comps, f"⟨{f.name}, {g.name}⟩")


def _sub_presheaf(P: Presheaf, keep: Sequence[Sequence[int]], name: str) -> tuple[Presheaf,
                                                                                     Morphism]:
    C = P.category
    pos = [{i: k for k, i in enumerate(ks)} for ks in keep]
    sets = tuple(tuple(P.sets[c][i] for i in keep[c]) for c in range(len(C.objects)))
    maps = tuple(tuple(pos[C.src(f)][P.maps[f][i]] for i in keep[C.tgt(f)]) for f in range(C.size))
    S = Presheaf(C, sets, maps, name)
    return S, Morphism(S, P, tuple(tuple(k) for k in keep), "incl")


def equaliser(f: Morphism, g: Morphism) -> tuple[Presheaf, Morphism]:
    """The equaliser ``E ↣ P`` of ``f, g: P → Q`` (elements where they agree).

    >>> from coherence.algebra.categories import chain
    >>> C = chain(2); O = omega(C)
    >>> E, e = equaliser(identity_map(O), identity_map(O))
    >>> E.size == O.size
    True
    """
    keep = [[i for i in range(len(s)) if f.components[c][i] == g.components[c][i]]
            for c, s in enumerate(f.source.sets)]
    return _sub_presheaf(f.source, keep, f"Eq({f.name}, {g.name})")


def pullback(f: Morphism, g: Morphism) -> tuple[Presheaf, Morphism, Morphism]:
    """The pullback of ``f: P → R`` and ``g: Q → R`` with its two projections.

    >>> from coherence.algebra.categories import chain
    >>> C = chain(2); t = true_map(C)
    >>> [len(s) for s in pullback(t, t)[0].sets]
    [1, 1]
    """
    PQ, p1, p2 = product(f.source, g.source)
    keep = [[k for k in range(len(PQ.sets[c]))
             if f.components[c][p1.components[c][k]] == g.components[c][p2.components[c][k]]]
            for c in range(len(PQ.sets))]
    E, incl = _sub_presheaf(PQ, keep, f"{f.source.name}×_{f.target.name}{g.source.name}")
    return E, p1 @ incl, p2 @ incl


# -- enumeration of natural transformations -------------------------------------------------

def hom(P: Presheaf, Q: Presheaf, *, limit: int = 200_000) -> tuple[Morphism, ...]:
    """Every natural transformation ``P → Q``, by propagation and backtracking.

    Choosing a value for ``x ∈ P(b)`` forces the value of every restriction of ``x``;
    a clash prunes the branch. More than ``limit`` results is an InputError.

    >>> from coherence.algebra.categories import chain
    >>> len(hom(omega(chain(2)), omega(chain(2))))
    15
    """
    C = P.category
    n_obj = len(C.objects)
    into = [C.into(c) for c in range(n_obj)]
    order = sorted(range(n_obj), key=lambda c: (-len(into[c]), c))
    slots = [(c, i) for c in order for i in range(len(P.sets[c]))]
    assign: list[list[int | None]] = [[None] * len(P.sets[c]) for c in range(n_obj)]
    out: list[Morphism] = []

    def propagate(c: int, i: int, v: int, trail: list[tuple[int, int]]) -> bool:
        stack = [(c, i, v)]
        while stack:
            c, i, v = stack.pop()
            cur = assign[c][i]
            if cur is not None:
                if cur != v:
                    return False
                continue
            assign[c][i] = v
            trail.append((c, i))
            for f in into[c]:
                stack.append((C.src(f), P.maps[f][i], Q.maps[f][v]))
        return True

    def search(k: int) -> None:
        while k < len(slots) and assign[slots[k][0]][slots[k][1]] is not None:
            k += 1
        if k == len(slots):
            out.append(Morphism(P, Q, tuple(tuple(row) for row in assign),  # type: ignore[arg-type]
                                f"α{len(out)}"))
            if len(out) > limit:
                raise InputError(f"expected at most {limit} maps {P.name} → {Q.name}",
                                 got="more")
            return
        c, i = slots[k]
        for v in range(len(Q.sets[c])):
            trail: list[tuple[int, int]] = []
            if propagate(c, i, v, trail):
                search(k + 1)
            for c2, i2 in trail:
                assign[c2][i2] = None

    search(0)
    return tuple(out)


def global_elements(P: Presheaf) -> tuple[Morphism, ...]:
    """The points ``1 → P``.

    >>> from coherence.algebra.categories import chain
    >>> len(global_elements(omega(chain(2))))
    3
    """
    return hom(terminal(P.category), P)


# -- subobjects and Ω -------------------------------------------------------------------

@dataclass(frozen=True)
class Subobject:
    """A subpresheaf of ``ambient``: ``members[c]`` is a set of element indices of ``X(c)``.

    >>> from coherence.algebra.categories import chain
    >>> len(subobjects(terminal(chain(2))))
    3
    """

    ambient: Presheaf
    members: tuple[frozenset[int], ...]

    def describe(self) -> str:
        """The members as text ``c: {…}``."""
        X = self.ambient
        return "; ".join(f"{o}: {show(frozenset(show(X.sets[c][i]) for i in m))}"
                         for c, (o, m) in enumerate(zip(X.category.objects, self.members,
                                                        strict=True)))

    def inclusion(self) -> tuple[Presheaf, Morphism]:
        """The subpresheaf itself and its inclusion into the ambient presheaf."""
        return _sub_presheaf(self.ambient, [sorted(m) for m in self.members], "S")

    def is_closed(self) -> bool:
        """Whether the members are closed under restriction."""
        X, C = self.ambient, self.ambient.category
        return all(X.maps[f][i] in self.members[C.src(f)]
                   for f in range(C.size) for i in self.members[C.tgt(f)])


def subobjects(X: Presheaf, *, limit: int = 200_000) -> tuple[Subobject, ...]:
    """Every subpresheaf of ``X`` (families closed under restriction).

    >>> from coherence.algebra.categories import chain
    >>> len(subobjects(representable(chain(2), "1")))
    3
    """
    C = X.category
    items = [(c, i) for c in range(len(C.objects)) for i in range(len(X.sets[c]))]
    bit = {it: 1 << k for k, it in enumerate(items)}
    # the restrictions of (c, i), as a bit mask: everything a subobject containing it holds
    principal = []
    for c, i in items:
        mask = 0
        for f in C.into(c):
            mask |= bit[(C.src(f), X.maps[f][i])]
        principal.append(mask)
    principal = sorted(set(principal))
    found: set[int] = {0}
    frontier = [0]
    while frontier:
        nxt = []
        for s in frontier:
            for p in principal:
                t = s | p
                if t not in found:
                    found.add(t)
                    nxt.append(t)
        frontier = nxt
        if len(found) > limit:
            raise InputError(f"expected at most {limit} subobjects of {X.name}", got="more")
    n_obj = len(C.objects)
    subs = []
    for mask in found:
        members: list[set[int]] = [set() for _ in range(n_obj)]
        for k, (c, i) in enumerate(items):
            if mask >> k & 1:
                members[c].add(i)
        subs.append(Subobject(X, tuple(frozenset(m) for m in members)))
    return tuple(sorted(subs, key=lambda s: (sum(len(m) for m in s.members),
                                             [sorted(m) for m in s.members])))


def sieves(C: FiniteCategory, obj: str) -> tuple[frozenset[str], ...]:
    """The sieves on ``obj``: sets of arrows into it closed under precomposition.

    >>> from coherence.algebra.categories import parallel_arrows
    >>> len(sieves(parallel_arrows(), "b"))
    5
    """
    return tuple(frozenset(m) for m in _sieve_sets(C, C.object_index(obj)))


def _sieve_sets(C: FiniteCategory, c: int) -> list[frozenset[str]]:
    y = representable(C, C.objects[c])
    out = []
    for s in subobjects(y):
        out.append(frozenset(y.sets[a][i] for a in range(len(C.objects)) for i in s.members[a]))
    return out


def omega(C: FiniteCategory) -> Presheaf:
    """The subobject classifier Ω: ``Ω(c)`` = sieves on ``c``, restricted by pulling back.

    For ``f: d → c`` and a sieve ``S`` on ``c``, ``Ω(f)(S) = {g | f∘g ∈ S}``.

    >>> from coherence.algebra.categories import monoid
    >>> M = monoid(("1", "e"), {("e", "e"): "e"})
    >>> [show(s) for s in omega(M).sets[0]]
    ['{}', '{e}', '{e, id_*}']
    """
    sets = tuple(tuple(_sieve_sets(C, c)) for c in range(len(C.objects)))
    maps = []
    for f in range(C.size):
        a, b = C.src(f), C.tgt(f)
        row = []
        for S in sets[b]:
            pulled = frozenset(C.name_of(g) for g in C.into(a)
                               if C.name_of(C.compose(f, g)) in S)
            row.append(sets[a].index(pulled))
        maps.append(tuple(row))
    return Presheaf(C, sets, tuple(maps), "Ω")


def true_map(C: FiniteCategory) -> Morphism:
    """``true: 1 → Ω``, picking the maximal sieve at every object.

    >>> from coherence.algebra.categories import chain
    >>> true_map(chain(2)).apply("0", "*")
    frozenset({'id_0'})
    """
    O = omega(C)
    comps = tuple((O.sets[c].index(frozenset(C.name_of(g) for g in C.into(c))),)
                  for c in range(len(C.objects)))
    return Morphism(terminal(C), O, comps, "true")


def characteristic_map(S: Subobject, O: Presheaf | None = None) -> Morphism:
    """``χ_S: X → Ω`` with ``χ_S(x) = {f | X(f)(x) ∈ S}`` (the sieve of arrows pulling x into S).

    >>> from coherence.algebra.categories import chain
    >>> X = terminal(chain(2))
    >>> S = subobjects(X)[1]
    >>> show(characteristic_map(S).apply("1", "*"))
    '{0≤1}'
    """
    X = S.ambient
    C = X.category
    O = O or omega(C)
    where = [{x: k for k, x in enumerate(O.sets[c])} for c in range(len(C.objects))]
    names = [(f, C.name_of(f), C.src(f)) for f in range(C.size)]
    comps = []
    for c in range(len(C.objects)):
        row = []
        into = [names[f] for f in C.into(c)]
        for i in range(len(X.sets[c])):
            sieve = frozenset(name for f, name, a in into if X.maps[f][i] in S.members[a])
            row.append(where[c][sieve])
        comps.append(tuple(row))
    return Morphism(X, O, tuple(comps), "χ")


def classified_subobject(phi: Morphism) -> Subobject:
    """The subobject ``φ⁻¹(true)`` classified by ``φ: X → Ω`` (the pullback of ``true``).

    >>> from coherence.algebra.categories import chain
    >>> S = subobjects(terminal(chain(2)))[1]
    >>> classified_subobject(characteristic_map(S)) == S
    True
    """
    X, O, C = phi.source, phi.target, phi.source.category
    members = []
    for c in range(len(C.objects)):
        top = frozenset(C.name_of(g) for g in C.into(c))
        members.append(frozenset(i for i in range(len(X.sets[c]))
                                 if O.sets[c][phi.components[c][i]] == top))
    return Subobject(X, tuple(members))


def pseudo_complement(S: Subobject) -> Subobject:
    """``¬S``: the largest subobject disjoint from ``S`` (elements no restriction brings into S).

    >>> from coherence.algebra.categories import chain
    >>> S = subobjects(terminal(chain(2)))[1]
    >>> pseudo_complement(S).members
    (frozenset(), frozenset())
    """
    X, C = S.ambient, S.ambient.category
    members = []
    for c in range(len(C.objects)):
        members.append(frozenset(i for i in range(len(X.sets[c]))
                                 if all(X.maps[f][i] not in S.members[C.src(f)]
                                        for f in C.into(c))))
    return Subobject(X, tuple(members))


# -- exponentials ----------------------------------------------------------------------

@dataclass(frozen=True)
class Exponential:
    """``Q^P`` with ``(Q^P)(c) = Nat(y(c) × P, Q)`` and ``ev: Q^P × P → Q``.

    ``transforms[c]`` lists the natural transformations that are the elements of
    ``object.sets[c]`` (whose labels are their component tables).
    """

    object: Presheaf
    evaluation: Morphism
    base: Presheaf
    power: Presheaf
    transforms: tuple[tuple[Morphism, ...], ...]
    domains: tuple[Presheaf, ...]


def exponential(Q: Presheaf, P: Presheaf, *, limit: int = 200_000) -> Exponential:
    """The exponential ``Q^P`` of presheaves, with its evaluation map.

    More than ``limit`` elements at one object is an InputError.

    >>> from coherence.algebra.categories import parallel_arrows
    >>> C = parallel_arrows()
    >>> [len(s) for s in exponential(omega(C), representable(C, "b")).object.sets]
    [4, 20]
    """
    C = P.category
    n_obj = len(C.objects)
    doms, trans, index = [], [], []
    for c in range(n_obj):
        D = product(representable(C, C.objects[c]), P)[0]
        doms.append(D)
        ts = hom(D, Q, limit=limit)
        trans.append(ts)
        index.append({t.components: k for k, t in enumerate(ts)})
    sets = tuple(tuple(t.components for t in ts) for ts in trans)
    maps = []
    for f in range(C.size):
        a, b = C.src(f), C.tgt(f)
        Db, Da = doms[b], doms[a]
        # an element of (y(a)×P)(e) is (h: e→a, x); it maps to (f∘h, x) in (y(b)×P)(e)
        move = []
        for e in range(n_obj):
            pos_b = {x: k for k, x in enumerate(Db.sets[e])}
            move.append([pos_b[(C.name_of(C.compose(f, C.index(h))), x)]
                         for (h, x) in Da.sets[e]])
        row = []
        for t in trans[b]:
            comps = tuple(tuple(t.components[e][k] for k in move[e]) for e in range(n_obj))
            row.append(index[a][comps])
        maps.append(tuple(row))
    E = Presheaf(C, sets, tuple(maps), f"{Q.name}^{P.name}")
    EP = product(E, P)[0]
    comps = []
    for c in range(n_obj):
        ident = C.name_of(C.identities[c])
        pos = {x: k for k, x in enumerate(doms[c].sets[c])}
        comps.append(tuple(trans[c][index[c][theta]].components[c][pos[(ident, x)]]
                           for (theta, x) in EP.sets[c]))  # a dict look-up, not a scan
    ev = Morphism(EP, Q, tuple(comps), "ev")
    return Exponential(E, ev, Q, P, tuple(tuple(ts) for ts in trans), tuple(doms))


def curry(phi: Morphism, A: Presheaf, exp: Exponential) -> Morphism:
    """The transpose ``λφ: A → Q^P`` of ``φ: A × P → Q``: ``λφ(a)(g, x) = φ(A(g)(a), x)``.

    ``phi.source`` must be ``product(A, P)[0]`` (pairs in that order).

    >>> from coherence.algebra.categories import chain
    >>> C = chain(2); O = omega(C); one = terminal(C)
    >>> E = exponential(O, O)
    >>> phi = product(one, O)[2]        # the projection 1 × Ω → Ω
    >>> lam = curry(phi, one, E)
    >>> back = E.evaluation @ pair(lam @ product(one, O)[1], product(one, O)[2],
    ...                            E.evaluation.source)
    >>> back.components == phi.components
    True
    """
    C = A.category
    n_obj = len(C.objects)
    n_p = [len(s) for s in exp.power.sets]
    comps = []
    for c in range(n_obj):
        row = []
        D = exp.domains[c]
        for ia in range(len(A.sets[c])):
            theta = []
            for e in range(n_obj):
                vals = []
                pos_x = {x: k for k, x in enumerate(exp.power.sets[e])}
                for (h, x) in D.sets[e]:
                    ja = A.maps[C.index(h)][ia]
                    vals.append(phi.components[e][ja * n_p[e] + pos_x[x]])
                theta.append(tuple(vals))
            row.append(exp.object.sets[c].index(tuple(theta)))
        comps.append(tuple(row))
    return Morphism(A, exp.object, tuple(comps), f"λ{phi.name}")


def transpose_all(
    A: Presheaf, P: Presheaf, Q: Presheaf, exp: Exponential | None = None
) -> tuple[tuple[Morphism, ...], tuple[Morphism, ...], Exponential]:
    """``Hom(A × P, Q)`` and the transposes of its members in ``Hom(A, Q^P)``.

    >>> from coherence.algebra.categories import chain
    >>> C = chain(2); O = omega(C)
    >>> maps, lams, _ = transpose_all(terminal(C), O, O)
    >>> len(maps), len(set(l.components for l in lams))
    (15, 15)
    """
    exp = exp or exponential(Q, P)
    maps = hom(product(A, P)[0], Q)
    return maps, tuple(curry(m, A, exp) for m in maps), exp


def apply_all(f: Callable[[Element], Element], xs: Iterable[Element]) -> tuple[Element, ...]:
    """``tuple(map(f, xs))`` (a small helper for building presheaves by formula).

    >>> apply_all(str, [1, 2])
    ('1', '2')
    """
    return tuple(f(x) for x in xs)
