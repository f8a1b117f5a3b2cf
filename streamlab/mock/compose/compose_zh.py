"""Chinese answers for prompts without a curated one, shaped by the prompt's intent (see `intent.py`).

The topic is quoted only when the intent found a short, whole one; otherwise the answer speaks of "这个问题".
"""

from __future__ import annotations

import random
import re

from ..words.facts import cities_in
from . import categories
from .intent import Intent

NUMERALS = "零一两三四五六七八九十"
_GREETINGS = ["你好！有什么可以帮你的吗？", "你好呀！我是 StreamLab 的模拟模型，今天想聊点什么？",
              "嗨，你好！很高兴见到你，有什么问题尽管问我。"]
_TIMED = re.compile(r"早上好|早安|中午好|下午好|晚上好|晚安")
_POEMS = [
    "《{t}》\n\n{t}轻轻走来，\n像一封没有署名的信。\n我在窗前读了很久，\n每一行都是风的声音。",
    "《{t}》\n\n我把{t}写进日记，\n字迹很轻，怕惊醒它。\n合上本子的时候，\n窗外正好有光落下。",
    "《{t}》\n\n有人说{t}很远，\n远在山的那一边；\n我却在每个清晨，\n看见它停在眼前。\n\n"
    "于是我不再追赶，\n只把脚步放慢，\n让{t}像一首老歌，\n在心里慢慢回旋。",
]
_POEM_SUBJECTS = ["月光", "清晨", "远方", "秋雨"]
_ITEMS = [("从小处开始", "先选一个最容易上手的部分，做出成果再逐步扩展。"),
          ("定一个明确的目标", "想清楚做到什么程度算成功，才知道下一步往哪里走。"),
          ("养成习惯", "每天花一点时间，比一周突击一次更有效。"),
          ("向有经验的人学习", "看看别人是怎么做的，借鉴其中适合自己的做法。"),
          ("记录和复盘", "记下尝试过什么、效果如何，定期回头看一看。"),
          ("保持简单", "先用最直接的办法，确实需要时再增加复杂度。"),
          ("寻求反馈", "请别人看看你的成果，往往能发现自己忽略的问题。"),
          ("劳逸结合", "适当休息能让你走得更远，也更容易坚持。"),
          ("善用工具", "合适的工具和资料能省下大量时间。"),
          ("享受过程", "对过程本身感兴趣，才最容易长期坚持下去。")]
_IDEAS = [("选一个主题", "有了一个清楚的主题，其他安排都更好决定。"),
          ("走到户外", "公园、海边或者一段长长的散步，都能让普通的安排变得难忘。"),
          ("一起动手", "一起做饭、做手工或者搭点什么，比单纯看热闹更有意思。"),
          ("邀请合适的人", "几位彼此合得来的朋友，比一大群人更重要。"),
          ("准备一个小惊喜", "一个意料之外的小环节，往往是大家事后最记得的部分。"),
          ("尝试新鲜事", "去一个谁都没去过的地方，或者试一门新课、一个新游戏。"),
          ("留出余地", "日程别排得太满，让每个人都不用赶时间。")]
_MEASURES = {"书": "本", "山": "座", "河": "条", "水果": "种", "颜色": "种", "语言": "种", "动物": "种"}
_IDEA_WORDS = ("想法", "点子", "活动", "周末", "聚会", "旅行", "生日", "假期", "礼物")
_OPEN_TOPIC = ["{t}可以从三个方面来理解：它是什么、它怎样工作，以及它适合用在哪里。",
               "简单来说，{t}并没有看上去那么复杂，我们一步一步来看。"]
_OPEN_QUESTION = ["这是个好问题，我们一步一步来看。", "这个问题可以拆成几个小问题来理解。"]
_BODY = ["首先，要弄清它的基本概念，以及它要解决的是什么问题。",
         "接着，看看它在实际中是怎样运作的，最好配合一个具体的小例子。",
         "同时，留意它的优点和代价，每一种设计都有取舍。", "另外，把不确定的地方记下来，再去可靠的资料里核对。",
         "在实践中，先从最简单的做法开始，需要时再逐步加入细节。"]
_CLOSE = ["最后，留意常见的误区和限制，这样用起来才更有把握。", "如果需要，我可以再展开讲讲其中任何一点。"]
_STORY = ("从前，在山脚下的小镇里，住着一个叫阿禾的孩子。他每天放学都要绕远路，去河边看一看。"
          "有一天傍晚，{event}，他停下脚步，看了很久。从那以后，阿禾开始把看到的一切都记在一个小本子里。"
          "很多年过去了，小镇变了模样，那个本子却一直放在他的书桌上。每当有人问起，他总是笑着说：“一切都是从那个傍晚开始的。”")
_CONDITIONS = {"sunny": "晴", "clear": "晴朗", "partly cloudy": "多云间晴", "cloudy": "多云", "overcast": "阴",
               "light rain": "小雨", "heavy rain": "大雨", "rain": "有雨", "rainy": "有雨", "showers": "阵雨",
               "drizzle": "毛毛雨", "thunderstorm": "雷阵雨", "light snow": "小雪", "snow": "有雪", "fog": "有雾",
               "foggy": "有雾", "mist": "有薄雾", "windy": "有风", "hot": "炎热", "cold": "寒冷"}


def numeral(n: int) -> str:
    return NUMERALS[n] if n <= 10 else str(n)


def _greeting(wish: Intent, prompt: str, rng: random.Random) -> str:
    timed = _TIMED.search(prompt)
    return f"{timed.group(0)}！有什么可以帮你的吗？" if timed else rng.choice(_GREETINGS)


def _poem(wish: Intent, prompt: str, rng: random.Random) -> str:
    return rng.choice(_POEMS).format(t=wish.topic or rng.choice(_POEM_SUBJECTS))


def _list(wish: Intent, prompt: str, rng: random.Random) -> str:
    count = wish.count or 5
    known = categories.names(wish.form, zh=True)
    if known:
        measure = wish.measure if wish.measure != "个" else \
            next((m for noun, m in _MEASURES.items() if noun in wish.form), "个")
        head = f"这里有{numeral(count)}{measure}{wish.form}："
        return head + "\n\n" + "\n".join(f"{i}. {name}" for i, name in enumerate(known[:count], 1))
    noun = wish.form or "建议"
    what = f"{wish.topic}的{noun}" if wish.topic else noun
    bank = _IDEAS if any(w in wish.form + wish.topic for w in _IDEA_WORDS) else _ITEMS
    items = rng.sample(bank, min(count, len(bank)))
    lines = [f"{i}. **{title}**：{text}" for i, (title, text) in enumerate(items, 1)]
    head = f"这里有{numeral(count)}{wish.measure}{what}："
    return head + "\n\n" + "\n".join(lines) + "\n\n可以先挑一两条试试，看看哪条最适合你。"


def _explain(wish: Intent, prompt: str, rng: random.Random) -> str:
    opener = rng.choice(_OPEN_TOPIC).format(t=wish.topic) if wish.topic else rng.choice(_OPEN_QUESTION)
    body = [_BODY[0]] + [_BODY[i] for i in sorted(rng.sample(range(1, len(_BODY)), 2))]
    return opener + "".join(body) + rng.choice(_CLOSE)


def _essay(wish: Intent, prompt: str, rng: random.Random) -> str:
    title = wish.topic or "随想"
    middle = _BODY[0].removeprefix("首先，") + rng.choice(_BODY[1:])
    return (f"# {title}\n\n说起{title}，很多人的第一反应是熟悉，可真要讲清楚，却又不那么容易。"
            f"它和我们的日常生活联系得很紧，值得停下来认真想一想。\n\n{middle}\n\n"
            f"总之，理解{title}没有捷径，多看、多想、多动手，答案自然会慢慢清晰。")


def _story(wish: Intent, prompt: str, rng: random.Random) -> str:
    event = f"他遇见了{wish.topic}" if wish.topic else "河面上忽然亮起一片金色的光"
    return _STORY.format(event=event)


def _weather(wish: Intent, prompt: str, rng: random.Random) -> str:
    places = "和".join(cities_in(prompt)) or "那里"
    return (f"我无法获取实时天气数据，所以没法告诉你{places}现在的天气。"
            "如果给我一个天气查询工具，或者你查一下天气预报服务，我可以帮你总结气温和天气情况。")


KINDS = {"greeting": _greeting, "poem": _poem, "list": _list, "story": _story, "essay": _essay,
         "weather": _weather, "explain": _explain}


def weather_report(readings: list[tuple[str, object, str, object]], rng: random.Random) -> str:
    """An answer from weather tool results: (place, temperature, unit, condition) for each call."""
    parts = []
    for place, temp, unit, cond in readings:
        sky = _CONDITIONS.get(str(cond).lower(), str(cond)) if cond else ""
        reading = f"气温 {temp}{unit}" if temp is not None else ""
        parts.append((place or "查询的地点") + "现在" + "，".join(p for p in (sky, reading) if p))
    text = "根据天气工具返回的数据，" + "；".join(parts) + "。"
    temps = [(t, p) for p, t, _, _ in readings if isinstance(t, (int, float)) and p]
    if len(temps) >= 2 and max(temps)[0] != min(temps)[0]:
        text += f"{max(temps)[1]}最暖和。" if len(temps) > 2 else f"{max(temps)[1]}比{min(temps)[1]}更暖和一些。"
    return text + rng.choice(["天气变化快，出门前最好再看一眼最新预报。",
                              "需要的话，我也可以帮你查查接下来几天的天气。"])
