"""Issue 15 item 3: every code a service can give is said in NL, FR, DE and EN. The codes come from the services'
own enums (payments' refusals, enrichment's proposal warnings, the worklist's refused fields, the sync-connector's
instructions), not from a list kept here, so a new code without a
text fails this test."""
from __future__ import annotations

import pytest
from enrichment.domain.proposal import WarningCode
from payments.domain.errors import Code
from sync_connector.domain.status import Instruction
from worklist.domain.errors import FieldCode

from portal import i18n
from portal.entrypoints.http.document_pages import capture_name, merged_name
from portal.i18n import codes

SERVICES = {"payments": (Code, codes.PAYMENTS), "enrichment warnings": (WarningCode, codes.WARNINGS),
            "worklist fields": (FieldCode, codes.WORKLIST_FIELDS),
            "sync-connector instructions": (Instruction, codes.SYNC_INSTRUCTIONS)}


@pytest.mark.parametrize("service", list(SERVICES))
def test_every_code_of_the_service_has_a_text(service):
    enum, table = SERVICES[service]
    assert {c.value for c in enum} - set(table) == set(), "codes without a text"
    assert set(table) - {c.value for c in enum} == set(), "texts of codes the service no longer gives"


@pytest.mark.parametrize("language", ["nl", "fr", "de"])
@pytest.mark.parametrize("service", list(SERVICES))
def test_every_text_is_in_the_readers_language(service, language):
    catalog = i18n.translations(language)
    untranslated = [code for code, text in SERVICES[service][1].items() if catalog.gettext(text) == text]
    assert untranslated == []


def test_values_are_written_as_the_reader_writes_them_and_unknown_codes_keep_the_services_words():
    said = codes.say(codes.PAYMENTS, "date_too_far", {"latest": "2027-12-07"}, "fr", "at most a year ahead")
    assert said == "La date d'exécution peut être au plus un an plus tard (7 déc. 2027)."
    warning = {"code": "suspense_account", "params": {"line": "2", "account": "499000"}, "message": "line 2: ..."}
    assert codes.warning(warning, "nl").startswith("Lijn 2:") and "499000" in codes.warning(warning, "nl")
    assert codes.warning({"code": "new_kind", "message": "<b>as sent</b>"}, "de") == "<b>as sent</b>"


@pytest.mark.parametrize("language, name", [("nl", "scan (1) (samengevoegd).pdf"), ("fr", "scan (1) (fusionné).pdf"),
                                            ("de", "scan (1) (zusammengeführt).pdf"), ("en", "scan (1) (merged).pdf")])
def test_a_merged_file_is_named_in_the_readers_language(language, name):
    """Issue 15 item 3: ingest named every merge "… (merged).pdf"; the portal now gives it the name."""
    assert merged_name("scan (1).pdf", language) == name


@pytest.mark.parametrize("language, name", [("nl", "opname van 3 foto's.pdf"), ("fr", "capture de 3 photos.pdf"),
                                            ("de", "Aufnahme von 3 Fotos.pdf"), ("en", "capture of 3 photos.pdf")])
def test_captured_photos_are_named_in_the_readers_language(language, name):
    """Issue 15 (ING-3): ingest named every capture "capture-3-photos.pdf"; the portal now gives it the name."""
    assert capture_name(3, language) == name
    assert capture_name(1, language) is None, "a single photo keeps its own name"


def test_a_sync_instruction_is_said_with_the_softwares_own_words_after_it():
    """Issue 15: the connector's instruction codes (sync tab, monitor) in the reader's language."""
    down = {"instruction": "The accounting software (local) cannot be reached: ...",
            "instruction_code": "SoftwareUnreachable", "instruction_params": {"installation": "local",
                                                                              "reason": "connection refused"}}
    assert codes.instruction(down, "nl") == ("Het boekhoudpakket (local) is niet bereikbaar. De boekingen wachten en "
                                             "worden verstuurd zodra het terug is. Het boekhoudpakket zei: connection "
                                             "refused")
    totals = {"instruction_code": "TotalsDiffer", "instruction_params": {
        "net": "1325.00", "vat": "331.25", "gross": "1656.25", "software_net": "1325.00", "software_vat": "0.00",
        "software_gross": "1325.00"}}
    assert "TVA de 0,00" in codes.instruction(totals, "fr") and "1.656,25" in codes.instruction(totals, "de")
    assert codes.instruction({"instruction": "as the connector says", "instruction_code": "Unknown"}, "fr") == \
        "as the connector says"
    assert codes.instruction(None, "de") == ""
