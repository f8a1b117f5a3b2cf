"""Plain prompts a presenter types first get plain answers, as asked, on all three wire formats through the official
SDKs: instructions, counting, arithmetic, yes/no, facts, the course's terms, translations, constraints on the
answer's shape, what the user said earlier, the system prompt's persona and language; and a question the mock
cannot know gets a short honest answer, never filler paragraphs."""

import json
import re

import pytest

HONEST = re.compile(r"built-in mock.*Provider|内置的模拟服务.*服务商", re.S)
CJK = re.compile("[\u4e00-\u9fff]")


def exactly(expected):
    return lambda answer: answer == expected


def has(*patterns):
    return lambda answer: all(re.search(p, answer, re.I | re.S) for p in patterns)


def words(count):
    return lambda answer: len(answer.split()) == count


def numbered(count):
    return lambda answer: len(re.findall(r"^\d\. ", answer, re.M)) == count


def json_with(**fields):
    return lambda answer: json.loads(answer) == fields


# (id, the conversation: a prompt, or [system, user, assistant, user, …] with None for no system; the check)
CASES = [
    ("say-test", "Say this is a test", exactly("This is a test.")),
    ("say-quoted", 'Say "streaming is fun"', exactly("streaming is fun")),
    ("reply-with", "Reply with OK", exactly("OK.")),
    ("repeat", "Repeat after me: hello world", exactly("Hello world.")),
    ("add", "What is 2+2?", has(r"\b4\b")),
    ("multiply-words", "What is 12 times 7?", has(r"\b84\b")),
    ("divide", "What is 144 / 12?", has(r"\b12\b")),
    ("percent", "What is 15% of 80?", has(r"\b12\b")),
    ("divide-by-zero", "What is 5 divided by 0?", has(r"undefined")),
    ("count", "Count from 1 to 10", exactly("1, 2, 3, 4, 5, 6, 7, 8, 9, 10")),
    ("count-words", "Count to five", exactly("1, 2, 3, 4, 5")),
    ("capital-france", "What is the capital of France?", has(r"\bParis\b")),
    ("capital-japan", "What's the capital of Japan?", has(r"\bTokyo\b")),
    ("capital-yes", "Is Paris the capital of France?", has(r"^Yes\b")),
    ("capital-no", "Is Lyon the capital of France?", has(r"^No\b", r"Paris")),
    ("prime-yes", "Is 7 a prime number?", has(r"^Yes\b")),
    ("prime-no", "Is 9 a prime number?", has(r"^No\b")),
    ("compare", "Is 10 greater than 3?", has(r"^Yes\b")),
    ("figure", "Who wrote Hamlet?", has(r"Shakespeare")),
    ("figure-python", "Who created Python?", has(r"Guido van Rossum")),
    ("term-sse", "What is SSE?", has(r"Server-Sent Events", r"data:")),
    ("term-backpressure", "Define backpressure", has(r"consumer", r"producer")),
    ("term-ttft", "What is time to first token?", has(r"first (?:piece|token)")),
    ("term-tool-call", "What is a tool call?", has(r"function", r"arguments")),
    ("term-reasoning", "What are reasoning tokens?", has(r"think")),
    ("translate-fr", "Translate 'good morning' into French", has(r"Bonjour")),
    ("translate-es", "How do you say thank you in Spanish?", has(r"Gracias")),
    ("list-topic", "List three benefits of streaming responses",
     lambda a: numbered(3)(a) and "first words" in a and "hobb" not in a),
    ("one-sentence", "Explain SSE in one sentence.", lambda a: len(re.findall(r"[.!?](?:\s|$)", a)) == 1),
    ("n-words", "Describe the ocean in 5 words.", words(5)),
    ("upper", "What is the capital of Italy? Answer in upper case.", exactly("THE CAPITAL OF ITALY IS ROME.")),
    ("json-fields", "Reply only with JSON with fields name and age for Ana, 34.", json_with(name="Ana", age=34)),
    ("remember-name", [None, "My name is Ana.", "Nice to meet you, Ana!", "What is my name?"], has(r"\bAna\b")),
    ("remember-city", [None, "I live in Lisbon.", "Lisbon is lovely.", "Where do I live?"], has(r"\bLisbon\b")),
    ("name-not-told", "What is my name?", has(r"haven't told me")),
    ("introduction-and-topic", "Hi! My name is Ada, and I'm learning how LLM streaming works.",
     has(r"^Nice to meet you, Ada!", r"learn how LLM streaming works")),
    ("pirate", ["You are a pirate.", "What is the capital of France?"], has(r"\bArr\b", r"Paris")),
    ("system-language", ["Always answer in Chinese.", "What is the capital of France?"], has(r"巴黎")),
    ("unknown", "Why is the sky blue?", lambda a: bool(HONEST.search(a)) and len(a) < 300),
    ("numbers-of-another-question", "Explain why 0.1 + 0.2 != 0.3 in JavaScript", lambda a: " = 0.3" not in a),
    ("a-date-is-no-sum", "What happened on 2024-01-05?", lambda a: bool(HONEST.search(a)) and "2018" not in a),
    ("question-on-a-term", "How does SSE work?", has(r"Server-Sent Events")),
    ("benefits-uncounted", "What are the benefits of streaming?", numbered(3)),
    ("zh-benefits", "流式输出有什么好处？", has(r"^1\. ", r"首字")),
    ("zh-introduction", "你好！我叫小安，正在学习大模型的流式输出。",
     has(r"^很高兴认识你，小安！", r"学习大模型的流式输出")),
    ("zh-capital", "中国的首都是哪里？", has(r"北京")),
    ("zh-add", "3加5等于几？", has(r"8")),
    ("zh-multiply", "6乘以7等于多少？", has(r"42")),
    ("zh-term-streaming", "什么是流式输出？", has(r"分块|一边生成")),
    ("zh-term-token", "token 是什么？", has(r"基本单位")),
    ("zh-count", "从1数到5", exactly("1，2，3，4，5")),
    ("zh-say", "说“你好”", exactly("你好")),
    ("zh-translate", "把“谢谢”翻译成英文", has(r"Thank you")),
    ("zh-prime", "7是质数吗？", has(r"^是的")),
    ("zh-figure", "谁发明了电话？", has(r"贝尔")),
    ("zh-remember", [None, "我叫安娜。", "你好，安娜！", "我叫什么名字？"], has(r"安娜")),
    ("zh-one-sentence", "用一句话解释什么是 token。", lambda a: a.count("。") == 1),
    ("zh-unknown", "什么是区块链？", lambda a: bool(HONEST.search(a))),
    ("zh-pirate", ["你是一个海盗。", "中国的首都是哪里？"], has(r"北京", r"伙计")),
]


def conversation(case):
    """(system or None, [(role, text), …]) for a case."""
    if isinstance(case, str):
        return None, [("user", case)]
    system, turns = case[0], case[1:]
    return system, [("user" if i % 2 == 0 else "assistant", text) for i, text in enumerate(turns)]


def via_chat(oai, case):
    system, turns = conversation(case)
    messages = ([{"role": "system", "content": system}] if system else []) + \
        [{"role": role, "content": text} for role, text in turns]
    chunks = oai.chat.completions.create(model="streamlab-mock", messages=messages, stream=True)
    return "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)


def via_responses(oai, case):
    system, turns = conversation(case)
    events = oai.responses.create(model="streamlab-mock", instructions=system, stream=True,
                                  input=[{"role": role, "content": text} for role, text in turns])
    return "".join(e.delta for e in events if e.type == "response.output_text.delta")


def via_anthropic(claude, case):
    system, turns = conversation(case)
    with claude.messages.stream(model="streamlab-mock", max_tokens=1024, system=system or "",
                                messages=[{"role": role, "content": text} for role, text in turns]) as stream:
        return "".join(stream.text_stream)


@pytest.mark.parametrize("wire", ["chat", "responses", "anthropic"])
@pytest.mark.parametrize(("name", "case", "check"), CASES, ids=[c[0] for c in CASES])
def test_a_plain_prompt_gets_the_answer_it_asks_for(oai, claude, wire, name, case, check):
    ask = {"chat": lambda: via_chat(oai, case), "responses": lambda: via_responses(oai, case),
           "anthropic": lambda: via_anthropic(claude, case)}[wire]
    answer = ask()
    assert check(answer), f"{name}: {answer!r}"
    assert ask() == answer, "the same request, the same answer"


def test_the_table_covers_both_languages_and_at_least_forty_prompts():
    chinese = [c for c in CASES if CJK.search(str(c[1]))]
    assert len(CASES) >= 40 and len(chinese) >= 12
