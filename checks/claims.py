"""The claim model and the claim-file reader (TOML, data only).

A :class:`Claim` is what a paper says, as data: its ``id``, the prose ``statement``,
``where`` in the paper, the quantified variables ``for_all`` (name → domain text),
the hypotheses ``assuming``, the conclusion ``then``, named objects ``given`` (name →
expression, evaluated in order) and the expected verdict ``expect``. Expressions stay
text here; :mod:`coherence.checks.decide` parses and decides them.

:func:`read_claim_file` reads a ``*.claims.toml`` file and validates it against the
reference in docs/claims.md. ``tomllib`` gives no positions, so the reader locates every
``[[claim]]`` header and ``key =`` line in the text itself: every message reads
``file:line: claim 'id': expected …, got …``. A file that is not TOML (or has no
``[[claim]]``) raises :class:`~coherence.algebra.errors.InputError` with the line; a bad
claim becomes an ``error`` verdict in :attr:`ClaimFile.errors` and never stops the
others.

Examples
--------
>>> c = claim("sym", for_all={"A": "Matrix(2, 2)"}, assuming="eigenvalues_real_positive(A)",
...           then="A == A.T", expect="refuted")
>>> c.key, c.for_all, c.assuming
('sym', (('A', 'Matrix(2, 2)'),), ('eigenvalues_real_positive(A)',))
>>> claim("bad", then="x > 0", expect="prooved")
Traceback (most recent call last):
...
coherence.algebra.errors.InputError: <python>: claim 'bad': expect: expected expect to be one of
..., got 'prooved' (did you mean 'proved'?)
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coherence.algebra.errors import InputError
from coherence.algebra.files import confine, decode, load_toml, project_root, read_bounded
from coherence.algebra.limits import read_decimal
from coherence.checks.verdict import EXPECTATIONS, Location, Outcome, Verdict

#: Keys of a ``[[claim]]`` table, in the order docs/claims.md lists them.
CLAIM_KEYS = ("id", "then", "statement", "where", "for_all", "exists", "assuming", "given",
              "expect", "tolerance")
SOURCE_KEYS = ("title", "ref", "url")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\[\]-]{0,127}$")
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
_HEADER = re.compile(r"^\s*\[\[\s*claim\s*\]\]\s*(#.*)?$")
_TABLE = re.compile(r"^\s*\[")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')\s*[=.]")
_INLINE_ID = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)')""")


@dataclass(frozen=True, slots=True)
class Source:
    """Where the claims come from.

    >>> Source("Backprop as Functor", "arXiv:1711.10455").ref
    'arXiv:1711.10455'
    """

    title: str = ""
    ref: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim, as data (expressions are text; see docs/claims.md for their meaning).

    ``lines`` maps each key to its line in the file, for error messages. ``root`` is an
    explicit project root (structure files the claim names must lie inside it); by
    default it is the nearest folder above the claim file with pyproject.toml or .git.

    >>> Claim("c", "x == x", for_all=(("x", "Real"),)).variables
    ('x',)
    """

    id: str
    then: str
    statement: str = ""
    where: str = ""
    for_all: tuple[tuple[str, str], ...] = ()
    assuming: tuple[str, ...] = ()
    given: tuple[tuple[str, str], ...] = ()
    expect: str | None = None
    tolerance: str | None = None
    exists: tuple[tuple[str, str], ...] = ()
    location: Location = field(default_factory=lambda: Location("<python>"))
    lines: tuple[tuple[str, int], ...] = ()
    root: str | None = None

    @property
    def key(self) -> str:
        """A stable identifier for test ids (the claim's ``id``, unique in its file)."""
        return self.id

    @property
    def variables(self) -> tuple[str, ...]:
        """The names of the ``for_all`` variables, in order."""
        return tuple(name for name, _ in self.for_all)

    def line_of(self, key: str) -> int | None:
        """The line of ``key`` in the file (the claim's own line when unknown).

        >>> c = Claim("c", "1 == 1", location=Location("f.toml", 3), lines=(("then", 5),))
        >>> c.line_of("then")
        5
        """
        for k, line in self.lines:
            if k == key:
                return line
        return self.location.line

    def error(self, err: InputError, key: str | None = None) -> Verdict:
        """An ``error`` verdict for this claim from an input error found at ``key``.

        >>> c = Claim("c", "x", location=Location("f.toml", 3))
        >>> c.error(InputError("expected a known name", got="'x'"), "then").detail
        "f.toml:3: claim 'c': then: expected a known name, got 'x'"
        """
        line = self.line_of(key) if key else self.location.line
        where = f"claim '{self.id}'" + (f": {key}" if key else "")
        inner = ", ".join(p for p in (err.where, err.context) if p)  # e.g. a structure file
        context = f"{where}, {inner}" if inner else where
        located = InputError(err.expected, got=err.got, file=self.location.file, line=line,
                             context=context)
        located.suggestion = err.suggestion
        located.args = (located._render(),)
        return Verdict(self.id, Outcome.ERROR, method="reader", statement=self.statement,
                       detail=str(located), location=Location(self.location.file, line),
                       expect=self.expect)


@dataclass(frozen=True, slots=True)
class ClaimFile:
    """A read claim file: its claims (valid ones) and the error verdicts of invalid ones."""

    path: str
    source: Source
    claims: tuple[Claim, ...]
    errors: tuple[Verdict, ...] = ()


# -- validation -----------------------------------------------------------------------------------
def _text(value: Any, key: str, *, required: bool = False) -> str:
    if value is None:
        if required:
            raise InputError(f"expected a key '{key}'", got="none")
        return ""
    if not isinstance(value, str):
        raise InputError(f"expected {key} to be a string", got=_type_name(value))
    return value


def _type_name(value: Any) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string",
             list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)


def _table(value: Any, key: str) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        raise InputError(f"expected {key} to be a table of name = \"text\"", got=_type_name(value))
    out = []
    for name, text in value.items():
        if not _IDENT.match(str(name)):
            raise InputError(f"expected {key} names to be identifiers", got=repr(name))
        if not isinstance(text, str):
            raise InputError(f"expected {key}.{name} to be a string", got=_type_name(text))
        out.append((str(name), text))
    return tuple(out)


def _validate(data: Mapping[str, Any], *, id_fallback: str) -> dict[str, Any]:
    """Check one claim table; return the fields for :class:`Claim`. Raises InputError with
    ``context`` set to the offending key."""
    for k in data:
        if k not in CLAIM_KEYS:
            raise InputError("expected a claim key (" + ", ".join(CLAIM_KEYS) + ")",
                             got=repr(k), context=str(k), choices=CLAIM_KEYS)
    cid = data.get("id")
    if cid is None:
        raise InputError("expected a key 'id'", got="none", context="id")
    if not isinstance(cid, str) or not _ID.match(cid):
        raise InputError("expected id to be letters, digits and - _ . : [ ] (at most 128)",
                         got=repr(cid), context="id")
    fields: dict[str, Any] = {"id": cid}
    for key in ("then",):
        try:
            text = _text(data.get(key), key, required=True)
        except InputError as err:
            raise InputError(err.expected, got=err.got, context=key) from None
        if not text.strip():
            raise InputError(f"expected a non-empty {key}", got="an empty string", context=key)
        fields[key] = text
    for key in ("statement", "where"):
        try:
            fields[key] = _text(data.get(key), key)
        except InputError as err:
            raise InputError(err.expected, got=err.got, context=key) from None
    for key in ("for_all", "given", "exists"):
        try:
            fields[key] = _table(data.get(key), key)
        except InputError as err:
            raise InputError(err.expected, got=err.got, context=key) from None
    if "for_all" in fields and "given" in fields:
        clash = {n for n, _ in fields["for_all"]} & {n for n, _ in fields["given"]}
        if clash:
            raise InputError("expected given names distinct from for_all names",
                             got=repr(sorted(clash)[0]), context="given")
    outer = {n for n, _ in fields["for_all"]} | {n for n, _ in fields["given"]}
    clash = outer & {n for n, _ in fields["exists"]}
    if clash:
        raise InputError("expected exists names distinct from for_all and given names",
                         got=repr(sorted(clash)[0]), context="exists")
    assuming = data.get("assuming")
    if assuming is None:
        fields["assuming"] = ()
    elif isinstance(assuming, str):
        fields["assuming"] = (assuming,)
    elif isinstance(assuming, list) and all(isinstance(a, str) for a in assuming):
        fields["assuming"] = tuple(assuming)
    else:
        raise InputError("expected assuming to be a string or a list of strings",
                         got=_type_name(assuming), context="assuming")
    expect = data.get("expect")
    if expect is not None and (not isinstance(expect, str) or expect not in EXPECTATIONS):
        raise InputError("expected expect to be one of " + ", ".join(sorted(EXPECTATIONS)),
                         got=repr(expect), context="expect", choices=EXPECTATIONS)
    fields["expect"] = expect
    tol = data.get("tolerance")
    if tol is not None:
        try:
            if isinstance(tol, bool) or not isinstance(tol, str | int | float):
                raise InputError("")
            value = read_decimal(repr(tol) if isinstance(tol, float) else str(tol))
            if value < 0:
                raise InputError("")
        except InputError as err:
            expected = err.expected if "digits" in err.expected else \
                "expected tolerance to be a non-negative number such as \"1e-9\""
            raise InputError(expected, got=repr(tol)[:60], context="tolerance") from None
        fields["tolerance"] = str(tol)
    return fields


def claim(
    id: str,  # noqa: A002 - the claim-file key
    then: str,
    *,
    for_all: Mapping[str, str] | None = None,
    exists: Mapping[str, str] | None = None,
    assuming: str | Sequence[str] | None = None,
    given: Mapping[str, str] | None = None,
    statement: str = "",
    where: str = "",
    expect: str | None = None,
    tolerance: str | None = None,
) -> Claim:
    """State a claim in Python, validated exactly like a claim-file table.

    >>> claim("x-squared", then="x ** 2 >= 0", for_all={"x": "Real"}).then
    'x ** 2 >= 0'
    """
    data: dict[str, Any] = {"id": id, "then": then, "statement": statement, "where": where}
    if for_all is not None:
        data["for_all"] = dict(for_all)
    if exists is not None:
        data["exists"] = dict(exists)
    if assuming is not None:
        data["assuming"] = assuming if isinstance(assuming, str) else list(assuming)
    if given is not None:
        data["given"] = dict(given)
    if expect is not None:
        data["expect"] = expect
    if tolerance is not None:
        data["tolerance"] = tolerance
    try:
        fields = _validate(data, id_fallback=str(id))
    except InputError as err:
        ctx = f"claim '{id}'" + (f": {err.context}" if err.context else "")
        out = InputError(err.expected, got=err.got, file="<python>", context=ctx)
        out.suggestion = err.suggestion
        out.args = (out._render(),)
        raise out from None
    return Claim(**fields)


# -- the file reader ------------------------------------------------------------------------------
def _lines_outside_strings(text: str) -> Iterator[tuple[int, str]]:
    r"""``(n, line)`` for each line that starts outside a multi-line string, in one pass.

    Lines are split on ``\n`` only, as TOML counts them; three quotes inside an
    ordinary string or a comment open nothing.

    >>> q3, a3 = '"' * 3, "'" * 3
    >>> text = f'a = "it{a3}s"\nb = {q3}x\ny{q3}\nc = 1'
    >>> [n for n, _ in _lines_outside_strings(text)]
    [1, 2, 4]
    """
    state: str | None = None
    for n, raw in enumerate(text.split("\n"), start=1):
        line = raw[:-1] if raw.endswith("\r") else raw
        if state is None:
            yield n, line
        i, size = 0, len(line)
        while i < size:
            if state is not None:
                j = line.find(state, i)
                while j > 0 and state == '"""' and _escaped(line, j):
                    j = line.find(state, j + 1)
                if j < 0:
                    break
                i, state = j + 3, None
                while i < size and line[i] == line[i - 1]:  # """" closes with a quote inside
                    i += 1
                continue
            ch = line[i]
            if ch == "#":
                break
            if line.startswith(('"""', "'''"), i):
                state, i = line[i:i + 3], i + 3
                continue
            if ch in "\"'":
                j = line.find(ch, i + 1)
                while j > 0 and ch == '"' and _escaped(line, j):
                    j = line.find(ch, j + 1)
                i = size if j < 0 else j + 1
                continue
            i += 1


def _escaped(line: str, j: int) -> bool:
    k = j
    while k > 0 and line[k - 1] == "\\":
        k -= 1
    return (j - k) % 2 == 1


def _locate(text: str) -> tuple[list[tuple[int, dict[str, int]]], dict[str, int]]:
    """For each ``[[claim]]`` header: its line and the lines of the keys below it; and the
    first line of every top-level key or table name (one pass over the file)."""
    out: list[tuple[int, dict[str, int]]] = []
    top: dict[str, int] = {}
    current: dict[str, int] | None = None
    prefix: str | None = ""  # where keys outside [[claim]] go in ``top`` (None: nowhere)
    for n, line in _lines_outside_strings(text):
        if _HEADER.match(line):
            current = {}
            out.append((n, current))
            top.setdefault("claim", n)
            continue
        if _TABLE.match(line):
            current = None
            m = re.match(r"^\s*\[+\s*([^\]\s.]+)", line)
            name = m.group(1).strip("\"'") if m else None
            if name:
                top.setdefault(name, n)
            prefix = f"{name}." if name == "source" else None
            continue
        m = _KEY.match(line)
        if m:
            key = m.group(1).strip("\"'")
            if current is not None:
                current.setdefault(key, n)
            elif prefix is not None:
                top.setdefault(prefix + key, n)
    return out, top


def _inline_ids(text: str, start: int | None) -> dict[str, int]:
    """The line of each ``id = "…"`` at or after ``start`` (claims in an inline array)."""
    out: dict[str, int] = {}
    if start is None:
        return out
    for n, line in _lines_outside_strings(text):
        if n >= start:
            for m in _INLINE_ID.finditer(line):
                out.setdefault(m.group(1) or m.group(2), n)
    return out


def read_claim_file(path: str | Path, *, root: str | Path | None = None) -> ClaimFile:
    """Read and validate a claim file.

    Raises :class:`InputError` (with the line) when the file is unreadable: missing, a
    symlink leading out of the project root, not a regular file, larger than
    :data:`~coherence.algebra.limits.MAX_FILE_BYTES`, not UTF-8, not TOML, or without any
    ``[[claim]]``. Invalid claims become error verdicts.
    ``root`` is an explicit project root for the structure files the claims name.

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> p = os.path.join(d, "a.claims.toml")
    >>> _ = open(p, "w").write('[[claim]]\\nid = "ok"\\nthen = "1 + 1 == 2"\\n\\n'
    ...                        '[[claim]]\\nid = "bad"\\nthen = "x > 0"\\nexpekt = "proved"\\n')
    >>> cf = read_claim_file(p)
    >>> [c.id for c in cf.claims], cf.claims[0].location.line
    (['ok'], 1)
    >>> print(cf.errors[0].detail.replace(d, "DIR"))
    DIR/a.claims.toml:8: claim 'bad': expekt: expected a claim key (id, then, ...),
    got 'expekt' (did you mean 'expect'?)
    """
    file = str(path)
    try:  # a committed symlink must not lead out of the project (its keys would be echoed)
        where = os.path.dirname(os.path.abspath(file))
        real = confine(os.path.basename(file), base=where,
                       root=root if root is not None else project_root(file))
        raw = read_bounded(real, what="claim file")
    except InputError as err:
        raise InputError(err.expected, got=err.got, file=file) from None
    text = decode(raw, file)
    data = load_toml(text, file)
    located, top = _locate(text)
    root = None if root is None else str(Path(root).resolve())

    claims_data = data.get("claim")
    if claims_data is None:
        raise InputError("expected at least one [[claim]] table", got="none", file=file, line=1)
    if not isinstance(claims_data, list) or not all(isinstance(c, dict) for c in claims_data):
        raise InputError("expected claim to be an array of tables ([[claim]])",
                         got=_type_name(claims_data), file=file, line=top.get("claim"))
    errors: list[Verdict] = []
    for key in data:
        if key not in ("source", "claim"):
            err = InputError("expected a top-level key source or claim", got=repr(key),
                             file=file, line=top.get(key), choices=("source", "claim"))
            errors.append(Verdict(f"<{key}>", Outcome.ERROR, method="reader", detail=str(err),
                                  location=Location(file, err.line)))
    source = Source()
    src = data.get("source", {})
    if not isinstance(src, dict):
        err = InputError("expected [source] to be a table", got=_type_name(src), file=file,
                         line=top.get("source"))
        errors.append(Verdict("<source>", Outcome.ERROR, method="reader", detail=str(err),
                              location=Location(file, err.line)))
    else:
        bad = [k for k in src if k not in SOURCE_KEYS or not isinstance(src[k], str)]
        if bad:
            k = bad[0]
            what = ("a source key (title, ref, url)" if k not in SOURCE_KEYS
                    else f"{k} to be a string")
            err = InputError(f"expected {what}", got=repr(k) if k not in SOURCE_KEYS
                             else _type_name(src[k]), file=file,
                             line=top.get(f"source.{k}") or top.get("source"),
                             choices=SOURCE_KEYS if k not in SOURCE_KEYS else ())
            errors.append(Verdict("<source>", Outcome.ERROR, method="reader", detail=str(err),
                                  location=Location(file, err.line)))
        source = Source(**{k: v for k, v in src.items() if k in SOURCE_KEYS and isinstance(v, str)})

    claims: list[Claim] = []
    seen: dict[str, int] = {}
    inline: dict[str, int] | None = None
    for k, table in enumerate(claims_data):
        header, keylines = located[k] if k < len(located) else (None, {})
        cid = table.get("id") if isinstance(table.get("id"), str) else f"claim#{k + 1}"
        if header is None:  # claim = [{…}, …]: an inline array has no [[claim]] header
            if inline is None:
                inline = _inline_ids(text, top.get("claim"))
            header = inline.get(str(table.get("id")), top.get("claim"))
        loc = Location(file, header)
        lines = tuple(sorted(keylines.items(), key=lambda kv: kv[1]))
        expect = table.get("expect")
        stub = Claim(cid, "", location=loc, lines=lines,
                     expect=expect if isinstance(expect, str) and expect in EXPECTATIONS else None)
        try:
            fields = _validate(table, id_fallback=cid)
        except InputError as err:
            key = err.context
            bare = InputError(err.expected, got=err.got, choices=())
            bare.suggestion = err.suggestion
            errors.append(stub.error(bare, key))
            continue
        if cid in seen:
            errors.append(stub.error(
                InputError(f"expected a unique id (first used on line {seen[cid]})",
                           got=repr(cid)), "id"))
            continue
        seen[cid] = header or 0
        claims.append(Claim(**fields, location=loc, lines=lines, root=root))
    errors.sort(key=lambda v: (v.location.line or 0) if v.location else 0)
    return ClaimFile(file, source, tuple(claims), tuple(errors))


# -- the vocabulary reference ---------------------------------------------------------------------
def vocabulary_table(area: str | None = None) -> str:
    """The Markdown table of registered vocabulary names (of one area), as in docs/claims.md.

    >>> print(vocabulary_table("core").splitlines()[0])
    | name | kind | signature | meaning |
    """
    from coherence.checks import vocabulary

    rows = ["| name | kind | signature | meaning |", "|---|---|---|---|"]
    for e in vocabulary.entries():
        if area is None or e.area == area:
            doc = e.doc.replace("|", "\\|").replace("\n", " ")
            rows.append(f"| `{e.name}` | {e.kind} | `{e.signature}` | {doc} |")
    return "\n".join(rows)


_AREA_TITLES = {
    "core": "numbers, vectors, matrices, analysis, logic",
    "hopf": "finite-dimensional Hopf algebras",
}


def vocabulary_markdown() -> str:
    """Every area's table, as the Vocabulary section of docs/claims.md holds it.

    Regenerate that section with ``python -c "from coherence.checks.claims import
    vocabulary_markdown; print(vocabulary_markdown())"``.

    >>> vocabulary_markdown().startswith("### core")
    True
    """
    from coherence.checks import vocabulary

    by_area: dict[str, list[str]] = {}
    for e in vocabulary.entries():
        module = getattr(e.impl, "__module__", "") or ""
        by_area.setdefault(e.area, [])
        name = module.rsplit(".", 1)[-1]
        if name.startswith("vocab_") and f"checks/{name}.py" not in by_area[e.area]:
            by_area[e.area].append(f"checks/{name}.py")
    parts = []
    for area in sorted(by_area, key=lambda a: (a != "core", a)):
        title = _AREA_TITLES.get(area, "")
        files = ", ".join(by_area[area])
        head = f"### {area}" + (f": {title}" if title else "") + (f" ({files})" if files else "")
        parts.append(f"{head}\n\n{vocabulary_table(area)}\n")
    return "\n".join(parts)
