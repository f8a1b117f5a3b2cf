"""Discover lessons: `snippets/NN_slug.py` paired with `lessons/NN_slug.md`, sorted by number.

The snippet contract (README, "Writing a lesson"):

    CLIENT = "openai"          # the client the app passes: openai | async_openai | anthropic |
                               # async_anthropic | langchain. A `wire` option set to "openai" or
                               # "anthropic" picks the client kind per run instead (other values,
                               # e.g. "chat"/"responses", keep CLIENT).
    PROMPT = "..."             # the default prompt
    PANES = ("output",)        # optional: output panes; the first is the main one
    MEASURE = ("output",)      # optional: the panes the metrics measure, one row each (default: the main
                               # pane); a pane of answer text, not of logs or wire bytes
    WIRE = "responses"         # optional: the wire format the tab names (openai | anthropic | responses);
                               # default: the one CLIENT speaks (a `wire` option shows its own choice)
    RANGES = {"size": (1, 2000)}  # optional: (lowest, highest) of number options (default 0–10,000;
                               # 0–600 for floats); the tab's number fields and the server enforce them
    CHAT = True                # optional: the main pane is a chat window; each run is one turn, and a
                               # `history` parameter of stream() gets the conversation so far, as
                               # [{"role": "user" | "assistant", "content": str}, ...]
    def stream(client, prompt, *, model=..., **options): ...   # generator or async generator

`stream` yields `str` (appended to the main pane) or `(pane, str)` (appended to that pane) or `("note", (pane,
str))` (appended to that pane, but not answer text: not timed, not counted, not "partial text") or
`("usage", dict)` (token usage for the metrics; a `reasoning_tokens` count is shown too) or `("status", "failed:
<why>")` / `("status", "incomplete: <why>")`: the lesson caught a failure itself and says how the run ended
(`failed`: no answer; `incomplete`: the text so far is partial); the status line shows the outcome and <why>. So
a run ends as done, stopped, failed or incomplete: `done` only when the generator finished without raising and
without declaring an outcome (an exception is `failed`, or `incomplete` once a measured pane has text). A pane
named `thinking` holds a reasoning model's thinking: the status says "Thinking…" once it has text, and a lesson
that lists it in MEASURE gets its first token timed beside the answer's. Keyword-only parameters other than
`model` (and `history`) become controls in the tab: `bool` → checkbox, `int`/`float` → number, `Literal[...]` →
dropdown, `str` → text.

Discovery reads the contract from the source (no import), so start-up does not pay for the SDKs a
snippet uses. When the lesson first runs, the source text read at start-up (the text the tab shows)
is compiled and run as the module, so an edit to the file after start-up cannot make the two differ.
A lesson whose file cannot be read, parsed, or whose imports are not installed becomes a `Lesson` with
`error` set, shown as an error tab.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import threading
import types
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the checkout: snippets/, lessons/, assets/
STEM = re.compile(r"^(\d{2})_([a-z0-9_]+)$")
MAIN_PANE = "output"
USAGE = "usage"
STATUS = "status"
NOTE = "note"  # ("note", (pane, text)): text shown in a pane that is not answer text (a lesson's own failure line)
OUTCOMES = ("failed", "incomplete")  # what a ("status", "<outcome>: <why>") item may declare
DEFAULT_BOUNDS = {int: (0, 10_000), float: (0.0, 600.0)}
_import_lock = threading.Lock()


@dataclass(frozen=True)
class Option:
    name: str
    default: object
    choices: tuple = ()
    bounds: tuple | None = None  # (lowest, highest) for a number: the snippet's RANGES, else DEFAULT_BOUNDS

    @property
    def label(self) -> str:
        return self.name.replace("_", " ")

    @property
    def limits(self) -> tuple | None:
        """(lowest, highest) a number option accepts; None for other kinds."""
        if isinstance(self.default, bool) or not isinstance(self.default, (int, float)):
            return None
        return self.bounds or DEFAULT_BOUNDS[type(self.default)]


@dataclass
class Lesson:
    stem: str
    snippet_path: Path
    prose_path: Path
    source: str = ""
    prose: str = ""
    title: str = ""
    client_kind: str = "openai"
    prompt: str = ""
    panes: tuple[str, ...] = (MAIN_PANE,)
    measured: tuple[str, ...] = (MAIN_PANE,)  # the panes the metrics measure (MEASURE)
    options: list[Option] = field(default_factory=list)
    attributes: dict = field(default_factory=dict)  # every literal module-level constant
    is_async: bool = False
    takes_model: bool = False
    takes_history: bool = False  # stream() has a `history` parameter: the conversation so far (CHAT)
    error: str = ""
    _module: object = None

    @property
    def number(self) -> int:
        return int(self.stem[:2])

    @property
    def module(self):
        """The snippet module, made on first use from `source` (the text shown) under a unique name."""
        with _import_lock:
            if self._module is None:
                self._module = load_module(self.snippet_path, f"streamlab_snippet_{self.stem}", self.source)
        return self._module

    def kind_for(self, options: dict) -> str:
        wire = options.get("wire")
        prefix = "async_" if self.client_kind.startswith("async") else ""
        return prefix + wire if wire in ("openai", "anthropic") else self.client_kind

    def start(self, client, prompt: str, model: str, options: dict, history: list | None = None):
        """Call the snippet's `stream`, returning its (async) generator."""
        kwargs = {o.name: options.get(o.name, o.default) for o in self.options}
        if self.takes_model:
            kwargs["model"] = model
        if self.takes_history:
            kwargs["history"] = list(history or [])
        return self.module.stream(client, prompt, **kwargs)


def load_module(path: Path, name: str, source: str):
    """Run `source` (the snippet's text as the tab shows it) as module `name`.

    The code keeps `path` as its file name, so tracebacks and coverage point at the snippet's lines."""
    module = types.ModuleType(name)
    module.__file__ = str(path)
    exec(compile(source, str(path), "exec"), module.__dict__)  # noqa: S102 - the lesson's own code
    return module


def title_of(prose: str, stem: str) -> str:
    """A lesson's title: the first `# ` heading of its prose (in any language), else one made from the stem."""
    for line in prose.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return stem.split("_", 1)[1].replace("_", " ").capitalize()


def _literal(node):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None


def _constants(tree: ast.Module) -> dict:
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value = _literal(node.value)
            if value is not None:
                found[node.targets[0].id] = value
    return found


def _choices(annotation) -> tuple:
    """`Literal["a", "b"]` (or `typing.Literal[...]`) → ("a", "b"); anything else → ()."""
    if not isinstance(annotation, ast.Subscript):
        return ()
    name = annotation.value.attr if isinstance(annotation.value, ast.Attribute) else getattr(annotation.value, "id", "")
    if name != "Literal":
        return ()
    value = _literal(annotation.slice)
    return tuple(value) if isinstance(value, tuple) else (value,)


def _missing_imports(tree: ast.Module) -> list[str]:
    names = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return sorted(n for n in names if importlib.util.find_spec(n) is None)


def describe(lesson: Lesson) -> None:
    """Read the contract off the snippet's source; raise if it breaks the contract."""
    tree = ast.parse(lesson.source, filename=str(lesson.snippet_path))
    stream = next((n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
                   and n.name == "stream"), None)
    if stream is None:
        raise TypeError(f"{lesson.snippet_path.name} defines no stream() function")
    missing = _missing_imports(tree)
    if missing:
        raise ImportError(f"{lesson.snippet_path.name} needs packages that are not installed: {', '.join(missing)}")
    constants = _constants(tree)
    lesson.attributes = constants
    lesson.client_kind = constants.get("CLIENT", "openai")
    lesson.prompt = constants.get("PROMPT", "")
    lesson.panes = tuple(constants.get("PANES", (MAIN_PANE,)))
    lesson.measured = tuple(constants.get("MEASURE", lesson.panes[:1]))
    if not set(lesson.measured) <= set(lesson.panes):
        raise TypeError(f"MEASURE names panes that are not in PANES: {', '.join(lesson.measured)}")
    lesson.is_async = isinstance(stream, ast.AsyncFunctionDef)
    lesson.options = []
    ranges = constants.get("RANGES", {})
    for arg, default in zip(stream.args.kwonlyargs, stream.args.kw_defaults):
        if arg.arg in ("model", "history"):
            setattr(lesson, f"takes_{arg.arg}", True)
            continue
        if default is None:
            raise TypeError(f"option {arg.arg!r} of stream() needs a default")
        bounds = tuple(ranges[arg.arg]) if arg.arg in ranges else None
        lesson.options.append(Option(arg.arg, _literal(default), _choices(arg.annotation), bounds))


def load(stem: str, root: Path = ROOT) -> Lesson:
    lesson = Lesson(stem, root / "snippets" / f"{stem}.py", root / "lessons" / f"{stem}.md")
    try:
        lesson.source = lesson.snippet_path.read_text(encoding="utf-8")
        lesson.prose = lesson.prose_path.read_text(encoding="utf-8") if lesson.prose_path.exists() else ""
        lesson.title = title_of(lesson.prose, stem)
        describe(lesson)
    except Exception as exc:  # a broken lesson must not take the app down
        lesson.error = f"{type(exc).__name__}: {exc}"
    return lesson


def discover(root: Path = ROOT) -> list[Lesson]:
    stems = sorted(p.stem for p in (root / "snippets").glob("*.py") if STEM.match(p.stem))
    return [load(stem, root) for stem in stems]


def renamed(root: Path = ROOT) -> dict[str, str]:
    """Old stem → the lesson's stem of today, from `lessons/renamed.json` (a lesson renamed twice: its last name),
    so that links made before a rename still open the lesson. Empty when there is no such file."""
    path = root / "lessons" / "renamed.json"
    table = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    latest = {}
    for old, new in table.items():
        seen = {old}
        while new in table and new not in seen:
            seen.add(new)
            new = table[new]
        latest[old] = new
    return latest


def translations(lesson: Lesson) -> list[tuple[str, Path]]:
    """(language code, path) of each translation of the prose: `lessons/<lang>/NN_slug.md`."""
    folders = sorted(p for p in lesson.prose_path.parent.iterdir() if p.is_dir())
    return [(folder.name, folder / lesson.prose_path.name) for folder in folders
            if (folder / lesson.prose_path.name).exists()]
