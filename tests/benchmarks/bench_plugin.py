"""Benchmark of the pytest plugin (measured, not asserted).

1. A synthetic suite of 200 claims in 10 files, mixed engines (exact evaluation,
   exhaustive finite domains, Z3, counterexample search, Hopf-algebra identities on
   basis tuples and deciders), timed serially and with ``-n 2``; the speed-up.
2. The plugin's collection overhead in a repo with no claim files: ``pytest
   --collect-only`` on 50 ordinary test modules with the plugin and with
   ``-p no:coherence`` (target: under 50 ms added), plus ``pytest --version``.

Wall-clock times on a shared machine are noisy, so CPU times (user + system of pytest
and the workers it waits for) are reported too; compare those.

Run:  python tests/benchmarks/bench_plugin.py [--repeat 15] [--claims 200] [--skip-suite]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: (engine, claim body) templates; {i} makes each claim distinct.
TEMPLATES = [
    ("exact", 'then = "{i} + {i} == 2 * {i}"\nexpect = "proved"'),
    ("exhaustive", 'for_all = {{ x = "Integer(-{k}, {k})" }}\nthen = "x * x >= 0"\n'
                   'expect = "proved"'),
    ("z3", 'for_all = {{ x = "Real" }}\nthen = "x * x + {i} > 0"\nexpect = "proved"'),
    ("search", 'for_all = {{ x = "Integer(-{k}, {k})" }}\nthen = "x * x == x"\n'
               'expect = "refuted"'),
    ("matrix search", 'for_all = {{ A = "Matrix(2, 2, Integer(-1, 1))" }}\nthen = "A == A.T"\n'
                      'expect = "refuted"'),
    ("hopf basis tuples", 'for_all = {{ a = "Element(sweedler)", b = "Element(sweedler)" }}\n'
                          'then = "S(a * b) == S(b) * S(a)"\nexpect = "proved"'),
    ("hopf decider", 'given = {{ H = "structure(\'sweedler\')" }}\nthen = "order(S) == 4"\n'
                     'expect = "proved"'),
    ("hopf refuted", 'given = {{ H = "structure(\'sweedler\')" }}\nthen = "compose(S, S) == id"\n'
                     'expect = "refuted"'),
]


def write_suite(root: Path, n_claims: int, per_file: int = 20) -> None:
    """``n_claims`` claims cycling through the templates, ``per_file`` to a file."""
    (root / "claims").mkdir(parents=True)
    for f in range(0, n_claims, per_file):
        blocks = []
        for i in range(f, min(f + per_file, n_claims)):
            engine, body = TEMPLATES[i % len(TEMPLATES)]
            text = body.format(i=i + 1, k=2 + i % 4)
            blocks.append(f'[[claim]]\nid = "c{i:03d}-{engine.replace(" ", "-")}"\n{text}\n')
        (root / "claims" / f"suite{f // per_file:02d}.claims.toml").write_text(
            "\n".join(blocks), encoding="utf-8")


def timed(args: list[str], cwd: Path) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Wall-clock and CPU seconds (user + system, the process and everything it waited
    for, e.g. xdist workers) of ``python -m pytest ARGS``. CPU time is what to compare on
    a shared, loaded machine; wall-clock time is what a user waits."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pytest", *args], cwd=cwd, text=True,
                          capture_output=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc


def summary_line(proc: subprocess.CompletedProcess[str]) -> str:
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
    return lines[-1].strip("= ") if lines else proc.stderr.strip()[-200:]


def bench_suite(n_claims: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="coherence-bench-") as tmp:
        root = Path(tmp)
        write_suite(root, n_claims)
        common = ["-q", "-p", "no:cacheprovider", "-p", "no:randomly"]
        serial_s, serial_cpu, serial = timed([*common, "--coherence-report=serial.json"], root)
        par_s, par_cpu, par = timed([*common, "-n", "2", "--coherence-report=parallel.json"],
                                    root)

        def verdicts(name: str) -> list[tuple[str, str, object]]:
            doc = json.loads((root / name).read_text(encoding="utf-8"))
            return [(r["id"], r["verdict"], r["witness"]) for r in doc["results"]]

        same = verdicts("serial.json") == verdicts("parallel.json")
        doc = json.loads((root / "serial.json").read_text(encoding="utf-8"))
        per_engine: dict[str, list[float]] = {}
        for r in doc["results"]:
            engine = r["id"].split("-", 1)[1]
            per_engine.setdefault(engine, []).append(r["seconds"])
        return {
            "claims": n_claims,
            "serial_s": round(serial_s, 2),
            "n2_s": round(par_s, 2),
            "speedup": round(serial_s / par_s, 2) if par_s else None,
            "serial_cpu_s": round(serial_cpu, 2),
            "n2_cpu_s": round(par_cpu, 2),
            "serial_result": summary_line(serial),
            "n2_result": summary_line(par),
            "same_verdicts_and_witnesses": same,
            "summary": doc["summary"],
            "mean_decide_s_by_engine": {k: round(statistics.mean(v), 3)
                                        for k, v in sorted(per_engine.items())},
        }


def bench_overhead(repeat: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="coherence-bench-empty-") as tmp:
        root = Path(tmp)
        for i in range(50):
            (root / f"test_m{i:02d}.py").write_text(
                "".join(f"def test_{j}():\n    assert {j} == {j}\n\n" for j in range(5)),
                encoding="utf-8")
        base = ["--collect-only", "-q", "-p", "no:cacheprovider", "-p", "no:hypothesispytest"]
        runs = {
            "with": base,
            "without": [*base, "-p", "no:coherence"],
            "version_with": ["--version"],
            "version_without": ["--version", "-p", "no:coherence"],
        }
        wall: dict[str, list[float]] = {k: [] for k in runs}
        cpu: dict[str, list[float]] = {k: [] for k in runs}
        timed(base, root)  # warm the file system and bytecode caches
        for _ in range(repeat):  # interleave so that machine load affects both alike
            for key, args in runs.items():
                w, c, _ = timed(args, root)
                wall[key].append(w)
                cpu[key].append(c)

        def ms(values: list[float]) -> int:
            return round(1000 * statistics.median(values))

        return {
            "test_modules": 50,
            "repeat": repeat,
            "collect_cpu_median_ms": {k: ms(cpu[k]) for k in ("with", "without")},
            "added_cpu_ms_median": ms(cpu["with"]) - ms(cpu["without"]),
            "added_cpu_ms_min": round(1000 * (min(cpu["with"]) - min(cpu["without"]))),
            "collect_wall_median_ms": {k: ms(wall[k]) for k in ("with", "without")},
            "added_wall_ms_median": ms(wall["with"]) - ms(wall["without"]),
            "version_cpu_median_ms": {"with": ms(cpu["version_with"]),
                                      "without": ms(cpu["version_without"])},
            "plugin_import_ms": _import_ms(),
        }


def _import_ms() -> float:
    """Self time of importing the plugin module (and what it pulls in), from -X importtime."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c",
                           "import pytest, coherence.checks.plugin"],
                          text=True, capture_output=True)
    total = 0
    for line in proc.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[2].strip().startswith("coherence"):
            total += int(parts[0].split(":")[1])  # self time in microseconds
    return round(total / 1000, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--claims", type=int, default=200)
    parser.add_argument("--skip-suite", action="store_true")
    args = parser.parse_args()
    out: dict[str, object] = {"python": sys.version.split()[0], "cpus": os.cpu_count(),
                              "load_before": os.getloadavg()[0]}
    out["overhead"] = bench_overhead(args.repeat)
    if not args.skip_suite:
        out["suite"] = bench_suite(args.claims)
    out["load_after"] = os.getloadavg()[0]
    print(json.dumps(out, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
