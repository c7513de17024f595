"""The package layout is the architecture (docs/architecture.md): each layer imports only the layers
below it, and no module imports itself back through others. Imports inside functions count too."""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "framing"

# Lowest first. A module belongs to the first entry its dotted name starts with.
LAYERS = (
    ("core", ("framing.errors", "framing.types", "framing.schema", "framing.resources")),
    ("reading", ("framing.reading",)),
    ("settings", ("framing.config",)),
    ("annotation", ("framing.annotation",)),
    ("classifiers", ("framing.classifiers",)),
    ("tables", ("framing.tables",)),
    ("analytics", ("framing.analytics",)),
    ("storage", ("framing.storage",)),
    ("running", ("framing.running",)),
    ("interfaces", ("framing.interfaces",)),
)


def layer_of(module: str) -> int | None:
    for rank, (_, prefixes) in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    return None


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(path: Path) -> set[str]:
    """Every framing module ``path`` imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names if a.name.startswith("framing"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("framing"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                # "from framing.reading import datasets" imports the module framing.reading.datasets
                is_module = (PACKAGE.parent / candidate.replace(".", "/")).with_suffix(".py").is_file()
                names.add(candidate if is_module else node.module)
    return names


@lru_cache(maxsize=1)
def modules() -> dict[str, set[str]]:
    graph = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        if name == "framing":
            continue  # the package root: __version__ and the lazy public API (the facade over every layer)
        graph[name] = {m for m in imported(path) if m != "framing"}
    return graph


def test_every_module_has_a_layer():
    assert [m for m in modules() if layer_of(m) is None] == []


@pytest.mark.parametrize("module", sorted(modules()))
def test_no_import_from_a_higher_layer(module):
    rank = layer_of(module)
    upward = sorted(m for m in modules()[module] if (layer_of(m) or 0) > rank)
    assert upward == [], f"{module} ({LAYERS[rank][0]}) imports a higher layer: {upward}"


def _owner(name: str, graph: dict[str, set[str]]) -> str | None:
    """The module of the graph that ``name`` refers to (a module, or a package's __init__)."""
    while name and name not in graph:
        name = name.rpartition(".")[0]
    return name or None


def test_no_import_cycles():
    graph = modules()
    edges = {m: {_owner(t, graph) for t in targets} - {None, m} for m, targets in graph.items()}
    # a package __init__ is imported whenever one of its modules is: the edge child -> parent is implicit
    cycles, state = [], {}

    def visit(node, stack):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == "open":
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [])
    assert cycles == []


def test_the_checker_sees_an_upward_import(tmp_path):
    """The rule bites: a lower module importing a higher one is reported, also inside a function."""
    source = tmp_path / "lower.py"
    source.write_text("def f():\n    from framing.storage.reports import write_reports\n")
    assert imported(source) == {"framing.storage.reports"}
    assert layer_of("framing.storage.reports") > layer_of("framing.reading.segment")
