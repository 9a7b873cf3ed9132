"""The words object recognition stores is the contract's (issue 19 item 5): checked before it is written."""
from __future__ import annotations

import json

from contracts.events.words import read_words

from recognition.adapters.words import words_to_store
from recognition.domain.layout import TextDocument, Word, group_lines, words_json


def test_the_words_of_a_reading_are_stored_as_the_contract_has_them():
    doc = TextDocument("pdf_text", group_lines(1, [Word("Factuur", 0.1, 0.1, 0.2, 0.12),
                                                   Word("F-17", 0.3, 0.1, 0.35, 0.12, 0.5)]), 2)
    stored = words_to_store(words_json(doc), "doc-1")
    words = read_words(stored)
    assert words.method == "pdf_text" and [p.page for p in words.pages] == [1, 2]
    assert [(w.text, w.conf) for w in words.page(1).words] == [("Factuur", 1.0), ("F-17", 0.5)]


def test_words_the_contract_refuses_are_not_stored_and_the_place_is_logged(caplog):
    body = json.dumps({"method": "ocr", "pages": [{"page": 1, "words": [
        {"text": "edge", "bbox": {"x0": 0.1, "y0": -0.02, "x1": 0.2, "y1": 0.1}, "conf": 0.8}]}]}).encode()
    assert words_to_store(body, "doc-2") is None
    assert "doc-2" in caplog.text and "pages.0.words.0.bbox.y0" in caplog.text
