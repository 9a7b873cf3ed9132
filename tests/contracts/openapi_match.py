"""Checks of a hand-written fake service against the real service's OpenAPI document (docs/openapi/<service>.json):
which (method, path) the fake serves that the real service does not, and what is wrong with one of its answers
(a status the real route does not document, a JSON body its response schema refuses)."""
from __future__ import annotations

import json
import re
import warnings
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from fastapi import FastAPI

DOCS = Path(__file__).resolve().parents[2] / "docs" / "openapi"
PARAM = re.compile(r"\{[^}/]*\}")
FAKE_PARAM = "{}"


@cache
def document(service: str) -> dict[str, Any]:
    return json.loads((DOCS / f"{service}.json").read_text(encoding="utf-8"))


def _pattern(template: str) -> re.Pattern[str]:
    """A real path template as a regex: a parameter matches a value or a fake's own (normalised) parameter."""
    parts = PARAM.split(template)
    return re.compile("(?:[^/{}]+|\\{\\})".join(re.escape(p) for p in parts) + "$")


def operation(doc: dict[str, Any], method: str, path: str) -> tuple[str, dict[str, Any]] | None:
    """(template, operation) of the real route answering `method` on `path` (a concrete path or a fake's template,
    its parameters written `{name}`); the most literal template wins, as a literal route is declared first."""
    path = PARAM.sub(FAKE_PARAM, path)
    found = [(template.count("{"), template) for template, ops in doc["paths"].items()
             if method.lower() in ops and _pattern(template).match(path)]
    if not found:
        return None
    template = min(found)[1]
    return template, doc["paths"][template][method.lower()]


def served(app: FastAPI) -> list[tuple[str, str]]:
    """Every (method, path template) the fake app serves, read from its own OpenAPI (which also walks the routers it
    includes); probes and docs pages are not in it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a fake registering one handler on several paths repeats operation ids
        paths = app.openapi()["paths"]
    return sorted((method.upper(), path) for path, ops in paths.items() for method in ops)


def unserved(app: FastAPI, service: str) -> list[str]:
    """'METHOD path' of each route of the fake that the real service does not have."""
    doc = document(service)
    return [f"{method} {path}" for method, path in served(app) if operation(doc, method, path) is None]


def answer_problems(service: str, method: str, path: str, status: int, body: Any) -> list[str]:
    """What the real service's document says is wrong with the fake's answer `status`, `body` (JSON or None) to
    `method` `path`: an undocumented status or route, a body the route's response schema refuses."""
    doc = document(service)
    found = operation(doc, method, path)
    if found is None:
        return [f"{method} {path}: no such route in {service}"]
    template, op = found
    response = op.get("responses", {}).get(str(status))
    if response is None:
        return [f"{method} {template}: {service} does not answer {status} (it documents {sorted(op['responses'])})"]
    schema = (response.get("content") or {}).get("application/json", {}).get("schema")
    if not schema or body is None:
        return []
    validator = jsonschema.Draft202012Validator({**schema, "components": doc.get("components", {})})
    return [f"{method} {template} {status}: {'/'.join(map(str, e.absolute_path)) or 'body'}: {e.message}"
            for e in validator.iter_errors(body)]
