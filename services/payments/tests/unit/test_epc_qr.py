"""The EPC069-12 QR payload, field by field, and its rendering with segno (PAY-4)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from payments.adapters.qr import render
from payments.domain.communication import NONE, parse
from payments.domain.epc import epc_payload
from payments.domain.errors import InvalidPayment


def test_a_structured_belgian_communication_goes_as_unstructured_text():
    """PAY-4: BCD/002/1 (UTF-8)/SCT/BIC/name/IBAN/EUR amount/purpose empty/no RF/the +++ text."""
    payload = epc_payload("Proximus NV", "BE71096123456769", Decimal("1234.5"),
                          parse("structured", "010806817183"), bic="GKCCBEBB")
    assert payload.split("\n") == ["BCD", "002", "1", "SCT", "GKCCBEBB", "Proximus NV", "BE71096123456769",
                                   "EUR1234.50", "", "", "+++010/8068/17183+++"]


def test_an_rf_reference_goes_in_the_structured_field_and_bic_may_be_empty():
    """PAY-4: the structured field takes the ISO 11649 reference; trailing empty lines are left out."""
    payload = epc_payload("Café Zoë", "NL91ABNA0417164300", Decimal("5.00"), parse("creditor_reference",
                                                                                    "RF18539007547034"))
    assert payload == "BCD\n002\n1\nSCT\n\nCafé Zoë\nNL91ABNA0417164300\nEUR5.00\n\nRF18539007547034"


def test_no_communication_ends_after_the_amount():
    """PAY-4: without communication the payload ends with the amount line."""
    assert epc_payload("X", "BE71096123456769", Decimal("1"), NONE).endswith("BE71096123456769\nEUR1.00")


def test_limits_of_the_standard_are_refused():
    """PAY-4: name at most 70 characters."""
    with pytest.raises(InvalidPayment) as refused:
        epc_payload("N" * 71, "BE71096123456769", Decimal("1"), NONE)
    assert list(refused.value.problems) == ["creditor.name"]


def test_the_code_renders_as_svg_and_png():
    """PAY-4: segno writes an SVG document and a PNG image of the payload."""
    payload = epc_payload("Proximus NV", "BE71096123456769", Decimal("12.00"), NONE)
    assert render(payload, "svg").lstrip().startswith(b"<?xml") and b"<svg" in render(payload, "svg")
    assert render(payload, "png").startswith(b"\x89PNG\r\n\x1a\n")
