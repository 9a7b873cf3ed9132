"""UBL, CII (Factur-X, ZUGFeRD) read straight from the XML and checked against XSD + schematron (REC-2)."""
from datetime import date
from decimal import Decimal

from lxml import etree
from recognition_testkit import CII_XML, FACTURX_PDF, UBL_CREDIT_NOTE, UBL_EXAMPLE, ZUGFERD1_XML, billion_laughs, xxe

from recognition.extractors.base import Context
from recognition.extractors.registry import recognise
from recognition.jobs import validate
from recognition.validation.checks import validate_root


def test_ubl_invoice_fields():
    """REC-2: a Peppol BIS 3 invoice is read field by field, with its XML path, confidence 1."""
    outcome = recognise(UBL_EXAMPLE.read_bytes(), Context())
    inv = outcome.invoice
    assert outcome.status == "complete" and inv.source == "ubl" and inv.document_type == "invoice"
    assert inv.invoice_number.value == "Snippet1" and inv.issue_date.value == date(2017, 11, 13)
    assert inv.due_date.value == date(2017, 12, 1) and inv.currency.value == "EUR"
    assert (inv.total_excl_vat.value, inv.total_vat.value, inv.total_incl_vat.value) == \
        (Decimal("1325"), Decimal("331.25"), Decimal("1656.25"))
    assert inv.totals_consistent is True
    assert inv.seller.iban.value == "IBAN32423940" and inv.seller.iban.confidence == 0.5, "not a valid IBAN"
    assert inv.seller.vat_number.value == "GB1232434" and inv.seller.vat_number.confidence == 0.5, "bad checksum"
    assert inv.invoice_number.evidence.xpath == "ID" and inv.invoice_number.confidence == 1.0
    assert len(inv.lines) == 2 and inv.vat_breakdown[0].rate == Decimal("25.0")
    assert inv.validation.valid and "EN16931-UBL" in inv.validation.rulesets


def test_ubl_credit_note():
    """REC-2: a UBL CreditNote is a credit note."""
    inv = recognise(UBL_CREDIT_NOTE.read_bytes(), Context()).invoice
    assert inv.document_type == "credit_note" and inv.total_incl_vat.value == Decimal("1656.25")


def test_factur_x_pdf_reads_the_embedded_cii():
    """REC-2: a Factur-X PDF is read from its embedded XML, not from its text."""
    inv = recognise(FACTURX_PDF.read_bytes(), Context()).invoice
    assert inv.source == "cii" and inv.invoice_number.value == "F20260023"
    assert inv.total_incl_vat.value == Decimal("104.90") and inv.page_count >= 1 and inv.validation.valid


def test_cii_and_zugferd1_xml():
    """REC-2: CII D16B and ZUGFeRD 1.0 XML, standalone."""
    cii = recognise(CII_XML.read_bytes(), Context()).invoice
    assert cii.source == "cii" and cii.seller.vat_number.value.startswith("FR") and cii.issue_date is not None
    zugferd = recognise(ZUGFERD1_XML.read_bytes(), Context()).invoice
    assert zugferd.source == "cii" and zugferd.invoice_number is not None and zugferd.total_incl_vat is not None


def test_broken_totals_fail_the_schematron():
    """REC-2: a UBL invoice whose payable amount does not add up gets EN 16931 rule ids as errors."""
    root = etree.fromstring(UBL_EXAMPLE.read_bytes())
    ns = {"cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
          "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"}
    root.find("cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount", ns).text = "9999.00"
    root.find("cbc:IssueDate", ns).text = "not a date"
    verdict = validate_root(root, "ubl")
    assert not verdict.valid
    assert "UBL-XSD" in verdict.errors and any(rule.startswith("BR-CO") for rule in verdict.errors)


def test_a_failed_rule_keeps_what_it_says():
    """Each failed rule carries the schematron's svrl:text (the XSD's error message), one line, bounded."""
    root = etree.fromstring(UBL_EXAMPLE.read_bytes())
    ns = {"cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
          "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"}
    root.find("cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount", ns).text = "9999.00"
    root.find("cbc:IssueDate", ns).text = "not a date" + " x" * 400
    verdict = validate_root(root, "ubl")
    said = dict(verdict.messages)
    assert set(said) <= set(verdict.errors) | set(verdict.warnings)
    rule = next(r for r in verdict.errors if r.startswith("BR-CO"))
    assert "[BR-CO-" in said[rule] or "total" in said[rule].lower(), said[rule]
    assert said["UBL-XSD"].startswith("line ") and "IssueDate" in said["UBL-XSD"]
    assert all(len(text) <= 300 and "\n" not in text for text in said.values())
    assert validate_root(etree.fromstring(UBL_EXAMPLE.read_bytes()), "ubl").messages == ()


def test_validate_refuses_non_invoices():
    """The validate command names why a file cannot be checked."""
    assert validate(b"<html/>", Context()) == "not a structured invoice (UBL or CII XML, or a PDF carrying one)"


def test_xxe_and_billion_laughs_are_refused():
    """Hostile XML (external entity, entity expansion) ends as technical_error, nothing is resolved."""
    for data in (xxe(), billion_laughs()):
        outcome = recognise(data, Context())
        assert outcome.status == "technical_error" and "DOCTYPE" in outcome.error
