"""Import every lesson's snippet (and so its SDK) and load the TLS context ahead of the first run."""

from __future__ import annotations

import logging
import time

from streamlab.engine.lessons import Lesson
from streamlab.hosting import providers

log = logging.getLogger("streamlab")


def warm_up(found: list[Lesson]) -> None:
    """Import every lesson's snippet (and so its SDK) and load the TLS context, in a background thread once the
    server is starting: start-up stays fast, and the first learner to press Run does not wait a second or two
    for imports."""
    started = time.perf_counter()
    providers.tls_context()
    for lesson in found:
        if not lesson.error:
            try:
                lesson.module  # noqa: B018 - the import is the point
            except Exception as exc:  # noqa: BLE001 - the lesson's own run reports it
                log.warning("lesson %s could not be imported ahead of its first run: %s", lesson.stem, exc)
    log.info("lessons imported ahead of their first run in %.1f s", time.perf_counter() - started)
