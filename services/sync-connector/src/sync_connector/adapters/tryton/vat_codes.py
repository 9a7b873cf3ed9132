"""Tryton taxes as our VAT codes: a readable code from the Belgian tax template each tax came from
(e.g. 'achat_marchandises_21' = purchase of goods at 21 %), with rate, kind, region and grids.

The code is what enrichment proposes back on a line's `vat_code`, and what posting maps to the
tax again. A tax made by hand in Tryton (no template) gets 'tax-<id>'.
"""
from __future__ import annotations

import re
from decimal import Decimal

from contracts.events.ledger import VatCodeRecord

_LANG_SUFFIX = re.compile(r"_(nl|fr|de|en)$")


def code_of(tax: dict) -> str:
    """Our code of a Tryton tax row (with 'template.' = {'xml_id': ...} when it has a template)."""
    xml_id = ((tax.get("template.") or {}).get("xml_id") or "")
    fs_id = xml_id.split(".", 1)[-1]
    if fs_id:
        return _LANG_SUFFIX.sub("", fs_id.removeprefix("tva_"))
    return f"tax-{tax['id']}"


def _kind(code: str) -> str | None:
    if "investissement" in code:
        return "investments"
    if "frais" in code or "services" in code:
        return "services"
    if "marchandises" in code or "biens" in code:
        return "goods"
    return None


def _region(code: str) -> str | None:
    if "intracommunautaire" in code:
        return "eu"
    if "hors_communaute" in code:
        return "non_eu"
    return "national" if code.startswith(("achat", "vente")) else None


def rate_of(tax: dict, children: list[dict]) -> Decimal | None:
    """The percentage of a tax: its own rate, else the highest rate of its children."""
    rates = [r for r in ([tax.get("rate")] + [c.get("rate") for c in children]) if r is not None]
    if not rates:
        return None
    return (max(rates) * 100).quantize(Decimal("0.01")).normalize()


def vat_code_record(tax: dict, children: list[dict], grids: list[str]) -> VatCodeRecord:
    code = code_of(tax)
    kind_group = (tax.get("group.") or {}).get("kind")
    direction = "sale" if (kind_group == "sale" or code.startswith("vente")) else "purchase"
    reverse = "coco" in code or ("intracommunautaire" in code and direction == "purchase")
    rate = rate_of(tax, children)
    return VatCodeRecord(
        code=code, description=tax.get("name"), direction=direction,
        rate=rate if rate is None or rate >= 0 else None, kind=_kind(code), region=_region(code),
        reverse_charge=reverse, grids=tuple(sorted(set(grids), key=lambda g: (len(g), g))),
        active=bool(tax.get("active", True)))
