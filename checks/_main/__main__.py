"""``python -m coherence``: the ``coherence`` command, for when the script is not on PATH.

This folder (``checks/_main``) installs as the top-level ``coherence`` package through a
package-dir mapping in pyproject.toml: it holds only this file and ``__init__.py``,
whose lazy ``coherence.check`` is the shortest way into the Python API.
"""

import sys

from coherence.checks.cli import main

if __name__ == "__main__":
    sys.exit(main())
