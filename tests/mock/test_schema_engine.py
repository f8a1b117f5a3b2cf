"""The mock's one JSON-schema engine: every document it makes validates against its schema, takes the values
the prompt states, and is the same for the same request."""

import enum
from datetime import date
from typing import Literal

import jsonschema
import pytest
from mock_support import Order, User
from pydantic import BaseModel, Field

from streamlab.mock.words import schema


class Step(BaseModel):
    explanation: str
    output: str


class MathResponse(BaseModel):
    steps: list[Step]
    final_answer: str


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"
    BLUE = "blue"


class Address(BaseModel):
    street: str
    city: str
    postcode: str = Field(pattern=r"^\d{5}$")


class Person(BaseModel):
    name: str
    email: str = Field(json_schema_extra={"format": "email"})
    address: Address
    favourite: Color
    nickname: str | None = None


class Event(BaseModel):
    title: str
    day: date
    attendees: list[str] = Field(min_length=1, max_length=5)


class Rating(BaseModel):
    stars: int = Field(ge=1, le=5)
    ratio: float = Field(gt=0, lt=1)
    multiple: int = Field(multiple_of=5, ge=0, le=100)


class Tree(BaseModel):
    label: str
    children: list["Tree"] = []


class Pet(BaseModel):
    kind: Literal["cat", "dog"]
    name: str


class Household(BaseModel):
    pets: list[Pet]
    owner: Person | None
    tags: set[str]


class Flags(BaseModel):
    is_active: bool
    verified: bool
    notes: str = ""


class Money(BaseModel):
    amount: float
    currency: Literal["USD", "EUR", "JPY"]


class Invoice(BaseModel):
    lines: list[Money]
    total: Money
    id: str = Field(min_length=8, max_length=8)


MODELS = [User, Order, MathResponse, Address, Person, Event, Rating, Tree, Pet, Household, Flags, Money, Invoice]
RAW = [
    {"type": "object", "properties": {"a": {"type": "string", "maxLength": 3}}, "required": ["a"]},
    {"type": "array", "items": {"type": "integer", "minimum": 10, "maximum": 12}, "minItems": 3, "maxItems": 3},
    {"type": "object", "properties": {"x": {"type": ["number", "null"]}}, "required": ["x"],
     "additionalProperties": False},
    {"type": "object", "properties": {"v": {"anyOf": [{"type": "integer"}, {"type": "string"}]}}, "required": ["v"]},
    {"type": "object", "properties": {"c": {"const": "fixed"}, "e": {"enum": [1, 2, 3]}}, "required": ["c", "e"]},
    {"type": "object", "properties": {"when": {"type": "string", "format": "date-time"},
                                      "id": {"type": "string", "format": "uuid"},
                                      "site": {"type": "string", "format": "uri"}}, "required": ["when", "id", "site"]},
    {"type": "object", "additionalProperties": {"type": "integer"}},
    {"allOf": [{"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"]},
               {"properties": {"b": {"type": "boolean"}}, "required": ["b"]}]},
    {"type": "object", "properties": {"list": {"type": "array", "items": {"type": "string"}, "uniqueItems": True}},
     "required": ["list"]},
    {"type": "string", "minLength": 12},
]
SCHEMAS = [(m.__name__, m.model_json_schema()) for m in MODELS] + [(f"raw{i}", s) for i, s in enumerate(RAW)]
PROMPTS = ["", "Jason is 25 years old", "I bought 2 packs of Green Tea for 5.50 dollars each.",
           "Plan a trip to Paris and Tokyo for alice@example.com on 2025-12-24", "解释什么是机器学习"]


@pytest.mark.parametrize(("name", "json_schema"), SCHEMAS, ids=[n for n, _ in SCHEMAS])
@pytest.mark.parametrize("prompt", PROMPTS)
def test_every_generated_document_validates(name, json_schema, prompt):
    assert len(SCHEMAS) >= 20
    document = schema.generate(json_schema, prompt, f"seed-{name}")
    jsonschema.validate(document, json_schema, format_checker=jsonschema.FormatChecker())
    model = next((m for m in MODELS if m.__name__ == name), None)
    if model is not None:
        model.model_validate_json(schema.dumps(document))


def test_values_come_from_the_prompt():
    assert schema.generate(User.model_json_schema(), "Jason is 25 years old", "s") == {"name": "Jason", "age": 25}
    order = schema.generate(Order.model_json_schema(), "Hi, I’d like to order 2 packs of Green Tea for 5.50 "
                                                       "dollars each.", "s")
    assert order == {"product_name": "Green Tea", "price": 5.5, "quantity": 2}
    person = schema.generate(Person.model_json_schema(), "Write to Maria at maria@example.org; she loves green.",
                             "s")
    assert person["name"] == "Maria" and person["email"] == "maria@example.org" and person["favourite"] == "green"
    trip = {"type": "object", "properties": {"traveller": {"type": "string"}, "guest": {"type": "string"}},
            "required": ["traveller", "guest"]}
    assert schema.generate(trip, "Book a room for Ana and her friend Ben", "s") == {"traveller": "Ana", "guest": "Ben"}


def test_the_same_request_gives_the_same_document_and_another_seed_may_differ():
    first = schema.generate(MathResponse.model_json_schema(), "solve 8x + 31 = 2", "a")
    assert schema.generate(MathResponse.model_json_schema(), "solve 8x + 31 = 2", "a") == first


def test_enums_are_picked_from_the_prompts_words():
    pets = schema.generate(Pet.model_json_schema(), "My dog is called Rex", "s")
    assert pets == {"kind": "dog", "name": "Rex"}
