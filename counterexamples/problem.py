"""Search problems: variables with their domains and an exact predicate to falsify.

``counterexamples`` knows nothing of claims or verdicts. ``checks`` builds a
:class:`SearchProblem` from a claim (variables, an exact point check, optionally a Z3
encoding of the counterexample condition) and the searchers in this package look for
a :class:`Point` where the check says :attr:`PointStatus.VIOLATED`.

Values are exact: every scalar is a :class:`fractions.Fraction` (integers too), a
vector is a tuple of them and an ``n×m`` matrix a tuple of ``n`` row tuples.

Examples
--------
>>> A = Variable("A", "real", shape=(2, 2))
>>> A.size
4
>>> A.entry_names()
('A[0, 0]', 'A[0, 1]', 'A[1, 0]', 'A[1, 1]')
>>> A.from_flat([1, 1, 0, 1])
((Fraction(1, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1)))
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from fractions import Fraction
from typing import Any, Literal

Kind = Literal["integer", "rational", "real"]
Value = Any  # Fraction | tuple[Fraction, ...] | tuple[tuple[Fraction, ...], ...]


@dataclass(frozen=True, slots=True)
class Variable:
    """A quantified variable: scalar (``shape=()``), vector ``(n,)`` or matrix ``(n, m)``.

    ``lo``/``hi`` bound every entry (inclusive); ``symmetric`` restricts a square matrix
    to symmetric ones (only the upper triangle is free).
    """

    name: str
    kind: Kind
    shape: tuple[int, ...] = ()
    lo: Fraction | None = None
    hi: Fraction | None = None
    symmetric: bool = False

    @property
    def size(self) -> int:
        """How many free scalar entries the variable has."""
        if self.symmetric:
            n = self.shape[0]
            return n * (n + 1) // 2
        out = 1
        for d in self.shape:
            out *= d
        return out

    def positions(self) -> tuple[tuple[int, ...], ...]:
        """Index tuples of the free entries, in order (upper triangle if symmetric)."""
        if self.symmetric:
            n = self.shape[0]
            return tuple((i, j) for i in range(n) for j in range(i, n))
        return tuple(itertools.product(*(range(d) for d in self.shape)))

    def entry_names(self) -> tuple[str, ...]:
        """Readable names of the free entries: ``x``, ``v[1]``, ``A[0, 1]``."""
        if not self.shape:
            return (self.name,)
        return tuple(f"{self.name}[{', '.join(map(str, p))}]" for p in self.positions())

    def from_flat(self, entries: Sequence[Any]) -> Value:
        """Build a value from its free entries (in :meth:`positions` order)."""
        values = [Fraction(e) for e in entries]
        if len(values) != self.size:
            raise ValueError(f"expected {self.size} entries for {self.name}, got {len(values)}")
        if not self.shape:
            return values[0]
        if len(self.shape) == 1:
            return tuple(values)
        n, m = self.shape
        grid = [[Fraction(0)] * m for _ in range(n)]
        for (i, j), v in zip(self.positions(), values, strict=True):
            grid[i][j] = v
            if self.symmetric:
                grid[j][i] = v
        return tuple(tuple(row) for row in grid)

    def to_flat(self, value: Value) -> tuple[Fraction, ...]:
        """The free entries of a value (inverse of :meth:`from_flat`)."""
        if not self.shape:
            return (Fraction(value),)
        if len(self.shape) == 1:
            return tuple(Fraction(v) for v in value)
        return tuple(Fraction(value[i][j]) for i, j in self.positions())

    def admits(self, entry: Fraction) -> bool:
        """Whether one scalar entry lies in the variable's domain."""
        if self.kind == "integer" and entry.denominator != 1:
            return False
        if self.lo is not None and entry < self.lo:
            return False
        return not (self.hi is not None and entry > self.hi)


class PointStatus(str, Enum):  # noqa: UP042 (str() of a member stays explicit)
    """What the exact check says at one point."""

    HOLDS = "holds"  # assumptions true and conclusion true
    VIOLATED = "violated"  # assumptions true and conclusion false: a counterexample
    VACUOUS = "vacuous"  # an assumption is false there
    UNDECIDED = "undecided"  # could not be decided exactly at that point


@dataclass(frozen=True, slots=True)
class PointResult:
    """The exact check's answer at a point, with both sides rendered for the report."""

    status: PointStatus
    lhs: str | None = None
    rhs: str | None = None
    note: str = ""


Point = Mapping[str, Value]


def format_value(value: Value) -> str:
    """A value as a user reads it: ``3/2``, ``[1, 0]``, ``[[1, 1], [0, 1]]``.

    >>> format_value(((Fraction(1), Fraction(1)), (Fraction(0), Fraction(1, 2))))
    '[[1, 1], [0, 1/2]]'
    """
    if isinstance(value, tuple | list):
        return "[" + ", ".join(format_value(v) for v in value) + "]"
    return str(value)


def format_point(point: Point) -> str:
    """A point as ``name = value`` pairs, in the point's order.

    >>> format_point({"x": Fraction(-1, 2), "v": (Fraction(1), Fraction(0))})
    'x = -1/2, v = [1, 0]'
    """
    return ", ".join(f"{name} = {format_value(v)}" for name, v in point.items())


@dataclass(frozen=True)
class SearchProblem:
    """Find a point where ``check`` is VIOLATED.

    ``check`` must be exact (it is the arbiter of every witness). ``z3_counterexample``,
    when given, maps Z3 variables (one per free entry, keyed by :meth:`Variable.entry_names`)
    to a Z3 formula that is satisfiable exactly when a counterexample exists; ``unsat``
    of it is a proof. ``numeric`` optionally evaluates the claim in floats for fast
    screening (never trusted on its own).
    """

    variables: tuple[Variable, ...]
    check: Callable[[Point], PointResult]
    z3_counterexample: Callable[[Mapping[str, Any]], Any] | None = None
    numeric: Callable[[Mapping[str, Any]], bool | None] | None = None
    seeds: tuple[Point, ...] = field(default=())

    def point(self, flat: Sequence[Any]) -> dict[str, Value]:
        """Split one flat list of entries into a point, variable by variable."""
        out: dict[str, Value] = {}
        i = 0
        for var in self.variables:
            out[var.name] = var.from_flat(flat[i : i + var.size])
            i += var.size
        return out

    def flat(self, point: Point) -> tuple[Fraction, ...]:
        """The inverse of :meth:`point`."""
        return tuple(e for var in self.variables for e in var.to_flat(point[var.name]))

    @property
    def size(self) -> int:
        """Total number of free scalar entries."""
        return sum(v.size for v in self.variables)
