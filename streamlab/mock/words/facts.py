"""What a prompt states: names, numbers with the words around them, places, e-mail addresses, lists.

The schema engine fills a field from here when the prompt states a value for it ("Jason is 25" → name
"Jason", age 25); each fact is handed out once, so two fields do not get the same number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CITIES = ("New York", "San Francisco", "Los Angeles", "Mexico City", "Buenos Aires", "Rio de Janeiro", "Hong Kong",
          "Cape Town", "Paris", "Tokyo", "London", "Berlin", "Madrid", "Rome", "Sydney", "Beijing", "Shanghai",
          "Singapore", "Seoul", "Mumbai", "Delhi", "Cairo", "Moscow", "Toronto", "Chicago", "Amsterdam", "Vienna",
          "Lisbon", "Dublin", "Stockholm", "Oslo", "Helsinki", "Copenhagen", "Zurich", "Istanbul", "Dubai",
          "Bangkok", "Nairobi", "Lagos", "Boston", "Seattle", "Melbourne", "Edinburgh", "Prague", "Warsaw",
          "Athens", "Barcelona", "Vancouver", "巴黎", "东京", "伦敦", "北京", "上海", "纽约", "柏林", "香港",
          "里斯本", "罗马", "马德里", "首尔", "新加坡", "悉尼", "广州", "深圳", "杭州", "成都", "西安")
_CITY_RE = re.compile("|".join(rf"(?<![A-Za-z]){re.escape(c)}(?![A-Za-z])" for c in CITIES), re.IGNORECASE)
ALIASES = {"SF": "San Francisco", "NYC": "New York", "LA": "Los Angeles", "DC": "Washington", "HK": "Hong Kong"}
_ALIAS_RE = re.compile(r"(?<![A-Za-z])(" + "|".join(ALIASES) + r")(?![A-Za-z])")


def cities_in(prompt: str) -> list[str]:
    """Cities the prompt names, in order, abbreviations ("SF", "NYC") spelled out."""
    found: list[tuple[int, str]] = []
    for match in _CITY_RE.finditer(prompt):
        found.append((match.start(), next(c for c in CITIES if c.lower() == match.group(0).lower())))
    found += [(match.start(), ALIASES[match.group(1)]) for match in _ALIAS_RE.finditer(prompt)]
    names: list[str] = []
    for _, name in sorted(found):
        if name not in names:
            names.append(name)
    return names


NUMBER = re.compile(r"(?<![\w.])\$?(\d+(?:[.,]\d+)?)(?![\w.]*\d)")
WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "a dozen": 12, "twelve": 12, "twenty": 20}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
CAPITALISED = re.compile(r"\b[A-Z][a-zA-Z'’-]+(?:\s+(?:of\s+|de\s+)?[A-Z][a-zA-Z'’-]+)*")
# Capitalised words that are not names: sentence starters, pronouns, question words, days and months.
NOT_NAMES = set("""A An The This That These Those It Its I I'm I'll We You He She They My Our Your His Her Their
What Whats What's Which Who Whom Whose When Where Why How Is Are Was Were Do Does Did Can Could Would Should Will
Please Give Tell Write Extract Parse List Find Get Make Create Show Explain Describe Summarise Summarize Return
Generate Look Lookup Convert Solve Answer Help Say Let Plan Book Schedule Suggest Recommend Translate Draft
Here There Then And Or But If For From To In On At By
With Without About Also Yes No Not JSON API SQL Monday Tuesday Wednesday Thursday Friday Saturday Sunday
January February March April May June July August September October November December Mr Mrs Ms Dr
Hi Hello Hey Dear Thanks Thank Sure Okay OK Ok Reply Respond Output Only Just Fields Field""".split())
# Words near a number that tell which field it belongs to, by the field name's own words.
HINTS = {
    "age": ("years", "old", "age", "aged", "year-old", "岁", "年龄"),
    "nights": ("night", "nights", "晚", "夜", "晚上"),
    "days": ("day", "days", "天", "日"),
    "budget": ("budget", "€", "eur", "euro", "euros", "$", "dollars", "预算", "欧元", "元", "美元"),
    "eur": ("eur", "euro", "euros", "€", "欧元"),
    "price": ("$", "dollar", "dollars", "usd", "each", "price", "cost", "costs", "euro", "euros", "for"),
    "cost": ("$", "dollar", "dollars", "cost", "costs", "price"),
    "amount": ("$", "dollar", "dollars", "amount", "total"),
    "total": ("total", "$", "dollars"),
    "quantity": ("packs", "pack", "items", "pieces", "units", "boxes", "bottles", "x", "quantity", "of"),
    "count": ("count", "times", "items", "of"),
    "year": ("in", "year", "since"),
    "temperature": ("degrees", "°", "°c", "°f", "temperature"),
    "rating": ("stars", "rating", "out", "rated"),
    "score": ("score", "points", "out"),
}


COUNTRY_OF = {"San Francisco": "United States", "New York": "United States", "Los Angeles": "United States",
              "Chicago": "United States", "Boston": "United States", "Seattle": "United States",
              "Washington": "United States", "Paris": "France", "Tokyo": "Japan", "London": "United Kingdom",
              "Berlin": "Germany", "Madrid": "Spain", "Rome": "Italy", "Sydney": "Australia", "Beijing": "China",
              "Shanghai": "China", "Toronto": "Canada", "Mumbai": "India", "Seoul": "South Korea"}


@dataclass
class Number:
    value: float
    before: list[str]
    after: list[str]


@dataclass
class Facts:
    text: str
    numbers: list[Number] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    used: set = field(default_factory=set)

    def take_number(self, field_name: str) -> float | None:
        """The prompt's number that best fits a field called `field_name` (by the words around it), once."""
        words = set(re.findall(r"[a-z]+", field_name.lower()))
        hints = set(words)
        for word in words:
            hints.update(HINTS.get(word, ()))
        best, best_score = None, -1
        for i, number in enumerate(self.numbers):
            if ("n", i) in self.used:
                continue
            near = [_hint_word(w.lower(), hints) for w in number.before[-3:] + number.after[:3]]
            score = sum(2 if w in words else 1 for w in near if w in hints)
            if score > best_score:
                best, best_score = i, score
        if best is None or (best_score == 0 and words & set(HINTS)):
            return None  # a number with no word of this field's around it belongs to another field
        self.used.add(("n", best))
        return self.numbers[best].value

    def take(self, kind: str) -> str | None:
        values = getattr(self, kind)
        for i, value in enumerate(values):
            if (kind, i) not in self.used:
                self.used.add((kind, i))
                return value
        return None

    def items(self) -> list[str]:
        """Things the prompt lists ("SF and New York", "apples, pears and plums")."""
        if len(self.places) >= 2:
            return list(self.places)
        match = re.search(r"((?:[\w' -]+,\s*)+[\w' -]+?\s+(?:and|or)\s+[\w' -]+)", self.text)
        if not match:
            return _chinese_items(self.text)
        parts = re.split(r",\s*|\s+(?:and|or)\s+", match.group(1))
        return [p.strip() for p in parts if p.strip()][:8]


def _chinese_items(text: str) -> list[str]:
    """Things a Chinese prompt lists: "想去博物馆、市场和听法朵" → 博物馆, 市场, 听法朵."""
    match = re.search(r"([\u4e00-\u9fff\w]+(?:、[\u4e00-\u9fff\w]+)+(?:[和或与及][\u4e00-\u9fff\w]+)?)", text)
    if not match:
        return []
    parts = re.split(r"、|(?<=[\u4e00-\u9fff])[和或与及]", match.group(1))
    parts[0] = re.sub(r"^.*?(?:想去|要去|想要|包括|包含|比如|例如|有|去|要)+", "", parts[0]) or parts[0]
    return [p for p in parts if p][:8]


def _hint_word(word: str, hints: set[str]) -> str:
    """`word`, or the Chinese hint it starts or ends with: Chinese has no spaces, so "晚的行程" holds "晚"
    and "预算" ends "岁，预算"-style runs."""
    if word in hints or not re.match(r"[\u4e00-\u9fff]", word[:1] + word[-1:]):
        return word
    return next((h for h in hints if len(h) < len(word) and (word.startswith(h) or word.endswith(h))), word)


def _tokens(text: str) -> list[str]:
    return re.findall(r"\$|[\w'’°-]+", text)


def read(text: str) -> Facts:
    facts = Facts(text)
    for match in NUMBER.finditer(text):
        raw = match.group(1).replace(",", ".") if re.fullmatch(r"\d+,\d{1,2}", match.group(1)) else \
            match.group(1).replace(",", "")
        before = _tokens(text[:match.start()]) + (["$"] if match.group(0).startswith("$") else [])
        facts.numbers.append(Number(float(raw), before, _tokens(text[match.end():])))
    for word, value in WORD_NUMBERS.items():
        for match in re.finditer(rf"\b{word}\b", text, re.IGNORECASE):
            facts.numbers.append(Number(float(value), _tokens(text[:match.start()]), _tokens(text[match.end():])))
    facts.places = cities_in(text)
    facts.emails = EMAIL.findall(text)
    facts.dates = DATE.findall(text)
    for match in CAPITALISED.finditer(text):
        words = [w for w in match.group(0).split() if re.split(r"['’]", w)[0] not in NOT_NAMES]
        name = " ".join(words).strip(" '’")
        if name and name not in facts.places and name not in facts.names and not any(c.isdigit() for c in name):
            facts.names.append(name)
    return facts
