"""Lesson 7: stream a LangChain chain (prompt | model | parser) and log its astream_events as they happen."""

from contextlib import aclosing
from typing import Literal

from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate

CLIENT = "langchain"
PROMPT = "Explain server-sent events to a beginner in three sentences."
PANES = ("output", "events")
TEMPLATE = ChatPromptTemplate.from_messages([
    ("system", "You are a patient teacher writing for {audience} readers. Answer in plain prose."),
    ("human", "{question}"),
])


def summary(data: dict) -> str:
    """A one-line look at an event's payload: a streamed chunk, or the input/output of a step."""
    if "chunk" in data:
        return repr(getattr(data["chunk"], "content", data["chunk"]))
    value = data.get("output", data.get("input"))
    return "" if value is None else f"{type(value).__name__}: {' '.join(str(value).split())[:60]}"


async def stream(client, prompt, *, audience: Literal["beginner", "expert"] = "beginner"):
    chain = TEMPLATE | client | StrOutputParser()
    events = chain.astream_events({"question": prompt, "audience": audience}, version="v2")
    async with aclosing(events):
        async for event in events:
            kind, data = event["event"], event["data"]
            yield "events", f"{kind:<20} {event['name']:<18} {summary(data)}\n"
            if kind == "on_chain_stream" and not event["parent_ids"] and data["chunk"]:
                yield data["chunk"]  # the whole chain's own output: plain text, thanks to the parser
            elif kind == "on_chat_model_end" and data["output"].usage_metadata:
                yield "usage", dict(data["output"].usage_metadata)


if __name__ == "__main__":
    try:
        import _standalone  # in StreamLab's repository: options on the command line, the mock when no key is set
    except ImportError:  # a copy on its own: the SDK reads OPENAI_API_KEY and OPENAI_BASE_URL itself
        import asyncio

        from langchain_openai import ChatOpenAI

        async def main():
            async for piece in stream(ChatOpenAI(model="gpt-5-mini"), PROMPT):
                print(piece if isinstance(piece, str) else f"\n[{piece[0]}] {piece[1]}", end="", flush=True)

        asyncio.run(main())
    else:
        _standalone.run()
