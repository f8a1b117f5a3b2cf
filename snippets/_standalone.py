"""Lets `python snippets/NN_slug.py` run from a checkout: a key from `.env`, or the mock in-process."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from streamlab.engine.standalone import run  # noqa: E402

__all__ = ["run"]
