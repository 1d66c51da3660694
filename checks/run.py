"""Running claim files: expand paths, read every file, decide every claim, compute the exit code.

:func:`check_paths` is what ``coherence check`` does, as a function that returns values:
the verdicts in file order (claims that could not be read are ``error`` verdicts in their
place), the files that could not be read at all, and the exit code — 0 when every verdict
matches its ``expect``, 1 when one does not, 2 when a file (or a path) is unreadable.

With ``jobs > 1`` claims are decided in a process pool; the verdicts, and so every
report, are the same as a serial run (times aside): each claim is decided on its own
with the same seed.

Examples
--------
>>> import tempfile, os
>>> d = tempfile.mkdtemp()
>>> _ = open(os.path.join(d, "t.claims.toml"), "w").write(
...     '[[claim]]\\nid = "one"\\nthen = "1 + 1 == 2"\\nexpect = "proved"\\n')
>>> r = check_paths([d])
>>> [(v.id, v.outcome.value) for v in r.verdicts], r.exit_code
([('one', 'proved')], 0)
>>> check_paths([os.path.join(d, "missing.claims.toml")]).exit_code
2
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from coherence.algebra.errors import InputError
from coherence.checks.claims import Claim, ClaimFile, read_claim_file
from coherence.checks.verdict import Location, Outcome, Verdict

PATTERN = "*.claims.toml"


@dataclass(frozen=True, slots=True)
class RunResult:
    """The outcome of a run: verdicts in file order, unreadable inputs, the exit code.

    >>> RunResult((), (), 0).exit_code
    0
    """

    verdicts: tuple[Verdict, ...]
    unreadable: tuple[InputError, ...]
    exit_code: int
    files: tuple[str, ...] = ()

    @property
    def mismatches(self) -> tuple[Verdict, ...]:
        """Verdicts that do not match their ``expect``."""
        return tuple(v for v in self.verdicts if not v.matches())

    @property
    def failed(self) -> tuple[Verdict, ...]:
        """What made the run fail: unreadable inputs (as ``error`` verdicts), then mismatches.

        >>> RunResult((Verdict("a", Outcome.REFUTED, expect="proved"),), (), 1).failed[0].id
        'a'
        """
        return (*unreadable_verdicts(self), *self.mismatches)

    def __iter__(self) -> Iterator[Verdict]:
        """The verdicts, in file order."""
        return iter(self.verdicts)

    def __len__(self) -> int:
        return len(self.verdicts)

    def to_json(self) -> str:
        """The JSON report (the document ``coherence check --format json`` writes)."""
        from coherence.checks.render import render

        return render([*unreadable_verdicts(self), *self.verdicts], "json")

    def __str__(self) -> str:
        from coherence.checks.render import render_text

        return render_text(self.verdicts, exit_code=self.exit_code, unreadable=self.unreadable)

    def _repr_markdown_(self) -> str:
        from coherence.checks.render import render

        return render([*unreadable_verdicts(self), *self.verdicts], "markdown",
                      title=", ".join(self.files) or "coherence")

    def _repr_html_(self) -> str:
        from coherence.checks.report_html import fragment

        return fragment([*unreadable_verdicts(self), *self.verdicts])


def expand(paths: Iterable[str | Path]) -> tuple[list[str], list[InputError]]:
    """Files to read (folders searched for ``*.claims.toml``, sorted), and bad paths.

    >>> expand(["/nonexistent/x.claims.toml"])[1][0].expected
    'expected a claim file or a folder of *.claims.toml files'
    """
    files: list[str] = []
    bad: list[InputError] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(str(f) for f in p.rglob(PATTERN) if f.is_file())
            if not found:
                bad.append(InputError(f"expected {PATTERN} files in the folder", got="none",
                                      file=str(p)))
            files.extend(found)
        elif p.is_file():
            files.append(str(p))
        else:
            bad.append(InputError("expected a claim file or a folder of *.claims.toml files",
                                  got="no such file or folder", file=str(p)))
    seen: set[str] = set()
    unique = [f for f in files if not (f in seen or seen.add(f))]  # type: ignore[func-returns-value]
    return unique, bad


def _ordered(cf: ClaimFile, only: set[str] | None) -> list[Claim | Verdict]:
    items: list[tuple[int, int, Claim | Verdict]] = []
    for k, c in enumerate(cf.claims):
        if only is None or c.id in only:
            items.append((c.location.line or 0, k, c))
    for k, v in enumerate(cf.errors):
        if only is None or v.id in only:
            line = v.location.line if v.location and v.location.line else 0
            items.append((line, len(cf.claims) + k, v))
    items.sort(key=lambda t: (t[0], t[1]))
    return [x for _, _, x in items]


def in_shard(claim_id: str, shard: tuple[int, int] | None) -> bool:
    """Whether a claim belongs to shard ``K/N`` (1 ≤ K ≤ N): a stable split by claim id.

    The split hashes the id alone (SHA-256), so it is the same on every machine, for
    every Python, whatever the files' order or paths; the N shards partition the claims.

    >>> [in_shard("antipode-left", (k, 3)) for k in (1, 2, 3)].count(True)
    1
    >>> in_shard("anything", None)
    True
    """
    if shard is None:
        return True
    k, n = shard
    digest = hashlib.sha256(claim_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % n == k - 1


def parse_shard(text: str) -> tuple[int, int]:
    """``"K/N"`` → ``(K, N)`` with 1 ≤ K ≤ N.

    >>> parse_shard("2/4")
    (2, 4)
    >>> parse_shard("5/4")
    Traceback (most recent call last):
    ...
    coherence.algebra.errors.InputError: expected --shard K/N with 1 ≤ K ≤ N (e.g. 1/4), got '5/4'
    """
    k, sep, n = text.partition("/")
    if sep and k.strip().isdigit() and n.strip().isdigit() and 1 <= int(k) <= int(n):
        return int(k), int(n)
    raise InputError("expected --shard K/N with 1 ≤ K ≤ N (e.g. 1/4)", got=repr(text))
def select(patterns: Iterable[str], known: Iterable[str]) -> tuple[set[str], list[str]]:
    """The ids that ``--only`` patterns select, and the patterns that select nothing.

    A pattern equal to an id selects that id alone (so ``--only 'sym[1]'`` from a
    reproduce command means the claim ``sym[1]``); any other pattern is a glob
    (``fnmatch``: ``*``, ``?``, ``[…]``).

    >>> chosen, empty = select(["attention-*", "sym[1]", "nope"],
    ...                        ["attention-linear", "sym[1]", "sym1"])
    >>> sorted(chosen), empty
    (['attention-linear', 'sym[1]'], ['nope'])
    """
    from fnmatch import fnmatchcase

    known = list(known)
    chosen: set[str] = set()
    empty: list[str] = []
    for pattern in patterns:
        hits = [pattern] if pattern in known else [k for k in known if fnmatchcase(k, pattern)]
        chosen.update(hits)
        if not hits:
            empty.append(pattern)
    return chosen, empty


@dataclass(frozen=True, slots=True)
class Collected:
    """What a run would decide: claims (and reader errors) in file order, unreadable inputs.

    >>> Collected((), (), ()).items
    ()
    """

    items: tuple[Claim | Verdict, ...]
    unreadable: tuple[InputError, ...]
    files: tuple[str, ...]


def collect(paths: Sequence[str | Path], *, only: Iterable[str] | None = None,
            root: str | Path | None = None) -> Collected:
    """Read every claim file under ``paths`` without deciding anything (``--list``).

    ``only`` keeps the claims its patterns select (see :func:`select`); a pattern that
    selects nothing is unreadable input, with a did-you-mean.

    >>> collect(["/nonexistent"]).unreadable[0].got
    'no such file or folder'
    """
    files, unreadable = expand(paths)
    read: list[ClaimFile] = []
    for f in files:
        try:
            read.append(read_claim_file(f, root=root))
        except InputError as err:
            unreadable.append(err)
    wanted: set[str] | None = None
    if only:
        known = sorted({c.id for cf in read for c in cf.claims}
                       | {v.id for cf in read for v in cf.errors})
        wanted, empty = select(only, known)
        for name in empty:
            unreadable.append(InputError("expected the id (or a glob) of a claim in the files",
                                         got=repr(name), choices=known))
    items: list[Claim | Verdict] = []
    for cf in read:
        items.extend(_ordered(cf, wanted))
    return Collected(tuple(items), tuple(unreadable), tuple(files))


def _decide_one(args: tuple[Claim, int, float]) -> Verdict:
    from coherence.checks.decide import decide

    c, seed, timeout = args
    return with_context(decide(c, seed=seed, timeout=timeout), c)


def with_context(verdict: Verdict, claim: Claim) -> Verdict:
    """The verdict with what the reports show about its claim: where in the paper, the
    vocabulary areas it uses, and the claim as written.

    >>> from coherence.checks.claims import Claim
    >>> c = Claim("c", "compose(S, S) == id", where="§2",
    ...           given=(("H", "structure('sweedler')"),))
    >>> v = with_context(Verdict("c", Outcome.PROVED), c)
    >>> v.where, v.area
    ('§2', 'hopf')
    >>> print(v.source)
    id = "c"
    where = "§2"
    given = { H = "structure('sweedler')" }
    then = "compose(S, S) == id"
    """
    return verdict.with_(where=claim.where, area=area_of(claim), source=as_written(claim))


def area_of(claim: Claim) -> str:
    """The vocabulary areas a claim's expressions name (``core`` when only core names).

    Names are looked up in the vocabulary registry; the text is scanned for words, never
    evaluated.

    >>> from coherence.checks.claims import Claim
    >>> area_of(Claim("c", "det(A) == 1", for_all=(("A", "Matrix(2, 2)"),)))
    'core'
    """
    import re

    from coherence.checks import vocabulary

    vocabulary.load_all()
    areas = {e.name: e.area for e in vocabulary.entries()}
    texts = [claim.then, *claim.assuming, *(t for _, t in claim.for_all),
             *(t for _, t in claim.given)]
    found = {areas[w] for t in texts for w in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", t)
             if w in areas}
    found.discard("core")
    return ", ".join(sorted(found)) or "core"


def as_written(claim: Claim) -> str:
    """The claim's keys as TOML lines (``id``, ``where``, ``statement``, the quantifiers,
    ``then``, ``expect``), for reports that show the claim as written."""
    def q(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    def table(pairs: tuple[tuple[str, str], ...]) -> str:
        return "{ " + ", ".join(f"{k} = {q(v)}" for k, v in pairs) + " }"

    lines = [f"id = {q(claim.id)}"]
    if claim.where:
        lines.append(f"where = {q(claim.where)}")
    if claim.statement:
        lines.append(f"statement = {q(claim.statement)}")
    if claim.for_all:
        lines.append(f"for_all = {table(claim.for_all)}")
    if claim.given:
        lines.append(f"given = {table(claim.given)}")
    if claim.assuming:
        text = q(claim.assuming[0]) if len(claim.assuming) == 1 else \
            "[" + ", ".join(q(a) for a in claim.assuming) + "]"
        lines.append(f"assuming = {text}")
    lines.append(f"then = {q(claim.then)}")
    if claim.expect:
        lines.append(f"expect = {q(claim.expect)}")
    if claim.tolerance:
        lines.append(f"tolerance = {q(claim.tolerance)}")
    return "\n".join(lines)


def check_paths(
    paths: Sequence[str | Path],
    *,
    seed: int = 0,
    timeout: float = 10.0,
    jobs: int = 1,
    only: Iterable[str] | None = None,
    progress: Callable[[Verdict, int, int], None] | None = None,
    exitfirst: bool = False,
    root: str | Path | None = None,
    shard: tuple[int, int] | None = None,
) -> RunResult:
    """Read and decide every claim under ``paths``; see the module docstring.

    ``only`` keeps the claims its patterns select (:func:`select`).
    ``progress(verdict, done, total)`` is called after each claim. With ``exitfirst``
    the run stops at the first verdict that misses its ``expect`` (``-x``); the claims
    not decided by then are left out of the result. ``root`` is an explicit project root
    for the structure files the claims name (default: the nearest folder above each
    claim file with pyproject.toml or .git). ``shard=(K, N)`` keeps only the claims of
    shard K of N (:func:`in_shard`); the reports of the N shards merge into the whole
    run's (``coherence merge``).
    """
    collected = collect(paths, only=only, root=root)
    unreadable = list(collected.unreadable)
    items = [x for x in collected.items if in_shard(x.id, shard)]
    files = collected.files
    claims = [x for x in items if isinstance(x, Claim)]
    total = len(items)
    decided: dict[int, Verdict] = {}
    done = 0
    stop = False

    def report(v: Verdict) -> None:
        nonlocal done, stop
        done += 1
        stop = stop or (exitfirst and not v.matches())
        if progress is not None:
            progress(v, done, total)

    for k, x in enumerate(items):
        if isinstance(x, Verdict) and not stop:
            decided[k] = x
            report(x)
    positions = [k for k, x in enumerate(items) if isinstance(x, Claim)]
    work = [(c, seed, timeout) for c in claims]
    if stop:
        work = []
    if jobs > 1 and len(work) > 1:
        import multiprocessing

        ctx = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        with ProcessPoolExecutor(max_workers=min(jobs, len(work)), mp_context=ctx) as pool:
            for k, v in zip(positions, pool.map(_decide_one, work), strict=True):
                decided[k] = v
                report(v)
                if stop:
                    pool.shutdown(wait=False, cancel_futures=True)
                    break
    else:
        for k, w in zip(positions, work, strict=False):
            decided[k] = _decide_one(w)
            report(decided[k])
            if stop:
                break
    verdicts = tuple(decided[k] for k in range(len(items)) if k in decided)
    if unreadable:
        code = 2
    elif any(not v.matches() for v in verdicts):
        code = 1
    else:
        code = 0
    return RunResult(verdicts, tuple(unreadable), code, tuple(files))


def unreadable_verdicts(result: RunResult) -> tuple[Verdict, ...]:
    """Error verdicts standing for the unreadable inputs (for reports).

    >>> e = InputError("expected valid TOML", got="x", file="a.claims.toml", line=3)
    >>> unreadable_verdicts(RunResult((), (e,), 2))[0].location
    Location(file='a.claims.toml', line=3)
    """
    out = []
    for err in result.unreadable:
        out.append(Verdict(err.file or "<input>", Outcome.ERROR, method="reader", detail=str(err),
                           location=Location(err.file, err.line) if err.file else None))
    return tuple(out)


def check(*paths: str | Path, seed: int = 0, timeout: float = 10.0, jobs: int = 1,
          only: Iterable[str] | None = None) -> RunResult:
    """Decide every claim in the claim files (or folders) ``paths``: ``coherence.check``.

    The report it returns is iterable (the verdicts, in file order), has ``.failed``
    (what did not meet its ``expect``, and unreadable inputs), ``.exit_code``,
    ``.to_json()``, and displays itself in Jupyter (HTML and Markdown).

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> _ = open(os.path.join(d, "p.claims.toml"), "w").write(
    ...     '[[claim]]\\nid = "sq"\\nfor_all = { x = "Real" }\\nthen = "x**2 >= x"\\n')
    >>> report = check(d)
    >>> [(v.id, v.outcome.value) for v in report], [v.id for v in report.failed]
    ([('sq', 'refuted')], ['sq'])
    >>> report.failed[0].witness_text
    'x = 1/2'
    """
    return check_paths(list(paths), seed=seed, timeout=timeout, jobs=jobs, only=only)

