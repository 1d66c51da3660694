"""The catalogue of graded connected Hopf algebras, and deliberately broken variants.

Each entry is built by a function with a docstring and a literature reference; the
structure rules are the standard combinatorial ones, written on basis objects from
:mod:`coherence.algebra.combinatorics`:

=========================  ==========================================================
name                       algebra (basis)
=========================  ==========================================================
``tensor:ab``              concatenation product, unshuffle coproduct (words)
``shuffle:ab``             shuffle product, deconcatenation coproduct (words)
``sym:m|e|h|p``            symmetric functions: monomial, elementary, complete, power sums
``qsym``, ``qsym:F``       quasisymmetric functions: monomial M, fundamental F
``nsym``, ``nsym:R``       noncommutative symmetric functions: complete H, ribbon R
``fqsym``                  Malvenuto–Reutenauer, F basis on permutations
``ck``                     Connes–Kreimer, rooted forests with admissible cuts
``broken:…``               variants that fail a law at a known lowest degree
=========================  ==========================================================

Any alphabet of single letters may follow ``tensor:``/``shuffle:`` (``shuffle:xyz``).
Built algebras are cached by name, so their per-degree caches are shared.

Examples
--------
>>> H = get("shuffle:ab")
>>> H.product("a", "b")
{'ab': 1, 'ba': 1}
>>> [e.name for e in entries()][:3]
['tensor:ab', 'shuffle:ab', 'sym:m']
>>> get("qsm")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
coherence.algebra.errors.InputError: expected a graded catalogue name, got 'qsm' (...'qsym'?)
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from math import factorial
from typing import Any

from coherence.algebra import combinatorics as cb
from coherence.algebra.errors import InputError
from coherence.algebra.graded import Coeff, Element, GradedHopfAlgebra, add_into

__all__ = [
    "CatalogueEntry",
    "convert",
    "entries",
    "get",
    "names",
    "transition_matrix",
]

Comp = tuple[int, ...]


# ==================================================================================
# words: concatenation / shuffle, deconcatenation / unshuffle
# ==================================================================================


@cache
def shuffle_words(u: str, v: str) -> Mapping[str, int]:
    """The shuffle product ``u ⧢ v`` of two words, with multiplicities.

    >>> sorted(shuffle_words("a", "ab").items())
    [('aab', 2), ('aba', 1)]
    """
    if not u:
        return {v: 1}
    if not v:
        return {u: 1}
    out: dict[str, int] = {}
    for w, c in shuffle_words(u[:-1], v).items():
        add_into(out, w + u[-1], c)
    for w, c in shuffle_words(u, v[:-1]).items():
        add_into(out, w + v[-1], c)
    return out


def deconcatenations(w: str) -> dict[tuple[str, str], int]:
    """``Δ(w) = Σ_{w = uv} u ⊗ v``.

    >>> deconcatenations("ab")
    {('', 'ab'): 1, ('a', 'b'): 1, ('ab', ''): 1}
    """
    return {(w[:i], w[i:]): 1 for i in range(len(w) + 1)}


def unshuffles(w: str) -> dict[tuple[str, str], int]:
    """``Δ(w) = Σ_I w_I ⊗ w_{I^c}`` over subsets ``I`` of positions.

    >>> unshuffles("ab")
    {('', 'ab'): 1, ('a', 'b'): 1, ('b', 'a'): 1, ('ab', ''): 1}
    """
    n = len(w)
    out: dict[tuple[str, str], int] = {}
    for mask in range(1 << n):
        left = "".join(w[i] for i in range(n) if mask >> i & 1)
        right = "".join(w[i] for i in range(n) if not mask >> i & 1)
        add_into(out, (left, right), 1)
    return dict(sorted(out.items(), key=lambda kv: (len(kv[0][0]), kv[0])))


def _self_match(key: Any) -> tuple[Any, int]:
    # the diagonal pairing ⟨b, b'⟩ = δ_{b b'}
    return key, 1


def _reverse_signed(w: str) -> dict[str, int]:
    return {w[::-1]: -1 if len(w) % 2 else 1}


def _witt(k: int, n: int) -> int:
    # dimension of the degree-n part of the free Lie algebra on k generators
    if n == 0:
        return 0
    total = 0
    for d in range(1, n + 1):
        if n % d == 0:
            total += _mobius(d) * k ** (n // d)
    return total // n


def _mobius(n: int) -> int:
    out, m, p = 1, n, 2
    while p * p <= m:
        if m % p == 0:
            m //= p
            if m % p == 0:
                return 0
            out = -out
        p += 1
    return -out if m > 1 else out


def _word_parser(alphabet: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        t = text.strip()
        if t in ("1", "", "ε", "∅"):
            return ""
        bad = [ch for ch in t if ch not in alphabet]
        if bad:
            raise InputError(f"expected a word over {{{', '.join(alphabet)}}}", got=repr(text))
        return t

    return parse


def _show_word(w: str) -> str:
    return w or "1"


def _words_common(alphabet: str) -> dict[str, Any]:
    k = len(alphabet)
    return dict(
        basis_rule=lambda n: cb.words(alphabet, n),
        degree_rule=len,
        one_key="",
        show=_show_word,
        parse=_word_parser(alphabet),
        dimension_formula=lambda n: k**n,
        dimension_text=f"{k}^n (words over {k} letters)",
        pairing=lambda u, v: 1 if u == v else 0,
        pairing_match=_self_match,
    )


def tensor_algebra(alphabet: str = "ab") -> GradedHopfAlgebra:
    """The tensor algebra: words, concatenation product, unshuffle coproduct.

    Cocommutative, not commutative; ``S(w) = (−1)^{|w|} reverse(w)``; its primitives in
    degree n form the free Lie algebra (Witt's formula). Graded dual: ``shuffle``.
    Reference: Reutenauer, *Free Lie Algebras* (1993), §1.5.

    >>> tensor_algebra("ab").coproduct("a")
    {('', 'a'): 1, ('a', ''): 1}
    """
    alphabet = cb.check_alphabet(alphabet)
    return GradedHopfAlgebra(
        name=f"tensor:{alphabet}",
        description=f"tensor algebra on {{{', '.join(alphabet)}}}: concatenation, unshuffle",
        basis_label=f"words over {{{', '.join(alphabet)}}}",
        product_rule=lambda u, v: {u + v: 1},
        coproduct_rule=unshuffles,
        closed_antipode=_reverse_signed,
        closed_antipode_text="S(w) = (−1)^|w| reverse(w)",
        primitive_formula=lambda n: _witt(len(alphabet), n),
        primitive_text="free Lie algebra (Witt's formula)",
        dual=f"shuffle:{alphabet}",
        reference="Reutenauer, Free Lie Algebras (1993), §1.5",
        **_words_common(alphabet),
    )


def shuffle_algebra(alphabet: str = "ab") -> GradedHopfAlgebra:
    """The shuffle algebra: words, shuffle product, deconcatenation coproduct.

    Commutative, not cocommutative; ``S(w) = (−1)^{|w|} reverse(w)``; primitives are the
    letters. Graded dual: ``tensor``. Reference: Reutenauer, *Free Lie Algebras* (1993),
    §1.5; Nemecek, arXiv:2302.01834.

    >>> shuffle_algebra("ab").product("a", "a")
    {'aa': 2}
    """
    alphabet = cb.check_alphabet(alphabet)
    return GradedHopfAlgebra(
        name=f"shuffle:{alphabet}",
        description=f"shuffle algebra on {{{', '.join(alphabet)}}}: shuffle, deconcatenation",
        basis_label=f"words over {{{', '.join(alphabet)}}}",
        product_rule=shuffle_words,
        coproduct_rule=deconcatenations,
        closed_antipode=_reverse_signed,
        closed_antipode_text="S(w) = (−1)^|w| reverse(w)",
        primitive_formula=lambda n: len(alphabet) if n == 1 else 0,
        primitive_text="the letters only",
        dual=f"tensor:{alphabet}",
        reference="Reutenauer, Free Lie Algebras (1993), §1.5; Nemecek, arXiv:2302.01834",
        **_words_common(alphabet),
    )


def concat_deconcat(alphabet: str = "ab") -> GradedHopfAlgebra:
    """BROKEN: concatenation with deconcatenation — Δ is not multiplicative.

    ``Δ(a·a) = aa⊗1 + a⊗a + 1⊗aa`` but ``Δ(a)Δ(a) = aa⊗1 + 2·a⊗a + 1⊗aa``: the
    bialgebra law fails first in degree 2. Reference: Nemecek, arXiv:2302.01834
    (the remark that concatenation with deconcatenation is not a bialgebra).

    >>> concat_deconcat("ab").product("a", "b")
    {'ab': 1}
    """
    alphabet = cb.check_alphabet(alphabet)
    common = _words_common(alphabet)
    common.pop("pairing")
    common.pop("pairing_match")
    return GradedHopfAlgebra(
        name=f"broken:concat-deconcat:{alphabet}",
        description="concatenation with deconcatenation (not a bialgebra)",
        basis_label=f"words over {{{', '.join(alphabet)}}}",
        product_rule=lambda u, v: {u + v: 1},
        coproduct_rule=deconcatenations,
        reference="Nemecek, arXiv:2302.01834",
        **common,
    )


def shuffle_sign_error(alphabet: str = "ab") -> GradedHopfAlgebra:
    """BROKEN: the shuffle algebra with the sign error ``S(w) = −reverse(w)``.

    Right in degree 1, wrong from degree 2 on (``S(aa)`` should be ``+aa``).
    Reference: the correct formula in Reutenauer, *Free Lie Algebras*, §1.5.

    >>> shuffle_sign_error("ab").antipode("ab")
    {'ba': -1}
    """
    good = shuffle_algebra(alphabet)
    return GradedHopfAlgebra(
        name=f"broken:shuffle-sign:{good.name.split(':')[1]}",
        description="shuffle algebra with the antipode sign error S(w) = −reverse(w)",
        basis_label=good.basis_label,
        basis_rule=good.basis_rule,
        degree_rule=len,
        product_rule=shuffle_words,
        coproduct_rule=deconcatenations,
        one_key="",
        show=_show_word,
        parse=good.parse,
        closed_antipode=lambda w: {w[::-1]: -1} if w else {"": 1},
        closed_antipode_text="S(w) = −reverse(w) (wrong sign)",
        dimension_formula=good.dimension_formula,
        dimension_text=good.dimension_text,
        reference="Reutenauer, Free Lie Algebras (1993), §1.5 (correct formula)",
    )


# ==================================================================================
# compositions: QSym (M, F) and NSym (H, R)
# ==================================================================================


def _comp_parser(letter: str) -> Callable[[str], Comp]:
    def parse(text: str) -> Comp:
        t = text.strip()
        if t in ("1", "", "[]", "()"):
            return ()
        t = re.sub(r"^[A-Za-z]+", "", t).strip()
        t = t.strip("[]() ")
        try:
            parts = tuple(int(p) for p in re.split(r"[,\s]+", t) if p)
        except ValueError:
            parts = (0,)
        if not parts or any(p <= 0 for p in parts):
            raise InputError(f"expected a composition like {letter}[1,2]", got=repr(text))
        return parts

    return parse


def _comp_show(letter: str) -> Callable[[Comp], str]:
    def show(alpha: Comp) -> str:
        return f"{letter}[{','.join(map(str, alpha))}]" if alpha else "1"

    return show


@cache
def quasi_shuffle(a: Comp, b: Comp) -> Mapping[Comp, int]:
    """The quasi-shuffle (stuffle) of two compositions: the product ``M_a·M_b``.

    >>> dict(quasi_shuffle((1,), (1,)))
    {(1, 1): 2, (2,): 1}
    """
    if not a:
        return {b: 1}
    if not b:
        return {a: 1}
    out: dict[Comp, int] = {}
    for w, c in quasi_shuffle(a[1:], b).items():
        add_into(out, (a[0], *w), c)
    for w, c in quasi_shuffle(a, b[1:]).items():
        add_into(out, (b[0], *w), c)
    for w, c in quasi_shuffle(a[1:], b[1:]).items():
        add_into(out, (a[0] + b[0], *w), c)
    return out


def _deconcat_comp(a: Comp) -> dict[tuple[Comp, Comp], int]:
    return {(a[:i], a[i:]): 1 for i in range(len(a) + 1)}


def coarsenings(a: Comp) -> Iterator[Comp]:
    """Every composition obtained by adding adjacent parts of ``a`` (``a`` included).

    >>> list(coarsenings((1, 2, 1)))
    [(1, 2, 1), (3, 1), (1, 3), (4,)]
    """
    if not a:
        yield ()
        return
    for mask in range(1 << (len(a) - 1)):
        out = [a[0]]
        for i, part in enumerate(a[1:]):
            if mask >> i & 1:
                out[-1] += part
            else:
                out.append(part)
        yield tuple(out)


def refinements(a: Comp) -> Iterator[Comp]:
    """Every composition refining ``a`` (each part split into a composition of it).

    >>> list(refinements((1, 2)))
    [(1, 1, 1), (1, 2)]
    """
    for pieces in itertools.product(*(list(cb.compositions(p)) for p in a)):
        yield tuple(x for piece in pieces for x in piece)


def _descent_set(a: Comp) -> frozenset[int]:
    return frozenset(itertools.accumulate(a[:-1]))


def _from_set(s: frozenset[int] | set[int], n: int) -> Comp:
    if n == 0:
        return ()
    cuts = [0, *sorted(s), n]
    return tuple(cuts[i + 1] - cuts[i] for i in range(len(cuts) - 1))


def omega(a: Comp) -> Comp:
    """The composition whose descent set is the complement of the reversed one of ``a``.

    >>> omega((3,)), omega((1, 2))
    ((1, 1, 1), (1, 2))
    """
    n = sum(a)
    rev = {n - d for d in _descent_set(a)}
    return _from_set(set(range(1, n)) - rev, n)


def _qsym_m_antipode(a: Comp) -> dict[Comp, int]:
    sign = -1 if len(a) % 2 else 1
    return {b: sign for b in coarsenings(a[::-1])}


def _qsym_m_antipode_unreversed(a: Comp) -> dict[Comp, int]:
    sign = -1 if len(a) % 2 else 1
    return {b: sign for b in coarsenings(a)}


def _comps_common(letter: str) -> dict[str, Any]:
    return dict(
        basis_rule=cb.compositions,
        degree_rule=sum,
        one_key=(),
        show=_comp_show(letter),
        parse=_comp_parser(letter),
        dimension_formula=cb.count_compositions,
        dimension_text="2^(n−1) compositions of n",
        pairing=lambda u, v: 1 if u == v else 0,
        pairing_match=_self_match,
    )


def qsym_monomial() -> GradedHopfAlgebra:
    """QSym in the monomial basis ``M_α``: quasi-shuffle product, deconcatenation.

    Closed antipode ``S(M_α) = (−1)^{ℓ(α)} Σ_{β coarsens rev(α)} M_β``. Dual: NSym (H).
    Reference: Gessel (1984); Malvenuto–Reutenauer, J. Algebra 177 (1995); Ehrenborg (1996).

    >>> qsym_monomial().product((1,), (2,))
    {(1, 2): 1, (2, 1): 1, (3,): 1}
    """
    return GradedHopfAlgebra(
        name="qsym",
        description="quasisymmetric functions QSym, monomial basis M",
        basis_label="compositions",
        product_rule=quasi_shuffle,
        coproduct_rule=_deconcat_comp,
        closed_antipode=_qsym_m_antipode,
        closed_antipode_text="S(M_α) = (−1)^ℓ(α) Σ_{β ≥ rev(α)} M_β",
        primitive_formula=lambda n: 1 if n >= 1 else 0,
        primitive_text="M_(n) only",
        dual="nsym",
        reference="Gessel 1984; Malvenuto–Reutenauer, J. Algebra 177 (1995) 967–982",
        **_comps_common("M"),
    )


def qsym_unreversed() -> GradedHopfAlgebra:
    """BROKEN: QSym (M) with the reversal dropped from the closed antipode.

    Invisible in degrees ≤ 2 (every composition there is a palindrome); wrong at
    ``M[1,2]`` in degree 3. Reference: the correct formula, Ehrenborg, Adv. Math. 119 (1996).

    >>> qsym_unreversed().antipode((1, 2))
    {(1, 2): 1, (3,): 1}
    """
    return GradedHopfAlgebra(
        name="broken:qsym-unreversed",
        description="QSym (M) with the antipode's reversal missing",
        basis_label="compositions",
        product_rule=quasi_shuffle,
        coproduct_rule=_deconcat_comp,
        closed_antipode=_qsym_m_antipode_unreversed,
        closed_antipode_text="S(M_α) = (−1)^ℓ(α) Σ_{β ≥ α} M_β (reversal missing)",
        reference="Ehrenborg, Adv. Math. 119 (1996) (correct formula)",
        **{k: v for k, v in _comps_common("M").items() if not k.startswith("pairing")},
    )


def _block_word(a: Comp) -> tuple[int, ...]:
    # a permutation whose descent composition is a: blocks increasing, from the top down
    n = sum(a)
    out: list[int] = []
    top = n
    for part in a:
        out.extend(range(top - part + 1, top + 1))
        top -= part
    return tuple(out)


def _descent_comp(word: tuple[int, ...]) -> Comp:
    des = {i + 1 for i in range(len(word) - 1) if word[i] > word[i + 1]}
    return _from_set(des, len(word))


def _shifted_shuffles(s: tuple[int, ...], t: tuple[int, ...]) -> Iterator[tuple[int, ...]]:
    m, n = len(s), len(t)
    shifted = tuple(x + m for x in t)
    for positions in itertools.combinations(range(m + n), m):
        out = [0] * (m + n)
        pos = set(positions)
        i = j = 0
        for k in range(m + n):
            if k in pos:
                out[k] = s[i]
                i += 1
            else:
                out[k] = shifted[j]
                j += 1
        yield tuple(out)


def _qsym_f_product(a: Comp, b: Comp) -> dict[Comp, int]:
    out: dict[Comp, int] = {}
    for w in _shifted_shuffles(_block_word(a), _block_word(b)):
        add_into(out, _descent_comp(w), 1)
    return out


def _cut_comp(a: Comp, i: int) -> tuple[Comp, Comp]:
    n = sum(a)
    d = _descent_set(a)
    left = _from_set({x for x in d if x < i}, i)
    right = _from_set({x - i for x in d if x > i}, n - i)
    return left, right


def _qsym_f_coproduct(a: Comp) -> dict[tuple[Comp, Comp], int]:
    return {_cut_comp(a, i): 1 for i in range(sum(a) + 1)}


def _omega_antipode(a: Comp) -> dict[Comp, int]:
    return {omega(a): -1 if sum(a) % 2 else 1}


def qsym_fundamental() -> GradedHopfAlgebra:
    """QSym in Gessel's fundamental basis ``F_α``.

    Product by shuffling permutations with descent compositions ``α`` and ``β``;
    coproduct by cutting ``α`` at every point ``0..n``; closed antipode
    ``S(F_α) = (−1)^{|α|} F_{ω(α)}``. Dual: NSym (ribbons R).
    Reference: Gessel, Contemp. Math. 34 (1984); Malvenuto–Reutenauer (1995).

    >>> qsym_fundamental().product((1,), (1,))
    {(1, 1): 1, (2,): 1}
    """
    return GradedHopfAlgebra(
        name="qsym:F",
        description="quasisymmetric functions QSym, fundamental basis F",
        basis_label="compositions",
        product_rule=_qsym_f_product,
        coproduct_rule=_qsym_f_coproduct,
        closed_antipode=_omega_antipode,
        closed_antipode_text="S(F_α) = (−1)^|α| F_ω(α)",
        primitive_formula=lambda n: 1 if n >= 1 else 0,
        primitive_text="one per degree",
        dual="nsym:R",
        reference="Gessel, Contemp. Math. 34 (1984) 289–317",
        **_comps_common("F"),
    )


def _nsym_h_coproduct(a: Comp) -> dict[tuple[Comp, Comp], int]:
    out: dict[tuple[Comp, Comp], int] = {}
    for js in itertools.product(*(range(p + 1) for p in a)):
        left = tuple(j for j in js if j)
        right = tuple(p - j for p, j in zip(a, js, strict=True) if p - j)
        add_into(out, (left, right), 1)
    return out


def _nsym_h_antipode(a: Comp) -> dict[Comp, int]:
    return {b: -1 if len(b) % 2 else 1 for b in refinements(a[::-1])}


@cache
def _pbw_primitives(dims: tuple[int, ...]) -> tuple[int, ...]:
    # Milnor–Moore/PBW: Σ dims_n t^n = Π_n (1 − t^n)^(−p_n); solve for p_n.
    n_max = len(dims) - 1
    prims = [0] * (n_max + 1)
    for n in range(1, n_max + 1):
        series = [1] + [0] * n_max
        for d in range(1, n):
            for _ in range(prims[d]):
                for k in range(d, n_max + 1):
                    series[k] += series[k - d]
        prims[n] = dims[n] - series[n]
    return tuple(prims)


def _pbw_formula(dim: Callable[[int], int]) -> Callable[[int], int]:
    def primitives(n: int) -> int:
        return _pbw_primitives(tuple(dim(k) for k in range(n + 1)))[n]

    return primitives


def nsym_complete() -> GradedHopfAlgebra:
    """NSym in the complete basis ``H_α``: concatenation, ``ΔH_n = Σ H_i ⊗ H_{n−i}``.

    Cocommutative; closed antipode ``S(H_α) = Σ_{β refines rev(α)} (−1)^{ℓ(β)} H_β``.
    Dual: QSym (M). Reference: Gelfand, Krob, Lascoux, Leclerc, Retakh, Thibon,
    *Noncommutative symmetric functions*, Adv. Math. 112 (1995).

    >>> nsym_complete().coproduct((2,))
    {((), (2,)): 1, ((1,), (1,)): 1, ((2,), ()): 1}
    """
    return GradedHopfAlgebra(
        name="nsym",
        description="noncommutative symmetric functions NSym, complete basis H",
        basis_label="compositions",
        product_rule=lambda a, b: {a + b: 1},
        coproduct_rule=_nsym_h_coproduct,
        closed_antipode=_nsym_h_antipode,
        closed_antipode_text="S(H_α) = Σ_{β ≤ rev(α)} (−1)^ℓ(β) H_β",
        primitive_formula=_pbw_formula(cb.count_compositions),
        primitive_text="Milnor–Moore: Π(1 − tⁿ)^(−pₙ) = Hilbert series",
        dual="qsym",
        reference="Gelfand et al., Adv. Math. 112 (1995) 218–348",
        **_comps_common("H"),
    )


def _ribbon_product(a: Comp, b: Comp) -> dict[Comp, int]:
    if not a:
        return {b: 1}
    if not b:
        return {a: 1}
    return {a + b: 1, (*a[:-1], a[-1] + b[0], *b[1:]): 1}


def _ribbon_to_h(a: Comp) -> dict[Comp, int]:
    return {b: -1 if (len(a) - len(b)) % 2 else 1 for b in coarsenings(a)}


def _h_to_ribbon(a: Comp) -> dict[Comp, int]:
    return {b: 1 for b in coarsenings(a)}


@cache
def _coarsenings_of(a: Comp) -> tuple[Comp, ...]:
    return tuple(coarsenings(a))


@cache
def _h_coproduct_terms(h: Comp) -> tuple[tuple[tuple[Comp, Comp], int], ...]:
    return tuple(_nsym_h_coproduct(h).items())


def _ribbon_coproduct(a: Comp) -> dict[tuple[Comp, Comp], int]:
    # Δ(R_α) = Σ_β ± Δ(H_β), collected in H⊗H first; then each distinct H_x⊗H_y is
    # converted to ribbons once (H_x = Σ_{γ coarsens x} R_γ), by linearity.
    in_h: dict[tuple[Comp, Comp], int] = {}
    for h, c in _ribbon_to_h(a).items():
        for xy, cxy in _h_coproduct_terms(h):
            add_into(in_h, xy, c * cxy)
    out: dict[tuple[Comp, Comp], int] = {}
    for (x, y), c in in_h.items():
        ry_all = _coarsenings_of(y)
        for rx in _coarsenings_of(x):
            for ry in ry_all:
                add_into(out, (rx, ry), c)
    return out


def nsym_ribbon() -> GradedHopfAlgebra:
    """NSym in the ribbon basis ``R_α``: ``R_α R_β = R_{α·β} + R_{α⊙β}``.

    Coproduct through ``R_α = Σ_{β coarsens α} (−1)^{ℓ(α)−ℓ(β)} H_β``; closed antipode
    ``S(R_α) = (−1)^{|α|} R_{ω(α)}``. Dual: QSym (F).
    Reference: Gelfand et al., Adv. Math. 112 (1995), §3.

    >>> nsym_ribbon().product((1,), (1,))
    {(1, 1): 1, (2,): 1}
    """
    return GradedHopfAlgebra(
        name="nsym:R",
        description="noncommutative symmetric functions NSym, ribbon basis R",
        basis_label="compositions",
        product_rule=_ribbon_product,
        coproduct_rule=_ribbon_coproduct,
        closed_antipode=_omega_antipode,
        closed_antipode_text="S(R_α) = (−1)^|α| R_ω(α)",
        primitive_formula=_pbw_formula(cb.count_compositions),
        primitive_text="Milnor–Moore: Π(1 − tⁿ)^(−pₙ) = Hilbert series",
        dual="qsym:F",
        reference="Gelfand et al., Adv. Math. 112 (1995) 218–348, §3",
        **_comps_common("R"),
    )


# ==================================================================================
# partitions: Sym in the m, e, h, p bases
# ==================================================================================


def _part(seq: Any) -> tuple[int, ...]:
    return tuple(sorted((x for x in seq if x), reverse=True))


def _part_parser(letter: str) -> Callable[[str], tuple[int, ...]]:
    comp = _comp_parser(letter)

    def parse(text: str) -> tuple[int, ...]:
        parts = comp(text)
        if list(parts) != sorted(parts, reverse=True):
            raise InputError(f"expected a partition (weakly decreasing) like {letter}[2,1]",
                             got=repr(text))
        return parts

    return parse


@cache
def _monomial_product(lam: tuple[int, ...], mu: tuple[int, ...]) -> Mapping[tuple, int]:
    # coefficient of m_ν = number of arrangements α of λ in ℓ(ν) slots with ν − α an
    # arrangement of μ (both padded with zeros)
    if not lam or not mu:
        return {lam or mu: 1}
    out: dict[tuple[int, ...], int] = {}
    n = sum(lam) + sum(mu)
    target_mu = Counter(mu)
    for nu in cb.partitions(n):
        L = len(nu)
        if L < max(len(lam), len(mu)) or L > len(lam) + len(mu):
            continue
        count = 0
        padded = list(lam) + [0] * (L - len(lam))
        for alpha in set(itertools.permutations(padded)):
            rest = [v - a for v, a in zip(nu, alpha, strict=True)]
            if min(rest) < 0:
                continue
            if Counter(x for x in rest if x) == target_mu:
                count += 1
        if count:
            out[nu] = count
    return out


def _submultisets(lam: tuple[int, ...]) -> dict[tuple[tuple, tuple], int]:
    counts = sorted(Counter(lam).items(), reverse=True)
    out: dict[tuple[tuple, tuple], int] = {}
    for picks in itertools.product(*(range(m + 1) for _, m in counts)):
        left = tuple(x for (v, _), k in zip(counts, picks, strict=True) for x in [v] * k)
        right = tuple(x for (v, m), k in zip(counts, picks, strict=True)
                      for x in [v] * (m - k))
        out[(left, right)] = 1
    return out


def _monomial_antipode(lam: tuple[int, ...]) -> dict[tuple, int]:
    # Through QSym: m_λ = Σ_{α sorting to λ} M_α and S(M_α) = (−1)^ℓ(α) Σ_{β ≥ rev α} M_β;
    # the result is symmetric, so the coefficient of m_μ is that of M_μ (μ decreasing).
    sign = -1 if len(lam) % 2 else 1
    out: dict[tuple, int] = {}
    for alpha in set(itertools.permutations(lam)):
        for beta in coarsenings(alpha[::-1]):
            if list(beta) == sorted(beta, reverse=True):
                add_into(out, beta, sign)
    return out


def _multiplicative_coproduct(lam: tuple[int, ...],
                              factor: Callable[[int], list[tuple[int, int]]]
                              ) -> dict[tuple[tuple, tuple], int]:
    # Δ(b_λ) = Π_i Δ(b_λi) for a multiplicative basis with Δ(b_n) = Σ b_i ⊗ b_j
    out: dict[tuple[tuple, tuple], int] = {}
    for choice in itertools.product(*(factor(p) for p in lam)):
        add_into(out, (_part(i for i, _ in choice), _part(j for _, j in choice)), 1)
    return out


def _split_all(n: int) -> list[tuple[int, int]]:
    return [(i, n - i) for i in range(n + 1)]


def _primitive_split(n: int) -> list[tuple[int, int]]:
    return [(n, 0), (0, n)]


def _eh_antipode(lam: tuple[int, ...]) -> dict[tuple, int]:
    # S(e_n) = (−1)^n h_n = Σ_{α ⊨ n} (−1)^ℓ(α) e_α, and S is multiplicative
    out: dict[tuple, int] = {(): 1}
    for part in lam:
        nxt: dict[tuple, int] = {}
        for key, c in out.items():
            for alpha in cb.compositions(part):
                add_into(nxt, _part(key + alpha), c * (-1 if len(alpha) % 2 else 1))
        out = nxt
    return out


def _z(lam: tuple[int, ...]) -> int:
    out = 1
    for v, m in Counter(lam).items():
        out *= v**m * factorial(m)
    return out


def _sym(letter: str, description: str, **rules: Any) -> GradedHopfAlgebra:
    return GradedHopfAlgebra(
        name=f"sym:{letter}",
        description=f"symmetric functions Sym, {description} basis {letter}",
        basis_label="partitions",
        basis_rule=cb.partitions,
        degree_rule=sum,
        one_key=(),
        show=_comp_show(letter),
        parse=_part_parser(letter),
        dimension_formula=cb.count_partitions,
        dimension_text="p(n) partitions of n",
        primitive_formula=lambda n: 1 if n >= 1 else 0,
        primitive_text="one per degree (p_n)",
        reference="Macdonald, Symmetric Functions and Hall Polynomials (1995), I.2, I.5",
        **rules,
    )


def sym_monomial() -> GradedHopfAlgebra:
    """Sym in the monomial basis ``m_λ``; Hall-dual to the complete basis ``h``.

    Closed antipode through QSym: ``S(m_λ) = (−1)^{ℓ(λ)} Σ_μ c_{λμ} m_μ`` with ``c_{λμ}``
    the number of rearrangements ``α`` of ``λ`` such that ``μ`` coarsens ``rev(α)``.

    Reference: Macdonald, *Symmetric Functions and Hall Polynomials*, I.2; I.5 ex. 25.

    >>> sym_monomial().product((1,), (1,))
    {(1, 1): 2, (2,): 1}
    """
    return _sym("m", "monomial", product_rule=_monomial_product,
                coproduct_rule=_submultisets, dual="sym:h", pairing_match=_self_match,
                closed_antipode=_monomial_antipode,
                closed_antipode_text="S(m_λ) = (−1)^ℓ(λ) Σ_μ #{α ~ λ : μ ≥ rev α} m_μ",
                pairing=lambda u, v: 1 if u == v else 0)


def sym_elementary() -> GradedHopfAlgebra:
    """Sym in the elementary basis ``e_λ``: ``e_λ e_μ = e_{λ∪μ}``, ``Δe_n = Σ e_i ⊗ e_{n−i}``.

    Closed antipode ``S(e_n) = (−1)^n h_n = Σ_{α ⊨ n} (−1)^{ℓ(α)} e_α``.
    Reference: Macdonald, I.2 and I.5.

    >>> sym_elementary().antipode((2,))
    {(1, 1): 1, (2,): -1}
    """
    return _sym("e", "elementary", product_rule=lambda a, b: {_part(a + b): 1},
                coproduct_rule=lambda lam: _multiplicative_coproduct(lam, _split_all),
                closed_antipode=_eh_antipode,
                closed_antipode_text="S(e_n) = Σ_{α ⊨ n} (−1)^ℓ(α) e_α, multiplicative")


def sym_complete() -> GradedHopfAlgebra:
    """Sym in the complete basis ``h_λ``: the same structure constants as ``e`` (ω).

    Hall-dual to the monomial basis. Reference: Macdonald, I.2 and I.5.

    >>> sym_complete().coproduct((1, 1))
    {((), (1, 1)): 1, ((1,), (1,)): 2, ((1, 1), ()): 1}
    """
    return _sym("h", "complete", product_rule=lambda a, b: {_part(a + b): 1},
                coproduct_rule=lambda lam: _multiplicative_coproduct(lam, _split_all),
                closed_antipode=_eh_antipode,
                closed_antipode_text="S(h_n) = Σ_{α ⊨ n} (−1)^ℓ(α) h_α, multiplicative",
                dual="sym:m", pairing=lambda u, v: 1 if u == v else 0,
                pairing_match=_self_match)


def sym_power() -> GradedHopfAlgebra:
    """Sym in the power-sum basis ``p_λ``: every ``p_n`` is primitive.

    Closed antipode ``S(p_λ) = (−1)^{ℓ(λ)} p_λ``; self-dual with ``⟨p_λ, p_μ⟩ = z_λ δ``.
    Reference: Macdonald, I.2 and I.4 (4.7).

    >>> sym_power().antipode((2, 1))
    {(2, 1): 1}
    """
    return _sym("p", "power-sum", product_rule=lambda a, b: {_part(a + b): 1},
                coproduct_rule=lambda lam: _multiplicative_coproduct(lam, _primitive_split),
                closed_antipode=lambda lam: {lam: -1 if len(lam) % 2 else 1},
                closed_antipode_text="S(p_λ) = (−1)^ℓ(λ) p_λ",
                dual="sym:p", pairing=lambda u, v: _z(u) if u == v else 0,
                pairing_match=lambda u: (u, _z(u)))


@cache
def _to_monomial(letter: str, lam: tuple[int, ...]) -> Mapping[tuple, Coeff]:
    if letter == "m":
        return {lam: 1}
    m = get("sym:m")
    if letter == "e":
        gen: Callable[[int], dict[tuple, int]] = lambda k: {(1,) * k: 1}  # noqa: E731
    elif letter == "h":
        gen = lambda k: {nu: 1 for nu in cb.partitions(k)}  # noqa: E731
    else:
        gen = lambda k: {(k,): 1}  # noqa: E731
    out: dict[tuple, Coeff] = {(): 1}
    for part in lam:
        nxt: dict[tuple, Coeff] = {}
        for a, ca in out.items():
            for b, cb_ in gen(part).items():
                for k, c in m.product(a, b).items():
                    add_into(nxt, k, ca * cb_ * c)
        out = nxt
    return out


def transition_matrix(source: str, target: str, n: int) -> Any:
    """The exact change-of-basis matrix of Sym in degree ``n`` (columns: source basis).

    ``source``/``target`` are ``sym:m``, ``sym:e``, ``sym:h`` or ``sym:p``; the result is a
    SymPy ``DomainMatrix`` over QQ with rows and columns in ``get(name).basis(n)`` order.

    >>> transition_matrix("sym:p", "sym:m", 2).to_Matrix()
    Matrix([
    [2, 0],
    [1, 1]])
    """
    from sympy import QQ
    from sympy.polys.matrices import DomainMatrix

    letters = {"sym:m": "m", "sym:e": "e", "sym:h": "h", "sym:p": "p"}
    for name in (source, target):
        if name not in letters:
            raise InputError("expected a Sym basis name", got=repr(name), choices=letters)
    basis = tuple(cb.partitions(n))
    index = {lam: i for i, lam in enumerate(basis)}

    def to_m(letter: str) -> Any:
        rows = [[QQ(0)] * len(basis) for _ in basis]
        for j, lam in enumerate(basis):
            for nu, c in _to_monomial(letter, lam).items():
                rows[index[nu]][j] = QQ(int(c))
        return DomainMatrix(rows, (len(basis), len(basis)), QQ)

    src_to_m = to_m(letters[source])
    if target == "sym:m":
        return src_to_m
    return to_m(letters[target]).inv() * src_to_m


def convert(x: Element, target: str) -> Element:
    """Rewrite an element of one Sym basis in another, exactly.

    >>> p = get("sym:p")
    >>> print(convert(p.basis_element("p[1,1]"), "sym:m"))
    2·m[1,1] + m[2]
    >>> print(convert(get("sym:m").basis_element("m[1,1]"), "sym:e"))
    e[2]
    """
    src = x.algebra.name
    out: dict[tuple, Coeff] = {}
    for deg in x.degrees:
        mat = transition_matrix(src, target, deg).to_Matrix()
        basis = get(target).basis(deg)
        src_basis = x.algebra.basis(deg)
        for j, lam in enumerate(src_basis):
            c = x.terms.get(lam, 0)
            if not c:
                continue
            for i, nu in enumerate(basis):
                v = mat[i, j]
                if v:
                    add_into(out, nu, c * Fraction(int(v.p), int(v.q)))
    return get(target).element(out)


# ==================================================================================
# permutations: FQSym
# ==================================================================================


def _perm_show(p: tuple[int, ...]) -> str:
    if not p:
        return "1"
    if len(p) <= 9:
        return "F[" + "".join(map(str, p)) + "]"
    return "F[" + ",".join(map(str, p)) + "]"


def _perm_parse(text: str) -> tuple[int, ...]:
    t = text.strip()
    if t in ("1", "", "[]", "()"):
        return ()
    t = re.sub(r"^[A-Za-z]+", "", t).strip("[]() ")
    try:
        if re.fullmatch(r"\d+", t):
            p = tuple(int(ch) for ch in t)
        else:
            p = tuple(int(x) for x in re.split(r"[,\s]+", t) if x)
    except ValueError:
        p = ()
    if sorted(p) != list(range(1, len(p) + 1)) or not p:
        raise InputError("expected a permutation like F[231]", got=repr(text))
    return p


def _fqsym_product(s: tuple[int, ...], t: tuple[int, ...]) -> dict[tuple, int]:
    out: dict[tuple, int] = {}
    for w in _shifted_shuffles(s, t):
        add_into(out, w, 1)
    return out


def _fqsym_coproduct(s: tuple[int, ...]) -> dict[tuple[tuple, tuple], int]:
    return {(cb.standardize(s[:i]), cb.standardize(s[i:])): 1 for i in range(len(s) + 1)}


def _inverse(p: tuple[int, ...]) -> tuple[int, ...]:
    out = [0] * len(p)
    for i, v in enumerate(p, start=1):
        out[v - 1] = i
    return tuple(out)


def fqsym() -> GradedHopfAlgebra:
    """FQSym (Malvenuto–Reutenauer) in the basis ``F_σ``: shifted shuffle, standardised
    deconcatenation. Self-dual: ``⟨F_σ, F_τ⟩ = δ_{σ, τ⁻¹}``. No closed antipode is
    encoded (recursive and Takeuchi only).
    Reference: Malvenuto–Reutenauer, J. Algebra 177 (1995); Duchamp–Hivert–Thibon (2002).

    >>> fqsym().product((1,), (1,))
    {(1, 2): 1, (2, 1): 1}
    """
    return GradedHopfAlgebra(
        name="fqsym",
        description="free quasisymmetric functions FQSym (Malvenuto–Reutenauer), basis F",
        basis_label="permutations",
        basis_rule=cb.permutations,
        degree_rule=len,
        product_rule=_fqsym_product,
        coproduct_rule=_fqsym_coproduct,
        one_key=(),
        show=_perm_show,
        parse=_perm_parse,
        dimension_formula=cb.count_permutations,
        dimension_text="n! permutations",
        dual="fqsym",
        pairing=lambda s, t: 1 if s == _inverse(t) else 0,
        pairing_match=lambda s: (_inverse(s), 1),
        reference="Malvenuto–Reutenauer, J. Algebra 177 (1995) 967–982",
    )


# ==================================================================================
# rooted forests: Connes–Kreimer
# ==================================================================================


def _forest(trees: Any) -> tuple:
    # the canonical form of combinatorics.forests: trees in plain sorted order
    return tuple(sorted(trees))


@cache
def _cuts(tree: tuple) -> tuple[tuple[tuple, tuple | None], ...]:
    # admissible cuts of a tree, with the total cut: (pruned forest, trunk or None)
    out: list[tuple[tuple, tuple | None]] = [((tree,), None)]
    for choice in itertools.product(*(_cuts(child) for child in tree)):
        pruned = tuple(t for p, _ in choice for t in p)
        trunk = tuple(sorted(r for _, r in choice if r is not None))
        out.append((pruned, trunk))
    return tuple(out)


@cache
def _tree_coproduct(tree: tuple) -> Mapping[tuple[tuple, tuple], int]:
    out: dict[tuple[tuple, tuple], int] = {}
    for pruned, trunk in _cuts(tree):
        add_into(out, (_forest(pruned), () if trunk is None else (trunk,)), 1)
    return out


def _ck_product(f: tuple, g: tuple) -> dict[tuple, int]:
    return {_forest(f + g): 1}


def _ck_coproduct(forest: tuple) -> dict[tuple[tuple, tuple], int]:
    out: dict[tuple[tuple, tuple], int] = {((), ()): 1}
    for tree in forest:
        nxt: dict[tuple[tuple, tuple], int] = {}
        for (a, b), c in out.items():
            for (x, y), cxy in _tree_coproduct(tree).items():
                add_into(nxt, (_forest(a + x), _forest(b + y)), c * cxy)
        out = nxt
    return out


@cache
def _all_edge_cuts(tree: tuple) -> tuple[tuple[int, tuple, tuple], ...]:
    # every subset of edges: (sign (−1)^{#cut}, the root's piece, the other pieces)
    combos: list[tuple[int, tuple, tuple]] = [(1, (), ())]
    for child in tree:
        nxt = []
        for sign, root_children, others in combos:
            for s, r, o in _all_edge_cuts(child):
                nxt.append((sign * s, (*root_children, r), others + o))  # edge kept
                nxt.append((-sign * s, root_children, (*others, r, *o)))  # edge cut
        combos = nxt
    return tuple((s, tuple(sorted(rc)), o) for s, rc, o in combos)


def _ck_antipode(forest: tuple) -> dict[tuple, int]:
    # S(T) = −Σ_{C ⊆ edges} (−1)^{|C|} (forest of pieces), S multiplicative on forests
    out: dict[tuple, int] = {(): 1}
    for tree in forest:
        nxt: dict[tuple, int] = {}
        for key, c in out.items():
            for sign, root, others in _all_edge_cuts(tree):
                add_into(nxt, _forest(key + (root,) + others), -sign * c)
        out = nxt
    return out


def _forest_parse(text: str) -> tuple:
    t = text.strip()
    if t in ("1", "", "∅"):
        return ()
    chunks = re.findall(r"[•o](?:\([^ ]*\))?", t.replace(", ", ","))
    if "".join(chunks).replace(" ", "") != t.replace(" ", "").replace(", ", ","):
        raise InputError("expected a forest like • •(•)", got=repr(text))
    return _forest(cb.parse_tree(c) for c in chunks)


def connes_kreimer() -> GradedHopfAlgebra:
    """The Connes–Kreimer Hopf algebra of rooted forests: disjoint union, admissible cuts.

    ``Δ(T) = Σ_c P^c(T) ⊗ R^c(T)`` (pruned part left, trunk right, total and empty cuts
    included); closed antipode ``S(T) = −Σ_{C ⊆ edges(T)} (−1)^{|C|} (pieces of T cut
    at C)``. Dimension: rooted forests on n nodes = rooted trees on n+1 (A000081).
    Reference: Connes–Kreimer, Comm. Math. Phys. 199 (1998); Foissy, Bull. Sci. Math. 126 (2002).

    >>> H = connes_kreimer()
    >>> print(H.basis_element("•(•)").coproduct())
    •(•) ⊗ 1 + • ⊗ • + 1 ⊗ •(•)
    >>> print(H.basis_element("•(•)").antipode())
    -•(•) + • •
    """
    return GradedHopfAlgebra(
        name="ck",
        description="Connes–Kreimer Hopf algebra of rooted forests",
        basis_label="rooted forests",
        basis_rule=cb.forests,
        degree_rule=cb.forest_nodes,
        product_rule=_ck_product,
        coproduct_rule=_ck_coproduct,
        one_key=(),
        show=cb.show_forest,
        parse=_forest_parse,
        closed_antipode=_ck_antipode,
        closed_antipode_text="S(T) = −Σ_{C ⊆ edges} (−1)^|C| T∖C",
        dimension_formula=cb.count_forests,
        dimension_text="rooted forests on n nodes (A000081(n+1))",
        reference="Connes–Kreimer, Comm. Math. Phys. 199 (1998) 203–242",
    )


# ==================================================================================
# the catalogue
# ==================================================================================


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    """One named graded algebra: name, basis, description, reference, and its builder.

    >>> entries()[0].basis
    'words over {a, b}'
    """

    name: str
    basis: str
    description: str
    reference: str
    build: Callable[[], GradedHopfAlgebra]


_FIXED: dict[str, Callable[[], GradedHopfAlgebra]] = {
    "sym:m": sym_monomial,
    "sym:e": sym_elementary,
    "sym:h": sym_complete,
    "sym:p": sym_power,
    "qsym": qsym_monomial,
    "qsym:F": qsym_fundamental,
    "nsym": nsym_complete,
    "nsym:R": nsym_ribbon,
    "fqsym": fqsym,
    "ck": connes_kreimer,
    "broken:qsym-unreversed": qsym_unreversed,
}
_ALIASES = {"sym": "sym:m", "qsym:M": "qsym", "nsym:H": "nsym", "connes-kreimer": "ck",
            "fqsym:F": "fqsym"}
_ALPHABET: dict[str, Callable[[str], GradedHopfAlgebra]] = {
    "tensor": tensor_algebra,
    "shuffle": shuffle_algebra,
    "broken:concat-deconcat": concat_deconcat,
    "broken:shuffle-sign": shuffle_sign_error,
}
_ORDER = ("tensor:ab", "shuffle:ab", "sym:m", "sym:e", "sym:h", "sym:p", "qsym", "qsym:F",
          "nsym", "nsym:R", "fqsym", "ck", "broken:concat-deconcat:ab", "broken:shuffle-sign:ab",
          "broken:qsym-unreversed")
_BUILT: dict[str, GradedHopfAlgebra] = {}


def names() -> tuple[str, ...]:
    """The catalogue's names (word algebras with the default alphabet ``ab``).

    >>> "qsym" in names() and "shuffle:ab" in names()
    True
    """
    return _ORDER


def _canonical(name: str) -> str:
    name = name.strip()
    if name in _ALIASES:
        return _ALIASES[name]
    lowered = {n.lower(): n for n in (*_FIXED, *_ALIASES)}
    if name.lower() in lowered:
        found = lowered[name.lower()]
        return _ALIASES.get(found, found)
    return name


def get(name: str) -> GradedHopfAlgebra:
    """The graded algebra called ``name`` (built once, then shared).

    >>> get("shuffle:xyz").basis(1)
    ('x', 'y', 'z')
    >>> get("qsym:m") is get("qsym")
    True
    """
    if not isinstance(name, str):
        raise InputError("expected a graded catalogue name", got=repr(name))
    key = _canonical(name)
    if key in _BUILT:
        return _BUILT[key]
    if key in _FIXED:
        H = _FIXED[key]()
    else:
        prefix, _, alphabet = key.rpartition(":")
        if prefix not in _ALPHABET or not alphabet:
            raise InputError("expected a graded catalogue name", got=repr(name),
                             choices=(*_ORDER, *_ALIASES))
        H = _ALPHABET[prefix](alphabet)
        key = H.name
    _BUILT[key] = H
    return H


def entries() -> tuple[CatalogueEntry, ...]:
    """Every catalogue entry, in catalogue order, with basis, description and reference.

    >>> e = {x.name: x for x in entries()}["ck"]
    >>> e.basis, e.reference.split(",")[0]
    ('rooted forests', 'Connes–Kreimer')
    """
    out = []
    for name in _ORDER:
        H = get(name)
        out.append(CatalogueEntry(name, H.basis_label, H.description, H.reference,
                                  _builder(name)))
    return tuple(out)


def _builder(name: str) -> Callable[[], GradedHopfAlgebra]:
    return lambda: get(name)
