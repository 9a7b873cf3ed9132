"""What the fake office checks and answers like the real one (services/office/API.md): list validation with
row paths and codes, conflicts naming their field, the monitor's columns and rows (ACT-1)."""
from __future__ import annotations

import re
from typing import Any

from runtime.http import error_response

SEQ = re.compile(r"\{seq(:0?\d{1,2})?\}")
LIST_REQUIRED = {"journal_templates": ("alias", "number_format"), "vat_codes": ("code", "rate"),
                 "office_schema": ("account",), "permanent_dossier_types": ("code", "name"),
                 "app_centre_links": ("title", "url"), "instruction_videos": ("title", "url")}


def conflict(message: str, field: str | None, reason: str):
    """A 409 as the office sends it: the field concerned and a stable reason."""
    fields = [{"field": field, "code": reason, "message": message}] if field else []
    return error_response(409, "conflict", message, field=field, reason=reason, fields=fields)


def row_errors(key: str, rows: list[dict[str, Any]], required: tuple[str, ...], prefix: str = "") -> list[dict]:
    """Errors of a list's rows: missing required cells, number formats without {seq}, non-http links."""
    bad = []
    for i, row in enumerate(rows):
        path = f"{prefix}{key}.{i}"
        bad += [{"field": f"{path}.{col}", "code": "too_short", "message": "String should have at least 1 character"}
                for col in required if not row.get(col)]
        if row.get("number_format") and not SEQ.search(row["number_format"]):
            bad.append({"field": f"{path}.number_format", "code": "number_format", "message": "needs a {seq} placeholder"})
        if row.get("url") and not str(row["url"]).startswith(("http://", "https://")):
            bad.append({"field": f"{prefix}{key}", "code": "url", "message": "links must be http(s) URLs"})
        if "next_number" in row and not isinstance(row["next_number"], int):
            bad.append({"field": f"{path}.next_number", "code": "integer", "message": "Input should be a valid integer"})
    return bad


def office_list_errors(body: dict[str, Any]) -> list[dict]:
    """The errors of the office lists in a PATCH /office body."""
    return [e for key, required in LIST_REQUIRED.items() if isinstance(body.get(key), list)
            for e in row_errors(key, body[key], required)]


COLUMNS = [{"key": k, "label": k, "explanation": k, "source": src} for k, src in (
    ("name", "office"), ("code", "office"), ("validation_mode", "office"), ("accounting_updated_up_to", "office"),
    ("last_document_at", "office"), ("documents_received", "office"), ("sent_to_accounting", "office"),
    ("sync_status", "office"), ("last_sync_at", "office"), ("help_requests", "worklist"),
    ("uploaded_not_sent", "ingest"), ("ready_for_validation", "worklist"), ("misc_to_do", "worklist"),
    ("account_changes_to_review", "sync-connector"), ("open_conversations", "notify"))]
SORTABLE = {c["key"] for c in COLUMNS if c["source"] == "office"}


def monitor_answer(fake: Any, user: Any, mine: bool, sort: str | None, order: str | None) -> Any:
    """GET /monitor: the visible dossiers as rows, office columns filled, others null; sorted like the office."""
    rows = []
    for dossier_id in fake.visible(user):
        s = fake.summary(dossier_id, user)
        activity = fake.activity.get(dossier_id, {})
        row = {"dossier_id": dossier_id, "name": s["name"], "code": s["code"], "status": s["status"],
               "validation_mode": s["validation_mode"], "accounting_updated_up_to": s["accounting_updated_up_to"],
               "mine": dossier_id in user.assigned, "last_document_at": None, "documents_received": 0,
               "sent_to_accounting": 0, "sync_status": None, "sync_error": None, "last_sync_at": None,
               **{c["key"]: None for c in COLUMNS if c["source"] != "office"}, **activity}
        if not mine or row["mine"]:
            rows.append(row)
    rows.sort(key=lambda r: r["name"])
    if sort:
        if sort not in SORTABLE:
            return error_response(422, "validation_error", "sort", fields=[{"field": "sort", "code": "choice", "message": "bad"}])
        present = sorted((r for r in rows if r[sort] is not None), key=lambda r: r[sort], reverse=order == "desc")
        rows = present + [r for r in rows if r[sort] is None]
    return {"columns": COLUMNS, "items": rows}
