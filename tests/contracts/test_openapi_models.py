"""Every JSON answer is documented (issue 19 item 5, "response models on every route"): a route of a service (the
portal's HTML pages aside) whose 2xx answer is application/json must say what it holds, i.e. have a response model
— an empty schema (`{}`, what FastAPI writes for a route without one) fails here, so a new route without a model is
caught. Binary downloads FastAPI still lists as JSON (they return a `Response` of their own media type) are named
below; better still, such a route declares its media type (`responses={200: {"content": {"application/pdf": {}}}}`)
and leaves this list."""
from __future__ import annotations

import json
from pathlib import Path

from contracts.subscribers import ROOT

DOCS = Path(ROOT) / "docs" / "openapi"
BINARY = {  # (document, method, path): what the route really answers
    ("ingest.json", "get", "/dossiers/{dossier_id}/documents/{document_id}/content"): "the file (PDF, image, XML)",
    ("ingest.json", "get", "/dossiers/{dossier_id}/documents/{document_id}/pages/{page}/thumbnail"): "PNG",
    ("notify.json", "get", "/dossiers/{dossier_id}/conversations/{conversation_id}/files/{file_id}"): "the file",
    ("payments.json", "get", "/dossiers/{dossier_id}/payments/{payment_id}/epc-qr.{fmt}"): "PNG or SVG",
    ("payments.json", "get", "/dossiers/{dossier_id}/sepa-files/{file_id}/xml"): "pain.001 XML",
    ("reporting.json", "get", "/dossiers/{dossier_id}/archive/export.xlsx"): "XLSX",
    ("reporting.json", "get", "/dossiers/{dossier_id}/history/export.xlsx"): "XLSX",
}


def _json_answers() -> dict[tuple[str, str, str, str], dict]:
    """(document, method, path, status) -> the documented schema of every 2xx application/json answer."""
    found = {}
    for doc in sorted(DOCS.glob("*.json")):
        if doc.name == "portal.json":  # HTML pages
            continue
        for path, operations in json.loads(doc.read_text())["paths"].items():
            for method, operation in operations.items():
                for status, answer in operation.get("responses", {}).items():
                    content = answer.get("content", {}).get("application/json")
                    if status.startswith("2") and content is not None:
                        found[(doc.name, method, path, status)] = content.get("schema") or {}
    return found


def test_every_json_answer_documents_a_schema():
    missing = sorted(f"{d}: {m.upper()} {p} ({s})" for (d, m, p, s), schema in _json_answers().items()
                     if not schema and (d, m, p) not in BINARY)
    assert missing == [], "answers JSON without a response model (add response_model= or declare the media type)"


def test_the_binary_routes_named_here_still_exist_undocumented():
    """Keeps BINARY honest: a route named there that left (or got a media type / model) leaves the list too."""
    undocumented = {(d, m, p) for (d, m, p, _s), schema in _json_answers().items() if not schema}
    assert set(BINARY) <= undocumented, sorted(set(BINARY) - undocumented)
