"""The Debian packages some tests drive (Chromium, nginx): required in CI, a skip on a machine without them."""

import os
from pathlib import Path

import pytest


def need(path: str, package: str, tests: str) -> None:
    """Fail in CI, skip elsewhere, when Debian's `package` is not installed at `path`; `tests` names who needs it."""
    if not Path(path).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run {tests}: install Debian's {package} ({path})")
        pytest.skip(f"Debian's {package} is not installed at {path}")
