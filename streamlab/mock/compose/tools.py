"""Tool use: when a prompt calls for a tool, which calls to make; once results are back, an answer using them."""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field

from ..words.facts import cities_in
from ..words.schema import Engine
from ..words.text import is_cjk
from . import compose_zh

_WEATHER_WORDS = ("weather", "temperature", "forecast", "rain", "sunny", "snow", "wind", "hot", "cold", "warm",
                  "天气", "气温", "温度")
_GENERIC_NAME_PARTS = {"get", "fetch", "current", "lookup", "find", "search", "tool", "the", "for", "query"}
_LOCATION_KEYS = ("city", "location", "place", "town", "name", "query")


@dataclass(frozen=True)
class Tool:
    name: str
    description: str = ""
    schema: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ToolCall:
    name: str
    arguments: dict

    @property
    def arguments_json(self) -> str:
        return json.dumps(self.arguments, ensure_ascii=False)

    @property
    def fragments(self) -> list[str]:
        """The arguments JSON cut where a model's tokens would fall: words, and the punctuation between them."""
        return re.findall(r"\w+|[^\w]+", self.arguments_json) or [self.arguments_json]


@dataclass(frozen=True)
class ToolResult:
    call_id: str
    content: str
    name: str = ""
    arguments: dict = field(default_factory=dict)


def _name_words(tool: Tool) -> set[str]:
    words = re.findall(r"[a-z]+", re.sub(r"([a-z])([A-Z])", r"\1 \2", tool.name).lower())
    return {w for w in words if len(w) >= 3 and w not in _GENERIC_NAME_PARTS}


def _is_weather(tool: Tool) -> bool:
    return any(w in (tool.name + " " + tool.description).lower() for w in ("weather", "forecast", "temperature"))


_COMMON = set("""about after again also because before being below between could does doing during each every from
have having here into just more most other over same should some such than that their them then there these they
this those through under until very what when where which while with would your user users data""".split())


def _schema_words(schema, depth: int = 0) -> set[str]:
    """Words of the parameter names and enum values anywhere in a tool's schema ($defs included)."""
    words: set[str] = set()
    if depth > 8:
        return words
    if isinstance(schema, dict):
        for name, value in schema.items():
            if name in ("properties", "$defs", "definitions") and isinstance(value, dict):
                for key, sub in value.items():
                    if name == "properties":
                        words.update(_words(key))
                    words |= _schema_words(sub, depth + 1)
            elif name == "enum" and isinstance(value, list):
                for option in value:
                    words.update(_words(str(option)))
            elif name in ("items", "anyOf", "oneOf", "allOf", "additionalProperties"):
                words |= _schema_words(value, depth + 1)
    elif isinstance(schema, list):
        for sub in schema:
            words |= _schema_words(sub, depth + 1)
    return words


def _words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", re.sub(r"([a-z])([A-Z])", r"\1 \2", name).lower()) if len(w) >= 4}


def relevance(tool: Tool, conversation: str) -> int:
    """How strongly the conversation asks for what `tool` does: its name, description and parameter names
    against the words of the system and user prompts (0: nothing to do with it)."""
    lowered = conversation.lower()
    if re.search(rf"\b{re.escape(tool.name.lower())}\b", lowered):
        return 10  # called by name ("… by calling the query function")
    if _is_weather(tool) and any(w in lowered for w in _WEATHER_WORDS):
        return 10
    score = 3 * sum(1 for w in _name_words(tool) if re.search(rf"\b{re.escape(w)}", lowered))
    described = {w for w in re.findall(r"[a-z]{5,}", tool.description.lower()) if w not in _COMMON}
    score += sum(1 for w in described | _schema_words(tool.schema) if re.search(rf"\b{re.escape(w[:6])}", lowered))
    return score


def _matching_tool(tools: list[Tool], prompt: str, system: str = "") -> Tool | None:
    scored = [(relevance(t, f"{system}\n{prompt}"), i, t) for i, t in enumerate(tools)]
    best = max(scored, key=lambda s: (s[0], -s[1]), default=(0, 0, None))
    return best[2] if best[0] >= 3 else None


def _takes_a_place(tool: Tool) -> bool:
    props = (tool.schema or {}).get("properties") or {}
    return any(name.lower() in _LOCATION_KEYS for name in props)


def arguments_for(schema: dict, prompt: str, seed: str = "", place: str | None = None) -> dict:
    """Arguments valid against the tool's JSON schema, with what the prompt states (`place`: the one city of
    this call, when a prompt names several)."""
    engine = Engine(schema or {}, prompt, seed or prompt, include_enums=True)
    if place is not None:
        engine.facts.places = [place]
    value = engine.value(schema or {"type": "object"})
    return value if isinstance(value, dict) else {}


def plan_calls(tools: list[Tool], choice: str, prompt: str, system: str = "") -> list[ToolCall]:
    """The calls a model would make: for the tool the conversation asks for (one call per city when a
    prompt names several, as parallel calls), or none when nothing asks for a tool."""
    if not tools or choice == "none":
        return []
    if choice.startswith("tool:"):
        tool = next((t for t in tools if t.name == choice[5:]), tools[0])
    else:
        tool = _matching_tool(tools, prompt, system) or (tools[0] if choice == "required" else None)
    if tool is None:
        return []
    places = cities_in(prompt)
    if len(places) >= 2 and _takes_a_place(tool):
        return [ToolCall(tool.name, arguments_for(tool.schema, prompt, f"{tool.name}:{i}", place))
                for i, place in enumerate(places)]
    return [ToolCall(tool.name, arguments_for(tool.schema, prompt, tool.name))]


def preamble(calls: list[ToolCall], prompt: str = "") -> str:
    """What Claude tends to say before calling tools (in Chinese to a Chinese prompt)."""
    targets = [next((v for v in c.arguments.values() if isinstance(v, str) and v), "") for c in calls]
    targets = [t for t in targets if t]
    weather = any(w in calls[0].name.lower() for w in ("weather", "forecast", "temperature"))
    if is_cjk(prompt):
        where = "和".join(targets)
        return f"我来查一下{where}现在的天气。" if weather and where else f"我来调用 {calls[0].name} 工具查一下。"
    if targets:
        joined = targets[0] if len(targets) == 1 else ", ".join(targets[:-1]) + " and " + targets[-1]
        if weather:
            return f"I'll check the current weather in {joined}."
        return f"I'll use the {calls[0].name} tool for {joined}."
    return f"I'll use the {calls[0].name} tool."


def _unit(value, unit) -> str:
    unit = str(unit or "").lower()
    if isinstance(value, str) and not re.fullmatch(r"-?\d+(\.\d+)?", value.strip()):
        return ""
    return {"celsius": "°C", "c": "°C", "metric": "°C", "fahrenheit": "°F", "f": "°F", "imperial": "°F"}.get(
        unit, " degrees")


def _reading(result: ToolResult) -> tuple[str, dict | str, str | None, str]:
    """(place, data, temperature key, unit symbol) for one tool result."""
    try:
        data = json.loads(result.content)
    except ValueError:
        data = result.content
    place = next((v for v in result.arguments.values() if isinstance(v, str) and v), "")
    if not isinstance(data, dict):
        return place, data, None, ""
    place = str(next((data[k] for k in _LOCATION_KEYS[:4] if data.get(k)), place))
    temp_key = next((k for k in data if k.lower() in ("temperature", "temp", "temp_c", "temperature_c",
                                                       "temp_f", "temperature_f")), None)
    if temp_key is None:
        return place, data, None, ""
    unit = data.get("unit") or ("f" if temp_key.endswith("_f") else "c" if temp_key.endswith("_c") else "")
    return place, data, temp_key, _unit(data[temp_key], unit)


def _condition(data: dict):
    return next((data[k] for k in data if k.lower() in ("condition", "conditions", "description", "summary", "sky",
                                                         "weather")), None)


def _clause(result: ToolResult) -> tuple[str, str, float | None]:
    """(place, clause, temperature) for one tool result."""
    place, data, temp_key, unit = _reading(result)
    if temp_key is not None:
        temp, cond = data[temp_key], _condition(data)
        clause = f"it is {temp}{unit}" + (f" and {str(cond).lower()}" if cond else "")
        number = temp if isinstance(temp, (int, float)) and not isinstance(temp, bool) else None
        return place, clause, number
    if isinstance(data, dict):
        shown = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in data.items() if k not in _LOCATION_KEYS[:4])
        return place, f"the tool reports {shown or 'no details'}", None
    return place, f"the tool returned {str(data).strip()[:200]}", None


def _answer_zh(results: list[ToolResult], rng: random.Random) -> str:
    readings = []
    for result in results:
        place, data, temp_key, unit = _reading(result)
        if temp_key is None:  # not a weather reading: show what the tool returned, as it returned it
            shown = json.dumps(data, ensure_ascii=False) if isinstance(data, dict) else str(data).strip()[:200]
            return f"根据工具返回的数据：{shown}。"
        unit = unit if unit.startswith("°") else "度" if unit else ""  # " degrees" → 度
        readings.append((place, data[temp_key], unit, _condition(data)))
    return compose_zh.weather_report(readings, rng)


def answer_from_results(results: list[ToolResult], prompt: str, seed: str) -> str:
    """Final text that uses what the tools returned (quotes their numbers), in the prompt's language."""
    rng = random.Random(seed)
    if is_cjk(prompt):
        return _answer_zh(results, rng)
    parts = [_clause(r) for r in results]
    clauses = [f"in {p} {c}" if p else c for p, c, _ in parts]
    joined = clauses[0] if len(clauses) == 1 else f"{clauses[0]}, and {clauses[1]}" if len(clauses) == 2 \
        else "; ".join(clauses[:-1]) + "; and " + clauses[-1]
    text = f"Here's what I found: {joined}."
    temps = [(t, p) for p, _, t in parts if t is not None and p]
    if len(temps) >= 2:
        warmest = max(temps)
        coolest = min(temps)
        if warmest[0] != coolest[0]:
            text += f" {warmest[1]} is the {'warmer of the two' if len(temps) == 2 else 'warmest'} right now."
    text += " " + rng.choice(["Conditions can change quickly, so check again before you head out.",
                              "Let me know if you'd like a forecast for the next few days as well.",
                              "Those are the latest readings the tool returned."])
    return text[0].upper() + text[1:]
