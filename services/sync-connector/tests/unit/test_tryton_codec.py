"""The Tryton JSON-RPC values and our VAT codes from Tryton taxes."""
from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

import pytest

from sync_connector.adapters.tryton.provision import database_name
from sync_connector.adapters.tryton.rpc import decode, encode, fault_reason
from sync_connector.domain.errors import DossierNotFound
from sync_connector.adapters.tryton.vat_codes import code_of, vat_code_record


def test_decimals_and_dates_go_both_ways_exactly():
    value = {"amount": Decimal("31.50"), "on": date(2026, 3, 1), "at": datetime(2026, 3, 1, 8, 30)}
    assert json.loads(json.dumps(encode(value)), object_hook=decode) == value
    assert encode(Decimal("0.10")) == {"__class__": "Decimal", "decimal": "0.10"}


def test_a_fault_becomes_its_message():
    assert fault_reason(["UserError", ["Period 2026-01 is closed.", "Reopen it."]]) == \
        "Period 2026-01 is closed. Reopen it."


def test_a_belgian_tax_template_gives_a_readable_code_with_rate_kind_region_and_grids():
    tax = {"id": 7, "name": "BTW 21% Aankoop", "rate": None, "group.": {"kind": "purchase"},
           "template.": {"xml_id": "account_be.tva_achat_marchandises_intracommunautaires_21_nl"}}
    record = vat_code_record(tax, [{"rate": Decimal("0.21")}, {"rate": Decimal("-0.21")}], ["86", "55", "81"])
    assert record.code == "achat_marchandises_intracommunautaires_21"
    assert (record.rate, record.kind, record.region, record.reverse_charge) == (Decimal("21"), "goods", "eu", True)
    assert record.grids == ("55", "81", "86")
    assert code_of({"id": 9, "template.": None}) == "tax-9"


def test_a_dossier_code_becomes_a_database_name_or_names_no_dossier():
    assert database_name("tryton_", " Dupont ") == "tryton_dupont"
    for bad in ('x"; drop', "a/b", "", "é"):
        with pytest.raises(DossierNotFound):
            database_name("tryton_", bad)
