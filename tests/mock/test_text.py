"""The mock's text: curated lesson answers, topical generated answers, Chinese, token-sized pieces."""

import re

import pytest

from streamlab.mock.compose import answer as composed
from streamlab.mock.compose.curated import CURATED
from streamlab.mock.words import text

LESSON_PROMPTS = [
    "Explain in two sentences what streaming an LLM response means.",
    "Write a haiku about waiting for the first token.",
    "What is a token, and why do APIs count them?",
    "What's the weather in Paris and Tokyo right now?",
    "Explain server-sent events to a beginner in three sentences.",
    "List five tips for rendering streamed text smoothly in a UI.",
    "Describe the life of a streamed message, from the first event to the last.",
    "Say hello in five words.",
    "Write a short paragraph about why streaming makes apps feel faster.",
    "Tell me a short story about a network that drops packets.",
    "Name three rivers.", "Name three mountains.", "Name three deserts.",
    "Explain how EventSource works in the browser.",
    "Summarise the difference between the Responses API and Chat Completions.",
    "用两句话解释什么是流式输出大模型的回复。",
]
CJK = re.compile("[\u4e00-\u9fff]")


@pytest.mark.parametrize("prompt", LESSON_PROMPTS)
def test_every_lesson_prompt_has_a_curated_answer(prompt):
    assert composed.answer(prompt, "any seed") == CURATED[text.normalise(prompt)]
    assert composed.answer(f"  {prompt.upper()}  ", "other seed") == CURATED[text.normalise(prompt)]


def test_curated_answers_read_like_answers():
    assert composed.answer("Say hello in five words.", "s") == "Hello there, how are you?"
    assert len(composed.answer(LESSON_PROMPTS[1], "s").splitlines()) == 3  # a haiku
    assert composed.answer(LESSON_PROMPTS[5], "s").count("\n") >= 5  # a list of five
    assert not any("lorem" in a.lower() for a in CURATED.values())


def test_other_prompts_get_a_deterministic_answer_on_their_topic():
    prompt = "Explain how a CPU cache works"
    first = composed.answer(prompt, text.stable_hash(prompt))
    assert first == composed.answer(prompt, text.stable_hash(prompt))
    assert "CPU cache" in first and len(first.split()) > 30 and "lorem" not in first.lower()
    prompt = "Tell me about lighthouses and fog"
    assert composed.answer(prompt, "a") != composed.answer(prompt, "b")


def test_asking_for_a_word_count_gets_about_that_many_words():
    answer = composed.answer("Write 150 words about the history of the printing press.", "seed")
    assert 130 <= len(answer.split()) <= 190 and "printing" in answer


def test_chinese_prompts_get_chinese_text():
    assert CJK.search(composed.answer("请解释一下什么是量子计算？", "seed"))
    assert "量子计算" in composed.answer("请解释一下什么是量子计算？", "seed")
    assert CJK.search(composed.answer(LESSON_PROMPTS[-1], "seed"))


@pytest.mark.parametrize("sample", [
    CURATED[text.normalise(LESSON_PROMPTS[5])], CURATED[text.normalise(LESSON_PROMPTS[-1])],
    "Mixed 中文 and English, with numbers 8,849 and   spaces.\n\nDone!", "",
])
def test_pieces_join_back_to_the_text(sample):
    assert "".join(text.tokenize(sample)) == sample


def test_english_pieces_look_like_tokens():
    pieces = text.tokenize("Streaming understanding works, mostly.")
    assert pieces[1:3] == [" understand", "ing"] and pieces[0] == "Streaming" and " works" in pieces
    assert all(len(p) <= 12 for p in text.tokenize(CURATED[text.normalise(LESSON_PROMPTS[2])]))


def test_chinese_pieces_are_one_or_two_characters():
    pieces = text.tokenize(CURATED[text.normalise(LESSON_PROMPTS[-1])])
    assert {len(p) for p in pieces} == {1, 2}
