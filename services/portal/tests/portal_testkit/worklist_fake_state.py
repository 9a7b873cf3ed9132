"""The fake worklist's state and rules (services/worklist/API.md): proposals in memory, statuses, the list order,
edits checked against the dossier's choices, bulk actions one by one. ``worklist_fake`` serves them over HTTP."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from fastapi.responses import JSONResponse

from portal.domain.arithmetic import ArithmeticInputError, evaluate

from portal_testkit.office_state import FakeOffice

MANDATORY = ("journal", "period", "invoice_date", "invoice_number", "counterparty", "totals.gross")
EDITABLE = {"technical_error", "unrecognized", "incomplete", "complete", "complete_new_counterparty", "checked",
            "validated", "rejected"}
SORTS = {"origin", "journal", "invoice_date", "period", "invoice_number", "counterparty", "gross", "processed_at",
         "page_count", "status"}
SUSPENSE = "499000"


@dataclass
class FakeWorklist:
    """Proposals by id, the dossiers' master data, and what was published (``validated``)."""

    office: FakeOffice
    proposals: dict[str, dict[str, Any]] = field(default_factory=dict)
    history: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    validated: list[dict[str, Any]] = field(default_factory=list)
    reprocessed: list[str] = field(default_factory=list)  # documents sent to be read again (WL-13)
    questions: list[dict[str, Any]] = field(default_factory=list)  # ask-client (WL-6), as notification.requested
    documents: set[str] = field(default_factory=set)  # documents whose document.received arrived
    words: dict[str, Any] = field(default_factory=dict)  # words_key -> the recognised words JSON
    files: dict[str, bytes] = field(default_factory=dict)  # searchable_pdf_key -> the searchable PDF
    counterparties: list[dict[str, Any]] = field(default_factory=lambda: [
        {"reference": "C1", "name": "Brico Supplies NV", "vat_number": "BE0403170701", "country": "BE", "iban": None}])
    choices: dict[str, Any] = field(default_factory=lambda: {
        "accounts": [{"code": "604000", "name": "Purchases of goods", "kind": "expense", "suspense": False},
                     {"code": "610000", "name": "Rent", "kind": "expense", "suspense": False},
                     {"code": SUSPENSE, "name": "Suspense account", "kind": "other", "suspense": True}],
        "journals": [{"code": "ACH", "type": "purchases", "name": "Purchases"},
                     {"code": "VEN", "type": "sales", "name": "Sales"}],
        "periods": [{"code": "2026-01", "start_date": "2026-01-01", "end_date": "2026-01-31", "state": "open"},
                    {"code": "2025-12", "start_date": "2025-12-01", "end_date": "2025-12-31", "state": "closed"}],
        "vat_codes": [{"code": "21", "description": "21 %", "direction": "purchases", "rate": "21"}],
        "schema": [{"account": "610000", "rubric": "Rent", "description": "Office rent",
                    "extra_info": "Rent of the shop: always on 610000, never on suspense."}],
        "checked": {"accounts": True}})

    def add(self, dossier_id: str, *, with_document: bool = True, **values: Any) -> dict[str, Any]:
        """A proposal as proposal.created would store it (a complete purchase invoice unless told otherwise),
        its document known from document.received unless ``with_document`` is False."""
        proposal_id = str(uuid.uuid4())
        proposal = {
            "id": proposal_id, "office_id": self.office.office["id"], "dossier_id": dossier_id,
            "document_id": str(uuid.uuid4()), "mailbox": "purchases", "origin": "air", "document_kind": "invoice",
            "journal": {"code": "ACH", "name": "Purchases"}, "period": "2026-01", "invoice_date": "2026-01-15",
            "due_date": None, "invoice_number": f"F-{len(self.proposals) + 1:03d}", "document_number": None,
            "counterparty": {"name": "Brico Supplies NV", "status": "known", "reference": "C1",
                             "vat_number": "BE0403170701"},
            "totals": {"net": "100.00", "vat": "21.00", "gross": "121.00"}, "currency": "EUR", "foreign": None,
            "lines": [{"line_no": 1, "account": "604000", "vat_code": "21", "vat_rate": "21", "net_amount": "100.00",
                       "vat_amount": "21.00", "description": None, "note": None, "suspense": False}],
            "payment_reference": None, "comment": None, "note": None, "warnings": [], "reasons": [],
            "confidence": 0.9, "field_confidence": {}, "words_key": None, "page_count": 1, "e_invoice_check": None,
            "searchable_pdf": False,
            "processed_at": f"2026-01-20T10:{len(self.proposals):02d}:00+00:00", "status": "complete",
            "help_needed": False, "help_note": None, "duplicate": False, "rejection_reason": None,
            "rejection_code": None, "rejection_params": {}, "booking_reference": None, "version": 1, "misc_type": None, "validated_by": None,
            "recognition": None,
        }
        proposal.update(values)
        if with_document:
            self.documents.add(proposal["document_id"])
        self.proposals[proposal_id] = proposal
        self.history[proposal_id] = []
        return proposal


def _error(status: int, code: str, message: str, fields: list[dict[str, str]] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    return JSONResponse({"error": body}, status_code=status)


def _missing(p: dict[str, Any]) -> list[str]:
    out = []
    for name in MANDATORY:
        if name == "totals.gross":
            empty = not (p.get("totals") or {}).get("gross")
        elif name == "counterparty":
            empty = not ((p.get("counterparty") or {}).get("name") or (p.get("counterparty") or {}).get("reference"))
        else:
            empty = not p.get(name)
        if empty:
            out.append(name)
    return out


def _auto_status(p: dict[str, Any]) -> str:
    if _missing(p):
        return "incomplete"
    return "complete_new_counterparty" if (p.get("counterparty") or {}).get("status") == "new" else "complete"


def _row(p: dict[str, Any]) -> dict[str, Any]:
    lines = p.get("lines") or []
    accounts = [{"code": line["account"], "suspense": line["suspense"]} for line in lines] or [
        {"code": SUSPENSE, "suspense": True}]
    return {**{k: p[k] for k in ("id", "document_id", "mailbox", "origin", "document_kind", "journal", "invoice_date",
                                 "period", "invoice_number", "document_number", "counterparty", "processed_at",
                                 "page_count", "note", "status", "help_needed", "help_note", "duplicate",
                                 "rejection_reason", "rejection_code", "rejection_params", "booking_reference", "version",
                                 "misc_type", "recognition")},
            "accounts": accounts, "vat_rates": sorted({str(line["vat_rate"]) for line in lines if line.get("vat_rate")}),
            "gross": (p.get("totals") or {}).get("gross")}


def _full(p: dict[str, Any], fake: FakeWorklist) -> dict[str, Any]:
    return {**p, **_row(p), "missing": _missing(p), "can_undo": bool(fake.history.get(p["id"])),
            "editable": p["status"] in EDITABLE,
            "document": {"filename": "invoice.pdf", "content_type": "application/pdf",
                         "content_path": f"/dossiers/{p['dossier_id']}/documents/{p['document_id']}/content"}}


def _sort_key(sort: str):
    def key(p: dict[str, Any]) -> Any:
        value = {"journal": (p.get("journal") or {}).get("code"), "counterparty": (p.get("counterparty") or {}).get("name"),
                 "gross": Decimal((p.get("totals") or {}).get("gross") or "0") if (p.get("totals") or {}).get("gross")
                 else None}.get(sort, p.get(sort))
        return value
    return key


def listing(fake: FakeWorklist, dossier_id: str, kind: str, query: dict[str, str]) -> list[dict[str, Any]]:
    """The proposals of one list in the list's order (filters, then sort or the default newest first)."""
    status = query.get("status") or ""
    wanted = None if status == "all" else (set(status.split(",")) if status else EDITABLE | {"sent", "to_file", "filed"})
    q = (query.get("q") or "").lower()
    items = [p for p in fake.proposals.values() if p["dossier_id"] == dossier_id and p["mailbox"] == kind
             and (wanted is None or p["status"] in wanted)
             and (not query.get("help") or p["help_needed"])
             and (not q or q in " ".join(str(v or "") for v in (p["invoice_number"], (p["counterparty"] or {}).get("name"),
                                                              (p["counterparty"] or {}).get("vat_number"))).lower())]
    sort, order = query.get("sort") or "", query.get("order") or "asc"
    items.sort(key=lambda p: p["id"])
    if not sort:
        items.sort(key=lambda p: p["processed_at"], reverse=True)
        return items
    present = [p for p in items if _sort_key(sort)(p) is not None]
    empty = [p for p in items if _sort_key(sort)(p) is None]
    present.sort(key=_sort_key(sort), reverse=order == "desc")
    return present + empty


def _neighbours(fake: FakeWorklist, p: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
    ordered = listing(fake, p["dossier_id"], query.get("list") or p["mailbox"], query)
    ids = [x["id"] for x in ordered]
    if p["id"] not in ids:
        return {"previous_id": None, "next_id": ids[0] if ids else None, "position": None, "total": len(ids)}
    at = ids.index(p["id"])
    return {"previous_id": ids[at - 1] if at > 0 else None, "next_id": ids[at + 1] if at + 1 < len(ids) else None,
            "position": at + 1, "total": len(ids)}


def _reviewed(p: dict[str, Any]) -> str:
    lines = p.get("lines") or []
    return "checked" if not lines or any(line["suspense"] for line in lines) else "validated"


def _amount(value: Any, path: str, problems: list[dict[str, str]]) -> str | None:
    if value in (None, ""):
        return None
    try:
        return str(evaluate(str(value)))
    except ArithmeticInputError:
        problems.append({"field": path, "code": "bad_amount", "message": f"{value!r} is not an amount"})
        return None


def _apply(fake: FakeWorklist, p: dict[str, Any], body: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, str]]]:
    problems: list[dict[str, str]] = []
    for key in ("mailbox", "document_kind", "invoice_number", "invoice_date", "due_date", "payment_reference",
                "comment", "note"):
        if key in body:
            p[key] = body[key]
    if "journal" in body:
        journal = next((j for j in fake.choices["journals"] if j["code"] == body["journal"]), None)
        if body["journal"] and journal is None:
            problems.append({"field": "journal", "code": "unknown_journal", "message": "no such journal"})
        p["journal"] = {"code": journal["code"], "name": journal["name"]} if journal else None
    if "period" in body:
        period = next((x for x in fake.choices["periods"] if x["code"] == body["period"]), None)
        if body["period"] and (period is None or period["state"] != "open"):
            problems.append({"field": "period", "code": "closed_period", "message": "the period is not open"})
        p["period"] = body["period"]
    if "totals" in body:
        p["totals"] = {k: _amount((body["totals"] or {}).get(k), f"totals.{k}", problems) for k in ("net", "vat", "gross")}
    if "lines" in body:
        accounts = {a["code"]: a for a in fake.choices["accounts"]}
        lines = []
        for number, line in enumerate(body["lines"] or [], start=1):
            if line.get("account") not in accounts:
                problems.append({"field": f"lines.{number}.account", "code": "unknown_account",
                                 "message": f"account {line.get('account')} is not in the dossier's chart"})
            lines.append({"line_no": number, "account": line.get("account"), "vat_code": line.get("vat_code"),
                          "vat_rate": _amount(line.get("vat_rate"), f"lines.{number}.vat_rate", problems),
                          "net_amount": _amount(line.get("net_amount"), f"lines.{number}.net_amount", problems),
                          "vat_amount": _amount(line.get("vat_amount"), f"lines.{number}.vat_amount", problems),
                          "description": line.get("description"), "note": line.get("note"),
                          "suspense": bool(accounts.get(line.get("account"), {}).get("suspense"))})
        p["lines"] = lines
    if "counterparty" in body:
        wanted = body["counterparty"] or {}
        if wanted.get("reference"):
            known = next((c for c in fake.counterparties if c["reference"] == wanted["reference"]), None)
            if known is None:
                problems.append({"field": "counterparty", "code": "unknown_counterparty", "message": "unknown"})
            else:
                p["counterparty"] = {**known, "status": "known"}
        else:
            p["counterparty"] = {"name": wanted.get("name"), "vat_number": wanted.get("vat_number"),
                                 "reference": None, "status": "new"}
    p["status"] = _auto_status(p)
    return p, problems


def _vat_without_code(p: dict[str, Any]) -> list[int]:
    """The lines with a VAT amount but no VAT code (the worklist refuses to review or send them)."""
    return [n for n, line in enumerate(p.get("lines") or [], start=1)
            if not line.get("vat_code") and Decimal(str(line.get("vat_amount") or "0"))]


def _bulk_one(fake: FakeWorklist, p: dict[str, Any], action: str, body: dict[str, Any], user: Any,
              dossier_id: str) -> tuple[str, str] | None:
    if action == "check":
        if p["status"] not in EDITABLE:
            return "wrong_status", f"a {p['status']} proposal cannot be reviewed"
        if _missing(p):
            return "incomplete", "mandatory fields are missing: " + ", ".join(_missing(p))
        if _vat_without_code(p):
            return "vat_without_code", "a VAT amount needs a VAT code"
        p["status"] = _reviewed(p)
    elif action == "send":
        if p["status"] not in ("checked", "validated", "rejected"):
            return "wrong_status", f"a {p['status']} proposal is not reviewed"
        fake.validated.append({"proposal_id": p["id"], "status": p["status"], "validated_by": user.id,
                               "validation_mode": fake.office.effective(dossier_id)["validation_mode"]})
        p["status"] = "sent"
    elif action == "change":
        changed, problems = _apply(fake, p, {k: body[k] for k in ("mailbox", "journal", "period") if body.get(k)})
        if problems:
            return "invalid", problems[0]["message"]
    elif action == "reprocess":
        return _reprocess_one(fake, p)
    elif action == "delete":
        if p["status"] not in EDITABLE:
            return "wrong_status", f"a {p['status']} proposal cannot be deleted"
        del fake.proposals[p["id"]]
    return None


def _reprocess_one(fake: FakeWorklist, p: dict[str, Any]) -> tuple[str, str] | None:
    """WL-13 as the worklist decides it: a technical error of a passing cause, not already being read again."""
    rec = p.get("recognition")
    if p["status"] != "technical_error":
        return "not_technical_error", "the document's recognition did not end in a technical error"
    if rec is None:
        return "reason_unknown", "the reason the recognition failed is not known"
    if rec["reprocessing"]:
        return "already_reprocessing", "the document is already being read again"
    if not rec["reprocessable"]:
        return "not_passing", "the document itself cannot be read"
    p["recognition"] = {**rec, "reprocessing": True, "reprocessable": False}
    fake.reprocessed.append(p["document_id"])
    return None
