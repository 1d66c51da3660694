"""The random (mod p) method over ℚ(ζₙ): no structure can be built for its primes.

Issue 13, item 2. With fixed published primes p₁ = 2³¹ − 1, p₂ = 2147483629 and a
fixed cube root of unity rᵢ mod each, the residual c = (ζ − r₁)(ζ − r₂) lies in both
kernels (the prime ideals (pᵢ, ζ − rᵢ), not pᵢℤ[ζ]), so a counit ε(g) = 1 + c was
reported ``evidence … ≤ 2.2e-19`` on a structure that is not even a coalgebra.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from coherence.algebra.domains import cyclotomic
from coherence.algebra.modular import WINDOW, SparseStructure, reduce, window_primes
from coherence.algebra.structure_file import read_structure
from coherence.checks.cli import main
from coherence.checks.random_laws import _ideals, check_laws_random
from coherence.checks.verdict import Outcome

ZETA_TRAP = '''name = "zeta-trap"
field = "QQ(zeta_3)"
basis = ["1", "g"]
unit = "1"
[product]
"g*g" = "1"
[coproduct]
"1" = "1⊗1"
"g" = "g⊗g"
[counit]
"1" = "1"
"g" = "{eps}"
'''


def _write(tmp_path: Path, text: str, name: str = "trap.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_zeta_trap_of_the_issue_is_refuted(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    # independent reason: ε(g) = 1914519631260972890 − 2778458110ζ ≠ 1, so
    # (ε⊗id)Δ(g) = ε(g)·g ≠ g — left-counit fails at g (the exhaustive path says so too)
    path = _write(tmp_path, ZETA_TRAP.format(eps="1 + 1914519631260972889 - 2778458110*zeta"))
    code = main(["axioms", str(path), "--method", "random", "--law", "left-counit"])
    out = capsys.readouterr().out
    assert code == 1 and "refuted   left-counit" in out and "evidence" not in out
    H = read_structure(path)
    for seed in range(6):
        (v,) = check_laws_random(H, only=["left-counit"], seed=seed)
        assert v.outcome is Outcome.REFUTED and v.witness_values == ("g",), (seed, v)


def _ideals_of(H: object, seed: int, trials: int) -> list[tuple[int, int]]:
    A = SparseStructure.from_bialgebra(H)
    ring = _ideals(A, seed, None).ring
    return [(ring(i).p, ring(i).root) for i in range(trials)]


def _trap_constant(ideals: list[tuple[int, int]]) -> tuple[int, int]:
    """c = Π (ζ − rᵢ) in ℤ[ζ₃] as (a, b) with c = a + b·ζ (ζ² = −1 − ζ): c ∈ every ideal."""
    a, b = 1, 0
    for _, r in ideals:  # (a + bζ)(ζ − r) = −ra + (a − rb)ζ + bζ² = (−ra − b) + (a − rb − b)ζ
        a, b = -r * a - b, a - r * b - b
    return a, b


def test_a_trap_built_for_the_default_seeds_primes_is_refuted(tmp_path: Path) -> None:
    # independent reason: the trap's ε(g) = 1 + c with c = Π(ζ − rᵢ) ≠ 0 (a product of
    # nonzero elements of a field), so left-counit fails at g; c is built to vanish under
    # exactly the prime ideals seed 0 draws for the honest structure (ε(g) = 1)
    honest = read_structure(_write(tmp_path, ZETA_TRAP.format(eps="1"), "honest.toml"))
    ideals = _ideals_of(honest, 0, 4)
    assert all(WINDOW[0] <= p < WINDOW[1] and p % 3 == 1 for p, _ in ideals)
    assert len({p for p, _ in ideals}) > 1          # not one fixed prime
    assert _ideals_of(honest, 1, 4) != ideals       # the seed moves them
    a, b = _trap_constant(ideals)
    trap_path = _write(tmp_path, ZETA_TRAP.format(eps=f"1 + {a} + {b}*zeta"))
    trap = read_structure(trap_path)
    A = SparseStructure.from_bialgebra(trap)
    for p, r in ideals:  # the trap really is invisible mod each of those ideals: ε(g) ≡ 1
        R = reduce(A, p, root=r)
        assert int(R.apply(R.eps, np.array([0, 1], dtype=np.int64))[0]) == 1
    # ... but its constants key the draws, so seed 0 meets other ideals, and so do others
    assert _ideals_of(trap, 0, 4) != ideals
    for seed in range(8):
        (v,) = check_laws_random(trap, only=["left-counit"], seed=seed)
        assert v.outcome is Outcome.REFUTED, (seed, v)


def test_the_bound_counts_the_ideals_a_big_residual_may_lie_in(tmp_path: Path) -> None:
    # independent reason: |N(c)| ≤ (D^k·B)^φ(n) bounds how many prime ideals of norm ≥ L
    # can divide c; for a residual of norm ~2^250 that is several ideals, and the stated
    # per-trial error must include them (a bound of Schwartz–Zippel alone would be false)
    big = ZETA_TRAP.format(eps="1").replace('"g*g" = "1"', f'"g*g" = "{2**120}*1"')
    (v,) = check_laws_random(read_structure(_write(tmp_path, big)), only=["associativity"])
    assert v.outcome is Outcome.EVIDENCE
    count = int(v.detail.split(" + ")[1].split("/")[0])
    # (g·g)·g = g·(g·g) = 2¹²⁰·g: the law holds, but entries of each side are bounded
    # only by B = 2¹²⁰·2¹²⁰ + 2¹²⁰·2¹²⁰, and the antipode S(g) = 2⁻¹²⁰·g (computed, since
    # none is given) makes the common denominator D = 2¹²⁰; with k = 2 maps per side,
    # |N(D^k·c)| ≤ (D²·B)^φ(3), so at most ⌊2·(240 + 241)·ln 2 / ln L⌋ ideals
    import math

    assert count == math.floor(2 * 481 * math.log(2) / math.log(WINDOW[0])) == 31
    # drawn from φ(3)·N ideals, N the window's primes ≡ 1 mod 3 less the at most
    # ⌊log D / log L⌋ = 3 that might divide the denominators
    eligible = len(window_primes(3)) - math.floor(120 * math.log(2) / math.log(WINDOW[0]))
    assert f"+ 31/{2 * eligible} " in v.detail


def test_a_fixed_prime_with_a_possibly_divisible_residual_gives_no_bound(tmp_path: Path) -> None:
    # independent reason: with p fixed by the caller nothing is random about the ideal;
    # here ε(g) − 1 = p³ lies in every ideal above p, so every trial mod p sees zero
    # although left-counit fails at g: claiming any probability bound would be false
    p = 2**31 - 1
    H = read_structure(_write(tmp_path, ZETA_TRAP.format(eps=f"1 + {p**3}")))
    (v,) = check_laws_random(H, only=["left-counit"], p=p)
    assert v.outcome is Outcome.UNKNOWN and "no error bound" in v.detail


def test_auto_on_a_150_dimensional_trap_does_not_report_evidence(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # independent reason: ℚ(ζ₃)[C₁₅₀] with ε(g) = the issue's trap value is not a
    # coalgebra (left-counit fails at g1); dim³ = 3 375 000 exceeds the exhaustive
    # budget, so --method auto (the default) takes the random path
    K, _ = cyclotomic(3)
    n = 150
    names = ["1"] + [f"g{i}" for i in range(1, n)]
    lines = ['name = "zeta-trap-150"', 'field = "QQ(zeta_3)"',
             "basis = [" + ", ".join(f'"{b}"' for b in names) + "]", 'unit = "1"', "[product]"]
    lines += [f'"{names[i]}*{names[j]}" = "{names[(i + j) % n]}"'
              for i in range(1, n) for j in range(1, n)]
    lines += ["[coproduct]"] + [f'"{b}" = "{b}⊗{b}"' for b in names] + ["[counit]"]
    lines += [f'"{b}" = "1 + 1914519631260972889 - 2778458110*zeta"' if b == "g1"
              else f'"{b}" = "1"' for b in names]
    path = _write(tmp_path, "\n".join(lines) + "\n", "c150.toml")
    code = main(["axioms", str(path), "--law", "left-counit", "--law", "right-counit",
                 "--law", "eps-multiplicative"])
    out = capsys.readouterr().out
    assert "chosen automatically" in out
    assert code == 1
    for law in ("left-counit", "right-counit", "eps-multiplicative"):
        assert f"refuted   {law}" in out
