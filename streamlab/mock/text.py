"""What the mock says, and how it cuts it into token-sized pieces. Deterministic: same prompt and seed, same text."""

from __future__ import annotations

import hashlib
import random
import re

from .answers import CURATED

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "\u3000-\u303f\uff00-\uffef"
_CJK_RE = re.compile(f"[{_CJK}]")
_CJK_PUNCT_RE = re.compile(f"[{_CJK_PUNCT}]")
_SEGMENTS = re.compile(f"[{_CJK}]+|[{_CJK_PUNCT}]+|[^{_CJK}{_CJK_PUNCT}]+")
# Roughly how byte-pair tokenizers cut English: a word with its leading space, short digit runs, punctuation.
_PIECE = re.compile(r"'(?:s|t|re|ve|m|ll|d)\b| ?[^\W\d_]+| ?\d{1,3}| ?[^\s\w]+|\s+(?!\S)|\s+|_+")
_SUFFIXES = ("ations", "ation", "tions", "tion", "ments", "ment", "ness", "ing", "able", "ally", "ers", "ed", "ly")


def is_cjk(text: str) -> bool:
    return bool(_CJK_RE.search(text))


def normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("summarize", "summarise")
    text = " ".join(text.lower().split())
    return text.rstrip(" .!?。！？")


def stable_hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _split_long_word(piece: str) -> list[str]:
    """Long words become two pieces, at a common suffix when there is one (as BPE vocabularies tend to)."""
    word = piece.lstrip(" ")
    if len(word) < 10 or not word.isalpha():
        return [piece]
    for suffix in _SUFFIXES:
        if word.lower().endswith(suffix) and len(word) - len(suffix) >= 4:
            return [piece[:-len(suffix)], piece[-len(suffix):]]
    cut = len(piece) - len(word) + (len(word) + 1) // 2
    return [piece[:cut], piece[cut:]]


def _cjk_pieces(run: str) -> list[str]:
    pieces, i = [], 0
    while i < len(run):
        size = 1 if (ord(run[i]) + i) % 3 == 0 or i == len(run) - 1 else 2
        pieces.append(run[i:i + size])
        i += size
    return pieces


def tokenize(text: str) -> list[str]:
    """Token-sized pieces whose concatenation is exactly `text`."""
    pieces: list[str] = []
    for segment in _SEGMENTS.findall(text):
        if _CJK_RE.match(segment):
            pieces += _cjk_pieces(segment)
        elif _CJK_PUNCT_RE.match(segment):
            pieces += list(segment)
        else:
            for piece in _PIECE.findall(segment):
                pieces += _split_long_word(piece)
    return pieces


def count_tokens(text: str) -> int:
    return len(tokenize(text))


# ---- generated answers, for prompts without a curated one -------------------------------------------------
_STOP = set("""a an the and or but of to in on at for with about from into by as is are was were be been being it
its this that these those what which who whom whose why how when where can could should would will shall may might
do does did done please me my you your i we our us tell explain describe write give list show make let short long
brief simple some any one two three four five words word sentences sentence paragraph paragraphs work works
working worked happen happens mean means use used using make makes like need needs difference between""".split())
_LEAD = re.compile(
    r"^(?:please\s+)?(?:(?:can|could|would)\s+you\s+)?(?:please\s+)?"
    r"(?:explain|describe|summari[sz]e|define|discuss|outline|compare|contrast|list|tell\s+me\s+about|tell\s+me|"
    r"teach\s+me\s+about|"
    r"write\s+(?:me\s+)?(?:\d+\s+words\s+|(?:a|an)\s+(?:short\s+|long\s+|brief\s+)?(?:\w+\s+)?)?about|what\s+is|"
    r"what\s+are|"
    r"what's|give\s+me\s+an?\s+overview\s+of|give\s+me)\s+", re.IGNORECASE)
# "write a long, detailed explanation of X" → X: the form asked for is not the topic.
_FORM = re.compile(
    r"^(?:(?:write|give|tell|make|create|compose|draft)\s+(?:me\s+)?)?(?:(?:a|an|the)\s+)?(?:[\w-]+,?\s+){0,3}?"
    r"(?:explanation|overview|story|paragraph|summary|description|essay|introduction|guide|poem|note|article)s?"
    r"\s+(?:of|about|on|for)\s+", re.IGNORECASE)
_QUESTION = re.compile(r"^(?:how|why|when|where|who|which|can|should|is|are|does|do|will|would)\b", re.IGNORECASE)
_GREETINGS = {"hi", "hello", "hey", "hi there", "hello there", "good morning", "good evening", "test"}
_WORDS = re.compile(r"\b(\d{2,4})\s+words\b", re.IGNORECASE)

_OPEN_TOPIC = [
    "Here is a short overview of {topic}.",
    "Let's walk through {topic} one step at a time.",
    "{Topic}: it all gets easier to follow once you see how the parts fit together.",
    "Good question. With {topic}, it pays to look at the basics first.",
]
_OPEN_QUESTION = [
    "Good question. The short answer depends on a few ideas that build on each other.",
    "That comes down to a handful of ideas, so let's take them in order.",
    "Here is how I would think about it, one step at a time.",
]
_BODY = [
    "Start with the core idea: what it is, which problem it solves, and who relies on it day to day.",
    "The terms worth holding on to here are {terms}.",
    "A small, concrete example usually teaches more than a long definition, so try one before going deeper.",
    "Most confusion comes from mixing up what something does with how it does it, so keep the two apart.",
    "It also helps to look at the trade-offs, because every design choice makes something easier and "
    "something else harder.",
    "When you test your understanding, compare what you expect to happen with what actually happens.",
    "Pay attention to the role of {term}, since that is usually where the interesting behaviour lives.",
    "Experienced practitioners tend to keep things simple at first and add detail only when it pays off.",
    "Write down the one or two facts you are unsure about, and check them against a reliable source.",
    "Seen from a distance, the pieces form a simple pipeline: an input goes in, some work happens, and a "
    "result comes out.",
]
_CLOSE = [
    "If you'd like, I can go deeper into any of these points.",
    "From there, the remaining details tend to fall into place quickly.",
    "That should give you a solid footing to explore further.",
]
_ZH_OPEN = ["关于“{topic}”，可以从三个方面来理解。", "“{topic}”这个问题，我们一步一步来看。", "简单来说，“{topic}”并没有看上去那么复杂。"]
_ZH_FIRST = "首先，要弄清它是什么，以及它要解决什么问题。"
_ZH_BODY = ["接着，看看它在实际中是怎样工作的，最好配合一个具体的小例子。", "同时，留意它的优点和代价，每一种设计都有取舍。",
            "另外，把不确定的地方记下来，再去可靠的资料里核对。", "在实践中，先从最简单的做法开始，需要时再逐步加入细节。"]
_ZH_CLOSE = ["最后，留意常见的误区和限制，这样用起来才更有把握。", "如果需要，我可以再展开讲讲其中任何一点。"]
_ZH_LEAD = re.compile(r"^(?:请你|请|能否|可以)?(?:简单|简要|详细)?地?(?:解释一下|解释|介绍一下|介绍|说明一下|说明|讲讲|谈谈|说说)?"
                      r"(?:一下)?(?:什么是)?")


def _terms(prompt: str) -> list[str]:
    seen: list[str] = []
    for word in re.findall(r"[A-Za-z][A-Za-z0-9+#.-]*[A-Za-z0-9+#]|[A-Za-z]", prompt):
        if (len(word) >= 4 or word.isupper()) and word.lower() not in _STOP and word.lower() not in seen:
            seen.append(word.lower() if not word.isupper() else word)
    return seen[:3]


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _english(prompt: str, rng: random.Random) -> str:
    clean = " ".join(prompt.split()).rstrip(" .!?")
    terms = _terms(clean)
    if _QUESTION.match(clean) and not _LEAD.match(clean):
        opener = rng.choice(_OPEN_QUESTION)
    else:
        topic = " ".join(_FORM.sub("", _LEAD.sub("", clean)).split()[:10]) or "your question"
        if topic[:1].isupper() and topic[1:2].islower():
            topic = topic[0].lower() + topic[1:]
        template = rng.choice(_OPEN_TOPIC)
        opener = template.format(topic=topic, Topic=topic[0].upper() + topic[1:])
    body = [s for s in _BODY if ("{terms}" not in s or len(terms) >= 2) and ("{term}" not in s or terms)]
    wanted = _WORDS.search(clean)
    target = min(int(wanted.group(1)), 2000) if wanted else 0
    sentences = [opener]
    order = rng.sample(body, len(body))
    while len(sentences) < 4 or sum(len(s.split()) for s in sentences) < target - 10:
        sentences.append(order[(len(sentences) - 1) % len(order)])
    sentences.append(rng.choice(_CLOSE))
    text = " ".join(sentences)
    return text.replace("{terms}", _join(terms[:3]) if terms else "").replace("{term}", terms[0] if terms else "")


def _chinese(prompt: str, rng: random.Random) -> str:
    topic = _ZH_LEAD.sub("", prompt.strip()).rstrip("？?。.！!").strip() or "这个问题"
    topic = topic[:20]
    body = [_ZH_BODY[i] for i in sorted(rng.sample(range(len(_ZH_BODY)), 2))]
    return rng.choice(_ZH_OPEN).format(topic=topic) + _ZH_FIRST + "".join(body) + rng.choice(_ZH_CLOSE)


def answer(prompt: str, seed: str) -> str:
    """The curated answer for a lesson prompt, else a generated one on the prompt's topic."""
    curated = CURATED.get(normalise(prompt))
    if curated:
        return curated
    rng = random.Random(seed)
    if not prompt.strip() or normalise(prompt) in _GREETINGS:
        return ("Hi! I'm the StreamLab mock model. Ask me a question and I'll stream the answer back to you, "
                "one token at a time.")
    return _chinese(prompt, rng) if is_cjk(prompt) else _english(prompt, rng)
