"""Every network check on a network where it holds and one where it fails, with witnesses
replayed here independently; soundness cases that must never be refuted; and the two
example claim files decided end to end."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy
from coherence.algebra import networks as N
from coherence.checks import network_checks as nc
from coherence.checks.network_checks import sign

EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"


def outcome(d: nc.Decision) -> str:
    return d.outcome.value


def replay(net: N.Network, d: nc.Decision) -> tuple[sympy.Matrix, sympy.Matrix]:
    """Evaluate the network again at the refutation's exact point (params and inputs)."""
    w = d.witness_values
    env = dict(w["params"])
    env.update(w["X"])
    return net.output.xreplace(env), env


def formula(text: str, names: str) -> N.Network:
    from coherence.checks.vocab_networks import make_formula

    return make_formula([text], names.split())


# -- piecewise linearity -------------------------------------------------------------------

@pytest.mark.parametrize("net", [
    N.relu_mlp((2, 3, 1)), N.relu_cnn(4, 2), N.relu_rnn(3, 1, 2), N.relu_gcn([[0, 1], [1, 0]], 2, 1),
    N.network((4, 1), [N.max_pool(2)]), formula("abs(x) - abs(x - 1) + min(x, 2*y)", "x y"),
    N.hard_attention_head(3, 1), N.hard_attention_head(1, 2),
], ids=lambda n: n.name)
def test_pl_proved_structurally(net: N.Network) -> None:
    d = nc.decide_piecewise_linear(net)
    assert outcome(d) == "proved"
    assert d.method.startswith("structure")


@pytest.mark.parametrize("net", [
    N.attention_head(2, 2), N.network((1, 3), [N.softmax()]), N.network((1, 3), [N.layer_norm(3)]),
    N.weights_as_input(1, 2), formula("x*y", "x y"), N.attention_head(2, 1, mask="causal"),
], ids=lambda n: n.name)
def test_pl_refuted_by_a_line_with_exact_curvature(net: N.Network) -> None:
    d = nc.decide_piecewise_linear(net)
    assert outcome(d) == "refuted"
    w = d.witness_values
    # independent replay: g(t) = f(X + tD) at the witness, differentiated twice by SymPy
    t = sympy.Symbol("t", real=True)
    line = {x: x0 + t * dx for x, x0, dx in zip(net.inputs, _flat(w["X"]), _flat(w["D"]),
                                                  strict=True)}
    entry = d.witness[2][1]
    i, j = (int(k) for k in entry[2:-1].split(","))
    g = net.output[i, j].xreplace(w["params"]).xreplace(line)
    g2 = sympy.diff(g, t, 2).xreplace({t: 0})
    assert sign(g2 - w["second_derivative"]) in (0, None)  # the same number
    assert sign(g2) not in (0, None)


def _flat(M: sympy.Matrix) -> list:
    return [M[i, j] for i in range(M.rows) for j in range(M.cols)]


def test_hard_attention_width_two_refuted_by_curvature() -> None:
    d = nc.decide_piecewise_linear(N.hard_attention_head(3, 2))
    assert outcome(d) == "refuted"
    assert d.method == "curvature of the jump set in a plane"
    assert "u''(0)" in d.lhs


@pytest.mark.parametrize("net", [
    # x ↦ sign(x₀ − x₁): PL (piecewise constant) but not structurally so
    N.network((1, 2), [N.layer_norm(2)]),
    formula("x**2 / abs(x)", "x"),          # = |x| away from 0
    formula("sqrt(x**2 + 2*x*y + y**2)", "x y"),  # = |x + y|
], ids=["layer-norm-2", "x2-over-abs", "sqrt-square"])
def test_pl_maps_that_are_not_structurally_pl_are_never_refuted(net: N.Network) -> None:
    for seed in range(3):
        assert outcome(nc.decide_piecewise_linear(net, seed=seed)) in ("proved", "unknown")


def test_constant_network_is_pl_whatever_its_layers() -> None:
    d = nc.decide_piecewise_linear(N.transformer_block(2, 1))  # LayerNorm of width 1 is 0
    assert outcome(d) == "proved" and "does not depend on the input" in d.method
    assert outcome(nc.decide_piecewise_linear(N.transformer_block(2, 2))) == "refuted"


# -- linearity -----------------------------------------------------------------------------

def test_linear_holds_and_fails() -> None:
    assert outcome(nc.decide_linear(N.network((3, 2), [N.conv1d(2, 2, 1)]))) == "proved"
    assert outcome(nc.decide_linear(N.relu_mlp((2, 1), bias=False))) == "proved"
    net = N.relu_mlp((2, 2, 1), bias=False)
    d = nc.decide_linear(net)
    assert outcome(d) == "refuted"
    w = d.witness_values
    X = w["X"]
    f = lambda pt: net.output.xreplace({**w["params"], **pt})  # noqa: E731
    if w["law"] == "−X":
        lhs, rhs = f({x: -v for x, v in X.items()}), -f(X)
    elif w["law"] == "X + Y":
        lhs, rhs = f({x: v + w["Y"][x] for x, v in X.items()}), f(X) + f(w["Y"])
    else:
        lhs, rhs = f({x: 2 * v for x, v in X.items()}), 2 * f(X)
    assert lhs != rhs


def test_bias_breaks_linearity_at_zero() -> None:
    d = nc.decide_linear(N.relu_mlp((2, 3, 1)))
    assert outcome(d) == "refuted" and d.witness[0] == ("X", "[[0, 0]]")


def test_attention_not_linear_certified_by_balls() -> None:
    d = nc.decide_linear(N.attention_head(2, 1))
    assert outcome(d) == "refuted"
    assert d.method.startswith("exact evaluation")


# -- positive homogeneity: bias vs no bias -------------------------------------------------------

def test_homogeneity_without_and_with_bias() -> None:
    assert outcome(nc.decide_positively_homogeneous(N.relu_mlp((2, 3, 1), bias=False))) == "proved"
    net = N.relu_mlp((2, 3, 1), bias=True)
    d = nc.decide_positively_homogeneous(net)
    assert outcome(d) == "refuted"
    w = d.witness_values
    lam = w["lambda"]
    f = lambda pt: net.output.xreplace({**w["params"], **pt})  # noqa: E731
    assert f({x: lam * v for x, v in w["X"].items()}) != lam * f(w["X"])


def test_homogeneity_of_attention_and_layer_norm_fails() -> None:
    assert outcome(nc.decide_positively_homogeneous(N.attention_head(2, 1))) == "refuted"
    assert outcome(nc.decide_positively_homogeneous(N.network((1, 3), [N.layer_norm(3)]))) \
        == "refuted"
    # hard attention: the argmax of q·k is scale invariant, values scale linearly
    assert outcome(nc.decide_positively_homogeneous(N.hard_attention_head(3, 2))) == "proved"


# -- shift invariance ------------------------------------------------------------------------

def test_shift_invariance() -> None:
    assert outcome(nc.decide_shift_invariant(N.network((4, 1), [N.conv1d(2)]))) == "proved"
    assert outcome(nc.decide_shift_invariant(N.relu_rnn(3, 1, 1, bias=False))) == "proved"
    net = N.attention_head(3, 1)
    d = nc.decide_shift_invariant(net)
    assert outcome(d) == "refuted"
    w = d.witness_values
    X = w["X"]
    env = dict(w["params"])
    SX = nc._delay(X, cyclic=False)
    fSX = net.output.xreplace({**env, **{net.sequence[k]: SX[k] for k in range(len(SX))}})
    fX = net.output.xreplace({**env, **{net.sequence[k]: X[k] for k in range(len(X))}})
    i, j = w["entry"]
    assert sign(fSX[i, j] - nc._delay(fX, cyclic=False)[i, j]) not in (0, None)
    # rotation is a permutation, and attention without positions commutes with it
    assert outcome(nc.decide_shift_invariant(net, shift="cyclic")) == "proved"
    circ = N.network((4, 1), [N.conv1d(3, padding="circular")])
    assert outcome(nc.decide_shift_invariant(circ, shift="cyclic")) == "proved"
    assert outcome(nc.decide_shift_invariant(circ)) == "refuted"


# -- permutation equivariance: positional encoding vs none ---------------------------------------

def test_permutation_equivariance_with_and_without_positions() -> None:
    assert outcome(nc.decide_permutation_equivariant(N.attention_head(3, 2))) == "proved"
    assert outcome(nc.decide_permutation_equivariant(N.attention_head(3, 1, heads=2))) == "proved"
    net = N.attention_head(3, 1, positional=True)
    d = nc.decide_permutation_equivariant(net)
    assert outcome(d) == "refuted"
    w = d.witness_values
    perm = w["permutation"]
    X = w["X"]
    PX = sympy.ImmutableMatrix(X.rows, X.cols, lambda i, j: X[perm[i], j])
    env = dict(w["params"])
    at = lambda M: net.output.xreplace({**env, **{net.sequence[k]: M[k] for k in range(len(M))}})  # noqa: E731
    fX, fPX = at(X), at(PX)
    i, j = w["entry"]
    assert sign(fPX[i, j] - fX[perm[i], j]) not in (0, None)


# -- causality under masks --------------------------------------------------------------------

def test_causality_with_and_without_mask() -> None:
    assert outcome(nc.decide_causal(N.attention_head(3, 2, mask="causal"))) == "proved"
    assert outcome(nc.decide_causal(N.relu_rnn(3, 1, 1))) == "proved"
    net = N.attention_head(3, 1)
    d = nc.decide_causal(net)
    assert outcome(d) == "refuted"
    w = d.witness_values
    i, j = w["entry"]
    X, X2 = w["X"], w["X′"]
    assert all(X[r, c] == X2[r, c] for r in range(i + 1) for c in range(X.cols))
    env = dict(w["params"])
    at = lambda M: net.output.xreplace({**env, **{net.sequence[k]: M[k] for k in range(len(M))}})  # noqa: E731
    assert sign(at(X)[i, j] - at(X2)[i, j]) not in (0, None)


# -- LTI ---------------------------------------------------------------------------------

def test_lti_and_its_first_failing_reason() -> None:
    assert outcome(nc.decide_lti(N.network((4, 1), [N.conv1d(3)]))) == "proved"
    d = nc.decide_lti(N.attention_head(3, 2))
    assert outcome(d) == "refuted" and d.detail.startswith("not linear")
    d = nc.decide_lti(N.network((4, 1), [N.conv1d(3, padding="same")]))
    assert outcome(d) == "refuted" and d.detail.startswith("not shift-invariant")
    d = nc.decide_lti(N.relu_rnn(3, 1, 1, bias=False))
    assert outcome(d) == "refuted" and d.detail.startswith("not linear")


# -- soundness across seeds: true properties are never refuted ----------------------------------

@pytest.mark.parametrize("seed", [0, 1, 2])
def test_true_properties_never_refuted(seed: int) -> None:
    att = N.attention_head(2, 1)
    assert outcome(nc.decide_permutation_equivariant(att, seed=seed)) == "proved"
    assert outcome(nc.decide_causal(N.attention_head(2, 1, mask="causal"), seed=seed)) == "proved"
    assert outcome(nc.decide_positively_homogeneous(N.relu_mlp((2, 2, 1), bias=False),
                                                    seed=seed)) == "proved"
    # softmax is shift invariant in value (not in position): f(x + c) = f(x) is not asked
    # here; permutation equivariance of softmax over features is not a positional property
    ln = N.network((2, 2), [N.layer_norm(2, eps=1)])
    assert outcome(nc.decide_permutation_equivariant(ln, seed=seed)) == "proved"


def test_deterministic_witnesses() -> None:
    a = nc.decide_linear(N.attention_head(2, 2), seed=3)
    b = nc.decide_linear(N.attention_head(2, 2), seed=3)
    assert (a.witness, a.lhs, a.rhs) == (b.witness, b.lhs, b.rhs)


def test_check_network_verdicts() -> None:
    vs = nc.check_network(N.relu_mlp((2, 2, 1), bias=False))
    got = {v.id.split("[")[0]: v.outcome.value for v in vs}
    assert got["piecewise-linear"] == "proved"
    assert got["positively-homogeneous"] == "proved"
    assert got["linear"] == "refuted"
    assert all(v.statement for v in vs)


# -- the example claim files ------------------------------------------------------------------

@pytest.mark.parametrize("name", ["attention.claims.toml", "topos-of-transformers.claims.toml"])
def test_example_files_as_expected(name: str) -> None:
    from coherence.checks.claims import read_claim_file
    from coherence.checks.decide import decide

    cf = read_claim_file(EXAMPLES / name)
    assert not cf.errors
    bad = [(c.id, v.outcome.value, c.expect) for c in cf.claims
           if not (v := decide(c)).matches()]
    assert bad == []
    assert len(cf.claims) >= 20


@pytest.mark.parametrize("text, names", [
    ("sqrt(x)*sqrt(x - 1) - sqrt(x*(x - 1))", "x"),   # 0 wherever it is defined over ℝ
    ("sqrt(x)*sqrt(y) - sqrt(x*y) + y", "x y"),       # y wherever it is defined over ℝ
])
def test_no_witness_where_the_map_is_undefined_over_the_reals(text: str, names: str) -> None:
    # SymPy evaluates √(−1)·√(−2) to −√2: a real value of a term undefined over ℝ. A
    # point like X = −1 is outside the map's domain and refutes nothing.
    net = formula(text, names)
    for decide in (nc.decide_linear, nc.decide_positively_homogeneous):
        for seed in range(3):
            d = decide(net, seed=seed)
            assert outcome(d) != "refuted", (decide.__name__, seed, d.witness)


def test_float_weights_are_read_as_the_decimals_written() -> None:
    # 1e-9 was rounded to a denominator ≤ 10⁶, i.e. to 0: a bias of 1e-9 vanished and the
    # network was proved linear
    assert N.exact(1e-9) == sympy.Rational(1, 10**9) and N.exact(0.1) == sympy.Rational(1, 10)
    net = N.relu_mlp((1, 1), weights={"W1": [[1]], "b1": [[1e-9]]})
    assert outcome(nc.decide_linear(net)) == "refuted"
