"""Claim-file vocabulary for exact networks and their properties (area ``networks``).

Constructors build :class:`~coherence.algebra.networks.Network` values with symbolic
weights (a proof covers every weight value; a refutation names the weights it used):
``relu_mlp``, ``relu_cnn``, ``relu_rnn``, ``relu_gcn``, ``conv1d_net``, ``conv2d_net``,
``max_pool_net``, ``softmax_layer``, ``layer_norm``, ``attention_head``,
``hard_attention_head``, ``transformer_block``, ``weights_as_input`` and
``formula_net`` (outputs written as formulas, read with the safe
:func:`coherence.checks.expr.parse_sympy`). Deciders: ``is_piecewise_linear``,
``is_linear``, ``is_positively_homogeneous``, ``is_shift_invariant``,
``is_permutation_equivariant``, ``is_causal``, ``is_lti``.

Examples
--------
>>> decide_pl(make_mlp([2, 3, 1])).method
'structure: composition of affine maps and ReLU'
>>> decide_pl(make_formula(["x*y"], ["x", "y"])).outcome.value
'refuted'
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import sympy
from coherence.algebra import networks as N
from coherence.algebra.errors import InputError
from coherence.checks import network_checks as nc
from coherence.checks.vocabulary import Decision, register

AREA = "networks"


def _int(n: Any, what: str, lo: int = 1, hi: int = 16) -> int:
    if isinstance(n, Fraction) and n.denominator == 1:
        n = int(n)
    if not isinstance(n, int) or isinstance(n, bool) or not lo <= n <= hi:
        raise InputError(f"expected {what} (an integer {lo}..{hi})", got=repr(n))
    return n


def _mask(mask: Any) -> str | None:
    if mask in (None, "none", ""):
        return None
    if mask == "causal":
        return "causal"
    raise InputError("expected mask 'causal' or 'none'", got=repr(mask), choices=("causal", "none"))


def _bool(x: Any, what: str) -> bool:
    if isinstance(x, bool):
        return x
    if x in (0, 1):
        return bool(x)
    if x in ("true", "false", "yes", "no"):
        return x in ("true", "yes")
    raise InputError(f"expected {what} to be 'true' or 'false' (or 1 / 0)", got=repr(x))


def _net(x: Any) -> N.Network:
    if not isinstance(x, N.Network):
        raise InputError("expected a network (relu_mlp, attention_head, …)",
                         got=type(x).__name__)
    return x


# -- constructors ------------------------------------------------------------------------

@register("relu_mlp", kind="constructor", min_args=1, max_args=2, area=AREA,
          signature="relu_mlp(sizes, bias=true)",
          doc="A ReLU MLP with these layer widths, e.g. relu_mlp([2, 3, 1]); symbolic weights.")
def make_mlp(sizes: Any, bias: Any = True) -> N.Network:
    """A ReLU MLP.

    >>> make_mlp([2, 1], bias=False).layers
    ('affine 2→1 (no bias)',)
    """
    if not isinstance(sizes, tuple | list):
        raise InputError("expected a list of layer widths like [2, 3, 1]", got=repr(sizes))
    return N.relu_mlp([_int(s, "a layer width") for s in sizes], bias=_bool(bias, "bias"))


@register("relu_cnn", kind="constructor", min_args=2, max_args=2, area=AREA,
          signature="relu_cnn(n, k)",
          doc="Causal 1-D convolution (kernel k) → ReLU → max-pool 2 on n positions.")
def make_cnn(n: Any, k: Any) -> N.Network:
    """A ReLU CNN.

    >>> len(make_cnn(4, 2).layers)
    3
    """
    return N.relu_cnn(_int(n, "a length"), _int(k, "a kernel size"))


@register("relu_rnn", kind="constructor", min_args=3, max_args=4, area=AREA,
          signature="relu_rnn(n, d_in, d_h, bias=true)",
          doc="An Elman ReLU RNN unrolled over n positions (all hidden states out).")
def make_rnn(n: Any, d_in: Any, d_h: Any, bias: Any = True) -> N.Network:
    """A ReLU RNN.

    >>> make_rnn(2, 1, 1).shape
    (2, 1)
    """
    return N.relu_rnn(_int(n, "a length"), _int(d_in, "a width"), _int(d_h, "a width"),
                      bias=_bool(bias, "bias"))


@register("relu_gcn", kind="constructor", min_args=3, max_args=3, area=AREA,
          signature="relu_gcn(adjacency, d_in, d_out)",
          doc="Graph convolution D⁻¹(A + I)·X·W followed by ReLU.")
def make_gcn(adjacency: Any, d_in: Any, d_out: Any) -> N.Network:
    """A ReLU GCN.

    >>> make_gcn([[0, 1], [1, 0]], 1, 1).shape
    (2, 1)
    """
    rows = adjacency.rows if hasattr(adjacency, "shape") and hasattr(adjacency, "rows") \
        else adjacency
    return N.relu_gcn([list(r) for r in rows], _int(d_in, "a width"),
                      _int(d_out, "a width"))


@register("conv1d_net", kind="constructor", min_args=2, max_args=3, area=AREA,
          signature="conv1d_net(n, k, padding='causal')",
          doc="A 1-D convolution (no bias) on n positions; padding causal, same, circular "
              "or valid.")
def make_conv1d(n: Any, k: Any, padding: Any = "causal") -> N.Network:
    """A convolution.

    >>> make_conv1d(3, 2).layers
    ('conv1d k=2 1→1 (causal padding)',)
    """
    return N.network((_int(n, "a length"), 1), [N.conv1d(_int(k, "a kernel size"),
                                                         padding=str(padding))],
                     name="conv1d", description=f"a 1-D convolution ({padding} padding)")


@register("conv2d_net", kind="constructor", min_args=4, max_args=4, area=AREA,
          signature="conv2d_net(h, w, kh, kw)", doc="A 2-D convolution of an h×w image.")
def make_conv2d(h: Any, w: Any, kh: Any, kw: Any) -> N.Network:
    """A 2-D convolution.

    >>> make_conv2d(3, 3, 2, 2).output.shape
    (2, 2)
    """
    return N.network((_int(h, "a height"), _int(w, "a width")),
                     [N.conv2d(_int(kh, "a kernel height"), _int(kw, "a kernel width"))],
                     name="conv2d", description="a 2-D convolution")


@register("max_pool_net", kind="constructor", min_args=2, max_args=2, area=AREA,
          signature="max_pool_net(n, size)", doc="Max-pooling over windows of positions.")
def make_pool(n: Any, size: Any) -> N.Network:
    """Max-pooling.

    >>> make_pool(4, 2).output.shape
    (2, 1)
    """
    return N.network((_int(n, "a length"), 1), [N.max_pool(_int(size, "a window"))],
                     name="max_pool", description="max-pooling")


@register("softmax_layer", kind="constructor", min_args=2, max_args=2, area=AREA,
          signature="softmax_layer(n, d)", doc="Row-wise softmax on an n×d input.")
def make_softmax(n: Any, d: Any) -> N.Network:
    """Softmax.

    >>> make_softmax(1, 2).output.shape
    (1, 2)
    """
    return N.network((_int(n, "a length"), _int(d, "a width")), [N.softmax()],
                     name="softmax", description="softmax")


@register("layer_norm", kind="constructor", min_args=2, max_args=3, area=AREA,
          signature="layer_norm(n, d, eps=0)", doc="LayerNorm (x − mean)/√(var + eps) per row.")
def make_layer_norm(n: Any, d: Any, eps: Any = 0) -> N.Network:
    """LayerNorm.

    >>> make_layer_norm(1, 3).layers
    ('layer norm d=3 (eps=0)',)
    """
    return N.network((_int(n, "a length"), _int(d, "a width")),
                     [N.layer_norm(_int(d, "a width"), eps=eps)], name="layer_norm",
                     description=f"LayerNorm (eps = {eps})")


@register("attention_head", kind="constructor", min_args=2, max_args=5, area=AREA,
          signature="attention_head(n, d, mask='none', positional=false, heads=1)",
          doc="Softmax self-attention on n positions of width d (causal mask, learned "
              "positional encoding, several heads optional).")
def make_attention(n: Any, d: Any, mask: Any = None, positional: Any = False,
                   heads: Any = 1) -> N.Network:
    """An attention head.

    >>> make_attention(2, 1, mask="causal").layers
    ('softmax attention d=1, causal mask',)
    """
    return N.attention_head(_int(n, "a length"), _int(d, "a width"), mask=_mask(mask),
                            positional=_bool(positional, "positional"),
                            heads=_int(heads, "a number of heads", hi=4))


@register("hard_attention_head", kind="constructor", min_args=2, max_args=3, area=AREA,
          signature="hard_attention_head(n, d, mask='none')",
          doc="Hard (argmax) attention: the first maximising position's value.")
def make_hard(n: Any, d: Any, mask: Any = None) -> N.Network:
    """Hard attention.

    >>> make_hard(1, 1).layers
    ('hard (argmax) attention d=1',)
    """
    return N.hard_attention_head(_int(n, "a length"), _int(d, "a width"), mask=_mask(mask))


@register("transformer_block", kind="constructor", min_args=2, max_args=4, area=AREA,
          signature="transformer_block(n, d, mask='none', positional=false)",
          doc="X + Attn(X) → LayerNorm(eps 1) → Y + W₂·relu(W₁·Y).")
def make_block(n: Any, d: Any, mask: Any = None, positional: Any = False) -> N.Network:
    """A transformer block.

    >>> len(make_block(2, 1).layers)
    3
    """
    return N.transformer_block(_int(n, "a length", hi=6), _int(d, "a width", hi=4),
                               mask=_mask(mask), positional=_bool(positional, "positional"))


@register("weights_as_input", kind="constructor", min_args=2, max_args=2, area=AREA,
          signature="weights_as_input(m, k)",
          doc="(W, x) ↦ W·x with the m×k matrix W an input too (bilinear).")
def make_bilinear(m: Any, k: Any) -> N.Network:
    """The bilinear map.

    >>> len(make_bilinear(1, 2).inputs)
    4
    """
    return N.weights_as_input(_int(m, "a number of rows"), _int(k, "a number of columns"))


@register("formula_net", kind="constructor", min_args=2, max_args=2, area=AREA,
          signature="formula_net(outputs, inputs)",
          doc="A map given by output formulas (text, e.g. 'relu(x - y)') in named inputs.")
def make_formula(outputs: Any, inputs: Any) -> N.Network:
    """A formula network (formulas read safely, never evaluated as Python).

    >>> make_formula(["abs(x) + max(x, 2*y)"], ["x", "y"]).output
    Matrix([[Abs(x) + Max(x, 2*y)]])
    """
    from coherence.checks.expr import parse_sympy

    if isinstance(outputs, str):
        outputs = (outputs,)
    if isinstance(inputs, str):
        inputs = (inputs,)
    names = [str(n) for n in inputs]
    if len(set(names)) != len(names):  # ['x', 'x'] would be one input counted twice
        dup = next(n for n in names if names.count(n) > 1)
        raise InputError("expected distinct input names", got=f"{dup!r} twice")
    table = {n: sympy.Symbol(n, real=True) for n in names}
    exprs = [parse_sympy(str(o), table) for o in outputs]
    return N.formula_network(exprs, [table[n] for n in names])


# -- deciders ----------------------------------------------------------------------------

@register("is_piecewise_linear", kind="decider", min_args=1, max_args=1, area=AREA,
          signature="is_piecewise_linear(net)",
          doc="Proved structurally (affine, ReLU, max, min, |·|, affine branches); refuted by "
              "a line with an analytic, non-affine restriction (exact f'' ≠ 0).")
def decide_pl(net: Any) -> Decision:
    """Piecewise linearity.

    >>> decide_pl(make_layer_norm(1, 3)).outcome.value
    'refuted'
    """
    return nc.decide_piecewise_linear(_net(net))


@register("is_linear", kind="decider", min_args=1, max_args=1, area=AREA,
          signature="is_linear(net)", doc="f(aX + bY) = a·f(X) + b·f(Y) for all inputs.")
def decide_linear(net: Any) -> Decision:
    """Linearity.

    >>> decide_linear(make_conv1d(3, 2)).outcome.value
    'proved'
    """
    return nc.decide_linear(_net(net))


@register("is_positively_homogeneous", kind="decider", min_args=1, max_args=1, area=AREA,
          signature="is_positively_homogeneous(net)", doc="f(λX) = λ·f(X) for every λ > 0.")
def decide_homogeneous(net: Any) -> Decision:
    """Positive homogeneity.

    >>> decide_homogeneous(make_mlp([1, 2, 1], bias=False)).outcome.value
    'proved'
    """
    return nc.decide_positively_homogeneous(_net(net))


@register("is_shift_invariant", kind="decider", min_args=1, max_args=2, area=AREA,
          signature="is_shift_invariant(net, shift='delay')",
          doc="f(S·X) = S·f(X) for the one-step delay (zero initial state) or the cyclic "
              "shift S.")
def decide_shift(net: Any, shift: Any = "delay") -> Decision:
    """Shift (time) invariance.

    >>> decide_shift(make_conv1d(3, 3, "circular"), "cyclic").outcome.value
    'proved'
    """
    if shift not in ("delay", "cyclic"):
        raise InputError("expected shift 'delay' or 'cyclic'", got=repr(shift),
                         choices=("delay", "cyclic"))
    return nc.decide_shift_invariant(_net(net), shift=str(shift))


@register("is_permutation_equivariant", kind="decider", min_args=1, max_args=1, area=AREA,
          signature="is_permutation_equivariant(net)",
          doc="f(P·X) = P·f(X) for every permutation P of the positions.")
def decide_perm(net: Any) -> Decision:
    """Permutation equivariance.

    >>> decide_perm(make_attention(2, 1, positional=True)).outcome.value
    'refuted'
    """
    return nc.decide_permutation_equivariant(_net(net))


@register("is_causal", kind="decider", min_args=1, max_args=1, area=AREA,
          signature="is_causal(net)", doc="Output position i depends only on inputs ≤ i.")
def decide_causal(net: Any) -> Decision:
    """Causality.

    >>> decide_causal(make_attention(2, 1, mask="causal")).outcome.value
    'proved'
    """
    return nc.decide_causal(_net(net))


@register("is_lti", kind="decider", min_args=1, max_args=1, area=AREA,
          signature="is_lti(net)",
          doc="Linear and (delay) shift-invariant; the first failing property is the reason.")
def decide_lti(net: Any) -> Decision:
    """A linear time-invariant system?

    >>> decide_lti(make_conv1d(3, 2)).outcome.value
    'proved'
    """
    return nc.decide_lti(_net(net))
