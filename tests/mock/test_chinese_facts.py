"""Values a Chinese prompt states fill a structured answer, as they do in English."""

from pydantic import BaseModel

from streamlab.mock.words import schema


class Stay(BaseModel):
    guest: str
    nights: int
    city: str
    budget_eur: int
    age: int
    sights: list[str]


def test_a_chinese_stay_request_fills_every_field_from_the_prompt():
    prompt = "请规划里斯本 2 晚的行程：旅行者 Ana，34 岁，预算 400 欧元，想去博物馆、市场和听法朵。"
    assert schema.generate(Stay.model_json_schema(), prompt, "s") == {
        "guest": "Ana", "nights": 2, "city": "里斯本", "budget_eur": 400, "age": 34,
        "sights": ["博物馆", "市场", "听法朵"]}


def test_numbers_go_to_the_field_their_chinese_unit_names():
    prompt = "预算 900 欧元，在北京住 5 晚，旅行者 Li，27 岁，要去故宫、长城和胡同"
    stay = schema.generate(Stay.model_json_schema(), prompt, "s")
    assert (stay["city"], stay["age"], stay["nights"], stay["budget_eur"]) == ("北京", 27, 5, 900)
    assert stay["sights"] == ["故宫", "长城", "胡同"]
