"""What a reasoning model thinks before it answers: a few short paragraphs about the prompt, deterministic.

The wire modules decide whether a request asks for thinking (each API has its own switch) and how to send it
(`delta.reasoning_content`, a `thinking` block, reasoning summary parts); this module only says what the
thinking is. Paragraphs are separated by a `BREAK` piece, so a format that streams one part per paragraph
(Responses summaries) can split them again.
"""

from __future__ import annotations

import base64
import hashlib
import random
import re

from ..words import text

BREAK = "\n\n"
QUOTE_WORDS = 16
QUOTE_CHARS = 30  # for a Chinese prompt

# Curated thinking for the reasoning lesson's prompts (keys normalised with `text.normalise`); the answers are in
# `answers.CURATED`.
CURATED = {
    "a bat and a ball cost $1.10 in total. the bat costs $1.00 more than the ball. how much does the ball cost": [
        "A bat and a ball cost $1.10 together, and the bat costs $1.00 more than the ball. I need the price of "
        "the ball.",
        "The number that jumps out is 10 cents. Let me check it: if the ball is $0.10, the bat is $1.00 more, "
        "so $1.10, and together that makes $1.20. That's 10 cents too much, so 10 cents is wrong.",
        "Let me set it up properly. Call the ball x. Then the bat is x + 1.00, and together x + (x + 1.00) = "
        "1.10. So 2x = 0.10, and x = 0.05.",
        "Check: the ball is $0.05 and the bat is $1.05. The difference is $1.00 and the total is $1.10. Both "
        "conditions hold.",
        "So the ball costs 5 cents. I'll give the answer first, then say briefly why 10 cents is the tempting "
        "wrong answer.",
    ],
    "球拍和球一共 1.10 元，球拍比球贵 1 元。球多少钱": [
        "题目是：球拍和球一共 1.10 元，球拍比球贵 1 元，问球多少钱。",
        "直觉答案是 0.10 元。验证一下：球 0.10 元，球拍就是 1.10 元，加起来 1.20 元，多了 0.10 元，所以不对。",
        "设球的价格为 x，球拍就是 x + 1。两者相加：x + (x + 1) = 1.10，得到 2x = 0.10，x = 0.05。",
        "再检查一遍：球 0.05 元，球拍 1.05 元，相差 1 元，总共 1.10 元，两个条件都满足。",
        "结论：球是 0.05 元，也就是 5 分钱。回答时先给结论，再简单说明为什么 0.10 元是常见的错误答案。",
    ],
}

_UNDERSTAND = [
    'Let me make sure I understand the request before I answer. It says: "{quote}"',
    'Okay, what is really being asked here? The question is: "{quote}"',
    'I should work out what a useful answer looks like. The request again: "{quote}"',
]
_RECALL = [
    "The key terms are {terms}. I should pin down what each of them means here before putting them together.",
    "First, what do I actually know about {term}? I should start from the basics and build up from there.",
]
_RECALL_PLAIN = "First, what do I actually know here? The basics should come first, then the details."
_CHECK = [
    "Wait, is there a common misunderstanding I should address? People often mix up what something does with "
    "how it does it, so I should keep those apart.",
    "Hmm, I shouldn't assume too much. A small concrete example would make this clearer than a definition.",
    "Let me check the edge cases. If the short version is wrong in some situation, the answer should say so.",
]
_PLAN = [
    "Okay, plan: open with the short answer, then the main idea, then one example. Keep it brief.",
    "So the answer should be short and direct: the main point first, then the reasoning behind it.",
    "Alright, I have enough. I'll answer in a few clear sentences and offer to go deeper.",
]
_ZH_UNDERSTAND = [
    "用户问：“{quote}”我先想一想，对方真正想知道的是什么。",
    "好，这个问题是：“{quote}”先弄清楚问题的重点在哪里。",
]
_ZH_RECALL = [
    "首先回忆一下基本概念：它是什么，解决什么问题，在什么场景下会用到。",
    "我先从最基础的部分想起：它的定义和作用，然后再看细节。",
]
_ZH_CHECK = [
    "等一下，这里有没有容易混淆的地方？如果有，回答里应该点出来。",
    "嗯，光讲定义可能太抽象，最好配一个具体的小例子。",
]
_ZH_PLAN = [
    "好，思路清楚了：先给出简短的结论，再分几点解释，最后补充需要注意的地方。",
    "那就这样回答：结论放在前面，解释要简洁，不确定的地方要说明。",
]


def _quote(prompt: str) -> str:
    """The prompt as a sentence to quote: cut when long, closed with a full stop when it has no end mark."""
    if text.is_cjk(prompt):
        clean = "".join(prompt.split())
        quote = clean if len(clean) <= QUOTE_CHARS else clean[:QUOTE_CHARS] + "…"
        return quote if quote[-1] in "。？！…?!" else quote + "。"
    words = prompt.split()
    quote = " ".join(words) if len(words) <= QUOTE_WORDS else " ".join(words[:QUOTE_WORDS]) + "…"
    return quote if quote[-1] in ".?!…" else quote + "."


_STOP = set("""what which when where why how does have with that this from into about explain describe tell write
give list name show please would could should there their them they your make between""".split())


def _terms(prompt: str) -> list[str]:
    """Up to three words of the prompt an answer on its topic would also use (no question or filler words)."""
    seen: list[str] = []
    for word in re.findall(r"[A-Za-z][A-Za-z0-9+#.-]*[A-Za-z0-9+#]|[A-Za-z]", prompt):
        if (len(word) >= 4 or word.isupper()) and word.lower() not in _STOP and word.lower() not in seen:
            seen.append(word if word.isupper() else word.lower())
    return seen[:3]


def _english(prompt: str, rng: random.Random) -> list[str]:
    terms = _terms(prompt)  # the words an answer on this topic would also use
    recall = rng.choice(_RECALL[len(terms) < 2:]) if terms else _RECALL_PLAIN
    recall = recall.format(terms=" and ".join(terms[:2]), term=terms[0] if terms else "")
    return [rng.choice(_UNDERSTAND).format(quote=_quote(prompt)), recall, rng.choice(_CHECK), rng.choice(_PLAN)]


def _chinese(prompt: str, rng: random.Random) -> list[str]:
    return [rng.choice(_ZH_UNDERSTAND).format(quote=_quote(prompt)), rng.choice(_ZH_RECALL),
            rng.choice(_ZH_CHECK), rng.choice(_ZH_PLAN)]


def thoughts(prompt: str) -> list[str]:
    """The thinking about `prompt`, as paragraphs: the same prompt always gets the same thoughts, on every API."""
    key = text.normalise(prompt)
    if key in CURATED:
        return CURATED[key]
    rng = random.Random(text.stable_hash("reasoning", key))
    return _chinese(prompt.strip(), rng) if text.is_cjk(prompt) else _english(prompt.strip() or "Hello", rng)


def pieces(prompt: str) -> list[str]:
    """The thinking in token-sized pieces, a `BREAK` piece between paragraphs."""
    found: list[str] = []
    for paragraph in thoughts(prompt):
        found += ([BREAK] if found else []) + text.tokenize(paragraph)
    return found


def parts(thinking: list[str]) -> list[list[str]]:
    """Pieces split back into paragraphs (the `BREAK` pieces dropped): one reasoning summary part each."""
    found: list[list[str]] = [[]]
    for piece in thinking:
        if piece == BREAK:
            found.append([])
        else:
            found[-1].append(piece)
    return [part for part in found if part]


def signature(seed: str, thinking: str) -> str:
    """An opaque value standing for the provider's signature over a thinking block (never meant to be read)."""
    digest = hashlib.sha256(f"{seed}\x1f{thinking}".encode()).digest()
    return base64.b64encode(digest * 3).decode()
