"""No import cycle in ``liveblocks/``, at module level or inside functions.

The graph is read from the source: every ``import`` and ``from ... import`` of a
``liveblocks`` module, wherever it stands (a function-level import counts, one under
``if TYPE_CHECKING:`` does not: it never runs), relative imports resolved against the
importing module's package, ``from pkg import name`` pointing at ``pkg.name`` when that is
a module and at ``pkg`` otherwise, and the submodules a package names in its
``lazy_exports(...)`` table (they are imported on first use). Importing ``pkg.sub`` is
not counted as importing ``pkg``: that edge exists for every submodule and says nothing
about how the code depends on itself.
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import liveblocks

PACKAGE_ROOT = Path(liveblocks.__file__).parent


@dataclass(frozen=True)
class Edge:
    target: str
    where: str  # "file.py:line", to find the import


def module_files(root: Path, package: str) -> dict[str, Path]:
    """Every module below ``root`` (the folder of ``package``), by dotted name."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = [package, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def _nodes(node: ast.AST) -> Iterator[ast.AST]:
    """Every node below ``node`` except the bodies of ``if TYPE_CHECKING:`` blocks."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for other in child.orelse:
                yield other
                yield from _nodes(other)
            continue
        yield child
        yield from _nodes(child)


def _resolve(level: int, name: str | None, module: str, is_package: bool) -> str:
    if not level:
        return name or ""
    parts = module.split(".") if is_package else module.split(".")[:-1]
    if level > 1:
        parts = parts[: len(parts) - (level - 1)]
    return ".".join([*parts, *([name] if name else [])])


def _lazy_targets(call: ast.Call) -> Iterator[str]:
    """The submodules of a ``lazy_exports(__name__, {name: ".submodule"})`` table."""
    func = call.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    if name != "lazy_exports" or len(call.args) < 2 or not isinstance(call.args[1], ast.Dict):
        return
    for value in call.args[1].values:
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            yield value.value


def imports_of(module: str, path: Path, modules: dict[str, Path], package: str) -> list[Edge]:
    """The package's modules that ``module`` imports, each with where it does."""
    is_package = path.name == "__init__.py"
    shown = "/".join(module.split(".")) + ("/__init__.py" if is_package else ".py")
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    edges: list[Edge] = []

    def add(target: str, node: ast.stmt | ast.expr) -> None:
        if target != package and not target.startswith(package + "."):
            return  # the standard library or a third-party package
        if target not in modules:
            raise AssertionError(f"{path.name}:{node.lineno} imports {target}, not a module")
        if target != module:
            edges.append(Edge(target, f"{shown}:{node.lineno}"))

    for node in _nodes(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name, node)
        elif isinstance(node, ast.ImportFrom):
            source = _resolve(node.level, node.module, module, is_package)
            if source != package and not source.startswith(package + "."):
                continue
            names_module = False
            for alias in node.names:
                if f"{source}.{alias.name}" in modules:
                    add(f"{source}.{alias.name}", node)
                else:
                    names_module = True
            if names_module:
                add(source, node)
        elif isinstance(node, ast.Call):
            for relative in _lazy_targets(node):
                level = len(relative) - len(relative.lstrip("."))
                target = _resolve(level, relative.lstrip(".") or None, module, True)
                add(target, node)
    return edges


def import_graph(root: Path, package: str) -> dict[str, list[Edge]]:
    modules = module_files(root, package)
    return {name: imports_of(name, path, modules, package) for name, path in modules.items()}


def cycles(graph: dict[str, list[Edge]]) -> list[list[str]]:
    """One cycle through each group of modules that import each other (Tarjan's strongly
    connected components), each written as the path of imports that closes it."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(name: str) -> None:
        index[name] = low[name] = len(index)
        stack.append(name)
        on_stack.add(name)
        for edge in graph.get(name, ()):
            if edge.target not in index:
                visit(edge.target)
                low[name] = min(low[name], low[edge.target])
            elif edge.target in on_stack:
                low[name] = min(low[name], index[edge.target])
        if low[name] == index[name]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == name:
                    break
            if len(group) > 1:
                groups.append(group)

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return [_cycle_in(graph, group) for group in groups]


def _cycle_in(graph: dict[str, list[Edge]], group: set[str]) -> list[str]:
    """The shortest way from the group's first module back to itself, with each import's
    place: ``["a", "(a.py:3) b", "(b.py:9) a"]``."""
    start = min(group)
    paths: dict[str, list[str]] = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for name in frontier:
            for edge in graph[name]:
                if edge.target not in group:
                    continue
                step = [*paths[name], f"({edge.where}) {edge.target}"]
                if edge.target == start:
                    return step
                if edge.target not in paths:
                    paths[edge.target] = step
                    following.append(edge.target)
        frontier = following
    raise AssertionError(f"no cycle through {start}")  # a strongly connected group has one


def test_the_package_has_no_import_cycle() -> None:
    graph = import_graph(PACKAGE_ROOT, "liveblocks")
    found = cycles(graph)
    assert not found, "import cycles:\n" + "\n".join(" -> ".join(c) for c in found)


def test_the_graph_sees_the_package_as_it_is() -> None:
    graph = import_graph(PACKAGE_ROOT, "liveblocks")
    targets = {name: {edge.target for edge in edges} for name, edges in graph.items()}
    assert "liveblocks.client" in targets["liveblocks"]
    # a function-level import (the async transport, loaded only by the async client)
    assert "liveblocks.transports.aiohttp_transport" in targets["liveblocks.client"]
    # a lazy export of the package
    assert "liveblocks.live.object" in targets["liveblocks"]
    # the batch base stands below the client: it only names it for the type checker
    assert "liveblocks.client" not in targets["liveblocks._batch"]


# The graph's reading of imports, on small packages written for the purpose.


def _package(tmp_path: Path, files: dict[str, str]) -> dict[str, list[Edge]]:
    root = tmp_path / "pkg"
    for name, text in {"__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return import_graph(root, "pkg")


def _targets(graph: dict[str, list[Edge]], module: str) -> set[str]:
    return {edge.target for edge in graph[module]}


def test_a_function_level_import_closes_a_cycle(tmp_path: Path) -> None:
    graph = _package(
        tmp_path,
        {
            "a.py": "from .b import thing\n",
            "b.py": "def thing():\n    from .a import other\n    return other\n",
        },
    )
    assert cycles(graph) == [["pkg.a", "(pkg/a.py:1) pkg.b", "(pkg/b.py:2) pkg.a"]]


def test_an_import_for_the_type_checker_only_is_not_counted(tmp_path: Path) -> None:
    graph = _package(
        tmp_path,
        {
            "a.py": "from .b import thing\n",
            "b.py": (
                "from typing import TYPE_CHECKING\nimport typing\n"
                "if TYPE_CHECKING:\n    from .a import other\n"
                "if typing.TYPE_CHECKING:\n    import pkg.a\nelse:\n    from . import c\n"
            ),
            "c.py": "",
        },
    )
    assert _targets(graph, "pkg.b") == {"pkg.c"}
    assert cycles(graph) == []


def test_relative_and_absolute_imports_resolve_to_modules(tmp_path: Path) -> None:
    graph = _package(
        tmp_path,
        {
            "sub/__init__.py": "from . import deep\nfrom .deep import name\nfrom .. import top\n",
            "sub/deep.py": "from ..other import value\nimport pkg.other\nimport json\n",
            "top.py": "from pkg.sub import deep, helper\n",
            "other.py": "",
            "third.py": "from . import other as alias\n",
        },
    )
    assert _targets(graph, "pkg.sub") == {"pkg.sub.deep", "pkg.top"}
    assert _targets(graph, "pkg.sub.deep") == {"pkg.other"}
    # ``helper`` is not a module: the import names the package itself
    assert _targets(graph, "pkg.top") == {"pkg.sub.deep", "pkg.sub"}
    assert _targets(graph, "pkg.third") == {"pkg.other"}
    cycle = cycles(graph)
    assert len(cycle) == 1
    assert [step.split(" ")[-1] for step in cycle[0]] == ["pkg.sub", "pkg.top", "pkg.sub"]


def test_a_lazy_export_table_counts_as_an_import(tmp_path: Path) -> None:
    graph = _package(
        tmp_path,
        {
            "__init__.py": (
                "from ._lazy import lazy_exports\n"
                '__getattr__ = lazy_exports(__name__, {"Thing": ".thing", "x": ".x"})\n'
            ),
            "_lazy.py": "",
            "thing.py": "from . import x\n",
            "x.py": "import pkg\n",
        },
    )
    assert _targets(graph, "pkg") == {"pkg._lazy", "pkg.thing", "pkg.x"}
    assert [step.split(" ")[-1] for step in cycles(graph)[0]] == ["pkg", "pkg.x", "pkg"]


def test_an_import_of_a_missing_module_is_refused(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match=r"a.py:1 imports pkg.nowhere, not a module"):
        _package(tmp_path, {"a.py": "from .nowhere import x\n"})
