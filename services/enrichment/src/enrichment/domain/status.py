"""WL-3: the automatic status of a proposal, with its reasons and an overall confidence."""
from __future__ import annotations

from dataclasses import dataclass

from enrichment.domain.proposal import Draft


@dataclass(frozen=True)
class Assessment:
    status: str  # technical_error | unrecognized | incomplete | complete | complete_new_counterparty
    reasons: tuple[str, ...]
    confidence: float


def missing(d: Draft) -> list[str]:
    """REC-3 mandatory values the proposal lacks, in words."""
    doc, out = d.doc, []
    if d.match.status == "default":
        out.append("counterparty not recognised")
    if doc.invoice_number is None:
        out.append("invoice number missing")
    if doc.issue_date is None:
        out.append("invoice date missing")
    if doc.total_incl is None and not d.lines:
        out.append("total missing")
    if d.rate_missing:
        out.append(f"no exchange rate for {doc.currency.value if doc.currency else '?'}")
    if not d.vat_exempt_purchase and any(line.vat_code is None for line in d.lines):
        out.append("VAT code missing on a line")
    return out


def assess(d: Draft, field_confidence: dict[str, float]) -> Assessment:
    """The status code and why; confidence: the weakest mandatory value, lowered by unsure accounts."""
    doc = d.doc
    mandatory = [v for k, v in field_confidence.items() if not k.startswith("lines.")]
    accounts = [v for k, v in field_confidence.items() if k.endswith(".account")]
    weight = 0.5 + 0.5 * (sum(accounts) / len(accounts)) if accounts else 0.5
    weakest = round(min(mandatory, default=0.0) * weight, 3)
    if doc.recognition == "technical_error":
        return Assessment("technical_error", (doc.error_reason or "the document could not be read",), 0.0)
    gaps = missing(d)
    nothing = doc.invoice_number is None and doc.issue_date is None and doc.total_incl is None \
        and not doc.counterparty.anything
    if doc.recognition == "unrecognized" or nothing:
        return Assessment("unrecognized", ("none of the mandatory fields was recognised",), 0.0)
    if gaps:
        return Assessment("incomplete", tuple(gaps), weakest)
    via = {"vat_number": "by VAT number", "enterprise_number": "by enterprise number", "iban": "by IBAN",
           "name": "by name"}.get(d.match.via, "")
    if d.match.status == "new":
        return Assessment("complete_new_counterparty", ("all mandatory fields recognised",
                                                        "counterparty is new: create it on validation"), weakest)
    return Assessment("complete", ("all mandatory fields recognised", f"counterparty known {via}".strip()), weakest)
