"""Ground truth of the structured samples in the shared standards, read with plain namespaced XPath.

Deliberately independent of the extractors: explicit namespaces and paths per syntax, so a bug in
the readers' namespace-agnostic lookups cannot agree with itself.
"""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from recognition.validation.checks import standards_dir

UBL_NS = {"cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
          "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"}
CII_NS = {"rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
          "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
          "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"}


def _one(root, path: str, ns: dict) -> str | None:
    found = root.xpath(path, namespaces=ns)
    if not found:
        return None
    value = found[0] if isinstance(found[0], str) else found[0].text
    return value.strip() if value else None


def _date(raw: str | None) -> str | None:
    if raw and len(raw) == 8 and raw.isdigit():
        return f"{raw[:4]}-{raw[4:6]}-{raw[6:]}"
    return raw


def ubl_truth(root) -> dict:
    n = UBL_NS
    currency = _one(root, "cbc:DocumentCurrencyCode", n)
    return {
        "invoice_number": _one(root, "cbc:ID", n), "issue_date": _one(root, "cbc:IssueDate", n),
        "due_date": _one(root, "cbc:DueDate", n), "currency": currency,
        "total_excl_vat": _one(root, "cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount", n),
        "total_vat": _one(root, f"cac:TaxTotal/cbc:TaxAmount[@currencyID='{currency}']", n),
        "total_incl_vat": _one(root, "cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount", n),
        "seller_vat": _one(root, "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID", n),
        "seller_iban": _one(root, "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID", n),
        "buyer_vat": _one(root, "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID", n),
    }


def cii_truth(root) -> dict:
    n = CII_NS
    s = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement"
    a = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement"
    m = f"{s}/ram:SpecifiedTradeSettlementHeaderMonetarySummation"
    return {
        "invoice_number": _one(root, "rsm:ExchangedDocument/ram:ID", n),
        "issue_date": _date(_one(root, "rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString", n)),
        "due_date": _date(_one(root, f"{s}/ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString", n)),
        "currency": _one(root, f"{s}/ram:InvoiceCurrencyCode", n),
        "total_excl_vat": _one(root, f"{m}/ram:TaxBasisTotalAmount", n),
        "total_vat": _one(root, f"{m}/ram:TaxTotalAmount", n),
        "total_incl_vat": _one(root, f"{m}/ram:GrandTotalAmount", n),
        "seller_vat": _one(root, f"{a}/ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']", n),
        "seller_iban": _one(root, f"{s}/ram:SpecifiedTradeSettlementPaymentMeans/ram:PayeePartyCreditorFinancialAccount/ram:IBANID", n),
        "buyer_vat": _one(root, f"{a}/ram:BuyerTradeParty/ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']", n),
    }


def structured_cases() -> list[tuple[Path, dict]]:
    """(file, truth) for every UBL and CII D16B sample; fields absent from the XML are left out."""
    base = standards_dir()
    files = sorted((base / "peppol-bis3" / "examples").glob("*.xml")) + \
        sorted((base / "facturx" / "fixtures" / "xml").glob("factur-x-*.xml")) + \
        sorted((base / "facturx" / "fixtures" / "xml").glob("ubl-21-*.xml"))
    out = []
    for path in files:
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
        is_ubl = "ubl" in (etree.QName(root).namespace or "")
        truth = ubl_truth(root) if is_ubl else cii_truth(root)
        truth = {k: v for k, v in truth.items() if v is not None}
        truth["id"] = path.name
        out.append((path, truth))
    return out
