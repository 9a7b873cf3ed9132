"""One service skeleton (issue 19 item 1, docs/adding-a-service.md): every service has the same shape, read from
its source with `ast` (nothing is imported). A newcomer finds any service's handlers, routes, settings and
dependencies in the same place:

- `config.py` (its settings class), a README with a section (a markdown heading) for its API, for the events it
  consumes and produces, and for its settings;
- its event handlers in one table, `EVENT_HANDLERS` in `entrypoints/kafka.py`, handed to `ServiceSpec(handlers=...)`;
- its routes under `entrypoints/http/` (`ROUTERS` in its `__init__`), when it serves any: no module elsewhere
  makes an `APIRouter(...)`, and no route module mounts another's router (`ROUTERS` lists them all);
- its dependencies built by the runtime once at start (`ServiceSpec(deps=...)`): no `build_spec(...)` hooks for
  tests, no module-global holder, no cached factory, no lazy bootstrap — so nothing but `__main__` imports
  `bootstrap` (the office's and the portal's import cycles came from routes reaching back into it).
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICES = sorted(p.name for p in (ROOT / "services").iterdir() if (p / "pyproject.toml").exists())
# the README's sections: a heading naming one of these words each (what the services' READMEs call them)
SECTIONS = {"API": r"\b(api|http)\b", "events": r"\b(events?|consumes?|produces?|publish\w*)\b",
            "settings": r"\b(settings?|configuration)\b"}


def package(service: str) -> Path:
    return ROOT / "services" / service / "src" / service.replace("-", "_")


def headings(markdown: str) -> list[str]:
    """The markdown headings (`#` .. `######` lines outside fenced code), lower case."""
    found, fenced = [], False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(r"#{1,6}\s", line):
            found.append(line.lower())
    return found


def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


def assigned(module: ast.Module) -> set[str]:
    """Names assigned at module level."""
    names = set()
    for node in module.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def spec_keywords(bootstrap: ast.Module) -> dict[str, ast.expr]:
    """The keywords of `SPEC = ServiceSpec(...)`."""
    for node in bootstrap.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "SPEC" for t in node.targets):
            call = node.value
            if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "ServiceSpec":
                return {k.arg: k.value for k in call.keywords if k.arg}
    return {}


def imports_of(module: ast.Module) -> set[str]:
    """Every module an `import` or `from ... import` names, at any depth (function-level imports included)."""
    found = set()
    for node in ast.walk(module):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def module_graph(pkg: Path) -> dict[str, set[str]]:
    """The package's modules (dotted names) and the package modules each imports, at any depth."""
    names = {".".join((pkg.name, *p.relative_to(pkg).with_suffix("").parts)).removesuffix(".__init__"): p
             for p in pkg.rglob("*.py")}
    return {name: {i for i in imports_of(tree(path)) if i in names} for name, path in names.items()}


def cycle_through_bootstrap(pkg: Path) -> set[str]:
    """The modules bootstrap reaches (imports, directly or not) that import bootstrap back."""
    graph, start = module_graph(pkg), f"{pkg.name}.bootstrap"
    seen, todo = set(), [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return {m for m in seen if m != start and start in graph[m]}


def readme_problems(service: str) -> list[str]:
    """What the service's README lacks: a section (heading) for its API, its events and its settings, and the
    events it consumes and produces named."""
    readme = ROOT / "services" / service / "README.md"
    text = readme.read_text().lower() if readme.exists() else ""
    titles = headings(text)
    found = [f"README has no {section} section" for section, pattern in SECTIONS.items()
             if not any(re.search(pattern, title) for title in titles)]
    for words in (("consume",), ("produce", "publish")):  # the events in and out, named in the text
        if not any(w in text for w in words):
            found.append(f"README names no {words[0]}")
    return found


def calls(module: ast.Module, name: str) -> bool:
    """Whether the module calls `name(...)` or `<something>.name(...)` anywhere."""
    return any(isinstance(node, ast.Call) and name in (getattr(node.func, "id", None), getattr(node.func, "attr", None))
               for node in ast.walk(module))


def route_problems(pkg: Path) -> list[str]:
    """Route modules (an `APIRouter(...)` made) outside `entrypoints/http/`, and routers mounted by a route module
    instead of listed in `ROUTERS` (the portal's ~49 route modules sat in `entrypoints/`, four mounted by another)."""
    http, found = pkg / "entrypoints" / "http", []
    for path in sorted(pkg.rglob("*.py")):
        module, name = tree(path), path.relative_to(pkg).as_posix()
        if calls(module, "APIRouter") and http not in path.parents:
            found.append(f"{name} makes an APIRouter outside entrypoints/http/")
        if calls(module, "include_router"):
            found.append(f"{name} mounts a router (list it in ROUTERS in entrypoints/http/__init__.py)")
    return found


def problems(service: str) -> list[str]:
    """What the service lacks of the skeleton, in words; empty when it has its shape."""
    pkg = package(service)
    found = []
    if not (pkg / "config.py").exists():
        found.append("no config.py")
    found += readme_problems(service)
    bootstrap = tree(pkg / "bootstrap.py")
    spec = spec_keywords(bootstrap)
    if not spec:
        found.append("bootstrap.py declares no SPEC = ServiceSpec(...)")
    if "deps" not in spec:
        found.append("SPEC builds no deps (ServiceSpec(deps=...))")
    handlers = spec.get("handlers")
    if handlers is not None and not (isinstance(handlers, ast.Name) and handlers.id == "EVENT_HANDLERS"):
        found.append("SPEC's handlers are not the EVENT_HANDLERS table")
    tables = [p.relative_to(pkg).as_posix() for p in sorted(pkg.rglob("*.py")) if "EVENT_HANDLERS" in assigned(tree(p))]
    if handlers is not None and tables != ["entrypoints/kafka.py"]:
        found.append(f"EVENT_HANDLERS defined in {tables or 'no module'}, not in entrypoints/kafka.py alone")
    if "routers" in spec and "ROUTERS" not in assigned(tree(pkg / "entrypoints" / "http" / "__init__.py")
                                                        if (pkg / "entrypoints" / "http" / "__init__.py").exists()
                                                        else ast.Module(body=[], type_ignores=[])):
        found.append("routes but no ROUTERS in entrypoints/http/__init__.py")
    found += route_problems(pkg)
    defined = {n.name for n in bootstrap.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
    if "build_spec" in defined:
        found.append("bootstrap.build_spec(...): a test hook in production (use runtime.testing.on_test_topics)")
    if any(name.endswith(("on_topics", "lru_cache", "functools.cache", "DepsHolder")) for name in imports_of(bootstrap)):
        found.append("bootstrap uses on_topics, a cached factory or a deps holder")
    for module in sorted(cycle_through_bootstrap(pkg)):
        found.append(f"{module} imports {pkg.name}.bootstrap, which imports it (an import cycle)")
    return found


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_has_the_one_skeleton(service):
    assert problems(service) == []


def test_the_checks_name_what_a_service_wired_the_old_way_lacks(tmp_path, monkeypatch):
    """The checks find the old shapes: a build_spec test hook with on_topics, routes reaching back into bootstrap
    (the cycle), no config.py, no README, handlers in handlers/events.py, route modules beside `entrypoints/http/`
    (the portal's were in `entrypoints/`) and a route module mounting another's router."""
    pkg = tmp_path / "services" / "old" / "src" / "old"
    (pkg / "entrypoints" / "http").mkdir(parents=True)
    (pkg / "handlers").mkdir()
    (tmp_path / "services" / "old" / "pyproject.toml").write_text("")
    (pkg / "bootstrap.py").write_text(
        "from runtime.service import ServiceSpec, on_topics\nfrom old.handlers.events import EVENT_HANDLERS\n"
        "def build_spec(topics=None):\n    return ServiceSpec(name='old', handlers=on_topics(EVENT_HANDLERS, topics))\n"
        "def build_deps(pool):\n    return pool\n"
        "SPEC = ServiceSpec(name='old', handlers=EVENT_HANDLERS, routers=())\n")
    (pkg / "handlers" / "events.py").write_text("from old.entrypoints.http.common import deps_of\nEVENT_HANDLERS = {}\n")
    (pkg / "entrypoints" / "http" / "common.py").write_text(
        "def deps_of(request):\n    from old.bootstrap import build_deps\n    return build_deps(request.app.state.pool)\n")
    (pkg / "entrypoints" / "pages.py").write_text("import fastapi\nrouter = fastapi.APIRouter()\n")
    (pkg / "entrypoints" / "http" / "messages.py").write_text(
        "from fastapi import APIRouter\nfrom old.entrypoints import pages\nrouter = APIRouter()\n"
        "router.include_router(pages.router)\n")
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    assert problems("old") == [
        "no config.py", "README has no API section", "README has no events section", "README has no settings section",
        "README names no consume", "README names no produce", "SPEC builds no deps (ServiceSpec(deps=...))",
        "EVENT_HANDLERS defined in ['handlers/events.py'], not in entrypoints/kafka.py alone",
        "routes but no ROUTERS in entrypoints/http/__init__.py",
        "entrypoints/http/messages.py mounts a router (list it in ROUTERS in entrypoints/http/__init__.py)",
        "entrypoints/pages.py makes an APIRouter outside entrypoints/http/",
        "bootstrap.build_spec(...): a test hook in production (use runtime.testing.on_test_topics)",
        "bootstrap uses on_topics, a cached factory or a deps holder",
        "old.entrypoints.http.common imports old.bootstrap, which imports it (an import cycle)",
    ]


def test_a_readme_needs_the_sections_not_only_the_words(tmp_path, monkeypatch):
    """Words in the text are no section: the API, the events and the settings each need a heading (fenced code
    does not count), as the services' READMEs have them ("## API", "## What it consumes", "## Settings"...)."""
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    readme = tmp_path / "services" / "reporting" / "README.md"
    readme.parent.mkdir(parents=True)
    prose = "Its HTTP API serves reports; it consumes `booking.recorded` and produces nothing. Settings: none.\n"
    readme.write_text("# reporting\n\n" + prose + "```\n# API\n## Events\n# Settings\n```\n")
    assert readme_problems("reporting") == [
        "README has no API section", "README has no events section", "README has no settings section"]
    readme.write_text("# reporting\n\n## HTTP API\n" + prose + "## What it consumes\n\n### Configuration\n")
    assert readme_problems("reporting") == []
