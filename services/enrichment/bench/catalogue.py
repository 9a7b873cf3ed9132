"""What the synthetic dossiers buy and sell: categories with their true account, VAT code and words.

The true booking of a category is the office's choice, written here independently of the enricher's rules
(e.g. energy is goods, A21, although the account is in class 61, where the rules would guess services).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Category:
    key: str
    account: str
    rate: Decimal  # the rate on the invoice
    vat_code: str  # the office's code for it
    words: tuple[str, ...]
    second: tuple[Decimal, str, str] | None = None  # a second rate line: (rate, account, code)


def _c(key, account, rate, code, words, second=None):
    return Category(key, account, Decimal(rate), code, tuple(words.split(", ")), second)


PURCHASES = {c.key: c for c in (
    _c("telecom", "613200", "21", "AS21", "Internet subscription, Mobile plan, Fixed line"),
    _c("energy", "612100", "21", "A21", "Electricity, Gas supply, Energy contribution"),
    _c("rent", "610000", "0", "AS0", "Rent of premises, Monthly rent"),
    _c("insurance", "614000", "0", "AS0", "Fire insurance premium, Liability insurance"),
    _c("accountant", "613300", "21", "AS21", "Accounting services, Tax return preparation"),
    _c("fuel", "612300", "21", "A21", "Diesel, Fuel card"),
    _c("office", "611000", "21", "A21", "Paper, Toner, Office supplies"),
    _c("flour", "604000", "6", "A6", "Flour, Sugar, Butter", second=(Decimal("21"), "604100", "A21")),
    _c("packaging", "604100", "21", "A21", "Boxes, Paper bags"),
    _c("materials", "604000", "21", "A21", "Cement, Bricks, Timber"),
    _c("subcontract", "603000", "21", "AS21", "Subcontracted works, Plastering"),
    _c("software_eu", "613200", "0", "ICS", "Software licence, Cloud hosting"),
    _c("goods_eu", "604000", "0", "ICG", "Steel profiles, Tools"),
    _c("saas_us", "613200", "0", "IMP", "SaaS subscription"),
    _c("equipment", "230000", "21", "AI21", "Laptop, Machine, Oven"),
    _c("repairs", "611200", "21", "AS21", "Repair, Maintenance visit"),
    _c("restaurant", "640000", "12", "A12", "Business lunch"),
)}

SALES = {c.key: c for c in (
    _c("sale_food", "700000", "6", "V6", "Bread, Pastry"),
    _c("sale_services", "700100", "21", "V21", "Consulting days, Advisory"),
    _c("sale_works", "700200", "21", "V21", "Renovation works"),
    _c("sale_eu", "700100", "0", "VIC", "Consulting days"),
)}

# the office schema of each dossier: words per account (OFF-3), the way an office writes them
SCHEMA = (
    ("613200", "Telecom: internet, mobile, telephone, software, hosting"),
    ("612100", "Energy: electricity, gas, water"),
    ("610000", "Rent and charges of premises"),
    ("614000", "Insurance premiums"),
    ("613300", "Fees: accountant, lawyer"),
    ("611000", "Office supplies, paper, toner"),
    ("604000", "Raw materials, goods for resale"),
    ("603000", "Subcontracting"),
    ("230000", "Equipment, machines, computers"),
    ("700000", "Sales of goods"),
    ("700100", "Sales of services"),
)

ACCOUNTS = sorted({c.account for c in (*PURCHASES.values(), *SALES.values())} | {"604100", "613210", "440000",
                                                                                    "400000", "411000", "451000",
                                                                                    "499000"})
