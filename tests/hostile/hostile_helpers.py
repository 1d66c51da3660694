"""Shared helpers of the hostile-input suites: a throw-away project, and running claims in it.

Each claim file is written into a folder holding ``pyproject.toml``, so that folder is
the project root structure paths are confined to.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from coherence.checks.run import check_paths
from coherence.checks.verdict import Verdict

#: A valid two-dimensional structure file (the group algebra of C2); bombs edit one value.
C2 = """basis = ["1", "g"]
unit = "1"
[product]
"g*g" = "1"
[coproduct]
"1" = "1⊗1"
"g" = "g⊗g"
[counit]
"1" = "1"
"g" = "1"
"""


def project(root: Path) -> Path:
    """Make ``root`` a project (``pyproject.toml``) with a ``claims`` folder; return it."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text("[project]\nname = 'p'\n", encoding="utf-8")
    (root / "claims").mkdir(exist_ok=True)
    return root / "claims"


def claims(root: Path, text: str, name: str = "t.claims.toml", *, timeout: float = 5.0
           ) -> list[Verdict]:
    """Write ``text`` as a claim file under ``root/claims`` and decide it in-process."""
    folder = project(root)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return list(check_paths([str(path)], timeout=timeout).verdicts)


def by_id(verdicts: list[Verdict]) -> dict[str, Verdict]:
    """Verdicts keyed by claim id."""
    return {v.id: v for v in verdicts}


def cli(*args: str, cwd: Path, timeout: float = 120.0) -> subprocess.CompletedProcess[str]:
    """Run ``coherence ARGS`` in a child process (a crash there cannot take pytest down)."""
    env = {**os.environ, "PYTHONFAULTHANDLER": "0"}
    return subprocess.run([sys.executable, "-m", "coherence.checks.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout, env=env)


def json_results(proc: subprocess.CompletedProcess[str]) -> dict[str, dict[str, Any]]:
    """The ``results`` of a ``--format json`` run, keyed by id."""
    doc = json.loads(proc.stdout)
    return {r["id"]: r for r in doc["results"]}


def assert_located(detail: str, file: str) -> None:
    """``detail`` is one line that starts with ``file:LINE:``."""
    assert "\n" not in detail.strip(), detail
    head = detail.split(": ", 1)[0]
    assert head.startswith(file + ":"), detail
    assert head.rsplit(":", 1)[1].isdigit(), detail
    assert "please report" not in detail and "Traceback" not in detail, detail
