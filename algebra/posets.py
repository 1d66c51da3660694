"""Finite posets and their Alexandrov topology (opens = up-sets).

A :class:`Poset` is built from its cover relation (Hasse diagram): ``x ⋖ y`` pairs,
closed reflexively and transitively; a cycle is an input error. Its Alexandrov space
has the up-sets as opens; ``↑x`` is the smallest open containing ``x``, so a presheaf
on the poset (maps ``F(x) → F(y)`` for ``x ≤ y``) is the same as a sheaf on the space.

Examples
--------
>>> c = chain(3)                      # 0 ≤ 1 ≤ 2 (the layers 0 ← 1 ← 2 of a network)
>>> [sorted(U) for U in c.opens()]
[[], [2], [1, 2], [0, 1, 2]]
>>> len(chain(5).opens())            # p + 1 = 5 points: p + 2 = 6 opens with ∅
6
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from coherence.algebra.errors import InputError

Open = frozenset


@dataclass(frozen=True)
class Poset:
    """A finite poset: ``points`` in a fixed order, ``covers`` the Hasse edges ``(x, y)``
    meaning ``x ⋖ y``.

    >>> P = Poset.from_covers("abc", [("a", "b"), ("a", "c")])
    >>> P.leq("a", "c"), P.leq("b", "c")
    (True, False)
    """

    points: tuple[Hashable, ...]
    covers: tuple[tuple[Hashable, Hashable], ...]

    @staticmethod
    def from_covers(points: Iterable[Hashable], covers: Iterable[Sequence[Hashable]]) -> Poset:
        """Build from points and cover pairs; redundant (transitive) pairs are dropped.

        >>> Poset.from_covers([0, 1, 2], [(0, 1), (1, 2), (0, 2)]).covers
        ((0, 1), (1, 2))
        >>> Poset.from_covers([0, 1], [(0, 1), (1, 0)])
        Traceback (most recent call last):
        ...
        coherence.algebra.errors.InputError: expected an acyclic cover relation, got a cycle ...
        """
        pts = tuple(points)
        if len(set(pts)) != len(pts):
            raise InputError("expected distinct points", got=repr(pts))
        edges = []
        for pair in covers:
            if len(pair) != 2:
                raise InputError("expected a cover as a pair [x, y]", got=repr(pair))
            x, y = pair
            for v in (x, y):
                if v not in pts:
                    raise InputError("expected a point of the poset", got=repr(v),
                                     choices=[str(p) for p in pts])
            edges.append((x, y))
        up = _closure(pts, edges)
        for x in pts:
            for y in up[x]:
                if y != x and x in up[y]:
                    raise InputError("expected an acyclic cover relation",
                                     got=f"a cycle through {x}")
        hasse = tuple((x, y) for x in pts for y in pts if x != y and y in up[x]
                      and not any(z not in (x, y) and z in up[x] and y in up[z] for z in pts))
        return Poset(pts, hasse)

    @cached_property
    def _up(self) -> dict[Hashable, frozenset]:
        return {x: frozenset(s) for x, s in _closure(self.points, self.covers).items()}

    def leq(self, x: Hashable, y: Hashable) -> bool:
        """``x ≤ y``."""
        return y in self._up[x]

    def up(self, x: Hashable) -> Open:
        """``↑x = {y : x ≤ y}``, the smallest open containing ``x``.

        >>> sorted(chain(3).up(1))
        [1, 2]
        """
        return self._up[x]

    def is_open(self, U: Iterable[Hashable]) -> bool:
        """Whether ``U`` is an up-set.

        >>> chain(3).is_open({0}), chain(3).is_open({1, 2})
        (False, True)
        """
        U = set(U)
        return all(self._up[x] <= U for x in U)

    def opens(self) -> tuple[Open, ...]:
        """All opens (up-sets), smallest first (by size, then by point order).

        >>> len(Poset.from_covers("ab", []).opens())
        4
        """
        return self._opens

    @cached_property
    def _opens(self) -> tuple[Open, ...]:
        found: set[frozenset] = {frozenset()}
        frontier = [frozenset()]
        # Grow up-sets one point at a time: add x when all points above it are in.
        while frontier:
            nxt = []
            for U in frontier:
                for x in self.points:
                    if x not in U and self._up[x] - {x} <= U:
                        V = U | {x}
                        if V not in found:
                            found.add(V)
                            nxt.append(V)
            frontier = nxt
        order = {x: i for i, x in enumerate(self.points)}
        return tuple(sorted(found, key=lambda U: (len(U), sorted(order[x] for x in U))))

    def open_covers(self) -> tuple[tuple[Open, Open], ...]:
        """The Hasse diagram of the opens under inclusion: pairs ``(U, V)``, ``V ⋖ U``.

        >>> [(sorted(U), sorted(V)) for U, V in chain(2).open_covers()]
        [([1], []), ([0, 1], [1])]
        """
        return tuple((U, U - {x}) for U in self.opens() for x in self.points
                     if x in U and self.is_open(U - {x}))

    def minimal(self, U: Iterable[Hashable]) -> tuple[Hashable, ...]:
        """The minimal points of ``U``.

        >>> Poset.from_covers("abc", [("a", "c"), ("b", "c")]).minimal("abc")
        ('a', 'b')
        """
        U = set(U)
        return tuple(x for x in self.points if x in U
                     and not any(y != x and y in U and self.leq(y, x) for y in self.points))

    def name(self, U: Iterable[Hashable]) -> str:
        """An open written as ``{…}`` in point order (``∅`` when empty).

        >>> chain(3).name({2, 1})
        '{1, 2}'
        """
        U = set(U)
        if not U:
            return "∅"
        return "{" + ", ".join(str(x) for x in self.points if x in U) + "}"


def _closure(points: Sequence[Hashable], edges: Iterable[tuple[Hashable, Hashable]]
             ) -> dict[Hashable, set]:
    succ: dict[Hashable, list] = {x: [] for x in points}
    for x, y in edges:
        succ[x].append(y)
    up: dict[Hashable, set] = {}
    for x in points:
        seen = {x}
        stack = [x]
        while stack:
            for y in succ[stack.pop()]:
                if y not in seen:
                    seen.add(y)
                    stack.append(y)
        up[x] = seen
    return up


def chain(n: int) -> Poset:
    """The chain ``0 ≤ 1 ≤ … ≤ n−1`` (the layers of a network with n − 1 learners).

    >>> chain(3).covers
    ((0, 1), (1, 2))
    """
    if n < 1:
        raise InputError("expected at least one point", got=str(n))
    return Poset.from_covers(range(n), [(i, i + 1) for i in range(n - 1)])


def antichain(n: int) -> Poset:
    """``n`` incomparable points (the discrete space: 2ⁿ opens).

    >>> len(antichain(3).opens())
    8
    """
    return Poset.from_covers(range(n), [])
