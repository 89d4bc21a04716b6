"""The arrows of the architecture (docs/architecture.md), checked from the code's own imports.

Every import counts, also those inside functions (a command's lazy imports) and those made
only for type checking: an arrow the wrong way is a wrong arrow wherever it is written.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "handlers", "storage")
PURE = ("bot.core", "bot.classify", "bot.texts")

# package → the project packages it may import (besides itself)
ALLOWED: dict[str, tuple[str, ...]] = {
    "bot.core": (),
    "bot.classify": ("bot.core",),
    "bot.texts": ("bot.core",),
}
# package → what it must never import (project packages and libraries)
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "storage": (
        "telegram", "handlers", "bot.runtime", "bot.ledger", "bot.texts", "bot.cli",
        "bot.devtools", "bot.app", "bot.config",
    ),
    "bot.ledger": ("telegram", "aiosqlite", "handlers", "bot.runtime", "bot.cli", "bot.devtools",
                   "bot.app"),
    "bot.runtime": ("handlers", "bot.cli", "bot.devtools", "bot.app"),
    "handlers": ("bot.cli", "bot.devtools", "bot.app", "aiosqlite"),
    "bot.config": ("telegram", "aiosqlite", "storage", "handlers", "bot.runtime", "bot.devtools"),
}  # fmt: skip
# third-party libraries the pure packages may use
# the classifier reads jieba's dictionary file and keeps it as a marisa trie (as jieba kept its own
# cache file, the trie is kept in a cache folder between starts)
PURE_LIBRARIES: dict[str, tuple[str, ...]] = {"bot.classify": ("jieba", "marisa_trie")}
# where the running bot starts: everything these reach is the running bot
RUNNING_BOT = ("bot.__main__", "bot.cli.main", "bot.app", "bot.cli.run")
# the office's tools on the command line, which need no Telegram (and start faster without it)
OFFICE_TOOLS = ("bot.cli.ledger", "bot.cli.ops", "bot.cli.classify")
DEVTOOLS = ("bot.devtools", "storage.synthetic", "storage.baseline")


@dataclass(frozen=True)
class Import:
    source: str
    target: str  # a project module, or the top-level name of a library
    line: int


@cache
def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _resolve(module: str, names: list[str]) -> Iterator[str]:
    """The modules `from module import names` loads: submodules where they are modules."""
    known = modules()
    if module.split(".")[0] not in PACKAGES:
        yield module.split(".")[0]
        return
    for name in names:
        yield f"{module}.{name}" if f"{module}.{name}" in known else module


@cache
def imports() -> tuple[Import, ...]:
    found: list[Import] = []
    for source, path in sorted(modules().items()):
        package = source if path.name == "__init__.py" else source.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    top = alias.name.split(".")[0]
                    target = alias.name if top in PACKAGES else top
                    found.append(Import(source, target, node.lineno))
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parent, base] if base else parent)
                for target in _resolve(base, [a.name for a in node.names]):
                    found.append(Import(source, target, node.lineno))
    return tuple(found)


def project_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in modules()}
    for edge in imports():
        if edge.target in graph and edge.target != edge.source:
            graph[edge.source].add(edge.target)
    return graph


def _package_of(module: str, packages: list[str]) -> str | None:
    matches = [p for p in packages if _within(module, p)]
    return max(matches, key=len) if matches else None


def test_every_module_is_seen():
    """The check itself: it reads the whole project."""
    assert {"bot.app", "bot.core.tickets", "storage.db", "handlers.intake"} <= set(modules())
    assert any(e.source == "bot.app" and e.target == "telegram" for e in imports())


@pytest.mark.parametrize("package", PURE)
def test_the_pure_packages_import_only_the_core_and_the_standard_library(package: str):
    allowed = (package, *ALLOWED[package])
    libraries = set(sys.stdlib_module_names) | set(PURE_LIBRARIES.get(package, ()))
    wrong = []
    for edge in imports():
        if not _within(edge.source, package):
            continue
        if edge.target in modules():
            if not any(_within(edge.target, a) for a in allowed):
                wrong.append(edge)
        elif edge.target not in libraries and edge.target != "__future__":
            wrong.append(edge)
    assert not wrong, "\n".join(f"{e.source}:{e.line} imports {e.target}" for e in wrong)


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_arrow_points_the_wrong_way(package: str):
    wrong = [
        e
        for e in imports()
        if _within(e.source, package) and any(_within(e.target, f) for f in FORBIDDEN[package])
    ]
    assert not wrong, "\n".join(f"{e.source}:{e.line} imports {e.target}" for e in wrong)


def _reached(roots: tuple[str, ...]) -> set[str]:
    """Every project module the roots import, directly or through others."""
    graph = project_graph()
    reached, waiting = set(roots), list(roots)
    while waiting:
        for target in graph[waiting.pop()]:
            if target not in reached:
                reached.add(target)
                waiting.append(target)
    return reached


def test_the_running_bot_imports_no_devtools():
    reached = _reached(RUNNING_BOT)
    assert "handlers.intake" in reached and "storage.db" in reached  # the walk went deep
    assert not [m for m in reached if any(_within(m, d) for d in DEVTOOLS)]


def test_the_office_tools_need_no_telegram():
    reached = _reached(OFFICE_TOOLS)
    assert "bot.ledger.monthly" in reached and "bot.runtime.bulletins" in reached
    wrong = [e for e in imports() if e.source in reached and e.target == "telegram"]
    assert not wrong, "\n".join(f"{e.source}:{e.line} imports telegram" for e in wrong)


def test_no_module_imports_itself_back():
    """No cycle of imports between modules (Tarjan's strongly connected components)."""
    graph = project_graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    assert not cycles, cycles


# -- every sentence in one place ----------------------------------------------------------------
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
SPEAKING = ("handlers", "bot.runtime", "bot.app", "bot.cli", "bot.ledger", "bot.desk", "storage")
DATA = ("storage.synthetic",)  # made-up residents for the benchmarks


def _sentences(path: Path) -> Iterator[tuple[int, str]]:
    """Chinese string constants, leaving out docstrings and regular expressions (input)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skipped.add(id(body[0].value))
        if isinstance(node, ast.Call) and ast.unparse(node.func) in ("re.compile", "compile"):
            skipped.update(id(n) for arg in node.args for n in ast.walk(arg))
    for node in ast.walk(tree):
        is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
        if is_text and id(node) not in skipped and CJK.search(node.value):
            yield node.lineno, node.value


def test_no_chinese_sentence_outside_the_texts():
    """What residents, workers and the office read is written in bot/texts only."""
    found = [
        f"{name}:{line}: {text[:40]!r}"
        for name, path in sorted(modules().items())
        if _package_of(name, list(SPEAKING)) and not _package_of(name, list(DATA))
        for line, text in _sentences(path)
    ]
    assert not found, "\n".join(found)
