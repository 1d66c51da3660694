"""Verdicts on presheaves over finite posets: functoriality, the sheaf condition,
naturality of morphisms, β of a network, and the count of opens of a chain.

* :func:`check_presheaf` — restrictions compose (every path of given restrictions
  agrees), decided exhaustively (finite), by exact matrices (linear) or exact identity
  (symbolic);
* :func:`check_sheaf` — locality and gluing for the cover ``{↑x : x ∈ U}`` of every open
  U (on a finite space this is equivalent to the sheaf condition for all covers), with
  the failing open, cover and sections;
* :func:`check_natural` / :func:`check_sheaf_morphism` — every square commutes, refuted
  with the open and the section;
* :func:`check_chain_opens` — a chain of p + 1 points has p + 2 opens (with ∅).

Examples
--------
>>> from coherence.algebra.posets import chain
>>> from coherence.algebra.sheaves import constant_linear, sheafify
>>> F = constant_linear(chain(2), 1)
>>> check_sheaf(F).outcome, check_sheaf(sheafify(F)[0]).outcome
(<Outcome.REFUTED: 'refuted'>, <Outcome.PROVED: 'proved'>)
"""

from __future__ import annotations

import time
from typing import Any

from coherence.algebra.learners import (
    POINT,
    FiniteSet,
    Real,
    compare_maps,
    generic_points,
    show,
)
from coherence.algebra.posets import Open, Poset, chain
from coherence.algebra.sheaves import Morphism, Network, PosetPresheaf, Presheaf, apply
from coherence.checks.verdict import Outcome, Verdict
from sympy.polys.domains import QQ
from sympy.polys.matrices import DomainMatrix


def _v(id_: str, outcome: Outcome, t0: float, **kw: Any) -> Verdict:
    return Verdict(id_, outcome, seconds=time.perf_counter() - t0, **kw)


def _sec(F: Presheaf, s: Any) -> str:
    if F.kind == "linear":
        return "(" + ", ".join(str(x) for x in s) + ")"
    return show(s)


def _basis(n: int) -> list[tuple]:
    return [tuple(QQ(1) if i == j else QQ(0) for i in range(n)) for j in range(n)]


# ----------------------------------------------------------------------- functoriality


def check_presheaf(F: Presheaf) -> Verdict:
    """Restrictions compose: for every given ``ρ_{UV}`` and every open ``W ⊆ V``,
    ``ρ_{VW}∘ρ_{UV} = ρ_{UW}`` (the fixed composites); a given ``ρ_{UU}`` is the identity.

    >>> from coherence.algebra.posets import antichain
    >>> from coherence.algebra.sheaves import finite_presheaf
    >>> P = antichain(2); X, A, B, E = P.opens()[3], P.up(0), P.up(1), frozenset()
    >>> F = finite_presheaf("F", P, {X: (0, 1), A: (0, 1), B: (0,), E: (0, 1)},
    ...     {(X, A): {0: 0, 1: 1}, (X, B): {0: 0, 1: 0}, (A, E): {0: 0, 1: 1},
    ...      (B, E): {0: 0}})
    >>> v = check_presheaf(F); v.outcome, v.witness_text
    (<Outcome.REFUTED: 'refuted'>, 'U = {0, 1}, V = {0}, W = ∅, s = 1')
    """
    t0 = time.perf_counter()
    statement = f"{F.name} is a presheaf: ρ_VW∘ρ_UV = ρ_UW for all W ⊆ V ⊆ U"
    P = F.poset
    checked = 0
    methods = {"finite": "exhaustive enumeration", "linear": "exact matrix identity",
               "symbolic": "exact symbolic identity"}
    for (U, V), m in F.maps.items():
        targets = [W for W in P.opens() if W <= V] if U != V else [U]
        for W in targets:
            checked += 1
            if F.kind == "linear":
                from coherence.algebra.sheaves import _mul

                lhs = _mul(F.matrix(V, W), m) if U != V else m
                rhs = F.matrix(U, W) if U != V else DomainMatrix.eye(F.sections[U], QQ)
                if lhs.shape != rhs.shape or lhs != rhs:
                    for s in _basis(F.sections[U]):
                        a = F.restrict(V, W, F.apply_map(m, s)) if U != V else F.apply_map(m, s)
                        b = F.restrict(U, W, s) if U != V else s
                        if a != b:
                            return _refute_functor(F, U, V, W, s, a, b, statement, t0,
                                                   methods["linear"])
                continue
            for s, _syms in _sections(F, U):
                a = F.restrict(V, W, F.apply_map(m, s)) if U != V else F.apply_map(m, s)
                b = F.restrict(U, W, s) if U != V else s
                if F.kind == "finite":
                    if a != b:
                        return _refute_functor(F, U, V, W, s, a, b, statement, t0,
                                               methods["finite"])
                    continue
                status, how, diff = compare_maps(
                    lambda x, V=V, W=W, m=m, U=U: (F.restrict(V, W, F.apply_map(m, x))
                                                   if U != V else F.apply_map(m, x)),
                    lambda x, U=U, V=V, W=W: F.restrict(U, W, x) if U != V else x,
                    [F.sections[U]], F.sections[W])
                if status == "different":
                    return _refute_functor(F, U, V, W, diff.args[0], diff.lhs, diff.rhs,
                                           statement, t0, how)
                if status == "unknown":
                    return _v("presheaf", Outcome.UNKNOWN, t0, statement=statement,
                              method=methods["symbolic"], detail=how)
                break  # compare_maps already covered every section of F(U)
    return _v("presheaf", Outcome.PROVED, t0, statement=statement,
              method=f"{methods[F.kind]} over {checked} composable pairs")


def _sections(F: Presheaf, U: Open) -> Any:
    if F.kind == "finite":
        return ((s, {}) for s in F.sections[U])
    pts, syms = next(generic_points([F.sections[U]]))
    return [(pts[0], syms)]


def _refute_functor(F: Presheaf, U: Open, V: Open, W: Open, s: Any, a: Any, b: Any,
                    statement: str, t0: float, method: str) -> Verdict:
    n = F.poset.name
    return _v("presheaf", Outcome.REFUTED, t0, statement=statement, method=method,
              witness=(("U", n(U)), ("V", n(V)), ("W", n(W)), ("s", _sec(F, s))),
              lhs=f"ρ_VW(ρ_UV(s)) = {_sec(F, a)}", rhs=f"ρ_UW(s) = {_sec(F, b)}",
              witness_values=(U, V, W, s))


def check_poset_presheaf(G: PosetPresheaf) -> Verdict:
    """A presheaf on a poset is a functor: for every cover ``x ⋖ z`` and every ``y ≥ z``,
    ``F(z→y)∘F(x→z) = F(x→y)`` (all paths of covers agree), refuted with the points and
    the element (finite: exhaustive; linear: exact matrices).

    >>> from coherence.algebra.posets import Poset
    >>> from coherence.algebra.sheaves import poset_presheaf
    >>> D = Poset.from_covers(range(4), [(0, 1), (0, 2), (1, 3), (2, 3)])
    >>> G = poset_presheaf("G", D, "linear", {x: 1 for x in range(4)},
    ...                    {(0, 1): [[1]], (0, 2): [[2]], (1, 3): [[1]], (2, 3): [[1]]})
    >>> v = check_poset_presheaf(G); v.outcome, v.witness_text
    (<Outcome.REFUTED: 'refuted'>, 'x ⋖ z = 0 ⋖ 2, y = 3, s = (1)')
    """
    t0 = time.perf_counter()
    P = G.poset
    statement = f"{G.name} is a presheaf on the poset (every square of covers commutes)"
    n = 0
    for x, z in P.covers:
        for y in P.points:
            if not P.leq(z, y):
                continue
            n += 1
            direct = G.map(x, y)
            first, then = G.covers[(x, z)], G.map(z, y)
            if G.kind == "linear":
                from coherence.algebra.sheaves import _mul

                if _mul(then, first) == direct:
                    continue
                for s in _basis(G.sets[x]):
                    a = apply("linear", then, apply("linear", first, s))
                    b = apply("linear", direct, s)
                    if a != b:
                        return _refute_poset(G, x, z, y, _sec_lin(s), _sec_lin(a), _sec_lin(b),
                                             statement, t0, "exact matrices")
                continue
            for s in G.sets[x]:
                if then[first[s]] != direct[s]:
                    return _refute_poset(G, x, z, y, show(s), show(then[first[s]]),
                                         show(direct[s]), statement, t0,
                                         "exhaustive enumeration")
    return _v("poset-presheaf", Outcome.PROVED, t0, statement=statement,
              method=f"{'exact matrices' if G.kind == 'linear' else 'exhaustive enumeration'}"
                     f" on {n} cover/point pairs")


def _sec_lin(s: Any) -> str:
    return "(" + ", ".join(str(x) for x in s) + ")"


def _refute_poset(G: PosetPresheaf, x: Any, z: Any, y: Any, s: str, a: str, b: str,
                  statement: str, t0: float, method: str) -> Verdict:
    return _v("poset-presheaf", Outcome.REFUTED, t0, statement=statement, method=method,
              witness=(("x ⋖ z", f"{x} ⋖ {z}"), ("y", str(y)), ("s", s)),
              lhs=f"F({z}→{y})(F({x}→{z})(s)) = {a}", rhs=f"F({x}→{y})(s) = {b} (path "
              f"{' → '.join(map(str, G.path(x, y)))})", witness_values=(x, z, y))


def _unique_paths(F: Presheaf) -> bool:
    """Whether the given restrictions leave no choice: no ``ρ_UU`` is given and between
    any two opens there is at most one path of given maps (e.g. a chain with maps on its
    covers) — then the fixed composites are the only ones and F is a presheaf."""
    if any(U == V for U, V in F.maps):
        return False
    out: dict[Open, list[Open]] = {}
    for U, V in F.maps:
        out.setdefault(U, []).append(V)
    # every given map goes to a strictly smaller open: larger opens first is a
    # topological order, in which the number of paths from ``start`` is propagated
    order = sorted({U for pair in F.maps for U in pair}, key=len, reverse=True)
    for start in order:
        count = {start: 1}
        for U in order:
            for V in out.get(U, ()) if U in count else ():
                count[V] = count.get(V, 0) + count[U]
                if count[V] > 1:
                    return False
    return True


def _presheaf_obstacle(F: Presheaf) -> Verdict | None:
    """``None`` when F is a presheaf (unique paths, or :func:`check_presheaf` proves it),
    else that check's verdict (refuted or undecided)."""
    if _unique_paths(F):
        return None
    v = check_presheaf(F)
    return None if v.outcome is Outcome.PROVED else v


# ------------------------------------------------------------------- sheaf condition


def check_sheaf(F: Presheaf) -> Verdict:
    """The sheaf condition, decided exactly.

    For every open U (∅ first, then by size), with the cover ``{↑x : x ∈ U}``:
    locality (two sections with the same restrictions are equal) on every open first,
    then gluing (every compatible family glues). Finite presheaves are enumerated;
    linear ones use exact ranks and kernels; symbolic ones are decided when every
    nonempty open has a least point (e.g. a chain), where only F(∅) matters.

    >>> from coherence.algebra.posets import antichain
    >>> from coherence.algebra.sheaves import finite_presheaf
    >>> P = antichain(2); X, A, B, E = P.opens()[3], P.up(0), P.up(1), frozenset()
    >>> F = finite_presheaf("F", P, {X: ((0, 0),), A: (0, 1), B: (0,), E: ("*",)},
    ...     {(X, A): {(0, 0): 0}, (X, B): {(0, 0): 0}, (A, E): {0: "*", 1: "*"},
    ...      (B, E): {0: "*"}})
    >>> v = check_sheaf(F); v.outcome, v.witness_text
    (<Outcome.REFUTED: 'refuted'>, 'U = {0, 1}, cover = {↑0, ↑1}, family = (1, 0)')
    """
    t0 = time.perf_counter()
    statement = f"{F.name} is a sheaf (locality and gluing for every open cover)"
    P = F.poset
    # the reduction to the covers {↑x} (and the rank test for gluing) needs restrictions
    # that compose: a non-presheaf is not a sheaf, whatever its ranks
    pre = _presheaf_obstacle(F)
    if pre is not None:
        if pre.outcome is Outcome.REFUTED:
            return _v("sheaf", Outcome.REFUTED, t0, statement=statement,
                      method=f"not a presheaf ({pre.method})", witness=pre.witness,
                      lhs=pre.lhs, rhs=pre.rhs, witness_values=pre.witness_values,
                      detail="a sheaf is a presheaf; these restrictions do not compose")
        return _v("sheaf", Outcome.UNKNOWN, t0, statement=statement,
                  method="presheaf check first", detail=f"functoriality undecided: "
                                                        f"{pre.detail or pre.method}")
    if F.kind == "symbolic":
        return _symbolic_sheaf(F, statement, t0)
    for U in P.opens():  # locality everywhere first
        res = _locality(F, U)
        if res is not None:
            s, t = res
            return _v("sheaf", Outcome.REFUTED, t0, statement=statement,
                      method=_method(F) + ": locality fails",
                      witness=(("U", P.name(U)), ("cover", _cover(P, U)),
                               ("s, t", f"{_sec(F, s)}, {_sec(F, t)}")),
                      lhs=f"s = {_sec(F, s)}", rhs=f"t = {_sec(F, t)}",
                      detail="s ≠ t but they restrict to the same section on every member "
                             "of the cover", witness_values=(U, s, t))
    for U in P.opens():
        fam = _gluing(F, U)
        if fam is not None:
            return _v("sheaf", Outcome.REFUTED, t0, statement=statement,
                      method=_method(F) + ": gluing fails",
                      witness=(("U", P.name(U)), ("cover", _cover(P, U)),
                               ("family", show(fam))),
                      lhs=f"compatible family {show(fam)} on the cover",
                      rhs=f"no section of {F.name}({P.name(U)}) restricts to it",
                      witness_values=(U, fam))
    return _v("sheaf", Outcome.PROVED, t0, statement=statement,
              method=_method(F) + f" on all {len(P.opens())} opens (covers by ↑x)")


def _method(F: Presheaf) -> str:
    return "exhaustive enumeration" if F.kind == "finite" else "exact linear algebra (ranks)"


def _cover(P: Poset, U: Open) -> str:
    return "{" + ", ".join(f"↑{x}" for x in P.points if x in U) + "}"


def _pts(P: Poset, U: Open) -> list:
    return [x for x in P.points if x in U]


def _stack(F: Presheaf, U: Open) -> DomainMatrix:
    """The matrix F(U) → ⊕_{x∈U} F(↑x)."""
    P = F.poset
    rows: list[list[Any]] = []
    for x in _pts(P, U):
        M = F.matrix(U, P.up(x))
        if M.shape[0] and M.shape[1]:
            rows.extend(M.to_list())
        else:
            rows.extend([[QQ(0)] * F.sections[U]] * M.shape[0])
    n = F.sections[U]
    if not rows or not n:
        return DomainMatrix.zeros((len(rows), n), QQ)
    return DomainMatrix(rows, (len(rows), n), QQ)


def _locality(F: Presheaf, U: Open) -> tuple[Any, Any] | None:
    P = F.poset
    if F.kind == "finite":
        seen: dict[tuple, Any] = {}
        for s in F.sections[U]:
            key = tuple(F.restrict(U, P.up(x), s) for x in _pts(P, U))
            if key in seen:
                return seen[key], s
            seen[key] = s
        return None
    n = F.sections[U]
    if n == 0:
        return None
    S = _stack(F, U)
    if S.shape[0] and S.rank() == n:
        return None
    if not S.shape[0]:
        v = _basis(n)[0]
    else:
        N = S.nullspace()
        v = tuple(N.to_list()[0])
    return v, tuple(QQ(0) for _ in range(n))


def _gluing(F: Presheaf, U: Open) -> tuple | None:
    from coherence.algebra.sheaves import _families, _kernel_basis

    P = F.poset
    pts = _pts(P, U)
    sets = {x: F.sections[P.up(x)] for x in pts}
    if F.kind == "finite":
        maps = {(x, y): {s: F.restrict(P.up(x), P.up(y), s) for s in sets[x]}
                for x in pts for y in pts if x != y and P.leq(x, y)}
        fams = _families(P, U, sets, maps)
        images = {tuple(F.restrict(U, P.up(x), s) for x in pts) for s in F.sections[U]}
        for fam in fams:
            if fam not in images:
                return fam
        return None
    maps = {(x, y): F.matrix(P.up(x), P.up(y)) for x in pts for y in pts
            if x != y and P.leq(x, y)}
    K = _kernel_basis(P, U, sets, maps)  # columns span the compatible families
    k = K.shape[1]
    if k == 0:
        return None
    S = _stack(F, U)
    r = S.rank() if S.shape[0] and S.shape[1] else 0
    if r == k:
        return None
    for j in range(k):
        col = [row[j] for row in K.to_list()]
        if _rank_with(S, col) > r:
            return tuple(_split(col, pts, sets))
    return None


def _rank_with(S: DomainMatrix, col: list) -> int:
    rows = S.to_list() if S.shape[1] else [[] for _ in range(S.shape[0])]
    aug = [r + [c] for r, c in zip(rows, col, strict=True)]
    return DomainMatrix(aug, (len(aug), len(aug[0])), QQ).rank()


def _split(col: list, pts: list, sets: dict) -> list:
    out, i = [], 0
    for x in pts:
        out.append(tuple(col[i:i + sets[x]]))
        i += sets[x]
    return out


def _symbolic_sheaf(F: Presheaf, statement: str, t0: float) -> Verdict:
    P = F.poset
    empty = F.sections[frozenset()]
    size = _point_count(empty)
    if size is not None and size != 1:
        if size == 0:
            return _v("sheaf", Outcome.REFUTED, t0, statement=statement,
                      method="gluing for the empty cover", witness=(("U", "∅"), ("cover", "{}")),
                      lhs="the empty family", rhs=f"{F.name}(∅) is empty")
        s, t = _two_points(empty)
        return _v("sheaf", Outcome.REFUTED, t0, statement=statement,
                  method="locality for the empty cover",
                  witness=(("U", "∅"), ("cover", "{}"), ("s, t", f"{show(s)}, {show(t)}")),
                  lhs=f"s = {show(s)}", rhs=f"t = {show(t)}",
                  detail=f"{F.name}(∅) = {empty} has more than one section")
    if size is None:
        return _v("sheaf", Outcome.UNKNOWN, t0, statement=statement,
                  method="size of the sections over ∅", detail=f"{F.name}(∅) = {empty}")
    rest = [U for U in P.opens() if U and not any(P.up(x) == U for x in U)]
    if rest:
        return _v("sheaf", Outcome.UNKNOWN, t0, statement=statement,
                  method="least-point argument",
                  detail=f"open {P.name(rest[0])} has no least point and its sections are "
                         "symbolic: gluing is not decided for non-finite data")
    return _v("sheaf", Outcome.PROVED, t0, statement=statement,
              method="every nonempty open is ↑x for a point x, so each of its covers contains "
                     f"it; {F.name}(∅) is a single point")


def _point_count(space: Any) -> int | None:
    if isinstance(space, FiniteSet):
        return len(space.elements)
    if isinstance(space, Real):
        return 1 if not space.coords else None
    a, b = _point_count(space.left), _point_count(space.right)
    if a == 0 or b == 0:
        return 0
    return None if a is None or b is None else a * b


def _two_points(space: Any) -> tuple[Any, Any]:
    from coherence.algebra.learners import build_point, leaves

    lv = leaves(space)
    first = [leaf.elements[0] if isinstance(leaf, FiniteSet) else 0 for leaf in lv]
    second = list(first)
    for i, leaf in enumerate(lv):
        if isinstance(leaf, Real):
            second[i] = 1
            break
        if len(leaf.elements) > 1:
            second[i] = leaf.elements[1]
            break
    return build_point(space, first), build_point(space, second)


# ---------------------------------------------------------------------- naturality


def check_natural(eta: Morphism, *, law: str = "naturality") -> Verdict:
    """Every square ``ρ^G_{UV}∘η_U = η_V∘ρ^F_{UV}`` commutes (Hasse inclusions, which
    suffice when F and G are presheaves — see :func:`check_presheaf`), refuted with the
    open and the section.

    >>> from coherence.algebra.posets import chain
    >>> from coherence.algebra.sheaves import constant_linear, identity_morphism
    >>> check_natural(identity_morphism(constant_linear(chain(2), 1))).outcome
    <Outcome.PROVED: 'proved'>
    """
    t0 = time.perf_counter()
    F, G = eta.source, eta.target
    P = F.poset
    statement = f"{eta.name}: {F.name} → {G.name} is natural (every square commutes)"
    methods = set()
    for U, V in P.open_covers():
        def lhs(s: Any, U: Open = U, V: Open = V) -> Any:
            return G.restrict(U, V, eta.at(U, s))

        def rhs(s: Any, U: Open = U, V: Open = V) -> Any:
            return eta.at(V, F.restrict(U, V, s))

        if F.kind == "finite":
            for s in F.sections[U]:
                if lhs(s) != rhs(s):
                    return _refute_nat(eta, U, V, s, lhs(s), rhs(s), statement, t0,
                                       "exhaustive enumeration", law)
            methods.add("exhaustive enumeration")
        elif F.kind == "linear":
            for s in _basis(F.sections[U]):
                if lhs(s) != rhs(s):
                    return _refute_nat(eta, U, V, s, lhs(s), rhs(s), statement, t0,
                                       "exact linear algebra (basis vectors)", law)
            methods.add("exact linear algebra")
        else:
            status, how, diff = compare_maps(lhs, rhs, [F.sections[U]], G.sections[V])
            if status == "different":
                return _refute_nat(eta, U, V, diff.args[0], diff.lhs, diff.rhs, statement,
                                   t0, how, law)
            if status == "unknown":
                return _v(law, Outcome.UNKNOWN, t0, statement=statement,
                          method="exact symbolic comparison",
                          detail=f"square {P.name(U)} → {P.name(V)}: {how}")
            methods.add(how)
    for H in (F, G):  # Hasse squares suffice only when restrictions compose
        pre = _presheaf_obstacle(H)
        if pre is not None:
            return _v(law, Outcome.UNKNOWN, t0, statement=statement,
                      method="every Hasse square commutes",
                      detail=f"that implies every square only between presheaves, and "
                             f"{H.name} is {'not' if pre.outcome is Outcome.REFUTED else 'not known to be'}"
                             f" a presheaf ({pre.method}; {pre.witness_text or pre.detail})")
    return _v(law, Outcome.PROVED, t0, statement=statement,
              method=", ".join(sorted(methods)) + f" on {len(P.open_covers())} squares")


def _refute_nat(eta: Morphism, U: Open, V: Open, s: Any, a: Any, b: Any, statement: str,
                t0: float, method: str, law: str) -> Verdict:
    n = eta.source.poset.name
    return _v(law, Outcome.REFUTED, t0, statement=statement, method=method,
              witness=(("U", n(U)), ("V", n(V)), ("s", _sec(eta.source, s))),
              lhs=f"ρ_UV({eta.name}_U(s)) = {_sec(eta.target, a)}",
              rhs=f"{eta.name}_V(ρ_UV(s)) = {_sec(eta.target, b)}", witness_values=(U, V, s))


BETA_CONDITION = ("β commutes with the restriction U_i → U_{i+1} iff, with b = I_i(p_i, a_i): "
                  "U_{i+1}(p_{i+1}, b, I_{i+1}(p_{i+1}, b)) = p_{i+1} and "
                  "r_{i+1}(p_{i+1}, b, I_{i+1}(p_{i+1}, b)) = I_i(U_i(p_i, a_i, b), "
                  "r_i(p_i, a_i, b)) (for the last layer: I_i(U_i(…), r_i(…)) = b)")


def check_sheaf_morphism(net: Network) -> Verdict:
    """Whether the candidate back-propagation map β: X → X of a network is a sheaf
    morphism (commutes with every restriction); the condition is in the detail.

    >>> from coherence.algebra.learners import Learner, Real
    >>> f = Learner.from_expressions("f", P=Real(("w",)), A=Real(("x",)), B=Real(("y",)),
    ...     I=["w*x"], U=["w + 1"], r=["x"])
    >>> from coherence.algebra.sheaves import chain_network
    >>> v = check_sheaf_morphism(chain_network([f]))
    >>> v.outcome, v.witness_text
    (<Outcome.REFUTED: 'refuted'>, 'U = {0, 1}, V = {1}, s = ((1), ((0), ∗))')
    """
    v = check_natural(net.beta, law="beta-sheaf-morphism")
    return v.with_(statement="β: X → X is a sheaf morphism (commutes with restrictions)",
                   detail="; ".join(x for x in (v.detail, BETA_CONDITION) if x))


# ---------------------------------------------------------------------- opens of a chain


def check_chain_opens(p: int, expected: int) -> Verdict:
    """The chain ``0 ≤ … ≤ p`` (p + 1 points) has ``expected`` opens, ∅ included —
    decided by enumerating its up-sets.

    >>> check_chain_opens(3, 5).outcome, check_chain_opens(3, 4).outcome
    (<Outcome.PROVED: 'proved'>, <Outcome.REFUTED: 'refuted'>)
    """
    t0 = time.perf_counter()
    P = chain(p + 1)
    opens = P.opens()
    names = ", ".join(P.name(U) for U in opens)
    statement = f"the chain of {p + 1} points has {expected} opens (∅ included)"
    if len(opens) == expected:
        return _v("chain-opens", Outcome.PROVED, t0, statement=statement,
                  method="exhaustive enumeration of up-sets", detail=f"opens: {names}")
    return _v("chain-opens", Outcome.REFUTED, t0, statement=statement,
              method="exhaustive enumeration of up-sets", witness=(("p", str(p)),),
              lhs=f"{len(opens)} opens: {names}", rhs=f"{expected} opens")


__all__ = ["check_presheaf", "check_poset_presheaf", "check_sheaf", "check_natural", "check_sheaf_morphism",
           "check_chain_opens", "BETA_CONDITION", "POINT"]
