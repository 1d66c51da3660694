"""Running claim files: expand paths, read every file, decide every claim, compute the exit code.

:func:`check_paths` is what ``coherence check`` does, as a function that returns values:
the verdicts in file order (claims that could not be read are ``error`` verdicts in their
place), the files that could not be read at all, and the exit code — 0 when every verdict
matches its ``expect``, 1 when one does not, 2 when a file (or a path) is unreadable.

Every claim is decided in a supervised child process (forked after the heavy imports,
so it starts warm), serially or ``jobs`` at a time; the verdicts, and so every report,
are the same either way (times aside): each claim is decided on its own with the same
seed. The child runs under a memory limit (``RLIMIT_AS``, :data:`MEMORY`) and dies with
its parent (SIGTERM or SIGINT leave no orphan). What can go wrong inside one claim stays
inside it, and the run and its report survive:

- a native crash (a signal, ``abort()`` in GMP or FLINT) is an ``error`` verdict;
- running out of memory is ``unknown … stopped by the memory limit of M``;
- a computation that the in-process hard stop cannot interrupt (one long GMP power,
  say) is ended :data:`KILL_GRACE` seconds after it: ``unknown … stopped by the
  --timeout``.

``jobs`` is capped at the number of CPUs (:func:`cap_jobs`).

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
import pickle
import select as _select
import signal
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coherence.algebra.errors import InputError
from coherence.checks.claims import Claim, ClaimFile, read_claim_file
from coherence.checks.verdict import DEFAULT_TIMEOUT, Location, Outcome, Verdict

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


#: The default memory limit of one claim's process, in bytes (``--memory``).
MEMORY = 2 * 1024**3
#: Seconds after the in-process hard stop (``timeout`` + ``HARD_STOP_GRACE``) at which a
#: claim's process that is still busy is killed.
KILL_GRACE = 0.4


def memory_text(limit: int) -> str:
    """A memory size as users write it.

    >>> memory_text(2 * 1024**3), memory_text(512 * 1024**2)
    ('2 GB', '512 MB')
    """
    if limit % 1024**3 == 0:
        return f"{limit // 1024**3} GB"
    return f"{limit / 1024**2:g} MB"


def parse_memory(text: str) -> int:
    """``--memory`` as bytes: ``2G``, ``2GB``, ``512M``, ``1.5 GB``.

    >>> parse_memory("2G") == 2 * 1024**3, parse_memory("512 MB") == 512 * 1024**2
    (True, True)
    >>> parse_memory("lots")
    Traceback (most recent call last):
    ...
    coherence.algebra.errors.InputError: expected a memory size such as 2G or 512M, got 'lots'
    """
    t = str(text).strip().upper().replace(" ", "").removesuffix("B")
    scale = {"K": 1024, "M": 1024**2, "G": 1024**3}.get(t[-1:], None)
    try:
        value = float(t[:-1] if scale else t) * (scale or 1024**2)
    except ValueError:
        value = float("nan")
    if not value == value or not 64 * 1024**2 <= value <= 1024**4:
        raise InputError("expected a memory size such as 2G or 512M", got=repr(text))
    return int(value)


def cap_jobs(jobs: int) -> tuple[int, str | None]:
    """``jobs`` capped at the number of CPUs this process may use, and a note if capped.

    >>> cap_jobs(1)
    (1, None)
    >>> n, note = cap_jobs(10_000); n == _cpus() and note.startswith("--jobs 10000")
    True
    """
    cpus = _cpus()
    if jobs <= cpus:
        return jobs, None
    return cpus, f"--jobs {jobs} capped at {cpus}, the number of CPUs"


def _cpus() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _warm() -> None:
    """Import what every claim needs once, here, so that each forked child starts warm
    (a child that imported SymPy, Z3 and Hypothesis itself would pay ~1 s per claim)."""
    import importlib

    from coherence.checks import vocabulary

    vocabulary.load_all()
    for name in ("coherence.checks.decide", "coherence.checks.z3_encode",
                 "coherence.counterexamples.search", "z3", "sympy", "hypothesis"):
        try:
            importlib.import_module(name)
        except ImportError:  # pragma: no cover - an optional backend
            pass


def _limit_memory(limit: int) -> None:
    import resource

    from coherence.checks import decide as D

    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        soft = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    except (ValueError, OSError):
        return
    D.MEMORY_LIMIT.set(memory_text(limit))


@dataclass(frozen=True, slots=True)
class Ending:
    """How one supervised task ended: ``value`` (it returned ``value``), ``killed`` (still
    busy at its time limit), ``memory`` (MemoryError under the memory limit) or ``crash``
    (a signal, an abort, an exception; ``text`` says which).

    >>> Ending("crash", text="killed by SIGABRT").kind
    'crash'
    """

    kind: str
    value: Any = None
    text: str = ""


def _child_main(write_fd: int, task: Callable[[], Any], memory: int) -> None:
    """In the forked child: run the task, send its pickled value, exit without cleanup."""
    import faulthandler

    from coherence.counterexamples.z3_search import _die_with_parent

    code = 0
    try:
        faulthandler.disable()  # a crash here is reported as the task's error, quietly
        _die_with_parent()
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _limit_memory(memory)
        value = task()
        try:
            data = pickle.dumps(("value", value))
        except Exception:  # noqa: BLE001 - live witness objects: the text is enough
            data = pickle.dumps(("value", _without_live_values(value)))
    except MemoryError:
        data = pickle.dumps(("memory", ""))
    except BaseException as exc:  # noqa: BLE001 - reported as the task's error
        data = pickle.dumps(("crash", f"{type(exc).__name__}: {exc}"[:300]))
    try:
        with os.fdopen(write_fd, "wb") as out:
            out.write(data)
    except BaseException:  # noqa: BLE001 - the parent sees an empty pipe
        code = 1
    os._exit(code)


def _without_live_values(value: Any) -> Any:
    if isinstance(value, Verdict):
        return value.with_(witness_values=None)
    if isinstance(value, list | tuple):
        return type(value)(_without_live_values(v) for v in value)
    return value


@dataclass
class _Child:
    pid: int
    fd: int
    index: int
    kill_at: float
    data: bytearray
    killed: bool = False


def _spawn(index: int, task: Callable[[], Any], limit: float, memory: int) -> _Child:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child (coverage does not follow it)
        os.close(read_fd)
        _child_main(write_fd, task, memory)
    os.close(write_fd)
    return _Child(pid, read_fd, index, time.monotonic() + limit, bytearray())


def _reap(child: _Child) -> Ending:
    _, status = os.waitpid(child.pid, 0)
    os.close(child.fd)
    message: tuple[str, Any] | None = None
    if child.data:
        try:
            message = pickle.loads(bytes(child.data))
        except Exception:  # noqa: BLE001 - a truncated message: the child died writing
            message = None
    if message is not None and message[0] == "value":
        return Ending("value", message[1])
    if child.killed:
        return Ending("killed")
    if message is not None and message[0] == "memory":
        return Ending("memory")
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = f"signal {sig}"
        return Ending("crash", text=f"the process was killed by {name}")
    return Ending("crash", text=str(message[1]) if message is not None
                  else f"the process exited with status {os.WEXITSTATUS(status)}")


def supervise(tasks: Sequence[Callable[[], Any]], *, limit: float, jobs: int = 1,
              memory: int = MEMORY,
              done: Callable[[int, Ending], None] | None = None) -> list[Ending]:
    """Run each task in its own supervised child, ``jobs`` at a time, each killed after
    ``limit`` seconds; see the module docstring. ``done(index, ending)`` is called as
    each one ends.

    >>> [e.value for e in supervise([lambda: 1 + 1, lambda: "x" * 3], limit=30, jobs=2)]
    [2, 'xxx']
    >>> supervise([lambda: os.abort()], limit=30)[0].text
    'the process was killed by SIGABRT'
    """
    _warm()
    results: dict[int, Ending] = {}
    running: dict[int, _Child] = {}
    pending = list(enumerate(tasks))
    pending.reverse()
    try:
        while pending or running:
            while pending and len(running) < max(1, jobs):
                k, task = pending.pop()
                child = _spawn(k, task, limit, memory)
                running[child.fd] = child
            wait = max(0.0, min(ch.kill_at for ch in running.values()) - time.monotonic())
            ready, _, _ = _select.select(list(running), [], [], wait)
            for fd in ready:
                child = running[fd]
                chunk = os.read(fd, 1 << 16)
                if chunk:
                    child.data.extend(chunk)
                    continue
                del running[fd]
                results[child.index] = _reap(child)
                if done is not None:
                    done(child.index, results[child.index])
            now = time.monotonic()
            for child in running.values():
                if now >= child.kill_at and not child.killed:
                    child.killed = True
                    _kill(child.pid)
    finally:
        for child in running.values():  # interrupted (Ctrl-C): leave no child behind
            _kill(child.pid)
            try:
                os.waitpid(child.pid, 0)
                os.close(child.fd)
            except OSError:
                pass
    return [results[k] for k in range(len(tasks))]


def ending_verdict(base: Verdict, ending: Ending, *, timeout: float, memory: int,
                   what: str = "claim") -> Verdict:
    """The verdict a task's ending stands for, when it sent none: ``base`` (id, statement,
    location) made ``unknown`` (time or memory ran out) or ``error`` (a crash).

    >>> v = ending_verdict(Verdict("c", Outcome.UNKNOWN), Ending("killed"), timeout=5,
    ...                    memory=MEMORY)
    >>> v.outcome.value, v.detail[:31]
    ('unknown', 'stopped by the --timeout of 5 s')
    """
    if ending.kind == "killed":
        return base.with_(outcome=Outcome.UNKNOWN, method="interrupted", seconds=timeout,
                          budget_used=1.0,
                          detail=f"stopped by the --timeout of {timeout:g} s (the {what}'s "
                          "process was still busy inside one computation and was ended)")
    if ending.kind == "memory":
        return base.with_(outcome=Outcome.UNKNOWN, method="interrupted",
                          detail=f"stopped by the memory limit of {memory_text(memory)}")
    where = f"{base.location}: " if base.location else ""
    return base.with_(outcome=Outcome.ERROR, method="crash",
                      detail=f"{where}expected a {what} coherence can evaluate, got a crash: "
                      f"{ending.text} (a native library failed, possibly on reaching the "
                      f"memory limit of {memory_text(memory)}); the others are unaffected")


def decide_supervised(claims: Sequence[Claim], *, seed: int = 0,
                      timeout: float = DEFAULT_TIMEOUT,
                      jobs: int = 1, memory: int = MEMORY,
                      done: Callable[[int, Verdict], None] | None = None) -> list[Verdict]:
    """Decide ``claims``, each in its own supervised child, ``jobs`` at a time; see the
    module docstring. ``done(index, verdict)`` is called as each one finishes.

    >>> from coherence.checks.claims import claim
    >>> [v.outcome.value for v in decide_supervised([claim("a", then="1 < 2"),
    ...                                              claim("b", then="2 < 1")], jobs=2)]
    ['proved', 'refuted']
    """
    from coherence.checks.decide import HARD_STOP_GRACE, decide

    if os.name != "posix":  # no fork: decide here, unsupervised
        out = []
        for k, c in enumerate(claims):
            out.append(with_context(decide(c, seed=seed, timeout=timeout), c))
            if done is not None:
                done(k, out[-1])
        return out

    def verdict(k: int, ending: Ending) -> Verdict:
        if ending.kind == "value":
            return ending.value
        c = claims[k]
        base = Verdict(c.id, Outcome.UNKNOWN, statement=c.statement or c.then,
                       location=c.location, expect=c.expect, seed=seed)
        return ending_verdict(base, ending, timeout=timeout, memory=memory)

    def finished(k: int, ending: Ending) -> None:
        if done is not None:
            done(k, verdict(k, ending))

    tasks = [lambda c=c: with_context(decide(c, seed=seed, timeout=timeout), c) for c in claims]
    endings = supervise(tasks, limit=timeout + HARD_STOP_GRACE + KILL_GRACE, jobs=jobs,
                        memory=memory, done=finished)
    return [verdict(k, e) for k, e in enumerate(endings)]


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


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def check_paths(
    paths: Sequence[str | Path],
    *,
    seed: int = 0,
    timeout: float = DEFAULT_TIMEOUT,
    jobs: int = 1,
    only: Iterable[str] | None = None,
    progress: Callable[[Verdict, int, int], None] | None = None,
    root: str | Path | None = None,
    shard: tuple[int, int] | None = None,
    memory: int = MEMORY,
    exitfirst: bool = False,
) -> RunResult:
    """Read and decide every claim under ``paths``; see the module docstring.

    ``only`` keeps the claims its patterns select (:func:`select`).
    ``progress(verdict, done, total)`` is called after each claim. With ``exitfirst``
    the run stops at the first verdict that misses its ``expect`` (``-x``; claims are then
    decided one at a time, in file order); the claims not decided by then are left out of
    the result. ``root`` is an explicit project root for the structure files the claims
    name (default: the nearest folder above each claim file with pyproject.toml or .git).
    ``shard=(K, N)`` keeps only the claims of shard K of N (:func:`in_shard`); the
    reports of the N shards merge into the whole run's (``coherence merge``).
    """
    collected = collect(paths, only=only, root=root)
    unreadable = list(collected.unreadable)
    items = [x for x in collected.items if in_shard(x.id, shard)]
    files = collected.files
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

    positions = [k for k, x in enumerate(items) if isinstance(x, Claim)]
    if exitfirst:
        for k, x in enumerate(items):
            if stop:
                break
            if isinstance(x, Verdict):
                decided[k] = x
            else:
                decided[k] = decide_supervised([x], seed=seed, timeout=timeout, jobs=1,
                                               memory=memory)[0]
            report(decided[k])
    else:
        for k, x in enumerate(items):
            if isinstance(x, Verdict):
                decided[k] = x
                report(x)
        claims = [items[k] for k in positions]

        def finished(index: int, v: Verdict) -> None:
            decided[positions[index]] = v
            report(v)

        decide_supervised(claims, seed=seed, timeout=timeout, jobs=cap_jobs(jobs)[0],
                          memory=memory, done=finished)
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


def check(*paths: str | Path, seed: int = 0, timeout: float = DEFAULT_TIMEOUT, jobs: int = 1,
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

