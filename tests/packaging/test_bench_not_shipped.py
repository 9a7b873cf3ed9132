"""Issue 19 item 6: evaluation, benchmark, demo and test-fake code does not ship in a service's package.

Such code lives beside the service in `services/<svc>/bench/` (package `<pkg>_bench`, installed editable by
`make venv`, left out of the service's wheel) or, for a test fake, in the service's `tests/` (the in-memory
repositories: `tests/<pkg>_memory.py`); see docs/adding-a-service.md "Evaluations, benchmarks and demo seeding".
Checked four ways: no module under `services/*/src` or `libs/*/src` imports such a module, nor is one or in a
package named for one (`memory*`, `testing*` included), but for the named test helpers the platform library ships
on purpose (KNOWN_TEST_HELPERS); the files the service's own build ships (setuptools' build_py on
a copy of its pyproject.toml and src/) contain none; and every bench module still imports, so a refactor of the
service cannot silently break `make eval-*`, `make bench-*` or `make demo`.
"""
from __future__ import annotations

import ast
import importlib
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICES = sorted(p.parent for p in ROOT.glob("services/*/pyproject.toml"))
BENCHES = sorted(p.parent for p in ROOT.glob("services/*/bench/pyproject.toml"))
LIBS = sorted(p.parent for p in ROOT.glob("libs/*/pyproject.toml"))
PROJECTS = SERVICES + LIBS
PROJECT_IDS = [p.relative_to(ROOT).as_posix() for p in PROJECTS]
WORDS = {"evaluation", "evaluations", "bench", "benchmark", "benchmarks", "demo", "demos", "fake", "fakes"}
TEST_HELPERS = ("memory", "testing")  # in-memory repository fakes and test helpers: memory.py, memory_lists.py, ...
# Test helpers the platform library ships on purpose, each with why; no other module under src/ imports them.
KNOWN_TEST_HELPERS = {
    "libs/platform/src/runtime/testing.py":
        "the helpers every service's tests share (temp databases, topics, on_test_topics); tests and benches only",
    "libs/platform/src/runtime/replica_testing.py":
        "the services' replica-migration test (before_migration), on runtime.testing; imported by tests only",
}


def not_shipped(name: str) -> bool:
    """A module or file name that says evaluation, benchmark, demo, fake or test helper (`eval_matching`,
    `ingest_bench`, `memory`, `memory_lists`, `testing`, `replica_testing`, ...)."""
    stem = name.removesuffix(".py").lower()
    return (stem in WORDS or stem.startswith(("eval_", *TEST_HELPERS))
            or any(stem.startswith(f"{w}_") or stem.endswith(f"_{w}") for w in WORDS)
            or any(stem.endswith(f"_{w}") for w in TEST_HELPERS))


def modules_under(src: Path) -> list[tuple[Path, str]]:
    """Every module under a src/ folder with the package it is in (`ingest.adapters` for ingest/adapters/x.py)."""
    out = []
    for path in sorted(src.rglob("*.py")):
        rel = path.relative_to(src).with_suffix("")
        out.append((path, ".".join(rel.parts if rel.name == "__init__" else rel.parts[:-1]).removesuffix(".__init__")))
    return out


def imported_modules(path: Path, package: str) -> set[str]:
    """Every module a file imports (relative imports resolved; `from a import b` counts `a.b` too)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            out.add(base)
            out |= {f"{base}.{alias.name}" for alias in node.names}
    return out


def shipped_files(service: Path, tmp: Path) -> list[str]:
    """The files the service's build puts in its wheel: build_py of a copy of its pyproject.toml and src/."""
    work = tmp / service.name
    shutil.copytree(service / "src", work / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    shutil.copy(service / "pyproject.toml", work / "pyproject.toml")
    subprocess.run([sys.executable, "-c", "import setuptools; setuptools.setup()", "-q", "build_py", "-d", "lib"],
                   cwd=work, check=True, capture_output=True, text=True)
    return sorted(p.relative_to(work / "lib").as_posix() for p in (work / "lib").rglob("*") if p.is_file())


@pytest.mark.parametrize("project", PROJECTS, ids=PROJECT_IDS)
def test_no_shipped_module_imports_evaluation_benchmark_demo_or_fake_code(project):
    found = []
    for path, package in modules_under(project / "src"):
        if path.relative_to(ROOT).as_posix() in KNOWN_TEST_HELPERS:
            continue  # runtime.replica_testing builds on runtime.testing
        for module in imported_modules(path, package):
            if any(not_shipped(part) for part in module.split(".")):
                found.append(f"{path.relative_to(ROOT)} imports {module}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("project", PROJECTS, ids=PROJECT_IDS)
def test_no_shipped_module_or_package_is_named_for_a_fake_or_test_helper(project):
    """`adapters/memory.py`, `adapters/memory/`, `testing.py`...: a fake moves to the service's tests/ instead."""
    src = project / "src"
    found = {path.relative_to(ROOT).as_posix() for path in src.rglob("*.py")
             if any(not_shipped(part) for part in path.relative_to(src).parts)}
    known = {path for path in KNOWN_TEST_HELPERS if path.startswith(f"{project.relative_to(ROOT).as_posix()}/")}
    assert sorted(found - known) == []
    assert known <= found, f"gone, take them off KNOWN_TEST_HELPERS: {sorted(known - found)}"


@pytest.mark.slow
@pytest.mark.parametrize("service", SERVICES, ids=[s.name for s in SERVICES])
def test_the_service_build_ships_no_evaluation_benchmark_demo_or_fake_file(service, tmp_path):
    files = shipped_files(service, tmp_path)
    package = service.name.replace("-", "_")
    assert f"{package}/__init__.py" in files, files  # the build found the service's package
    assert not [f for f in files if any(not_shipped(part) for part in f.split("/"))]


def test_every_service_with_such_code_keeps_it_in_its_bench_package():
    assert {b.parent.name for b in BENCHES} >= {"enrichment", "ingest", "office", "recognition", "reporting",
                                                "sync-connector", "worklist"}
    for bench in BENCHES:
        config = tomllib.loads((bench / "pyproject.toml").read_text())
        package = bench.parent.name.replace("-", "_") + "_bench"
        assert config["tool"]["setuptools"]["package-dir"] == {package: "."}, bench
        assert config["project"]["name"] == f"bf-{bench.parent.name}-bench"


@pytest.mark.parametrize("bench", BENCHES, ids=[b.parent.name for b in BENCHES])
def test_every_bench_module_imports(bench, monkeypatch):
    package = bench.parent.name.replace("-", "_") + "_bench"
    monkeypatch.setattr(sys, "path", list(sys.path))  # a script among them may put its folder first
    for path in sorted(bench.glob("*.py")):
        module = package if path.stem == "__init__" else f"{package}.{path.stem}"
        assert importlib.import_module(module).__file__ == str(path), module
