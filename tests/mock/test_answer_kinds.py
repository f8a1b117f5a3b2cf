"""Answers read like a model's, in English and Chinese: the kind of answer follows the prompt's intent (a poem,
code in a fenced block, a list, a greeting, an explanation), topics are never cut, the same request gives the
same text, and Chinese streams in one- or two-character pieces that the usage counts."""

import json
import re

import pytest

from streamlab.mock.compose import answer as composed
from streamlab.mock.words import text

GREETING_WORDS = re.compile(r"\b(hi|hello|hey|good (?:morning|afternoon|evening))\b|你好|您好|嗨|早上好|下午好|晚上好",
                            re.IGNORECASE)
CJK = re.compile("[\u4e00-\u9fff]")


def kind_of(answer):
    """The kind of an answer, by its shape alone."""
    lines = [line.strip() for line in answer.splitlines() if line.strip()]
    if re.search(r"^```[\w+-]*\n.+?\n```$", answer, re.MULTILINE | re.DOTALL):
        return "code"
    if sum(bool(re.match(r"(\d+[.)]|[-*•])\s+\S", line)) for line in lines) >= 3:
        return "list"
    if len(lines) >= 3 and all(len(line) <= 60 for line in lines):
        return "poem"
    if len(answer) <= (60 if CJK.search(answer) else 160) and GREETING_WORDS.search(answer):
        return "greeting"
    if len(re.findall(r"[.!?](?:\s|$)|[。！？]", answer)) >= 2:
        return "explanation"
    return "other"


def cut_prefixes(topic):
    """Prefixes of `topic` that end inside a word. Chinese has no spaces, so its words are marked with "|"
    ("学习|英语": "学习" is a word, "学习英" a cut)."""
    bounds, clean = set(), ""
    for part in topic.split("|"):
        clean += part
        bounds.add(len(clean))
    for end in range(2, len(clean)):
        if clean[end - 1].isalnum() and clean[end].isalnum() and end not in bounds and \
                (end >= 3 or CJK.match(clean[0])):
            yield clean[:end]


def assert_no_cut_topic(answer, topic):
    """The answer quotes no prefix of the topic cut inside a word (followed by anything but the word's rest)."""
    for prefix in cut_prefixes(topic):
        for match in re.finditer(re.escape(prefix), answer):
            before, after = answer[match.start() - 1: match.start()], answer[match.end(): match.end() + 1]
            starts_a_word = not before or not before.isalnum() or CJK.match(prefix[0])
            assert not (starts_a_word and not after.isalnum()), f"{prefix!r} cut from {topic!r} in {answer!r}"


def answer(prompt):
    return composed.answer(prompt, text.stable_hash(text.normalise(prompt)))


ENGLISH = [
    ("Write a poem about the ocean", "poem", "the ocean"),
    ("Compose a haiku about autumn rain", "poem", "autumn rain"),
    ("Write a JavaScript function that reverses a string", "code", "JavaScript function"),
    ("How do I check if a number is prime in Python?", "code", "number is prime"),
    ("List five ways to save energy at home", "list", "save energy at home"),
    ("Give me 3 ideas for a birthday party", "list", "a birthday party"),
    ("Hello!", "greeting", ""),
    ("Good morning", "greeting", ""),
    ("Why is the sky blue?", "explanation", "the sky is blue"),
    ("Explain how a CPU cache works", "explanation", "how a CPU cache works"),
    ("Tell me about the history of the printing press and why it mattered so much to the spread of new ideas",
     "explanation", "the history of the printing press and why it mattered so much to the spread of new ideas"),
    ("What are some tips for sleeping better?", "list", "sleeping better"),
]
CHINESE = [
    ("写一首关于月亮的诗", "poem", "月亮"),
    ("写一首关于大海的短诗", "poem", "大海"),
    ("用 Python 写一个函数，计算斐波那契数列", "code", "计算|斐波那契|数列"),
    ("写一段 JavaScript 代码，反转字符串", "code", "反转|字符串"),
    ("列出五个学习英语的方法", "list", "学习|英语"),
    ("给我三个周末活动的建议", "list", "周末|活动"),
    ("您好", "greeting", ""),
    ("早上好！", "greeting", ""),
    ("为什么天空是蓝色的？", "explanation", "天空|是|蓝色|的"),
    ("什么是区块链？", "explanation", "区块链"),
    ("token 是什么？为什么 API 要按 token 计费？", "explanation", "token 是|什么？|为什么 API 要|按 token 计费"),
    ("请详细介绍一下中国古代四大发明对世界文明发展的深远影响", "explanation",
     "中国|古代|四大|发明|对|世界|文明|发展|的|深远|影响"),
]


@pytest.mark.parametrize(("prompt", "kind", "topic"), ENGLISH + CHINESE, ids=[p for p, _, _ in ENGLISH + CHINESE])
def test_varied_prompts_get_the_kind_of_answer_they_ask_for_never_a_cut_topic(prompt, kind, topic):
    reply = answer(prompt)
    assert kind_of(reply) == kind, reply
    assert_no_cut_topic(reply, topic)
    assert bool(CJK.search(reply)) == bool(CJK.search(prompt)), "a Chinese prompt gets a Chinese answer"
    assert reply == answer(prompt)


def test_the_cut_topic_check_catches_the_old_cut():
    with pytest.raises(AssertionError):
        assert_no_cut_topic("关于“token 是什么？为什么 API 要按 tok”，可以从三个方面来理解。", CHINESE[10][2])
    with pytest.raises(AssertionError):
        assert_no_cut_topic("Here is a short overview of the history of the print.", ENGLISH[10][2])


CURATED_KINDS = [("写一首关于春天的诗", "poem"), ("解释什么是机器学习", "explanation"),
                 ("写一个 Python 快速排序", "code"), ("用简单的语言解释量子计算", "explanation"),
                 ("你好", "greeting"), ("Write a short poem", "poem"), ("北京天气怎么样？", "explanation")]


@pytest.mark.parametrize(("prompt", "kind"), CURATED_KINDS)
def test_the_tutorials_prompts_get_their_curated_kind_of_answer_over_the_wire(oai, prompt, kind):
    chunks = oai.chat.completions.create(model="streamlab-mock", messages=[{"role": "user", "content": prompt}],
                                         stream=True)
    reply = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert kind_of(reply) == kind, reply
    assert reply == composed.answer(prompt, "any seed"), "curated: the same text whatever the request"


def test_the_spring_poem_has_several_short_lines():
    lines = [line for line in answer("写一首关于春天的诗").splitlines() if line.strip()]
    assert len(lines) >= 6 and all(len(line) <= 12 for line in lines) and "春" in lines[0]


def python_blocks(reply):
    return re.findall(r"^```python\n(.+?)\n```$", reply, re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("prompt", ["写一个 Python 快速排序", "写一个Python快速排序", "Write a Python quicksort"])
def test_the_quicksort_answer_runs_and_sorts(prompt, capsys):
    (block,) = python_blocks(answer(prompt))
    namespace = {}
    exec(block, namespace)  # noqa: S102 - the mock's own curated code
    functions = [v for k, v in namespace.items() if callable(v) and not k.startswith("__")]
    assert re.search(r"^def \w+\(", block, re.MULTILINE) and len(functions) == 1
    assert functions[0]([3, 1, 2]) == [1, 2, 3]


def test_the_article_has_a_title_and_paragraphs():
    reply = answer("写一篇关于 AI 的文章")
    title, *paragraphs = reply.split("\n\n")
    assert title.startswith("# ") and len(paragraphs) >= 3 and all("。" in p for p in paragraphs)


def test_same_request_same_text_different_prompts_different_texts(oai):
    def ask(prompt):
        chunks = oai.chat.completions.create(model="streamlab-mock", stream=True,
                                             messages=[{"role": "user", "content": prompt}])
        return "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)

    assert ask("写一首关于月亮的诗") == ask("写一首关于月亮的诗")
    assert ask("Write a poem about the ocean") == ask("Write a poem about the ocean")
    assert ask("写一首关于月亮的诗") != ask("写一首关于大海的诗")


@pytest.mark.parametrize("prompt", ["写一篇关于 AI 的文章", "用简单的语言解释量子计算", "列出五个学习英语的方法"])
def test_chinese_streams_in_pieces_of_one_or_two_characters_and_usage_counts_them(oai, prompt):
    chunks = list(oai.chat.completions.create(model="streamlab-mock", messages=[{"role": "user", "content": prompt}],
                                              stream=True, stream_options={"include_usage": True}))
    pieces = [c.choices[0].delta.content for c in chunks if c.choices and c.choices[0].delta.content]
    assert all(len(CJK.findall(p)) <= 2 for p in pieces)
    cjk = [len(CJK.findall(p)) for p in pieces if CJK.search(p)]
    assert 1.2 <= sum(cjk) / len(cjk) <= 2
    assert chunks[-1].usage.completion_tokens == len(pieces) == text.count_tokens("".join(pieces))


WEATHER_TOOL = [{"type": "function", "function": {
    "name": "get_weather", "description": "Current weather for a city.",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}]


def test_beijing_weather_calls_the_tool_with_beijing_and_answers_in_chinese_from_the_result(oai):
    messages = [{"role": "user", "content": "北京天气怎么样？"}]
    first = oai.chat.completions.create(model="streamlab-mock", messages=messages, tools=WEATHER_TOOL)
    (call,) = first.choices[0].message.tool_calls
    assert call.function.name == "get_weather" and call.function.arguments == '{"city": "北京"}'
    result = {"city": "北京", "temperature_c": 16, "sky": "sunny"}
    messages += [first.choices[0].message.model_dump(exclude_none=True),
                 {"role": "tool", "tool_call_id": call.id, "content": json.dumps(result, ensure_ascii=False)}]
    chunks = oai.chat.completions.create(model="streamlab-mock", messages=messages, tools=WEATHER_TOOL, stream=True)
    reply = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert "北京" in reply and "16°C" in reply and "晴" in reply
    assert not re.search(r"[A-Za-z]{2,}", reply), "no English mixed into the Chinese answer"


def test_claude_announces_the_chinese_tool_call_in_chinese(claude):
    tools = [{"name": "get_weather", "description": "Current weather for a city.",
              "input_schema": WEATHER_TOOL[0]["function"]["parameters"]}]
    reply = claude.messages.create(model="streamlab-mock", max_tokens=256, tools=tools,
                                   messages=[{"role": "user", "content": "北京天气怎么样？"}])
    assert reply.content[0].text == "我来查一下北京现在的天气。"
    assert reply.content[1].input == {"city": "北京"}


def test_lists_of_known_things_name_them_and_count_as_asked():
    assert answer("Name the planets").splitlines()[2:] == ["1. Mercury", "2. Venus", "3. Earth", "4. Mars",
                                                          "5. Jupiter", "6. Saturn", "7. Uranus", "8. Neptune"]
    assert answer("列出三座山").startswith("这里有三座山：\n\n1. 珠穆朗玛峰")
    books = answer("推荐三本好书")
    assert books.startswith("这里有三本好书：") and kind_of(books) == "list" and "《三体》" in books
    assert "ideas" in answer("Give me 3 ideas for a birthday party").splitlines()[0]
