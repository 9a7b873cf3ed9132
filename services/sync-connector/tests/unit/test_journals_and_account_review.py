"""SYN-8, pure: which journal templates become journals (active ones, once per code, those the software lacks), and
which account changes a sync flags for review (none at the first import)."""
from __future__ import annotations

from contracts.events.ledger import AccountRecord

from sync_connector.domain.account_review import AccountChange, account_changes
from sync_connector.domain.changes import hash_of
from sync_connector.domain.journals import JournalTemplate, outcomes, templates

SETTINGS = {"journals": [
    {"alias": "AANK", "type": "purchases", "description": "Aankopen", "number_format": "{year}/{seq:05}"},
    {"alias": "VERK", "type": "sales", "description": None, "number_format": "{seq}"},
    {"alias": "aank", "type": "purchases", "description": "twice", "number_format": "{seq}"},
    {"alias": "OUD", "type": "misc", "description": "Oud", "number_format": "{seq}", "active": False},
    {"alias": " ", "type": "misc", "number_format": "{seq}"}]}


def test_the_active_templates_once_per_code_named_by_their_description_or_code():
    assert templates(SETTINGS) == [JournalTemplate("AANK", "Aankopen", "purchases"),
                                   JournalTemplate("VERK", "VERK", "sales")]
    assert templates({}) == [] and templates({"journals": None}) == []


def test_a_journal_the_software_has_already_is_not_created_again():
    planned = outcomes(templates(SETTINGS), ["aank", "EXP"])
    assert [(o.code, o.outcome) for o in planned] == [("AANK", "existed"), ("VERK", "created")]
    assert [o.outcome for o in outcomes(templates(SETTINGS), ["AANK", "VERK"])] == ["existed", "existed"]


def _account(code: str, name: str, kind: str = "expense") -> AccountRecord:
    return AccountRecord(code=code, name=name, kind=kind)


def test_created_renamed_and_removed_accounts_are_flagged_unchanged_ones_not():
    before = [_account("604000", "Aankopen"), _account("610000", "Diensten"), _account("700000", "Omzet", "revenue")]
    published = {a.code: hash_of(a) for a in before}
    now = [_account("604000", "Aankopen handelsgoederen"), _account("700000", "Omzet", "revenue"),
           _account("612000", "Huur")]
    assert account_changes(now, published) == [
        AccountChange("604000", "updated", "Aankopen handelsgoederen", "expense"),
        AccountChange("610000", "deleted"), AccountChange("612000", "created", "Huur", "expense")]
    assert account_changes(before, published) == []


def test_the_first_import_flags_nothing():
    assert account_changes([_account("604000", "Aankopen")], {}) == []
