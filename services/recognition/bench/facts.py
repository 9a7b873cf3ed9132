"""Random but valid invoice facts: parties with checksum-valid identifiers, lines, VAT, totals (seeded)."""
from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from stdnum import iban as stdiban
from stdnum.be import iban as be_iban
from stdnum.be import ogm_vcs
from stdnum.eu import vat as eu_vat

CENT = Decimal("0.01")
RATES = {"BE": ["21", "21", "6", "12", "0"], "DE": ["19", "19", "7"], "FR": ["20", "20", "10", "5.5"],
         "NL": ["21", "21", "9"], "LU": ["17", "8"]}
ITEMS = {
    "fr": ["Prestations de conseil", "Ramettes papier A4", "Cartouche d'encre noire", "Maintenance informatique",
           "Location de matériel", "Frais de déplacement", "Abonnement logiciel", "Café en grains 1kg",
           "Nettoyage des bureaux", "Honoraires comptables", "Câble réseau 5 m", "Formation Excel"],
    "nl": ["Adviesdiensten", "Papier A4 riemen", "Inktcartridge zwart", "IT-onderhoud", "Huur materiaal",
           "Verplaatsingskosten", "Software-abonnement", "Koffiebonen 1kg", "Schoonmaak kantoren",
           "Boekhoudkundige erelonen", "Netwerkkabel 5 m", "Opleiding Excel"],
    "de": ["Beratungsleistungen", "Kopierpapier A4", "Tintenpatrone schwarz", "IT-Wartung", "Gerätemiete",
           "Reisekosten", "Software-Abonnement", "Kaffeebohnen 1kg", "Büroreinigung", "Buchhaltungshonorar",
           "Netzwerkkabel 5 m", "Excel-Schulung"],
    "en": ["Consulting services", "A4 paper reams", "Black ink cartridge", "IT maintenance", "Equipment rental",
           "Travel expenses", "Software subscription", "Coffee beans 1kg", "Office cleaning", "Accounting fees",
           "Network cable 5 m", "Excel training"],
}
NAMES = ["Brasserie Dupont", "Atelier Verhaegen", "Imprimerie Lambert", "De Smet Logistics", "Bakkerij Peeters",
         "Garage Janssens", "Schreinerei Müller", "Bureau Claes", "Fleurs & Co", "TechnoServ", "Van Damme Bouw",
         "Papeterie Martin", "Hofmann Elektro", "Maes & Zonen", "Café du Centre", "Digital Nomads",
         "Wouters Transport", "Quincaillerie Leroy", "Schmidt Consulting", "Brouwerij Het Anker"]
FORMS = {"BE": ["SRL", "SA", "BV", "NV", "SCRL", "CommV"], "DE": ["GmbH", "AG", "KG"], "FR": ["SARL", "SAS", "SA"],
         "NL": ["B.V.", "N.V."], "LU": ["S.à r.l.", "S.A."]}
STREETS = ["Rue de la Loi 16", "Kerkstraat 12", "Hauptstraße 5", "Avenue Louise 250", "Meir 44", "Grote Markt 1",
           "Chaussée de Wavre 102", "Bahnhofstraße 21", "Rue du Marché 8", "Nieuwstraat 77"]
CITIES = {"BE": ["1000 Bruxelles", "2000 Antwerpen", "9000 Gent", "4000 Liège", "3000 Leuven", "5000 Namur"],
          "DE": ["52062 Aachen", "50667 Köln"], "FR": ["59000 Lille", "75002 Paris"],
          "NL": ["4811 Breda", "1012 Amsterdam"], "LU": ["1150 Luxembourg"]}
BE_BANKS = ["001", "063", "068", "096", "310", "363", "539", "735", "750", "001", "143", "652"]


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def vat_number(rng: random.Random, country: str) -> str:
    """A VAT number of `country` that passes its checksum."""
    while True:
        if country == "BE":
            base = "0" + str(rng.randint(2000000, 9999999))
            candidate = f"BE{base}{97 - int(base) % 97:02d}"
        elif country == "NL":
            candidate = f"NL{_digits(rng, 9)}B0{rng.randint(1, 9)}"
        elif country == "FR":
            candidate = f"FR{_digits(rng, 11)}"
        elif country == "LU":
            candidate = f"LU{_digits(rng, 8)}"
        else:
            candidate = f"{country}{_digits(rng, 9)}"
        if eu_vat.is_valid(candidate):
            return eu_vat.compact(candidate)


def iban(rng: random.Random, country: str) -> str:
    """An IBAN of `country` that passes its checks (Belgian ones with a registered bank code)."""
    while True:
        if country == "BE":
            first = rng.choice(BE_BANKS) + _digits(rng, 7)
            bban = f"{first}{int(first) % 97 or 97:02d}"
        elif country == "DE":
            bban = _digits(rng, 18)
        elif country == "FR":
            bban = _digits(rng, 23)
        elif country == "LU":
            bban = _digits(rng, 16)
        else:
            bban = "ABNA" + _digits(rng, 10)
        number = country + "00" + bban
        number = country + stdiban.calc_check_digits(number) + bban
        if stdiban.is_valid(number):
            return number


def ogm(rng: random.Random) -> str:
    """A Belgian structured communication '+++ddd/dddd/ddddd+++'."""
    base = _digits(rng, 10)
    return f"+++{ogm_vcs.format(base + ogm_vcs.calc_check_digits(base))}+++"


@dataclass
class PartyFacts:
    name: str
    country: str
    vat: str | None
    street: str
    city: str
    iban: str | None = None
    bic: str | None = None


@dataclass
class LineFacts:
    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal

    @property
    def net(self) -> Decimal:
        return (self.quantity * self.unit_price).quantize(CENT, ROUND_HALF_UP)


@dataclass
class InvoiceFacts:
    """Everything printed on one generated document, and so its ground truth."""

    id: str
    family: str
    language: str
    document_type: str
    number: str
    issue_date: date
    due_date: date | None
    currency: str
    seller: PartyFacts
    buyer: PartyFacts
    lines: list[LineFacts]
    payment_reference: str | None
    style: dict = field(default_factory=dict)

    def breakdown(self) -> list[tuple[Decimal, Decimal, Decimal]]:
        rates: dict[Decimal, Decimal] = {}
        for line in self.lines:
            rates[line.vat_rate] = rates.get(line.vat_rate, Decimal(0)) + line.net
        return [(r, base, (base * r / 100).quantize(CENT, ROUND_HALF_UP)) for r, base in sorted(rates.items())]

    @property
    def net(self) -> Decimal:
        return sum((b for _, b, _ in self.breakdown()), Decimal(0))

    @property
    def vat(self) -> Decimal:
        return sum((v for _, _, v in self.breakdown()), Decimal(0))

    @property
    def total(self) -> Decimal:
        return self.net + self.vat

    def truth(self) -> dict:
        """The ground truth as JSON-ready values (the same normal forms as the CLI prints)."""
        return {
            "id": self.id, "family": self.family, "language": self.language, "document_type": self.document_type,
            "invoice_number": self.number, "issue_date": self.issue_date.isoformat(),
            "due_date": self.due_date.isoformat() if self.due_date else None, "currency": self.currency,
            "total_excl_vat": str(self.net), "total_vat": str(self.vat), "total_incl_vat": str(self.total),
            "seller_vat": self.seller.vat, "seller_iban": self.seller.iban, "seller_bic": self.seller.bic,
            "seller_name": self.seller.name, "buyer_vat": self.buyer.vat, "payment_reference": self.payment_reference,
            "vat_breakdown": [{"rate": str(r), "taxable": str(b), "vat": str(v)} for r, b, v in self.breakdown()],
            "line_count": len(self.lines),
        }


def party(rng: random.Random, country: str, with_bank: bool) -> PartyFacts:
    name = f"{rng.choice(NAMES)} {rng.choice(FORMS[country])}"
    account = iban(rng, country) if with_bank else None
    bic = None
    if account and country == "BE":
        bic = be_iban.to_bic(account)
    return PartyFacts(name, country, vat_number(rng, country), rng.choice(STREETS), rng.choice(CITIES[country]),
                      account, bic)


def invoice_facts(rng: random.Random, ident: str, family: str, language: str, many_lines: bool = False) -> InvoiceFacts:
    """One document's facts; the family and language decide only how it is printed."""
    seller_country = rng.choice(["BE"] * 6 + ["DE", "FR", "NL", "LU"])
    seller = party(rng, seller_country, with_bank=True)
    buyer = party(rng, "BE", with_bank=False)
    kind = rng.choices(["invoice", "credit_note", "receipt"], [7, 2, 1])[0] if family != "C" else "receipt"
    rates = [Decimal(r) for r in RATES[seller_country]]
    count = rng.randint(35, 60) if many_lines else rng.randint(1, 7)
    lines = [LineFacts(rng.choice(ITEMS[language]), Decimal(rng.choice([1, 1, 2, 3, 5, 10, 12])),
                       Decimal(rng.randint(150, 250000)) / 100, rng.choice(rates[:2]) if rng.random() < 0.8 else rng.choice(rates))
             for _ in range(count)]
    issue = date(2024, 1, 1) + timedelta(days=rng.randint(0, 700))
    due = issue + timedelta(days=rng.choice([15, 30, 30, 45, 60])) if kind != "receipt" else None
    prefix = rng.choice(["F", "INV-", "FA", "", "2025/", "R", "CN-" if kind == "credit_note" else "V"])
    number = f"{prefix}{issue.year}{rng.choice(['-', '/', ''])}{rng.randint(1, 9999):04d}"
    reference = ogm(rng) if seller_country == "BE" and kind != "receipt" and rng.random() < 0.7 else None
    return InvoiceFacts(ident, family, language, kind, number, issue, due, "EUR", seller, buyer, lines, reference)


def facts_json(facts: InvoiceFacts) -> dict:
    """For debugging: every fact as plain JSON."""
    return {k: str(v) if isinstance(v, (Decimal, date)) else v for k, v in asdict(facts).items()}
