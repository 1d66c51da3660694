"""mkdocs hook: lay out the sources as installed (``coherence/algebra`` …) for mkdocstrings.

The repository has no ``coherence/`` folder (pyproject.toml maps ``algebra/``,
``checks/`` and ``counterexamples/`` into the ``coherence`` package, and
``checks/_main`` is its top level). Griffe reads sources by folder, so before a build
this hook builds that tree of symbolic links under ``build/api-src`` — the same layout a
wheel installs — and mkdocs.yml points mkdocstrings at it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TREE = ROOT / "build" / "api-src" / "coherence"
PARTS = {"algebra": "algebra", "checks": "checks", "counterexamples": "counterexamples"}


def on_startup(**kwargs: Any) -> None:
    """Create ``build/api-src/coherence`` (links to the real folders) before mkdocstrings
    reads its search paths (it drops a path that does not exist yet)."""
    TREE.mkdir(parents=True, exist_ok=True)
    links = {name: ROOT / "checks" / "_main" / name for name in ("__init__.py", "__main__.py")}
    links.update({name: ROOT / folder for name, folder in PARTS.items()})
    for name, target in links.items():
        link = TREE / name
        try:
            link.symlink_to(target, target_is_directory=target.is_dir())
        except FileExistsError:  # made by an earlier (or a concurrent) build
            pass
