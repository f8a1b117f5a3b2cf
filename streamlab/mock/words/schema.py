"""One JSON-schema engine for the mock: a document that validates against the request's schema, with the
values the prompt states ("Jason is 25" → {"name": "Jason", "age": 25}) and plausible ones elsewhere.

Used for structured outputs on every wire format (Chat Completions `response_format`, Responses
`text.format`, Anthropic's output format) and for tool arguments. Deterministic: the same schema, prompt and
seed give the same document. Covers objects, arrays, `$defs`/`$ref`, enums, const, `anyOf`/`oneOf`/`allOf`,
nullable types, strings (with common formats and lengths), integers and numbers (with bounds), booleans.
"""

from __future__ import annotations

import json
import random
import re

from . import facts as prompt_facts
from .text import stable_hash

MAX_DEPTH = 6
WORDS = ("river", "garden", "signal", "harbor", "lantern", "meadow", "copper", "summit", "orbit", "canyon")
PROSE_FIELDS = ("description", "summary", "explanation", "reasoning", "answer", "text", "content", "comment",
                "note", "notes", "reason", "message", "body", "details", "output", "result", "step", "response")
NAME_FIELDS = ("name", "first_name", "last_name", "full_name", "person", "author", "user", "customer", "title",
               "product", "item", "company", "brand", "character", "artist", "owner", "participant", "who",
               "traveller", "traveler", "guest", "passenger")
PLACE_FIELDS = ("city", "location", "place", "town", "destination", "origin", "address", "region")


def words_of(name: str) -> list[str]:
    return re.findall(r"[a-z]+", re.sub(r"([a-z])([A-Z])", r"\1 \2", name).lower())


class Engine:
    def __init__(self, root: dict, text: str, seed: str, include_enums: bool = False):
        self.root = root if isinstance(root, dict) else {}
        self.include_enums = include_enums  # tool arguments: optional enum parameters are set, as models do
        self.facts = prompt_facts.read(text)
        self.text = text
        self.seed = seed

    def rng(self, path: str) -> random.Random:
        return random.Random(stable_hash(self.seed, path))

    # --- schema plumbing ------------------------------------------------------------------------------
    def resolve(self, schema) -> dict:
        seen = 0
        while isinstance(schema, dict) and "$ref" in schema and seen < 20:
            target = self.root
            for part in str(schema["$ref"]).lstrip("#/").split("/"):
                if not part:
                    continue
                target = target.get(part.replace("~1", "/").replace("~0", "~"), {}) if isinstance(target, dict) else {}
            extra = {k: v for k, v in schema.items() if k != "$ref"}
            schema, seen = {**target, **extra}, seen + 1
        return schema if isinstance(schema, dict) else {}

    def value(self, schema, name: str = "", path: str = "$", depth: int = 0):
        schema = self.resolve(schema)
        if "const" in schema:
            return schema["const"]
        if schema.get("enum"):
            return self.choose(schema["enum"], name, path)
        for key in ("anyOf", "oneOf"):
            if isinstance(schema.get(key), list) and schema[key]:
                branches = [self.resolve(b) for b in schema[key]]
                real = [b for b in branches if b.get("type") != "null"] or branches
                return self.value(real[0], name, path, depth)
        if isinstance(schema.get("allOf"), list):
            merged = {k: v for k, v in schema.items() if k != "allOf"}
            for part in schema["allOf"]:
                part = self.resolve(part)
                merged = {**merged, **part,
                          "properties": {**merged.get("properties", {}), **part.get("properties", {})},
                          "required": [*merged.get("required", []), *part.get("required", [])]}
            return self.value(merged, name, path, depth)
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), "null")
        if kind is None:
            kind = "object" if "properties" in schema else "array" if "items" in schema else "string"
        if depth > MAX_DEPTH and kind in ("object", "array"):
            return {} if kind == "object" else []
        return getattr(self, f"_{kind}", self._string)(schema, name, path, depth)

    # --- kinds ----------------------------------------------------------------------------------------
    def _object(self, schema, name, path, depth):
        props = schema.get("properties") or {}
        required = set(schema.get("required") or [])
        document = {}
        for key, prop in props.items():
            if key in required or self.stated(key) or (self.include_enums and self.resolve(prop).get("enum")):
                document[key] = self.value(prop, key, f"{path}.{key}", depth + 1)
        if not props and schema.get("additionalProperties") not in (False, None):
            extra = schema["additionalProperties"] if isinstance(schema["additionalProperties"], dict) else {}
            document[WORDS[self.rng(path).randrange(len(WORDS))]] = self.value(extra, "", f"{path}.*", depth + 1)
        return document

    def _array(self, schema, name, path, depth):
        low = int(schema.get("minItems", 0))
        high = int(schema.get("maxItems", max(low, 8)))
        item = self.resolve(schema.get("items") or {})
        if item.get("enum"):
            return self.choose_several(item["enum"], low, high, path)
        listed = self.facts.items()
        count = len(listed) if listed and item.get("type", "string") == "string" else 2 + self.rng(path).randrange(2)
        count = max(low, min(high, count))
        values = []
        for i in range(count):
            if listed and i < len(listed) and item.get("type", "string") == "string" and not item.get("enum"):
                values.append(self.fit_string(item, listed[i]))
            else:
                values.append(self.value(item, _singular(name), f"{path}[{i}]", depth + 1))
        if schema.get("uniqueItems"):
            unique = []
            for v in values:
                if v not in unique:
                    unique.append(v)
            values = unique if len(unique) >= low else values
        return values

    def _string(self, schema, name, path, depth):
        fmt = schema.get("format", "")
        rng = self.rng(path)
        if fmt == "date-time":
            value = (self.facts.take("dates") or "2025-11-04") + "T09:30:00Z"
        elif fmt == "date":
            value = self.facts.take("dates") or "2025-11-04"
        elif fmt == "time":
            value = "09:30:00"
        elif fmt == "email":
            value = self.facts.take("emails") or "alex@example.com"
        elif fmt in ("uri", "url"):
            value = "https://example.com/" + WORDS[rng.randrange(len(WORDS))]
        elif fmt == "uuid":
            digits = stable_hash(self.seed, path)
            value = f"{digits[:8]}-{digits[8:12]}-4{digits[13:16]}-a{digits[17:20]}-{digits[20:32]}"
        else:
            value = self.stated_string(name) or self.named_enum(name, path) or self.plausible_string(name, rng)
        return self.fit_string(schema, value)

    def _integer(self, schema, name, path, depth):
        return int(round(self.number(schema, name, path, whole=True)))

    def _number(self, schema, name, path, depth):
        return self.number(schema, name, path, whole=False)

    def _boolean(self, schema, name, path, depth):
        words = [w for w in words_of(name) if len(w) > 2 and w not in ("is", "has")]
        lowered = self.text.lower()
        for word in words:
            if re.search(rf"\b(?:not|no|never|isn't|wasn't|un){word[:5]}", lowered):
                return False
            if word[:5] in lowered:
                return True
        return False

    def _null(self, schema, name, path, depth):
        return None

    # --- values ---------------------------------------------------------------------------------------
    def stated(self, key: str) -> bool:
        """Whether the prompt says something for an optional field called `key`: its name, or a place for a
        location field ("What's the weather in SF?" fills an optional `location`)."""
        words = words_of(key)
        if set(words) & {w for f in PLACE_FIELDS for w in words_of(f)} and self.facts.places:
            return True
        return any(len(w) > 2 and w in self.text.lower() for w in words)

    def choose(self, options: list, name: str, path: str):
        lowered = self.text.lower()
        for option in options:
            spoken = str(option).lower().replace("_", " ").replace("-", " ")
            if spoken and re.search(rf"\b{re.escape(spoken)}", lowered):
                return option
        for option in options:  # a word of a multi-word option ("delivered_on_time" ← "delivered")
            if any(len(w) > 3 and re.search(rf"\b{re.escape(w)}", lowered) for w in words_of(str(option))):
                return option
        return options[0]  # the first choice is the schema's own default

    def choose_several(self, options: list, low: int, high: int, path: str) -> list:
        """Distinct enum values: those the prompt mentions first, then others, between low and high of them."""
        lowered = self.text.lower()
        mentioned = [o for o in options if any(len(w) > 3 and re.search(rf"\b{re.escape(w)}", lowered)
                                               for w in words_of(str(o)))]
        others = [o for o in options if o not in mentioned]
        self.rng(path).shuffle(others)
        count = max(low, min(high, len(mentioned) or 2, len(options)))
        return (mentioned + others)[:count] if count else []

    def named_enum(self, name: str, path: str):
        """For a free string field named like one of the schema's enums (`column` ↔ `$defs.Column`), a value
        of that enum, as a model would write."""
        wanted = "".join(words_of(name))
        for key in ("$defs", "definitions"):
            for def_name, definition in (self.root.get(key) or {}).items():
                if "".join(words_of(def_name)) == wanted and isinstance(definition, dict) and definition.get("enum"):
                    return str(self.choose(definition["enum"], name, path))
        return None

    def stated_string(self, name: str) -> str | None:
        words = set(words_of(name))
        if "country" in words:
            return next((prompt_facts.COUNTRY_OF[p] for p in self.facts.places if p in prompt_facts.COUNTRY_OF),
                        None)
        if words & {w for f in PLACE_FIELDS for w in words_of(f)}:
            return self.facts.take("places")
        if words & {w for f in NAME_FIELDS for w in words_of(f)}:
            return self.facts.take("names")
        return None

    def plausible_string(self, name: str, rng: random.Random) -> str:
        words = words_of(name)
        if set(words) & set(PROSE_FIELDS) or not words:
            topic = " ".join(self.text.split()[:12]).rstrip("?.!:") or "the request"
            return rng.choice([f"Based on the request ({topic}), this is the relevant part.",
                               f"Worked through step by step for: {topic}.",
                               f"A short, direct answer about {topic}."])
        if "country" in words:
            return rng.choice(["United States", "Canada", "France", "Japan"])
        if set(words) & {"color", "colour"}:
            return rng.choice(["blue", "green", "amber", "crimson"])
        if set(words) & {"id", "code", "sku", "key"}:
            return f"{words[0][:3].upper()}-{rng.randrange(1000, 9999)}"
        if set(words) & {w for f in PLACE_FIELDS for w in words_of(f)}:
            return rng.choice(["Lisbon", "Toronto", "Kyoto", "Nairobi"])
        if set(words) & {w for f in NAME_FIELDS for w in words_of(f)}:
            return rng.choice(["Alex Morgan", "Sam Lee", "Priya Patel", "Jordan Kim"])
        return f"{' '.join(words)} {WORDS[rng.randrange(len(WORDS))]}"

    def fit_string(self, schema: dict, value: str) -> str:
        value = str(value)
        low, high = int(schema.get("minLength", 0)), schema.get("maxLength")
        if high is not None:
            value = value[: int(high)]
        if len(value) < low:
            value = value + "x" * (low - len(value))
        pattern = schema.get("pattern")
        if pattern and not _matches(pattern, value):
            value = _example_for(pattern) or value
        return value

    def number(self, schema: dict, name: str, path: str, whole: bool) -> float:
        low = schema.get("minimum", schema.get("exclusiveMinimum"))
        high = schema.get("maximum", schema.get("exclusiveMaximum"))
        stated = self.facts.take_number(name)
        if stated is not None and (not whole or float(stated).is_integer()):
            value = stated
        else:
            rng = self.rng(path)
            lo = low if isinstance(low, (int, float)) else 1
            hi = high if isinstance(high, (int, float)) else max(lo + 1, 10 if whole else 50)
            value = rng.randint(int(lo), int(hi)) if whole else round(rng.uniform(lo, hi), 2)
        if isinstance(schema.get("exclusiveMinimum"), (int, float)) and value <= schema["exclusiveMinimum"]:
            value = schema["exclusiveMinimum"] + (1 if whole else 0.01)
        if isinstance(schema.get("exclusiveMaximum"), (int, float)) and value >= schema["exclusiveMaximum"]:
            value = schema["exclusiveMaximum"] - (1 if whole else 0.01)
        if isinstance(schema.get("minimum"), (int, float)):
            value = max(value, schema["minimum"])
        if isinstance(schema.get("maximum"), (int, float)):
            value = min(value, schema["maximum"])
        step = schema.get("multipleOf")
        if isinstance(step, (int, float)) and step > 0:
            value = round(value / step) * step
        if whole:
            return int(value)
        return int(value) if float(value).is_integer() and schema.get("type") == "integer" else float(value)


def _singular(name: str) -> str:
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


def _matches(pattern: str, value: str) -> bool:
    try:
        return re.search(pattern, value) is not None
    except re.error:
        return True


def _example_for(pattern: str) -> str | None:
    """A string for the simplest common patterns (digits, letters, fixed prefixes); None if unknown."""
    if re.fullmatch(r"\^?\\d\{(\d+)\}\$?", pattern):
        return "1" * int(re.fullmatch(r"\^?\\d\{(\d+)\}\$?", pattern).group(1))
    if re.fullmatch(r"\^?\[A-Z\]\{(\d+)\}\$?", pattern):
        return "A" * int(re.fullmatch(r"\^?\[A-Z\]\{(\d+)\}\$?", pattern).group(1))
    return None


def generate(schema: dict, text: str, seed: str):
    """A document for `schema` with values from `text` (the conversation), the same for the same seed."""
    return Engine(schema, text, seed).value(schema)


def dumps(document) -> str:
    return json.dumps(document, ensure_ascii=False)
