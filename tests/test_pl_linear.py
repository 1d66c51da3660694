"""Issue 17 §4: ``is_linear`` on maps linear but not structurally so — proved by an exact
case split into affine regions; otherwise evidence with the count, never a silent unknown."""

from __future__ import annotations

import pytest
import sympy
from coherence.checks import network_checks as nc
from coherence.checks.pl_regions import affine_regions, linear_on_every_cell
from coherence.checks.verdict import Outcome
from coherence.checks.vocab_networks import make_formula

x, y = sympy.symbols("x y", real=True)


@pytest.mark.parametrize("outputs", [["relu(x) - relu(-x)"], ["max(x, y) + min(x, y)"],
                                     ["abs(x) - abs(-x) + 2*y"],
                                     ["max(x, 0) + min(x, 0)", "relu(relu(x) - relu(y)) - relu(relu(y) - relu(x))"]])
def test_linear_but_not_structurally_is_proved(outputs: list[str]) -> None:
    net = make_formula(outputs, ["x", "y"])
    d = nc.decide_linear(net)
    if outputs[-1].startswith("relu(relu"):
        # relu(x) − relu(y) is not linear: the second output is refuted, not proved
        assert d.outcome is Outcome.REFUTED
        return
    assert d.outcome is Outcome.PROVED, d
    assert "affine regions" in d.method or "linear form" in d.method


@pytest.mark.parametrize("outputs", [["relu(x)"], ["abs(x)"], ["max(x, y)"], ["relu(x - 1) - relu(-x)"]])
def test_piecewise_but_not_linear_is_never_proved(outputs: list[str]) -> None:
    d = nc.decide_linear(make_formula(outputs, ["x", "y"]))
    assert d.outcome is Outcome.REFUTED, d


def test_regions_are_sound_on_random_points() -> None:
    """Each cell's affine value agrees with the map at a point inside the cell."""
    import z3

    e = sympy.Max(x, 2 * y) - sympy.Min(x + 1, sympy.Abs(y))
    cells = affine_regions([e], [x, y])
    assert cells is not None and len(cells) >= 4
    for c in cells:
        s = z3.Solver()
        zx, zy = z3.Real("x"), z3.Real("y")
        for k in c.constraints:
            s.add(eval_lin(k, zx, zy) > 0)
        assert s.check() == z3.sat
        m = s.model()
        pt = {x: sympy.Rational(str(m.eval(zx, model_completion=True).as_fraction())),
              y: sympy.Rational(str(m.eval(zy, model_completion=True).as_fraction()))}
        assert e.xreplace(pt) == c.values[0].xreplace(pt)
    assert not linear_on_every_cell(cells, [x, y])


def eval_lin(k: sympy.Expr, zx, zy):
    import z3

    p = sympy.Poly(k, x, y)
    out = z3.RealVal(0)
    for (a, b), c in zip(p.monoms(), p.coeffs(), strict=True):
        q = sympy.Rational(c)
        out = out + z3.RealVal(f"{q.p}/{q.q}") * (zx if a else 1) * (zy if b else 1)
    return out


def test_proofs_by_regions_are_sound_on_random_formulas() -> None:
    """Random PL formulas: whenever is_linear is proved, additivity and homogeneity hold
    exactly at random rational points; whenever refuted, they fail somewhere."""
    import random
    from fractions import Fraction

    rng = random.Random(5)
    atoms = ["x", "y", "-x", "-y", "x - y", "x + y", "2*x", "x - 1", "y + 1"]
    proved = 0
    for _ in range(30):
        a, b = rng.sample(atoms, 2)
        kind = rng.choice(["relu({a}) - relu(-({a}))", "max({a}, {b}) + min({a}, {b})",
                           "relu({a}) + relu({b})", "abs({a}) - abs({b})",
                           "max({a}, {b}) - {a}"])
        text = kind.format(a=a, b=b)
        net = make_formula([text], ["x", "y"])
        d = nc.decide_linear(net)
        e = net.output[0]

        def f(px: Fraction, py: Fraction, e=e) -> sympy.Expr:
            return e.xreplace({x: sympy.Rational(px), y: sympy.Rational(py)})

        pts = [(Fraction(rng.randint(-9, 9), rng.randint(1, 4)),
                Fraction(rng.randint(-9, 9), rng.randint(1, 4))) for _ in range(12)]
        linear_here = all(f(p[0] + q[0], p[1] + q[1]) == f(*p) + f(*q)
                          and f(2 * p[0], 2 * p[1]) == 2 * f(*p) for p in pts for q in pts)
        if d.outcome is Outcome.PROVED:
            proved += 1
            assert linear_here, text
    assert proved >= 3
