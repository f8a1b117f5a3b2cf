"""langchain-openai's ChatOpenAI streams from the mock with usage, sync and async, alone and in a chain."""

import asyncio

import httpx2
import pytest
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import ChatOpenAI

PROMPT = "Say hello in five words."


@pytest.fixture
def llm(mock_url, fast_headers, ssl_context):
    # langchain-openai shares one default async HTTP client per base URL across event loops; each test here
    # runs its own `asyncio.run`, so give each model its own async client.
    return ChatOpenAI(model="streamlab-mock", base_url=f"{mock_url}/openai/v1", api_key="test-key",
                      stream_usage=True, default_headers=fast_headers, max_retries=0,
                      http_async_client=httpx2.AsyncClient(verify=ssl_context))


def test_stream_yields_text_chunks_and_usage(llm):
    chunks = list(llm.stream(PROMPT))
    assert "".join(c.content for c in chunks) == "Hello there, how are you?"
    usage = [c.usage_metadata for c in chunks if c.usage_metadata]
    assert len(usage) == 1 and usage[0]["output_tokens"] == 7
    assert usage[0]["total_tokens"] == usage[0]["input_tokens"] + 7


def test_astream_yields_the_same_text(llm):
    async def collect():
        return [c.content async for c in llm.astream(PROMPT)]

    assert "".join(asyncio.run(collect())) == "Hello there, how are you?"


def test_prompt_llm_parser_chain_streams_strings(llm):
    chain = ChatPromptTemplate.from_template("{question}") | llm | StrOutputParser()
    pieces = list(chain.stream({"question": PROMPT}))
    assert all(isinstance(p, str) for p in pieces) and "".join(pieces) == "Hello there, how are you?"
    assert len([p for p in pieces if p]) == 7


def test_astream_events_v2_reports_start_stream_and_end(llm):
    async def collect():
        return [e async for e in llm.astream_events(PROMPT, version="v2")]

    events = asyncio.run(collect())
    kinds = [e["event"] for e in events]
    assert kinds[0] == "on_chat_model_start" and kinds[-1] == "on_chat_model_end"
    text = "".join(e["data"]["chunk"].content for e in events if e["event"] == "on_chat_model_stream")
    assert text == "Hello there, how are you?"
