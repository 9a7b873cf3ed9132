"""The compiled schematron stylesheets, rewritten before Saxon compiles them: the same SVRL, in less time.

Two rewrites, each applied only where the stylesheet has the shape it assumes (else it is left as it is):

- Idle walks. The ISO skeleton writes, for every pattern, `<svrl:active-pattern>` with an `<xsl:apply-templates/>`
  inside, in the default mode, then walks the document again in the pattern's own mode. In the default mode these
  stylesheets have only the root template and an empty `text()` template, so that first walk goes over every node
  of the document and writes nothing: it is removed (68 of the 136 walks of a Factur-X EN 16931 check).
- Code lists. The Factur-X stylesheets check every code (unit, currency, country, scheme ids...) with
  `document('FACTUR-X_<profile>_codedb.xml')/codedb/cl[@id=N]/enumeration[@value=$codeValueN]`: Saxon parses
  that 190 KB list again in every transformation (about 12 ms a document) and scans it for each code. The tests
  of `xsl:when`/`xsl:if` become `key('bf-code', concat('N|', $codeValueN), $bf-codedb)`: the same nodes (list ids
  and values are plain strings), through an `xsl:key` on the list, parsed once per process and passed as the
  parameter `bf-codedb`. The `test` text the SVRL reports stays the original.
"""
from __future__ import annotations

import re

from lxml import etree

XSL = "http://www.w3.org/1999/XSL/Transform"
SVRL = "http://purl.oclc.org/dsdl/svrl"
CODE_LIST_PARAMETER = "bf-codedb"
_LOOKUP = re.compile(r"document\('([^']+)'\)/codedb/cl\[@id=(\d+)\]/enumeration\[@value=(\$[\w.-]+)\]")


def rewritten(stylesheet: bytes) -> tuple[bytes, str | None]:
    """(the stylesheet to compile, the file name of the code list to pass as `bf-codedb`, relative to the
    stylesheet, or None when it reads none)."""
    root = etree.fromstring(stylesheet, etree.XMLParser(resolve_entities=False, no_network=True))
    _drop_idle_walks(root)
    code_list = _index_code_lists(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8"), code_list


def _drop_idle_walks(root: etree._Element) -> None:
    """Remove the default-mode `<xsl:apply-templates/>` of each `svrl:active-pattern`, when the default mode
    writes nothing: its only templates are the root's and an empty `text()` one."""
    templates = list(root.iter(f"{{{XSL}}}template"))
    default_mode = [t for t in templates if t.get("mode") is None and t.get("name") is None]
    if sorted(t.get("match") for t in default_mode) != ["/", "text()"] or \
            any({"#all", "#default"} & set((t.get("mode") or "").split()) for t in templates):
        return
    if any(len(t) or (t.text or "").strip() for t in default_mode if t.get("match") == "text()"):
        return
    for walk in list(root.iter(f"{{{XSL}}}apply-templates")):
        parent = walk.getparent()
        if parent is not None and parent.tag == f"{{{SVRL}}}active-pattern" and not walk.attrib and not len(walk):
            _remove(walk)


def _index_code_lists(root: etree._Element) -> str | None:
    """Rewrite the code-list lookups of the tests to go through a key on one parsed list; the list's name, or
    None (nothing rewritten) when the tests read no code list, more than one, or a document in another way."""
    tests = [node for node in root.iter(f"{{{XSL}}}when", f"{{{XSL}}}if") if "document(" in (node.get("test") or "")]
    names = {m.group(1) for node in tests for m in _LOOKUP.finditer(node.get("test"))}
    if len(names) != 1 or any(node.get("test").count("document(") != len(_LOOKUP.findall(node.get("test")))
                              for node in tests):
        return None

    def through_key(lookup: re.Match) -> str:
        return f"key('bf-code', concat('{lookup.group(2)}|', {lookup.group(3)}), ${CODE_LIST_PARAMETER})"

    for node in tests:
        node.set("test", _LOOKUP.sub(through_key, node.get("test")))
    key = etree.Element(f"{{{XSL}}}key", name="bf-code", match="enumeration", use="concat(../@id, '|', @value)")
    root.insert(0, key)
    root.insert(0, etree.Element(f"{{{XSL}}}param", name=CODE_LIST_PARAMETER))
    return names.pop()


def _remove(node: etree._Element) -> None:
    """Remove a node, keeping the text that followed it."""
    parent = node.getparent()
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)
