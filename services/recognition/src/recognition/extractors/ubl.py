"""UBL 2.1 / Peppol BIS 3.0 invoices and credit notes, standalone or embedded in a PDF."""
from __future__ import annotations

from lxml import etree

from recognition.domain.model import Invoice, Line, Party, VatRow
from recognition.extractors.base import Context, Extraction
from recognition.extractors.probe import Probe
from recognition.extractors.structured import Xml, decimal
from recognition.validation.checks import validate_root

_SUPPLIER = "AccountingSupplierParty/Party"
_CUSTOMER = "AccountingCustomerParty/Party"


def read_ubl(root: etree._Element) -> Invoice:
    """The invoice fields of a UBL Invoice or CreditNote."""
    x = Xml(root, "ubl")
    credit = etree.QName(root).localname == "CreditNote"
    inv = Invoice(source="ubl", document_type="credit_note" if credit else "invoice", page_count=None)
    inv.invoice_number = x.found_text("ID")
    inv.issue_date = x.found_date("IssueDate")
    inv.due_date = x.found_date("DueDate") or x.found_date("PaymentMeans/PaymentDueDate")
    inv.currency = x.found_text("DocumentCurrencyCode")
    inv.total_excl_vat = x.found_amount("LegalMonetaryTotal/TaxExclusiveAmount")
    inv.total_incl_vat = x.found_amount("LegalMonetaryTotal/TaxInclusiveAmount")
    inv.total_vat = _document_currency_vat(x, inv.currency.value if inv.currency else None)
    inv.vat_breakdown = [
        VatRow(decimal(x.text("TaxCategory/Percent", sub)) or 0, decimal(x.text("TaxableAmount", sub)),
               decimal(x.text("TaxAmount", sub)), 1.0, x.evidence("TaxTotal/TaxSubtotal"))
        for sub in x.all("TaxTotal/TaxSubtotal")
    ]
    inv.seller = _party(x, _SUPPLIER)
    inv.seller.iban = x.found_iban("PaymentMeans/PayeeFinancialAccount/ID")
    inv.seller.bic = x.found_text("PaymentMeans/PayeeFinancialAccount/FinancialInstitutionBranch/ID")
    inv.buyer = _party(x, _CUSTOMER)
    inv.payment_reference = x.found_reference("PaymentMeans/PaymentID")
    line_tag = "CreditNoteLine" if credit else "InvoiceLine"
    qty_tag = "CreditedQuantity" if credit else "InvoicedQuantity"
    inv.lines = [
        Line(x.text("Item/Name", node), decimal(x.text(qty_tag, node)), decimal(x.text("Price/PriceAmount", node)),
             decimal(x.text("LineExtensionAmount", node)), decimal(x.text("Item/ClassifiedTaxCategory/Percent", node)),
             1.0, x.evidence(line_tag))
        for node in x.all(line_tag)
    ]
    return inv


def _document_currency_vat(x: Xml, currency: str | None):
    for node in x.all("TaxTotal"):
        amount = x.first("TaxAmount", node)
        if amount is not None and (currency is None or amount.get("currencyID") == currency):
            return x.found_amount("TaxAmount", node)
    return None


def _party(x: Xml, base: str) -> Party:
    party = Party(
        name=x.found_text(f"{base}/PartyLegalEntity/RegistrationName") or x.found_text(f"{base}/PartyName/Name"),
        vat_number=_vat_scheme(x, base),
        address=_address(x, f"{base}/PostalAddress"),
        country=x.found_text(f"{base}/PostalAddress/Country/IdentificationCode"),
    )
    legal = x.text(f"{base}/PartyLegalEntity/CompanyID")
    if party.country and party.country.value == "BE" and legal:
        party.enterprise_number = x.found_text(f"{base}/PartyLegalEntity/CompanyID")
    return party


def _vat_scheme(x: Xml, base: str):
    """The CompanyID of the PartyTaxScheme whose TaxScheme is VAT; a tax number (TaxScheme 'FC' or another) is
    never the VAT number. Without a scheme ID, the first CompanyID is taken only when it is a valid VAT number."""
    schemes = x.all(f"{base}/PartyTaxScheme")
    for node in schemes:
        if (x.text("TaxScheme/ID", node) or "").upper() == "VAT":
            return x.found_vat("CompanyID", node)
    for node in schemes:
        if x.text("TaxScheme/ID", node) is None and (found := x.found_vat("CompanyID", node)) and found.confidence == 1.0:
            return found
    return None


def _address(x: Xml, base: str):
    parts = [x.text(f"{base}/{p}") for p in ("StreetName", "AdditionalStreetName", "PostalZone", "CityName")]
    text = ", ".join(p for p in parts if p)
    from recognition.domain.model import Found
    return Found(text, 1.0, x.evidence(base)) if text else None


class UblExtractor:
    """UBL Invoice / CreditNote XML, or a PDF carrying one."""

    name = "ubl"

    def score(self, probe: Probe) -> float:
        return 1.0 if probe.xml_flavour == "ubl" else 0.0

    def extract(self, probe: Probe, ctx: Context) -> Extraction:
        invoice = read_ubl(probe.xml)
        invoice.validation = validate_root(probe.xml, "ubl")
        if probe.kind == "pdf":
            invoice.page_count = probe.page_count
        return Extraction(invoice)
