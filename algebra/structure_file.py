"""Read a user-defined structure from a TOML file, safely: the file is data, never code.

A structure file names a basis and gives the product, coproduct, counit and
(optionally) antipode as tables whose values are linear combinations of basis names::

    name = "sweedler-by-hand"
    field = "QQ"                 # or "QQ(zeta_4)", or "QQ(q)" for a parameter q
    basis = ["1", "g", "x", "gx"]
    unit = "1"

    [product]                    # "a*b" = a·b; pairs left out are 0, except with the unit
    "g*g" = "1"
    "g*x" = "gx"
    "x*g" = "-gx"

    [coproduct]                  # every basis element; ⊗ (or "(x)") between factors
    "1" = "1⊗1"
    "g" = "g⊗g"
    "x" = "x⊗1 + g⊗x"

    [counit]                     # every basis element; scalars
    "1" = "1"
    "g" = "1"
    "x" = "0"

Combinations are read by a small whitelisting parser of their own (numbers, ``/``,
``*`` or ``·``, ``+``/``-``, parentheses, ``^``/``**`` with integer exponents, the
field's parameters, ``zeta`` for ℚ(ζₙ), basis names — backquoted when they hold spaces
or brackets, ``(12)``). Nothing is ever passed to ``eval``, ``exec`` or ``sympify``.
Every mistake is an :class:`~coherence.algebra.errors.InputError` naming the file,
the line and what was expected.

>>> import tempfile, pathlib
>>> text = 'basis = ["1", "x"]\\nunit = "1"\\n[product]\\n"x*x" = "0"\\n' \\
...        '[coproduct]\\n"1" = "1⊗1"\\n"x" = "x⊗1 + 1⊗x"\\n[counit]\\n"1" = "1"\\n"x" = "0"\\n'
>>> path = pathlib.Path(tempfile.mkdtemp()) / "dual-numbers.toml"
>>> _ = path.write_text(text, encoding="utf-8")
>>> H = read_structure(path)
>>> H.dim
2
>>> print(H.basis_element("x").coproduct())
1⊗x + x⊗1
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import sympy
from coherence.algebra.domains import (
    QQ,
    cyclotomic,
    cyclotomic_order,
    parameters,
    parse_domain,
)
from coherence.algebra.errors import InputError
from coherence.algebra.files import decode, load_toml, read_bounded
from coherence.algebra.hopf import Bialgebra, build
from coherence.algebra.limits import (
    MAX_COEFFICIENT_BITS,
    MAX_NESTING,
    MAX_VALUE,
    check_dimension,
    check_exponent,
    check_power,
    read_integer,
)
from sympy.polys.domains.domain import Domain

__all__ = ["read_structure", "parse_structure", "parse_combination", "structure_from_data"]

_KEYS = {"name", "description", "reference", "field", "basis", "unit", "product",
         "coproduct", "counit", "antipode"}


@dataclass(frozen=True, slots=True)
class _Where:
    file: str
    text: str

    def line_of(self, table: str | None, key: str | None = None) -> int | None:
        """1-based line of ``[table]`` (and of ``key`` inside it), best effort."""
        lines = self.text.split("\n")
        start = 0
        if table is not None:
            t = re.escape(table)  # [table], [table.sub], ["table"], [[table]]
            header = re.compile(rf"""\s*\[\[?\s*(?:"{t}"|'{t}'|{t})\s*[\].]""")
            for i, line in enumerate(lines):
                if header.match(line):
                    start = i
                    break
            else:
                k = re.escape(table)
                top = re.compile(rf"""\s*(?:"{k}"|'{k}'|{k})\s*[=.]""")
                for i, line in enumerate(lines):  # a top-level key (quoted or dotted)
                    if top.match(line):
                        return i + 1
                return None
            if key is None:
                return start + 1
        if key is None:
            return None
        k = re.escape(key)  # key = …, "key" = …, key.sub = …
        pat = re.compile(rf"""\s*(?:"{k}"|'{k}'|{k})\s*[=.]""")
        for i in range(start, len(lines)):
            if pat.match(lines[i]):
                return i + 1
        return start + 1 if table is not None else None

    def error(self, expected: str, *, got: str | None = None, table: str | None = None,
              key: str | None = None, choices: tuple[str, ...] = ()) -> InputError:
        return InputError(expected, got=got, file=self.file, line=self.line_of(table, key),
                          choices=choices)


def read_structure(path: str | Path, *, shown: str | None = None) -> Bialgebra:
    """Read the structure file at ``path`` (see the module docstring for the format).

    Only a regular file of at most :data:`~coherence.algebra.limits.MAX_FILE_BYTES` is
    read (symlinks are resolved first; callers confine the path, see
    :func:`~coherence.algebra.files.confine`). ``shown`` is the name errors use.
    """
    file = str(path) if shown is None else shown
    try:
        raw = read_bounded(os.path.realpath(path), what="structure file")
    except InputError as err:
        raise InputError(err.expected, got=err.got, file=file) from None
    return parse_structure(decode(raw, file), file)


def parse_structure(text: str, file: str = "<structure>") -> Bialgebra:
    """Build a structure from the text of a structure file (``file`` names it in errors).

    Every number in it is bounded by :mod:`coherence.algebra.limits` before any
    arithmetic; a TOML file that is not a structure file is refused without echoing its
    keys or values.

    >>> H = parse_structure('basis = ["1"]\\n[coproduct]\\n"1" = "1⊗1"\\n[counit]\\n"1" = "1"\\n')
    >>> H.basis
    ('1',)
    """
    try:
        return _parse_structure(text[1:] if text.startswith("\ufeff") else text, file)
    except RecursionError:  # a safety net: nesting is bounded where it is read
        raise InputError("expected a structure nested less deeply", got="too deep a nesting",
                         file=file, line=1) from None


def _parse_structure(text: str, file: str) -> Bialgebra:
    where = _Where(file, text)
    data = load_toml(text, file)
    if not ("basis" in data and any(k in data for k in ("coproduct", "counit", "product"))):
        raise InputError("expected a structure file (keys basis, product, coproduct, counit)",
                         got="a TOML file without them", file=file, line=1)
    for key in data:
        if key not in _KEYS:
            raise where.error("expected a structure key", got=repr(key), table=key,
                              choices=tuple(sorted(_KEYS)))
    for key in ("basis", "coproduct", "counit"):
        if key not in data:
            raise InputError(f"expected a '{key}' entry", got="none", file=file,
                             line=max(1, text.count("\n")))
    try:
        domain = parse_domain(_string(data.get("field", "QQ"), where, "field"))
    except InputError as err:
        raise err.located(file=file, line=where.line_of("field")) from None
    basis = data["basis"]
    if (not isinstance(basis, list) or not basis
            or not all(isinstance(b, str) and b.strip() for b in basis)):
        raise where.error("expected basis = a non-empty list of names", got=repr(basis)[:80],
                          table="basis")
    try:
        check_dimension(len(basis), "a structure file")
    except InputError as err:
        raise err.located(file=file, line=where.line_of("basis")) from None
    basis = [b.strip() for b in basis]
    if len(set(basis)) != len(basis):
        dup = next(b for b in basis if basis.count(b) > 1)
        raise where.error("expected distinct basis names", got=f"{dup!r} twice", table="basis")
    reader = _Reader(tuple(basis), domain, where)
    n = len(basis)
    idx = {b: i for i, b in enumerate(basis)}

    unit_text = _string(data.get("unit", basis[0]), where, "unit")
    unit = reader.vector(unit_text, "unit", None)
    product: dict[tuple[int, int], dict[int, Any]] = {}
    unit_basis = next(iter(unit)) if len(unit) == 1 and unit[next(iter(unit))] == domain.one \
        else None
    if unit_basis is not None:  # products with the unit default to the other factor
        for i in range(n):
            product[(unit_basis, i)] = {i: domain.one}
            product[(i, unit_basis)] = {i: domain.one}
    seen: dict[tuple[int, int], str] = {}
    for key, value in _table(data, "product", where).items():
        parts = [s.strip() for s in re.split(r"[*·]", key)]
        if len(parts) != 2 or not all(p in idx for p in parts):
            raise where.error("expected a product key 'a*b' of two basis names",
                              got=repr(key), table="product", key=key, choices=tuple(basis))
        pair = (idx[parts[0]], idx[parts[1]])
        if pair in seen:  # "g*x" and "g · x": the later one would silently win
            raise where.error("expected each product to be given once",
                              got=f"{key!r} after {seen[pair]!r}", table="product", key=key)
        seen[pair] = key
        product[(idx[parts[0]], idx[parts[1]])] = reader.vector(
            _string(value, where, "product", key), "product", key)
    coproduct = {}
    for key, value in _per_basis(data, "coproduct", where, idx).items():
        coproduct[key] = reader.vector(_string(value, where, "coproduct", basis[key]),
                                       "coproduct", basis[key], tensor=2)
    counit = {}
    for key, value in _per_basis(data, "counit", where, idx).items():
        counit[key] = reader.scalar(_string(value, where, "counit", basis[key]), "counit",
                                    basis[key])
    antipode = None
    if "antipode" in data:
        antipode = {}
        for key, value in _per_basis(data, "antipode", where, idx).items():
            antipode[key] = reader.vector(_string(value, where, "antipode", basis[key]),
                                          "antipode", basis[key])
    return build(tuple(basis), domain, product=product, unit=unit, coproduct=coproduct,
                 counit=counit, antipode=antipode,
                 name=_string(data.get("name", Path(file).stem), where, "name"),
                 description=_string(data.get("description", ""), where, "description"),
                 reference=_string(data.get("reference", ""), where, "reference"))


def _string(value: Any, where: _Where, table: str, key: str | None = None) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool) and table != "name":
        return str(value)
    if not isinstance(value, str):
        raise where.error("expected a string", got=repr(value),
                          table=table if key else None, key=key or table)
    return value


def _table(data: Mapping[str, Any], name: str, where: _Where) -> Mapping[str, Any]:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise where.error(f"expected a [{name}] table", got=repr(table), table=name)
    return table


def _per_basis(data: Mapping[str, Any], name: str, where: _Where,
               idx: Mapping[str, int]) -> dict[int, Any]:
    table = _table(data, name, where)
    out = {}
    for key, value in table.items():
        if key not in idx:
            raise where.error("expected a basis name", got=repr(key), table=name, key=key,
                              choices=tuple(idx))
        out[idx[key]] = value
    missing = [b for b in idx if idx[b] not in out]
    if missing:
        raise where.error(f"expected [{name}] to give every basis element",
                          got=f"none for {', '.join(missing)}", table=name)
    return out


_TOKEN = re.compile(r"\s*(?:(`[^`]*`)|(\*\*|[-+*/·⊗()^])|(\(x\))|([^\s+\-*/·⊗()^`]+))")


class _Reader:
    """The whitelisting parser of linear combinations of basis names."""

    def __init__(self, basis: tuple[str, ...], domain: Domain, where: _Where) -> None:
        self.basis = basis
        self.index = {b: i for i, b in enumerate(basis)}
        self.domain = domain
        self.where = where
        self.params = {p: domain.from_sympy(sympy.Symbol(p)) for p in parameters(domain)}
        n = cyclotomic_order(domain)
        if n is not None:
            self.params["zeta"] = cyclotomic(n)[1]
            self.params["ζ"] = cyclotomic(n)[1]
        clash = set(self.params) & set(basis)
        if clash:
            raise where.error("expected basis names distinct from the field's parameters",
                              got=repr(sorted(clash)[0]), table="basis")

    # -- tokens ------------------------------------------------------------------
    def _tokens(self, text: str, table: str, key: str | None) -> list[str]:
        if len(text) > MAX_VALUE:
            raise self.where.error(f"expected a value of at most {MAX_VALUE} characters",
                                   got=f"{len(text)} characters", table=table, key=key)
        pos, out, depth = 0, [], 0
        text = text.replace("(x)", " ⊗ ").replace("⊗", " ⊗ ")
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if not m or m.end() == pos:
                if text[pos:].strip() == "":
                    break
                raise self._err("expected a linear combination", text, table, key)
            pos = m.end()
            tok = next(g for g in m.groups() if g is not None)
            depth += {"(": 1, ")": -1}.get(tok, 0)
            if depth > MAX_NESTING:  # the reader recurses per level, and rescans each
                raise self.where.error(f"expected parentheses nested at most {MAX_NESTING} deep",
                                       got="deeper nesting", table=table, key=key)
            out.append(tok)
        return out

    def _err(self, expected: str, text: str, table: str, key: str | None,
             choices: tuple[str, ...] = ()) -> InputError:
        return self.where.error(expected, got=repr(text), table=table, key=key, choices=choices)

    # -- grammar: sum of terms, each a product of coefficients and one basis part -------
    def vector(self, text: str, table: str, key: str | None, *, tensor: int = 1
               ) -> dict[int, Any]:
        """The combination ``text`` as sparse coefficients (tensor index for ⊗ products)."""
        terms = self._terms(self._tokens(text, table, key), text, table, key)
        n = len(self.basis)
        out: dict[int, Any] = {}
        for coeff, names in terms:
            if not names and not coeff:
                continue  # "0"
            if not names:
                raise self._err(f"expected a basis element{' ⊗ basis element' * (tensor - 1)} "
                                "in every term", text, table, key, self.basis)
            if len(names) != tensor:
                raise self._err(f"expected {tensor} tensor factor{'s' if tensor > 1 else ''} "
                                "in every term", text, table, key)
            flat = 0
            for name in names:
                flat = flat * n + self.index[name]
            out[flat] = out.get(flat, self.domain.zero) + coeff
        return {k: v for k, v in out.items() if v}

    def scalar(self, text: str, table: str, key: str | None) -> Any:
        """The scalar ``text`` (no basis names allowed)."""
        terms = self._terms(self._tokens(text, table, key), text, table, key, scalar=True)
        total = self.domain.zero
        for coeff, names in terms:
            if names:
                raise self._err("expected a scalar (no basis names)", text, table, key)
            total += coeff
        return total

    def _terms(self, toks: list[str], text: str, table: str, key: str | None,
               scalar: bool = False) -> list[tuple[Any, list[str]]]:
        if not toks:
            raise self._err("expected a linear combination (use \"0\" for zero)", text, table, key)
        terms: list[tuple[Any, list[str]]] = []
        i, sign = 0, self.domain.one
        while i < len(toks):
            if toks[i] in "+-":
                sign = -sign if toks[i] == "-" else sign
                i += 1
                if i == len(toks):
                    raise self._err(f"expected a term after '{toks[i - 1]}'", text, table, key)
                continue
            coeff, names, i = self._term(toks, i, text, table, key, scalar)
            terms.append((sign * coeff, names))
            sign = self.domain.one
            if i < len(toks) and toks[i] not in "+-":
                raise self._err("expected + or - between terms", text, table, key)
        return terms

    def _term(self, toks: list[str], i: int, text: str, table: str, key: str | None,
              scalar: bool) -> tuple[Any, list[str], int]:
        coeff = self.domain.one
        names: list[str] = []
        last_number: str | None = None
        last_divided = False
        divide = False
        pending: str | None = None  # an operator still waiting for its right factor
        number_before = False  # the last factor was a plain number, no operator since
        while i < len(toks) and toks[i] not in "+-":
            tok = toks[i]
            if tok in ("*", "·", "/"):
                if pending is not None:
                    raise self._err(f"expected a factor after '{pending}'", text, table, key)
                pending = tok
                divide = tok == "/"
                number_before = False
                i += 1
                continue
            pending = None
            if tok == "⊗":
                raise self._err("expected a basis name before ⊗", text, table, key)
            name = tok[1:-1] if tok.startswith("`") else None
            if name is None and tok not in "()" and tok in self.index and not self._is_number(tok):
                name = tok
            if name is None and self._is_number(tok) and i + 1 < len(toks) and toks[i + 1] == "⊗":
                name = tok
            if name is not None:  # a basis part: name (⊗ name)*
                if name not in self.index:
                    raise self._err("expected a basis name", text, table, key, self.basis)
                if names or divide:
                    raise self._err("expected one basis element per term", text, table, key)
                names.append(name)
                i += 1
                while i < len(toks) and toks[i] == "⊗":
                    if i + 1 >= len(toks):
                        raise self._err("expected a basis name after ⊗", text, table, key)
                    nxt = toks[i + 1]
                    nxt = nxt[1:-1] if nxt.startswith("`") else nxt
                    if nxt not in self.index:
                        raise self._err("expected a basis name after ⊗", text, table, key,
                                        self.basis)
                    names.append(nxt)
                    i += 2
                last_number = None
                number_before = False
                continue
            numeric = self._is_number(tok)
            if numeric and number_before:  # "2 3" is a typo (23? 2/3?), not 6
                raise self._err("expected * or / between two numbers", text, table, key)
            value, i = self._coefficient(toks, i, text, table, key)
            number_before = numeric
            last_number = tok if self._is_number(tok) else None
            last_divided = divide
            if divide and not value:
                raise self._err("expected a nonzero divisor", text, table, key)
            coeff = self._bounded(coeff / value if divide else coeff * value, table, key)
            divide = False
        if pending is not None:  # "2*-3" is not 2 + (-3); "x*" and "2/" are unfinished
            raise self._err(f"expected a factor after '{pending}'", text, table, key)
        if not names and not scalar and last_number is not None and last_number in self.index:
            # "2*1", "-1": a trailing number that names a basis element is that element.
            if last_divided:  # "1/2" with a basis element "2": no division by an element
                raise self._err("expected a number after '/', not a basis element", text,
                                table, key, self.basis)
            coeff = coeff / self._number(last_number, text, table, key)
            names = [last_number]
        return coeff, names, i

    @staticmethod
    def _is_number(tok: str) -> bool:
        return bool(re.fullmatch(r"\d+(\.\d+)?", tok))

    def _coefficient(self, toks: list[str], i: int, text: str, table: str, key: str | None
                     ) -> tuple[Any, int]:
        tok = toks[i]
        if tok == "(":
            depth, j = 1, i + 1
            while j < len(toks) and depth:
                depth += {"(": 1, ")": -1}.get(toks[j], 0)
                j += 1
            if depth:
                raise self._err("expected a closing parenthesis", text, table, key)
            inner = toks[i + 1:j - 1]
            value = self.domain.zero
            for c, names in self._terms(inner, text, table, key, scalar=True):
                if names:
                    raise self._err("expected only scalars inside parentheses", text, table, key)
                value += c
            i = j
        elif self._is_number(tok):
            value = self._number(tok, text, table, key)
            i += 1
        else:
            base, _, exp = tok.partition("^")
            if base not in self.params:
                choices = (*self.basis, *self.params)
                raise self._err("expected a number, a parameter or a basis name", text, table,
                                key, choices)
            value = self.params[base]
            if exp:
                if not exp.isdigit():
                    raise self._err("expected an integer exponent", text, table, key)
                value = value ** self._exponent(exp, text, table, key)
            i += 1
        if i < len(toks) and toks[i] in ("^", "**"):
            if i + 1 >= len(toks) or not toks[i + 1].isdigit():
                raise self._err("expected an integer exponent", text, table, key)
            value = self._power(value, self._exponent(toks[i + 1], text, table, key), table, key)
            i += 2
        return value, i

    def _number(self, tok: str, text: str, table: str, key: str | None) -> Any:
        """A decimal literal as a domain element, its digits bounded first."""
        try:
            whole, _, frac = tok.partition(".")
            value = Fraction(read_integer(whole + frac), 10 ** len(frac))
        except InputError as err:
            raise self.where.error(err.expected, got=err.got, table=table, key=key) from None
        return self.domain.convert(value.numerator) / self.domain.convert(value.denominator)

    def _exponent(self, tok: str, text: str, table: str, key: str | None) -> int:
        """An exponent, within :data:`~coherence.algebra.limits.MAX_EXPONENT`."""
        try:
            return check_exponent(read_integer(tok))
        except InputError as err:
            raise self.where.error(err.expected, got=err.got, table=table, key=key) from None

    def _power(self, value: Any, k: int, table: str, key: str | None) -> Any:
        """``value ** k``, refused when the exact result would be too large."""
        try:
            if self.domain == QQ:
                check_power(value, k, MAX_COEFFICIENT_BITS)
        except InputError as err:
            raise self.where.error(err.expected, got=err.got, table=table, key=key) from None
        return value ** k

    def _bounded(self, value: Any, table: str, key: str | None) -> Any:
        """``value``, refused when a rational coefficient has grown past the power limit."""
        if self.domain == QQ:
            try:
                check_power(value, 1, MAX_COEFFICIENT_BITS)
            except InputError as err:
                raise self.where.error(err.expected, got=err.got, table=table,
                                       key=key) from None
        return value


def parse_combination(text: str, basis: tuple[str, ...], domain: Domain, *,
                      tensor: int = 1) -> dict[int, Any]:
    """Read one linear combination of basis names (``"x⊗1 + g⊗x"``) as sparse coefficients.

    >>> from coherence.algebra.domains import QQ
    >>> parse_combination("2*x - 1/2*g", ("1", "g", "x"), QQ)
    {2: 2, 1: -1/2}
    """
    return _Reader(basis, domain, _Where("<text>", text)).vector(text, "text", None,
                                                                 tensor=tensor)


def structure_from_data(data: Mapping[str, Any]) -> Bialgebra:
    """Build a structure from Python data: the keys and values of a structure file.

    ``data`` holds ``basis`` (the basis names, in order), ``coproduct`` and ``counit``
    (one entry per basis name), and optionally ``name``, ``description``, ``field``,
    ``unit``, ``product`` (``"a*b"`` → combination) and ``antipode``. Values are the
    same combinations a structure file holds, read by the same whitelisting reader with
    the same limits and messages. Name a basis element with ``H.basis_element("g")``,
    an element with ``H.element({"1": 1, "x": 2})``.

    >>> H = structure_from_data({
    ...     "name": "dual numbers", "basis": ["1", "x"],
    ...     "product": {"x*x": "0"},
    ...     "coproduct": {"1": "1⊗1", "x": "x⊗1 + 1⊗x"},
    ...     "counit": {"1": "1", "x": "0"}})
    >>> print(H.basis_element("x").coproduct())
    1⊗x + x⊗1
    >>> structure_from_data({"basis": ["1"], "coproduct": {"1": "1⊗1"}})
    Traceback (most recent call last):
    ...
    coherence.algebra.errors.InputError: <python>...: expected a 'counit' entry, got none
    """
    import json

    if not isinstance(data, Mapping):
        raise InputError("expected a mapping of structure keys", got=type(data).__name__)

    def value(v: Any) -> str:
        if isinstance(v, str):
            return json.dumps(v, ensure_ascii=False)
        if isinstance(v, int | Fraction) and not isinstance(v, bool):
            return json.dumps(str(v))
        if isinstance(v, list | tuple):
            return "[" + ", ".join(value(x) for x in v) + "]"
        raise InputError("expected text, a number or a list", got=type(v).__name__,
                         file="<python>")

    top, tables = [], []
    for key, v in data.items():
        if isinstance(v, Mapping):
            tables.append(f"[{json.dumps(str(key))}]")
            tables += [f"{json.dumps(str(k), ensure_ascii=False)} = {value(x)}" for k, x in v.items()]
        else:
            top.append(f"{json.dumps(str(key))} = {value(v)}")
    return parse_structure("\n".join([*top, *tables]) + "\n", file="<python>")
