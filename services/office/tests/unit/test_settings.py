"""Dossier and office settings: validation names the field, overrides inherit, office switches win (DOS-1..3, OFF-1, OFF-3)."""
from dataclasses import replace

import pytest

from office.domain.errors import InvalidInput
from office.domain.office import DEFAULT_SETTINGS, Office, parse_office_patch, patched_settings
from office.domain.settings import apply_patch, effective, needs_configure, parse_patch, wire_settings

OFFICE = Office(id="o", slug="o", name="O", portal_name="O", default_language="nl", payment_module=True)


@pytest.mark.parametrize(("data", "field"), [
    ({"keywords": ["1", "2", "3", "4", "5"]}, "settings.keywords"),  # ENR-2: at most four
    ({"keywords": ["  "]}, "settings.keywords"),
    ({"validation_mode": "robot"}, "settings.validation_mode"),  # WL-11
    ({"auto_transmission": {"sales": {"enabled": True, "sender_whitelist": ["a@"]}}}, "settings.auto_transmission"),
    ({"journals": [{"alias": "A", "type": "sales", "number_format": "{seq}"},
                   {"alias": "A", "type": "sales", "number_format": "{seq}"}]}, "settings.journals"),
    ({"journals": [{"alias": "A", "type": "sales", "number_format": "{year}/{nr}"}]}, "settings.journals"),
    ({"app_centre_links": [{"title": "x", "url": "javascript:alert(1)"}]}, "settings.app_centre_links"),
    ({"unknown": 1}, "settings.unknown"),
])
def test_bad_settings_are_refused_naming_the_field(data, field):
    with pytest.raises(InvalidInput) as caught:
        parse_patch(data)
    assert caught.value.field.startswith(field)


def test_a_patch_sets_keys_and_null_removes_them():
    patch, keys = parse_patch({"nightly_sync": False, "keywords": ["bière"]})
    overrides = apply_patch({"vat_exempt": True}, patch, keys)
    assert overrides == {"vat_exempt": True, "nightly_sync": False, "keywords": ["bière"]}
    patch, keys = parse_patch({"vat_exempt": None})
    assert apply_patch(overrides, patch, keys) == {"nightly_sync": False, "keywords": ["bière"]}


def test_effective_settings_layer_defaults_office_defaults_and_overrides():
    office = replace(OFFICE, dossier_defaults={"nightly_sync": False, "portal_scope": "feedback"},
                     key_figures_closed_periods_only=True)
    result = effective({"portal_scope": "documents_archive"}, office, "fr")
    assert (result["nightly_sync"], result["portal_scope"], result["language"]) == (False, "documents_archive", "fr")
    assert result["key_figures_closed_periods_only"] is True and result["validation_mode"] == "collaborator"
    assert result["payment_module"] is True  # follows the office when the dossier says nothing


def test_the_office_payment_switch_wins_over_the_dossier():
    """PAY-10 / OFF-1: the module is enabled per office and per dossier."""
    assert effective({"payment_module": True}, replace(OFFICE, payment_module=False), "nl")["payment_module"] is False
    assert effective({"payment_module": False}, OFFICE, "nl")["payment_module"] is False


def test_the_dossier_schema_overrides_the_office_schema_per_account():
    office = replace(OFFICE, office_schema=[{"account": "604000", "rubric": "office"}, {"account": "610000"}])
    merged = effective({"office_schema": [{"account": "604000", "rubric": "dossier"}]}, office, "nl")["office_schema"]
    assert [(e["account"], e["rubric"]) for e in merged] == [("604000", "dossier"), ("610000", None)]


def test_a_dossier_files_misc_documents_under_the_office_types_unless_it_has_its_own():
    """WL-12 / OFF-3 (issue 15 item 10): the office defines the permanent-dossier types; a dossier without its own
    list offers the office's codes, one with its own list keeps it."""
    office = replace(OFFICE, permanent_dossier_types=[{"code": "statutes", "name": "Statutes"},
                                                      {"code": "contracts", "name": "Contracts"}])
    assert effective({}, office, "nl")["permanent_dossier_types"] == ["statutes", "contracts"]
    assert effective({"permanent_dossier_types": ["deeds"]}, office, "nl")["permanent_dossier_types"] == ["deeds"]
    assert effective({}, OFFICE, "nl")["permanent_dossier_types"] == []


def test_wire_settings_drop_office_side_extras():
    result = effective({"rubrics_reviewed": True}, OFFICE, "nl")
    assert result["rubrics_reviewed"] is True and not hasattr(wire_settings(result), "rubrics_reviewed")


@pytest.mark.parametrize(("keys", "configure"), [
    ({"default_payment_date", "dashboard_accounts"}, False), ({"auto_transmission"}, False),
    ({"validation_mode"}, True), ({"language"}, True), ({"journals", "dashboard_accounts"}, True),
])
def test_which_keys_need_the_office(keys, configure):
    """DOS-4: a client Administrator edits client settings, never the office-only ones."""
    assert needs_configure(keys) is configure


def test_office_patch_validates_and_keeps_what_it_does_not_touch():
    patch, keys = parse_office_patch({"payment_module": True, "journal_templates": [
        {"alias": "ACH", "type": "purchases", "number_format": "{year}-{seq:04}"}]})
    settings = patched_settings({"vat_codes": [{"code": "V21"}]}, patch, keys)
    assert settings["payment_module"] is True and settings["vat_codes"] == [{"code": "V21"}]
    assert settings["journal_templates"][0]["credit_notes_only"] is False
    with pytest.raises(InvalidInput) as caught:
        parse_office_patch({"journal_templates": [{"alias": "A", "type": "x", "number_format": "{seq}"}]})
    assert caught.value.field == "journal_templates.0.type"
    with pytest.raises(InvalidInput):
        parse_office_patch({"portal_name": None})


def test_an_office_takes_its_stored_settings_and_answers_them_in_the_stored_order():
    """GET /office: the columns, then every setting in DEFAULT_SETTINGS order (the defaults filled in)."""
    stored = {"vat_codes": [{"code": "V21"}], "payment_module": True}
    office = Office.of(id="o", slug="s", name="N", portal_name="P", default_language="fr", settings=stored)
    assert office.settings() == {**DEFAULT_SETTINGS, **stored} and list(office.settings()) == list(DEFAULT_SETTINGS)
    assert list(office.as_json().items()) == [("id", "o"), ("slug", "s"), ("name", "N"), ("portal_name", "P"),
                                              ("default_language", "fr"), *{**DEFAULT_SETTINGS, **stored}.items()]
