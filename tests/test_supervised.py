"""One claim's crash, memory or hang never costs the other claims their verdicts.

Every claim is decided in a supervised child (:mod:`coherence.checks.run`): a native
crash is that claim's ``error``, a memory bomb is ``unknown … stopped by the memory
limit``, a computation the in-process hard stop cannot interrupt is killed soon after the
``--timeout``; the run, its report and the other claims survive — serially, with
``--jobs`` and under the pytest plugin. Workers die with their parent.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from coherence.checks import vocabulary
from coherence.checks.claims import claim
from coherence.checks.run import cap_jobs, check_paths, decide_supervised

pytest_plugins = ["pytester"]

ABORT = "test_only_abort"


@pytest.fixture
def aborting_vocabulary():
    """A vocabulary entry that aborts the process (a stand-in for a crash in GMP or
    FLINT); registered by this test only, never shipped."""

    def abort(x):
        os.abort()

    vocabulary.load_all()
    vocabulary.register(ABORT, signature=f"{ABORT}(x)", doc="test only", min_args=1,
                        max_args=1)(abort)
    yield
    vocabulary.unregister(ABORT)


def _claims(tmp_path: Path, body: str) -> Path:
    f = tmp_path / "t.claims.toml"
    f.write_text(textwrap.dedent(body), encoding="utf-8")
    return f


SURVIVORS = '''
    [[claim]]
    id = "before"
    then = "1 + 1 == 2"
    expect = "proved"

    [[claim]]
    id = "crash"
    then = "test_only_abort(1) == 1"
    expect = "error"

    [[claim]]
    id = "after"
    for_all = { x = "Integer(0, 3)" }
    then = "x * x >= x"
    expect = "proved"
'''


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_native_crash_in_one_claim_is_its_error_and_the_report_survives(
        tmp_path, aborting_vocabulary, jobs):
    result = check_paths([_claims(tmp_path, SURVIVORS)], jobs=jobs, timeout=20)
    outcomes = {v.id: v.outcome.value for v in result.verdicts}
    assert outcomes == {"before": "proved", "crash": "error", "after": "proved"}
    crash = next(v for v in result.verdicts if v.id == "crash")
    assert "SIGABRT" in crash.detail and crash.location.line == 7
    assert result.exit_code == 0


def test_a_native_crash_under_the_pytest_plugin_fails_one_item_and_the_report_survives(
        pytester, tmp_path):
    pytester.makeconftest(f'''
        import os
        from coherence.checks import vocabulary
        vocabulary.load_all()
        vocabulary.register("{ABORT}", signature="{ABORT}(x)", doc="test only",
                            min_args=1, max_args=1)(lambda x: os.abort())
    ''')
    pytester.makefile(".claims.toml", t=textwrap.dedent(SURVIVORS).replace(
        'expect = "error"', 'expect = "proved"'))
    report = tmp_path / "report.json"
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider",
                                           f"--coherence-report={report}")
    result.assert_outcomes(passed=2, failed=1)
    doc = json.loads(report.read_text())
    assert [r["verdict"] for r in doc["results"]] == ["proved", "error", "proved"]


#: Runtime bombs: each ends as unknown or error, within timeout + 1 s of wall clock
#: (supervision included) and under the memory limit, while the claim after it is decided.
BOMBS = {
    "huge power, summed": ('given = { B = "(3**10000)**250" }',
                           'then = "sum(B + i for i in range(100000)) > 0"'),
    "huge power, multiplied": ('given = { B = "(3**10000)**250" }',
                               'then = "B * B * B * B * B * B * B * B * B * B > 0"'),
    "huge power, in a for_all": ('given = { B = "(3**10000)**250" }\n'
                                 'for_all = { x = "Integer(0, 3)" }',
                                 'then = "sum(B * x + i for i in range(100000)) > 0"'),
    "power tower (reader limit)": ('', 'then = "2**(2**(2**(2**5))) > 0"'),
    "long range (reader limit)": ('', 'then = "sum(i * i for i in range(10**9)) > 0"'),
    "nested huge powers (reader limit)": ('given = { B = "(7**9999)**999" }',
                                          'then = "B * B * B > 1"'),
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_runtime_bombs_end_bounded_and_the_next_claim_is_still_decided(tmp_path, name):
    given, then = BOMBS[name]
    body = f'''
        [[claim]]
        id = "bomb"
        {given}
        {then}

        [[claim]]
        id = "after"
        then = "2 + 2 == 4"
        expect = "proved"
    '''
    timeout = 1.0
    start = time.monotonic()
    result = check_paths([_claims(tmp_path, body)], timeout=timeout, memory=512 * 1024**2)
    wall = time.monotonic() - start
    bomb, after = result.verdicts
    assert bomb.outcome.value in ("unknown", "error"), bomb
    if bomb.outcome.value == "unknown":
        assert "stopped by the" in bomb.detail
    assert after.outcome.value == "proved"
    # two claims, each bounded by timeout + the kill grace: generous for a loaded machine,
    # but far below what an unbounded bomb takes (minutes, gigabytes)
    assert wall < 2 * (timeout + 1) + 10


def test_a_memory_bomb_is_stopped_by_the_memory_limit():
    big = claim("grow", given={"B": "(3**10000)**250"},
                then="sum(B + i for i in range(100000)) > 0")
    v = decide_supervised([big], timeout=60, memory=256 * 1024**2)[0]
    assert v.outcome.value == "unknown"
    assert "stopped by the memory limit of 256 MB" in v.detail


def test_jobs_are_capped_at_the_cpu_count_with_a_note():
    n, note = cap_jobs(128)
    assert n <= (os.cpu_count() or 1) and "capped" in note
    assert cap_jobs(1) == (1, None)


def _children(pid: int) -> set[int]:
    out = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == pid:
                out.add(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").exists(), reason="needs /proc (Linux)")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_workers_die_with_their_parent(tmp_path, sig):
    slow = "".join(f'''
        [[claim]]
        id = "slow{k}"
        for_all = {{ x = "Real", y = "Real", z = "Real" }}
        then = "x**8 + y**8 + z**8 + 1 >= x*y*z*(x + y + z) - 100"
    ''' for k in range(4))
    f = _claims(tmp_path, slow)
    proc = subprocess.Popen([sys.executable, "-m", "coherence.checks.cli", "check", str(f),
                             "--jobs", "2", "--timeout", "60"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not workers:
        time.sleep(0.2)
        workers = _children(proc.pid)
    assert workers, "no worker started"
    grandchildren = set().union(*(_children(w) for w in workers))
    proc.send_signal(sig)
    proc.wait(timeout=30)
    survivors = set()
    end = time.monotonic() + 10
    while time.monotonic() < end:
        survivors = {p for p in workers | grandchildren if _alive(p)}
        if not survivors:
            break
        time.sleep(0.1)
    assert not survivors
