"""Lesson 5 in Chromium: a conversation over three turns streams into the chat window, each turn sending the whole
history (tokens in grow); a stopped turn stays, marked cut, and the next turn still knows what came before."""

import re

from lesson_pages import load, screenshot
from playwright.sync_api import expect

STEM = "05_chat"


def tokens_in(page) -> int:
    found = re.search(r"tokens in / out (\d+) / (\d+)", page.locator(f"#metrics-{STEM}").inner_text())
    assert found, page.locator(f"#metrics-{STEM}").inner_text()
    return int(found.group(1))


def turn(page, prompt: str | None, answers: int, status: str = "Done"):
    if prompt is not None:
        page.locator(f"#prompt-{STEM} textarea").fill(prompt)
    page.locator(f"#run-{STEM}").click()
    expect(page.locator(f"#pane-{STEM}-0 [data-testid=bot]")).to_have_count(answers, timeout=60_000)
    expect(page.locator(f"#status-{STEM}")).to_contain_text(status, timeout=60_000)


def test_a_conversation_keeps_its_history_over_turns_and_a_stopped_turn(page, app_server):
    load(page, f"{app_server.url}/?lesson={STEM}")
    window, bots = page.locator(f"#pane-{STEM}-0"), page.locator(f"#pane-{STEM}-0 [data-testid=bot]")
    turn(page, None, 1)
    expect(bots.nth(0)).to_contain_text("Nice to meet you, Ada!")
    seen = [tokens_in(page)]
    turn(page, "What is the capital of France?", 2)
    expect(bots.nth(1)).to_have_text(re.compile(r"^\s*The capital of France is Paris\.\s*$"))
    seen.append(tokens_in(page))
    turn(page, "What is my name?", 3)
    expect(bots.nth(2)).to_contain_text("Your name is Ada.")
    seen.append(tokens_in(page))
    assert seen[0] < seen[1] < seen[2], seen  # every turn sends the whole conversation
    sent = page.locator(f"#pane-{STEM}-1 textarea").input_value()
    assert sent.count('"role": "user"') == 3 and sent.count('"role": "assistant"') == 2

    page.locator("#provider-panel").get_by_text("Provider").first.click()  # a slow mock: Stop lands mid-answer
    page.locator("#provider-panel").get_by_label("slow").check()
    expect(page.locator("#provider-summary")).to_contain_text("at slow speed")
    page.locator(f"#prompt-{STEM} textarea").fill("Explain streaming in detail, with examples.")
    page.locator(f"#run-{STEM}").click()
    expect(bots).to_have_count(4, timeout=60_000)
    expect(bots.nth(3)).to_contain_text("Start with", timeout=30_000)  # some of the answer, not all
    page.locator(f"#stop-{STEM}").click()
    expect(page.locator(f"#status-{STEM}")).to_contain_text("Stopped")
    expect(bots.nth(3)).to_contain_text("Cut: the answer stopped here.")
    expect(page.locator(f"#pane-{STEM}-0 [data-testid=user]")).to_have_count(4)
    screenshot(page, "chat-1600x1000")

    turn(page, "What is my name?", 5)
    expect(bots.nth(4)).to_contain_text("Your name is Ada.")
    sent = page.locator(f"#pane-{STEM}-1 textarea").input_value()
    assert "Cut: the answer stopped here" not in sent and sent.count('"role": "assistant"') == 4

    page.locator(f"#clear-{STEM}").click()
    expect(window.locator("[data-testid=bot]")).to_have_count(0)
    turn(page, "What is my name?", 1)
    expect(bots.nth(0)).to_contain_text("You haven't told me that in this conversation.")
