"""Finite categories: objects, arrows and a composition table, exact and immutable.

A :class:`FiniteCategory` stores its arrows by index (identities included) with their
sources and targets and a full composition table ``table[g][f] = g∘f`` on composable
pairs. It is built from

* a full composition table (:meth:`FiniteCategory.from_table`) — kept as given, so the
  category axioms can be *checked* on it (``coherence.checks.topos_checks``);
* generating arrows and relations (:meth:`FiniteCategory.from_generators`) — the
  quotient of the free category is computed by Knuth–Bendix completion (shortlex
  order), and its normal forms are the arrows;
* a poset (:func:`poset`, :func:`chain`), a monoid (:func:`monoid`), or the small
  shapes used in tests (:func:`discrete`, :func:`parallel_arrows`, :func:`free_arrow`).

Composition is written ``g∘f`` (first ``f``, then ``g``). Identities are ``id_a``.

Examples
--------
>>> C = chain(2)
>>> C.objects, [a.name for a in C.arrows]
(('0', '1'), ['id_0', 'id_1', '0≤1'])
>>> P = parallel_arrows()
>>> len(P.hom("a", "b"))
2
>>> M = monoid(("1", "e"), {("e", "e"): "e"}, unit="1")
>>> M.name_of(M.compose(M.index("e"), M.index("e")))
'e'
>>> Z = FiniteCategory.from_generators(("*",), [("s", "*", "*")], ["s∘s = id_*"])
>>> len(Z.arrows), Z.is_groupoid()
(2, True)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from coherence.algebra.errors import InputError


@dataclass(frozen=True, slots=True)
class Arrow:
    """One arrow ``name: source → target``.

    >>> str(Arrow("f", "a", "b"))
    'f: a → b'
    """

    name: str
    source: str
    target: str

    def __str__(self) -> str:
        return f"{self.name}: {self.source} → {self.target}"


@dataclass(frozen=True)
class FiniteCategory:
    """A finite category given by arrows (identities included) and a composition table.

    ``table[g][f]`` is the index of ``g∘f`` when ``target(f) == source(g)``, else ``None``;
    ``generators`` are arrow indices every other arrow is a composite of, and
    ``factors[h]`` is one such factorisation (in application order).
    The axioms are *not* assumed: check them with ``topos_checks.check_category``.

    >>> C = chain(3)
    >>> [C.name_of(h) for h in C.hom("0", "2")]
    ['0≤2']
    """

    name: str
    objects: tuple[str, ...]
    arrows: tuple[Arrow, ...]
    identities: tuple[int, ...]
    table: tuple[tuple[int | None, ...], ...]
    generators: tuple[int, ...]
    factors: tuple[tuple[int, ...], ...]
    description: str = ""
    _index: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    _cache: dict[str, tuple] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index.update({a.name: i for i, a in enumerate(self.arrows)})
        pos = {o: k for k, o in enumerate(self.objects)}
        src = tuple(pos.get(a.source, -1) for a in self.arrows)
        tgt = tuple(pos.get(a.target, -1) for a in self.arrows)
        self._cache["src"] = src
        self._cache["tgt"] = tgt
        self._cache["into"] = tuple(tuple(i for i in range(len(self.arrows)) if tgt[i] == c)
                                    for c in range(len(self.objects)))

    # -- reading ----------------------------------------------------------------
    @property
    def size(self) -> int:
        """The number of arrows (identities included)."""
        return len(self.arrows)

    def index(self, name: str) -> int:
        """The index of the arrow called ``name`` (InputError with a suggestion if none).

        >>> chain(2).index("0≤1")
        2
        """
        try:
            return self._index[name]
        except KeyError:
            raise InputError(f"expected an arrow of {self.name}", got=repr(name),
                             choices=self._index) from None

    def object_index(self, name: str) -> int:
        """The position of object ``name`` in :attr:`objects`.

        >>> chain(2).object_index("1")
        1
        """
        try:
            return self.objects.index(name)
        except ValueError:
            raise InputError(f"expected an object of {self.name}", got=repr(name),
                             choices=self.objects) from None

    def name_of(self, f: int) -> str:
        """The name of arrow ``f``."""
        return self.arrows[f].name

    def src(self, f: int) -> int:
        """The object index of the source of arrow ``f``."""
        return self._cache["src"][f]

    def tgt(self, f: int) -> int:
        """The object index of the target of arrow ``f``."""
        return self._cache["tgt"][f]

    def compose(self, g: int, f: int) -> int:
        """``g∘f`` (first ``f``, then ``g``); InputError when not composable or missing.

        >>> C = chain(3)
        >>> C.name_of(C.compose(C.index("1≤2"), C.index("0≤1")))
        '0≤2'
        """
        h = self.table[g][f]
        if h is None:
            raise InputError(f"expected composable arrows in {self.name}",
                             got=f"{self.name_of(g)}∘{self.name_of(f)}")
        return h

    def hom(self, a: str, b: str) -> tuple[int, ...]:
        """The arrows ``a → b`` (indices).

        >>> len(discrete(("x", "y")).hom("x", "y"))
        0
        """
        return tuple(i for i, f in enumerate(self.arrows) if f.source == a and f.target == b)

    def into(self, c: int) -> tuple[int, ...]:
        """The arrows with target object ``c`` (an object index)."""
        return self._cache["into"][c]

    def is_groupoid(self) -> bool:
        """Whether every arrow has an inverse.

        >>> chain(2).is_groupoid(), discrete(("x",)).is_groupoid()
        (False, True)
        """
        return all(self.inverse(f) is not None for f in range(self.size))

    def inverse(self, f: int) -> int | None:
        """An inverse of ``f``, if it has one."""
        a, b = self.src(f), self.tgt(f)
        for g in self.hom(self.objects[b], self.objects[a]):
            if self.table[g][f] == self.identities[a] and self.table[f][g] == self.identities[b]:
                return g
        return None

    def is_equivalent_to_terminal(self) -> bool:
        """Whether every hom-set has exactly one arrow (so C ≃ 1 and presheaves ≃ Set).

        >>> discrete(("x",)).is_equivalent_to_terminal(), chain(2).is_equivalent_to_terminal()
        (True, False)
        """
        return bool(self.objects) and all(
            len(self.hom(a, b)) == 1 for a in self.objects for b in self.objects)

    def __str__(self) -> str:
        return self.name

    # -- constructors -----------------------------------------------------------
    @classmethod
    def from_table(
        cls,
        objects: Sequence[str],
        arrows: Iterable[tuple[str, str, str]],
        compose: Mapping[tuple[str, str], str],
        *,
        name: str = "C",
        description: str = "",
    ) -> FiniteCategory:
        """A category from non-identity arrows ``(name, source, target)`` and a table.

        ``compose[(g, f)] = h`` means ``g∘f = h``; identities ``id_a`` are added and
        compose as units. Missing composites stay missing (the closure axiom then fails)
        so that a wrong table can be checked rather than silently repaired.

        >>> C = FiniteCategory.from_table(("a", "b"), [("f", "a", "b")], {})
        >>> C.name_of(C.compose(C.index("f"), C.index("id_a")))
        'f'
        """
        objects = tuple(str(o) for o in objects)
        _distinct(objects, "object")
        arrow_list = [Arrow(f"id_{o}", o, o) for o in objects]
        for entry in arrows:
            if len(entry) != 3:
                raise InputError("expected an arrow (name, source, target)", got=repr(entry))
            fname, s, t = (str(x) for x in entry)
            for o in (s, t):
                if o not in objects:
                    raise InputError(f"expected an object for arrow {fname}", got=repr(o),
                                     choices=objects)
            arrow_list.append(Arrow(fname, s, t))
        _distinct([a.name for a in arrow_list], "arrow")
        index = {a.name: i for i, a in enumerate(arrow_list)}
        n = len(arrow_list)
        rows: list[list[int | None]] = [[None] * n for _ in range(n)]
        ids = tuple(range(len(objects)))
        for g in range(n):
            for f in range(n):
                if arrow_list[f].target != arrow_list[g].source:
                    continue
                if g < len(objects):
                    rows[g][f] = f
                elif f < len(objects):
                    rows[g][f] = g
        for key, value in compose.items():
            gname, fname = key
            g, f, h = (_lookup(index, x) for x in (gname, fname, value))
            if arrow_list[f].target != arrow_list[g].source:
                raise InputError("expected a composable pair (target of f = source of g)",
                                 got=f"{gname}∘{fname}")
            rows[g][f] = h
        gens = tuple(range(len(objects), n))
        factors = tuple(() if i < len(objects) else (i,) for i in range(n))
        return cls(name, objects, tuple(arrow_list), ids, tuple(map(tuple, rows)), gens,
                   factors, description or f"category {name} from a composition table")

    @classmethod
    def from_generators(
        cls,
        objects: Sequence[str],
        generators: Iterable[tuple[str, str, str]],
        relations: Iterable[str | tuple[Sequence[str], Sequence[str]]] = (),
        *,
        name: str = "C",
        description: str = "",
        max_arrows: int = 2000,
    ) -> FiniteCategory:
        """The category freely generated by arrows, modulo relations.

        A relation is text ``"g∘f = h"`` (``id_a`` for an identity) or a pair of paths
        in application order. The quotient is computed by Knuth–Bendix completion in
        shortlex order; more than ``max_arrows`` normal forms is an InputError (the
        presented category is not finite, or is too large).

        >>> F = FiniteCategory.from_generators(("a", "b"), [("f", "a", "b")])
        >>> [a.name for a in F.arrows]
        ['id_a', 'id_b', 'f']
        >>> M = FiniteCategory.from_generators(("*",), [("e", "*", "*")], ["e∘e = e"])
        >>> len(M.arrows)
        2
        """
        objects = tuple(str(o) for o in objects)
        _distinct(objects, "object")
        gens: list[Arrow] = []
        for entry in generators:
            if len(entry) != 3:
                raise InputError("expected a generator (name, source, target)", got=repr(entry))
            gname, s, t = (str(x) for x in entry)
            for o in (s, t):
                if o not in objects:
                    raise InputError(f"expected an object for generator {gname}",
                                     got=repr(o), choices=objects)
            gens.append(Arrow(gname, s, t))
        _distinct([g.name for g in gens] + [f"id_{o}" for o in objects], "arrow")
        gindex = {g.name: i for i, g in enumerate(gens)}
        rules: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
        for rel in relations:
            lhs, rhs, ends = _read_relation(rel, gens, gindex, objects)
            if lhs != rhs:
                rules.append(_orient(lhs, rhs))
        rules = _complete(rules, gens, max_arrows)
        forms = _normal_forms(objects, gens, rules, max_arrows)
        return _from_normal_forms(name, objects, gens, rules, forms,
                                  description or f"category {name} presented by generators")


# -- ready-made shapes ---------------------------------------------------------------

def poset(
    elements: Sequence[str],
    order: Iterable[tuple[str, str]],
    *,
    name: str = "P",
) -> FiniteCategory:
    """The poset generated by pairs ``(a, b)`` meaning ``a ≤ b``, as a category.

    There is one arrow ``a≤b`` when ``a ≤ b`` in the reflexive-transitive closure;
    a cycle (``a ≤ b ≤ a`` with ``a ≠ b``) is an InputError (not antisymmetric).

    >>> V = poset(("x", "y", "top"), [("x", "top"), ("y", "top")])
    >>> [a.name for a in V.arrows if not a.name.startswith("id_")]
    ['x≤top', 'y≤top']
    """
    elements = tuple(str(e) for e in elements)
    _distinct(elements, "element")
    idx = {e: i for i, e in enumerate(elements)}
    n = len(elements)
    le = [[i == j for j in range(n)] for i in range(n)]
    covers = []
    for pair in order:
        if len(pair) != 2:
            raise InputError("expected a pair (a, b) meaning a ≤ b", got=repr(pair))
        a, b = (_lookup(idx, str(x), what="an element of the poset") for x in pair)
        le[a][b] = True
        covers.append((elements[a], elements[b]))
    for k, i, j in itertools.product(range(n), repeat=3):
        if le[i][k] and le[k][j]:
            le[i][j] = True
    for i, j in itertools.combinations(range(n), 2):
        if le[i][j] and le[j][i]:
            raise InputError("expected an antisymmetric order",
                             got=f"{elements[i]} ≤ {elements[j]} ≤ {elements[i]}")
    arrows = [(f"{elements[i]}≤{elements[j]}", elements[i], elements[j])
              for i in range(n) for j in range(n) if i != j and le[i][j]]
    table = {}
    for i, j, k in itertools.product(range(n), repeat=3):
        if len({i, j, k}) == 3 and le[i][j] and le[j][k]:
            table[(f"{elements[j]}≤{elements[k]}", f"{elements[i]}≤{elements[j]}")] = (
                f"{elements[i]}≤{elements[k]}")
    C = FiniteCategory.from_table(elements, arrows, table, name=name,
                                  description=f"the poset {name} on {{{', '.join(elements)}}}")
    gens = tuple(C.index(f"{a}≤{b}") for a, b in dict.fromkeys(covers) if a != b)
    gens = gens or tuple(range(n, C.size))
    return _with_generators(C, gens)


def chain(n: int, *, name: str | None = None) -> FiniteCategory:
    """The chain ``0 < 1 < … < n−1`` as a category (``chain(2)`` is the free arrow 0 → 1).

    >>> chain(3).size
    6
    """
    if n < 1:
        raise InputError("expected a chain length ≥ 1", got=str(n))
    elems = tuple(str(i) for i in range(n))
    return poset(elems, [(elems[i], elems[i + 1]) for i in range(n - 1)],
                 name=name or f"chain({n})")


def discrete(objects: Sequence[str], *, name: str | None = None) -> FiniteCategory:
    """The discrete category on ``objects`` (identities only); ``discrete(("*",))`` is 1.

    >>> discrete(("*",)).size
    1
    """
    return FiniteCategory.from_table(objects, [], {}, name=name or f"discrete({len(objects)})",
                                     description=f"the discrete category on {len(objects)} "
                                                 "object(s)")


def free_arrow(*, name: str = "free arrow") -> FiniteCategory:
    """The free category on one arrow ``f: a → b`` (presented by a generator).

    >>> [a.name for a in free_arrow().arrows]
    ['id_a', 'id_b', 'f']
    """
    return FiniteCategory.from_generators(("a", "b"), [("f", "a", "b")], name=name,
                                          description="the free arrow f: a → b")


def parallel_arrows(*, name: str = "parallel arrows") -> FiniteCategory:
    """Two objects ``a, b`` and two parallel arrows ``f, g: a → b``.

    >>> parallel_arrows().size
    4
    """
    return FiniteCategory.from_generators(("a", "b"), [("f", "a", "b"), ("g", "a", "b")],
                                          name=name, description="two parallel arrows f, g: a → b")


def monoid(
    elements: Sequence[str],
    products: Mapping[tuple[str, str], str] | Sequence[Sequence[str]],
    *,
    unit: str | None = None,
    name: str = "M",
) -> FiniteCategory:
    """A finite monoid as a one-object category ``*``: arrows are the elements, ``g∘f = g·f``.

    ``products`` is either a mapping ``(x, y) ↦ x·y`` for the non-unit pairs, or the
    full Cayley table (rows and columns in the order of ``elements``). ``unit``
    defaults to the first element. Associativity is *checked*, not assumed.

    >>> Z2 = monoid(("1", "s"), [["1", "s"], ["s", "1"]])
    >>> Z2.is_groupoid()
    True
    """
    elements = tuple(str(e) for e in elements)
    _distinct(elements, "element")
    unit = elements[0] if unit is None else str(unit)
    if unit not in elements:
        raise InputError("expected the unit to be an element", got=repr(unit), choices=elements)
    if isinstance(products, Mapping):
        table = {(str(x), str(y)): str(z) for (x, y), z in products.items()}
    else:
        rows = [list(r) for r in products]
        if len(rows) != len(elements) or any(len(r) != len(elements) for r in rows):
            raise InputError(f"expected a {len(elements)}×{len(elements)} Cayley table",
                             got=f"{len(rows)} rows")
        table = {(x, y): str(rows[i][j]) for i, x in enumerate(elements)
                 for j, y in enumerate(elements)}
    others = [e for e in elements if e != unit]
    arrows = [(e, "*", "*") for e in others]
    rename = {unit: "id_*"}
    compose = {}
    for (x, y), z in table.items():
        for v in (x, y, z):
            if v not in elements:
                raise InputError("expected an element of the monoid", got=repr(v),
                                 choices=elements)
        if unit in (x, y):
            if z != (y if x == unit else x):
                raise InputError(f"expected {unit} to be a unit", got=f"{x}·{y} = {z}")
            continue
        compose[(x, y)] = rename.get(z, z)
    C = FiniteCategory.from_table(("*",), arrows, compose, name=name,
                                  description=f"the monoid {name} = {{{', '.join(elements)}}} "
                                              "as a one-object category")
    return C


# -- helpers -------------------------------------------------------------------------

def _distinct(names: Sequence[str], what: str) -> None:
    seen: set[str] = set()
    for n in names:
        if n in seen:
            raise InputError(f"expected distinct {what} names", got=f"{n!r} twice")
        seen.add(n)


def _lookup(index: Mapping[str, int], name: str, what: str = "an arrow name") -> int:
    try:
        return index[name]
    except KeyError:
        raise InputError(f"expected {what}", got=repr(name), choices=index) from None


def _with_generators(C: FiniteCategory, gens: tuple[int, ...]) -> FiniteCategory:
    factors = _factorise(C, gens)
    return FiniteCategory(C.name, C.objects, C.arrows, C.identities, C.table, gens, factors,
                          C.description)


def _factorise(C: FiniteCategory, gens: tuple[int, ...]) -> tuple[tuple[int, ...], ...]:
    """Shortest factorisation of every arrow into generators (application order)."""
    best: dict[int, tuple[int, ...]] = {i: () for i in C.identities}
    frontier = list(C.identities)
    while frontier:
        nxt = []
        for h in frontier:
            for g in gens:
                if C.arrows[g].source != C.arrows[h].target:
                    continue
                k = C.table[g][h]
                if k is not None and k not in best:
                    best[k] = best[h] + (g,)
                    nxt.append(k)
        frontier = nxt
    return tuple(best.get(i, (i,)) for i in range(C.size))


Path = tuple[int, ...]


def _read_relation(
    rel: str | tuple[Sequence[str], Sequence[str]],
    gens: Sequence[Arrow],
    gindex: Mapping[str, int],
    objects: Sequence[str],
) -> tuple[Path, Path, tuple[str, str]]:
    if isinstance(rel, str):
        if rel.count("=") != 1:
            raise InputError("expected a relation 'g∘f = h'", got=repr(rel))
        left, right = rel.split("=")
        sides = [_read_path_text(s, objects) for s in (left, right)]
    else:
        if len(rel) != 2:
            raise InputError("expected a relation (path, path)", got=repr(rel))
        sides = [(tuple(str(x) for x in s), None) for s in rel]
    paths: list[Path] = []
    ends: list[tuple[str, str] | None] = []
    for names, ident in sides:
        if ident is not None:
            paths.append(())
            ends.append((ident, ident))
            continue
        path = tuple(_lookup(gindex, n, "a generator name") for n in names)
        for f, g in itertools.pairwise(path):
            if gens[f].target != gens[g].source:
                raise InputError("expected a composable path in a relation",
                                 got=f"{gens[g].name}∘{gens[f].name}")
        paths.append(path)
        ends.append((gens[path[0]].source, gens[path[-1]].target))
    if ends[0] != ends[1]:
        raise InputError("expected both sides of a relation to have the same source and target",
                         got=f"{ends[0][0]}→{ends[0][1]} vs {ends[1][0]}→{ends[1][1]}")
    return paths[0], paths[1], ends[0]


def _read_path_text(text: str, objects: Sequence[str]) -> tuple[tuple[str, ...], str | None]:
    text = text.strip()
    if text.startswith("id_"):
        obj = text[3:]
        if obj not in objects:
            raise InputError("expected id_<object>", got=repr(text),
                             choices=[f"id_{o}" for o in objects])
        return (), obj
    names = [p.strip() for p in text.replace("*", "∘").split("∘")]
    if any(not n for n in names):
        raise InputError("expected a path 'h∘g∘f'", got=repr(text))
    return tuple(reversed(names)), None


def _orient(a: Path, b: Path) -> tuple[Path, Path]:
    return (a, b) if (len(a), a) > (len(b), b) else (b, a)


def _rewrite(word: Path, rules: Sequence[tuple[Path, Path]]) -> Path:
    changed = True
    while changed:
        changed = False
        for lhs, rhs in rules:
            k = len(lhs)
            for i in range(len(word) - k + 1):
                if word[i:i + k] == lhs:
                    word = word[:i] + rhs + word[i + k:]
                    changed = True
                    break
            if changed:
                break
    return word


def _complete(
    rules: list[tuple[Path, Path]], gens: Sequence[Arrow], limit: int
) -> list[tuple[Path, Path]]:
    """Knuth–Bendix completion (shortlex); raises InputError if it does not terminate soon."""
    rules = list(dict.fromkeys(rules))
    for _ in range(50):
        new: list[tuple[Path, Path]] = []
        for (l1, r1), (l2, r2) in itertools.product(rules, repeat=2):
            pairs = []
            for k in range(1, min(len(l1), len(l2))):
                if l1[-k:] == l2[:k]:
                    pairs.append((r1 + l2[k:], l1[:-k] + r2))
            if len(l2) <= len(l1) and (l1, r1) != (l2, r2):
                for i in range(len(l1) - len(l2) + 1):
                    if l1[i:i + len(l2)] == l2:
                        pairs.append((r1, l1[:i] + r2 + l1[i + len(l2):]))
            for a, b in pairs:
                a, b = _rewrite(a, rules + new), _rewrite(b, rules + new)
                if a != b:
                    new.append(_orient(a, b))
        if not new:
            break
        rules = _interreduce(rules + new)
        if len(rules) > limit:
            raise InputError("expected a presentation of a finite category",
                             got=f"more than {limit} rewriting rules")
    else:
        raise InputError("expected a presentation of a finite category",
                         got="relations whose completion does not terminate")
    return rules


def _interreduce(rules: list[tuple[Path, Path]]) -> list[tuple[Path, Path]]:
    out: list[tuple[Path, Path]] = []
    for lhs, rhs in sorted(set(rules), key=lambda r: (len(r[0]), r[0])):
        lhs2 = _rewrite(lhs, out)
        rhs2 = _rewrite(rhs, out)
        if lhs2 != rhs2:
            out.append(_orient(lhs2, rhs2))
    return list(dict.fromkeys(out))


def _normal_forms(
    objects: Sequence[str], gens: Sequence[Arrow], rules: Sequence[tuple[Path, Path]], limit: int
) -> list[tuple[str, Path]]:
    forms: list[tuple[str, Path]] = [(o, ()) for o in objects]
    frontier = list(forms)
    while frontier:
        nxt = []
        for start, word in frontier:
            end = gens[word[-1]].target if word else start
            for g, arrow in enumerate(gens):
                if arrow.source != end:
                    continue
                w = word + (g,)
                if any(w[len(w) - len(lhs):] == lhs for lhs, _ in rules if len(lhs) <= len(w)):
                    continue
                nxt.append((start, w))
        forms.extend(nxt)
        frontier = nxt
        if len(forms) > limit:
            raise InputError(f"expected a finite category with at most {limit} arrows",
                             got="more (the presented category may be infinite)")
    return forms


def _from_normal_forms(
    name: str,
    objects: tuple[str, ...],
    gens: Sequence[Arrow],
    rules: Sequence[tuple[Path, Path]],
    forms: Sequence[tuple[str, Path]],
    description: str,
) -> FiniteCategory:
    def label(start: str, word: Path) -> str:
        return f"id_{start}" if not word else "∘".join(gens[g].name for g in reversed(word))

    def end(start: str, word: Path) -> str:
        return gens[word[-1]].target if word else start

    arrows = tuple(Arrow(label(s, w), s, end(s, w)) for s, w in forms)
    where = {(s, w): i for i, (s, w) in enumerate(forms)}
    n = len(forms)
    rows: list[list[int | None]] = [[None] * n for _ in range(n)]
    for g, (sg, wg) in enumerate(forms):
        for f, (sf, wf) in enumerate(forms):
            if end(sf, wf) == sg:
                rows[g][f] = where[(sf, _rewrite(wf + wg, rules))]
    gen_idx = tuple(where[(g.source, (i,))] for i, g in enumerate(gens)
                    if (g.source, (i,)) in where)
    letter = {x: where[(g.source, _rewrite((x,), rules))] for x, g in enumerate(gens)}
    factors = tuple(tuple(letter[x] for x in w) for _, w in forms)
    return FiniteCategory(name, objects, arrows, tuple(range(len(objects))),
                          tuple(map(tuple, rows)), gen_idx, factors, description)
