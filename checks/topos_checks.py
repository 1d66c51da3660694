"""Verdicts for finite categories and presheaf toposes, each decided by exhaustive enumeration.

* :func:`check_category` — the category axioms (typed composition, closure, unit laws,
  associativity), one verdict each, with the failing arrows as witness.
* :func:`check_presheaf` — functoriality of a presheaf.
* universal properties on *given* objects: :func:`check_product`,
  :func:`check_equaliser`, :func:`check_pullback`, :func:`check_subobject_classifier`
  (``Sub(X) ≅ Hom(X, Ω)``) and :func:`check_exponential` (``Hom(A×B, C) ≅ Hom(A, C^B)``):
  every map involved is enumerated, so ``proved`` means "for these objects, by
  enumeration" and the verdict names them;
* properties of the topos ``Set^{C^op}`` as :class:`Decision` values:
  :func:`decide_boolean` (witness: a subobject without complement, re-checked against
  every subobject), :func:`decide_well_pointed` (witness: two different maps that agree
  on every point), :func:`decide_two_valued` (witness: a third truth value ``1 → Ω``).

Examples
--------
>>> from coherence.algebra.categories import chain, discrete
>>> [v.outcome.value for v in check_category(chain(3))]
['proved', 'proved', 'proved', 'proved']
>>> decide_boolean(discrete(("*",))).outcome.value
'proved'
>>> d = decide_boolean(chain(2))
>>> d.outcome.value, d.witness[0][0]
('refuted', 'subobject')
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Sequence

from coherence.algebra.categories import FiniteCategory
from coherence.algebra.topos import (
    Morphism,
    Presheaf,
    Subobject,
    characteristic_map,
    classified_subobject,
    equaliser,
    functoriality_failures,
    global_elements,
    hom,
    identity_map,
    initial,
    omega,
    pair,
    product,
    pseudo_complement,
    pullback,
    representable,
    show,
    subobjects,
    terminal,
    transpose_all,
    true_map,
)
from coherence.checks.verdict import Outcome, Verdict
from coherence.checks.vocabulary import Decision

PROVED, REFUTED, UNKNOWN = Outcome.PROVED, Outcome.REFUTED, Outcome.UNKNOWN


def _verdict(id_: str, statement: str, d: Decision, seconds: float = 0.0) -> Verdict:
    return Verdict(id_, d.outcome, method=d.method, statement=statement, witness=d.witness,
                   lhs=d.lhs, rhs=d.rhs, residual=d.residual, detail=d.detail, seconds=seconds,
                   witness_values=d.witness_values)


def _timed(id_: str, statement: str, fn: Callable[[], Decision]) -> Verdict:
    t0 = time.perf_counter()
    d = fn()
    return _verdict(id_, statement, d, time.perf_counter() - t0)


# -- category axioms ------------------------------------------------------------------------

def check_category(C: FiniteCategory) -> tuple[Verdict, ...]:
    """The category axioms of ``C`` as four verdicts (exhaustive over arrows).

    >>> from coherence.algebra.categories import FiniteCategory
    >>> bad = FiniteCategory.from_table(("*",), [("a", "*", "*"), ("b", "*", "*")],
    ...     {("a", "a"): "b", ("a", "b"): "a", ("b", "a"): "a", ("b", "b"): "a"})
    >>> v = check_category(bad)[3]
    >>> v.outcome.value, v.witness_text
    ('refuted', 'h, g, f = b, a, a')
    """
    n = C.size
    pairs = [(g, f) for g in range(n) for f in range(n)
             if C.arrows[f].target == C.arrows[g].source]
    triples = [(h, g, f) for (g, f) in pairs for h in range(n)
               if C.arrows[g].target == C.arrows[h].source]
    out = []

    def closure() -> Decision:
        for g, f in pairs:
            if C.table[g][f] is None:
                return Decision(REFUTED, f"exhaustive over {len(pairs)} composable pairs",
                                witness=(("g, f", f"{C.name_of(g)}, {C.name_of(f)}"),),
                                lhs=f"{C.name_of(g)}∘{C.name_of(f)}", rhs="undefined",
                                detail="a composable pair has no composite")
        return Decision(PROVED, f"exhaustive over {len(pairs)} composable pairs")

    def typed() -> Decision:
        for g, f in pairs:
            h = C.table[g][f]
            if h is None:
                continue
            want = (C.arrows[f].source, C.arrows[g].target)
            got = (C.arrows[h].source, C.arrows[h].target)
            if got != want:
                return Decision(REFUTED, f"exhaustive over {len(pairs)} composable pairs",
                                witness=(("g, f", f"{C.name_of(g)}, {C.name_of(f)}"),),
                                lhs=f"{C.name_of(h)}: {got[0]} → {got[1]}",
                                rhs=f"an arrow {want[0]} → {want[1]}")
        return Decision(PROVED, f"exhaustive over {len(pairs)} composable pairs")

    def units() -> Decision:
        for f in range(n):
            a, b = C.src(f), C.tgt(f)
            for side, h in (("id∘f", C.table[C.identities[b]][f]),
                            ("f∘id", C.table[f][C.identities[a]])):
                if h != f:
                    return Decision(REFUTED, f"exhaustive over {n} arrows",
                                    witness=(("f", C.name_of(f)),), lhs=side.replace(
                                        "f", C.name_of(f)) + " = " + (
                                        "undefined" if h is None else C.name_of(h)),
                                    rhs=C.name_of(f))
        return Decision(PROVED, f"exhaustive over {n} arrows")

    def assoc() -> Decision:
        for h, g, f in triples:
            hg, gf = C.table[h][g], C.table[g][f]
            if hg is None or gf is None:
                continue
            left, right = C.table[hg][f], C.table[h][gf]
            if left != right:
                name = C.name_of
                return Decision(
                    REFUTED, f"exhaustive over {len(triples)} composable triples",
                    witness=(("h, g, f", f"{name(h)}, {name(g)}, {name(f)}"),),
                    lhs=f"(h∘g)∘f = {'undefined' if left is None else name(left)}",
                    rhs=f"h∘(g∘f) = {'undefined' if right is None else name(right)}")
        return Decision(PROVED, f"exhaustive over {len(triples)} composable triples")

    out.append(_timed("category-closure", f"every composable pair of {C.name} has a composite",
                      closure))
    out.append(_timed("category-typed", "g∘f: source(f) → target(g)", typed))
    out.append(_timed("category-unit", "id∘f = f = f∘id", units))
    out.append(_timed("category-associativity", "(h∘g)∘f = h∘(g∘f)", assoc))
    return tuple(out)


def check_presheaf(P: Presheaf) -> Verdict:
    """Functoriality of ``P`` (identities and composites), exhaustive over elements.

    >>> from coherence.algebra.categories import chain
    >>> from coherence.algebra.topos import omega
    >>> check_presheaf(omega(chain(3))).outcome.value
    'proved'
    """
    def run() -> Decision:
        bad = functoriality_failures(P)
        method = f"exhaustive over {P.category.size ** 2} arrow pairs and {P.size} elements"
        if bad:
            return Decision(REFUTED, method, witness=(("failure", bad[0]),),
                            detail=f"{len(bad)} failure(s)")
        return Decision(PROVED, method)

    return _timed(f"presheaf[{P.name}]", f"{P.name} is a functor C^op → FinSet", run)


def check_natural(alpha: Morphism) -> Verdict:
    """Naturality of ``alpha``, exhaustive over arrows and elements.

    >>> from coherence.algebra.categories import chain
    >>> check_natural(true_map(chain(2))).outcome.value
    'proved'
    """
    def run() -> Decision:
        bad = alpha.naturality_failures()
        if bad:
            return Decision(REFUTED, "exhaustive naturality squares",
                            witness=(("square", bad[0]),))
        return Decision(PROVED, "exhaustive naturality squares")

    return _timed(f"natural[{alpha.name}]", f"{alpha.name} is natural", run)


# -- universal properties on given objects ------------------------------------------------

def _names(objs: Sequence[Presheaf]) -> str:
    return ", ".join(o.name for o in objs)


def check_product(P: Presheaf, Q: Presheaf, tests: Sequence[Presheaf]) -> Verdict:
    """``Hom(T, P×Q) → Hom(T, P) × Hom(T, Q)``, ``h ↦ (π₁h, π₂h)`` is a bijection for each T.

    >>> from coherence.algebra.categories import chain
    >>> C = chain(2)
    >>> check_product(omega(C), omega(C), [terminal(C), representable(C, "0")]).outcome.value
    'proved'
    """
    def run() -> Decision:
        PQ, p1, p2 = product(P, Q)
        broken = (functoriality_failures(PQ) or p1.naturality_failures()
                  or p2.naturality_failures())
        if broken:  # the counts below mean nothing unless π₁, π₂ are morphisms
            return Decision(REFUTED, "exact composition",
                            witness=(("P×Q", f"not a presheaf, or a projection not natural: "
                                             f"{broken[0]}"),))
        count = 0
        for T in tests:
            maps = hom(T, PQ)
            seen = {((p1 @ h).components, (p2 @ h).components) for h in maps}
            hp, hq = hom(T, P), hom(T, Q)
            n1, n2 = len(hp), len(hq)
            pairs = {(u.components, v.components) for u in hp for v in hq}
            count += len(maps)
            if len(seen) != len(maps) or seen != pairs:
                return Decision(REFUTED, "exhaustive enumeration of maps",
                                witness=(("T", T.name),), lhs=f"|Hom(T, P×Q)| = {len(maps)} "
                                f"({len(seen)} distinct pairs)", rhs=f"{n1}·{n2} = {n1 * n2}")
        return Decision(PROVED, f"exhaustive: {count} maps into {PQ.name} enumerated",
                        detail=f"for T in {{{_names(tests)}}}")

    return _timed(f"product[{P.name}×{Q.name}]",
                  f"{P.name}×{Q.name} is a product (tested on {_names(tests)})", run)


def check_equaliser(f: Morphism, g: Morphism, tests: Sequence[Presheaf]) -> Verdict:
    """``e: E → P`` equalises ``f, g`` and ``Hom(T, E) ≅ {h: T → P | fh = gh}`` for each T.

    >>> from coherence.algebra.categories import chain
    >>> C = chain(2); O = omega(C)
    >>> neg = hom(O, O)[0]
    >>> check_equaliser(identity_map(O), neg, [terminal(C)]).outcome.value
    'proved'
    """
    def run() -> Decision:
        E, e = equaliser(f, g)
        if (f @ e).components != (g @ e).components or e.naturality_failures():
            return Decision(REFUTED, "exact composition", witness=(("e", e.describe()),))
        count = 0
        for T in tests:
            into_e = hom(T, E)
            images = {(e @ h).components for h in into_e}
            wanted = {h.components for h in hom(T, f.source)
                      if (f @ h).components == (g @ h).components}
            count += len(into_e)
            if len(images) != len(into_e) or images != wanted:
                return Decision(REFUTED, "exhaustive enumeration of maps",
                                witness=(("T", T.name),),
                                lhs=f"{len(images)} maps through E", rhs=f"{len(wanted)} "
                                "maps equalised by f, g")
        return Decision(PROVED, f"exhaustive: {count} maps into the equaliser enumerated",
                        detail=f"for T in {{{_names(tests)}}}")

    return _timed(f"equaliser[{f.name}, {g.name}]",
                  f"Eq({f.name}, {g.name}) is an equaliser (tested on {_names(tests)})", run)


def check_pullback(f: Morphism, g: Morphism, tests: Sequence[Presheaf]) -> Verdict:
    """The pullback square commutes and ``Hom(T, P×_R Q) ≅ {(u, v) | fu = gv}`` for each T.

    >>> from coherence.algebra.categories import chain
    >>> C = chain(2); t = true_map(C)
    >>> check_pullback(t, t, [terminal(C), omega(C)]).outcome.value
    'proved'
    """
    def run() -> Decision:
        E, q1, q2 = pullback(f, g)
        if (f @ q1).components != (g @ q2).components:
            return Decision(REFUTED, "exact composition", witness=(("square", "f∘q₁ ≠ g∘q₂"),))
        count = 0
        for T in tests:
            into = hom(T, E)
            images = {((q1 @ h).components, (q2 @ h).components) for h in into}
            us, vs = hom(T, f.source), hom(T, g.source)
            wanted = {(u.components, v.components) for u in us for v in vs
                      if (f @ u).components == (g @ v).components}
            count += len(into)
            if len(images) != len(into) or images != wanted:
                return Decision(REFUTED, "exhaustive enumeration of maps",
                                witness=(("T", T.name),), lhs=f"{len(images)} maps into E",
                                rhs=f"{len(wanted)} commuting pairs")
        return Decision(PROVED, f"exhaustive: {count} maps into the pullback enumerated",
                        detail=f"for T in {{{_names(tests)}}}")

    return _timed(f"pullback[{f.name}, {g.name}]",
                  f"the pullback of {f.name}, {g.name} (tested on {_names(tests)})", run)


def decide_classifies(X: Presheaf) -> Decision:
    """``Sub(X) ≅ Hom(X, Ω)`` by enumeration: ``S ↦ χ_S`` natural, ``χ_S⁻¹(true) = S``, bijective.

    >>> from coherence.algebra.categories import parallel_arrows
    >>> C = parallel_arrows()
    >>> decide_classifies(representable(C, "b")).method
    'exhaustive: 5 subobjects and 5 maps y(b) → Ω enumerated'
    """
    C = X.category
    O = omega(C)
    subs = subobjects(X)
    maps = hom(X, O)
    method = f"exhaustive: {len(subs)} subobjects and {len(maps)} maps {X.name} → Ω enumerated"
    if functoriality_failures(O) or true_map(C).naturality_failures():
        return Decision(REFUTED, method, witness=(("Ω", "not a presheaf, or true not natural"),))
    chis = set()
    for S in subs:
        chi = characteristic_map(S, O)
        bad = chi.naturality_failures()
        if bad:
            return Decision(REFUTED, method, witness=(("S", S.describe()),),
                            lhs=f"χ_S not natural: {bad[0]}", rhs="natural")
        if classified_subobject(chi) != S:
            return Decision(REFUTED, method, witness=(("S", S.describe()),),
                            lhs=f"χ_S⁻¹(true) = {classified_subobject(chi).describe()}",
                            rhs=S.describe())
        chis.add(chi.components)
    for phi in maps:
        S = classified_subobject(phi)
        if not S.is_closed() or characteristic_map(S, O).components != phi.components:
            return Decision(REFUTED, method, witness=(("φ", phi.describe()),),
                            lhs="φ", rhs="χ of φ⁻¹(true)")
    if len(chis) != len(subs) or len(maps) != len(subs):
        return Decision(REFUTED, method, witness=(("X", X.name),),
                        lhs=f"|Sub(X)| = {len(subs)}", rhs=f"|Hom(X, Ω)| = {len(maps)}")
    return Decision(PROVED, method)


def check_subobject_classifier(X: Presheaf) -> Verdict:
    """:func:`decide_classifies` as a verdict.

    >>> from coherence.algebra.categories import chain
    >>> check_subobject_classifier(terminal(chain(3))).outcome.value
    'proved'
    """
    return _timed(f"subobject-classifier[{X.name}]", f"Sub({X.name}) ≅ Hom({X.name}, Ω)",
                  lambda: decide_classifies(X))


def decide_exponential(A: Presheaf, B: Presheaf, Cc: Presheaf) -> Decision:
    """``Hom(A×B, C) ≅ Hom(A, C^B)``: ``φ ↦ λφ`` natural, ``ev∘(λφ×id) = φ``, bijective.

    >>> from coherence.algebra.categories import chain
    >>> C = chain(2); O = omega(C)
    >>> decide_exponential(representable(C, "1"), O, O).outcome.value
    'proved'
    """
    maps, lams, exp = transpose_all(A, B, Cc)
    targets = hom(A, exp.object)
    method = (f"exhaustive: {len(maps)} maps {A.name}×{B.name} → {Cc.name} and "
              f"{len(targets)} maps {A.name} → {exp.object.name} enumerated")
    if functoriality_failures(exp.object) or exp.evaluation.naturality_failures():
        return Decision(REFUTED, method, witness=(("C^B", "not a presheaf, or ev not natural"),))
    AB, p1, p2 = product(A, B)
    EB = exp.evaluation.source
    for phi, lam in zip(maps, lams, strict=True):
        if lam.naturality_failures():
            return Decision(REFUTED, method, witness=(("φ", phi.describe()),),
                            lhs="λφ not natural", rhs="natural")
        back = exp.evaluation @ pair(lam @ p1, p2, EB)
        if back.components != phi.components:
            return Decision(REFUTED, method, witness=(("φ", phi.describe()),),
                            lhs=f"ev∘(λφ×id) = {back.describe()}", rhs=phi.describe())
    if len({lam.components for lam in lams}) != len(maps) or len(targets) != len(maps):
        return Decision(REFUTED, method, witness=(("A, B, C", f"{A.name}, {B.name}, {Cc.name}"),),
                        lhs=f"|Hom(A×B, C)| = {len(maps)}", rhs=f"|Hom(A, C^B)| = {len(targets)}")
    return Decision(PROVED, method)


def check_exponential(A: Presheaf, B: Presheaf, Cc: Presheaf) -> Verdict:
    """:func:`decide_exponential` as a verdict.

    >>> from coherence.algebra.categories import parallel_arrows
    >>> C = parallel_arrows()
    >>> check_exponential(terminal(C), representable(C, "b"), omega(C)).outcome.value
    'proved'
    """
    return _timed(f"exponential[{Cc.name}^{B.name}]",
                  f"Hom({A.name}×{B.name}, {Cc.name}) ≅ Hom({A.name}, {Cc.name}^{B.name})",
                  lambda: decide_exponential(A, B, Cc))


# -- properties of the topos ---------------------------------------------------------------

def _complement_of(S: Subobject) -> Subobject | None:
    X = S.ambient
    for T in subobjects(X):
        if all(not (s & t) and len(s | t) == len(X.sets[c])
               for c, (s, t) in enumerate(zip(S.members, T.members, strict=True))):
            return T
    return None


def decide_boolean(C: FiniteCategory) -> Decision:
    """Whether ``Set^{C^op}`` is Boolean: every sieve on every object has a complement.

    A presheaf topos is Boolean iff each Heyting algebra of sieves ``Ω(c)`` is Boolean,
    i.e. every subobject of every representable is complemented. A witness ``S ↣ y(c)``
    is re-checked against *every* subobject of ``y(c)``.

    >>> from coherence.algebra.categories import monoid
    >>> decide_boolean(monoid(("1", "s"), [["1", "s"], ["s", "1"]])).outcome.value
    'proved'
    """
    total = 0
    for obj in C.objects:
        y = representable(C, obj)
        subs = subobjects(y)
        total += len(subs)
        for S in subs:
            neg = pseudo_complement(S)
            if neg.is_closed() and all(  # ¬S is a complement by the definition itself
                    not (s & t) and len(s | t) == len(y.sets[c])
                    for c, (s, t) in enumerate(zip(S.members, neg.members, strict=True))):
                continue
            if _complement_of(S) is None:  # exact re-check against every subobject
                return Decision(
                    REFUTED, f"exhaustive over the {len(subs)} subobjects of {y.name}",
                    witness=(("subobject", f"{S.describe()} ↣ {y.name}"),),
                    lhs=f"S ∨ ¬S = {_join(S, neg).describe()}", rhs=f"{y.name} (everything)",
                    detail=f"no subobject T of {y.name} has S ∧ T = 0 and S ∨ T = {y.name}",
                    witness_values=S)
    return Decision(PROVED, f"exhaustive: all {total} sieves on the {len(C.objects)} objects "
                            "are complemented (each Ω(c) is a Boolean algebra)")


def _join(S: Subobject, T: Subobject) -> Subobject:
    return Subobject(S.ambient, tuple(a | b for a, b in zip(S.members, T.members, strict=True)))


def decide_two_valued(C: FiniteCategory) -> Decision:
    """Whether ``Hom(1, Ω)`` is exactly ``{false, true}`` (1 has exactly two subobjects).

    >>> from coherence.algebra.categories import chain
    >>> d = decide_two_valued(chain(2))
    >>> d.outcome.value, d.witness
    ('refuted', (('truth value', '0: {id_0}; 1: {0≤1}'),))
    """
    points = global_elements(omega(C))
    method = f"exhaustive: Hom(1, Ω) enumerated ({len(points)} global truth values)"
    if len(points) == 2:
        return Decision(PROVED, method)
    if len(points) < 2:
        return Decision(REFUTED, method, witness=(("truth values", str(len(points))),),
                        detail="true = false: the topos is degenerate")
    O = omega(C)
    t = true_map(C).components
    for p in points:
        comps = p.components
        if comps != t and any(O.sets[c][comps[c][0]] for c in range(len(C.objects))):
            desc = "; ".join(f"{o}: {show(O.sets[c][comps[c][0]])}"
                             for c, o in enumerate(C.objects))
            return Decision(REFUTED, method, witness=(("truth value", desc),),
                            detail=f"neither true nor false; {len(points)} truth values in all")
    return Decision(UNKNOWN, method)  # pragma: no cover - more than two points always has one


def decide_well_pointed(C: FiniteCategory) -> Decision:
    """Whether ``1`` separates maps: ``f ≠ g: X → Y`` always differ at some point ``1 → X``.

    Proved when every hom-set of ``C`` has one arrow (then the topos is ≃ Set); refuted
    by two different maps ``y(c) → Ω`` (or ``Ω → Ω``) that agree on every point of the
    source, found and re-checked by enumeration; unknown otherwise.

    >>> from coherence.algebra.categories import chain, discrete
    >>> decide_well_pointed(discrete(("*",))).outcome.value
    'proved'
    >>> decide_well_pointed(chain(2)).witness[0][0]
    'X, Y'
    """
    if not C.objects:
        return Decision(REFUTED, "structure", witness=(("C", "empty"),),
                        detail="presheaves on the empty category: 0 ≅ 1")
    if C.is_equivalent_to_terminal():
        return Decision(PROVED, "structure: every hom-set of C has exactly one arrow, so "
                                "C ≃ 1 and Set^{C^op} ≃ Set, which is well-pointed")
    O = omega(C)
    candidates = [representable(C, o) for o in C.objects] + [O]
    tried = []
    for X in candidates:
        points = global_elements(X)
        maps = hom(X, O)
        tried.append(X.name)
        for f, g in itertools.combinations(maps, 2):
            if all((f @ p).components == (g @ p).components for p in points):
                return Decision(
                    REFUTED, f"exhaustive: {len(maps)} maps {X.name} → Ω and "
                             f"{len(points)} points of {X.name} enumerated",
                    witness=(("X, Y", f"{X.name}, Ω"),), lhs=f"f = {f.describe()}",
                    rhs=f"g = {g.describe()}",
                    detail=f"f ≠ g but f∘x = g∘x for all {len(points)} points x: 1 → {X.name}",
                    witness_values=(X, f, g))
    return Decision(UNKNOWN, f"searched maps into Ω from {', '.join(tried)}; none separated")


def decide_subobject_classifier(C: FiniteCategory,
                                objects: Sequence[Presheaf] | None = None) -> Decision:
    """``Sub(X) ≅ Hom(X, Ω)`` for each of ``objects`` (default: 0, 1, every y(c), Ω).

    >>> from coherence.algebra.categories import chain
    >>> decide_subobject_classifier(chain(2)).outcome.value
    'proved'
    """
    objs = list(objects) if objects else _default_objects(C)
    count = 0
    for X in objs:
        d = decide_classifies(X)
        if d.outcome is not PROVED:
            return d
        count += 1
    return Decision(PROVED, f"exhaustive: Sub(X) ≅ Hom(X, Ω) by enumeration for X in "
                            f"{{{_names(objs)}}}")


def decide_exponentials(C: FiniteCategory,
                        triples: Sequence[tuple[Presheaf, Presheaf, Presheaf]] | None = None
                        ) -> Decision:
    """``Hom(A×B, C) ≅ Hom(A, C^B)`` for given triples (default A ∈ {1, y(c)}, B = y(d), C = Ω).

    >>> from coherence.algebra.categories import chain
    >>> decide_exponentials(chain(2)).outcome.value
    'proved'
    """
    if triples is None:
        O = omega(C)
        ys = [representable(C, o) for o in C.objects]
        triples = [(A, B, O) for A in [terminal(C), *ys] for B in ys]
    names = []
    for A, B, Cc in triples:
        d = decide_exponential(A, B, Cc)
        if d.outcome is not PROVED:
            return d
        names.append(f"({A.name}, {B.name}, {Cc.name})")
    return Decision(PROVED, "exhaustive: Hom(A×B, C) ≅ Hom(A, C^B) by enumeration for "
                            f"(A, B, C) in {{{', '.join(names)}}}")


def _default_objects(C: FiniteCategory) -> list[Presheaf]:
    return [initial(C), terminal(C), *(representable(C, o) for o in C.objects), omega(C)]


def check_topos(C: FiniteCategory, objects: Sequence[Presheaf] | None = None
                ) -> tuple[Verdict, ...]:
    """Every check for ``Set^{C^op}``: axioms of C, limits, Ω, exponentials, properties.

    >>> from coherence.algebra.categories import chain
    >>> [v.outcome.value for v in check_topos(chain(2))][-3:]
    ['refuted', 'refuted', 'refuted']
    """
    objs = list(objects) if objects else _default_objects(C)
    out = list(check_category(C))
    O = omega(C)
    out.append(check_presheaf(O))
    out.append(check_natural(true_map(C)))
    out.append(check_product(O, O, objs[:3]))
    t = true_map(C)
    out.append(check_pullback(t, t, objs[:3]))
    out.append(check_equaliser(identity_map(O), identity_map(O), objs[:3]))
    out.append(_timed("subobject-classifier", "Sub(X) ≅ Hom(X, Ω)",
                      lambda: decide_subobject_classifier(C, objs)))
    out.append(_timed("exponentials", "Hom(A×B, C) ≅ Hom(A, C^B)",
                      lambda: decide_exponentials(C)))
    out.append(_timed("boolean", f"Set^({C.name})^op is Boolean", lambda: decide_boolean(C)))
    out.append(_timed("two-valued", "Hom(1, Ω) = {false, true}", lambda: decide_two_valued(C)))
    out.append(_timed("well-pointed", "1 separates maps", lambda: decide_well_pointed(C)))
    return tuple(out)
