"""The dossier settings form (DOS-2, DOS-3): office default (null), yes or no; clients change only their keys."""
from office.domain.settings import CLIENT_EDITABLE

from portal.domain import settings_form as sf


def form(**values) -> dict[str, list[str]]:
    return {k: v if isinstance(v, list) else [v] for k, v in values.items()}


def test_tri_state_round_trip():
    assert [sf.tri_state(v) for v in ("true", "false", "")] == [True, False, None]
    assert sf.tri_state_value({"nightly_sync": False}, "nightly_sync") == "false"
    assert sf.tri_state_value({"nightly_sync": None}, "nightly_sync") == ""


def test_client_patch_has_only_client_keys():
    patch = sf.settings_patch(form(auto_purchases="true", whitelist_purchases="a@x.be, @supplier.be",
                                   default_payment_date="today", nightly_sync="false"), office=False)
    assert set(patch) == set(sf.CLIENT_KEYS) == CLIENT_EDITABLE  # the office refuses any other key with 403 (issue 15 item 12)
    assert patch["auto_transmission"]["purchases"] == {"enabled": True, "sender_whitelist": ["a@x.be", "@supplier.be"]}
    assert patch["auto_transmission"]["sales"]["enabled"] is False
    assert patch["default_payment_date"] == "today"


def test_office_patch_reads_every_override():
    patch = sf.settings_patch(form(nightly_sync="false", vat_exempt="", portal_scope="feedback",
                                   keywords=["bread", "", "cake", "pie", "tart", "extra"], rubrics_reviewed="true"),
                              office=True)
    assert patch["nightly_sync"] is False and patch["vat_exempt"] is None
    assert patch["portal_scope"] == "feedback" and patch["validation_mode"] is None
    assert patch["keywords"] == ["bread", "cake", "pie", "tart"]
    assert patch["rubrics_reviewed"] is True and patch["language"] is None


def test_journals_are_marked_reviewed_from_the_ticks():
    journals = [{"alias": "PUR", "reviewed": False}, {"alias": "SAL", "reviewed": True}]
    patch = sf.office_patch(form(journals_listed="1", journal_reviewed=["PUR"]), journals)
    assert patch["journals"] == [{"alias": "PUR", "reviewed": True}, {"alias": "SAL", "reviewed": False}]
    assert "journals" not in sf.office_patch(form(), journals)
