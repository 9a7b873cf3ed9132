"""The dossier's snapshot and checklist, identifiers and addresses (DOS-1, DOS-3..5, ING-2)."""
from datetime import date

import pytest
from contracts.codec import deserialize, serialize
from contracts.events.dossiers import DossierChanged

from office.domain import values
from office.domain.dossier import AssignedCollaborator, DossierUser, DossierView, checklist, journals_from_templates, snapshot
from office.domain.errors import InvalidInput
from office.domain.office import DEFAULT_SETTINGS, Office
from office.domain.settings import effective

USER = DossierUser(user_id="00000000-0000-4000-8000-000000000001", email="m@d.example", name="M", language="fr",
                   profile="DOCUMENT_PROCESSING_ARCHIVE", active=True)
OFFICE = Office(id="00000000-0000-4000-8000-00000000000f", slug="o", name="O", portal_name="O", default_language="fr")
COLLAB = AssignedCollaborator(collaborator_id="00000000-0000-4000-8000-000000000002", email="c@o.example", name="C",
                              role="SUPPORT", language="nl", worklists_only=True, via="direct")


def _view(**kw) -> DossierView:
    overrides = kw.pop("overrides", {})
    base = dict(id="00000000-0000-4000-8000-00000000000d", office_id="00000000-0000-4000-8000-00000000000f",
                name="Dupont", code="DUP", vat_number="BE0403170701", language="fr", status="draft", accounting=None,
                accounting_updated_up_to=None, client_group_id=None, client_group_name=None,
                settings=effective(overrides, OFFICE, "fr"), overrides=overrides,
                mailboxes={"purchases": "dup-purchases-1@in.example"})
    return DossierView(**{**base, **kw})


def test_the_snapshot_carries_users_assignments_settings_and_mailboxes_on_the_wire():
    view = _view(status="active", users=(USER,), assignments=(COLLAB,), accounting_updated_up_to=date(2025, 3, 31),
                 accounting={"software": "tryton", "installation": "x", "dossier_code": "dup"})
    event = DossierChanged(correlation_id="c", office_id=view.office_id, dossier_id=view.id, change="users",
                           dossier=snapshot(view))
    back = deserialize("dossier.changed", serialize(event)).dossier
    assert back.users[0].profile == "document_processing_archive" and back.assignments[0].role == "support"
    assert back.assignments[0].worklists_only and back.active and back.status == "active"
    assert back.mailboxes[0].address == "dup-purchases-1@in.example" and back.settings.language == "fr"


def test_a_new_dossier_has_red_flags_that_setup_clears():
    """DOS-5: journals and rubrics to review."""
    fresh = checklist(_view())
    assert not fresh["ok"]
    assert {i["code"] for i in fresh["items"] if i["severity"] == "red"} == {
        "activated", "journals_present", "journals_reviewed", "rubrics_reviewed", "collaborator_assigned", "client_user"}
    journals = [{**j, "reviewed": True} for j in journals_from_templates(DEFAULT_SETTINGS["journal_templates"])]
    ready = checklist(_view(status="active", overrides={"journals": journals, "rubrics_reviewed": True},
                            users=(USER,), assignments=(COLLAB,)))
    assert ready["ok"] and {i["code"] for i in ready["items"] if not i["ok"]} == {"default_counterparty", "updated_up_to"}


def test_journals_come_from_active_templates_unreviewed():
    templates = [*DEFAULT_SETTINGS["journal_templates"], {"alias": "OLD", "type": "misc", "number_format": "{seq}",
                                                          "active": False}]
    journals = journals_from_templates(templates)
    assert [j["alias"] for j in journals] == ["ACH", "VEN"] and not any(j["reviewed"] for j in journals)


@pytest.mark.parametrize(("raw", "clean"), [("0403.170.701", "BE0403170701"), ("BE 0403 170 701", "BE0403170701"),
                                            ("", None), ("NL004495445B01", "NL004495445B01")])
def test_vat_numbers_are_checked_with_stdnum(raw, clean):
    assert values.vat_number(raw) == clean


@pytest.mark.parametrize(("parse", "raw"), [(values.vat_number, "BE0403170702"), (values.email, "no-at-sign"),
                                            (values.language, "es"), (values.role, "boss"),
                                            (values.profile, "GOD"), (values.code, "a b")])
def test_bad_values_name_their_field(parse, raw):
    with pytest.raises(InvalidInput):
        parse(raw)


def test_e_mail_addresses_are_normalised():
    assert values.email("  Marie@Dupont.Example ") == "marie@dupont.example"


def test_inbound_addresses_are_unique_and_readable():
    """ING-2: one unguessable address per dossier and mailbox."""
    first, second = (values.inbound_address("Brasserie Dupont Élan", "sales", "in.example") for _ in range(2))
    assert first != second and first.startswith("brasserie-dupont-ela-sales-") and first.endswith("@in.example")
