"""A process for one run of edited code, its side: limits first, then (on a server others reach) a sandbox, then
the run, then exit.

Forked from a fork server that imported the SDKs ahead (streamlab.engine.edited_runs), so a run starts in
milliseconds. Always: a wall clock kept by the web process, CPU seconds, address space and file size limits,
a temporary working folder. Sandboxed (`STREAMLAB_ALLOW_EDIT=1` on a non-loopback or public server), also:
- an empty environment (a visitor's own key reaches the run as the client's argument, never as a variable);
- as root: a user id of its own (not the app's: `/proc/<app pid>/` and the app's processes are out of reach),
  and at most `MAX_TASKS` processes and threads for that user;
- a Python audit hook that refuses to start processes, to send signals, to use `ctypes`, to open files outside
  the Python installation and its own folder (the app's checkout, `/proc`, home folders: refused), to write
  outside its folder;
- public mode's connection guard on every connection of the process, whatever thread opens it: the provider's
  public address or the app's mock, nothing else.
An audit hook is not a wall: code that finds a hole in the interpreter can pass it. README ("Editing the code")
says what this does and does not protect against.
"""

from __future__ import annotations

import asyncio
import linecache
import os
import resource
import signal
import site
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from streamlab.engine import edited
from streamlab.engine.lessons import ROOT
from streamlab.engine.worker_process import Runs, read_commands
from streamlab.hosting import run_connections, sdk_environment
from streamlab.hosting.url_guard import Guard

MAX_TASKS = 64  # processes and threads of a sandboxed run's own user (a run uses about 10)
FIRST_UID = 61_000  # sandboxed runs take user ids from here, one per run (its process id decides which)
NO_PROCESSES = ("os.fork", "os.forkpty", "os.posix_spawn", "os.exec", "os.spawn", "os.system", "subprocess.Popen",
                "os.kill", "os.killpg", "signal.pthread_kill", "pty.spawn", "os.startfile")
# modules that reach below the audit hook (to start a process, or to call C directly): not importable, and the
# interpreter's lists of every object (where a module's functions could be found again) not readable
NO_MODULES = ("_posixsubprocess", "ctypes", "_ctypes", "cffi", "_cffi_backend")
NO_EVENTS = ("gc.get_objects", "gc.get_referrers", "gc.get_referents")
PATH_EVENTS = {"os.listdir": 0, "os.scandir": 0, "os.remove": 0, "os.rename": 0, "os.rmdir": 0, "os.mkdir": 0,
               "os.chmod": 0, "os.chown": 0, "os.symlink": 1, "os.link": 1, "os.truncate": 0, "os.utime": 0,
               "shutil.rmtree": 0, "os.chdir": 0}
CERTIFICATES = ("/etc/ssl", "/etc/ca-certificates", "/usr/share/ca-certificates", "/usr/lib/ssl")


@dataclass(frozen=True)
class Sandbox:
    folder: str  # the run's temporary working folder, made and removed by the web process
    sandboxed: bool
    cpu_s: int
    memory_mb: int
    file_mb: int
    uid: int = 0  # as root, sandboxed: the user id the run takes (0: keep the app's)
    wall_s: float = 30.0  # the web process ends the run then; the process ends itself a little later regardless


def limit(spec: Sandbox) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a file over the limit: an OSError the learner sees, not a kill
    for which, value in ((resource.RLIMIT_CPU, spec.cpu_s), (resource.RLIMIT_AS, spec.memory_mb << 20),
                         (resource.RLIMIT_FSIZE, spec.file_mb << 20), (resource.RLIMIT_CORE, 0)):
        resource.setrlimit(which, (value, value))
    signal.alarm(int(spec.wall_s) + 5)  # a backstop: should the web process lose track of this run, it still ends
    os.chdir(spec.folder)


class _Rules:
    """What a sandboxed run's audit hook allows."""

    def __init__(self, folder: str):
        self.folder = os.path.realpath(folder)
        python = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, *site.getsitepackages()}
        self.readable = tuple(sorted({os.path.realpath(p) for p in python} | set(CERTIFICATES)))
        self.app = str(ROOT)

    def _inside(self, path: str, roots) -> bool:
        return any(path == root or path.startswith(root.rstrip("/") + "/") for root in roots)

    def may_read(self, path: str) -> bool:
        if path in ("/dev/null", "/dev/urandom", "/etc/localtime", "/etc/hosts", "/etc/resolv.conf"):
            return True
        if self._inside(path, (self.folder,)):
            return True
        # the app's checkout is never readable, even when the Python installation lives inside it (a .venv)
        in_app = self._inside(path, (self.app,)) and not self._inside(path, [r for r in self.readable
                                                                            if r.startswith(self.app + "/")])
        return not in_app and self._inside(path, self.readable)

    def may_write(self, path: str) -> bool:
        return path == "/dev/null" or self._inside(path, (self.folder,))

    def check(self, event: str, args: tuple) -> None:
        if event in NO_PROCESSES or event in NO_EVENTS or event.startswith("ctypes."):
            raise PermissionError(f"Edited code may not do this here ({event}).")
        if event == "import" and str(args[0]).split(".")[0] in NO_MODULES:
            raise PermissionError(f"Edited code may not do this here (import {args[0]}).")
        if event == "open":
            path, mode, flags = (list(args) + [None, None])[:3]
            if isinstance(path, int):
                return
            writes = any(c in (mode or "") for c in "wax+") or bool((flags or 0) & (os.O_WRONLY | os.O_RDWR |
                                                                                    os.O_CREAT | os.O_TRUNC))
            self._path(path, writes)
        elif event in PATH_EVENTS:
            path = args[PATH_EVENTS[event]] if len(args) > PATH_EVENTS[event] else None
            self._path(path, writes=event not in ("os.listdir", "os.scandir", "os.chdir"))

    def _path(self, path, writes: bool) -> None:
        if path is None or isinstance(path, int):
            return
        real = os.path.realpath(os.fsdecode(path))
        if not (self.may_write(real) if writes else self.may_read(real)):
            raise PermissionError(f"Edited code may not {'write' if writes else 'read'} {os.fsdecode(path)} here: "
                                  "only its own working folder.")


def confine(spec: Sandbox) -> None:
    """Empty environment, a user id of its own (as root), and the audit hook; for good."""
    os.environ.clear()
    if spec.uid:
        resource.setrlimit(resource.RLIMIT_NPROC, (MAX_TASKS, MAX_TASKS))
        os.setgroups([])
        os.setgid(spec.uid)
        os.setuid(spec.uid)
    rules = _Rules(spec.folder)
    for name in NO_MODULES:  # imported again, they pass through the hook, which refuses them
        sys.modules.pop(name, None)
    subprocess._fork_exec = None  # noqa: SLF001 - the one reference to _posixsubprocess's fork_exec outside it
    sys.addaudithook(rules.check)


def serve_edited(conn, spec: Sandbox, held: dict[str, str]) -> None:
    """One run of edited code: wait for its ("start", run_id, Job), run it, exit."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sdk_environment.adopt_sdk_environment(held)
    run_connections.install()
    limit(spec)
    if spec.sandboxed:
        confine(spec)
    message = conn.recv()
    if message[0] != "start":
        return
    _, run_id, job = message
    if spec.sandboxed:
        run_connections.guard_process(job.guard or Guard())
    loop = asyncio.new_event_loop()

    def describe(exc, secrets, mid_stream):
        return edited.explain(exc, secrets, mid_stream, spec.memory_mb)

    linecache.cache[edited.EDITOR] = (len(job.source), None, job.source.splitlines(True), edited.EDITOR)
    try:
        found = {job.stem: edited.from_source(job.stem, job.source)}
    except edited.EditError:  # the web process read the same text first; it would not send a broken one
        found = {}
    runs = Runs(conn, found, loop, describe)
    read_commands(conn, loop, runs.dispatch)  # after its one "start": "stop", or the pipe's end
    loop.run_until_complete(runs.run(run_id, job))
    runs.sender.drain()
    os._exit(0)  # threads the learner's code started do not keep the process


def uid_for(pid_hint: int) -> int:
    """A user id for a sandboxed run, as root (0 when not root: the run keeps the app's user)."""
    return FIRST_UID + pid_hint % 4000 if os.geteuid() == 0 else 0


def own_folder(folder: str, uid: int) -> None:
    if uid:
        os.chown(folder, uid, uid)
    Path(folder).chmod(0o700)
