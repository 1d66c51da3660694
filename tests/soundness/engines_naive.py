"""An independent, naive Hopf-law kernel for the engine soundness tests.

Written for clarity, not speed, and sharing no code with ``coherence``: scalars are
``fractions.Fraction`` (ℚ) or :class:`Cyc` (ℚ(ζₙ): φ(n) fractions in the basis
1, ζ, …, reduced by Φₙ computed here from xⁿ − 1), structures are plain dicts, and every law is a loop over basis tuples that
compares two dicts. The tests compare every engine of coherence with this kernel.

A structure is a :class:`Naive` with

* ``m[(i, j)]``   — dict ``k -> c``: e_i·e_j = Σ c e_k
* ``u``           — dict ``k -> c``: 1 = Σ c e_k
* ``delta[i]``    — dict ``(a, b) -> c``: Δ(e_i) = Σ c e_a⊗e_b
* ``eps[i]``      — scalar ε(e_i)
* ``S[i]``        — dict ``k -> c`` (or ``None``: no antipode given)
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

# -- scalars --------------------------------------------------------------------------


@functools.cache
def cyclotomic_poly(n: int) -> tuple[int, ...]:
    """Φₙ as integer coefficients, lowest degree first: xⁿ − 1 divided by Φ_d, d | n, d < n."""
    num = [-1] + [0] * (n - 1) + [1]
    for d in range(1, n):
        if n % d == 0:
            den = cyclotomic_poly(d)
            q = [0] * (len(num) - len(den) + 1)
            r = list(num)
            for k in range(len(q) - 1, -1, -1):  # den is monic
                q[k] = r[k + len(den) - 1]
                for j, c in enumerate(den):
                    r[k + j] -= q[k] * c
            num = q
    return tuple(num)


@dataclass(frozen=True)
class Cyc:
    """Σ c_k ζᵏ (k < φ(n)) in ℚ(ζₙ), reduced by the relation Φₙ(ζ) = 0."""

    n: int
    c: tuple[Fraction, ...]

    @staticmethod
    def of(n: int, *coeffs: Any) -> Cyc:
        deg = len(cyclotomic_poly(n)) - 1
        return Cyc._reduce(n, [Fraction(x) for x in coeffs] + [Fraction(0)] * deg)

    @staticmethod
    def _reduce(n: int, coeffs: list[Fraction]) -> Cyc:
        phi = cyclotomic_poly(n)
        deg = len(phi) - 1
        coeffs = list(coeffs)
        for k in range(len(coeffs) - 1, deg - 1, -1):  # ζᵏ = −Σ φ_j ζ^{k−deg+j}
            top = coeffs[k]
            if top:
                for j in range(deg):
                    coeffs[k - deg + j] -= top * phi[j]
            coeffs[k] = Fraction(0)
        coeffs += [Fraction(0)] * max(0, deg - len(coeffs))
        return Cyc(n, tuple(coeffs[:deg]))

    def _c(self, other: Any) -> Cyc:
        return other if isinstance(other, Cyc) else Cyc.of(self.n, other)

    def __add__(self, other: Any) -> Cyc:
        if not other and not isinstance(other, Cyc):
            return self
        o = self._c(other)
        return Cyc(self.n, tuple(x + y for x, y in zip(self.c, o.c, strict=True)))

    __radd__ = __add__

    def __neg__(self) -> Cyc:
        return Cyc(self.n, tuple(-x for x in self.c))

    def __sub__(self, other: Any) -> Cyc:
        return self + (-self._c(other))

    def __rsub__(self, other: Any) -> Cyc:
        return self._c(other) - self

    def __mul__(self, other: Any) -> Cyc:
        o = self._c(other)
        prod = [Fraction(0)] * (2 * len(self.c))
        for i, x in enumerate(self.c):
            if x:
                for j, y in enumerate(o.c):
                    prod[i + j] += x * y
        return Cyc._reduce(self.n, prod)

    __rmul__ = __mul__

    def inverse(self) -> Cyc:
        """Solve self·y = 1: the columns of the matrix are self·ζʲ."""
        deg = len(self.c)
        cols = []
        z = Cyc.of(self.n, 1)
        zeta = Cyc.of(self.n, 0, 1) if deg > 1 else z
        for _ in range(deg):
            cols.append((self * z).c)
            z = z * zeta
        M = [[cols[j][i] for j in range(deg)] for i in range(deg)]
        Minv = _inverse(M)
        if Minv is None:
            raise ZeroDivisionError
        return Cyc(self.n, tuple(Minv[i][0] for i in range(deg)))

    def __truediv__(self, other: Any) -> Cyc:
        return self * self._c(other).inverse()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Cyc):
            return self.c == other.c
        if isinstance(other, (int, Fraction)):
            return self.c[0] == other and not any(self.c[1:])
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.c)

    def __bool__(self) -> bool:
        return any(self.c)


def inv(x: Any) -> Any:
    return x.inverse() if isinstance(x, Cyc) else 1 / Fraction(x)


# -- structures -----------------------------------------------------------------------


@dataclass
class Naive:
    n: int
    m: dict[tuple[int, int], dict[int, Any]]
    u: dict[int, Any]
    delta: dict[int, dict[tuple[int, int], Any]]
    eps: dict[int, Any]
    S: dict[int, dict[int, Any]] | None
    order: int = 1  # 1: ℚ, 3 or 4: ℚ(ζₙ)


def _add(d: dict, k: Any, c: Any) -> None:
    s = d.get(k, 0) + c
    if s:
        d[k] = s
    else:
        d.pop(k, None)


def _clean(d: dict) -> dict:
    return {k: v for k, v in d.items() if v}


def mul(H: Naive, x: dict[int, Any], y: dict[int, Any]) -> dict[int, Any]:
    out: dict[int, Any] = {}
    for i, a in x.items():
        for j, b in y.items():
            for k, c in H.m.get((i, j), {}).items():
                _add(out, k, a * b * c)
    return out


def comul(H: Naive, x: dict[int, Any]) -> dict[tuple[int, int], Any]:
    out: dict[tuple[int, int], Any] = {}
    for i, a in x.items():
        for ab, c in H.delta.get(i, {}).items():
            _add(out, ab, a * c)
    return out


def counit(H: Naive, x: dict[int, Any]) -> Any:
    total: Any = 0
    for i, a in x.items():
        total = total + a * H.eps.get(i, 0)
    return total


def antipode(H: Naive, x: dict[int, Any]) -> dict[int, Any]:
    assert H.S is not None
    out: dict[int, Any] = {}
    for i, a in x.items():
        for k, c in H.S.get(i, {}).items():
            _add(out, k, a * c)
    return out


def e(i: int) -> dict[int, Any]:
    return {i: 1}


def failures(H: Naive) -> dict[str, list[tuple[int, ...]]]:
    """Every law → the basis tuples where it fails (empty: the law holds)."""
    n = H.n
    rng = range(n)
    out: dict[str, list[tuple[int, ...]]] = {}
    one = _clean(H.u)
    out["associativity"] = [
        (i, j, k) for i in rng for j in rng for k in rng
        if mul(H, mul(H, e(i), e(j)), e(k)) != mul(H, e(i), mul(H, e(j), e(k)))]
    out["left-unit"] = [(i,) for i in rng if mul(H, one, e(i)) != e(i)]
    out["right-unit"] = [(i,) for i in rng if mul(H, e(i), one) != e(i)]

    def delta_left(i: int) -> dict:
        res: dict = {}
        for (a, b), c in comul(H, e(i)).items():
            for (p, q), d in H.delta.get(a, {}).items():
                _add(res, (p, q, b), c * d)
        return res

    def delta_right(i: int) -> dict:
        res: dict = {}
        for (a, b), c in comul(H, e(i)).items():
            for (p, q), d in H.delta.get(b, {}).items():
                _add(res, (a, p, q), c * d)
        return res

    out["coassociativity"] = [(i,) for i in rng if delta_left(i) != delta_right(i)]

    def counit_side(i: int, left: bool) -> dict:
        res: dict = {}
        for (a, b), c in comul(H, e(i)).items():
            if left:
                _add(res, b, c * H.eps.get(a, 0))
            else:
                _add(res, a, c * H.eps.get(b, 0))
        return res

    out["left-counit"] = [(i,) for i in rng if counit_side(i, True) != e(i)]
    out["right-counit"] = [(i,) for i in rng if counit_side(i, False) != e(i)]

    def delta_of_product(i: int, j: int) -> dict:
        return comul(H, mul(H, e(i), e(j)))

    def product_of_deltas(i: int, j: int) -> dict:
        res: dict = {}
        for (a, b), c in comul(H, e(i)).items():
            for (p, q), d in comul(H, e(j)).items():
                cd = c * d
                for k, s in H.m.get((a, p), {}).items():
                    cds = cd * s
                    for m, t in H.m.get((b, q), {}).items():
                        _add(res, (k, m), cds * t)
        return res

    out["delta-multiplicative"] = [(i, j) for i in rng for j in rng
                                   if delta_of_product(i, j) != product_of_deltas(i, j)]
    out["eps-multiplicative"] = [
        (i, j) for i in rng for j in rng
        if counit(H, mul(H, e(i), e(j))) != H.eps.get(i, 0) * H.eps.get(j, 0)]
    one_one: dict = {}
    for a, c in one.items():
        for b, d in one.items():
            _add(one_one, (a, b), c * d)
    out["delta-unit"] = [] if comul(H, one) == one_one else [()]
    out["eps-unit"] = [] if counit(H, one) == 1 else [()]
    out["commutative"] = [(i, j) for i in rng for j in rng
                          if mul(H, e(i), e(j)) != mul(H, e(j), e(i))]
    out["cocommutative"] = [(i,) for i in rng
                            if {(b, a): c for (a, b), c in comul(H, e(i)).items()}
                            != comul(H, e(i))]
    if H.S is not None:
        for law, left in (("antipode-left", True), ("antipode-right", False)):
            bad = []
            for i in rng:
                res: dict = {}
                for (a, b), c in comul(H, e(i)).items():
                    x, y = (antipode(H, e(a)), e(b)) if left else (e(a), antipode(H, e(b)))
                    for k, v in mul(H, x, y).items():
                        _add(res, k, c * v)
                want = {k: H.eps.get(i, 0) * c for k, c in one.items()}
                if res != _clean(want):
                    bad.append((i,))
            out[law] = bad
    return out


# -- the structures to test ---------------------------------------------------------------


def group_algebra(table: list[list[int]], inverse: list[int], order: int = 1) -> Naive:
    n = len(table)
    return Naive(n, {(i, j): {table[i][j]: Fraction(1)} for i in range(n) for j in range(n)},
                 {0: Fraction(1)}, {i: {(i, i): Fraction(1)} for i in range(n)},
                 {i: Fraction(1) for i in range(n)},
                 {i: {inverse[i]: Fraction(1)} for i in range(n)}, order)


def function_algebra(table: list[list[int]], inverse: list[int], order: int = 1) -> Naive:
    """k^G: δ_s δ_t = [s = t] δ_s, 1 = Σ δ_s, Δ δ_s = Σ_{ab = s} δ_a⊗δ_b, ε(δ_s) = [s = 1]."""
    n = len(table)
    delta: dict[int, dict[tuple[int, int], Any]] = {i: {} for i in range(n)}
    for a in range(n):
        for b in range(n):
            delta[table[a][b]][(a, b)] = Fraction(1)
    return Naive(n, {(i, i): {i: Fraction(1)} for i in range(n)},
                 {i: Fraction(1) for i in range(n)}, delta,
                 {i: Fraction(1 if i == 0 else 0) for i in range(n)},
                 {i: {inverse[i]: Fraction(1)} for i in range(n)}, order)


def cyclic(k: int) -> tuple[list[list[int]], list[int]]:
    return [[(i + j) % k for j in range(k)] for i in range(k)], [(-i) % k for i in range(k)]


def klein() -> tuple[list[list[int]], list[int]]:
    return [[i ^ j for j in range(4)] for i in range(4)], [0, 1, 2, 3]


def sweedler() -> Naive:
    """Basis 1, g, x, gx: g² = 1, x² = 0, xg = −gx; Δg = g⊗g, Δx = x⊗1 + g⊗x."""
    one, g, x, gx = 0, 1, 2, 3
    # words in g, x as (power of g, has x) with sign
    def word(i: int) -> tuple[int, int]:
        return {one: (0, 0), g: (1, 0), x: (0, 1), gx: (1, 1)}[i]

    def index(gp: int, xp: int) -> int:
        return {(0, 0): one, (1, 0): g, (0, 1): x, (1, 1): gx}[(gp, xp)]

    m: dict[tuple[int, int], dict[int, Any]] = {}
    for i in range(4):
        for j in range(4):
            g1, x1 = word(i)
            g2, x2 = word(j)
            if x1 and x2:
                continue  # x² = 0 (and anything with two x's)
            sign = -1 if (x1 and g2) else 1  # x·g = −g·x
            m[(i, j)] = {index((g1 + g2) % 2, x1 + x2): Fraction(sign)}
    delta = {one: {(one, one): Fraction(1)}, g: {(g, g): Fraction(1)},
             x: {(x, one): Fraction(1), (g, x): Fraction(1)},
             gx: {(gx, g): Fraction(1), (one, gx): Fraction(1)}}
    eps = {one: Fraction(1), g: Fraction(1), x: Fraction(0), gx: Fraction(0)}
    S = {one: {one: Fraction(1)}, g: {g: Fraction(1)}, x: {gx: Fraction(-1)},
         gx: {x: Fraction(1)}}
    return Naive(4, m, {one: Fraction(1)}, delta, eps, S)


def idempotent_monoid() -> Naive:
    """ℚ[{1, e}], e² = e, both grouplike: a bialgebra with no antipode (none given)."""
    return Naive(2, {(0, 0): {0: Fraction(1)}, (0, 1): {1: Fraction(1)},
                     (1, 0): {1: Fraction(1)}, (1, 1): {1: Fraction(1)}},
                 {0: Fraction(1)}, {0: {(0, 0): Fraction(1)}, 1: {(1, 1): Fraction(1)}},
                 {0: Fraction(1), 1: Fraction(1)}, None)


def bases(order: int) -> list[Naive]:
    """Valid bialgebras of dimension 1–4 to start from."""
    out = [group_algebra(*cyclic(k), order=order) for k in (1, 2, 3, 4)]
    out += [function_algebra(*cyclic(k), order=order) for k in (2, 3, 4)]
    out += [group_algebra(*klein(), order=order), function_algebra(*klein(), order=order)]
    if order == 1:
        out += [sweedler(), idempotent_monoid()]
    return [_lift(H, order) for H in out]


def _lift(H: Naive, order: int) -> Naive:
    if order == 1:
        return H

    def c(x: Any) -> Any:
        return Cyc.of(order, x)

    return _map_scalars(H, c, order)


def _map_scalars(H: Naive, f: Any, order: int) -> Naive:
    return Naive(H.n, {k: {i: f(v) for i, v in d.items()} for k, d in H.m.items()},
                 {i: f(v) for i, v in H.u.items()},
                 {k: {ab: f(v) for ab, v in d.items()} for k, d in H.delta.items()},
                 {i: f(v) for i, v in H.eps.items()},
                 None if H.S is None else {k: {i: f(v) for i, v in d.items()}
                                           for k, d in H.S.items()}, order)


def random_scalar(rng: random.Random, order: int, big: bool) -> Any:
    """0/±1/small, or (big) an integer up to 2⁶⁴ or a rational with a large denominator."""
    kind = rng.random()
    if not big or kind < 0.4:
        v = Fraction(rng.choice([-2, -1, 1, 1, 2, 3]))
    elif kind < 0.7:
        v = Fraction(rng.randrange(-2**64, 2**64) or 1)
    else:
        v = Fraction(rng.randrange(-2**40, 2**40) or 1, rng.randrange(1, 2**64))
    if order == 1:
        return v
    w = Fraction(rng.choice([0, 0, 1, -1, rng.randrange(-2**64, 2**64)]) if big else
                 rng.choice([0, 1, -1]))
    return Cyc.of(order, v, w)


def change_basis(H: Naive, rng: random.Random, big: bool) -> Naive:
    """The same structure in a random basis f_a = Σ P[i][a] e_i (every law is preserved)."""
    n = H.n
    while True:
        # big (2⁶⁴, large-denominator) scalings on the diagonal, small shears off it:
        # dense big matrices make constants of thousands of digits, which test nothing more
        P = [[random_scalar(rng, H.order, big and i == a) if rng.random() < 0.12 or i == a else
              (Fraction(0) if H.order == 1 else Cyc.of(H.order, 0))
              for a in range(n)] for i in range(n)]
        Q = _inverse(P)
        if Q is not None:
            break

    def to_new(v: dict[int, Any]) -> dict[int, Any]:  # e-coordinates → f-coordinates
        out: dict[int, Any] = {}
        for i, c in v.items():
            for a in range(n):
                if Q[a][i]:
                    _add(out, a, Q[a][i] * c)
        return out

    def col(a: int) -> dict[int, Any]:
        return {i: P[i][a] for i in range(n) if P[i][a]}

    m = {}
    for a in range(n):
        for b in range(n):
            m[(a, b)] = to_new(mul(H, col(a), col(b)))
    delta = {}
    for a in range(n):
        d = comul(H, col(a))
        out: dict[tuple[int, int], Any] = {}
        for (i, j), c in d.items():
            for p in range(n):
                if not Q[p][i]:
                    continue
                for q in range(n):
                    if Q[q][j]:
                        _add(out, (p, q), Q[p][i] * Q[q][j] * c)
        delta[a] = out
    eps = {a: counit(H, col(a)) for a in range(n)}
    S = None if H.S is None else {a: to_new(antipode(H, col(a))) for a in range(n)}
    return Naive(n, m, to_new(H.u), delta, eps, S, H.order)


def _inverse(P: list[list[Any]]) -> list[list[Any]] | None:
    n = len(P)
    zero = P[0][0] * 0
    A = [[P[i][j] for j in range(n)] + [zero + (1 if i == j else 0) for j in range(n)]
         for i in range(n)]
    for c in range(n):
        piv = next((r for r in range(c, n) if A[r][c]), None)
        if piv is None:
            return None
        A[c], A[piv] = A[piv], A[c]
        f = inv(A[c][c])
        A[c] = [x * f for x in A[c]]
        for r in range(n):
            if r != c and A[r][c]:
                g = A[r][c]
                A[r] = [x - g * y for x, y in zip(A[r], A[c], strict=True)]
    return [row[n:] for row in A]


MAPS = ("m", "u", "delta", "eps", "S")


def perturb(H: Naive, rng: random.Random, big: bool) -> tuple[Naive, str]:
    """One structure constant changed by a nonzero random amount; says which."""
    n = H.n
    which = rng.choice([w for w in MAPS if w != "S" or H.S is not None])
    d = random_scalar(rng, H.order, big)
    G = Naive(n, {k: dict(v) for k, v in H.m.items()}, dict(H.u),
              {k: dict(v) for k, v in H.delta.items()}, dict(H.eps),
              None if H.S is None else {k: dict(v) for k, v in H.S.items()}, H.order)
    if which == "m":
        key, k = (rng.randrange(n), rng.randrange(n)), rng.randrange(n)
        G.m.setdefault(key, {})
        _add(G.m[key], k, d)
        where = f"m(e{key[0]}⊗e{key[1]})[e{k}] += {d}"
    elif which == "u":
        k = rng.randrange(n)
        _add(G.u, k, d)
        where = f"u[e{k}] += {d}"
    elif which == "delta":
        i, ab = rng.randrange(n), (rng.randrange(n), rng.randrange(n))
        _add(G.delta.setdefault(i, {}), ab, d)
        where = f"Δ(e{i})[e{ab[0]}⊗e{ab[1]}] += {d}"
    elif which == "eps":
        i = rng.randrange(n)
        G.eps[i] = G.eps.get(i, 0) + d
        where = f"ε(e{i}) += {d}"
    else:
        assert G.S is not None
        i, k = rng.randrange(n), rng.randrange(n)
        _add(G.S.setdefault(i, {}), k, d)
        where = f"S(e{i})[e{k}] += {d}"
    return G, where


# -- into coherence -------------------------------------------------------------------------


def to_coherence(H: Naive, name: str = "naive") -> Any:
    """The same structure as a coherence Bialgebra/HopfAlgebra (basis e0, e1, …)."""
    import sympy
    from coherence.algebra.domains import QQ, cyclotomic
    from coherence.algebra.hopf import build

    n = H.n
    if H.order == 1:
        K = QQ

        def conv(x: Any) -> Any:
            x = Fraction(x)
            return QQ(x.numerator, x.denominator)
    else:
        K, z = cyclotomic(H.order)

        def conv(x: Any) -> Any:
            if not isinstance(x, Cyc):
                x = Cyc.of(H.order, x)
            total = K.zero
            for k, q in enumerate(x.c):
                total += K.from_sympy(sympy.Rational(q.numerator, q.denominator)) * z**k
            return total

    def vec(d: dict[int, Any]) -> dict[int, Any]:
        return {k: conv(v) for k, v in d.items() if v}

    return build(tuple(f"e{i}" for i in range(n)), K,
                 product={k: vec(v) for k, v in H.m.items()},
                 unit=vec(H.u),
                 coproduct={i: {a * n + b: conv(c) for (a, b), c in d.items() if c}
                            for i, d in H.delta.items()},
                 counit={i: conv(c) for i, c in H.eps.items() if c},
                 antipode=None if H.S is None else {i: vec(v) for i, v in H.S.items()},
                 name=name)


def generate(rng: random.Random, count: int) -> list[tuple[str, Naive]]:
    """``count`` random small structures: bases in random bases, perturbed or not, and a
    few with entirely random constants; over ℚ, ℚ(ζ₃), ℚ(ζ₄)."""
    pools = {order: bases(order) for order in (1, 3, 4)}
    out = []
    for k in range(count):
        order = rng.choice((1, 1, 3, 4))
        big = rng.random() < 0.5
        r = rng.random()
        if r < 0.08:  # entirely random sparse constants
            n = rng.randrange(1, 4)
            H = Naive(n, {(i, j): {c: random_scalar(rng, order, big)}
                          for i in range(n) for j in range(n) if rng.random() < 0.7
                          for c in [rng.randrange(n)]},
                      {0: random_scalar(rng, order, big)},
                      {i: {(rng.randrange(n), rng.randrange(n)): random_scalar(rng, order, big)}
                       for i in range(n)},
                      {i: random_scalar(rng, order, big) for i in range(n)},
                      {i: {rng.randrange(n): random_scalar(rng, order, big)} for i in range(n)},
                      order)
            out.append((f"#{k} random dim {n} order {order}", H))
            continue
        base = rng.choice(pools[order])
        H = change_basis(base, rng, big) if rng.random() < 0.7 else base
        label = f"#{k} dim {H.n} order {order}{' big' if big else ''}"
        if r < 0.6:
            H, where = perturb(H, rng, big)
            label += f" perturbed {where}"
        out.append((label, H))
    return out
