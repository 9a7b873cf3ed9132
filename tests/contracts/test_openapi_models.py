"""Every answer is documented (issue 19 item 5, "response models on every route"): a route of a service (the portal's
HTML pages aside) whose 2xx answer has a body says what it holds — JSON with a schema (a response model), or a
non-JSON media type (a file: `runtime.http_media.file_answer`). An empty JSON schema (`{}`, what FastAPI writes for
a route without a model, also for one that really returns a file) fails here, so a new route of either kind that
says nothing is caught."""
from __future__ import annotations

import json
from pathlib import Path

from fastapi import FastAPI, Response
from runtime.http_media import file_answer

from contracts.subscribers import ROOT

DOCS = Path(ROOT) / "docs" / "openapi"
FILES = {  # (document, method, path): the media types its 200 answer documents
    ("ingest.json", "get", "/dossiers/{dossier_id}/documents/{document_id}/content"):
        {"application/pdf", "image/jpeg", "image/png", "image/heic", "application/xml"},
    ("ingest.json", "get", "/dossiers/{dossier_id}/documents/{document_id}/pages/{page}/thumbnail"): {"image/png"},
    ("notify.json", "get", "/dossiers/{dossier_id}/conversations/{conversation_id}/files/{file_id}"):
        {"application/pdf", "image/jpeg", "image/png"},
    ("payments.json", "get", "/dossiers/{dossier_id}/payments/{payment_id}/epc-qr.{fmt}"):
        {"image/png", "image/svg+xml", "text/plain"},
    ("payments.json", "get", "/dossiers/{dossier_id}/sepa-files/{file_id}/xml"): {"application/xml"},
    ("reporting.json", "get", "/dossiers/{dossier_id}/archive/export.xlsx"): {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    ("reporting.json", "get", "/dossiers/{dossier_id}/history/export.xlsx"): {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
}


def _documents() -> dict[str, dict]:
    """File name -> OpenAPI document of every service but the portal (HTML pages)."""
    return {doc.name: json.loads(doc.read_text()) for doc in sorted(DOCS.glob("*.json")) if doc.name != "portal.json"}


def _answers(doc: dict):
    """(method, path, status, content) of every 2xx answer of a document that has a body."""
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            for status, answer in operation.get("responses", {}).items():
                if status.startswith("2") and answer.get("content"):
                    yield method, path, status, answer["content"]


def undocumented(doc: dict) -> list[str]:
    """The 2xx answers of `doc` that do not say what they hold: JSON without a schema."""
    return sorted(f"{method.upper()} {path} ({status})" for method, path, status, content in _answers(doc)
                  if "application/json" in content and not content["application/json"].get("schema"))


def test_every_answer_documents_a_schema_or_its_media_type():
    missing = {name: found for name, doc in _documents().items() if (found := undocumented(doc))}
    assert missing == {}, "answers JSON without a response model (add response_model=, or file_answer(...))"


def test_the_check_catches_a_route_answering_json_without_a_model():
    app = FastAPI()

    @app.get("/modelled", response_model=dict[str, int])
    async def modelled() -> dict:
        return {}

    @app.get("/bare")
    async def bare() -> Response:  # a file returned without file_answer: documented as JSON of any shape
        return Response(b"", media_type="image/png")

    @app.get("/declared", **file_answer("a PNG", "image/png"))
    async def declared() -> Response:
        return Response(b"", media_type="image/png")

    assert undocumented(app.openapi()) == ["GET /bare (200)"]


def test_file_answers_document_their_media_types():
    """The downloads say what they answer (no application/json), each as binary."""
    documents = _documents()
    for (name, method, path), media_types in FILES.items():
        content = documents[name]["paths"][path][method]["responses"]["200"]["content"]
        assert set(content) == media_types, (name, path)
        assert all(c["schema"] == {"type": "string", "format": "binary"} for c in content.values()), (name, path)
