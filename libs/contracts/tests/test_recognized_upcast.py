"""document.recognized v1 -> v2 (issue 19 item 5): the copies nobody read are gone, a v1 verdict is kept in
`invoice.validation`, and a stored v1 message is still consumed."""
from __future__ import annotations

import json

import pytest

from contracts.codec import deserialize
from contracts.envelope import ContractError
from contracts.events.recognition import MAX_RULE_MESSAGE_CHARS, DocumentRecognized, RuleMessage, upcast_v1_v2
from contracts.examples import example_events


def _v1(**extra) -> dict:
    """A v1 payload as recognition published it: the v2 example plus the legacy fields."""
    payload = json.loads(example_events()["document.recognized"].model_dump_json())
    legacy = {"schema_version": 1, "method": "ubl", "missing_mandatory": ["seller_vat_identifier"],
              "fields": {"invoice_number": {"value": "F2025-118", "confidence": 0.98}}}
    return {**payload, **legacy, **extra}


def _verdict(verdict: str, *issues: tuple[str, str]) -> dict:
    return {"verdict": verdict, "rulesets": ["UBL-XSD", "EN16931-UBL"], "totals_consistent": True,
            "issues": [{"rule": rule, "severity": severity, "message": f"{rule} failed"} for rule, severity in issues]}


def test_a_stored_v1_event_is_consumed_as_v2_without_the_legacy_copies():
    value = json.dumps(_v1()).encode()
    event = deserialize("document.recognized", value)
    assert isinstance(event, DocumentRecognized) and event.schema_version == 2
    assert event.invoice is not None and event.invoice.invoice_number.value == "F2025-118"
    assert not {"fields", "method", "missing_mandatory", "validation"} & set(type(event).model_fields)


def test_a_checked_v1_verdict_moves_to_the_invoice_with_its_rule_ids():
    payload = _v1(validation=_verdict("invalid", ("BR-CO-15", "fatal"), ("PEPPOL-EN16931-R004", "warning"),
                                      ("BR-CL-23", "information")))
    payload["invoice"]["validation"] = None
    event = deserialize("document.recognized", json.dumps(payload).encode())
    verdict = event.invoice.validation
    assert verdict is not None and verdict.valid is False
    assert verdict.errors == ("BR-CO-15",) and verdict.warnings == ("PEPPOL-EN16931-R004", "BR-CL-23")
    assert verdict.rulesets == ("UBL-XSD", "EN16931-UBL")
    assert {(m.rule, m.text) for m in verdict.messages} >= {("BR-CO-15", "BR-CO-15 failed")}, "v1 messages are kept"


def test_a_rule_message_is_additive_and_bounded():
    """`invoice.validation.messages` is optional: a v2 payload without it still validates; with it, each failed
    rule says what it checks, its text bounded (it came from a document)."""
    payload = json.loads(example_events()["document.recognized"].model_dump_json())
    payload["invoice"]["validation"] = {"valid": False, "errors": ["BR-CO-15"], "warnings": [], "rulesets": ["UBL-XSD"]}
    old = deserialize("document.recognized", json.dumps(payload).encode())
    assert old.invoice.validation.errors == ("BR-CO-15",) and old.invoice.validation.messages == ()
    said = "[BR-CO-15]-Invoice total amount with VAT (BT-112) = ... <script>x</script>"
    payload["invoice"]["validation"]["messages"] = [{"rule": "BR-CO-15", "text": said}]
    new = deserialize("document.recognized", json.dumps(payload).encode())
    assert new.invoice.validation.messages == (RuleMessage(rule="BR-CO-15", text=said),)
    assert json.loads(new.model_dump_json())["invoice"]["validation"]["messages"][0]["text"] == said
    payload["invoice"]["validation"]["messages"] = [{"rule": "BR-CO-15", "text": "x" * (MAX_RULE_MESSAGE_CHARS + 1)}]
    with pytest.raises(ContractError):
        deserialize("document.recognized", json.dumps(payload).encode())


def test_the_invoice_verdict_wins_and_an_unchecked_v1_verdict_adds_nothing():
    kept = {"valid": True, "errors": [], "warnings": ["BR-52"], "rulesets": ["UBL-XSD"]}
    payload = _v1(validation=_verdict("invalid", ("BR-CO-15", "fatal")))
    payload["invoice"]["validation"] = kept
    assert upcast_v1_v2(payload)["invoice"]["validation"] == kept
    unchecked = _v1(validation=_verdict("not_checked"))
    unchecked["invoice"]["validation"] = None
    assert upcast_v1_v2(unchecked)["invoice"]["validation"] is None


def test_a_v1_technical_error_without_invoice_upcasts():
    payload = {**json.loads(example_events()["document.recognized"].model_dump_json()), "schema_version": 1,
               "status": "technical_error", "invoice": None, "method": None, "fields": {},
               "validation": _verdict("not_checked"), "error_code": "timeout", "error_reason": "too slow"}
    event = deserialize("document.recognized", json.dumps(payload).encode())
    assert event.status == "technical_error" and event.invoice is None and event.error_code == "timeout"
