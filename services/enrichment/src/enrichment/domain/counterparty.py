"""ENR-1: which counterparty a document is about — by VAT number, enterprise number, IBAN, then name."""
from __future__ import annotations

import re
from dataclasses import dataclass

from enrichment.domain.model import Party, PartyData
from enrichment.domain.names import similarity

NAME_THRESHOLD = 0.86  # below this a name alone is not trusted: the party is proposed as new


@dataclass(frozen=True)
class Match:
    """The counterparty proposed: known (a party of the dossier), new (from the document), or the default."""

    status: str  # known | new | default
    party: Party | None
    via: str  # vat_number | enterprise_number | iban | name | recognised | default | none
    confidence: float
    name: str | None = None
    vat_number: str | None = None
    iban: str | None = None
    country: str | None = None

    @property
    def reference(self) -> str | None:
        return self.party.reference if self.party else None


def enterprise_digits(value: str | None) -> str | None:
    """The 10 digits of a Belgian enterprise number from 'BE0123.456.749' or '0123456749'."""
    if not value:
        return None
    digits = re.sub(r"\D", "", value)
    if len(digits) == 9:
        digits = "0" + digits
    return digits if len(digits) == 10 else None


def compact(value: str | None) -> str | None:
    return re.sub(r"[\s.\-]", "", value).upper() if value else None


def _by_vat(data: PartyData, parties: tuple[Party, ...]) -> Party | None:
    vat = compact(data.vat_number.value) if data.vat_number else None
    return next((p for p in parties if vat and compact(p.vat_number) == vat), None)


def _by_enterprise(data: PartyData, parties: tuple[Party, ...]) -> Party | None:
    wanted = enterprise_digits(data.enterprise_number.value) if data.enterprise_number else None
    if wanted is None and data.vat_number and data.vat_number.value.upper().startswith("BE"):
        wanted = enterprise_digits(data.vat_number.value)
    if wanted is None:
        return None
    for p in parties:
        own = enterprise_digits(p.enterprise_number) or (
            enterprise_digits(p.vat_number) if (p.vat_number or "").upper().startswith("BE") else None)
        if own == wanted:
            return p
    return None


def _by_iban(data: PartyData, parties: tuple[Party, ...]) -> Party | None:
    iban = compact(data.iban.value) if data.iban else None
    hits = [p for p in parties if iban and iban in {compact(i) for i in p.ibans}]
    return hits[0] if len(hits) == 1 else None  # an IBAN shared by two parties decides nothing


def _by_name(data: PartyData, parties: tuple[Party, ...]) -> tuple[Party, float] | None:
    if not data.name:
        return None
    floor = NAME_THRESHOLD - 0.02  # what is below cannot match nor tie with a match
    scored = sorted(((similarity(data.name.value, p.name, floor), p.reference, p) for p in parties),
                    key=lambda t: (t[0], t[1]), reverse=True)
    if not scored or scored[0][0] < NAME_THRESHOLD:
        return None
    if len(scored) > 1 and scored[1][0] >= scored[0][0] - 0.02:
        return None  # two parties as close: a name cannot decide
    return scored[0][2], scored[0][0]


def match(data: PartyData, parties: tuple[Party, ...], default_reference: str | None) -> Match:
    """The counterparty for the recognised party data, in the ENR-1 order of evidence."""
    active = tuple(p for p in parties if p.active)
    conf = lambda seen, factor: round(min(1.0, (seen.confidence if seen else 1.0) * factor), 3)  # noqa: E731
    for finder, via, seen, factor in ((_by_vat, "vat_number", data.vat_number, 1.0),
                                      (_by_enterprise, "enterprise_number", data.enterprise_number or data.vat_number, 0.97)):
        found = finder(data, active)
        if found is not None:
            return _known(found, via, conf(seen, factor), data)
    # a name or an IBAN never overrides a recognised VAT number: parties with another one are out
    vat = compact(data.vat_number.value) if data.vat_number else None
    active = tuple(p for p in active if not (vat and p.vat_number and compact(p.vat_number) != vat))
    found = _by_iban(data, active)
    if found is not None:
        return _known(found, "iban", conf(data.iban, 0.9), data)
    named = _by_name(data, active)
    if named is not None:
        return _known(named[0], "name", conf(data.name, 0.9 * named[1]), data)
    if data.anything:
        best = max((s.confidence for s in (data.vat_number, data.name, data.iban) if s), default=0.5)
        return Match("new", None, "recognised", round(best * 0.9, 3), name=data.name.value if data.name else None,
                     vat_number=compact(data.vat_number.value) if data.vat_number else None,
                     iban=compact(data.iban.value) if data.iban else None,
                     country=_country(data))
    default = next((p for p in parties if p.reference == default_reference), None)
    if default_reference:
        return Match("default", default, "default", 0.3, name=default.name if default else None)
    return Match("default", None, "none", 0.0)


def _known(party: Party, via: str, confidence: float, data: PartyData) -> Match:
    return Match("known", party, via, confidence, name=party.name, vat_number=party.vat_number,
                 iban=compact(data.iban.value) if data.iban else (party.ibans[0] if party.ibans else None),
                 country=party.country or _country(data))


def _country(data: PartyData) -> str | None:
    if data.country and re.fullmatch(r"[A-Za-z]{2}", data.country.value):
        return data.country.value.upper()
    if data.vat_number and re.match(r"[A-Z]{2}", data.vat_number.value.upper()):
        prefix = data.vat_number.value.upper()[:2]
        return "GR" if prefix == "EL" else prefix
    return None


def iban_warning(m: Match, data: PartyData) -> str | None:
    """Payment-fraud check: the document's IBAN is none of those known for the counterparty."""
    if m.status != "known" or m.party is None or not data.iban or not m.party.ibans:
        return None
    iban = compact(data.iban.value)
    if iban in {compact(i) for i in m.party.ibans}:
        return None
    known = ", ".join(m.party.ibans)
    return f"the IBAN on the document ({iban}) is none of those known for {m.party.name} ({known})"
