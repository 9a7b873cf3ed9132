"""The e-invoice verdict as the proposal screen says it (issue 19 item 5): data from the worklist, bounded."""
from portal.domain.e_invoice_check import MAX_MESSAGE_CHARS, MAX_RULE_CHARS, MAX_RULES, e_invoice_check


def test_states_follow_errors_and_warnings():
    assert e_invoice_check({"valid": True}).state == "valid"
    assert e_invoice_check({"valid": True, "warnings": ["BR-CL-23"]}).state == "warnings"
    assert e_invoice_check({"valid": False, "warnings": ["BR-CL-23"]}).state == "invalid"
    assert e_invoice_check({"valid": True, "errors": ["BR-CO-15"]}).state == "invalid", "an error is never valid"


def test_anything_else_is_no_verdict_and_rules_are_bounded():
    for value in (None, [], "valid", {"valid": "yes"}, {"errors": ["BR-CO-15"]}):
        assert e_invoice_check(value) is None
    check = e_invoice_check({"valid": False, "errors": ["R" * 500] + [f"BR-{i}" for i in range(99)] + [None, " "],
                             "warnings": "BR-1", "rulesets": ["UBL-XSD", {"x": 1}]})
    assert len(check.errors) == MAX_RULES and len(check.errors[0]) == MAX_RULE_CHARS
    assert check.warnings == () and check.rulesets == ("UBL-XSD",)


def test_messages_are_one_line_bounded_and_only_for_shown_rules():
    check = e_invoice_check({"valid": False, "errors": ["BR-CO-15", "UBL-XSD"], "messages": [
        {"rule": "BR-CO-15", "text": "first\n  line " + "y" * 999}, {"rule": "BR-CO-15", "text": "second"},
        {"rule": "BR-99", "text": "not shown"}, {"rule": "UBL-XSD", "text": 3}, "junk"]})
    assert check.said("BR-CO-15").startswith("first line y") and len(check.said("BR-CO-15")) == MAX_MESSAGE_CHARS
    assert check.said("UBL-XSD") == "" and check.said("BR-99") == ""
    assert e_invoice_check({"valid": True, "messages": "junk"}).messages == ()
