"""Plain instructions and questions, answered as asked: "say X", counting, arithmetic (computed), yes/no questions,
capitals and a few figures, the course's terms, translations of common phrases, lists on the course's topics, and
what the user said earlier in the conversation. The rules are here, in the order they are tried; what they know
is data in `mock/knowledge/`. Each rule returns the answer, or None to let the next one try."""

from __future__ import annotations

import ast
import operator
import re

from ..knowledge.lists import LISTS
from ..knowledge.people import FIGURES
from ..knowledge.phrases import LANGUAGES, PHRASES
from ..knowledge.places import ALIASES, COUNTRIES
from ..knowledge.terms import TERMS
from ..words.text import is_cjk
from .asked import Asked
from .intent import NUMBERS, ZH_NUMBERS
from .remembered import remembered

HONEST = ("I can't answer that reliably: I'm StreamLab's built-in mock, not a language model, and I know only a "
          "few facts and this course's terms. Open Provider and paste a key to get a real answer.")
HONEST_ZH = ("这个问题我没法可靠地回答：我是 StreamLab 内置的模拟服务，不是真正的语言模型，"
             "只知道少量事实和本课程的术语。"
             "打开“服务商”面板并填入密钥，就能得到真实的回答。")
WORDS = {"zero": 0, "one": 1, **NUMBERS, "eleven": 11, "twelve": 12, "twenty": 20, "hundred": 100}
QUOTES = "\"'“”‘’「」『』"


def number(word: str) -> int | None:
    word = word.strip().lower()
    if word.lstrip("-").isdigit():
        return int(word)
    return WORDS.get(word, ZH_NUMBERS.get(word))


def unquote(text: str) -> str:
    return text.strip().strip(QUOTES).strip()


def sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text[-1:] in ".!?" else ".")


# ---- the rules ---------------------------------------------------------------------------------------------
def echo(asked: Asked) -> str | None:
    if asked.zh:
        said = re.match(rf"^(?:请)?(?:跟我)?(?:说|重复|回复|只回复|只说|回答)[：:\s]*[{QUOTES}](.+?)[{QUOTES}]",
                        asked.text)
        return said.group(1) if said else None
    said = re.match(r"^(?:please\s+)?(?:just\s+)?(?:say|repeat|reply with|respond with|answer with|echo)"
                    r"(?:\s+(?:after me|exactly|only|just|back|the words?))?\s*[:\-]?\s*(.+)$", asked.text.strip(),
                    re.I)
    if not said or re.match(r"(something|anything|more|a few|hello in|hi in)\b", said.group(1), re.I):
        return None
    words = said.group(1).strip()
    return unquote(words) if words[:1] in QUOTES else sentence(words.rstrip(".!"))


def count(asked: Asked) -> str | None:
    spoken = r"(-?\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred)"
    found = re.search(rf"\bcount(?:\s+from\s+{spoken})?\s+(?:up\s+)?to\s+{spoken}\b", asked.low) or \
        re.search(r"从\s*(\d+|[一二两三四五六七八九十])\s*数到\s*(\d+|[一二两三四五六七八九十])", asked.text) or \
        re.search(r"()数到\s*(\d+|[一二两三四五六七八九十])", asked.text)
    if not found:
        return None
    first = number(found.group(1) or "1") if found.group(1) else 1
    last = number(found.group(2))
    if first is None or last is None or abs(last - first) > 200:
        return None
    step = 1 if last >= first else -1
    return ("，" if asked.zh else ", ").join(str(n) for n in range(first, last + step, step))


# What may stand around a calculation that is the whole prompt ("What is 2+2?", "3加5等于几？")
CALCULATION = re.compile(r"\b(?:what(?:'s| is)|calculate|compute|how much is|solve|evaluate|please|equals?)\b|"
                         r"等于几|等于多少|是多少|得多少|等于|算一下|计算|请问|请", re.I)
OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
             ast.USub: operator.neg, ast.UAdd: operator.pos}
SPOKEN_OPS = [(r"\bmultiplied by\b|\btimes\b|×|(?<=\d)\s*x\s*(?=\d)|乘以|乘", "*"), (r"\bdivided by\b|÷|除以", "/"),
              (r"\bplus\b|加上|加", "+"), (r"\bminus\b|减去|减", "-")]


def _evaluate(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:
        return OPERATORS[type(node.op)](_evaluate(node.left), _evaluate(node.right))
    if isinstance(node, ast.UnaryOp) and type(node.op) in OPERATORS:
        return OPERATORS[type(node.op)](_evaluate(node.operand))
    raise ValueError("not arithmetic")


def arithmetic(asked: Asked) -> str | None:
    if len(asked.text) > 120:
        return None
    percent = re.search(r"(\d+(?:\.\d+)?)\s*%\s*(?:of|的)\s*(\d+(?:\.\d+)?)", asked.text)
    expression = f"{percent.group(2)}*{percent.group(1)}/100" if percent else asked.text
    for spoken, symbol in SPOKEN_OPS:
        expression = re.sub(spoken, symbol, expression, flags=re.I)
    found = re.search(r"[-(]*\d[\d.\s()]*(?:[-+*/][\s(]*-?\d[\d.\s()]*)+", expression)
    if not found or not re.search(r"\d\s*\)*\s*[-+*/]\s*\(*\s*-?\d", found.group(0)):
        return None
    if CALCULATION.sub("", expression[:found.start()] + expression[found.end():]).strip(" ?？=.。!！,，:："):
        return None  # the numbers belong to another question ("why is 0.1 + 0.2 != 0.3 in JavaScript?", a date)
    try:
        value = _evaluate(ast.parse(found.group(0).strip(), mode="eval").body)
    except ZeroDivisionError:
        return "除数不能为零。" if asked.zh else "Division by zero is undefined."
    except (ValueError, SyntaxError):
        return None
    value = int(value) if float(value).is_integer() else round(value, 6)
    shown = percent.group(0) if percent else re.sub(r"\s*([-+*/])\s*", r" \1 ", found.group(0).strip())
    if asked.zh:
        said = percent.group(0) if percent else asked.text.split("等于")[0].split("是多少")[0].strip("？?")
        return f"{said}等于{value}。"
    return f"{shown} is {value}." if percent else f"{shown.replace('*', '×').replace('/', '÷')} = {value}."


def _country(name: str) -> str | None:
    name = name.strip().strip(QUOTES).removeprefix("the ").strip()
    for country, (zh, _, _) in COUNTRIES.items():
        if name.lower() == country.lower() or name == zh:
            return country
    return ALIASES.get(name) or next((v for k, v in ALIASES.items() if k.lower() == name.lower()), None)


def capital(asked: Asked) -> str | None:
    found = re.search(r"\bcapital(?: city)? of ([A-Za-z .'-]+?)\s*(?:\?|$)", asked.text) or \
        re.search(r"\b([A-Z][A-Za-z .]+?)'s capital\b", asked.text) or \
        re.search(r"([\u4e00-\u9fff]{2,6}?)的首都", asked.text)
    country = _country(found.group(1)) if found else None
    if country is None:
        return None
    zh_name, city, city_zh = COUNTRIES[country]
    claimed = re.match(r"^is ([A-Za-z .'-]+?) the capital", asked.text.strip(), re.I) or \
        re.match(r"^([\u4e00-\u9fff]{2,8}?)是[\u4e00-\u9fff]{2,6}?的首都吗", asked.text.strip())
    if claimed:
        right = claimed.group(1).strip().lower() in (city.lower(), city_zh)
        if asked.zh:
            return f"是的，{city_zh}是{zh_name}的首都。" if right else f"不是，{zh_name}的首都是{city_zh}。"
        return f"Yes, {city} is the capital of {country}." if right else f"No, the capital of {country} is {city}."
    return f"{zh_name}的首都是{city_zh}。" if asked.zh else f"The capital of {country} is {city}."


def figure(asked: Asked) -> str | None:
    low = asked.low
    for keys, keys_zh, answer, answer_zh in FIGURES:
        english = low.startswith("who") and any(all(word in low for word in key) for key in keys)
        if english or any(key in low for key in keys_zh) and ("谁" in low or "哪位" in low):
            return answer_zh if asked.zh else answer
    return None


def term(asked: Asked) -> str | None:
    low = asked.low
    asked_about = re.match(r"^(?:what(?:'s| is| are| does)|define|explain|describe|meaning of|tell me about)\s+"
                           r"(?:an?\s+|the\s+)?(?:term\s+)?(.+?)(?:\s+mean)?$", low) or \
        re.match(r"^(?:请)?(?:问)?(?:什么是|何为|解释一下|解释|介绍一下)(.+)$", low) or \
        re.match(r"^(.+?)是什么(?:意思)?", low)
    if not asked_about:
        return None
    name = unquote(asked_about.group(1)).strip(" ?？")
    for names, names_zh, text, text_zh in TERMS:
        if name in names or name in names_zh:
            return text_zh if asked.zh else text
    return None


def translation(asked: Asked) -> str | None:
    found = re.search(rf"\btranslate\s+[{QUOTES}]?(.+?)[{QUOTES}]?\s+(?:in)?to\s+([A-Za-z]+)", asked.text, re.I) or \
        re.search(rf"\bhow do (?:you|i) say\s+[{QUOTES}]?(.+?)[{QUOTES}]?\s+in\s+([A-Za-z]+)", asked.text, re.I) or \
        re.search(rf"把[{QUOTES}]?(.+?)[{QUOTES}]?翻译成([\u4e00-\u9fffA-Za-z]+?)(?:[。！？?]|$)", asked.text) or \
        re.search(rf"[{QUOTES}](.+?)[{QUOTES}]用([\u4e00-\u9fff]+?)怎么说", asked.text)
    if not found:
        return None
    phrase, language = found.group(1).strip(" .!?。！？"), LANGUAGES.get(found.group(2).lower())
    entry = next((e for e in PHRASES if phrase.lower() in (v.lower().strip(" ?？") for v in e.values())), None)
    if language is None or entry is None:
        return ("我只认识少数常用短语的译法；要翻译其他内容，请在“服务商”面板里填入密钥。" if asked.zh else
                "I only know how to translate a few common phrases; for anything else, paste a key in Provider.")
    return f"“{phrase}”译成{found.group(2)}是“{entry[language]}”。" if asked.zh else entry[language]


def yes_no(asked: Asked) -> str | None:
    low = asked.low
    prime = re.match(r"^is (\d{1,7}) a prime(?: number)?$", low) or re.match(r"^(\d{1,7})是(?:质数|素数)吗$", low)
    if prime:
        n = int(prime.group(1))
        yes = n > 1 and all(n % d for d in range(2, int(n ** 0.5) + 1))
        if asked.zh:
            return f"是的，{n} 是质数。" if yes else f"不是，{n} 不是质数。"
        return f"Yes, {n} is a prime number." if yes else f"No, {n} is not a prime number."
    parity = re.match(r"^is (\d{1,9}) (?:an? )?(even|odd)(?: number)?$", low)
    if parity:
        n, even = int(parity.group(1)), parity.group(2) == "even"
        return f"{'Yes' if (n % 2 == 0) == even else 'No'}, {n} is {'even' if n % 2 == 0 else 'odd'}."
    compare = re.match(r"^is (-?\d+(?:\.\d+)?) (greater|bigger|larger|more|less|smaller|fewer) than (-?\d+(?:\.\d+)?)$",
                       low) or re.match(r"^(-?\d+(?:\.\d+)?)比(-?\d+(?:\.\d+)?)(大|小)吗$", low)
    if compare:
        if asked.zh or compare.group(2) in ("大", "小"):
            a, b, word = float(compare.group(1)), float(compare.group(2)), compare.group(3)
            yes = a > b if word == "大" else a < b
            return f"{'是的' if yes else '不是'}，{compare.group(1)}{'比' if yes else '不比'}{compare.group(2)}{word}。"
        a, b = float(compare.group(1)), float(compare.group(3))
        yes = a > b if compare.group(2) in ("greater", "bigger", "larger", "more") else a < b
        return f"{'Yes' if yes else 'No'}, {compare.group(1)} is {'' if yes else 'not '}{compare.group(2)} than " \
               f"{compare.group(3)}."
    return None


def topic_list(asked: Asked) -> str | None:
    low = asked.low
    wanted = re.search(r"\b(\d{1,2}|two|three|four|five)\b", low) or \
        re.search(r"(\d{1,2}|[两二三四五])\s*(?:个|条|种|点)", low)
    if not re.search(r"\b(?:list|name|give|what are|tell me)\b|列出|列举|给我|说出|有哪些|有什么", low):
        return None
    size = (number(wanted.group(1)) if wanted else None) or 3  # "what are the benefits of …": three
    for words, words_zh, items, items_zh in LISTS:
        if all(w in low for w in (words_zh if asked.zh else words)):
            chosen = (items_zh if asked.zh else items)[:max(1, min(size, len(items)))]
            return "\n".join(f"{i}. {item}" for i, item in enumerate(chosen, 1))
    return None


RULES = [echo, remembered, count, capital, figure, yes_no, arithmetic, translation, term, topic_list]


def reply(asked: Asked) -> str | None:
    """The first rule's answer to `asked`, or None when no rule knows it."""
    return next((said for rule in RULES if (said := rule(asked)) is not None), None)


QUESTION = re.compile(r"^(?:who|what|when|where|which|how (?:many|much|old|far|long|tall|big)|is|are|was|were|does|do|"
                      r"did|can|could|will|would|should|has|have)\b|\?$", re.I)
QUESTION_ZH = re.compile(r"[吗呢？?]$|^(?:谁|哪|什么时候|多少|几)|(?:是谁|在哪|是什么|是多少|有多|几个|多少)")


# "Explain X", "can you describe X?", "请解释一下 X": asking for an explanation, which the composer writes
REQUEST = re.compile(r"^(?:please\s+)?(?:(?:can|could|would) you\s+(?:please\s+)?)?(?:explain|describe|tell me about|"
                     r"summari[sz]e|teach me)\b|^(?:请)?(?:你)?(?:能)?(?:详细)?(?:解释|介绍|讲讲|说说|描述|讲解|谈谈)",
                     re.I)


def unknowable(asked: Asked) -> str | None:
    """A short honest answer to a question no rule knows (never filler paragraphs), None for other prompts."""
    if REQUEST.search(asked.text.strip()):
        return None
    if not (QUESTION_ZH if is_cjk(asked.text) else QUESTION).search(asked.text.strip()):
        return None
    for names, names_zh, text, text_zh in TERMS:  # a question about one of the course's terms: what it is
        if any(re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", asked.low) for name in names if len(name) > 2) \
                or any(name in asked.low for name in names_zh if is_cjk(name)):
            return text_zh if asked.zh else text
    return HONEST_ZH if asked.zh else HONEST
