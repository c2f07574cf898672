"""The package's layout shows the pipeline: a stage imports only earlier stages, no module
imports itself back through others, and ``import workbench.schema`` loads nothing else."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "workbench"

STAGES: dict[str, int] = {
    "workbench": 0, "workbench.schema": 0, "workbench.errors": 0, "workbench.types": 0,
    "workbench.paths": 0, "workbench.lexicons": 0,
    "workbench.text": 1,
    "workbench.io": 2,
    "workbench.features": 3,
    "workbench.model": 4,
    "workbench.score": 5, "workbench.align": 5,
    "workbench.bulk": 6, "workbench.corpus": 6,
    "workbench.dashboard": 7, "workbench.cli": 7, "workbench.__main__": 7,
}
"""Module or package to its stage; a module's stage is that of its longest listed prefix."""


def module_names(package: Path = PACKAGE) -> dict[str, Path]:
    """Return every module of the package by dotted name (``workbench.io.tables``)."""
    out = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def stage_of(module: str) -> int | None:
    """Return the stage of ``module`` (its longest prefix in :data:`STAGES`)."""
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        if ".".join(parts[:n]) in STAGES:
            return STAGES[".".join(parts[:n])]
    return None


def imports_of(module: str, path: Path, known: set[str]) -> list[tuple[str, int]]:
    """Return ``(imported module, line)`` for every import of the package in ``path``,
    at any depth (inside functions and ``if TYPE_CHECKING:`` blocks too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.append((full if full in known else base, node.lineno))
    return [(name, line) for name, line in found
            if name == "workbench" or name.startswith("workbench.")]


def import_graph(package: Path = PACKAGE) -> dict[str, list[tuple[str, int]]]:
    """Return each module's imports of other modules of the package, with line numbers."""
    modules = module_names(package)
    known = set(modules)
    graph = {}
    for name, path in modules.items():
        edges = []
        for target, line in imports_of(name, path, known):
            while target not in known and "." in target:  # ``import workbench.x.attr``
                target = target.rpartition(".")[0]
            if target != name:
                edges.append((target, line))
        graph[name] = edges
    return graph


def later_stage_imports(graph: dict[str, list[tuple[str, int]]], paths: dict[str, Path],
                        root: Path = ROOT) -> list[str]:
    """Return one line per import of a later stage, or of anything by ``workbench.schema``."""
    bad = []
    for module, edges in graph.items():
        for target, line in edges:
            where = f"{paths[module].relative_to(root)}:{line}"
            if module == "workbench.schema":
                bad.append(f"{where}: workbench.schema imports {target} (it imports nothing "
                           "of the package)")
            elif stage_of(module) is None:
                bad.append(f"{where}: {module} has no stage in tests/test_layout.py STAGES")
            elif stage_of(target) is not None and stage_of(target) > stage_of(module):
                bad.append(f"{where}: {module} (stage {stage_of(module)}) imports {target} "
                           f"(stage {stage_of(target)})")
    return bad


def import_cycles(graph: dict[str, list[tuple[str, int]]]) -> list[list[str]]:
    """Return the import cycles: each as the modules around it, first repeated at the end."""
    cycles, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for target, _ in graph.get(node, ()):
            if state.get(target) == "open":
                cycles.append(stack[stack.index(target):] + [target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return cycles


def test_every_module_has_a_stage():
    missing = [m for m in module_names() if stage_of(m) is None]
    assert not missing, f"modules with no stage in tests/test_layout.py STAGES: {missing}"


def test_no_module_imports_a_later_stage():
    bad = later_stage_imports(import_graph(), module_names())
    assert not bad, "imports against the pipeline order:\n" + "\n".join(bad)


def test_no_import_cycles():
    cycles = import_cycles(import_graph())
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_checks_catch_a_bad_import_and_a_cycle(tmp_path):
    """The checks above fail on a package that breaks the rules (so they can fail)."""
    pkg = tmp_path / "workbench"
    (pkg / "text").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "schema.py").write_text("import polars\n")
    (pkg / "text" / "__init__.py").write_text("")
    (pkg / "text" / "segment.py").write_text("def f():\n    from workbench.score import x\n")
    (pkg / "score.py").write_text("from workbench.text.segment import f\n"
                                  "from . import align\n")
    (pkg / "align.py").write_text("import workbench.score\n")
    graph = import_graph(pkg)
    bad = later_stage_imports(graph, module_names(pkg), tmp_path)
    assert bad == ["workbench/text/segment.py:2: workbench.text.segment (stage 1) imports "
                   "workbench.score (stage 5)"]
    cycles = {tuple(c) for c in import_cycles(graph)}
    assert ("workbench.align", "workbench.score", "workbench.align") in cycles
    assert ("workbench.score", "workbench.text.segment", "workbench.score") in cycles


def test_schema_alone_loads_nothing_else_of_the_package():
    code = ("import sys; import workbench.schema; "
            "print(sorted(m for m in sys.modules if m.startswith('workbench')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, env=_env(), check=True).stdout.strip()
    assert out == "['workbench', 'workbench.schema']"


def test_public_names_load_on_first_use():
    code = ("import workbench.score; from workbench import score, segment, Article; "
            "print(callable(score), segment.__name__, Article.__module__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, env=_env(), check=True).stdout.split()
    # ``score`` stays the function though ``workbench.score`` the module was imported first
    assert out == ["True", "workbench.text.segment", "workbench.io.articles"]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


@pytest.mark.parametrize("name", ["Article", "score", "make_features", "read_table"])
def test_all_names_resolve(name):
    import workbench

    assert name in workbench.__all__
    assert getattr(workbench, name) is not None
