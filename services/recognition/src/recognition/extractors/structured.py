"""Helpers shared by the UBL and CII readers: namespace-agnostic paths and typed values with their XML path."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from lxml import etree

from recognition.domain.identifiers import compact_vat, normalise_payment_reference
from recognition.domain.model import Evidence, Found


class Xml:
    """A structured invoice's root with lookups by local names ('a/b/c'), whatever the namespace version."""

    def __init__(self, root: etree._Element, method: str) -> None:
        self.root, self.method = root, method

    @staticmethod
    def _xpath(path: str) -> str:
        steps = []
        for step in path.split("/"):
            if step.startswith("@"):
                steps.append(step)
            else:
                steps.append(f"*[local-name()='{step}']")
        return "./" + "/".join(steps)

    def all(self, path: str, node: etree._Element | None = None) -> list:
        return (node if node is not None else self.root).xpath(self._xpath(path))

    def first(self, path: str, node: etree._Element | None = None):
        found = self.all(path, node)
        return found[0] if found else None

    def text(self, path: str, node: etree._Element | None = None) -> str | None:
        found = self.first(path, node)
        if found is None:
            return None
        value = found if isinstance(found, str) else (found.text or "")
        return value.strip() or None

    def evidence(self, path: str) -> Evidence:
        return Evidence(self.method, xpath=path)

    def found_text(self, path: str, node: etree._Element | None = None) -> Found[str] | None:
        value = self.text(path, node)
        return Found(value, 1.0, self.evidence(path)) if value else None

    def found_amount(self, path: str, node: etree._Element | None = None) -> Found[Decimal] | None:
        value = decimal(self.text(path, node))
        return Found(value, 1.0, self.evidence(path)) if value is not None else None

    def found_date(self, path: str, node: etree._Element | None = None) -> Found[date] | None:
        value = parse_xml_date(self.text(path, node))
        return Found(value, 1.0, self.evidence(path)) if value else None

    def found_vat(self, path: str, node: etree._Element | None = None) -> Found[str] | None:
        raw = self.text(path, node)
        if not raw:
            return None
        number = compact_vat(raw)
        return Found(number or raw.replace(" ", ""), 1.0 if number else 0.5, self.evidence(path))

    def found_iban(self, path: str, node: etree._Element | None = None) -> Found[str] | None:
        raw = self.text(path, node)
        if not raw:
            return None
        from stdnum import iban
        valid = iban.is_valid(raw)
        return Found(iban.compact(raw), 1.0 if valid else 0.5, self.evidence(path))

    def found_reference(self, path: str) -> Found[str] | None:
        raw = self.text(path)
        if not raw:
            return None
        canonical = normalise_payment_reference(raw)
        return Found(canonical or raw, 1.0, self.evidence(path))


def decimal(text: str | None) -> Decimal | None:
    """An XML decimal ('1656.25'), or None."""
    if text is None:
        return None
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        return None


def parse_xml_date(text: str | None) -> date | None:
    """'2025-03-12' (UBL) or '20250312' (CII format 102)."""
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return datetime.strptime(text.strip()[:10], fmt).date()
        except ValueError:
            continue
    return None
