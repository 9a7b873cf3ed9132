"""The OpenAPI document of every service's HTTP API, generated from its real FastAPI app (issue 19 item 5).

    python -m contracts.openapi           # rewrite docs/openapi/<service>.json (also: make openapi)
    python -m contracts.openapi --check   # exit 1 when a document differs from what the app serves

Each app is built the way the service builds it (`runtime.service.http_app` on `<package>.bootstrap.SPEC`) but
with no dependencies: nothing connects to Kafka or Postgres, and no route runs. A service without routers
(recognition) has no document. The output is deterministic (sorted keys, two-space indent) so a stale document is a
diff; never edit one by hand. Like `contracts.subscribers`, this imports the services only when asked.
"""
from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import sys
from pathlib import Path
from typing import Any

from contracts.subscribers import ROOT, services

GENERATED = Path("docs/openapi")


def document(package: str) -> dict[str, Any] | None:
    """The OpenAPI document of the service in `package`, or None when it serves no routes of its own."""
    from runtime.service import http_app  # the platform, only when generating

    spec = importlib.import_module(f"{package}.bootstrap").SPEC
    if not spec.routers:
        return None
    bare = dataclasses.replace(spec, dossier_resolver=None)  # the resolver reads deps, which are not built here
    app = http_app(bare, spec.settings_cls(service=spec.name), None, token_verifier=None)
    return app.openapi()


def render(doc: dict[str, Any]) -> str:
    """The text of one document: sorted keys, so regenerating an unchanged app changes nothing."""
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def documents(root: Path = ROOT) -> dict[str, str]:
    """File name -> text of every service's document."""
    found = {}
    for service, package in services(root):
        doc = document(package)
        if doc is not None:
            found[f"{service}.json"] = render(doc)
    return found


def stale(root: Path, wanted: dict[str, str]) -> list[str]:
    """The file names under docs/openapi that differ from `wanted`: changed, missing or no longer generated."""
    folder = root / GENERATED
    present = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.json")} if folder.is_dir() else {}
    return sorted(name for name in wanted.keys() | present.keys() if wanted.get(name) != present.get(name))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m contracts.openapi", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="do not write; fail when a document is stale")
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root")
    args = parser.parse_args(argv)
    wanted = documents(args.root)
    differ = stale(args.root, wanted)
    if args.check:
        if differ:
            print(f"stale in {GENERATED}: {', '.join(differ)}: run make openapi", file=sys.stderr)
        return 1 if differ else 0
    folder = args.root / GENERATED
    folder.mkdir(parents=True, exist_ok=True)
    for name in differ:
        if name in wanted:
            (folder / name).write_text(wanted[name], encoding="utf-8")
        else:
            (folder / name).unlink()
        print(f"{'wrote' if name in wanted else 'removed'} {GENERATED / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
