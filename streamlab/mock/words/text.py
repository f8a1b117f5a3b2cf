"""What the mock says, and how it cuts it into token-sized pieces. Deterministic: same prompt and seed, same text."""

from __future__ import annotations

import hashlib
import re

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


def key(prompt: str) -> str:
    """How curated answers are looked up: `normalise`, and for Chinese no spaces ("写一个 Python 快速排序")."""
    normal = normalise(prompt)
    return re.sub(r"\s+", "", normal) if is_cjk(normal) else normal
