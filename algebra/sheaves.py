"""Presheaves on the opens of a finite poset, their morphisms, sheafification, and the
sheaves W (weights) and X (states) of a chain of learners with the candidate
back-propagation map β (SOURCES.md, "Sheaves on a layered network").

Three kinds of section data, one :class:`Presheaf`:

``finite``
    ``F(U)`` a tuple of hashable sections, restrictions as tables (dicts);
``linear``
    ``F(U) = ℚ^d`` (``d`` an int), restrictions as exact ``DomainMatrix`` (d_V × d_U);
``symbolic``
    ``F(U)`` a learner space (:mod:`coherence.algebra.learners`: ℝⁿ, finite sets,
    products), restrictions as exact maps on points.

Restrictions are given on any set of inclusions ``(U, V)``, ``V ⊆ U``, and composed
along a fixed path for the others; whether every path agrees is the presheaf check in
``checks/sheaf_checks.py``. Nothing here decides a verdict.

Examples
--------
>>> from coherence.algebra.posets import chain
>>> P = chain(2)
>>> U0, U1, E = P.up(0), P.up(1), frozenset()
>>> F = finite_presheaf("F", P, {U0: ("s", "t"), U1: ("u",), E: ("*",)},
...                     {(U0, U1): {"s": "u", "t": "u"}, (U1, E): {"u": "*"}})
>>> F.restrict(U0, E, "s")
'*'
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from coherence.algebra.errors import InputError
from coherence.algebra.learners import POINT, STAR, Learner, Product, Space
from coherence.algebra.posets import Open, Poset
from sympy.polys.domains import QQ
from sympy.polys.matrices import DomainMatrix

KINDS = ("finite", "linear", "symbolic")


@dataclass(frozen=True)
class Presheaf:
    """A presheaf on the opens of ``poset`` (see the module docstring for ``kind``).

    ``sections[U]``: finite → tuple of sections; linear → dimension; symbolic → Space.
    ``maps[(U, V)]``: the given restriction ``F(U) → F(V)`` for ``V ⊆ U``.
    """

    name: str
    poset: Poset
    kind: str
    sections: Mapping[Open, Any]
    maps: Mapping[tuple[Open, Open], Any]
    description: str = ""
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    def __str__(self) -> str:
        return f"{self.name} ({self.kind} presheaf on {len(self.poset.points)} points)"

    # -- restrictions -------------------------------------------------------------
    def path(self, U: Open, V: Open) -> tuple[Open, ...]:
        """The fixed chain of given restrictions from ``U`` down to ``V`` (BFS, in open
        order), as the opens visited; raises when ``V ⊄ U`` or no path exists.

        >>> from coherence.algebra.posets import chain
        >>> W = weights_sheaf([]); [sorted(x) for x in W.path(W.poset.up(0), frozenset())]
        [[0], []]
        """
        U, V = frozenset(U), frozenset(V)
        if not V <= U:
            raise InputError(f"expected V ⊆ U to restrict {self.name}",
                             got=f"{self.poset.name(V)} ⊄ {self.poset.name(U)}")
        if U == V:
            return (U,)
        prev: dict[Open, Open] = {U: U}
        queue = deque([U])
        order = {W: i for i, W in enumerate(self.poset.opens())}
        out_edges: dict[Open, list[Open]] = {}
        for A, B in self.maps:
            if A != B:
                out_edges.setdefault(A, []).append(B)
        while queue:
            W = queue.popleft()
            for B in sorted(out_edges.get(W, ()), key=lambda b: -order.get(b, 0)):
                if B not in prev and V <= B:
                    prev[B] = W
                    if B == V:
                        chain_ = [V]
                        while chain_[-1] != U:
                            chain_.append(prev[chain_[-1]])
                        return tuple(reversed(chain_))
                    queue.append(B)
        raise InputError(f"expected restrictions of {self.name} reaching "
                         f"{self.poset.name(V)} from {self.poset.name(U)}", got="no path")

    def restrict(self, U: Open, V: Open, s: Any) -> Any:
        """Restrict a section ``s ∈ F(U)`` to ``V`` along :meth:`path`."""
        steps = self.path(U, V)
        for A, B in itertools.pairwise(steps):
            s = self.apply_map(self.maps[(A, B)], s)
        return s

    def apply_map(self, m: Any, s: Any) -> Any:
        """Apply one restriction map (table, matrix or callable) to a section."""
        return apply(self.kind, m, s)

    def matrix(self, U: Open, V: Open) -> DomainMatrix:
        """The composite restriction matrix ``F(U) → F(V)`` (linear presheaves).

        >>> from coherence.algebra.posets import chain
        >>> F = constant_linear(chain(2), 2)
        >>> F.matrix(F.poset.up(0), F.poset.up(1)).to_Matrix()
        Matrix([
        [1, 0],
        [0, 1]])
        """
        key = ("matrix", U, V)
        if key not in self._cache:
            M = DomainMatrix.eye(self.sections[U], QQ)
            for A, B in itertools.pairwise(self.path(U, V)):
                M = _mul(self.maps[(A, B)], M)
            self._cache[key] = M
        return self._cache[key]

    def elements(self, U: Open) -> tuple[Any, ...]:
        """The sections over ``U`` of a finite presheaf."""
        if self.kind != "finite":
            raise InputError("expected a finite presheaf to enumerate sections", got=self.kind)
        return tuple(self.sections[U])


def apply(kind: str, m: Any, s: Any) -> Any:
    """Apply a map of the given kind to a section (linear sections are column tuples).

    >>> apply("finite", {"a": "b"}, "a"), apply("linear", DomainMatrix.eye(1, QQ), (QQ(3),))
    ('b', (3,))
    """
    if kind == "finite":
        return m[s]
    if kind == "linear":
        if m.shape[1] == 0:
            return tuple(QQ(0) for _ in range(m.shape[0]))
        col = DomainMatrix([[QQ(x)] for x in s], (len(s), 1), QQ)
        return tuple(_mul(m, col).to_list_flat()) if m.shape[0] else ()
    return m(s)


def _mul(A: DomainMatrix, B: DomainMatrix) -> DomainMatrix:
    if A.shape[1] != B.shape[0]:
        raise InputError("expected composable restriction matrices",
                         got=f"{A.shape} after {B.shape}")
    if 0 in (A.shape[0], A.shape[1], B.shape[1]):
        return DomainMatrix.zeros((A.shape[0], B.shape[1]), QQ)
    return A * B


def _key(poset: Poset, U: Any) -> Open:
    U = frozenset(U)
    if not poset.is_open(U):
        raise InputError("expected an open (up-set) of the poset", got=poset.name(U))
    return U


def finite_presheaf(name: str, poset: Poset, sets: Mapping[Any, Sequence[Hashable]],
                    maps: Mapping[tuple[Any, Any], Mapping[Hashable, Hashable]]) -> Presheaf:
    """A presheaf of finite sets: sections per open, restriction tables per inclusion.

    Tables must be total on F(U) with values in F(V); every open needs a set.

    >>> from coherence.algebra.posets import chain
    >>> P = chain(1)
    >>> finite_presheaf("F", P, {P.up(0): (1, 2), (): ("*",)},
    ...                 {(P.up(0), ()): {1: "*"}})
    Traceback (most recent call last):
    ...
    coherence.algebra.errors.InputError: F: expected a table defined on every section ...
    """
    secs = {_key(poset, U): tuple(v) for U, v in sets.items()}
    _need_all_opens(name, poset, secs)
    for U, elems in secs.items():
        _need_distinct(name, poset.name(U), elems)
    tables = {}
    for (U, V), table in maps.items():
        U, V = _key(poset, U), _key(poset, V)
        if not V <= U:
            raise InputError("expected a restriction to a smaller open",
                             got=f"{poset.name(U)} → {poset.name(V)}", context=name)
        for s in secs[U]:
            if s not in table:
                raise InputError(f"expected a table defined on every section of "
                                 f"{poset.name(U)}", got=f"no value for {s!r}", context=name)
            if table[s] not in secs[V]:
                raise InputError(f"expected values in F({poset.name(V)})",
                                 got=repr(table[s]), context=name)
        tables[(U, V)] = dict(table)
    return Presheaf(name, poset, "finite", secs, tables)


def linear_presheaf(name: str, poset: Poset, dims: Mapping[Any, int],
                    maps: Mapping[tuple[Any, Any], Any]) -> Presheaf:
    """A presheaf of ℚ-vector spaces: dimensions per open, exact matrices (lists of
    rows or ``DomainMatrix``) per inclusion.

    >>> from coherence.algebra.posets import chain
    >>> P = chain(1)
    >>> F = linear_presheaf("F", P, {P.up(0): 1, (): 0}, {})
    >>> F.sections[frozenset()]
    0
    """
    d = {_key(poset, U): int(n) for U, n in dims.items()}
    _need_all_opens(name, poset, d)
    mats = {}
    for (U, V), m in maps.items():
        U, V = _key(poset, U), _key(poset, V)
        M = m if isinstance(m, DomainMatrix) else _from_rows(m, d[V], d[U])
        if M.shape != (d[V], d[U]):
            raise InputError(f"expected a {d[V]}×{d[U]} matrix for "
                             f"{poset.name(U)} → {poset.name(V)}", got=f"{M.shape}",
                             context=name)
        mats[(U, V)] = M.convert_to(QQ)
    return Presheaf(name, poset, "linear", d, mats)


def _from_rows(rows: Any, m: int, n: int) -> DomainMatrix:
    rows = [list(r) for r in rows]
    if len(rows) != m or any(len(r) != n for r in rows):
        got = f"{len(rows)}×{len(rows[0]) if rows else 0}"
        raise InputError(f"expected a {m}×{n} matrix", got=got)
    if m == 0 or n == 0:
        return DomainMatrix.zeros((m, n), QQ)
    return DomainMatrix([[QQ(x) for x in r] for r in rows], (m, n), QQ)


def symbolic_presheaf(name: str, poset: Poset, spaces: Mapping[Any, Space],
                      maps: Mapping[tuple[Any, Any], Callable[[Any], Any]],
                      description: str = "") -> Presheaf:
    """A presheaf whose sections are points of learner spaces and restrictions exact maps.

    >>> from coherence.algebra.posets import chain
    >>> P = chain(1)
    >>> F = symbolic_presheaf("F", P, {P.up(0): POINT, (): POINT}, {})
    >>> F.kind
    'symbolic'
    """
    secs = {_key(poset, U): sp for U, sp in spaces.items()}
    _need_all_opens(name, poset, secs)
    fns = {(_key(poset, U), _key(poset, V)): fn for (U, V), fn in maps.items()}
    return Presheaf(name, poset, "symbolic", secs, fns, description)


def _need_distinct(name: str, where: str, elems: Sequence[Hashable]) -> None:
    """A set lists each element once: ("a", "a") would be read as two sections."""
    seen: set = set()
    for s in elems:
        if s in seen:
            raise InputError(f"expected distinct sections over {where}", got=f"{s!r} twice",
                             context=name)
        seen.add(s)


def _need_all_opens(name: str, poset: Poset, secs: Mapping[Open, Any]) -> None:
    for U in poset.opens():
        if U not in secs:
            raise InputError("expected sections for every open", got=f"none for "
                             f"{poset.name(U)}", context=name)


def constant_linear(poset: Poset, dim: int) -> Presheaf:
    """The constant presheaf ℚ^dim on every open (identity restrictions, ℚ^dim on ∅ too:
    a presheaf that fails the sheaf condition on the empty cover when dim > 0).

    >>> from coherence.algebra.posets import chain
    >>> constant_linear(chain(2), 1).sections[frozenset()]
    1
    """
    eye = DomainMatrix.eye(dim, QQ)
    return linear_presheaf(f"ℚ^{dim}", poset, {U: dim for U in poset.opens()},
                           {(U, V): eye for U, V in poset.open_covers()})


# ---------------------------------------------------------------------- morphisms


@dataclass(frozen=True)
class Morphism:
    """A family ``η_U: F(U) → G(U)`` (tables, matrices or maps, by the presheaves' kind).

    >>> from coherence.algebra.posets import chain
    >>> F = constant_linear(chain(1), 1)
    >>> identity_morphism(F).source is F
    True
    """

    name: str
    source: Presheaf
    target: Presheaf
    components: Mapping[Open, Any]

    def at(self, U: Open, s: Any) -> Any:
        """``η_U(s)``."""
        return apply(self.source.kind, self.components[U], s)


def identity_morphism(F: Presheaf) -> Morphism:
    """The identity ``F → F``.

    >>> from coherence.algebra.posets import chain
    >>> F = constant_linear(chain(1), 2)
    >>> identity_morphism(F).at(F.poset.up(0), (QQ(1), QQ(2)))
    (1, 2)
    """
    comps: dict[Open, Any] = {}
    for U in F.poset.opens():
        if F.kind == "finite":
            comps[U] = {s: s for s in F.sections[U]}
        elif F.kind == "linear":
            comps[U] = DomainMatrix.eye(F.sections[U], QQ)
        else:
            comps[U] = _ident
    return Morphism(f"id_{F.name}", F, F, comps)


def _ident(x: Any) -> Any:
    return x


# ------------------------------------------------------------------- sheafification


def stalk_functor(F: Presheaf) -> tuple[dict[Hashable, Any], dict[tuple, Any]]:
    """The poset functor ``x ↦ F(↑x)`` with ``F(↑x) → F(↑y)`` for ``x ≤ y``.

    >>> from coherence.algebra.posets import chain
    >>> sets, maps = stalk_functor(constant_linear(chain(2), 1))
    >>> sets[0], sorted(maps)
    (1, [(0, 1)])
    """
    P = F.poset
    sets = {x: F.sections[P.up(x)] for x in P.points}
    maps = {}
    for x in P.points:
        for y in P.points:
            if x != y and P.leq(x, y):
                if F.kind == "linear":
                    maps[(x, y)] = F.matrix(P.up(x), P.up(y))
                elif F.kind == "finite":
                    maps[(x, y)] = {s: F.restrict(P.up(x), P.up(y), s) for s in sets[x]}
                else:
                    raise InputError("expected a finite or linear presheaf", got=F.kind)
    return sets, maps


def extend(name: str, poset: Poset, kind: str, sets: Mapping[Hashable, Any],
           maps: Mapping[tuple[Hashable, Hashable], Any]) -> tuple[Presheaf, dict[Open, Any]]:
    """The sheaf on opens of a poset functor: ``F(U)`` = compatible families
    ``(s_x)_{x∈U}`` with ``ρ_{xy}(s_x) = s_y`` for ``x ≤ y`` in U (maps for all pairs).

    Returns the sheaf and, per open, how its sections sit in ``∏ F(x)``: the tuple of
    families (finite) or the basis matrix with the families as columns (linear).

    >>> from coherence.algebra.posets import antichain
    >>> S, emb = extend("S", antichain(2), "finite", {0: "ab", 1: "c"}, {})
    >>> S.sections[frozenset({0, 1})]
    (('a', 'c'), ('b', 'c'))
    """
    opens = poset.opens()
    if kind == "finite":
        secs = {U: _families(poset, U, sets, maps) for U in opens}
        tables = {}
        for U, V in poset.open_covers():
            idx = [i for i, x in enumerate(_pts(poset, U)) if x in V]
            tables[(U, V)] = {s: tuple(s[i] for i in idx) for s in secs[U]}
        return Presheaf(name, poset, "finite", secs, tables), dict(secs)
    if kind != "linear":
        raise InputError("expected a finite or linear presheaf to sheafify", got=kind)
    bases = {U: _kernel_basis(poset, U, sets, maps) for U in opens}
    dims = {U: bases[U].shape[1] for U in opens}
    mats = {}
    for U, V in poset.open_covers():
        pts_u = _pts(poset, U)
        offs, o = {}, 0
        for x in pts_u:
            offs[x] = o
            o += sets[x]
        rows = [offs[x] + k for x in _pts(poset, V) for k in range(sets[x])]
        sel = _rows(bases[U], rows)
        mats[(U, V)] = _solve_columns(bases[V], sel)
    return linear_presheaf(name, poset, dims, mats), bases


def _pts(poset: Poset, U: Open) -> tuple[Hashable, ...]:
    return tuple(x for x in poset.points if x in U)


def _families(poset: Poset, U: Open, sets: Mapping[Hashable, Any],
              maps: Mapping[tuple, Any]) -> tuple[tuple[Any, ...], ...]:
    pts = _pts(poset, U)
    mins = [x for x in pts if not any(y != x and poset.leq(y, x) for y in pts)]
    out = []
    for choice in itertools.product(*(tuple(sets[m]) for m in mins)):
        fam: dict[Hashable, Any] = dict(zip(mins, choice, strict=True))
        ok = True
        for y in pts:  # points are listed so that every x ≤ y can be visited
            vals = {maps[(x, y)][fam[x]] for x in mins if x != y and poset.leq(x, y)}
            if y in fam:
                continue
            if len(vals) != 1:
                ok = False
                break
            fam[y] = vals.pop()
        if ok:
            ok = all(maps[(x, y)][fam[x]] == fam[y] for x in pts for y in pts
                     if x != y and poset.leq(x, y))
        if ok:
            out.append(tuple(fam[x] for x in pts))
    return tuple(out)


def _kernel_basis(poset: Poset, U: Open, dims: Mapping[Hashable, int],
                  maps: Mapping[tuple, DomainMatrix]) -> DomainMatrix:
    pts = _pts(poset, U)
    offs, total = {}, 0
    for x in pts:
        offs[x] = total
        total += dims[x]
    rows: list[list[Any]] = []
    for x in pts:
        for y in pts:
            if x != y and poset.leq(x, y) and dims[y]:
                M = maps[(x, y)].to_list() if dims[x] else [[] for _ in range(dims[y])]
                for i in range(dims[y]):
                    row = [QQ(0)] * total
                    for j in range(dims[x]):
                        row[offs[x] + j] = M[i][j]
                    row[offs[y] + i] -= QQ(1)
                    rows.append(row)
    if total == 0:
        return DomainMatrix.zeros((0, 0), QQ)
    if not rows:
        return DomainMatrix.eye(total, QQ)
    A = DomainMatrix(rows, (len(rows), total), QQ)
    N = A.nullspace()  # rows span the kernel
    if N.shape[0] == 0 or all(all(v == 0 for v in r) for r in N.to_list()):
        return DomainMatrix.zeros((total, 0), QQ)
    return N.transpose()


def _rows(M: DomainMatrix, rows: Sequence[int]) -> DomainMatrix:
    data = M.to_list()
    if not rows or M.shape[1] == 0:
        return DomainMatrix.zeros((len(rows), M.shape[1]), QQ)
    return DomainMatrix([data[i] for i in rows], (len(rows), M.shape[1]), QQ)


def _solve_columns(B: DomainMatrix, C: DomainMatrix) -> DomainMatrix:
    """X with B X = C, for B of full column rank and C's columns in B's column space."""
    k, n = B.shape[1], C.shape[1]
    if k == 0 or n == 0:
        return DomainMatrix.zeros((k, n), QQ)
    Bt = B.transpose()
    return (Bt * B).inv() * (Bt * C)


def sheafify(F: Presheaf) -> tuple[Presheaf, Morphism]:
    """The sheafification ``aF`` of a finite or linear presheaf and the unit ``F → aF``.

    On a finite space the stalk at ``x`` is ``F(↑x)``; ``aF(U)`` is the set of compatible
    families of stalk sections over ``U``, and the unit sends ``s`` to ``(s|↑x)_x``.

    >>> from coherence.algebra.posets import chain
    >>> aF, unit = sheafify(constant_linear(chain(2), 1))
    >>> aF.sections[frozenset()], aF.sections[frozenset({0, 1})]
    (0, 1)
    """
    sets, maps = stalk_functor(F)
    aF, emb = extend(f"a({F.name})", F.poset, F.kind, sets, maps)
    P = F.poset
    comps: dict[Open, Any] = {}
    for U in P.opens():
        pts = _pts(P, U)
        if F.kind == "finite":
            comps[U] = {s: tuple(F.restrict(U, P.up(x), s) for x in pts)
                        for s in F.sections[U]}
        else:
            blocks = [F.matrix(U, P.up(x)) for x in pts]
            rows = [r for Bm in blocks for r in (Bm.to_list() if Bm.shape[0] else [])]
            n = F.sections[U]
            S = (DomainMatrix(rows, (len(rows), n), QQ) if rows and n
                 else DomainMatrix.zeros((len(rows), n), QQ))
            comps[U] = _solve_columns(emb[U], S)
    return aF, Morphism(f"η_{F.name}", F, aF, comps)


# ------------------------------------------------------------ presheaves on a poset


@dataclass(frozen=True)
class PosetPresheaf:
    """A presheaf on the poset itself (the site 0 ← 1 ← … of a network): a set (finite)
    or dimension (linear) per point and a map ``F(x) → F(y)`` per cover ``x ⋖ y``.
    Longer composites follow a fixed path; whether all paths agree is checked by
    ``checks/sheaf_checks.check_poset_presheaf``. :meth:`on_opens` is the sheaf it
    defines on the Alexandrov space.

    >>> from coherence.algebra.posets import chain
    >>> G = poset_presheaf("G", chain(2), "finite", {0: (0, 1), 1: (0,)},
    ...                    {(0, 1): {0: 0, 1: 0}})
    >>> G.map(0, 1)[1], G.on_opens().sections[frozenset({0, 1})]
    (0, ((0, 0), (1, 0)))
    """

    name: str
    poset: Poset
    kind: str
    sets: Mapping[Hashable, Any]
    covers: Mapping[tuple[Hashable, Hashable], Any]

    def map(self, x: Hashable, y: Hashable) -> Any:
        """The composite ``F(x) → F(y)`` for ``x ≤ y`` along the fixed path of covers."""
        path = self.path(x, y)
        if self.kind == "linear":
            M = DomainMatrix.eye(self.sets[x], QQ)
            for a, b in itertools.pairwise(path):
                M = _mul(self.covers[(a, b)], M)
            return M
        table = {s: s for s in self.sets[x]}
        for a, b in itertools.pairwise(path):
            table = {s: self.covers[(a, b)][t] for s, t in table.items()}
        return table

    def path(self, x: Hashable, y: Hashable) -> tuple[Hashable, ...]:
        """The fixed chain of covers from ``x`` up to ``y`` (first cover in point order)."""
        if not self.poset.leq(x, y):
            raise InputError(f"expected x ≤ y in {self.name}", got=f"{x} ≰ {y}")
        out = [x]
        while out[-1] != y:
            out.append(next(b for a, b in self.poset.covers
                            if a == out[-1] and self.poset.leq(b, y)))
        return tuple(out)

    def on_opens(self) -> Presheaf:
        """The sheaf on opens: compatible families over each up-set."""
        P = self.poset
        maps = {(x, y): self.map(x, y) for x in P.points for y in P.points
                if x != y and P.leq(x, y)}
        return extend(self.name, P, self.kind, self.sets, maps)[0]


def poset_presheaf(name: str, poset: Poset, kind: str, sets: Mapping[Hashable, Any],
                   covers: Mapping[tuple[Hashable, Hashable], Any]) -> PosetPresheaf:
    """A presheaf on a poset from sets (or dimensions) per point and maps per cover.

    >>> from coherence.algebra.posets import chain
    >>> poset_presheaf("G", chain(2), "linear", {0: 1, 1: 1}, {(0, 1): [[2]]}).map(0, 1).to_Matrix()
    Matrix([[2]])
    """
    if kind not in ("finite", "linear"):
        raise InputError("expected kind 'finite' or 'linear'", got=repr(kind),
                         choices=("finite", "linear"))
    for x in poset.points:
        if x not in sets:
            raise InputError("expected a set for every point", got=f"none for {x!r}",
                             context=name)
    maps = {}
    for x, y in poset.covers:
        if (x, y) not in covers:
            raise InputError("expected a map for every cover", got=f"none for {x} ⋖ {y}",
                             context=name)
        m = covers[(x, y)]
        if kind == "linear":
            M = m if isinstance(m, DomainMatrix) else _from_rows(m, sets[y], sets[x])
            maps[(x, y)] = M.convert_to(QQ)
        else:
            for s in sets[x]:
                if s not in m or m[s] not in sets[y]:
                    raise InputError(f"expected a total map F({x}) → F({y})",
                                     got=f"{s!r} ↦ {m.get(s)!r}", context=name)
            maps[(x, y)] = dict(m)
    extra = set(covers) - set(poset.covers)
    if extra:
        raise InputError("expected maps only on covers", got=repr(sorted(extra, key=str)[0]),
                         context=name)
    sets_ = {x: (int(v) if kind == "linear" else tuple(v)) for x, v in sets.items()}
    if kind == "finite":
        for x, elems in sets_.items():
            _need_distinct(name, str(x), elems)
    return PosetPresheaf(name, poset, kind, sets_, maps)


# ------------------------------------------------------- sheaves of a chain of learners


def _w_space(learners: Sequence[Learner], i: int) -> Space:
    sp: Space = POINT
    for f in reversed(learners[i:]):
        sp = Product(f.P, sp)
    return sp


def _drop_first(x: Any) -> Any:
    return x[1]


def _to_star(x: Any) -> Any:
    return STAR


def _forward(f: Learner, x: Any) -> Any:
    a, (p, rest) = x
    return (f.I(p, a), rest)


def _check_chain(learners: Sequence[Learner]) -> None:
    from coherence.algebra.learners import same_set

    for f, g in itertools.pairwise(learners):
        if not same_set(f.B, g.A):
            raise InputError(f"expected {g.name} to start where {f.name} ends ({f.B})",
                             got=str(g.A))


def weights_sheaf(learners: Sequence[Learner]) -> Presheaf:
    """W on the chain ``0 ≤ … ≤ p`` (p = number of learners): ``W(U_i) = P_i × W(U_{i+1})``,
    ``W(U_p) = W(∅) = {∗}``, restrictions forget the first factor.

    >>> W = weights_sheaf([])
    >>> [str(W.sections[U]) for U in W.poset.opens()]
    ['{∗}', '{∗}']
    """
    from coherence.algebra.posets import chain

    _check_chain(learners)
    p = len(learners)
    P = chain(p + 1)
    spaces = {P.up(i): _w_space(learners, i) for i in range(p + 1)}
    spaces[frozenset()] = POINT
    maps = {(P.up(i), P.up(i + 1)): _drop_first for i in range(p)}
    maps[(P.up(p), frozenset())] = _to_star
    return symbolic_presheaf("W", P, spaces, maps, "weights: W(U_i) = ∏_{j≥i} P_j")


def states_sheaf(learners: Sequence[Learner]) -> Presheaf:
    """X: ``X(U_i) = A_i × W(U_i)``, ``X(∅) = {∗}``, restriction one forward step
    ``(a_i, (p_i, p′)) ↦ (I_i(p_i, a_i), p′)``.

    >>> from coherence.algebra.learners import identity, FiniteSet
    >>> X = states_sheaf([identity(FiniteSet((0, 1)))])
    >>> X.restrict(X.poset.up(0), X.poset.up(1), (1, ("∗", "∗")))
    (1, '∗')
    """
    from functools import partial

    from coherence.algebra.posets import chain

    _check_chain(learners)
    p = len(learners)
    P = chain(p + 1)
    objs = [f.A for f in learners] + ([learners[-1].B] if learners else [POINT])
    spaces = {P.up(i): Product(objs[i], _w_space(learners, i)) for i in range(p + 1)}
    spaces[frozenset()] = POINT
    maps = {(P.up(i), P.up(i + 1)): partial(_forward, learners[i]) for i in range(p)}
    maps[(P.up(p), frozenset())] = _to_star
    return symbolic_presheaf("X", P, spaces, maps, "states: X(U_i) = A_i × W(U_i)")


def _beta(f: Learner, x: Any) -> Any:
    a, (p, rest) = x
    b = f.I(p, a)
    return (f.r(p, a, b), (f.U(p, a, b), rest))


def backprop_map(learners: Sequence[Learner]) -> Morphism:
    """The post's candidate ``β: X → X``: ``β_i(a_i, (p_i, p′)) =
    (r_i(p_i, a_i, I_i(p_i, a_i)), (U_i(p_i, a_i, I_i(p_i, a_i)), p′))`` for ``i < p``,
    the identity on ``X(U_p)`` and ``X(∅)``.

    >>> from coherence.algebra.learners import identity, FiniteSet
    >>> b = backprop_map([identity(FiniteSet((0, 1)))])
    >>> b.at(b.source.poset.up(0), (1, ("∗", "∗")))
    (1, ('∗', '∗'))
    """
    from functools import partial

    X = states_sheaf(learners)
    P = X.poset
    p = len(learners)
    comps: dict[Open, Any] = {P.up(i): partial(_beta, learners[i]) for i in range(p)}
    comps[P.up(p)] = _ident
    comps[frozenset()] = _ident
    return Morphism("β", X, X, comps)


@dataclass(frozen=True)
class Network:
    """A chain of learners ``A_0 → … → A_p`` with its sheaves W, X and the map β.

    >>> from coherence.algebra.learners import identity, FiniteSet
    >>> len(chain_network([identity(FiniteSet((0,)))]).poset.opens())
    3
    """

    learners: tuple[Learner, ...]
    W: Presheaf
    X: Presheaf
    beta: Morphism

    @property
    def poset(self) -> Poset:
        """The chain of layers."""
        return self.X.poset


def chain_network(learners: Sequence[Learner]) -> Network:
    """The network of a chain of learners (each one's target is the next one's source).

    >>> chain_network([]).poset.points
    (0,)
    """
    ls = tuple(learners)
    return Network(ls, weights_sheaf(ls), states_sheaf(ls), backprop_map(ls))
