"""What a prompt asks for: the kind of answer (a greeting, a poem, code, a list, a story, an essay, the weather,
or an explanation), what it is about, and how many items or words. English and Chinese; plain rules, no chance.

A topic is kept whole or left out: it is never cut inside a word or a Chinese phrase, and a long one is not
quoted at all (the answer then speaks of "this" instead of echoing the prompt).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
           "a few": 3, "some": 5, "several": 5}
ZH_NUMBERS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "几": 5}
MAX_TOPIC_WORDS, MAX_TOPIC_CHARS_ZH = 8, 12


@dataclass(frozen=True)
class Intent:
    kind: str  # greeting | poem | code | list | story | essay | weather | explain
    topic: str = ""  # whole words of the prompt the answer may quote; "" when there is none worth quoting
    count: int = 0  # list items asked for ("five tips"); 0 when unstated
    words: int = 0  # length asked for ("150 words"); 0 when unstated
    form: str = ""  # poem: haiku | limerick | ""; list: its noun ("tips", "方法"); code: the language
    measure: str = "个"  # Chinese lists: the measure word the prompt counts with (三本书, 三座山)
    zh: bool = False


# ---- English -----------------------------------------------------------------------------------------------
_GREET = {"hi", "hello", "hey", "hiya", "howdy", "greetings", "yo", "test", "good morning", "good afternoon",
          "good evening", "good day"}
_GREET_REST = {"there", "everyone", "all", "friend", "how", "are", "you", "doing", "today", "again", "mock", "model"}
_POEM = re.compile(r"\b(poem|poems|poetry|haiku|limerick|sonnet|verses?|ode|rhymes?|lyrics|quatrain)\b", re.I)
_LANGS = {"python": "python", "javascript": "javascript", "js": "javascript", "node": "javascript",
          "typescript": "javascript"}
_LANG_RE = re.compile(r"\b(python|javascript|js|node|typescript)\b", re.I)
_CODE_NOUN = re.compile(r"\b(code|function|script|program|snippet|class|algorithm|regex|one-liner|quick ?sort|"
                        r"fizz ?buzz|bubble sort|binary search)\b", re.I)
_CODE_VERB = re.compile(r"\b(write|implement|code|create|build|make|show|give|generate|need|how (?:do|can) i|"
                        r"how to)\b", re.I)
_LIST_LEAD = re.compile(r"^(?:please\s+)?(?:list|enumerate|name|suggest|recommend|brainstorm)\b", re.I)
_COUNTED = re.compile(r"\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|a few|some|several)\s+"
                      r"((?:[\w-]+\s+){0,2}?[a-z]+s)\b(.*)$", re.I)
_NOT_ITEMS = {"sentences", "words", "paragraphs", "lines", "stanzas", "verses", "minutes", "seconds", "hours",
              "days", "years", "times", "characters", "tokens"}
_STORY = re.compile(r"\b(story|stories|tale|fable)\b", re.I)
_ESSAY = re.compile(r"\b(essay|article|paragraph|blog post|report|speech|letter)\b", re.I)
_WORD_COUNT = re.compile(r"\b(\d{2,4})\s+words\b", re.I)
_WEATHER = re.compile(r"\b(weather|forecast|raining|snowing)\b", re.I)
_ABOUT = re.compile(r"\b(?:about|on|of)\s+(.+)$", re.I)
_LEAD = re.compile(
    r"^(?:please\s+)?(?:(?:can|could|would)\s+you\s+)?(?:please\s+)?"
    r"(?:explain|describe|summari[sz]e|define|discuss|outline|compare|contrast|tell\s+me\s+about|tell\s+me|"
    r"teach\s+me\s+about|what\s+is|what\s+are|what's|give\s+me\s+an?\s+overview\s+of)\s+", re.I)
# "a long, detailed explanation of X" → X: the form asked for is not the topic.
_FORM = re.compile(r"^(?:(?:a|an|the)\s+)?(?:[\w-]+,?\s+){0,3}?(?:explanation|overview|summary|description|"
                   r"introduction|guide)s?\s+(?:of|about|on|for)\s+", re.I)
# "… to a beginner", "… in three sentences", "… in simple terms": how to answer, not what about.
_AUDIENCE = re.compile(r"\s+(?:(?:to|for)\s+(?:a\s+|an\s+)?(?:\w+\s+)?(?:beginners?|kids?|child(?:ren)?|"
                       r"[\w-]+-year-olds?|novices?|newcomers?|developers?|programmers?)|in\s+(?:simple|plain|"
                       r"everyday)\s+\w+|in\s+(?:\w+\s+)?(?:sentences?|words|paragraphs?))\b.*$", re.I)
_QUESTION = re.compile(r"^(?:how|why|when|where|who|which|can|should|is|are|does|do|will|would)\b", re.I)
_YOURS = {"my": "your", "me": "you", "i": "you", "i'm": "you're", "our": "your", "us": "you", "myself": "yourself"}


def _whole_topic(words: list[str]) -> str:
    """The words as a topic, or "" when there are too many to quote (never a cut)."""
    words = [_YOURS.get(w.lower(), w) for w in words]
    return " ".join(words) if 0 < len(words) <= MAX_TOPIC_WORDS else ""


def _english(prompt: str) -> Intent:
    clean = " ".join(prompt.split()).rstrip(" .!?")
    words = re.findall(r"[a-z']+", clean.lower())
    lead = 2 if " ".join(words[:2]) in _GREET else 1 if words and words[0] in _GREET else 0
    if lead and set(words[lead:]) <= _GREET_REST:
        return Intent("greeting")
    wanted = _WORD_COUNT.search(clean)
    length = min(int(wanted.group(1)), 2000) if wanted else 0
    about = _ABOUT.search(clean)
    topic = _whole_topic(about.group(1).split()) if about else ""
    if poem := _POEM.search(clean):
        form = poem.group(1).lower()
        return Intent("poem", topic, form=form if form in ("haiku", "limerick") else "")
    language = _LANG_RE.search(clean)
    if _CODE_VERB.search(clean) and (language or _CODE_NOUN.search(clean)):
        return Intent("code", form=_LANGS[language.group(1).lower()] if language else "python")
    counted = _COUNTED.search(clean)
    if counted and counted.group(2).split()[-1].lower() in _NOT_ITEMS:
        counted = None
    if _LIST_LEAD.match(clean) or counted or re.match(r"^what are (?:some|the)\b", clean, re.I):
        count = 0
        if counted:
            number = counted.group(1).lower()
            count = int(number) if number.isdigit() else NUMBERS[number]
            tail = _whole_topic((counted.group(2) + counted.group(3)).split())
        else:
            tail = _whole_topic(re.sub(r"^(?:please\s+)?\w+\s+(?:me\s+)?", "", clean).split())
        return Intent("list", tail, count=count and max(2, min(count, 10)),
                      form=counted.group(2).split()[-1] if counted else "")
    if _STORY.search(clean):
        return Intent("story", topic)
    if _ESSAY.search(clean) or length:
        return Intent("essay", topic, words=length)
    if _WEATHER.search(clean):
        return Intent("weather")
    if _QUESTION.match(clean) or not _LEAD.match(clean):
        return Intent("explain")
    topic = _AUDIENCE.sub("", _FORM.sub("", _LEAD.sub("", clean)))
    return Intent("explain", "" if "," in topic else _whole_topic(topic.split()))


# ---- Chinese -----------------------------------------------------------------------------------------------
_ZH_GREETING = re.compile(r"^(?:(?:你好|您好|嗨|哈喽|哈啰|早上好|早安|中午好|下午好|晚上好|晚安|大家好|在吗|hello|hi)"
                          r"[呀啊哦吖]?)+(?:你好吗|最近好吗|你是谁|在吗)?$", re.I)
_ZH_POEM = re.compile(r"诗|诗歌|绝句|律诗|俳句|歌词|童谣|儿歌|一首")
_ZH_LANG = re.compile(r"python|javascript|typescript|js|node", re.I)
_ZH_CODE = re.compile(r"代码|函数|程序|脚本|算法|排序|正则|斐波那契|阶乘|二分查找|回文|素数|质数")
_ZH_CODE_VERB = re.compile(r"写|实现|编写|给出|生成|用.{0,12}(?:写|实现|做)")
_ZH_LIST = re.compile(r"列出|列举|罗列|清单|推荐|盘点")
_ZH_COUNTED = re.compile(r"([两二三四五六七八九十几]|\d{1,2})(个|条|种|点|本|项|件|部|样|位|座|片|颗|首|道|家|只)(.*)$")
_ZH_STORY = re.compile(r"故事|童话|小说")
_ZH_ESSAY = re.compile(r"文章|作文|短文|一篇|散文|一段话")
_ZH_WEATHER = re.compile(r"天气|气温|下雨|下雪")
_ZH_QUESTION = re.compile(r"为什么|为何|怎么|怎样|如何|是不是|能不能|有没有|哪")
_ZH_ABOUT = (re.compile(r"(?:关于|以)(.+?)(?:的|为题|为主题)"),
             re.compile(r"(?:描写|赞美|歌颂|一首|一篇|一个)(.+?)(?:的|$)"))
_ZH_LEAD = re.compile(r"^(?:请你|请|麻烦你?|能否|可以|你能|帮我|给我)?"
                      r"(?:用(?:简单|通俗|浅显|简洁)的?(?:语言|话|方式|例子)?)?"
                      r"(?:从.{1,3}个?(?:方面|角度))?(?:简单|简要|详细|通俗)?地?"
                      r"(?:解释|介绍|说明|讲讲|讲一讲|谈谈|说说|聊聊|科普|描述|分析|比较|评价|总结)?(?:一下)?"
                      r"(?:什么是|什么叫)?")
_ZH_TAIL = re.compile(r"(?:是什么意思|是什么|是啥|指什么|吗|呢|吧)$")
_ZH_PUNCT = re.compile(r"[\u3000-\u303f\uff00-\uffef,.!?;:\"'()]")


def _zh_topic(phrase: str) -> str:
    """A short, clean Chinese topic, or "" (never a cut: a phrase too long to quote is left out)."""
    phrase = phrase.strip()
    if not phrase or _ZH_PUNCT.search(phrase) or _ZH_QUESTION.search(phrase) or len(phrase) > MAX_TOPIC_CHARS_ZH:
        return ""
    return phrase


def _about_zh(clean: str) -> str:
    match = _ZH_ABOUT[0].search(clean) or _ZH_ABOUT[1].search(clean)
    topic = _zh_topic(match.group(1)) if match else ""
    return "" if any(r.search(topic) for r in (_ZH_POEM, _ZH_STORY, _ZH_ESSAY)) else topic


def _chinese(prompt: str) -> Intent:
    clean = prompt.strip().rstrip("？?。.！!～~ ")
    compact = re.sub(r"[\s，,！!。.？?~～]+", "", clean)
    if _ZH_GREETING.match(compact):
        return Intent("greeting", zh=True)
    if _ZH_POEM.search(clean) and not _ZH_CODE.search(clean):
        return Intent("poem", _about_zh(clean), zh=True)
    language = _ZH_LANG.search(clean)
    if _ZH_CODE_VERB.search(clean) and (language or _ZH_CODE.search(clean)):
        return Intent("code", form=_LANGS[language.group(0).lower()] if language else "python", zh=True)
    counted = _ZH_COUNTED.search(clean)
    if counted and (_ZH_LIST.search(clean) or counted.group(3).strip()) and not counted.group(3).startswith("方面"):
        number = counted.group(1)
        count = int(number) if number.isdigit() else ZH_NUMBERS[number]
        topic, _, noun = counted.group(3).strip().rpartition("的")
        return Intent("list", _zh_topic(topic), count=max(2, min(count, 10)), form=_zh_topic(noun),
                      measure=counted.group(2), zh=True)
    if _ZH_LIST.search(clean):  # "推荐一些好书": no count
        topic, _, noun = re.sub(r"^(?:一下|一些|些)", "", _ZH_LIST.split(clean, 1)[-1]).rpartition("的")
        return Intent("list", _zh_topic(topic), count=5, form=_zh_topic(noun), zh=True)
    if _ZH_STORY.search(clean):
        return Intent("story", _about_zh(clean), zh=True)
    if _ZH_ESSAY.search(clean):
        return Intent("essay", _about_zh(clean), zh=True)
    if _ZH_WEATHER.search(clean):
        return Intent("weather", zh=True)
    return Intent("explain", _zh_topic(_ZH_TAIL.sub("", _ZH_LEAD.sub("", clean))), zh=True)


def detect(prompt: str, zh: bool) -> Intent:
    """The intent of `prompt`; `zh`: the prompt is Chinese (the answer will be too)."""
    return _chinese(prompt) if zh else _english(prompt)
