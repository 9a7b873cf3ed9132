"""Born-digital PDFs read from words and boxes; the dossier's VAT number decides its party (REC-1, REC-3)."""
from datetime import date
from decimal import Decimal

import pytest
from recognition_testkit import generated

from recognition.adapters.wire import to_contract
from recognition.domain.layout import TextDocument, Word, group_lines
from recognition.domain.reader import read_invoice
from recognition.extractors.base import Context
from recognition.extractors.registry import choose, recognise
from recognition.extractors.probe import Probe


def _doc(rows: list[list[tuple[str, float]]]) -> TextDocument:
    """A one-page document from rows of (text, x) words, 2% of the page apart."""
    words = []
    for i, row in enumerate(rows):
        y = 0.05 + i * 0.02
        for text, x in row:
            words.append(Word(text, x, y, x + 0.01 * len(text), y + 0.012))
    return TextDocument("pdf_text", group_lines(1, words), 1)


def test_fields_from_labels_right_and_below():
    """REC-3: a value right of its label or just below it; totals cross-checked (net + VAT = total)."""
    doc = _doc([
        [("Rechnung", 0.1)],
        [("Rechnungsnummer", 0.1), ("Datum", 0.5)],
        [("RE-2025-0042", 0.1), ("03.02.2025", 0.5)],
        [("USt-IdNr.:", 0.1), ("DE136695976", 0.3)],
        [("Nettobetrag", 0.5), ("100,00", 0.8)],
        [("MwSt.", 0.5), ("19%", 0.6), ("19,00", 0.8)],
        [("Gesamtbetrag", 0.5), ("119,00", 0.8), ("EUR", 0.87)],
    ])
    inv = read_invoice(doc)
    assert inv.invoice_number.value == "RE-2025-0042" and inv.issue_date.value == date(2025, 2, 3)
    assert (inv.total_excl_vat.value, inv.total_vat.value, inv.total_incl_vat.value) == (100, 19, 119)
    assert inv.totals_consistent and inv.total_incl_vat.confidence > 0.9
    assert inv.seller.vat_number.value == "DE136695976" and inv.language == "de"
    assert inv.vat_breakdown[0].rate == 19


def test_inconsistent_totals_are_not_confident():
    """A total that does not add up is never reported with high confidence."""
    doc = _doc([[("Facture", 0.1)], [("Total", 0.5), ("HTVA", 0.55), ("100,00", 0.8)],
                [("TVA", 0.5), ("21,00", 0.8)], [("Total", 0.5), ("TVAC", 0.55), ("150,00", 0.8)]])
    inv = read_invoice(doc)
    assert inv.totals_consistent is False and inv.total_incl_vat.confidence < 0.9


@pytest.mark.parametrize("family, language", [("A", "fr"), ("B", "nl"), ("C", "de"), ("E", "en")])
def test_generated_pdf_mandatory_fields(family, language):
    """REC-3: every mandatory field of a generated PDF, with provenance on the page."""
    truth, pdf, _, _ = generated(f"unit-{family}-{language}", family, language)
    outcome = recognise(pdf, Context())
    inv = outcome.invoice
    assert inv.source == "pdf_text"
    assert inv.invoice_number.value == truth["invoice_number"]
    assert inv.issue_date.value.isoformat() == truth["issue_date"]
    assert inv.total_incl_vat.value == Decimal(truth["total_incl_vat"])
    assert inv.seller.vat_number.value == truth["seller_vat"]
    assert inv.seller.iban.value == truth["seller_iban"]
    box = inv.total_incl_vat.evidence.bbox
    assert inv.total_incl_vat.evidence.page == 1 and 0 <= box[0] < box[2] <= 1


def test_own_vat_decides_the_dossier_party():
    """REC-3: with the dossier's VAT number, the dossier's side is known (and fixed for a purchase)."""
    truth, pdf, _, _ = generated("unit-A-nl", "A", "nl")
    as_buyer = recognise(pdf, Context(own_vat=truth["buyer_vat"], mailbox="purchases")).invoice
    assert as_buyer.dossier_party == "buyer" and as_buyer.seller.vat_number.value == truth["seller_vat"]
    as_seller = recognise(pdf, Context(own_vat=truth["seller_vat"])).invoice
    assert as_seller.dossier_party == "seller"


def test_registry_chooses_by_content_not_name():
    """The extractor is chosen from the bytes: text PDF, image, XML."""
    _, pdf, scan, photo = generated("unit-A-fr")
    assert choose(Probe(pdf)).name == "pdf_text"
    assert choose(Probe(scan)).name == "ocr"
    assert choose(Probe(photo)).name == "ocr"


def test_contract_model_shape():
    """The output is the libs/contracts RecognizedInvoice: decimal strings, ISO dates, compact ids."""
    truth, pdf, _, _ = generated("unit-B-en", "B", "en")
    wire = to_contract(recognise(pdf, Context()).invoice).model_dump(mode="json")
    assert wire["source"] == "pdf_text" and wire["issue_date"]["value"] == truth["issue_date"]
    assert wire["total_incl_vat"]["value"] == truth["total_incl_vat"]
    assert wire["seller"]["iban"]["value"] == truth["seller_iban"]
    assert wire["total_incl_vat"]["provenance"]["method"] == "pdf_text"


@pytest.mark.parametrize("family", ["A", "B", "D"])
def test_invoice_lines_from_the_table(family):
    """REC-1: the item table's rows become lines (multi-page tables too) whose net amounts add up to the net total."""
    truth, pdf, _, _ = generated(f"unit-lines-{family}", family, "fr")
    inv = recognise(pdf, Context()).invoice
    assert len(inv.lines) == truth["line_count"]
    assert sum(line.net_amount for line in inv.lines) == Decimal(truth["total_excl_vat"])
    assert all(line.description and line.quantity is not None for line in inv.lines)


def test_words_json_lists_every_page_with_word_boxes():
    """WL-5: the words handed to the portal's overlay keep their page and box; empty pages are listed too."""
    import json

    from recognition.domain.layout import words_json
    doc = TextDocument("ocr", group_lines(1, [Word("Factuur", 0.1, 0.1, 0.2, 0.12, 0.91),
                                              Word("F-17", 0.3, 0.1, 0.35, 0.12)]), 2)
    body = json.loads(words_json(doc))
    assert body["method"] == "ocr" and [p["page"] for p in body["pages"]] == [1, 2]
    first = body["pages"][0]["words"]
    assert [w["text"] for w in first] == ["Factuur", "F-17"] and body["pages"][1]["words"] == []
    assert first[0]["bbox"] == {"x0": 0.1, "y0": 0.1, "x1": 0.2, "y1": 0.12} and first[0]["conf"] == 0.91


def test_text_pdf_outcome_carries_its_words():
    """A born-digital PDF's outcome has the words of its text layer (stored for the worklist overlay)."""
    import json
    truth, pdf, _, _ = generated("words-A-fr", "A", "fr")
    outcome = recognise(pdf, Context())
    texts = [w["text"] for page in json.loads(outcome.words)["pages"] for w in page["words"]]
    assert truth["invoice_number"] in texts or any(truth["invoice_number"][-4:] in t for t in texts)
