"""Constants and helpers shared by the mock tests (fixtures live in conftest.py)."""

import httpx2
from pydantic import BaseModel

WEATHER_PROMPT = "What's the weather in Paris and Tokyo right now?"
WEATHER_SCHEMA = {
    "type": "object",
    "properties": {"city": {"type": "string", "description": "City name"},
                   "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
    "required": ["city"],
}
OPENAI_TOOLS = [{"type": "function", "function": {"name": "get_weather", "description": "Current weather in a city",
                                                  "parameters": WEATHER_SCHEMA}}]
ANTHROPIC_TOOLS = [{"name": "get_weather", "description": "Current weather in a city", "input_schema": WEATHER_SCHEMA}]
RESPONSES_TOOLS = [{"type": "function", "name": "get_weather", "description": "Current weather in a city",
                    "parameters": WEATHER_SCHEMA}]
TIMEOUT = httpx2.Timeout(5, read=1)
FAST = {"X-Mock-TTFT-Ms": "0", "X-Mock-Token-Ms": "0", "X-Mock-Jitter-Ms": "0"}

# Pydantic models the structured-output tests and the schema-engine tests both use.
class User(BaseModel):
    name: str
    age: int


class Order(BaseModel):
    product_name: str
    price: float
    quantity: int
