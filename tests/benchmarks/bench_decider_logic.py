"""Benchmark: the logic of the claim decider against brute force, on many random claim
trees (the bigger runs of ``tests/soundness/test_decider_logic.py``, element claims, and
``tests/soundness/test_decider_logic_numeric.py``, scalar claims).

Run on demand (not collected by pytest)::

    python tests/benchmarks/bench_decider_logic.py [--seeds 0-9] [--trees 1000]
                                                   [--numeric-trees 300]

For each seed: how many trees, their verdicts, how many brute-force points were
evaluated, how many claims stayed ``evidence``/``unknown`` although brute force knows a
counterexample ("missed", not unsound), and every disagreement — a ``proved`` claim that
brute force falsifies, a ``refuted`` witness that does not falsify, an ``error`` on a
well-formed tree. Exit status 1 when there is any disagreement.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _load(name: str) -> object:
    sys.path.insert(0, str(HERE.parent / "soundness"))  # the modules share decider_trees
    path = HERE.parent / "soundness" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="0-9", help="a range lo-hi or one seed")
    parser.add_argument("--trees", type=int, default=1000, help="element trees per seed")
    parser.add_argument("--numeric-trees", type=int, default=300,
                        help="scalar trees per seed")
    args = parser.parse_args(argv)
    lo, _, hi = args.seeds.partition("-")
    seeds = range(int(lo), int(hi or lo) + 1)
    logic = _load("test_decider_logic")
    numeric = _load("test_decider_logic_numeric")
    total = bad = 0
    for seed in seeds:
        for label, module, n in (("elements", logic, args.trees),
                                 ("scalars", numeric, args.numeric_trees)):
            t0 = time.perf_counter()
            tally = module.run(seed, n)  # type: ignore[attr-defined]
            total += tally.trees
            bad += len(tally.disagreements)
            print(f"seed {seed}, {label}: {tally.describe()}, {time.perf_counter() - t0:.1f} s")
            for line in tally.disagreements:
                print("  " + line)
    print(f"total: {total} trees, {bad} disagreements")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
