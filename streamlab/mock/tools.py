"""Tool use: when a prompt calls for a tool, which calls to make; once results are back, an answer using them."""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field

from .text import is_cjk

CITIES = ("New York", "San Francisco", "Los Angeles", "Mexico City", "Buenos Aires", "Rio de Janeiro", "Hong Kong",
          "Cape Town", "Paris", "Tokyo", "London", "Berlin", "Madrid", "Rome", "Sydney", "Beijing", "Shanghai",
          "Singapore", "Seoul", "Mumbai", "Delhi", "Cairo", "Moscow", "Toronto", "Chicago", "Amsterdam", "Vienna",
          "Lisbon", "Dublin", "Stockholm", "Oslo", "Helsinki", "Copenhagen", "Zurich", "Istanbul", "Dubai",
          "Bangkok", "Nairobi", "Lagos", "Boston", "Seattle", "Melbourne", "Edinburgh", "Prague", "Warsaw",
          "Athens", "Barcelona", "Vancouver", "巴黎", "东京", "伦敦", "北京", "上海", "纽约", "柏林", "香港")
_CITY_RE = re.compile("|".join(rf"(?<![A-Za-z]){re.escape(c)}(?![A-Za-z])" for c in CITIES), re.IGNORECASE)
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


def cities_in(prompt: str) -> list[str]:
    found: list[str] = []
    for match in _CITY_RE.finditer(prompt):
        name = next(c for c in CITIES if c.lower() == match.group(0).lower())
        if name not in found:
            found.append(name)
    return found


def _name_words(tool: Tool) -> set[str]:
    words = re.findall(r"[a-z]+", re.sub(r"([a-z])([A-Z])", r"\1 \2", tool.name).lower())
    return {w for w in words if len(w) >= 3 and w not in _GENERIC_NAME_PARTS}


def _is_weather(tool: Tool) -> bool:
    return any(w in (tool.name + " " + tool.description).lower() for w in ("weather", "forecast", "temperature"))


def _matching_tool(tools: list[Tool], prompt: str) -> Tool | None:
    lowered = prompt.lower()
    for tool in tools:
        if _is_weather(tool) and any(w in lowered for w in _WEATHER_WORDS):
            return tool
    for tool in tools:
        if any(re.search(rf"\b{re.escape(w)}", lowered) for w in _name_words(tool)):
            return tool
    return None


def arguments_for(schema: dict, value: str) -> dict:
    """Arguments that fit `schema`: the first required string gets `value`, an enum its first choice."""
    props = schema.get("properties") or {}
    required = schema.get("required") or []
    args, filled = {}, False
    for name, prop in props.items():
        prop = prop if isinstance(prop, dict) else {}
        if prop.get("enum"):
            args[name] = prop["enum"][0]
        elif name in required:
            kind = prop.get("type")
            if kind == "string" and not filled:
                args[name], filled = value, True
            else:
                args[name] = prop.get("default", {"integer": 1, "number": 1, "boolean": False, "array": [],
                                                  "object": {}}.get(kind, ""))
    if not filled:
        for name, prop in props.items():
            if name in _LOCATION_KEYS and isinstance(prop, dict) and prop.get("type", "string") == "string":
                args[name] = value
                break
    return args


def plan_calls(tools: list[Tool], choice: str, prompt: str) -> list[ToolCall]:
    """The calls a model would make for `prompt`: one per city named (parallel calls), or none."""
    if not tools or choice == "none":
        return []
    if choice.startswith("tool:"):
        tool = next((t for t in tools if t.name == choice[5:]), tools[0])
    else:
        tool = _matching_tool(tools, prompt) or (tools[0] if choice == "required" else None)
    if tool is None:
        return []
    values = cities_in(prompt) or [" ".join(prompt.split()).rstrip("?.!")[:80] or "default"]
    return [ToolCall(tool.name, arguments_for(tool.schema, v)) for v in values]


def preamble(calls: list[ToolCall]) -> str:
    """What Claude tends to say before calling tools."""
    targets = [next((v for v in c.arguments.values() if isinstance(v, str) and v), "") for c in calls]
    targets = [t for t in targets if t]
    if targets:
        joined = targets[0] if len(targets) == 1 else ", ".join(targets[:-1]) + " and " + targets[-1]
        if any(w in calls[0].name.lower() for w in ("weather", "forecast", "temperature")):
            return f"I'll check the current weather in {joined}."
        return f"I'll use the {calls[0].name} tool for {joined}."
    return f"I'll use the {calls[0].name} tool."


def _unit(value, unit) -> str:
    unit = str(unit or "").lower()
    if isinstance(value, str) and not re.fullmatch(r"-?\d+(\.\d+)?", value.strip()):
        return ""
    return {"celsius": "°C", "c": "°C", "metric": "°C", "fahrenheit": "°F", "f": "°F", "imperial": "°F"}.get(
        unit, " degrees")


def _clause(result: ToolResult) -> tuple[str, str, float | None]:
    """(place, clause, temperature) for one tool result."""
    try:
        data = json.loads(result.content)
    except ValueError:
        data = result.content
    place = next((v for v in result.arguments.values() if isinstance(v, str) and v), "")
    if isinstance(data, dict):
        place = str(next((data[k] for k in _LOCATION_KEYS[:4] if data.get(k)), place))
        temp_key = next((k for k in data if k.lower() in ("temperature", "temp", "temp_c", "temperature_c",
                                                           "temp_f", "temperature_f")), None)
        cond = next((data[k] for k in data if k.lower() in ("condition", "conditions", "description",
                                                             "summary", "sky", "weather")), None)
        if temp_key is not None:
            unit = data.get("unit") or ("f" if temp_key.endswith("_f") else "c" if temp_key.endswith("_c") else "")
            temp = data[temp_key]
            clause = f"it is {temp}{_unit(temp, unit)}" + (f" and {str(cond).lower()}" if cond else "")
            number = temp if isinstance(temp, (int, float)) and not isinstance(temp, bool) else None
            return place, clause, number
        shown = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in data.items() if k not in _LOCATION_KEYS[:4])
        return place, f"the tool reports {shown or 'no details'}", None
    return place, f"the tool returned {str(data).strip()[:200]}", None


def answer_from_results(results: list[ToolResult], prompt: str, seed: str) -> str:
    """Final text that uses what the tools returned (quotes their numbers)."""
    parts = [_clause(r) for r in results]
    rng = random.Random(seed)
    if is_cjk(prompt):
        body = "；".join(f"{p or '查询结果'}：{c}" for p, c, _ in parts)
        return f"根据工具返回的数据，{body}。"
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
