"""Who may run code typed in the page: the decision, read once at start from the mode, the address the server
listens on and the environment.

Running edited code is running any Python on the server. So editing is on by default only where the learner
is the machine's owner: local mode **and** a loopback address (`127.0.0.1`, `::1`, `localhost`). Bound to
`0.0.0.0` (a laptop shared over Wi-Fi) or in public mode the editor is read-only, unless the operator sets
`STREAMLAB_ALLOW_EDIT=1`. Then each edited run is sandboxed (streamlab.engine.edit_sandbox), the server refuses
to start while a server key is configured (edited code could look for it), and a login is required
(`STREAMLAB_LOGIN=user:password`, Gradio's own login). The server checks the decision on every run: a page
that lies about its editor gets the same refusal.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass

from streamlab.hosting.mode import Hosting

ENV_ALLOW = "STREAMLAB_ALLOW_EDIT"
ENV_LOGIN = "STREAMLAB_LOGIN"
SERVER_KEY_NAMES = ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "STREAMLAB_COMPATIBLE_API_KEY")


def _number(name: str, default: float) -> float:
    try:
        return max(0.5, float(os.environ.get(name, "") or default))
    except ValueError:
        return default


def is_loopback(host: str) -> bool:
    host = host.strip().strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Editing:
    enabled: bool = True
    sandboxed: bool = False  # the flag on a server others reach: each edited run in a sandbox
    why_off: str = ""  # "public" | "network": why the editor is read-only
    wall_s: float = 30.0  # an edited run ends after this long, Stop or not
    cpu_s: int = 20  # CPU seconds an edited run's process may use
    memory_mb: int = 1536  # its address space
    file_mb: int = 10  # the largest file it may write (in its own temporary folder)

    @classmethod
    def decide(cls, hosting: Hosting, host: str) -> Editing:
        flag = os.environ.get(ENV_ALLOW, "").strip().lower() in ("1", "true", "yes", "on")
        trusted = not hosting.public and is_loopback(host)
        why = "" if trusted or flag else "public" if hosting.public else "network"
        return cls(enabled=trusted or flag, sandboxed=flag and not trusted, why_off=why,
                   wall_s=_number("STREAMLAB_EDIT_WALL_S", cls.wall_s),
                   cpu_s=int(_number("STREAMLAB_EDIT_CPU_S", cls.cpu_s)),
                   memory_mb=int(_number("STREAMLAB_EDIT_MEMORY_MB", cls.memory_mb)))


class EditingRefused(RuntimeError):
    """The server will not start with this combination: the message says what to change."""


def login_from_env() -> tuple[str, str] | None:
    """(user, password) from STREAMLAB_LOGIN=user:password, else None."""
    user, _, password = os.environ.get(ENV_LOGIN, "").partition(":")
    return (user.strip(), password) if user.strip() and password else None


def check_start(editing: Editing) -> tuple[str, str] | None:
    """Refuse to start a sandboxed-editing server that holds a key or has no login; → the login to require."""
    if not editing.sandboxed:
        return None
    held = [name for name in SERVER_KEY_NAMES if os.environ.get(name, "").strip()]
    if held:
        raise EditingRefused(f"{ENV_ALLOW}=1 on a server others can reach lets visitors run any Python here, and "
                             f"this server holds a key ({', '.join(held)}) that such code could find. Remove the "
                             f"key, or unset {ENV_ALLOW}.")
    login = login_from_env()
    if login is None:
        raise EditingRefused(f"{ENV_ALLOW}=1 on a server others can reach needs a login: set {ENV_LOGIN}="
                             "user:password (visitors sign in before they can open the page).")
    return login
