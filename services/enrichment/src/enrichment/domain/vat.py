"""ENR-2 VAT codes: from the rate, goods/services/investments, the region of the counterparty and reverse charge."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from enrichment.domain.model import Direction, Kind, Region, VatCode, VatException

EU = frozenset({"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
                "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "XI"})
BELGIAN_RATES = (Decimal("0"), Decimal("6"), Decimal("12"), Decimal("21"))


@dataclass(frozen=True)
class VatChoice:
    """The chosen code (None when no code fits), how sure, and why."""

    code: str | None
    confidence: float
    reason: str


def region_of(country: str | None) -> Region | None:
    """Belgium, another EU member state, or outside the EU; None when the country is unknown."""
    if not country:
        return None
    country = country.upper()
    return "national" if country == "BE" else "eu" if country in EU else "non_eu"


def kind_of(account: str | None) -> Kind:
    """PCMN class 2 is investments, 61 services; everything else counts as goods."""
    if account and account.startswith("2"):
        return "investments"
    if account and account.startswith("61"):
        return "services"
    return "goods"


def snap_rate(rate: Decimal | None) -> Decimal | None:
    """A computed rate close to a Belgian rate becomes that rate (rounding on the invoice)."""
    if rate is None:
        return None
    near = min(BELGIAN_RATES, key=lambda r: abs(r - rate))
    return near if abs(near - rate) <= Decimal("0.6") else rate


def reverse_expected(direction: Direction, region: Region | None, rate: Decimal | None,
                     category: str | None) -> bool:
    """A purchase from abroad without VAT (or marked AE/K/G) is self-assessed by the dossier."""
    if category in ("AE", "K", "G"):
        return True
    return direction == "purchase" and region in ("eu", "non_eu") and (rate is None or rate == 0)


def _exception(exceptions: tuple[VatException, ...], rate, kind, region, journal_type) -> str | None:
    for exc in exceptions:
        if ((exc.rate is None or exc.rate == rate) and (exc.kind is None or exc.kind == kind)
                and (exc.region is None or exc.region == region)
                and (exc.journal_type is None or exc.journal_type == journal_type)):
            return exc.code
    return None


def _score(code: VatCode, rate, kind, region, reverse) -> int | None:
    score = 0
    if code.region is not None and region is not None:
        if code.region != region:
            return None
        score += 4
    if reverse:
        if not code.reverse_charge:
            return None
        score += 3
    else:
        if code.reverse_charge or (code.rate is not None and rate is not None and code.rate != rate):
            return None
        score += 4 if code.rate is not None and rate is not None else 0
    score += 2 if code.kind == kind else 1 if code.kind is None else 0
    return score


def choose(codes: tuple[VatCode, ...], *, direction: Direction, rate: Decimal | None, kind: Kind,
           region: Region | None, journal_type: str, exceptions: tuple[VatException, ...] = (),
           category: str | None = None) -> VatChoice:
    """The best VAT code of the dossier for one line; exceptions of the dossier win over the generic codes."""
    reverse = reverse_expected(direction, region, rate, category)
    special = _exception(exceptions, rate, kind, region, journal_type)
    if special is not None:
        return VatChoice(special, 0.9, "dossier exception")
    scored = sorted(((s, c.code) for c in codes if c.active and c.direction == direction
                     and (s := _score(c, rate, kind, region, reverse)) is not None), key=lambda t: (-t[0], t[1]))
    if not scored:
        what = "reverse charge" if reverse else f"{rate}%"
        return VatChoice(None, 0.0, f"no {direction} VAT code for {what} ({region or 'region unknown'}, {kind})")
    tie = len(scored) > 1 and scored[1][0] == scored[0][0]
    confidence = (0.6 if tie else 0.85) * (1.0 if region is not None else 0.8)
    return VatChoice(scored[0][1], round(confidence, 3), "rate, kind and region")
