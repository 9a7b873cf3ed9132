"""UBL seller VAT (issue 14 item 4): the PartyTaxScheme whose TaxScheme is VAT, never a tax number (FC)."""
from recognition.extractors.base import Context
from recognition.extractors.registry import recognise

UBL = """<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
 <cbc:ID>R-1</cbc:ID><cbc:IssueDate>2025-01-31</cbc:IssueDate><cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
 <cac:AccountingSupplierParty><cac:Party>
  <cac:PartyName><cbc:Name>Lieferant GmbH</cbc:Name></cac:PartyName>
  {schemes}
 </cac:Party></cac:AccountingSupplierParty>
 <cac:LegalMonetaryTotal><cbc:TaxExclusiveAmount currencyID="EUR">100.00</cbc:TaxExclusiveAmount>
  <cbc:TaxInclusiveAmount currencyID="EUR">119.00</cbc:TaxInclusiveAmount>
  <cbc:PayableAmount currencyID="EUR">119.00</cbc:PayableAmount></cac:LegalMonetaryTotal>
</Invoice>"""
FC = ("<cac:PartyTaxScheme><cbc:CompanyID>201/113/40209</cbc:CompanyID>"
      "<cac:TaxScheme><cbc:ID>FC</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>")
VAT = ("<cac:PartyTaxScheme><cbc:CompanyID>DE136695976</cbc:CompanyID>"
       "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>")


def _seller_vat(schemes: str):
    outcome = recognise(UBL.format(schemes=schemes).encode(), Context(searchable_pdf=False))
    vat = outcome.invoice.seller.vat_number
    return vat.value if vat else None


def test_vat_scheme_wins_over_a_tax_number_listed_first():
    assert _seller_vat(FC + VAT) == "DE136695976"


def test_a_tax_number_alone_is_never_the_vat_number():
    assert _seller_vat(FC) is None
