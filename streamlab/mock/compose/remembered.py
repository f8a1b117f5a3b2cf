"""What the user tells about themselves: an introduction answered ("My name is Ada, and I'm learning X"), and
what they said earlier in the conversation given back when asked ("What is my name?"). Data first, then the
rule (one of streamlab.mock.compose.plain's, tried in its order)."""

from __future__ import annotations

import re

from ..words.text import is_cjk
from .asked import Asked

REMEMBERED = [  # (what the user said, earlier; the question that asks for it; the answer; 中文)
    (r"\bmy name is ([A-Z][\w'-]*(?: [A-Z][\w'-]*)?)|\bcall me ([A-Z][\w'-]*)|\bi'?m called ([A-Z][\w'-]*)",
     r"\bwhat(?:'s| is) my name\b|\bwho am i\b|\b(?:know|remember) my name\b", "Your name is {}.",
     r"我叫([\u4e00-\u9fffA-Za-z]{1,8}?)(?:[，。！,.!]|$)|我的名字是([\u4e00-\u9fffA-Za-z]{1,8}?)(?:[，。！,.!]|$)",
     r"我叫什么|我的名字是什么|我是谁", "你叫{}。"),
    (r"\bi live in ([A-Z][\w'-]*(?: [A-Z][\w'-]*)?)", r"\bwhere do i live\b", "You live in {}.",
     r"我住在([\u4e00-\u9fff]{1,8}?)(?:[，。！,.!]|$)", r"我住在哪", "你住在{}。"),
    (r"\bi am (\d{1,3}) years old|\bi'm (\d{1,3}) years old", r"\bhow old am i\b", "You are {} years old.",
     r"我今年(\d{1,3})岁|我(\d{1,3})岁", r"我几岁|我多大", "你今年{}岁。"),
    (r"\bmy favou?rite colou?r is (\w+)", r"\bwhat(?:'s| is) my favou?rite colou?r\b", "Your favourite colour is {}.",
     r"我最喜欢的颜色是([\u4e00-\u9fff]{1,4}?)(?:[，。！,.!]|$)", r"我最喜欢的颜色是什么|我最喜欢什么颜色",
     "你最喜欢的颜色是{}。"),
]


def remembered(asked: Asked) -> str | None:
    for told, question, answer, told_zh, question_zh, answer_zh in REMEMBERED:
        if not re.search(question_zh if is_cjk(asked.text) else question, asked.text, re.I):
            continue
        for said in reversed(asked.earlier):
            found = re.search(told_zh if is_cjk(said) else told, said, re.I)
            if found:
                value = next(g for g in found.groups() if g)
                return answer_zh.format(value) if asked.zh else answer.format(value)
        return "你还没有在这次对话里告诉过我。" if asked.zh else "You haven't told me that in this conversation."
    text = asked.text.strip()  # an introduction, and maybe what they are learning
    named = re.match(r"^(?:hi|hello|hey)?[,!.\s]*my name is ([A-Z][\w'-]*)(?:[,.!]? *(?:and )?i'?m "
                     r"(?:learning|studying) (.+?))?[.!]?$", text, re.I) or \
        re.match(r"^(?:你好[，,！!]?)?我叫([\u4e00-\u9fffA-Za-z]{1,8}?)(?:[，,]?我?正在学习?(.+?))?[。！!.]?$", text)
    if not named:
        return None
    name, topic = named.groups()
    if topic:
        return (f"很高兴认识你，{name}！我很乐意帮你学习{topic}：你想先了解什么？" if asked.zh else
                f"Nice to meet you, {name}! Happy to help you learn {topic}: what would you like to know first?")
    return f"很高兴认识你，{name}！" if asked.zh else f"Nice to meet you, {name}! How can I help you today?"
