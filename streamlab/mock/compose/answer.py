"""The answer to a plain prompt: a curated one when the prompt has one; else what a rule of `plain` answers (an
instruction, a question with a known answer, what the user said earlier); else one composed for its intent (a
poem, code, a list, a story, an explanation); a question nothing here can answer gets a short honest answer. Then
shaped as the prompt and the system prompt ask (`constraints`)."""

from __future__ import annotations

import random
from functools import cache

from ..words.text import is_cjk, key
from . import code_samples, compose_en, compose_zh, constraints, intent, plain
from .curated import CURATED


@cache
def _curated() -> dict[str, str]:
    """The curated answers by `key`, so a Chinese prompt finds its answer with or without spaces."""
    return {key(prompt): text for prompt, text in CURATED.items()}


def answer(prompt: str, seed: str, system: str = "", earlier: list[str] | tuple = ()) -> str:
    """The answer to `prompt`, in its language unless the system prompt names another. `seed` picks among
    phrasings; `earlier` is what was said before in the conversation. The same arguments, the same text."""
    asked, shape = constraints.read(prompt, system)
    zh = shape.zh if shape.zh is not None else is_cjk(prompt)
    said = _curated().get(key(prompt)) or plain.reply(plain.Asked(asked, zh, [t for t in earlier if t != prompt]))
    if said is None:
        wish = intent.detect(asked, is_cjk(asked)) if asked.strip() else intent.Intent("greeting")
        if wish.kind == "code":
            return code_samples.answer(asked, wish.form, zh)
        if wish.kind == "explain":
            said = plain.unknowable(plain.Asked(asked, zh))
        if said is None:
            said = (compose_zh if zh else compose_en).KINDS[wish.kind](wish, asked, random.Random(seed))
    return constraints.shape(said, shape, prompt, seed, zh)
