"""The ``axioms`` and ``catalog`` subcommands of the ``coherence`` command."""

from __future__ import annotations

import argparse


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``axioms`` and ``catalog`` on the CLI's subparsers."""
