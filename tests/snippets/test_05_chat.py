"""Lesson 5: each turn sends the whole conversation, shown as sent; the answer streams; prompt tokens grow with the
history, and a name told two messages earlier is known."""

import json

from streamlab.engine import lessons

STEM = "05_chat"
LESSON = lessons.load(STEM)


def turns(run_snippet, prompts):
    """Run the lesson once per prompt, each with the conversation so far: [(run, history sent)]."""
    history, runs = [], []
    for prompt in prompts:
        run = run_snippet(STEM, prompt, history=list(history))
        runs.append((run, list(history)))
        history += [{"role": "user", "content": prompt}, {"role": "assistant", "content": run.text()}]
    return runs


def test_the_lesson_is_a_chat_whose_stream_takes_the_history():
    assert LESSON.attributes["CHAT"] is True and LESSON.takes_history
    assert [o.name for o in LESSON.options] == ["system"] and LESSON.panes == ("output", "messages sent")


def test_each_turn_sends_the_whole_conversation_and_shows_it(run_snippet):
    runs = turns(run_snippet, [LESSON.prompt, "What is the capital of France?", "What is my name?"])
    for run, history in runs:
        sent = json.loads(run.text("messages sent"))
        assert sent[0]["role"] == "system" and sent[1:-1] == history and sent[-1]["role"] == "user"
    first, second, third = (run.text() for run, _ in runs)
    assert first.startswith("Nice to meet you, Ada!") and len(runs[0][0].pieces()) > 3  # streamed, in pieces
    assert second == "The capital of France is Paris."
    assert third == "Your name is Ada."  # told two messages earlier


def test_prompt_tokens_grow_with_the_history(run_snippet):
    runs = turns(run_snippet, [LESSON.prompt, "What is the capital of France?", "What is my name?"])
    prompt_tokens = [run.usage["prompt_tokens"] for run, _ in runs]
    assert prompt_tokens[0] < prompt_tokens[1] < prompt_tokens[2]
    assert all(run.usage["completion_tokens"] > 0 for run, _ in runs)


def test_a_cut_answer_sent_back_is_the_assistant_s_words(run_snippet):
    cut = [{"role": "user", "content": LESSON.prompt}, {"role": "assistant", "content": "Nice to meet"}]
    run = run_snippet(STEM, "What is my name?", history=cut)
    assert json.loads(run.text("messages sent"))[2] == {"role": "assistant", "content": "Nice to meet"}
    assert run.text() == "Your name is Ada."
