"""English answers for prompts without a curated one, shaped by the prompt's intent (see `intent.py`).

The topic is quoted only when the intent found a short, whole one; otherwise the answer does not echo it.
"""

from __future__ import annotations

import random
import re

from ..words.facts import cities_in
from . import categories
from .intent import Intent

NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_GREETINGS = ["Hi! I'm the StreamLab mock model. Ask me a question and I'll stream the answer back to you, one "
              "token at a time.", "Hello! How can I help you today?", "Hey there! What would you like to talk about?"]
_POEMS = [
    "I went looking for {t}\nand found it in the smallest things:\na window left half open,\n"
    "the hush the morning brings.",
    "There is a kind of quiet\nthat only {t} knows;\nit settles like the evening\nand lingers as it goes.\n\n"
    "So here's to {t}, then,\nfor all it cannot say,\na small and steady lantern\nat the edge of every day.",
    "Say {t} softly, once,\nand listen to it stay;\nsome words are only echoes,\nand some will light the way.",
]
_HAIKU = ["{T} at first light\nthe whole room holds its breath and waits\nthen the day begins",
          "a thought of {t}\ndrifts across the quiet page\nand the ink stays wet"]
_LIMERICK = ("A writer who thought about {t}\nsat down to write it a book;\nshe filled every page,\n"
             "then took to the stage,\nand the whole town came by for a look.")
_ITEMS = [("Start small", "pick one part and get it working before you add more."),
          ("Set a clear goal", "decide what success looks like, so you know when you are done."),
          ("Make it a habit", "a little time every day beats one long session a week."),
          ("Learn from others", "see how experienced people do it and borrow what works for you."),
          ("Keep notes", "write down what you tried and what changed, then look back now and then."),
          ("Keep it simple", "use the most direct approach first and add complexity only when it pays off."),
          ("Ask for feedback", "a second pair of eyes often spots what you missed."),
          ("Take breaks", "rest keeps you going for longer and makes it easier to stick with it."),
          ("Use good tools", "the right tool or reference can save hours."),
          ("Enjoy the process", "curiosity about the work itself is what keeps people at it.")]
_IDEAS = [("Pick a theme", "one clear idea ties everything together and makes the other choices easier."),
          ("Go outdoors", "a park, a beach or a long walk turns an ordinary plan into something memorable."),
          ("Make it hands-on", "cooking, crafting or building something together beats just watching."),
          ("Invite the right people", "a few people who enjoy each other matter more than a big crowd."),
          ("Add a surprise", "one unexpected moment is what people remember afterwards."),
          ("Try something new", "a place, a class or a game none of you has tried before."),
          ("Leave some slack", "a schedule with room to breathe means nobody has to rush.")]
_IDEA_WORDS = ("idea", "activit", "party", "weekend", "birthday", "trip", "holiday", "vacation", "gift", "date")
_OPEN_TOPIC = [
    "Here is a short overview of {t}.",
    "Let's walk through {t} one step at a time.",
    "{T}: it all gets easier to follow once you see how the parts fit together.",
    "Good question. With {t}, it pays to look at the basics first.",
]
_OPEN_ESSAY = ["{T} is one of those subjects that seems simple until you look at it closely.",
               "Few subjects reward a second look as much as {t}."]
_OPEN_QUESTION = [
    "Good question. The short answer depends on a few ideas that build on each other.",
    "That comes down to a handful of ideas, so let's take them in order.",
    "Here is how I would think about it, one step at a time.",
]
_BODY = [
    "Start with the core idea: what it is, which problem it solves, and who relies on it day to day.",
    "A small, concrete example usually teaches more than a long definition, so try one before going deeper.",
    "Most confusion comes from mixing up what something does with how it does it, so keep the two apart.",
    "It also helps to look at the trade-offs, because every design choice makes something easier and "
    "something else harder.",
    "When you test your understanding, compare what you expect to happen with what actually happens.",
    "Experienced practitioners tend to keep things simple at first and add detail only when it pays off.",
    "Write down the one or two facts you are unsure about, and check them against a reliable source.",
    "Seen from a distance, the pieces form a simple pipeline: an input goes in, some work happens, and a "
    "result comes out.",
]
_CLOSE = [
    "If you'd like, I can go deeper into any of these points.",
    "From there, the remaining details tend to fall into place quickly.",
    "That should give you a solid footing to explore further.",
]
_STORY = ("Once, in a quiet town at the edge of the map, there lived a girl named Ada who walked the long way home "
          "every evening. One day {event}, and she stopped and watched for a long time. From then on she carried a "
          "small notebook and wrote down everything she noticed. Years later the town had changed, but the notebook "
          "still sat on her desk, and when people asked how it all began, she smiled and said, \"It started with "
          "one evening.\"")


def _number(n: int) -> str:
    return NUMBER_WORDS[n] if n <= 10 else str(n)


def _poem(wish: Intent, prompt: str, rng: random.Random) -> str:
    topic = wish.topic or rng.choice(["the morning", "the sea", "the rain", "an old city"])
    template = _HAIKU[rng.randrange(len(_HAIKU))] if wish.form == "haiku" else _LIMERICK \
        if wish.form == "limerick" else rng.choice(_POEMS)
    return template.format(t=topic, T=topic[0].upper() + topic[1:])


def _list(wish: Intent, prompt: str, rng: random.Random) -> str:
    known = categories.names(wish.form or " ".join(wish.topic.split()[:2]), zh=False)  # "rivers", "the planets"
    count = wish.count or len(known) or 5
    what = wish.topic or wish.form or "ideas"
    if wish.count:
        what = f"{_number(wish.count)} {what}"
    elif not (known or wish.topic):
        what = f"a few {what}"
    if known:
        return f"Here are {what}:\n\n" + "\n".join(f"{i}. {n[0].upper() + n[1:]}" for i, n in
                                                   enumerate(known[:count], 1))
    bank = _IDEAS if any(w in wish.topic.lower() for w in _IDEA_WORDS) else _ITEMS
    items = rng.sample(bank, min(count, len(bank)))
    lines = [f"{i}. **{title}**: {text}" for i, (title, text) in enumerate(items, 1)]
    return f"Here are {what}:\n\n" + "\n".join(lines) + "\n\nPick one or two to try first and see what works for you."


def _explain(wish: Intent, prompt: str, rng: random.Random) -> str:
    topic = wish.topic
    if topic[:1].isupper() and topic[1:2].islower():
        topic = topic[0].lower() + topic[1:]
    openers = _OPEN_ESSAY if wish.kind == "essay" else _OPEN_TOPIC
    opener = rng.choice(openers).format(t=topic, T=topic[:1].upper() + topic[1:]) if topic else \
        rng.choice(_OPEN_QUESTION)
    sentences = [opener]
    order = [_BODY[0], *rng.sample(_BODY[1:], len(_BODY) - 1)]
    while len(sentences) < 4 or sum(len(s.split()) for s in sentences) < wish.words - 10:
        sentences.append(order[(len(sentences) - 1) % len(order)])
    sentences.append(rng.choice(_CLOSE))
    if wish.kind != "essay":
        return " ".join(sentences)
    return "\n\n".join(" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3))


def _weather(wish: Intent, prompt: str, rng: random.Random) -> str:
    places = cities_in(prompt)
    where = " and ".join(places) if places else "your area"
    return (f"I don't have live weather data, so I can't tell you the current conditions in {where}. Give me a "
            "weather tool, or check a forecast service, and I can summarise what it reports.")


def _greeting(wish: Intent, prompt: str, rng: random.Random) -> str:
    morning = re.match(r"good (morning|afternoon|evening)", prompt.strip(), re.I)
    return f"Good {morning.group(1).lower()}! How can I help you today?" if morning else rng.choice(_GREETINGS)


def _story(wish: Intent, prompt: str, rng: random.Random) -> str:
    return _STORY.format(event=f"she came across {wish.topic}" if wish.topic else "the river caught the light")


KINDS = {"greeting": _greeting, "poem": _poem, "list": _list, "story": _story, "essay": _explain,
         "weather": _weather, "explain": _explain}
