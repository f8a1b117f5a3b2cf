"""The package's folders are layers and its imports point down: no circle, no upward import, no private name
borrowed from another module. Read from the source (`ast`), late imports inside functions included: a late import
that hides a circle is the circle. README, "How it is built", says what each folder holds and may use."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "streamlab"
# Top to bottom: a module may import from its own layer and the layers below it, never from one above.
LAYERS = {
    "streamlab": ["web", "ui", "i18n", "engine", "hosting", "mock"],
    # the mock: its app and entry points, the wire formats, composing answers, then text, facts and schemas
    "streamlab.mock": ["", "wire", "compose", "words", "knowledge"],  # "": the modules directly in streamlab/mock/
}


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(path, root): path for path in sorted(root.rglob("*.py"))}


def imports_of(name: str, path: Path, known: dict[str, Path]) -> list[tuple[str, str, int]]:
    """(imported module, imported name or "", line) for each import of this package's modules in `path`."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, "", node.lineno) for alias in node.names if alias.name.split(".")[0] == "streamlab"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "streamlab":
                continue
            for alias in node.names:  # `from pkg import module` imports the module, not a name of pkg
                sub = f"{target}.{alias.name}"
                found.append((sub, "", node.lineno) if sub in known else (target, alias.name, node.lineno))
    return found


def private_attributes(path: Path, module_aliases: dict[str, str]) -> list[tuple[str, str, int]]:
    """(module, `_name`, line) for each `module._name` read where `module` is another module of the package."""
    hits = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in module_aliases
                and node.attr.startswith("_") and not node.attr.startswith("__")):
            hits.append((module_aliases[node.value.id], node.attr, node.lineno))
    return hits


def layer_of(name: str) -> list[tuple[str, int]]:
    """For each layered package that holds `name`: (package, index of the layer `name` is in; -1 for none)."""
    placed = []
    for package, layers in LAYERS.items():
        if name == package or not name.startswith(package + "."):
            continue
        rest = name[len(package) + 1:]
        head = rest.split(".")[0]
        if head in layers:
            placed.append((package, layers.index(head)))
        else:  # a module directly in the package: its "" layer, if it has one
            placed.append((package, layers.index("") if "." not in rest and "" in layers else -1))
    return placed


def problems(root: Path = PACKAGE) -> list[str]:
    known = modules(root)
    graph: dict[str, set[str]] = {name: set() for name in known}
    found = []
    for name, path in known.items():
        if name == "streamlab":
            continue
        for package, index in layer_of(name):
            if index < 0:
                found.append(f"{name} is in no layer of {package}: put it in one of {LAYERS[package]}")
        aliases = {}
        for target, imported, line in imports_of(name, path, known):
            if target not in known:
                found.append(f"{name}:{line} imports {target}, which is not a module of the package")
                continue
            if imported.startswith("_") and not imported.startswith("__"):
                found.append(f"{name}:{line} imports the private name {imported} of {target}")
            if not imported:
                aliases[target.rpartition(".")[2]] = target
            if target != name:
                graph[name].add(target)
            for (package, mine), (_, theirs) in zip(layer_of(name), layer_of(target)):
                if mine >= 0 and theirs >= 0 and theirs < mine:
                    found.append(f"{name}:{line} imports {target} from a layer above it "
                                 f"({LAYERS[package][theirs] or package} over {LAYERS[package][mine] or package})")
        for module, attribute, line in private_attributes(path, aliases):
            if module != name:
                found.append(f"{name}:{line} reads the private name {attribute} of {module}")
    found += [f"import circle: {' -> '.join(cycle)}" for cycle in circles(graph)]
    return found


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One circle for each strongly connected group of modules (Tarjan), each shown as a path back to its start."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(path_around(sorted(group), graph))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def path_around(group: list[str], graph: dict[str, set[str]]) -> list[str]:
    """A shortest path from the group's first module back to itself, through the group (breadth first)."""
    start, members = group[0], set(group)
    previous, frontier = {start: None}, [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(graph[node] & members):
                if nxt == start:
                    path = [node]
                    while previous[path[-1]] is not None:
                        path.append(previous[path[-1]])
                    return [start] + path[::-1][1:] + [start] if len(path) > 1 else [start, node, start]
                if nxt not in previous:
                    previous[nxt] = node
                    following.append(nxt)
        frontier = following
    return group


def test_imports_point_down_the_layers_without_circles():
    assert problems() == []


def test_the_guard_catches_an_upward_import_a_circle_and_a_borrowed_private_name(tmp_path):
    package = tmp_path / "streamlab"
    for folder in ("web", "engine", "mock", "mock/wire", "mock/words"):
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "web" / "server.py").write_text("from streamlab.engine import runner\n")
    (package / "engine" / "runner.py").write_text("def run():\n    from streamlab.web import server\n")
    (package / "engine" / "pump.py").write_text("from streamlab.engine import runner\nEND = runner._END\n")
    (package / "mock" / "words" / "text.py").write_text("from ..wire import sse\n")
    (package / "mock" / "wire" / "sse.py").write_text("")
    (package / "stray.py").write_text("")
    found = problems(package)
    assert "streamlab.engine.runner:2 imports streamlab.web.server from a layer above it (web over engine)" in found
    assert ("streamlab.mock.words.text:1 imports streamlab.mock.wire.sse from a layer above it (wire over words)"
            in found)
    assert "streamlab.engine.pump:2 reads the private name _END of streamlab.engine.runner" in found
    assert "import circle: streamlab.engine.runner -> streamlab.web.server -> streamlab.engine.runner" in found
    assert any(line.startswith("streamlab.stray is in no layer of streamlab") for line in found)


@pytest.mark.parametrize("name", sorted(LAYERS))
def test_each_layer_is_a_folder_of_the_package(name):
    folder = PACKAGE.joinpath(*name.split(".")[1:])
    assert [layer for layer in LAYERS[name] if layer and not (folder / layer / "__init__.py").is_file()] == []
