"""Claim-file vocabulary for finite posets, presheaves/sheaves on their opens and the
sheaves of a layered network.

Registers (area ``sheaves``) constructors ``alexandrov``, ``chain_space``,
``antichain_space``, ``poset_presheaf``, ``finite_presheaf``, ``linear_presheaf``,
``constant_presheaf``, the function ``on_opens``, the decider ``is_poset_presheaf``,
``sheafify``, ``sheafification_unit``, ``chain_network``, ``network_W``, ``network_X``,
``network_beta``; the function ``count_opens``; and deciders ``is_sheaf``,
``restrictions_compose``, ``commutes_with_restrictions``, ``is_sheaf_morphism``.
Opens are written as lists of points (``[1, 2]``, ``[]`` for ∅).

Examples
--------
>>> X = make_chain(3)
>>> count_opens(X)
4
>>> decide_sheaf(make_constant(X, 1)).outcome
<Outcome.REFUTED: 'refuted'>
>>> decide_sheaf(make_sheafify(make_constant(X, 1))).outcome
<Outcome.PROVED: 'proved'>
"""

from __future__ import annotations

from typing import Any

from coherence.algebra.errors import InputError
from coherence.algebra.learners import Learner
from coherence.algebra.posets import Poset, antichain, chain
from coherence.algebra.sheaves import (
    Morphism,
    Network,
    PosetPresheaf,
    Presheaf,
    constant_linear,
    finite_presheaf,
    linear_presheaf,
    poset_presheaf,
    sheafify,
)
from coherence.algebra.sheaves import chain_network as _chain_network
from coherence.checks import sheaf_checks as sc
from coherence.checks.vocab_learners import to_decision
from coherence.checks.vocabulary import Decision, register

AREA = "sheaves"


def _int(n: Any, what: str) -> int:
    from fractions import Fraction

    if isinstance(n, Fraction) and n.denominator == 1:
        n = int(n)
    if not isinstance(n, int) or isinstance(n, bool) or not 0 <= n <= 64:
        raise InputError(f"expected {what} (an integer 0..64)", got=repr(n))
    return n


def _poset(X: Any) -> Poset:
    if not isinstance(X, Poset):
        raise InputError("expected a finite poset (alexandrov(...), chain_space(n))",
                         got=type(X).__name__)
    return X


def _presheaf(F: Any) -> Presheaf:
    if not isinstance(F, Presheaf):
        raise InputError("expected a presheaf", got=type(F).__name__)
    return F


def _point(x: Any) -> Any:
    from fractions import Fraction

    if isinstance(x, Fraction) and x.denominator == 1:
        return int(x)
    return x


def _flat(x: Any) -> tuple:
    """The entries of a list/tuple or of a numeric list the reader made a Matrix."""
    from coherence.checks.evaluate import Matrix

    if isinstance(x, Matrix):
        return tuple(_point(v) for row in x.rows for v in row)
    if isinstance(x, tuple | list):
        return tuple(v for item in x for v in (_flat(item) if isinstance(item, tuple | list | Matrix)
                                               else (_point(item),)))
    raise InputError("expected a list", got=repr(x))


def _rows(x: Any) -> tuple[tuple, ...]:
    """A list of rows (pairs, matrix rows), whether or not the reader made it a Matrix."""
    from coherence.checks.evaluate import Matrix

    if isinstance(x, Matrix):
        return tuple(tuple(_point(v) for v in row) for row in x.rows)
    if isinstance(x, tuple | list):
        return tuple(_flat(r) if isinstance(r, tuple | list | Matrix) else (_point(r),)
                     for r in x)
    raise InputError("expected a list of rows", got=repr(x))


def _open(X: Poset, U: Any) -> frozenset:
    if not isinstance(U, tuple | list) and type(U).__name__ != "Matrix":
        raise InputError("expected an open as a list of points", got=repr(U))
    return frozenset(_flat(U))


@register("alexandrov", kind="constructor", min_args=2, max_args=2, area=AREA,
          signature="alexandrov(points, covers)",
          doc="The finite poset with these points and cover pairs [x, y] (x ⋖ y), as a space "
              "whose opens are the up-sets.")
def make_poset(points: Any, covers: Any) -> Poset:
    """A poset from its Hasse diagram.

    >>> len(make_poset([0, 1, 2], [[0, 1], [0, 2]]).opens())
    5
    """
    return Poset.from_covers(list(_flat(points)), [tuple(c) for c in _rows(covers)])


@register("chain_space", kind="constructor", min_args=1, max_args=1, area=AREA,
          signature="chain_space(n)", doc="The chain 0 ≤ 1 ≤ … ≤ n−1 (n points).")
def make_chain(n: Any) -> Poset:
    """A chain.

    >>> make_chain(2).covers
    ((0, 1),)
    """
    return chain(_int(n, "a number of points") or 1)


@register("antichain_space", kind="constructor", min_args=1, max_args=1, area=AREA,
          signature="antichain_space(n)", doc="n incomparable points (a discrete space).")
def make_antichain(n: Any) -> Poset:
    """A discrete space.

    >>> len(make_antichain(2).opens())
    4
    """
    return antichain(_int(n, "a number of points") or 1)


@register("count_opens", kind="function", min_args=1, max_args=1, area=AREA,
          signature="count_opens(X)", doc="The number of opens (up-sets) of X, ∅ included.")
def count_opens(X: Any) -> int:
    """How many opens.

    >>> count_opens(make_chain(4))
    5
    """
    return len(_poset(X).opens())


@register("finite_presheaf", kind="constructor", min_args=3, max_args=3, area=AREA,
          signature="finite_presheaf(X, sections, restrictions)",
          doc="Sets on the opens of X: sections = [[open, [elements]], …], restrictions = "
              "[[U, V, [[s, t], …]], …] (a table s ↦ t for V ⊆ U).")
def make_finite(X: Any, sections: Any, restrictions: Any) -> Presheaf:
    """A presheaf of finite sets.

    >>> F = make_finite(make_chain(1), [[[0], ["a"]], [[], ["*"]]], [[[0], [], [["a", "*"]]]])
    >>> F.restrict(frozenset({0}), frozenset(), "a")
    '*'
    """
    P = _poset(X)
    secs = {_open(P, U): _flat(elems) for U, elems in sections}
    maps = {(_open(P, U), _open(P, V)): {a: b for a, b in _rows(table)}
            for U, V, table in restrictions}
    return finite_presheaf("F", P, secs, maps)


@register("poset_presheaf", kind="constructor", min_args=3, max_args=3, area=AREA,
          signature="poset_presheaf(X, sets, maps)",
          doc="A presheaf of finite sets on the poset itself: sets = [[x, [elements]], …], "
              "maps = [[x, y, [[s, t], …]], …] for each cover x ⋖ y.")
def make_poset_presheaf(X: Any, sets: Any, maps: Any) -> PosetPresheaf:
    """A presheaf on a poset.

    >>> G = make_poset_presheaf(make_chain(2), [[0, ["a", "b"]], [1, ["c"]]],
    ...                         [[0, 1, [["a", "c"], ["b", "c"]]]])
    >>> G.map(0, 1)["b"]
    'c'
    """
    P = _poset(X)
    pts = {x: _flat(elems) for x, elems in ((_point(r[0]), r[1]) for r in sets)}
    tables = {(_point(x), _point(y)): {a: b for a, b in _rows(t)} for x, y, t in maps}
    return poset_presheaf("G", P, "finite", pts, tables)


@register("on_opens", kind="function", min_args=1, max_args=1, area=AREA,
          signature="on_opens(G)",
          doc="The presheaf on the opens defined by a presheaf G on the poset (compatible "
              "families over each up-set).")
def on_opens(G: Any) -> Presheaf:
    """``G`` on the Alexandrov space.

    >>> G = make_poset_presheaf(make_chain(1), [[0, ["a"]]], [])
    >>> on_opens(G).sections[frozenset()]
    ((),)
    """
    if not isinstance(G, PosetPresheaf):
        raise InputError("expected a presheaf on a poset (poset_presheaf(...))",
                         got=type(G).__name__)
    return G.on_opens()


@register("is_poset_presheaf", kind="decider", min_args=1, max_args=1, area=AREA,
          signature="is_poset_presheaf(G)",
          doc="A presheaf on a poset is a functor: every square of covers commutes (refuted "
              "with the points and the element).")
def decide_poset_presheaf(G: Any) -> Decision:
    """Functoriality on the poset.

    >>> G = make_poset_presheaf(make_chain(2), [[0, ["a"]], [1, ["c"]]], [[0, 1, [["a", "c"]]]])
    >>> decide_poset_presheaf(G).outcome
    <Outcome.PROVED: 'proved'>
    """
    if not isinstance(G, PosetPresheaf):
        raise InputError("expected a presheaf on a poset (poset_presheaf(...))",
                         got=type(G).__name__)
    return to_decision(sc.check_poset_presheaf(G))


@register("linear_presheaf", kind="constructor", min_args=3, max_args=3, area=AREA,
          signature="linear_presheaf(X, dims, restrictions)",
          doc="ℚ-vector spaces on the opens of X: dims = [[open, d], …], restrictions = "
              "[[U, V, matrix], …] with exact d_V×d_U matrices.")
def make_linear(X: Any, dims: Any, restrictions: Any) -> Presheaf:
    """A presheaf of vector spaces.

    >>> F = make_linear(make_chain(1), [[[0], 1], [[], 0]], [])
    >>> F.sections[frozenset()]
    0
    """
    P = _poset(X)
    d = {_open(P, U): _int(n, "a dimension") for U, n in dims}
    maps = {(_open(P, U), _open(P, V)): [list(r) for r in _rows(M)] for U, V, M in restrictions}
    return linear_presheaf("F", P, d, maps)


@register("constant_presheaf", kind="constructor", min_args=2, max_args=2, area=AREA,
          signature="constant_presheaf(X, d)",
          doc="ℚ^d on every open, ∅ included, identity restrictions (not a sheaf for d > 0).")
def make_constant(X: Any, d: Any) -> Presheaf:
    """The constant presheaf.

    >>> make_constant(make_chain(1), 2).sections[frozenset()]
    2
    """
    return constant_linear(_poset(X), _int(d, "a dimension"))


@register("sheafify", kind="function", min_args=1, max_args=1, area=AREA,
          signature="sheafify(F)", doc="The sheafification aF of a finite or linear presheaf.")
def make_sheafify(F: Any) -> Presheaf:
    """``aF``.

    >>> make_sheafify(make_constant(make_chain(1), 2)).sections[frozenset()]
    0
    """
    return sheafify(_presheaf(F))[0]


@register("sheafification_unit", kind="function", min_args=1, max_args=1, area=AREA,
          signature="sheafification_unit(F)", doc="The unit morphism F → aF.")
def make_unit(F: Any) -> Morphism:
    """The unit ``F → aF``.

    >>> make_unit(make_constant(make_chain(1), 1)).name
    'η_ℚ^1'
    """
    return sheafify(_presheaf(F))[1]


@register("chain_network", kind="constructor", min_args=1, max_args=1, area=AREA,
          signature="chain_network([f, g, …])",
          doc="The network A₀ → … → A_p of a chain of learners, with its sheaves W, X and β.")
def make_network(learners: Any) -> Network:
    """A network.

    >>> from coherence.checks.vocab_learners import make_identity
    >>> len(make_network([make_identity(["x"])]).poset.points)
    2
    """
    if not isinstance(learners, tuple | list) or not all(isinstance(f, Learner)
                                                          for f in learners):
        raise InputError("expected a list of learners", got=repr(learners)[:60])
    return _chain_network(list(learners))


def _net(n: Any) -> Network:
    if not isinstance(n, Network):
        raise InputError("expected a network (chain_network([...]))", got=type(n).__name__)
    return n


@register("network_W", kind="function", min_args=1, max_args=1, area=AREA,
          signature="network_W(net)", doc="The weights sheaf W: W(U_i) = ∏_{j≥i} P_j.")
def network_W(net: Any) -> Presheaf:
    """W of a network.

    >>> network_W(make_network([])).name
    'W'
    """
    return _net(net).W


@register("network_X", kind="function", min_args=1, max_args=1, area=AREA,
          signature="network_X(net)", doc="The states sheaf X: X(U_i) = A_i × W(U_i).")
def network_X(net: Any) -> Presheaf:
    """X of a network.

    >>> network_X(make_network([])).name
    'X'
    """
    return _net(net).X


@register("network_beta", kind="function", min_args=1, max_args=1, area=AREA,
          signature="network_beta(net)", doc="The candidate back-propagation map β: X → X.")
def network_beta(net: Any) -> Morphism:
    """β of a network.

    >>> network_beta(make_network([])).name
    'β'
    """
    return _net(net).beta


@register("is_sheaf", kind="decider", min_args=1, max_args=1, area=AREA,
          signature="is_sheaf(F)",
          doc="Locality and gluing on every open cover, decided exactly; refuted with the "
              "open, cover and sections.")
def decide_sheaf(F: Any) -> Decision:
    """The sheaf condition.

    >>> decide_sheaf(network_W(make_network([]))).outcome
    <Outcome.PROVED: 'proved'>
    """
    return to_decision(sc.check_sheaf(_presheaf(F)))


@register("restrictions_compose", kind="decider", min_args=1, max_args=1, area=AREA,
          signature="restrictions_compose(F)",
          doc="F is a presheaf: ρ_VW∘ρ_UV = ρ_UW for all W ⊆ V ⊆ U.")
def decide_presheaf(F: Any) -> Decision:
    """Presheaf functoriality.

    >>> decide_presheaf(make_constant(make_chain(2), 1)).outcome
    <Outcome.PROVED: 'proved'>
    """
    return to_decision(sc.check_presheaf(_presheaf(F)))


@register("commutes_with_restrictions", kind="decider", min_args=1, max_args=1, area=AREA,
          signature="commutes_with_restrictions(eta)",
          doc="A morphism of presheaves is natural: every square commutes (refuted with "
              "the open and the section).")
def decide_natural(eta: Any) -> Decision:
    """Naturality.

    >>> decide_natural(make_unit(make_constant(make_chain(2), 1))).outcome
    <Outcome.PROVED: 'proved'>
    """
    if not isinstance(eta, Morphism):
        raise InputError("expected a morphism of presheaves", got=type(eta).__name__)
    return to_decision(sc.check_natural(eta))


@register("is_sheaf_morphism", kind="decider", min_args=1, max_args=1, area=AREA,
          signature="is_sheaf_morphism(net)",
          doc="The network's β: X → X commutes with every restriction (the condition on U, r "
              "is in the detail).")
def decide_beta(net: Any) -> Decision:
    """β as a sheaf morphism.

    >>> decide_beta(make_network([])).outcome
    <Outcome.PROVED: 'proved'>
    """
    return to_decision(sc.check_sheaf_morphism(_net(net)))
