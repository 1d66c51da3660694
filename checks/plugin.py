"""pytest plugin: collects ``*.claims.toml`` files as test items, one per claim.

Registered through the ``pytest11`` entry point, so in a research repo with coherence
installed, ``pytest`` collects every claim file, ``pytest -n 4`` spreads the claims over
processes (pytest-xdist) and ``pytest -k positive-eigen`` selects claims by id. A claim
whose verdict differs from its ``expect`` fails with the verdict rendered by
:func:`coherence.checks.explain.explain` — first line alone, e.g. ``refuted at A =
[[1, 1], [0, 1]] (expected proved)``, then the witness as a matrix, both sides, the
method and the command that reproduces it — and no traceback. A claim file that cannot
be read is one failed item pointing at ``file:line``; the other files still run.

Options (group ``coherence``): ``--coherence-seed N``, ``--coherence-timeout S``,
``--coherence-report PATH`` (JSON of every verdict, merged across xdist workers, same
document as ``coherence check --format json``), ``--no-coherence`` (collect no claim
files). ini options: ``coherence_files`` (file name globs, default ``*.claims.toml``),
``coherence_slow_seconds`` (default 2). Markers: every claim item carries ``coherence``;
a claim that took longer than ``coherence_slow_seconds`` in the previous run also
carries ``coherence_slow``, so ``pytest -m "not coherence_slow"`` skips it.

The plugin stays thin: nothing beyond pytest and the standard library is imported
until a claim file is actually collected, so ``pytest --version`` stays fast. Every
claim is decided with the same seed whichever worker runs it, so verdicts and witnesses
do not depend on ``-n``.

>>> ClaimMismatch.__mro__[1].__name__
'Exception'
"""

from __future__ import annotations

import fnmatch
import json
from pathlib import Path
from typing import Any

import pytest

DEFAULT_GLOB = "*.claims.toml"
_ATTRIBUTE = "coherence_verdict"  # JSON of the verdict, on the call-phase TestReport
_CACHE_KEY = "coherence/durations"


class ClaimMismatch(Exception):
    """Raised by a claim item whose verdict does not meet its ``expect``."""

    def __init__(self, verdict: Any) -> None:
        super().__init__(verdict.headline)
        self.verdict = verdict


# -- hooks ----------------------------------------------------------------------------
def pytest_addoption(parser: pytest.Parser) -> None:
    """Declare the ``coherence`` option group and ini options."""
    group = parser.getgroup("coherence", "coherence: claim files as tests")
    group.addoption("--coherence-seed", type=int, default=0, metavar="N",
                    help="seed for every claim's search (default 0); same on every worker")
    from coherence.checks.verdict import DEFAULT_TIMEOUT

    group.addoption("--coherence-timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S",
                    help=f"safety stop per claim in seconds (default {DEFAULT_TIMEOUT:g})")
    group.addoption("--coherence-memory", default="2G", metavar="SIZE",
                    help="memory limit of each claim's process (default 2G)")
    group.addoption("--coherence-report", metavar="PATH", default=None,
                    help="write the JSON report of every verdict to PATH")
    group.addoption("--coherence-root", metavar="DIR", default=None,
                    help="project root: structure files named in claims must lie inside it "
                         "(default: nearest folder with pyproject.toml or .git above each "
                         "claim file)")
    group.addoption("--no-coherence", action="store_true", default=False,
                    help="do not collect claim files")
    parser.addini("coherence_files", type="args", default=[DEFAULT_GLOB],
                  help=f"glob(s) of claim files to collect (default {DEFAULT_GLOB})")
    parser.addini("coherence_slow_seconds", type="string", default="2",
                  help="claims slower than this in the last run get the coherence_slow marker")


def pytest_configure(config: pytest.Config) -> None:
    """Register the markers, and the recorder of verdicts on the controlling process."""
    config.addinivalue_line("markers", "coherence: a claim collected from a claim file")
    config.addinivalue_line(
        "markers",
        "coherence_slow: a claim that was slow last run (deselect with -m 'not coherence_slow')",
    )
    timeout = config.getoption("coherence_timeout", 10.0)
    if not 0 < timeout <= 86_400:  # also nan; the limit of coherence.algebra.limits.MAX_TIMEOUT
        raise pytest.UsageError(f"--coherence-timeout: expected 0 < S ≤ 86400, got {timeout}")
    if not hasattr(config, "workerinput"):
        path = config.getoption("coherence_report", None)
        if path:  # a bad destination is found before any claim is decided
            from coherence.algebra.errors import InputError
            from coherence.checks.report_files import prepare

            try:
                prepare(path, option="--coherence-report")
            except InputError as err:
                raise pytest.UsageError(str(err)) from None
        config.pluginmanager.register(_Recorder(config), "coherence-recorder")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Attach the verdict's JSON to the call-phase report of a claim item.

    A plain report attribute travels with the report from an xdist worker to the
    controller (reports are serialised with their ``__dict__``) and, unlike
    ``user_properties``, stays out of pytest's own ``--junitxml`` output.
    """
    report = yield
    if call.when == "call" and isinstance(item, ClaimItem) and item.verdict is not None:
        setattr(report, _ATTRIBUTE, json.dumps(item.verdict.to_json(), ensure_ascii=False))
    return report


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> ClaimFile | None:
    """Collect claim files matching ``coherence_files`` (unless ``--no-coherence``)."""
    config = parent.config
    if config.getoption("no_coherence"):
        return None
    if not _matches(file_path, config):
        return None
    return ClaimFile.from_parent(parent, path=file_path)


class _Recorder:
    """Gathers verdicts and durations on the controlling process (xdist forwards every
    worker's reports to it), then writes ``--coherence-report`` and the duration cache."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.verdicts: dict[str, dict[str, Any]] = {}
        self.durations: dict[str, float] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        value = getattr(report, _ATTRIBUTE, None)
        if report.when == "call" and value:
            self.verdicts[report.nodeid] = json.loads(value)
            self.durations[report.nodeid] = report.duration

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if not report.failed or "::" in report.nodeid:
            return
        if not _matches(Path(report.nodeid), self.config):
            return
        text = str(report.longrepr).strip()
        first = text.splitlines()[0] if text else "could not be read"
        line = _line_of(first)
        self.verdicts.setdefault(report.nodeid, {
            "id": report.nodeid, "verdict": "error", "detail": first,
            "location": f"{report.nodeid}:{line}" if line else report.nodeid,
        })

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        cache = getattr(self.config, "cache", None)
        if cache is not None and self.durations:
            old = cache.get(_CACHE_KEY, {})
            new = {k: round(v, 6) for k, v in self.durations.items()}
            cache.set(_CACHE_KEY, {**old, **new})
        path = self.config.getoption("coherence_report")
        if path:
            _write_report(Path(path), self.verdicts.values())


# -- collection nodes -------------------------------------------------------------------
class ClaimFile(pytest.File):
    """A claim file: one :class:`ClaimItem` per claim (and per claim that could not be read)."""

    def collect(self) -> Any:
        from coherence.algebra.errors import InputError
        from coherence.checks.claims import read_claim_file

        shown = self._shown_path()
        # Read through the path as the user sees it, so verdicts, reports and the
        # reproduce command name ``claims/a.claims.toml`` rather than an absolute path.
        readable = Path(shown) if Path.cwd() == self.config.invocation_params.dir else self.path
        try:
            claim_file = read_claim_file(readable, root=self.config.getoption("coherence_root"))
        except (InputError, OSError) as err:
            # One failed item at file:line, not a collection error: pytest would interrupt
            # the whole session, and every other claim file would go unchecked.
            yield _unreadable(self, err, shown)
            return
        slow = self._slow_ids()
        seen: dict[str, int] = {}
        entries = [(getattr(c, "key", None) or c.id, c, None) for c in claim_file.claims]
        entries += [(v.id, None, v) for v in claim_file.errors]
        entries.sort(key=lambda e: _line(e[1].location if e[1] is not None else e[2].location))
        for key, claim, error in entries:
            name = _unique(_clean_name(str(key)), seen)
            item = ClaimItem.from_parent(self, name=name, claim=claim, error=error)
            item.add_marker("coherence")
            if item.nodeid in slow:
                item.add_marker("coherence_slow")
            yield item

    def _shown_path(self) -> str:
        try:
            return self.path.relative_to(self.config.invocation_params.dir).as_posix()
        except ValueError:
            return str(self.path)

    def _slow_ids(self) -> set[str]:
        cache = getattr(self.config, "cache", None)
        if cache is None:
            return set()
        try:
            limit = float(self.config.getini("coherence_slow_seconds"))
        except ValueError:
            limit = 2.0
        durations = cache.get(_CACHE_KEY, {})
        return {k for k, v in durations.items() if isinstance(v, int | float) and v > limit}


class ClaimItem(pytest.Item):
    """One claim of a claim file, decided when run.

    ``claim`` is the claim to decide; ``error`` instead holds the ``error`` verdict of a
    claim the reader could not accept (it passes only if the claim expects ``error``).
    """

    def __init__(self, *, claim: Any = None, error: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.claim = claim
        self.error = error
        self.verdict: Any = None

    def runtest(self) -> None:
        """Decide the claim; fail with :class:`ClaimMismatch` unless it meets ``expect``."""
        if self.claim is not None:
            from coherence.checks.run import decide_supervised, parse_memory
            from coherence.checks.verdict import DEFAULT_TIMEOUT

            # in a supervised child, as ``coherence check`` does: a native crash is this
            # claim's error, and the session (and its report) survive
            config = self.config
            timeout = config.getoption("coherence_timeout")
            verdict = decide_supervised(
                [self.claim], seed=config.getoption("coherence_seed"),
                timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
                memory=parse_memory(config.getoption("coherence_memory")))[0]
        else:
            verdict = self.error
        self.verdict = verdict
        if not verdict.matches():
            raise ClaimMismatch(verdict)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> str:
        """The verdict, explained; no traceback from coherence's internals."""
        from coherence.algebra.errors import InputError
        from coherence.checks.render import explain

        if isinstance(excinfo.value, ClaimMismatch):
            return explain(excinfo.value.verdict)
        if isinstance(excinfo.value, InputError):
            return f"error: {excinfo.value}"
        # A crash inside coherence is a bug in coherence: say so first, then show where.
        head = (f"error: coherence crashed deciding this claim: "
                f"{type(excinfo.value).__name__}: {excinfo.value}")
        return head + "\n" + str(super().repr_failure(excinfo, style="short"))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """The claim file, the claim's 0-based line, and ``claim ID``."""
        location = (self.claim.location if self.claim is not None
                    else getattr(self.error, "location", None))
        line = getattr(location, "line", None)
        return self.path, (line - 1 if line else None), f"claim {self.name}"


# -- helpers --------------------------------------------------------------------------
def _matches(path: Path, config: pytest.Config) -> bool:
    name = path.name
    for pattern in config.getini("coherence_files"):
        if "/" in pattern:
            if fnmatch.fnmatch(path.as_posix(), "*/" + pattern.lstrip("/")) or \
                    fnmatch.fnmatch(path.as_posix(), pattern):
                return True
        elif fnmatch.fnmatch(name, pattern):
            return True
    return False


def _write_report(path: Path, records: Any) -> None:
    from coherence.checks.render import render
    from coherence.checks.report_files import write
    from coherence.checks.verdict import Verdict

    verdicts = [Verdict.from_json(d) for d in records]
    verdicts.sort(key=lambda v: (v.location.file if v.location else "",
                                 v.location.line or 0 if v.location else 0, v.id))
    write(path, render(verdicts, "json"), option="--coherence-report")


def _unreadable(parent: ClaimFile, err: Exception, shown: str) -> ClaimItem:
    """The one item standing for a claim file that could not be read: it fails with the
    located error (``file:line: expected …``)."""
    from coherence.algebra.errors import InputError
    from coherence.checks.verdict import Location, Outcome, Verdict

    if not isinstance(err, InputError):
        err = InputError("expected a readable claim file",
                         got=getattr(err, "strerror", None) or type(err).__name__, file=shown)
    located = _relocated(err, shown)
    if located.file == str(parent.path):
        located = InputError(located.expected, got=located.got, file=shown, line=located.line,
                             context=located.context)
    verdict = Verdict(shown, Outcome.ERROR, method="reader", detail=str(located),
                      location=Location(shown, located.line))
    item = ClaimItem.from_parent(parent, name="<unreadable>", error=verdict)
    item.add_marker("coherence")
    return item


def _relocated(err: Any, shown: str) -> Any:
    """The error with the claim file's path as the user typed it."""
    if err.file is None:
        return err.located(file=shown)
    return err


def _line(location: Any) -> int:
    return getattr(location, "line", None) or 0


def _line_of(message: str) -> int | None:
    head = message.split(": ", 1)[0]
    tail = head.rsplit(":", 1)
    return int(tail[1]) if len(tail) == 2 and tail[1].isdigit() else None


def _clean_name(key: str) -> str:
    """An item name pytest can show and ``-k`` can match: no ``::``, no newlines."""
    return " ".join(key.replace("::", ":").split()) or "claim"


def _unique(name: str, seen: dict[str, int]) -> str:
    seen[name] = seen.get(name, 0) + 1
    return name if seen[name] == 1 else f"{name}#{seen[name]}"
