"""UN/CEFACT CII invoices: Factur-X, ZUGFeRD 1 and 2, XRechnung; standalone XML or embedded in a PDF."""
from __future__ import annotations

from lxml import etree

from recognition.domain.model import Found, Invoice, Line, Party, VatRow
from recognition.extractors.base import Context, Extraction
from recognition.extractors.probe import Probe
from recognition.extractors.structured import Xml, decimal
from recognition.validation.checks import validate_root

# CII D16B (Factur-X, ZUGFeRD 2, XRechnung) first, then ZUGFeRD 1.0 names
_DOC = ("ExchangedDocument", "HeaderExchangedDocument")
_TX = ("SupplyChainTradeTransaction", "SpecifiedSupplyChainTradeTransaction")
_AGREEMENT = ("ApplicableHeaderTradeAgreement", "ApplicableSupplyChainTradeAgreement")
_SETTLEMENT = ("ApplicableHeaderTradeSettlement", "ApplicableSupplyChainTradeSettlement")
_SUMMATION = ("SpecifiedTradeSettlementHeaderMonetarySummation", "SpecifiedTradeSettlementMonetarySummation")


def _pick(x: Xml, *options: str) -> str | None:
    """The first path (of alternatives joined with '|' per step) that exists."""
    for path in options:
        if x.first(path) is not None:
            return path
    return None


def _paths(*parts: tuple[str, ...] | str) -> list[str]:
    out = [""]
    for part in parts:
        alternatives = (part,) if isinstance(part, str) else part
        out = [f"{p}/{a}" if p else a for p in out for a in alternatives]
    return out


def read_cii(root: etree._Element) -> Invoice:
    """The invoice fields of a CII document."""
    x = Xml(root, "cii")
    doc = _pick(x, *_paths(_DOC)) or "ExchangedDocument"
    agreement = _pick(x, *_paths(_TX, _AGREEMENT)) or ""
    settlement = _pick(x, *_paths(_TX, _SETTLEMENT)) or ""
    summation = _pick(x, *_paths(settlement, _SUMMATION)) or ""
    type_code = x.text(f"{doc}/TypeCode")
    inv = Invoice(source="cii", document_type="credit_note" if type_code in ("381", "261", "396") else "invoice")
    inv.invoice_number = x.found_text(f"{doc}/ID")
    inv.issue_date = x.found_date(f"{doc}/IssueDateTime/DateTimeString")
    inv.due_date = x.found_date(f"{settlement}/SpecifiedTradePaymentTerms/DueDateDateTime/DateTimeString")
    inv.currency = x.found_text(f"{settlement}/InvoiceCurrencyCode")
    inv.total_excl_vat = x.found_amount(f"{summation}/TaxBasisTotalAmount")
    inv.total_vat = x.found_amount(f"{summation}/TaxTotalAmount")
    inv.total_incl_vat = x.found_amount(f"{summation}/GrandTotalAmount")
    inv.vat_breakdown = [
        VatRow(decimal(x.text("RateApplicablePercent", t) or x.text("ApplicablePercent", t)) or 0,
               decimal(x.text("BasisAmount", t)), decimal(x.text("CalculatedAmount", t)), 1.0,
               x.evidence(f"{settlement}/ApplicableTradeTax"))
        for t in x.all(f"{settlement}/ApplicableTradeTax")
    ]
    inv.seller = _party(x, f"{agreement}/SellerTradeParty")
    means = f"{settlement}/SpecifiedTradeSettlementPaymentMeans"
    inv.seller.iban = x.found_iban(f"{means}/PayeePartyCreditorFinancialAccount/IBANID")
    inv.seller.bic = x.found_text(f"{means}/PayeeSpecifiedCreditorFinancialInstitution/BICID")
    inv.buyer = _party(x, f"{agreement}/BuyerTradeParty")
    inv.payment_reference = x.found_reference(f"{settlement}/PaymentReference")
    inv.lines = [_line(x, node) for node in x.all(f"{_pick(x, *_paths(_TX)) or ''}/IncludedSupplyChainTradeLineItem")]
    return inv


def _line(x: Xml, node) -> Line:
    qty = x.text("SpecifiedLineTradeDelivery/BilledQuantity", node) or x.text("SpecifiedSupplyChainTradeDelivery/BilledQuantity", node)
    price = x.text("SpecifiedLineTradeAgreement/NetPriceProductTradePrice/ChargeAmount", node) or \
        x.text("SpecifiedSupplyChainTradeAgreement/NetPriceProductTradePrice/ChargeAmount", node)
    net = x.text("SpecifiedLineTradeSettlement/SpecifiedTradeSettlementLineMonetarySummation/LineTotalAmount", node) or \
        x.text("SpecifiedSupplyChainTradeSettlement/SpecifiedTradeSettlementMonetarySummation/LineTotalAmount", node)
    rate = x.text("SpecifiedLineTradeSettlement/ApplicableTradeTax/RateApplicablePercent", node) or \
        x.text("SpecifiedSupplyChainTradeSettlement/ApplicableTradeTax/ApplicablePercent", node)
    return Line(x.text("SpecifiedTradeProduct/Name", node), decimal(qty), decimal(price), decimal(net), decimal(rate),
                1.0, x.evidence("IncludedSupplyChainTradeLineItem"))


def _party(x: Xml, base: str) -> Party:
    party = Party(name=x.found_text(f"{base}/Name"), country=x.found_text(f"{base}/PostalTradeAddress/CountryID"))
    for reg in x.all(f"{base}/SpecifiedTaxRegistration"):
        ident = x.first("ID", reg)
        if ident is not None and ident.get("schemeID") == "VA":
            party.vat_number = x.found_vat("ID", reg)
    parts = [x.text(f"{base}/PostalTradeAddress/{p}") for p in ("LineOne", "PostcodeCode", "CityName")]
    if any(parts):
        party.address = Found(", ".join(p for p in parts if p), 1.0, x.evidence(f"{base}/PostalTradeAddress"))
    legal = x.text(f"{base}/SpecifiedLegalOrganization/ID")
    if legal and party.country and party.country.value == "BE":
        party.enterprise_number = x.found_text(f"{base}/SpecifiedLegalOrganization/ID")
    return party


class CiiExtractor:
    """A CII XML, or a PDF carrying one (Factur-X, ZUGFeRD, XRechnung)."""

    name = "cii"

    def score(self, probe: Probe) -> float:
        return 1.0 if probe.xml_flavour == "cii" else 0.0

    def extract(self, probe: Probe, ctx: Context) -> Extraction:
        invoice = read_cii(probe.xml)
        invoice.validation = validate_root(probe.xml, "cii")
        if probe.kind == "pdf":
            invoice.page_count = probe.page_count
        return Extraction(invoice)
