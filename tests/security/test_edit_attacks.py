"""Attacks on the editor, against the running app: edited code is refused where editing is off, even sent straight
to Gradio's API; where an operator allows it on a shared server (STREAMLAB_ALLOW_EDIT=1), the code a visitor
types gets nothing of the server's (environment, the app's process, its files, its ports) and cannot start
processes or loop for ever; and such a server refuses to start while it holds a key, or without a login."""

import os

import httpx2
import pytest
from gradio_session import GradioSession, login, run

from streamlab.engine.lessons import ROOT, load
from streamlab.hosting.editing import EditingRefused
from streamlab.hosting.mode import Hosting
from streamlab.web.background import BackgroundServer

LESSON = load("01_basic")
SECRET = "owner-secret-3f9a1c"  # in the app's environment: must never reach a visitor
USER, PASSWORD = "learner", "correct horse"
HOOK = "        for chunk in chunks:"


def attack(line: str) -> str:
    """Lesson 1 with `line` run inside stream(), before the answer: what it yields is the loot."""
    return LESSON.source.replace(HOOK, f"        {line}\n{HOOK}", 1)


@pytest.fixture
def no_server_keys(monkeypatch):
    for name in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "STREAMLAB_COMPATIBLE_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("STREAMLAB_TEST_SECRET", SECRET)


@pytest.fixture
def shared_server(no_server_keys, monkeypatch):
    """A public server whose operator allowed editing: sandboxed runs, a login."""
    monkeypatch.setenv("STREAMLAB_ALLOW_EDIT", "1")
    monkeypatch.setenv("STREAMLAB_LOGIN", f"{USER}:{PASSWORD}")
    monkeypatch.setenv("STREAMLAB_EDIT_WALL_S", "3")
    with BackgroundServer(concurrency=8, hosting=Hosting(public=True), workers=0) as server:
        yield server


@pytest.fixture
def visitor(shared_server):
    return GradioSession(shared_server.url, login(shared_server.url, USER, PASSWORD))


@pytest.mark.parametrize(("hosting", "host"), [(Hosting(public=True), "127.0.0.1"), (Hosting(), "0.0.0.0")])
def test_edited_source_sent_to_the_api_is_refused_where_editing_is_off(no_server_keys, tmp_path, hosting, host):
    marker = tmp_path / "ran"
    with BackgroundServer(concurrency=4, hosting=hosting, host=host, workers=0) as server:
        text, status = run(GradioSession(server.url), "01_basic", "Hi", source=attack(
            f"open({str(marker)!r}, 'w').write('ran'); yield 'PWNED'"))
    assert "editing is off" in status and "PWNED" not in text and not marker.exists()


def test_a_shared_server_asks_for_a_login_before_the_page_or_the_api(shared_server):
    assert httpx2.get(f"{shared_server.url}/config", timeout=10).status_code == 401
    assert httpx2.post(f"{shared_server.url}/login", data={"username": USER, "password": "wrong"},
                       timeout=10).status_code >= 400


def test_edited_code_runs_in_its_sandbox_on_a_shared_server(visitor):
    text, status = run(visitor, "01_basic", "Say this is a test", source=attack("yield 'env=' + repr(dict("
                                                                                "__import__('os').environ)) + ' '"))
    assert "Done" in status and text == "env={} This is a test."


@pytest.mark.parametrize(("line", "refusal"), [
    ("yield open('/proc/%d/environ' % APP_PID).read()", "may not read /proc/"),
    ("yield open('/proc/%d/cmdline' % APP_PID).read()", "may not read /proc/"),
    ("yield open(APP_ROOT + '/README.md').read()", "may not read /"),
    ("yield open('/proc/self/root' + APP_ROOT + '/README.md').read()", "may not read /"),
    ("yield str(__import__('os').listdir(APP_ROOT))", "may not read /"),
    ("yield open(APP_ROOT + '/planted.txt', 'w').write('x')", "may not write /"),
])
def test_edited_code_gets_nothing_of_the_app_s_environment_process_or_files(visitor, line, refusal):
    line = line.replace("APP_PID", str(os.getpid())).replace("APP_ROOT", repr(str(ROOT)))
    text, status = run(visitor, "01_basic", "Hi", source=attack(line))
    assert SECRET not in text + status and "PWNED" not in text
    assert "Failed" in status and refusal in status.replace("\\", ""), status
    assert not (ROOT / "planted.txt").exists()


def test_edited_code_cannot_reach_the_app_s_own_port(visitor, shared_server):
    line = f"__import__('socket').create_connection(('127.0.0.1', {shared_server.port}), timeout=2); yield 'IN'"
    text, status = run(visitor, "01_basic", "Hi", source=attack(line))
    assert "IN" not in text and "Refused to connect to 127.0.0.1: it is a loopback address" in status


@pytest.mark.parametrize(("line", "refusal"), [
    ("yield str(__import__('os').fork())", "(os.fork)"),
    ("yield __import__('subprocess').run(['id'], capture_output=True, text=True).stdout", "(subprocess.Popen)"),
    ("yield str(__import__('os').system('id'))", "(os.system)"),
    ("yield str(__import__('_posixsubprocess'))", "(import _posixsubprocess)"),
    ("yield str(__import__('ctypes').CDLL(None).fork())", "(import ctypes)"),
    ("yield str(len(__import__('gc').get_objects()))", "(gc.get_objects)"),
    ("yield str(__import__('os').kill(APP_PID, 9))", "(os.kill)"),
])
def test_edited_code_cannot_start_processes_or_signal_the_app(visitor, line, refusal):
    text, status = run(visitor, "01_basic", "Hi", source=attack(line.replace("APP_PID", str(os.getpid()))))
    assert "Failed" in status and refusal in status.replace("\\", ""), status


def test_an_endless_loop_is_ended_by_the_wall_clock_and_the_app_serves_on(visitor, shared_server):
    text, status = run(visitor, "01_basic", "Hi", source=attack("while True: pass"))
    assert "Your code ran for 3 s, the limit for edited code here, so it was ended." in status
    other = GradioSession(shared_server.url, login(shared_server.url, USER, PASSWORD))
    assert run(other, "01_basic", "Say this is a test")[0] == "This is a test."


@pytest.mark.parametrize("key", ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "STREAMLAB_COMPATIBLE_API_KEY"])
def test_a_shared_server_with_editing_refuses_to_start_while_it_holds_a_key(no_server_keys, monkeypatch, key):
    monkeypatch.setenv("STREAMLAB_ALLOW_EDIT", "1")
    monkeypatch.setenv("STREAMLAB_LOGIN", f"{USER}:{PASSWORD}")
    monkeypatch.setenv(key, "sk-owner-key-1234567890")
    with pytest.raises(EditingRefused, match=f"holds a key \\({key}\\)"):
        BackgroundServer(hosting=Hosting(public=True), workers=0)


def test_a_shared_server_with_editing_refuses_to_start_without_a_login(no_server_keys, monkeypatch):
    monkeypatch.setenv("STREAMLAB_ALLOW_EDIT", "1")
    monkeypatch.delenv("STREAMLAB_LOGIN", raising=False)
    with pytest.raises(EditingRefused, match="needs a login: set STREAMLAB_LOGIN"):
        BackgroundServer(hosting=Hosting(), host="0.0.0.0", workers=0)
