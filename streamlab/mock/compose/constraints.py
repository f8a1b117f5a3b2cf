"""How an answer is shaped, as the prompt and the system prompt ask: "in N words", "in one sentence", upper case,
"only JSON" with the fields the prompt names, the system prompt's language and persona. `read` takes these off a
prompt (what is left is what is asked); `shape` applies them to the answer."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..knowledge.personas import PERSONAS
from ..words import schema
from .intent import NUMBERS

PERSONA_NAMES = {"pirate": "pirate", "海盗": "pirate", "cowboy": "cowboy", "牛仔": "cowboy", "robot": "robot",
                 "机器人": "robot", "shakespeare": "shakespeare", "莎士比亚": "shakespeare"}
NUMBER_FIELDS = re.compile(r"age|count|number|year|price|total|amount|quantity|score|size|population", re.I)
SPOKEN = r"\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|fifty"
CLAUSES = [  # (what the prompt says, the constraint it sets)
    (re.compile(r"[,.;:]?\s*\b(?:answer |reply |respond |write (?:it )?)?(?:in|using) (?:all )?(?:upper ?case|capital "
                r"letters|caps)(?: letters)?\b|[,.;:]?\s*\ball caps\b|(?:用|全部)?大写(?:字母)?(?:回答)?", re.I),
     "upper"),
    (re.compile(r"[,.;:]?\s*\b(?:answer |reply |explain (?:it )?)?in (?:one|a single|1) sentence\b|"
                r"用一句话(?:回答|说明|解释)?", re.I), "one_sentence"),
    (re.compile(rf"[,.;:]?\s*\b(?:answer |reply )?in (?:at most |under |exactly |no more than )?({SPOKEN}) words?\b",
                re.I), "words"),
    (re.compile(r"[,.;:]?\s*\b(?:reply|answer|respond|return|output)?\s*(?:with )?(?:only|just) (?:with )?(?:valid )?"
                r"json\b|[,.;:]?\s*\bjson only\b|只(?:返回|输出|用)\s*json", re.I), "json"),
]
FIELDS = re.compile(r"\b(?:with|containing|having|using) (?:the )?(?:fields?|keys?|properties) ([\w ,]+?)"
                    r"(?:\s+(?:for|about|of|from)\b|[.?!]|$)", re.I)


@dataclass
class Shape:
    upper: bool = False
    one_sentence: bool = False
    words: int = 0
    json_fields: list[str] | None = None  # only JSON: with these fields ([] for none named)
    persona: str = ""
    zh: bool | None = None  # the system prompt's language, if it names one


def read(prompt: str, system: str = "") -> tuple[str, Shape]:
    """(the prompt without its constraints, the constraints)."""
    shape, rest = Shape(), prompt
    for pattern, kind in CLAUSES:
        found = pattern.search(rest)
        if not found:
            continue
        if kind == "words":
            value = found.group(1).lower()
            shape.words = int(value) if value.isdigit() else {**NUMBERS, "one": 1, "twelve": 12, "twenty": 20,
                                                              "fifty": 50}[value]
        elif kind == "json":
            fields = FIELDS.search(rest)
            shape.json_fields = re.findall(r"\w+", re.sub(r"\band\b", ",", fields.group(1))) if fields else []
        else:
            setattr(shape, kind, True)
        rest = (rest[:found.start()] + rest[found.end():]).strip()
    rest = FIELDS.sub(" ", rest).strip() if shape.json_fields is not None else rest
    persona = re.search(r"\b(?:you are|you're|act as|talk like|speak like|answer like)\s+(?:an?\s+)?(\w+)|"
                        r"你是(?:一[个名位只])?([\u4e00-\u9fff]{2,4})", system, re.I)
    if persona:
        shape.persona = PERSONA_NAMES.get((persona.group(1) or persona.group(2) or "").lower(), "")
    if re.search(r"\b(?:in|use) (?:chinese|mandarin)\b|用中文|使用中文|中文回答|说中文", system, re.I):
        shape.zh = True
    elif re.search(r"\b(?:in|use) english\b|用英文|用英语|英文回答", system, re.I):
        shape.zh = False
    return rest.strip(" ,;:") or prompt, shape


def shape(answer: str, constraints: Shape, prompt: str, seed: str, zh: bool) -> str:
    """`answer` as the constraints ask for it."""
    if constraints.json_fields == []:  # only JSON, no fields named: the answer in one
        return json.dumps({"answer": answer}, ensure_ascii=False)
    if constraints.json_fields:  # the fields the prompt names, filled from what it states
        properties = {name: {"type": "integer" if NUMBER_FIELDS.search(name) else "string"}
                      for name in constraints.json_fields}
        return json.dumps(schema.generate({"type": "object", "properties": properties, "required": list(properties),
                                           "additionalProperties": False}, prompt, seed), ensure_ascii=False)
    if constraints.one_sentence:
        first = re.match(r".+?(?:[.!?](?=\s|$)|[。！？])", answer.strip().replace("\n", " "), re.S)
        answer = first.group(0) if first else answer
    if constraints.words:
        answer = _cut(answer, constraints.words, zh)
    if constraints.persona:
        answer = _persona(answer, PERSONAS[constraints.persona], zh)
    return answer.upper() if constraints.upper else answer


def _cut(answer: str, size: int, zh: bool) -> str:
    if zh:
        kept = re.sub(r"\s+", "", answer)
        return kept if len(kept) <= size else kept[:size].rstrip("，、；：") + "。"
    words = re.sub(r"^\d+[.)]\s*", "", answer, flags=re.M).split()
    if len(words) <= size:
        return " ".join(words)
    return " ".join(words[:size]).rstrip(",;:—-.") + "."


def _persona(answer: str, persona: dict, zh: bool) -> str:
    if zh:
        return persona["open_zh"] + answer + persona["close_zh"]
    for word, swapped in persona["swap"].items():
        answer = re.sub(rf"\b{re.escape(word)}\b", lambda m, s=swapped: s.capitalize() if m.group(0)[0].isupper()
                        else s, answer, flags=re.I)
    return persona["open"] + answer + persona["close"]
