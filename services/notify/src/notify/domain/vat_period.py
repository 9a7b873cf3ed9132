"""A VAT period a client confirms as complete (COM-2, "VAT return OK"): a month (2026-03) or a quarter (2026-Q1).

Belgian VAT returns are monthly or quarterly. When the dossier's settings name its frequency
(``vat_return_frequency``: monthly or quarterly) a period of the other kind is refused; otherwise the client
chooses. A period that has not started yet cannot be complete.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from notify.domain.errors import InvalidVatPeriod

Kind = Literal["month", "quarter"]
_PATTERN = re.compile(r"^(\d{4})-(?:Q([1-4])|(0[1-9]|1[0-2]))$")
FREQUENCY = {"monthly": "month", "quarterly": "quarter"}
_TEXT = {
    "nl": ("Btw-aangifte OK: {period}", "Alle documenten van {period} zijn binnen. De btw-aangifte kan worden opgemaakt."),
    "fr": ("Déclaration TVA OK : {period}", "Tous les documents de {period} sont là. La déclaration TVA peut être "
           "préparée."),
    "de": ("MwSt.-Erklärung OK: {period}", "Alle Belege für {period} sind eingereicht. Die MwSt.-Erklärung kann "
           "erstellt werden."),
    "en": ("VAT return OK: {period}", "All documents of {period} are in. The VAT return can be prepared."),
}


@dataclass(frozen=True)
class VatPeriod:
    """One month or quarter of one year; ``code`` is its canonical text (2026-03, 2026-Q1)."""

    year: int
    kind: Kind
    number: int

    @property
    def code(self) -> str:
        return f"{self.year}-Q{self.number}" if self.kind == "quarter" else f"{self.year}-{self.number:02d}"

    @property
    def first_day(self) -> date:
        return date(self.year, (self.number - 1) * 3 + 1 if self.kind == "quarter" else self.number, 1)


def parse(text: str, today: date, settings: dict[str, Any] | None = None) -> VatPeriod:
    """The period a client names, checked: its form, that it has started, its kind against the dossier's regime."""
    found = _PATTERN.match(text.strip())
    if not found:
        raise InvalidVatPeriod("a VAT period is a month (2026-03) or a quarter (2026-Q1)", params={"period": text})
    year = int(found.group(1))
    period = VatPeriod(year, "quarter", int(found.group(2))) if found.group(2) else VatPeriod(
        year, "month", int(found.group(3)))
    if period.first_day > today or year < today.year - 5:
        raise InvalidVatPeriod(f"{period.code} is not a VAT period that can be complete now",
                               params={"period": period.code})
    wanted = FREQUENCY.get(str((settings or {}).get("vat_return_frequency", "")))
    if wanted and wanted != period.kind:
        raise InvalidVatPeriod(f"this dossier files its VAT return per {wanted}", params={"period": period.code})
    return period


def message(period: VatPeriod, language: str) -> tuple[str, str]:
    """Subject and text of the message to the office, in the confirming user's language."""
    subject, text = _TEXT.get(language, _TEXT["en"])
    return subject.format(period=period.code), text.format(period=period.code)
