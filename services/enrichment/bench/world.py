"""A deterministic synthetic year: three dossiers, their suppliers and customers, and every invoice with its
true final booking. The truth is drawn here from the catalogue, never from the enricher."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from enrichment_bench.catalogue import PURCHASES, SALES, Category

YEAR = 2025
EU_COUNTRIES = ("NL", "DE", "FR", "LU")


@dataclass
class Partner:
    """A supplier or customer with its identity, its category and how often it invoices."""

    key: str
    name: str
    country: str
    vat: str | None
    iban: str
    category: Category
    months: tuple[int, ...]  # months with an invoice
    direction: str = "purchase"
    known: bool = True  # in the accounting software from the start
    currency: str = "EUR"
    drift: tuple[int, str] | None = None  # from this month the office books it on another account

    @property
    def recurring(self) -> bool:
        return len(self.months) > 1


@dataclass(frozen=True)
class Truth:
    """The final booking the office makes: (rate, account, VAT code) per line."""

    lines: tuple[tuple[Decimal, str, str], ...]


@dataclass
class Invoice:
    partner: Partner
    number: str
    day: date
    amounts: tuple[tuple[Decimal, Decimal], ...]  # (rate, net) in the invoice currency
    truth: Truth
    kind: str = "invoice"


@dataclass
class Dossier:
    name: str
    code: str
    partners: list[Partner] = field(default_factory=list)
    invoices: list[Invoice] = field(default_factory=list)


def _vat(rng: random.Random, country: str) -> str:
    if country == "BE":
        return f"BE0{rng.randint(200_000_000, 999_999_999)}"
    if country == "NL":
        return f"NL{rng.randint(100_000_000, 999_999_999)}B01"
    return f"{country}{rng.randint(100_000_000, 999_999_999)}"


def _iban(rng: random.Random, country: str) -> str:
    return f"{'BE' if country in ('BE', 'US') else country}{rng.randint(10, 99)}{rng.randint(10**11, 10**12 - 1)}"


_WORDS = ("Nova", "Delta", "Orion", "Vanden", "Peeters", "Maes", "Lumen", "Arden", "Meuse", "Kempen", "Polder",
          "Sirius", "Atlas", "Vega", "Brabo", "Zenne", "Leie", "Dijle", "Haspen", "Ardenne")
_FORMS = {"BE": ("NV", "BV", "SRL", "SA"), "NL": ("B.V.",), "DE": ("GmbH",), "FR": ("SAS",), "LU": ("SARL",),
          "US": ("Inc.",)}


def _partner(rng, key, category, months, *, country="BE", direction="purchase", known=True, currency="EUR"):
    name = f"{rng.choice(_WORDS)} {category.key.split('_')[0].capitalize()} {rng.choice(_FORMS[country])}"
    vat = None if country == "US" else _vat(rng, country)
    return Partner(key, name, country, vat, _iban(rng, country), category, tuple(months), direction, known, currency)


PROFILES = {  # per dossier: recurring categories (monthly unless said), EU/US ones, customers
    "Bakkerij Janssens": dict(monthly=("telecom", "energy", "rent", "flour", "flour", "packaging", "fuel"),
                              quarterly=("insurance", "accountant", "repairs"), foreign=(), sales=("sale_food",) * 3),
    "Consult Partners": dict(monthly=("telecom", "rent", "accountant", "fuel", "office"),
                             quarterly=("insurance", "restaurant"), foreign=("software_eu", "saas_us"),
                             sales=("sale_services", "sale_services", "sale_eu")),
    "Bouw Verstraete": dict(monthly=("telecom", "energy", "materials", "materials", "subcontract", "fuel"),
                            quarterly=("insurance", "accountant", "repairs"), foreign=("goods_eu",),
                            sales=("sale_works", "sale_works")),
}
ONE_OFF = ("office", "equipment", "repairs", "restaurant", "materials", "packaging")


def _partners(rng: random.Random, profile: dict) -> list[Partner]:
    out, n = [], 0
    for key in profile["monthly"]:
        n += 1
        out.append(_partner(rng, f"S{n}", PURCHASES[key], range(1, 13), known=rng.random() < 0.6))
    for key in profile["quarterly"]:
        n += 1
        start = rng.randint(1, 3)
        out.append(_partner(rng, f"S{n}", PURCHASES[key], range(start, 13, 3), known=rng.random() < 0.6))
    for key in profile["foreign"]:
        n += 1
        country, currency = ("US", "USD") if key == "saas_us" else (rng.choice(EU_COUNTRIES), "EUR")
        out.append(_partner(rng, f"S{n}", PURCHASES[key], range(1, 13), country=country, currency=currency,
                            known=False))
    for i, key in enumerate(profile["sales"], start=1):
        country = rng.choice(EU_COUNTRIES) if key == "sale_eu" else "BE"
        out.append(_partner(rng, f"C{i}", SALES[key], range(1, 13), country=country, direction="sale",
                            known=rng.random() < 0.7))
    drifting = rng.choice([p for p in out if p.direction == "purchase" and p.recurring and p.category.rate])
    drifting.drift = (rng.randint(4, 10), "613210" if drifting.category.account.startswith("61") else "604100")
    return out


def _truth(rng: random.Random, p: Partner, month: int, amounts) -> Truth:
    c = p.category
    account = p.drift[1] if p.drift and month >= p.drift[0] else c.account
    lines = [(c.rate, account, c.vat_code)]
    if c.second and len(amounts) > 1:
        lines.append(c.second)
    if p.recurring and rng.random() < 0.04:  # now and then the office books one invoice elsewhere
        lines[0] = (c.rate, rng.choice([a for a in ("611000", "611200", "613210", "604100") if a != account]),
                    lines[0][2])
    return Truth(tuple(lines))


def _invoice(rng: random.Random, p: Partner, month: int, seq: int) -> Invoice:
    day = date(YEAR, month, rng.randint(1, 28))
    net = Decimal(rng.randint(40, 3000)) + Decimal(rng.randint(0, 99)) / 100
    amounts = [(p.category.rate, net)]
    if p.category.second and rng.random() < 0.7:
        amounts.append((p.category.second[0], (net / 3).quantize(Decimal("0.01"))))
    number = f"{p.key}-{YEAR}{month:02}{seq:03}" if rng.random() < 0.5 else f"{rng.randint(10000, 99999)}/{seq}"
    kind = "credit_note" if p.direction == "purchase" and rng.random() < 0.02 else "invoice"
    return Invoice(p, number, day, tuple(amounts), _truth(rng, p, month, amounts), kind)


def build(seed: int = 2025) -> list[Dossier]:
    """The three dossiers with every invoice of the year, in date order."""
    rng = random.Random(seed)
    dossiers = []
    for code, (name, profile) in enumerate(PROFILES.items(), start=1):
        d = Dossier(name, f"D{code}", _partners(rng, profile))
        seq = 0
        for p in d.partners:
            for month in p.months:
                seq += 1
                d.invoices.append(_invoice(rng, p, month, seq))
        for month in range(1, 13):
            for _ in range(rng.randint(3, 6)):
                seq += 1
                cat = PURCHASES[rng.choice(ONE_OFF)]
                p = _partner(rng, f"X{seq}", cat, (month,), known=False)
                d.partners.append(p)
                d.invoices.append(_invoice(rng, p, month, seq))
        d.invoices.sort(key=lambda i: (i.day, i.number))
        dossiers.append(d)
    return dossiers
