"""Neural networks as exact SymPy expressions over symbolic inputs and weights.

A :class:`Network` is the exact output expression of a stack of layers applied to a
matrix of input symbols ``x_i_j`` (row ``i`` = position in the sequence, column ``j``
= feature), together with its weights (symbols ``W…``, or exact numbers when given)
and the structural record of the layers it is built from. Weights are constants of
the map ``X ↦ f(X)``: a property proved on symbolic weights holds for every weight
value; a refutation names the weight values it used.

Layers (each a :class:`Layer`, composed by :func:`network`): :func:`affine`,
:func:`relu`, :func:`max_pool`, :func:`conv1d`, :func:`conv2d`, :func:`graph_conv`,
:func:`softmax`, :func:`attention` (single/multi-head, optional causal mask),
:func:`hard_attention` (argmax, first maximum wins), :func:`positional_encoding`,
:func:`layer_norm` and :func:`residual`. Ready-made networks: :func:`relu_mlp`,
:func:`attention_head`, :func:`weights_as_input` (``(W, x) ↦ Wx``) and others.

Nothing here decides a verdict (see ``coherence.checks.network_checks``).

Examples
--------
>>> net = relu_mlp((2, 3, 1))
>>> net.layers
('affine 2→3 (with bias)', 'relu', 'affine 3→1 (with bias)')
>>> net.shape, len(net.params)
((1, 2), 13)
>>> h = attention_head(2, 1, weights={"Wq": [[1]], "Wk": [[1]], "Wv": [[1]]}, scale=False)
>>> h.output[0, 0].has(sympy.exp)
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy
from coherence.algebra.errors import InputError

Matrix = sympy.ImmutableMatrix
Weights = Mapping[str, Any] | None

#: The layer kinds that are piecewise linear in the input (weights fixed).
PL_KINDS = frozenset({"affine", "relu", "max_pool", "conv1d", "conv2d", "graph_conv",
                      "positional", "residual-pl", "linear"})


@dataclass(frozen=True)
class Layer:
    """One layer: a kind, a description, and an exact map on expression matrices.

    ``params`` are the symbols it introduced; ``meta`` holds structure a check may use
    (hard attention keeps its scores and values).

    >>> relu().apply(Matrix([[-1, 2]]))
    Matrix([[0, 2]])
    """

    kind: str
    description: str
    apply: Callable[[Matrix], Matrix]
    params: tuple[sympy.Symbol, ...] = ()
    meta: Callable[[Matrix], Any] | None = None


@dataclass(frozen=True)
class Network:
    """An exact network ``X ↦ output`` with its inputs, weights and layer record.

    ``sequence`` is the ``n×d`` matrix of input symbols (rows are positions);
    ``inputs`` lists every input symbol (for ``weights_as_input`` also the matrix).

    >>> net = network((1, 2), [affine(2, 1, bias=False, weights={"W": [[1], [2]]})])
    >>> net.evaluate({"x_0_0": 3, "x_0_1": 4})
    Matrix([[11]])
    """

    name: str
    sequence: Matrix
    output: Matrix
    inputs: tuple[sympy.Symbol, ...]
    params: tuple[sympy.Symbol, ...]
    layers: tuple[str, ...]
    kinds: tuple[str, ...]
    description: str = ""
    meta: Any = field(default=None, compare=False)

    @property
    def shape(self) -> tuple[int, int]:
        """The input shape ``(positions, features)``."""
        return tuple(self.sequence.shape)  # type: ignore[return-value]

    def evaluate(self, values: Mapping[str | sympy.Symbol, Any],
                 params: Mapping[str | sympy.Symbol, Any] | None = None) -> Matrix:
        """The output at exact input (and weight) values, given by name or symbol.

        >>> net = relu_mlp((1, 1), bias=False, weights={"W1": [[-2]]}, final_relu=True)
        >>> net.evaluate({"x_0_0": 3})
        Matrix([[0]])
        """
        env = _env(self.inputs, values, "input")
        env.update(_env(self.params, params or {}, "weight", partial=True))
        return self.output.xreplace(env)

    def __str__(self) -> str:
        return f"{self.name}: {' → '.join(self.layers) or 'identity'}"


def _env(symbols: Sequence[sympy.Symbol], values: Mapping[Any, Any], what: str,
         partial: bool = False) -> dict[sympy.Symbol, Any]:
    by_name = {s.name: s for s in symbols}
    env = {}
    for key, v in values.items():
        name = key.name if isinstance(key, sympy.Symbol) else str(key)
        if name not in by_name:
            raise InputError(f"expected an {what} name", got=repr(name), choices=by_name)
        env[by_name[name]] = exact(v)
    if not partial and len(env) != len(by_name):
        missing = sorted(set(by_name) - {s.name for s in env})
        raise InputError(f"expected a value for every {what}", got=f"none for {missing[0]}")
    return env


def exact(v: Any) -> sympy.Expr:
    """An exact SymPy number from an int, Fraction, decimal string or SymPy number.

    >>> exact(Fraction(1, 3)), exact("0.25"), exact(2)
    (1/3, 1/4, 2)
    """
    if isinstance(v, sympy.Basic):
        return v
    if isinstance(v, bool):
        raise InputError("expected a number", got=repr(v))
    if isinstance(v, int | Fraction):
        return sympy.Rational(v.numerator, v.denominator) if isinstance(v, Fraction) \
            else sympy.Integer(v)
    if isinstance(v, str):
        try:
            f = Fraction(v.strip())
        except ValueError:
            raise InputError("expected an exact number like 3, -1/2 or 0.25",
                             got=repr(v)) from None
        return sympy.Rational(f.numerator, f.denominator)
    if isinstance(v, float):
        # the decimal the user wrote (repr round-trips), never a rounding of it: a
        # denominator limit turned a bias of 1e-9 into 0
        if v != v or v in (float("inf"), float("-inf")):
            raise InputError("expected a finite number", got=repr(v))
        f = Fraction(repr(v))
        return sympy.Rational(f.numerator, f.denominator)
    raise InputError("expected a number", got=repr(v))


def input_matrix(n: int, d: int, name: str = "x") -> Matrix:
    """The ``n×d`` matrix of real input symbols ``x_i_j``.

    >>> input_matrix(1, 2)
    Matrix([[x_0_0, x_0_1]])
    """
    if n < 1 or d < 1:
        raise InputError("expected a positive input shape", got=f"({n}, {d})")
    return Matrix(n, d, lambda i, j: sympy.Symbol(f"{name}_{i}_{j}", real=True))


def _weight(name: str, rows: int, cols: int, weights: Weights,
            params: list[sympy.Symbol]) -> Matrix:
    """A weight matrix: exact values from ``weights[name]`` or fresh symbols ``name_i_j``."""
    if weights is not None and name in weights:
        value = weights[name]
        if isinstance(value, int | float | str | Fraction) and rows * cols == 1:
            value = [[value]]
        rowsv = [list(r) if isinstance(r, list | tuple) else [r] for r in value]
        if cols == 1 and len(rowsv) == 1 and len(rowsv[0]) == rows and rows > 1:
            rowsv = [[x] for x in rowsv[0]]
        if len(rowsv) != rows or any(len(r) != cols for r in rowsv):
            raise InputError(f"expected {name} of shape {rows}×{cols}",
                             got=f"{len(rowsv)}×{len(rowsv[0]) if rowsv else 0}")
        return Matrix([[exact(x) for x in r] for r in rowsv])
    syms = Matrix(rows, cols, lambda i, j: sympy.Symbol(f"{name}_{i}_{j}", real=True))
    params.extend(syms)
    return syms


def _rowwise_bias(M: Matrix, b: Matrix) -> Matrix:
    return Matrix(M.rows, M.cols, lambda i, j: M[i, j] + b[0, j])


# -- layers ---------------------------------------------------------------------------

def affine(d_in: int, d_out: int, *, bias: bool = True, weights: Weights = None,
           name: str = "W", bias_name: str = "b") -> Layer:
    """``X ↦ X·W + b`` applied to every row (``bias=False``: linear).

    >>> affine(1, 1, weights={"W": [[2]], "b": [[1]]}).apply(Matrix([[3]]))
    Matrix([[7]])
    """
    params: list[sympy.Symbol] = []
    W = _weight(name, d_in, d_out, weights, params)
    b = _weight(bias_name, 1, d_out, weights, params) if bias else None

    def apply(X: Matrix) -> Matrix:
        _need_cols(X, d_in, "affine")
        Y = X * W
        return _rowwise_bias(Y, b) if b is not None else Y

    kind = "affine" if bias else "linear"
    return Layer(kind, f"affine {d_in}→{d_out} ({'with' if bias else 'no'} bias)", apply,
                 tuple(params))


def _need_cols(X: Matrix, d: int, what: str) -> None:
    if X.cols != d:
        raise InputError(f"expected {d} features into {what}", got=str(X.cols))


def relu() -> Layer:
    """Entrywise ``max(0, x)``.

    >>> relu().kind
    'relu'
    """
    return Layer("relu", "relu", lambda X: X.applyfunc(_relu))


def _relu(e: sympy.Expr) -> sympy.Expr:
    """``Max(0, e)``, evaluated only at numbers: SymPy's simplification of a symbolic Max
    (``_find_localzeros``) took 90 % of building a transformer block, for no gain."""
    return sympy.Max(0, e) if e.is_number else sympy.Max(0, e, evaluate=False)


def max_pool(size: int, stride: int | None = None) -> Layer:
    """Max over windows of ``size`` consecutive positions (rows), per feature.

    >>> max_pool(2).apply(Matrix([[1], [3], [2], [0]]))
    Matrix([
    [3],
    [2]])
    """
    stride = stride or size

    def apply(X: Matrix) -> Matrix:
        starts = range(0, X.rows - size + 1, stride)
        return Matrix([[sympy.Max(*(X[s + k, j] for k in range(size))) for j in range(X.cols)]
                       for s in starts])

    return Layer("max_pool", f"max-pool {size} (stride {stride})", apply)


def conv1d(kernel_size: int, d_in: int = 1, d_out: int = 1, *, padding: str = "causal",
           bias: bool = False, weights: Weights = None, name: str = "K") -> Layer:
    """1-D convolution over positions: ``y_i = Σ_k x_{i−k}·K_k`` (``causal``), or centred.

    ``padding``: ``causal`` (zeros before the start, output length n), ``same`` (centred,
    zeros on both sides), ``circular`` (indices mod n) or ``valid`` (no padding).

    >>> conv1d(2, weights={"K0": [[1]], "K1": [[1]]}).apply(Matrix([[1], [2], [3]]))
    Matrix([
    [1],
    [3],
    [5]])
    """
    if padding not in ("causal", "same", "circular", "valid"):
        raise InputError("expected padding causal, same, circular or valid", got=repr(padding),
                         choices=("causal", "same", "circular", "valid"))
    params: list[sympy.Symbol] = []
    Ks = [_weight(f"{name}{k}", d_in, d_out, weights, params) for k in range(kernel_size)]
    b = _weight("b", 1, d_out, weights, params) if bias else None

    def apply(X: Matrix) -> Matrix:
        _need_cols(X, d_in, "conv1d")
        n = X.rows
        zero = sympy.zeros(1, d_in)

        def row(i: int) -> Matrix:
            if padding == "circular":
                return X[i % n, :]
            return X[i, :] if 0 <= i < n else zero

        if padding == "valid":
            outs = range(kernel_size - 1, n)
        else:
            outs = range(n)
        shift = 0 if padding in ("causal", "valid") else (kernel_size - 1) // 2
        rows = []
        for i in outs:
            acc = sympy.zeros(1, d_out)
            for k in range(kernel_size):
                acc += row(i - k + shift) * Ks[k]
            rows.append(acc if b is None else acc + b)
        return Matrix.vstack(*rows) if rows else Matrix(0, d_out, [])

    return Layer("conv1d" if not bias else "affine",
                 f"conv1d k={kernel_size} {d_in}→{d_out} ({padding} padding"
                 f"{', with bias' if bias else ''})", apply, tuple(params))


def conv2d(kh: int, kw: int, *, weights: Weights = None, name: str = "K") -> Layer:
    """2-D convolution (cross-correlation, valid padding) of a single-channel image.

    The input matrix is the image (rows × columns).

    >>> list(conv2d(1, 2, weights={"K": [[1, -1]]}).apply(Matrix([[1, 3], [2, 2]])))
    [-2, 0]
    """
    params: list[sympy.Symbol] = []
    K = _weight(name, kh, kw, weights, params)

    def apply(X: Matrix) -> Matrix:
        h, w = X.rows - kh + 1, X.cols - kw + 1
        if h < 1 or w < 1:
            raise InputError(f"expected an image of at least {kh}×{kw}", got=f"{X.shape}")
        return Matrix(h, w, lambda i, j: sum((X[i + a, j + c] * K[a, c]
                                              for a in range(kh) for c in range(kw)),
                                             sympy.Integer(0)))

    return Layer("conv2d", f"conv2d {kh}×{kw} (valid)", apply, tuple(params))


def graph_conv(adjacency: Sequence[Sequence[Any]], d_in: int, d_out: int, *,
               normalise: bool = True, weights: Weights = None, name: str = "W") -> Layer:
    """Graph convolution ``X ↦ Â·X·W`` with ``Â = D^{-1}(A + I)`` (row-normalised, exact).

    >>> L = graph_conv([[0, 1], [1, 0]], 1, 1, weights={"W": [[2]]})
    >>> L.apply(Matrix([[1], [3]]))
    Matrix([
    [4],
    [4]])
    """
    A = Matrix([[exact(v) for v in row] for row in adjacency])
    if A.rows != A.cols:
        raise InputError("expected a square adjacency matrix", got=f"{A.rows}×{A.cols}")
    Ahat = A + sympy.eye(A.rows)
    if normalise:
        Ahat = Matrix(A.rows, A.cols, lambda i, j: Ahat[i, j] / sum(Ahat.row(i)))
    params: list[sympy.Symbol] = []
    W = _weight(name, d_in, d_out, weights, params)

    def apply(X: Matrix) -> Matrix:
        if X.rows != A.rows:
            raise InputError(f"expected {A.rows} nodes (rows)", got=str(X.rows))
        return Ahat * X * W

    return Layer("graph_conv", f"graph convolution on {A.rows} nodes {d_in}→{d_out}", apply,
                 tuple(params))


def _softmax_row(row: Sequence[sympy.Expr]) -> list[sympy.Expr]:
    es = [sympy.exp(v) for v in row]
    total = sympy.Add(*es)
    return [e / total for e in es]


def softmax() -> Layer:
    """Row-wise softmax ``exp(x_j) / Σ_k exp(x_k)``.

    >>> softmax().apply(Matrix([[0, 0]]))
    Matrix([[1/2, 1/2]])
    """
    def apply(X: Matrix) -> Matrix:
        return Matrix([_softmax_row(list(X.row(i))) for i in range(X.rows)])

    return Layer("softmax", "softmax", apply)


def _mask_allows(mask: str | None, i: int, j: int) -> bool:
    return mask is None or (mask == "causal" and j <= i)


def attention(d: int, d_k: int | None = None, d_v: int | None = None, *, heads: int = 1,
              mask: str | None = None, scale: bool = True, weights: Weights = None,
              prefix: str = "") -> Layer:
    """(Multi-head) softmax self-attention ``softmax(QKᵀ/√d_k + mask)·V`` (``·W_o`` if heads > 1).

    ``mask="causal"`` lets position ``i`` attend to ``j ≤ i`` only (masked scores are
    ``−∞``, i.e. left out of the softmax exactly). Weights ``Wq, Wk, Wv`` (per head
    ``Wq{h}``…) and ``Wo`` are symbols unless given.

    >>> L = attention(1, weights={"Wq": [[0]], "Wk": [[0]], "Wv": [[1]]})
    >>> L.apply(Matrix([[2], [4]]))
    Matrix([
    [3],
    [3]])
    """
    if mask not in (None, "causal"):
        raise InputError("expected mask None or 'causal'", got=repr(mask), choices=("causal",))
    d_k = d_k or d
    d_v = d_v or d
    params: list[sympy.Symbol] = []
    suffix = [""] if heads == 1 else [str(h) for h in range(heads)]
    Ws = [(_weight(f"{prefix}Wq{s}", d, d_k, weights, params),
           _weight(f"{prefix}Wk{s}", d, d_k, weights, params),
           _weight(f"{prefix}Wv{s}", d, d_v, weights, params)) for s in suffix]
    Wo = _weight(f"{prefix}Wo", heads * d_v, d, weights, params) if heads > 1 else None
    factor = 1 / sympy.sqrt(d_k) if scale else sympy.Integer(1)

    def apply(X: Matrix) -> Matrix:
        _need_cols(X, d, "attention")
        outs = []
        for Wq, Wk, Wv in Ws:
            Q, K, V = X * Wq, X * Wk, X * Wv
            rows = []
            for i in range(X.rows):
                allowed = [j for j in range(X.rows) if _mask_allows(mask, i, j)]
                scores = [factor * (Q.row(i) * K.row(j).T)[0, 0] for j in allowed]
                probs = _softmax_row(scores)
                rows.append(sum((p * V.row(j) for p, j in zip(probs, allowed, strict=True)),
                                sympy.zeros(1, d_v)))
            outs.append(Matrix.vstack(*rows))
        H = Matrix.hstack(*outs)
        return H * Wo if Wo is not None else H

    return Layer("attention", f"{'multi-head (' + str(heads) + ') ' if heads > 1 else ''}"
                 f"softmax attention d={d}{', causal mask' if mask else ''}", apply,
                 tuple(params))


def hard_attention(d: int, d_k: int | None = None, *, mask: str | None = None,
                   weights: Weights = None) -> Layer:
    """Hard (argmax) attention: row ``i`` outputs ``V_j`` for the first ``j`` maximising q_i·k_j.

    >>> L = hard_attention(1, weights={"Wq": [[1]], "Wk": [[1]], "Wv": [[1]]})
    >>> L.apply(Matrix([[1], [2]]))
    Matrix([
    [2],
    [2]])
    """
    d_k = d_k or d
    params: list[sympy.Symbol] = []
    Wq = _weight("Wq", d, d_k, weights, params)
    Wk = _weight("Wk", d, d_k, weights, params)
    Wv = _weight("Wv", d, d, weights, params)

    def parts(X: Matrix) -> list[tuple[list[int], list[sympy.Expr], Matrix]]:
        Q, K, V = X * Wq, X * Wk, X * Wv
        out = []
        for i in range(X.rows):
            allowed = [j for j in range(X.rows) if _mask_allows(mask, i, j)]
            out.append((allowed, [(Q.row(i) * K.row(j).T)[0, 0] for j in allowed], V))
        return out

    def apply(X: Matrix) -> Matrix:
        rows = []
        for allowed, scores, V in parts(X):
            if len(allowed) == 1:
                rows.append(V.row(allowed[0]))
                continue
            pieces = []
            for a, j in enumerate(allowed):
                cond = sympy.And(*[scores[a] > scores[b] if b < a else scores[a] >= scores[b]
                                   for b in range(len(allowed)) if b != a])
                pieces.append((j, cond))
            rows.append(Matrix([[sympy.Piecewise(*[(V[j, c], cond) for j, cond in pieces[:-1]],
                                                 (V[pieces[-1][0], c], True))
                                 for c in range(V.cols)]]))
        return Matrix.vstack(*rows)

    return Layer("hard_attention", f"hard (argmax) attention d={d}"
                 f"{', causal mask' if mask else ''}", apply, tuple(params), meta=parts)


def positional_encoding(n: int, d: int, *, values: Sequence[Sequence[Any]] | None = None,
                        name: str = "PE") -> Layer:
    """``X ↦ X + PE`` with a fixed (learned: symbolic, or given exact) positional matrix.

    >>> positional_encoding(2, 1, values=[[0], [1]]).apply(Matrix([[5], [5]]))
    Matrix([
    [5],
    [6]])
    """
    params: list[sympy.Symbol] = []
    P = _weight(name, n, d, None if values is None else {name: values}, params)

    def apply(X: Matrix) -> Matrix:
        if X.shape != P.shape:
            raise InputError(f"expected input of shape {P.shape}", got=str(X.shape))
        return X + P

    return Layer("positional", f"positional encoding {n}×{d}", apply, tuple(params))


def layer_norm(d: int, *, eps: Any = 0, affine_params: bool = False,
               weights: Weights = None) -> Layer:
    """Per-row ``(x − mean)/√(var + eps)`` (optionally ``·γ + β``), exact.

    >>> layer_norm(2).apply(Matrix([[1, 3]]))
    Matrix([[-1, 1]])
    """
    eps = exact(eps)
    params: list[sympy.Symbol] = []
    gamma = _weight("gamma", 1, d, weights, params) if affine_params else None
    beta = _weight("beta", 1, d, weights, params) if affine_params else None

    def apply(X: Matrix) -> Matrix:
        _need_cols(X, d, "layer_norm")
        rows = []
        for i in range(X.rows):
            r = list(X.row(i))
            mean = sympy.Add(*r) / d
            var = sympy.Add(*[(v - mean) ** 2 for v in r]) / d
            den = sympy.sqrt(var + eps)
            out = [(v - mean) / den for v in r]
            if gamma is not None:
                out = [o * gamma[0, j] + beta[0, j] for j, o in enumerate(out)]
            rows.append(out)
        return Matrix(rows)

    return Layer("layer_norm", f"layer norm d={d} (eps={eps})", apply, tuple(params))


def residual(*inner: Layer) -> Layer:
    """``X ↦ X + F(X)`` for the composite ``F`` of ``inner``.

    >>> residual(relu()).apply(Matrix([[-1, 2]]))
    Matrix([[-1, 4]])
    """
    def apply(X: Matrix) -> Matrix:
        Y = X
        for layer in inner:
            Y = layer.apply(Y)
        if Y.shape != X.shape:
            raise InputError(f"expected the residual branch to keep shape {X.shape}",
                             got=str(Y.shape))
        return X + Y

    kinds = "+".join(layer.kind for layer in inner)
    params = tuple(p for layer in inner for p in layer.params)
    return Layer(f"residual({kinds})", "residual(" + " → ".join(x.description for x in inner)
                 + ")", apply, params)


def rnn(d_in: int, d_h: int, *, bias: bool = True, weights: Weights = None) -> Layer:
    """An Elman ReLU recurrence over positions: ``h_t = relu(x_t·W + h_{t−1}·U + b)``, ``h_{−1} = 0``.

    >>> L = rnn(1, 1, bias=False, weights={"Wx": [[1]], "Uh": [[1]]})
    >>> list(L.apply(Matrix([[1], [-3], [5]])))
    [1, 0, 5]
    """
    params: list[sympy.Symbol] = []
    W = _weight("Wx", d_in, d_h, weights, params)
    U = _weight("Uh", d_h, d_h, weights, params)
    b = _weight("bh", 1, d_h, weights, params) if bias else None

    def apply(X: Matrix) -> Matrix:
        _need_cols(X, d_in, "rnn")
        h = sympy.zeros(1, d_h)
        rows = []
        for t in range(X.rows):
            pre = X.row(t) * W + h * U
            if b is not None:
                pre = pre + b
            h = pre.applyfunc(lambda e: sympy.Max(0, e))
            rows.append(h)
        return Matrix.vstack(*rows)

    return Layer("rnn", f"ReLU recurrence {d_in}→{d_h} ({'with' if bias else 'no'} bias)",
                 apply, tuple(params))


# -- networks ---------------------------------------------------------------------------

def network(shape: tuple[int, int], layers: Sequence[Layer], *, name: str = "net",
            description: str = "") -> Network:
    """The composite of ``layers`` applied to an ``n×d`` input matrix of symbols.

    >>> network((1, 1), [relu()]).output
    Matrix([[Max(0, x_0_0)]])
    """
    n, d = shape
    X = input_matrix(n, d)
    Y = X
    meta = None
    for k, layer in enumerate(layers):
        if layer.meta is not None and k == 0:
            meta = layer.meta(X)
        Y = layer.apply(Y)
    params = tuple(p for layer in layers for p in layer.params)
    _distinct_params(params)
    return Network(name, X, Matrix(Y), tuple(X), params,
                   tuple(layer.description for layer in layers),
                   tuple(layer.kind for layer in layers),
                   description or " → ".join(layer.description for layer in layers), meta)


def _distinct_params(params: Sequence[sympy.Symbol]) -> None:
    seen = set()
    for p in params:
        if p in seen:
            raise InputError("expected distinct weight names across layers",
                             got=f"{p.name} twice (give layers different names)")
        seen.add(p)


def relu_mlp(sizes: Sequence[int], *, bias: bool = True, weights: Weights = None,
             final_relu: bool = False) -> Network:
    """A ReLU MLP with layer widths ``sizes`` (``(2, 3, 1)``: 2 inputs, 3 hidden, 1 output).

    Weights are ``W1, b1, W2, b2, …`` (symbolic unless given).

    >>> relu_mlp((2, 1), bias=False).output
    Matrix([[W1_0_0*x_0_0 + W1_1_0*x_0_1]])
    """
    sizes = [int(s) for s in sizes]
    if len(sizes) < 2 or min(sizes) < 1:
        raise InputError("expected at least two positive layer widths", got=str(sizes))
    layers: list[Layer] = []
    for k in range(len(sizes) - 1):
        layers.append(affine(sizes[k], sizes[k + 1], bias=bias, weights=weights,
                             name=f"W{k + 1}", bias_name=f"b{k + 1}"))
        if k < len(sizes) - 2 or final_relu:
            layers.append(relu())
    return network((1, sizes[0]), layers, name=f"relu_mlp{tuple(sizes)}",
                   description=f"a {'-'.join(map(str, sizes))} ReLU network "
                               f"({'with' if bias else 'no'} bias)")


def attention_head(n: int, d: int, *, mask: str | None = None, positional: bool = False,
                   heads: int = 1, scale: bool = True, weights: Weights = None) -> Network:
    """A softmax self-attention head on ``n`` positions of width ``d``.

    ``positional=True`` adds a learned positional encoding ``P`` first; ``heads > 1``
    gives multi-head attention with an output projection.

    >>> attention_head(2, 1).layers
    ('softmax attention d=1',)
    """
    layers = []
    if positional:
        layers.append(positional_encoding(n, d, values=(weights or {}).get("PE")))
    layers.append(attention(d, heads=heads, mask=mask, scale=scale, weights=weights))
    return network((n, d), layers, name="attention_head",
                   description=f"a softmax attention head, {n} positions × width {d}"
                               f"{' with positional encoding' if positional else ''}"
                               f"{' and causal mask' if mask else ''}")


def hard_attention_head(n: int, d: int, *, mask: str | None = None,
                        weights: Weights = None) -> Network:
    """A hard (argmax) attention head on ``n`` positions of width ``d``.

    >>> hard_attention_head(1, 1).output
    Matrix([[Wv_0_0*x_0_0]])
    """
    return network((n, d), [hard_attention(d, mask=mask, weights=weights)],
                   name="hard_attention_head",
                   description=f"a hard-attention head, {n} positions × width {d}")


def relu_cnn(n: int, kernel_size: int, *, pool: int = 2) -> Network:
    """A 1-D ReLU CNN: causal convolution, ReLU, max-pooling (one channel).

    >>> relu_cnn(4, 2).layers
    ('conv1d k=2 1→1 (causal padding)', 'relu', 'max-pool 2 (stride 2)')
    """
    return network((n, 1), [conv1d(kernel_size), relu(), max_pool(pool)], name="relu_cnn",
                   description=f"a ReLU CNN on {n} positions (kernel {kernel_size}, "
                               f"max-pool {pool})")


def relu_rnn(n: int, d_in: int, d_h: int, *, bias: bool = True) -> Network:
    """A ReLU RNN unrolled over ``n`` positions, outputting every hidden state.

    >>> relu_rnn(2, 1, 1).layers
    ('ReLU recurrence 1→1 (with bias)',)
    """
    return network((n, d_in), [rnn(d_in, d_h, bias=bias)], name="relu_rnn",
                   description=f"a ReLU RNN on {n} positions ({'with' if bias else 'no'} bias)")


def relu_gcn(adjacency: Sequence[Sequence[Any]], d_in: int, d_out: int) -> Network:
    """A graph convolutional layer followed by ReLU.

    >>> relu_gcn([[0, 1], [1, 0]], 1, 1).layers
    ('graph convolution on 2 nodes 1→1', 'relu')
    """
    n = len(adjacency)
    return network((n, d_in), [graph_conv(adjacency, d_in, d_out), relu()], name="relu_gcn",
                   description=f"a ReLU graph convolutional network on {n} nodes")


def transformer_block(n: int, d: int, *, mask: str | None = None, positional: bool = False,
                      eps: Any = 1) -> Network:
    """Post-LN transformer block: ``X + Attn(X)`` → LayerNorm → ``Y + W₂·relu(W₁·Y)``.

    >>> transformer_block(2, 1).layers[-1]
    'residual(affine 1→1 (with bias) → relu → affine 1→1 (with bias))'
    """
    layers = []
    if positional:
        layers.append(positional_encoding(n, d))
    layers += [residual(attention(d, mask=mask)), layer_norm(d, eps=eps),
               residual(affine(d, d, name="F1", bias_name="c1"), relu(),
                        affine(d, d, name="F2", bias_name="c2"))]
    return network((n, d), layers, name="transformer_block",
                   description=f"a transformer block on {n} positions × width {d}")


def weights_as_input(m: int, k: int) -> Network:
    """``(W, x) ↦ W·x`` with both the ``m×k`` matrix ``W`` and the vector ``x`` as inputs.

    >>> net = weights_as_input(1, 1)
    >>> net.output, [s.name for s in net.inputs]
    (Matrix([[w_0_0*x_0_0]]), ['x_0_0', 'w_0_0'])
    """
    X = input_matrix(1, k)
    W = Matrix(m, k, lambda i, j: sympy.Symbol(f"w_{i}_{j}", real=True))
    out = (W * X.T).T
    return Network("weights_as_input", X, Matrix(out), tuple(X) + tuple(W), (),
                   ("bilinear (W, x) ↦ Wx",), ("bilinear",),
                   f"(W, x) ↦ Wx with the {m}×{k} weights as input")


def formula_network(outputs: Sequence[sympy.Expr], inputs: Sequence[sympy.Symbol],
                    *, name: str = "formula") -> Network:
    """A network given directly by output formulas in the input symbols (one row).

    >>> x = sympy.Symbol("x", real=True)
    >>> formula_network([sympy.Abs(x)], [x]).layers
    ('formula',)
    """
    X = Matrix([list(inputs)])
    return Network(name, X, Matrix([list(outputs)]), tuple(inputs), (), ("formula",),
                   ("formula",), "a network given by formulas")
