"""The languages the course speaks: English and Chinese.

The page follows the browser's language (zh, zh-CN, zh-TW … → Chinese), a `?lang=zh` / `?lang=en` link, or
the switch at the top of the page (remembered in the browser). Static text is translated in the page by
Gradio's own i18n (`interface.py`); text made at run time (status, metrics, messages) is translated on the
server for the language the page reports with each run (`runtime.py`).
"""

from __future__ import annotations

LANGUAGES = ("en", "zh")
DEFAULT = "en"


def language(value) -> str:
    """The course language for a browser language tag or a `lang` value: "zh" for any Chinese, else "en"."""
    tag = value.strip().lower() if isinstance(value, str) else ""
    base = tag.replace("_", "-").split("-")[0]
    return base if base in LANGUAGES else DEFAULT
