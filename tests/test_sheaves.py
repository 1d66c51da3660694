"""Presheaves and sheaves on finite posets: W and X of a 3-layer chain by hand, β, the
sheaf condition, naturality, sheafification — and Hypothesis properties over random
posets and presheaves, checked against an independent brute force over covers."""

from __future__ import annotations

import itertools

import sympy
from coherence.algebra.learners import STAR, Learner, Real
from coherence.algebra.para import GradientDescent, mlp_layer, quadratic_error
from coherence.algebra.posets import Poset, antichain, chain
from coherence.algebra.sheaves import (
    Morphism,
    Presheaf,
    chain_network,
    constant_linear,
    finite_presheaf,
    identity_morphism,
    linear_presheaf,
    poset_presheaf,
    sheafify,
)
from coherence.checks.sheaf_checks import (
    check_natural,
    check_poset_presheaf,
    check_presheaf,
    check_sheaf,
    check_sheaf_morphism,
)
from coherence.checks.verdict import Outcome
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sympy.polys.domains import QQ
from sympy.polys.matrices import DomainMatrix

R = sympy.Rational


def three_layers() -> list[Learner]:
    f0 = Learner.from_expressions("f0", P=Real(("w0",)), A=Real(("x0",)), B=Real(("x1",)),
                                  I=["w0*x0"], U=["w0 + x1"], r=["x0"])
    f1 = Learner.from_expressions("f1", P=Real(("w1",)), A=Real(("x1",)), B=Real(("x2",)),
                                  I=["x1 + w1"], U=["w1"], r=["x2 - w1"])
    f2 = Learner.from_expressions("f2", P=Real(("w2",)), A=Real(("x2",)), B=Real(("x3",)),
                                  I=["w2*x2**2"], U=["w2"], r=["x2"])
    return [f0, f1, f2]


def test_w_and_x_restrictions_of_a_three_layer_chain_by_hand() -> None:
    net = chain_network(three_layers())
    P = net.poset
    U0, U1, U2, U3, E = P.up(0), P.up(1), P.up(2), P.up(3), frozenset()
    p = ((R(2),), ((R(3),), ((R(5),), STAR)))
    assert net.W.restrict(U0, U1, p) == ((3,), ((5,), STAR))
    assert net.W.restrict(U0, U3, p) == STAR
    assert net.W.restrict(U1, E, p[1]) == STAR
    s = ((R(7),), p)
    # one forward step: (a0, (p0, p')) ↦ (I0(p0, a0), p') = (14, ...)
    assert net.X.restrict(U0, U1, s) == ((14,), ((3,), ((5,), STAR)))
    # two steps: 14 + 3 = 17; three: 5·17² = 1445
    assert net.X.restrict(U0, U2, s) == ((17,), ((5,), STAR))
    assert net.X.restrict(U0, U3, s) == ((1445,), STAR)
    assert net.X.restrict(U0, E, s) == STAR
    for F in (net.W, net.X):
        assert check_presheaf(F).outcome is Outcome.PROVED
        assert check_sheaf(F).outcome is Outcome.PROVED


def test_beta_by_hand_and_refuted_for_arbitrary_learners() -> None:
    net = chain_network(three_layers())
    P = net.poset
    s = ((R(1),), ((R(2),), ((R(3),), ((R(5),), STAR))))
    # β_0: b = 2·1 = 2, r = a = 1, U = w0 + b = 4
    assert net.beta.at(P.up(0), s) == ((1,), ((4,), ((3,), ((5,), STAR))))
    v = check_sheaf_morphism(net)
    assert v.outcome is Outcome.REFUTED
    U, V, sec = v.witness_values
    lhs = net.X.restrict(U, V, net.beta.at(U, sec))
    rhs = net.beta.at(V, net.X.restrict(U, V, sec))
    assert lhs != rhs  # re-checked here, independently
    assert "U_{i+1}(p_{i+1}, b, I_{i+1}(p_{i+1}, b)) = p_{i+1}" in v.detail


def test_beta_is_a_sheaf_morphism_for_gradient_learners() -> None:
    L = GradientDescent(sympy.Symbol("eps", positive=True), quadratic_error())
    layers = [L(mlp_layer("a", 1, 2, "tanh", "x", "y")), L(mlp_layer("b", 2, 1, "id", "y", "z"))]
    assert check_sheaf_morphism(chain_network(layers)).outcome is Outcome.PROVED


def test_constant_presheaf_and_its_sheafification() -> None:
    F = constant_linear(chain(3), 2)
    v = check_sheaf(F)
    assert v.outcome is Outcome.REFUTED and ("U", "∅") in v.witness
    aF, unit = sheafify(F)
    assert check_sheaf(aF).outcome is Outcome.PROVED
    assert aF.sections[frozenset()] == 0
    assert [aF.sections[chain(3).up(i)] for i in range(3)] == [2, 2, 2]
    assert check_natural(unit).outcome is Outcome.PROVED


def test_linear_gluing_failure_on_two_points() -> None:
    P = antichain(2)
    X, A, B, E = frozenset({0, 1}), frozenset({0}), frozenset({1}), frozenset()
    # F(X) = ℚ (the diagonal), F({0}) = F({1}) = ℚ: the family (1, 0) does not glue
    F = linear_presheaf("diag", P, {X: 1, A: 1, B: 1, E: 0},
                        {(X, A): [[1]], (X, B): [[1]], (A, E): [], (B, E): []})
    assert check_presheaf(F).outcome is Outcome.PROVED
    v = check_sheaf(F)
    assert v.outcome is Outcome.REFUTED and "gluing" in v.method
    assert v.witness[0] == ("U", "{0, 1}")
    assert check_sheaf(sheafify(F)[0]).outcome is Outcome.PROVED


def test_broken_presheaf_and_broken_morphism_are_refuted() -> None:
    P = antichain(2)
    X, A, B, E = frozenset({0, 1}), frozenset({0}), frozenset({1}), frozenset()
    sets = {X: (0, 1), A: (0, 1), B: (0,), E: (0, 1)}
    bad = finite_presheaf("bad", P, sets, {(X, A): {0: 0, 1: 1}, (X, B): {0: 0, 1: 0},
                                           (A, E): {0: 0, 1: 1}, (B, E): {0: 0}})
    v = check_presheaf(bad)
    assert v.outcome is Outcome.REFUTED
    Uw, Vw, Ww, s = v.witness_values
    # the two paths X → {0} → ∅ and X → {1} → ∅ disagree at s
    assert bad.restrict(Vw, Ww, bad.apply_map(bad.maps[(Uw, Vw)], s)) != bad.restrict(Uw, Ww, s)
    F = constant_linear(chain(2), 1)
    eta = identity_morphism(F)
    comps = dict(eta.components)
    comps[chain(2).up(0)] = DomainMatrix([[QQ(2)]], (1, 1), QQ)  # doubles on one open only
    broken = Morphism("η", F, F, comps)
    nv = check_natural(broken)
    assert nv.outcome is Outcome.REFUTED
    U, V, sec = nv.witness_values
    assert F.restrict(U, V, broken.at(U, sec)) != broken.at(V, F.restrict(U, V, sec))


# ----------------------------------------------------------------- property tests


@st.composite
def posets(draw: st.DrawFn, max_points: int = 4) -> Poset:
    n = draw(st.integers(1, max_points))
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True) if pairs else st.just([]))
    return Poset.from_covers(range(n), chosen)


@st.composite
def finite_presheaves(draw: st.DrawFn, max_points: int = 4) -> Presheaf:
    """Sub-presheaves of {0,1}-valued functions, times a tag that forgets itself on small
    opens — presheaves by construction, often failing locality or gluing."""
    P = draw(posets(max_points))
    opens = P.opens()
    k = draw(st.sampled_from((1, 2, 3, 99)))
    tags = {U: 2 if len(U) >= k and U else 1 for U in opens}
    funcs: dict[frozenset, set] = {}
    for U in reversed(opens):
        pts = [x for x in P.points if x in U]
        every = list(itertools.product((0, 1), repeat=len(pts)))
        mine = set(draw(st.lists(st.sampled_from(every), max_size=2)))
        for W in opens:
            if U < W:
                wpts = [x for x in P.points if x in W]
                mine |= {tuple(f[wpts.index(x)] for x in pts) for f in funcs[W]}
        funcs[U] = mine
    sections = {U: tuple(sorted((f, t) for f in funcs[U] for t in range(tags[U])))
                for U in opens}
    maps = {}
    for U, V in P.open_covers():
        pts = [x for x in P.points if x in U]
        idx = [pts.index(x) for x in P.points if x in V]
        maps[(U, V)] = {(f, t): (tuple(f[i] for i in idx), min(t, tags[V] - 1))
                        for f, t in sections[U]}
    return finite_presheaf("F", P, sections, maps)


def classical_violation(F: Presheaf, max_members: int = 3) -> tuple | None:
    """Brute force: every cover of every open by at most ``max_members`` opens, with
    compatibility on pairwise intersections (the textbook sheaf condition)."""
    P = F.poset
    for U in P.opens():
        inside = [W for W in P.opens() if W <= U]
        for k in range(max_members + 1):
            for C in itertools.combinations(inside, k):
                if frozenset().union(*C) != U:
                    continue
                seen: dict = {}
                for s in F.sections[U]:
                    key = tuple(F.restrict(U, W, s) for W in C)
                    if seen.setdefault(key, s) != s:
                        return ("locality", U, C)
                for fam in itertools.product(*(F.sections[W] for W in C)):
                    ok = all(F.restrict(W1, W1 & W2, a) == F.restrict(W2, W1 & W2, b)
                             for (W1, a), (W2, b) in itertools.combinations(zip(C, fam, strict=True), 2))
                    if ok and not any(all(F.restrict(U, W, s) == a for W, a in zip(C, fam, strict=True))
                                      for s in F.sections[U]):
                        return ("gluing", U, C)
    return None


def _valid_refutation(F: Presheaf, v: object) -> bool:
    """Re-check a refuted sheaf verdict's witness against the textbook definition."""
    P = F.poset
    U = v.witness_values[0]
    cover = [P.up(x) for x in P.points if x in U]
    if "locality" in v.method:
        _, s, t = v.witness_values
        return s != t and all(F.restrict(U, W, s) == F.restrict(U, W, t) for W in cover)
    _, fam = v.witness_values
    compatible = all(F.restrict(W1, W1 & W2, a) == F.restrict(W2, W1 & W2, b)
                     for (W1, a), (W2, b) in itertools.combinations(zip(cover, fam, strict=True), 2))
    glued = any(all(F.restrict(U, W, s) == a for W, a in zip(cover, fam, strict=True))
                for s in F.sections[U])
    return compatible and not glued


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(finite_presheaves())
def test_generated_presheaves_are_presheaves_and_sheafify_to_sheaves(F: Presheaf) -> None:
    assert check_presheaf(F).outcome is Outcome.PROVED
    aF, unit = sheafify(F)
    assert check_presheaf(aF).outcome is Outcome.PROVED
    assert check_sheaf(aF).outcome is Outcome.PROVED
    assert check_natural(unit).outcome is Outcome.PROVED


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(finite_presheaves(max_points=3))
def test_sheaf_verdict_agrees_with_brute_force_over_covers(F: Presheaf) -> None:
    v = check_sheaf(F)
    if v.outcome is Outcome.PROVED:
        assert classical_violation(F) is None
    else:
        assert v.outcome is Outcome.REFUTED
        assert _valid_refutation(F, v)


@st.composite
def linear_presheaves(draw: st.DrawFn) -> Presheaf:
    """ℚ^{d_U} with d monotone under inclusion and coordinate projections."""
    P = draw(posets(4))
    opens = P.opens()
    weights = {x: draw(st.integers(0, 1)) for x in P.points}
    base = draw(st.integers(0, 1))
    dims = {U: (base if U else draw(st.integers(0, 1))) + sum(weights[x] for x in U)
            for U in opens}
    for U, V in P.open_covers():  # keep d monotone: d_V ≤ d_U
        if dims[V] > dims[U]:
            dims[V] = dims[U]
    changed = True
    while changed:
        changed = False
        for U, V in P.open_covers():
            if dims[V] > dims[U]:
                dims[V] = dims[U]
                changed = True
    maps = {(U, V): [[1 if i == j else 0 for j in range(dims[U])] for i in range(dims[V])]
            for U, V in P.open_covers()}
    return linear_presheaf("L", P, dims, maps)


@settings(max_examples=40, deadline=None)
@given(linear_presheaves())
def test_linear_presheaves_sheafify_to_sheaves(F: Presheaf) -> None:
    assert check_presheaf(F).outcome is Outcome.PROVED
    aF, unit = sheafify(F)
    assert check_sheaf(aF).outcome is Outcome.PROVED
    assert check_natural(unit).outcome is Outcome.PROVED
    v = check_sheaf(F)
    assert v.outcome in (Outcome.PROVED, Outcome.REFUTED)
    if v.outcome is Outcome.PROVED:  # then the unit is an isomorphism: same dimensions
        assert all(aF.sections[U] == F.sections[U] for U in F.poset.opens())


def test_presheaf_on_a_poset_functoriality_and_its_sheaf() -> None:
    D = Poset.from_covers(range(4), [(0, 1), (0, 2), (1, 3), (2, 3)])
    same = {x: ("a", "b") for x in range(4)}
    ident = {"a": "a", "b": "b"}
    swap = {"a": "b", "b": "a"}
    good = poset_presheaf("G", D, "finite", same, {(0, 1): swap, (0, 2): swap, (1, 3): ident,
                                                  (2, 3): ident})
    assert check_poset_presheaf(good).outcome is Outcome.PROVED
    F = good.on_opens()
    assert check_presheaf(F).outcome is Outcome.PROVED
    assert check_sheaf(F).outcome is Outcome.PROVED
    assert len(F.sections[frozenset(range(4))]) == 2  # a family is fixed by its value at 0
    bad = poset_presheaf("B", D, "finite", same, {(0, 1): swap, (0, 2): ident, (1, 3): ident,
                                                 (2, 3): ident})
    v = check_poset_presheaf(bad)
    assert v.outcome is Outcome.REFUTED
    x, z, y = v.witness_values
    assert (x, y) == (0, 3) and bad.map(x, y) != {s: bad.map(z, y)[bad.covers[(x, z)][s]]
                                                  for s in ("a", "b")}


@st.composite
def poset_functors(draw: st.DrawFn) -> object:
    """Point sets {0..k−1} with k non-increasing upwards and maps t ↦ min(t, k_y − 1)."""
    P = draw(posets(5))
    k: dict[int, int] = {}
    for x in P.points:
        below = [k[y] for y in P.points if y < x and P.leq(y, x)]
        k[x] = draw(st.integers(1, min(below) if below else 3))
    sets = {x: tuple(range(k[x])) for x in P.points}
    covers = {(x, y): {t: min(t, k[y] - 1) for t in sets[x]} for x, y in P.covers}
    return poset_presheaf("G", P, "finite", sets, covers)


@settings(max_examples=40, deadline=None)
@given(poset_functors())
def test_presheaves_on_posets_give_sheaves_on_opens(G: object) -> None:
    assert check_poset_presheaf(G).outcome is Outcome.PROVED
    F = G.on_opens()
    assert check_presheaf(F).outcome is Outcome.PROVED
    assert check_sheaf(F).outcome is Outcome.PROVED
    for x in G.poset.points:  # F(↑x) ≅ G(x)
        assert len(F.sections[G.poset.up(x)]) == len(G.sets[x])


def _vee_not_presheaf() -> Presheaf:
    """a, b ≤ c; restrictions from {a, b, c} agree via ↑a but not via ↑b (not a presheaf)."""
    P = Poset.from_covers("abc", [("a", "c"), ("b", "c")])
    U, A, B, C, E = frozenset("abc"), P.up("a"), P.up("b"), P.up("c"), frozenset()
    return linear_presheaf("F", P, {U: 1, A: 1, B: 1, C: 1, E: 0},
                           {(U, A): [[1]], (U, B): [[1]], (A, C): [[1]], (B, C): [[2]],
                            (C, E): []})


def test_sheaf_condition_is_never_proved_for_a_non_presheaf() -> None:
    # the image of F(U) has the dimension of the compatible families but is a different
    # line: (2, 1, 2) is compatible and glues to nothing — a rank count alone said proved
    F = _vee_not_presheaf()
    assert check_presheaf(F).outcome is Outcome.REFUTED
    v = check_sheaf(F)
    assert v.outcome is Outcome.REFUTED
    assert "presheaf" in v.method


def test_naturality_is_never_proved_between_non_presheaves() -> None:
    # η = id on every open; G has an extra direct restriction {a,b,c} → {c} (= 3) that no
    # Hasse square sees: the square for that inclusion does not commute
    F = _vee_not_presheaf()
    P = F.poset
    U, C = frozenset("abc"), P.up("c")
    maps = dict(F.maps)
    maps[(U, C)] = DomainMatrix([[QQ(3)]], (1, 1), QQ)
    G = linear_presheaf("G", P, dict(F.sections), maps)
    eta = Morphism("η", F, G, dict(identity_morphism(F).components))
    assert check_natural(eta).outcome is not Outcome.PROVED


def test_repeated_sections_are_an_input_error_not_a_locality_failure() -> None:
    # F({0}) = ("a", "a") was two sections: locality was refuted with s = t = a
    import pytest
    from coherence.algebra.errors import InputError

    P = chain(1)
    with pytest.raises(InputError, match="distinct"):
        finite_presheaf("F", P, {P.up(0): ("a", "a"), frozenset(): ("*",)},
                        {(P.up(0), frozenset()): {"a": "*"}})
    with pytest.raises(InputError, match="distinct"):
        poset_presheaf("G", chain(2), "finite", {0: ("a", "a"), 1: ("b",)}, {(0, 1): {"a": "b"}})
