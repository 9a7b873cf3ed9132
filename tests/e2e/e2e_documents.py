"""Documents a supplier would send the demo dossier: a born-digital PDF, a scanned PDF and a Peppol UBL invoice.

Each run makes new ones (new numbers, this year's dates), so the same test can run again on the same stack
without meeting its earlier documents as duplicates.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from recognition_bench.degrade import scan
from recognition_bench.facts import CENT, InvoiceFacts, LineFacts, invoice_facts
from recognition_bench.layouts import render


@dataclass(frozen=True)
class Sent:
    """One document as the supplier made it: what a correct booking must show."""

    filename: str
    content: bytes
    invoice_number: str
    issue_date: date
    seller_vat: str
    net: Decimal
    vat: Decimal
    gross: Decimal


def invoice_date() -> date:
    """A date in this year's first open month that has passed (the demo's fiscal years are this one and the last)."""
    today = date.today()
    return today - timedelta(days=3) if today.day > 3 else today


def _facts(run: str, ident: str, seller_vat: str | None = None) -> InvoiceFacts:
    """A one-page Belgian invoice at 21% (family A, French), with this run's number and date."""
    rng = random.Random(f"e2e:{run}:{ident}")
    base = invoice_facts(random.Random(f"e2e-layout:{ident}"), ident, "A", "fr")
    issue = invoice_date()
    lines = [LineFacts(f"Article {i}", Decimal(rng.randint(1, 4)), Decimal(rng.randint(2000, 40000)) / 100,
                       Decimal("21")) for i in range(1, 3)]
    seller = replace(base.seller, country="BE", vat=seller_vat or base.seller.vat) if seller_vat else base.seller
    if seller.country != "BE":
        seller = replace(seller, country="BE", vat="BE0477472701")
    return replace(base, document_type="invoice", number=f"E2E-{run}-{ident}", issue_date=issue,
                   due_date=issue + timedelta(days=30), currency="EUR", seller=seller, lines=lines,
                   payment_reference=None)


def _sent(facts: InvoiceFacts, filename: str, content: bytes) -> Sent:
    return Sent(filename, content, facts.number, facts.issue_date, facts.seller.vat, facts.net, facts.vat,
                facts.total)


def text_pdf(run: str) -> Sent:
    """A born-digital PDF (text layer)."""
    facts = _facts(run, "pdf")
    return _sent(facts, f"facture-{run}.pdf", render(facts, random.Random(f"e2e:{run}:render")))


def scanned_pdf(run: str) -> Sent:
    """The same kind of invoice printed and scanned (rasterised, skewed, noisy: no text layer)."""
    facts = _facts(run, "scan")
    pdf = render(facts, random.Random(f"e2e:{run}:render-scan"))
    return _sent(facts, f"scan-{run}.pdf", scan(pdf, random.Random(f"e2e:{run}:scan")))


def peppol_ubl(run: str, seller_name: str, seller_vat: str) -> Sent:
    """A Peppol BIS 3.0 UBL invoice from a supplier the dossier already knows."""
    issue = invoice_date()
    net = Decimal(random.Random(f"e2e:{run}:ubl").randint(10000, 90000)) / 100
    vat = (net * Decimal("0.21")).quantize(CENT)
    number = f"E2E-{run}-ubl"
    xml = UBL.format(number=number, issue=issue.isoformat(), due=(issue + timedelta(days=30)).isoformat(),
                     seller=seller_name, seller_vat=seller_vat, net=net, vat=vat, gross=net + vat)
    return Sent(f"peppol-{run}.xml", xml.encode("utf-8"), number, issue, seller_vat, net, vat, net + vat)


UBL = """<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
         xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
         xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
  <cbc:ID>{number}</cbc:ID>
  <cbc:IssueDate>{issue}</cbc:IssueDate>
  <cbc:DueDate>{due}</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cbc:BuyerReference>DUPONT</cbc:BuyerReference>
  <cac:AccountingSupplierParty><cac:Party>
    <cbc:EndpointID schemeID="9925">{seller_vat}</cbc:EndpointID>
    <cac:PostalAddress><cbc:StreetName>Rue de l'Energie 5</cbc:StreetName><cbc:CityName>Namur</cbc:CityName>
      <cbc:PostalZone>5000</cbc:PostalZone><cac:Country><cbc:IdentificationCode>BE</cbc:IdentificationCode></cac:Country>
    </cac:PostalAddress>
    <cac:PartyTaxScheme><cbc:CompanyID>{seller_vat}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyLegalEntity><cbc:RegistrationName>{seller}</cbc:RegistrationName></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party>
    <cbc:EndpointID schemeID="9925">BE0403170701</cbc:EndpointID>
    <cac:PostalAddress><cbc:StreetName>Grand-Place 1</cbc:StreetName><cbc:CityName>Tournai</cbc:CityName>
      <cbc:PostalZone>7500</cbc:PostalZone><cac:Country><cbc:IdentificationCode>BE</cbc:IdentificationCode></cac:Country>
    </cac:PostalAddress>
    <cac:PartyTaxScheme><cbc:CompanyID>BE0403170701</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyLegalEntity><cbc:RegistrationName>Brasserie Dupont SRL</cbc:RegistrationName></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>
    <cac:PayeeFinancialAccount><cbc:ID>BE71096123456769</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>
  <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">{vat}</cbc:TaxAmount>
    <cac:TaxSubtotal><cbc:TaxableAmount currencyID="EUR">{net}</cbc:TaxableAmount><cbc:TaxAmount currencyID="EUR">{vat}</cbc:TaxAmount>
      <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
    </cac:TaxSubtotal></cac:TaxTotal>
  <cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="EUR">{net}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">{net}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">{gross}</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="EUR">{gross}</cbc:PayableAmount></cac:LegalMonetaryTotal>
  <cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode="C62">1</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">{net}</cbc:LineExtensionAmount>
    <cac:Item><cbc:Name>Electricity</cbc:Name>
      <cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>
    </cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="EUR">{net}</cbc:PriceAmount></cac:Price></cac:InvoiceLine>
</Invoice>
"""
