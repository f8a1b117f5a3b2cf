"""Lesson 7: a prompt | model | parser chain streamed through astream_events, with a live event log."""

import inspect

from streamlab.engine import lessons
from streamlab.hosting import providers

STEM = "07_langchain"
LESSON = lessons.load(STEM)
SSE_ANSWER_START = "Server-sent events let a server push updates to a web page over one ordinary HTTP response"


def event_lines(run):
    return [line.split(None, 2) for line in run.text("events").splitlines()]


def test_template_renders_the_prompt_as_the_human_message_and_the_audience_into_the_system_message():
    for audience in ("beginner", "expert"):
        system, human = LESSON.module.TEMPLATE.format_messages(question=LESSON.prompt, audience=audience)
        assert human.type == "human" and human.content == LESSON.prompt
        assert system.type == "system" and f"{audience} readers" in system.content
    assert LESSON.options[0].name == "audience" and LESSON.options[0].choices == ("beginner", "expert")


def test_chain_output_streams_in_pieces_that_join_to_the_curated_answer(run_snippet):
    run = run_snippet(STEM)
    assert inspect.isasyncgenfunction(LESSON.module.stream)
    assert run.text().startswith(SSE_ANSWER_START)
    assert run.text().endswith("reconnects for you when the connection drops.")
    assert len(run.pieces()) > 20 and all(run.pieces())


def test_event_log_shows_each_step_start_stream_and_end_in_order(run_snippet):
    run = run_snippet(STEM)
    events = [(kind, name) for kind, name, *_ in event_lines(run)]
    assert events[0] == ("on_chain_start", "RunnableSequence")
    assert events[-1] == ("on_chain_end", "RunnableSequence")
    order = [e for e in dict.fromkeys(events) if e[0].endswith(("_start", "_end"))]
    position = order.index
    assert position(("on_prompt_end", "ChatPromptTemplate")) < position(("on_chat_model_start", "ChatOpenAI"))
    assert position(("on_chat_model_end", "ChatOpenAI")) < position(("on_parser_end", "StrOutputParser"))
    streamed = [e for e in events if e[0].endswith("_stream")]
    assert {name for _, name in streamed} == {"ChatOpenAI", "StrOutputParser", "RunnableSequence"}
    # every main-pane piece was first logged as a chunk of the outer chain
    chain_chunks = [line[2] for line in event_lines(run) if line[:2] == ["on_chain_stream", "RunnableSequence"]]
    assert [c for c in chain_chunks if c != "''"] == [repr(p) for p in run.pieces()]


def test_usage_matches_a_plain_request_with_the_same_messages(run_snippet, mock_url):
    run = run_snippet(STEM)
    messages = LESSON.module.TEMPLATE.format_messages(question=LESSON.prompt, audience="beginner")
    client = providers.build_client("openai", providers.Settings(mock_url=mock_url, ttft_ms=0, token_ms=0))
    expected = client.chat.completions.create(
        model="streamlab-mock", messages=[{"role": {"human": "user"}.get(m.type, m.type), "content": m.content}
                                          for m in messages]).usage
    assert run.usage["input_tokens"] == expected.prompt_tokens
    assert run.usage["output_tokens"] == expected.completion_tokens
    assert run.usage["total_tokens"] == expected.total_tokens


def test_expert_audience_still_streams_the_answer_to_the_same_question(run_snippet):
    assert run_snippet(STEM, audience="expert").text().startswith(SSE_ANSWER_START)


def test_event_log_columns_line_up(run_snippet):
    """The log is read in a monospace pane: each line's event name and step name start at the same columns."""
    lines = run_snippet(STEM).text("events").splitlines()
    assert len(lines) > 5
    for line in lines:
        kind, name = line.split()[:2]
        assert line.index(kind) == 0 and line.index(name, len(kind)) == 21, line
        assert line[21 + len(name):40].strip() == "", line  # the step name's column is padded to its width
