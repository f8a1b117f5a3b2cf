"""The answer to a plain prompt: a curated one when the prompt has one, else one composed for its intent."""

from __future__ import annotations

import random
from functools import cache

from ..words.text import is_cjk, key
from . import code_samples, compose_en, compose_zh, intent
from .curated import CURATED


@cache
def _curated() -> dict[str, str]:
    """The curated answers by `key`, so a Chinese prompt finds its answer with or without spaces."""
    return {key(prompt): text for prompt, text in CURATED.items()}


def answer(prompt: str, seed: str) -> str:
    """The curated answer for a prompt, else one shaped by its intent (a poem, code, a list, a greeting, an
    explanation…), in the prompt's language. `seed` picks among phrasings; the same seed, the same text."""
    curated = _curated().get(key(prompt))
    if curated:
        return curated
    zh = is_cjk(prompt)
    wish = intent.detect(prompt, zh) if prompt.strip() else intent.Intent("greeting")
    if wish.kind == "code":
        return code_samples.answer(prompt, wish.form, zh)
    return (compose_zh if zh else compose_en).KINDS[wish.kind](wish, prompt, random.Random(seed))
