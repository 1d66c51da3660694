"""The catalogue of named structures, each with a stable name, a docstring and a reference.

========================== ======================================================
name                       structure
========================== ======================================================
``sweedler``               Sweedler's 4-dimensional Hopf algebra H₄ over ℚ
``taft:N``                 the Taft algebra T_N(ζ_N), dimension N², over ℚ(ζ_N)
``group:CN``               the group algebra of the cyclic group of order N
``group:DN``               the group algebra of the dihedral group of order 2N
``group:SN``               the group algebra of the symmetric group S_N (N ≤ 5)
``functions:G``            the algebra of functions on G (G as above), dual of ℚ[G]
``monoid:idempotent``      ℚ[{1, e}], e² = e, grouplike basis: no antipode
``words:concat-deconcat:L`` concatenation with deconcatenation on words over {a, b}
                           of length ≤ L, truncated: *not* a bialgebra
``dual(NAME)``             the dual of any entry
``tensor(NAME, NAME)``     the tensor product of two entries
========================== ======================================================

Examples
--------
>>> H = get("taft:3")
>>> H.dim, describe(H.domain)
(9, 'QQ(ζ₃)')
>>> get("sweedlr")
Traceback (most recent call last):
...
coherence.algebra.errors.InputError: expected a catalogue name, got 'sweedlr' (did you mean 'sweedler'?)
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from coherence.algebra.domains import QQ, cyclotomic, describe
from coherence.algebra.errors import InputError
from coherence.algebra.hopf import Bialgebra, build, dual, tensor_product
from coherence.algebra.limits import check_dimension, read_integer

__all__ = ["get", "names", "entries", "Entry", "describe"]


@dataclass(frozen=True, slots=True)
class Entry:
    """One family of the catalogue: its name pattern, what it is, and examples."""

    pattern: str
    summary: str
    reference: str
    examples: tuple[str, ...]
    doc: str


def _monomial_structure(
    names: tuple[str, ...],
    domain: Any,
    mul: Callable[[int, int], tuple[Any, int] | None],
    unit: int,
    *,
    delta_of: Callable[[int], dict[tuple[int, int], Any]],
    counit_of: Callable[[int], Any],
    antipode_of: Callable[[int], dict[int, Any]] | None,
    name: str,
    description: str,
    reference: str,
) -> Bialgebra:
    """A structure whose basis products are scalar multiples of basis elements."""
    n = len(names)
    product: dict[tuple[int, int], dict[int, Any]] = {}
    for i in range(n):
        for j in range(n):
            r = mul(i, j)
            if r is not None and r[0]:
                product[(i, j)] = {r[1]: r[0]}
    coproduct = {i: {a * n + b: c for (a, b), c in delta_of(i).items() if c} for i in range(n)}
    counit = {i: counit_of(i) for i in range(n)}
    antipode = None if antipode_of is None else {i: antipode_of(i) for i in range(n)}
    return build(names, domain, product=product, unit={unit: 1}, coproduct=coproduct,
                 counit=counit, antipode=antipode, name=name, description=description,
                 reference=reference)


# -- groups ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Group:
    names: tuple[str, ...]
    table: tuple[tuple[int, ...], ...]  # table[i][j] = index of gᵢ·gⱼ
    title: str

    @property
    def inverse(self) -> tuple[int, ...]:
        return tuple(next(j for j in range(len(self.names)) if self.table[i][j] == 0)
                     for i in range(len(self.names)))


def _power_name(base: str, k: int) -> str:
    return "" if k == 0 else base if k == 1 else f"{base}^{k}"


def _cyclic(n: int) -> _Group:
    names = tuple(_power_name("g", k) or "1" for k in range(n))
    table = tuple(tuple((i + j) % n for j in range(n)) for i in range(n))
    return _Group(names, table, f"the cyclic group C{n}")


def _dihedral(n: int) -> _Group:
    elems = [(a, b) for b in range(2) for a in range(n)]  # r^a s^b
    names = tuple((_power_name("r", a) + ("s" if b else "")) or "1" for a, b in elems)
    idx = {e: i for i, e in enumerate(elems)}

    def mul(x: tuple[int, int], y: tuple[int, int]) -> tuple[int, int]:
        (a, b), (c, d) = x, y
        return ((a + (-c if b else c)) % n, (b + d) % 2)

    table = tuple(tuple(idx[mul(x, y)] for y in elems) for x in elems)
    return _Group(names, table, f"the dihedral group D{n} of order {2 * n}")


def cycle_name(p: tuple[int, ...]) -> str:
    """A permutation of 0..n-1 in cycle notation on 1..n (``1`` for the identity).

    >>> cycle_name((1, 2, 0, 3)), cycle_name((0, 1))
    ('(123)', '1')
    """
    seen, out = set(), []
    for start in range(len(p)):
        if start in seen or p[start] == start:
            continue
        cyc, i = [], start
        while i not in seen:
            seen.add(i)
            cyc.append(str(i + 1))
            i = p[i]
        out.append("(" + "".join(cyc) + ")")
    return "".join(out) or "1"


def _symmetric(n: int) -> _Group:
    perms = list(itertools.permutations(range(n)))
    idx = {p: i for i, p in enumerate(perms)}
    # (σ·τ)(i) = σ(τ(i)): apply τ first.
    table = tuple(tuple(idx[tuple(s[t[i]] for i in range(n))] for t in perms) for s in perms)
    return _Group(tuple(cycle_name(p) for p in perms), table, f"the symmetric group S{n}")


def _group(spec: str) -> _Group:
    m = re.fullmatch(r"([CDS])(\d+)", spec)
    if not m:
        raise InputError("expected a group CN, DN or SN (e.g. C3, D4, S3)", got=repr(spec))
    kind, n = m.group(1), read_integer(m.group(2))
    if kind == "C" and 1 <= n <= 10000:
        return _cyclic(n)
    if kind == "D" and 2 <= n <= 5000:
        return _dihedral(n)
    if kind == "S" and 1 <= n <= 7:
        return _symmetric(n)
    raise InputError(f"expected a size for {kind}N in range "
                     f"({'1..10000' if kind == 'C' else '2..5000' if kind == 'D' else '1..7'})",
                     got=str(n))


def group_algebra(spec: str) -> Bialgebra:
    """ℚ[G]: basis the group elements, each grouplike, with S(g) = g⁻¹.

    >>> H = group_algebra("S3")
    >>> H.dim, H.basis[:3]
    (6, ('1', '(23)', '(12)'))
    """
    G = _group(spec)
    inv = G.inverse
    return _monomial_structure(
        G.names, QQ, lambda i, j: (1, G.table[i][j]), 0,
        delta_of=lambda i: {(i, i): 1}, counit_of=lambda i: 1,
        antipode_of=lambda i: {inv[i]: 1},
        name=f"group:{spec}", description=f"the group algebra ℚ[{spec}] of {G.title}",
        reference="Kassel, Quantum Groups, Example III.2.4")


def function_algebra(spec: str) -> Bialgebra:
    """ℚ^G, the functions on G: the dual of ℚ[G], basis the point masses δ_g.

    >>> H = function_algebra("C3")
    >>> H.basis
    ('δ1', 'δg', 'δg^2')
    """
    G = _group(spec)
    return dual(group_algebra(spec), name=f"functions:{spec}",
                basis=tuple(f"δ{b}" for b in G.names),
                description=f"the algebra of functions on {spec} (dual of ℚ[{spec}])")


# -- Taft and Sweedler ----------------------------------------------------------------
def taft(n: int) -> Bialgebra:
    """The Taft algebra T_n(q), q = ζₙ: g^n = 1, x^n = 0, xg = q·gx, Δg = g⊗g, Δx = x⊗1 + g⊗x.

    Dimension n², basis gⁱxʲ; S(g) = g⁻¹, S(x) = −g⁻¹x; S has order 2n.

    >>> T = taft(3)
    >>> T.basis[:4]
    ('1', 'g', 'g^2', 'x')
    """
    if not isinstance(n, int) or n < 2:
        raise InputError("expected taft:N with N ≥ 2", got=repr(n))
    check_dimension(n * n, f"taft:{n}")  # before building ℚ(ζ_N) for a huge N
    K, q = cyclotomic(n)
    elems = [(a, b) for b in range(n) for a in range(n)]  # g^a x^b
    names = tuple((_power_name("g", a) + _power_name("x", b)) or "1" for a, b in elems)
    idx = {e: i for i, e in enumerate(elems)}

    def mul(i: int, j: int) -> tuple[Any, int] | None:
        (a, b), (c, d) = elems[i], elems[j]
        if b + d >= n:
            return None
        return (q ** (b * c), idx[((a + c) % n, b + d)])

    def times(x: dict[int, Any], y: dict[int, Any]) -> dict[int, Any]:
        out: dict[int, Any] = {}
        for i, s in x.items():
            for j, t in y.items():
                r = mul(i, j)
                if r is not None:
                    out[r[1]] = out.get(r[1], K.zero) + s * t * r[0]
        return {k: v for k, v in out.items() if v}

    def ttimes(x: dict[tuple[int, int], Any], y: dict[tuple[int, int], Any]) -> dict:
        out: dict[tuple[int, int], Any] = {}
        for (a, b), s in x.items():
            for (c, d), t in y.items():
                for k1, v1 in times({a: K.one}, {c: K.one}).items():
                    for k2, v2 in times({b: K.one}, {d: K.one}).items():
                        key = (k1, k2)
                        out[key] = out.get(key, K.zero) + s * t * v1 * v2
        return {k: v for k, v in out.items() if v}

    g, x, one = idx[(1, 0)], idx[(0, 1)], idx[(0, 0)]
    dg = {(g, g): K.one}
    dx = {(x, one): K.one, (g, x): K.one}
    ginv = idx[(n - 1, 0)]
    sg = {ginv: K.one}
    sx = {k: -v for k, v in times({ginv: K.one}, {x: K.one}).items()}

    deltas, antipodes = {}, {}
    for i, (a, b) in enumerate(elems):
        d: dict[tuple[int, int], Any] = {(one, one): K.one}
        s: dict[int, Any] = {one: K.one}
        for _ in range(a):
            d = ttimes(d, dg)
        for _ in range(b):
            d = ttimes(d, dx)
        for _ in range(b):  # S(gᵃxᵇ) = S(x)ᵇ S(g)ᵃ
            s = times(s, sx)
        for _ in range(a):
            s = times(s, sg)
        deltas[i], antipodes[i] = d, s
    label = "Sweedler's 4-dimensional Hopf algebra H₄" if n == 2 else f"the Taft algebra T{n}(ζ{n})"
    return _monomial_structure(
        names, K, mul, one, delta_of=deltas.__getitem__,
        counit_of=lambda i: 1 if elems[i][1] == 0 else 0, antipode_of=antipodes.__getitem__,
        name="sweedler" if n == 2 else f"taft:{n}", description=label,
        reference="Taft, PNAS 68 (1971) 2631–2633" if n > 2 else
        "Sweedler, Hopf Algebras (1969), §IX; Kassel, Quantum Groups, §VIII.1")


def sweedler() -> Bialgebra:
    """Sweedler's H₄: basis 1, g, x, gx; g² = 1, x² = 0, xg = −gx; Δx = x⊗1 + g⊗x; S has order 4.

    >>> sweedler().basis
    ('1', 'g', 'x', 'gx')
    """
    return taft(2)


# -- monoids and words -----------------------------------------------------------------
def idempotent_monoid() -> Bialgebra:
    """ℚ[{1, e}] with e² = e, both grouplike: a bialgebra with no antipode (S(e)·e = 1 is impossible).

    >>> idempotent_monoid().basis
    ('1', 'e')
    """
    return _monomial_structure(
        ("1", "e"), QQ, lambda i, j: (1, max(i, j)), 0,
        delta_of=lambda i: {(i, i): 1}, counit_of=lambda i: 1, antipode_of=None,
        name="monoid:idempotent",
        description="the monoid bialgebra ℚ[{1, e}], e² = e",
        reference="Kassel, Quantum Groups, Example III.3.3 (monoid algebras)")


def concat_deconcat(length: int) -> Bialgebra:
    """Words over {a, b} of length ≤ L with concatenation (truncated) and deconcatenation.

    Not a bialgebra: Δ(a·b) ≠ Δ(a)·Δ(b) (the term b⊗a is missing). The empty word is ``1``.

    >>> concat_deconcat(2).dim
    7
    """
    if not isinstance(length, int) or not 1 <= length <= 8:
        raise InputError("expected words:concat-deconcat:L with 1 ≤ L ≤ 8", got=repr(length))
    words = [""] + ["".join(w) for k in range(1, length + 1)
                    for w in itertools.product("ab", repeat=k)]
    idx = {w: i for i, w in enumerate(words)}
    names = tuple(w or "1" for w in words)

    def mul(i: int, j: int) -> tuple[int, int] | None:
        w = words[i] + words[j]
        return (1, idx[w]) if len(w) <= length else None

    return _monomial_structure(
        names, QQ, mul, 0,
        delta_of=lambda i: {(idx[words[i][:k]], idx[words[i][k:]]): 1
                            for k in range(len(words[i]) + 1)},
        counit_of=lambda i: 1 if i == 0 else 0, antipode_of=None,
        name=f"words:concat-deconcat:{length}",
        description=f"concatenation with deconcatenation on words over {{a, b}} up to length {length}",
        reference="Reutenauer, Free Lie Algebras, §1.5 (the bialgebra pairs are concat/unshuffle "
                  "and shuffle/deconcat)")


# -- the lookup ----------------------------------------------------------------------
ENTRIES: tuple[Entry, ...] = (
    Entry("sweedler", "Sweedler's 4-dimensional Hopf algebra", "Sweedler 1969",
          ("sweedler",), sweedler.__doc__ or ""),
    Entry("taft:N", "Taft algebra T_N(ζ_N), N ≥ 2, dimension N²", "Taft 1971",
          ("taft:3", "taft:4", "taft:5"), taft.__doc__ or ""),
    Entry("group:CN", "group algebra of the cyclic group of order N", "Kassel III.2",
          ("group:C2", "group:C3", "group:C4"), group_algebra.__doc__ or ""),
    Entry("group:DN", "group algebra of the dihedral group of order 2N", "Kassel III.2",
          ("group:D3", "group:D4"), group_algebra.__doc__ or ""),
    Entry("group:SN", "group algebra of the symmetric group S_N", "Kassel III.2",
          ("group:S3", "group:S4", "group:S5"), group_algebra.__doc__ or ""),
    Entry("functions:G", "functions on a group G above (dual of ℚ[G])", "Kassel III.3",
          ("functions:C3", "functions:S3"), function_algebra.__doc__ or ""),
    Entry("monoid:idempotent", "ℚ[{1, e}], e² = e: a bialgebra with no antipode", "Kassel III.3",
          ("monoid:idempotent",), idempotent_monoid.__doc__ or ""),
    Entry("words:concat-deconcat:L", "concatenation/deconcatenation, truncated: not a bialgebra",
          "Reutenauer 1.5", ("words:concat-deconcat:2", "words:concat-deconcat:3"),
          concat_deconcat.__doc__ or ""),
    Entry("dual(NAME)", "the dual of an entry", "Sweedler 6.2", ("dual(sweedler)",),
          dual.__doc__ or ""),
    Entry("tensor(NAME, NAME)", "the tensor product of two entries", "Kassel III.2",
          ("tensor(sweedler, group:C2)",), tensor_product.__doc__ or ""),
)


def entries() -> tuple[Entry, ...]:
    """Every family in the catalogue.

    >>> [e.pattern for e in entries()][:2]
    ['sweedler', 'taft:N']
    """
    return ENTRIES


def names() -> tuple[str, ...]:
    """Example names, one or more per family (what ``coherence catalog`` lists).

    >>> "sweedler" in names() and "group:S3" in names()
    True
    """
    return tuple(n for e in ENTRIES for n in e.examples)


def _split_args(text: str) -> list[str]:
    depth, start, out = 0, 0, []
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            out.append(text[start:i].strip())
            start = i + 1
    out.append(text[start:].strip())
    return out


def get(name: str) -> Bialgebra:
    """The structure called ``name`` (see the table above); built once, then cached."""
    if not isinstance(name, str):
        raise InputError("expected a catalogue name (a string)", got=repr(name))
    return _get(re.sub(r"\s+", "", name))


@lru_cache(maxsize=64)
def _get(name: str) -> Bialgebra:
    m = re.fullmatch(r"(dual|tensor)\((.*)\)", name)
    if m:
        args = _split_args(m.group(2))
        if m.group(1) == "dual":
            if len(args) != 1:
                raise InputError("expected dual(NAME)", got=repr(name))
            return dual(_get(args[0]), name=f"dual({args[0]})")
        if len(args) != 2:
            raise InputError("expected tensor(NAME, NAME)", got=repr(name))
        return tensor_product(_get(args[0]), _get(args[1]), name=f"tensor({args[0]}, {args[1]})")
    if name == "sweedler":
        return sweedler()
    if name == "monoid:idempotent":
        return idempotent_monoid()
    m = re.fullmatch(r"taft:(\d+)", name)
    if m:
        return taft(read_integer(m.group(1)))
    m = re.fullmatch(r"group:(\w+)", name)
    if m:
        return group_algebra(m.group(1))
    m = re.fullmatch(r"functions:(\w+)", name)
    if m:
        return function_algebra(m.group(1))
    m = re.fullmatch(r"words:concat-deconcat:(\d+)", name)
    if m:
        return concat_deconcat(int(m.group(1)))
    raise InputError("expected a catalogue name", got=repr(name),
                     choices=[*names(), "taft:", "group:", "functions:"])
