"""coherence: executable checks, with trustworthy verdicts, for the algebra in papers.

The code lives in three parts, ``coherence.algebra``, ``coherence.checks`` and
``coherence.counterexamples``; this top level only offers the shortest way in, loaded
on first use so ``import coherence`` stays light:

>>> import coherence
>>> coherence.check.__module__
'coherence.checks.run'
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "check": "coherence.checks.run",
    "RunResult": "coherence.checks.run",
    "Verdict": "coherence.checks.verdict",
    "Outcome": "coherence.checks.verdict",
    "claim": "coherence.checks.claims",
    "structure_from_data": "coherence.algebra.structure_file",
}

__all__ = list(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'coherence' has no attribute {name!r}")
