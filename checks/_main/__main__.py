"""``python -m coherence``: the ``coherence`` command, for when the script is not on PATH.

This file installs as ``coherence/__main__.py`` (a package-dir mapping in
pyproject.toml); ``coherence`` stays a namespace package with no ``__init__``.
"""

import sys

from coherence.checks.cli import main

if __name__ == "__main__":
    sys.exit(main())
