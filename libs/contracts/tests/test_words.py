"""The recognised words object (issue 19 item 5): one model for recognition's writer and every reader (WL-5)."""
from __future__ import annotations

import json

import pytest

from contracts.envelope import ContractError
from contracts.events.recognition import Box
from contracts.events.words import RecognizedWord, RecognizedWords, WordsPage, read_words

WORD = {"text": "Factuur", "bbox": {"x0": 0.1, "y0": 0.1, "x1": 0.2, "y1": 0.12}, "conf": 0.91}


def _body(*pages: dict, method: str = "ocr") -> bytes:
    return json.dumps({"method": method, "pages": list(pages)}).encode()


def test_what_recognition_writes_reads_back_with_pages_in_order():
    written = RecognizedWords(method="pdf_text", pages=(
        WordsPage(page=1, words=(RecognizedWord(text="Total", bbox=Box(x0=0.1, y0=0.2, x1=0.3, y1=0.25)),)),
        WordsPage(page=2)))
    words = read_words(written.model_dump_json().encode())
    assert words == written and words.page(1).words[0].conf == 1.0 and words.page(2).words == ()
    assert words.page(3) is None


def test_unknown_fields_are_ignored_on_read():
    words = read_words(_body({"page": 1, "words": [{**WORD, "font": "Arial"}], "rotation": 90}))
    assert words.pages[0].words[0].text == "Factuur"


@pytest.mark.parametrize(("body", "where"), [
    (_body({"page": 1, "words": [{"bbox": WORD["bbox"]}]}), "pages.0.words.0.text"),
    (_body({"page": 1, "words": [{**WORD, "bbox": {**WORD["bbox"], "x1": 1.3}}]}), "pages.0.words.0.bbox.x1"),
    (_body({"page": 1, "words": [{**WORD, "bbox": {"x0": 0.5, "y0": 0.1, "x1": 0.2, "y1": 0.2}}]}), "pages.0.words.0"),
    (_body({"page": "two", "words": []}), "pages.0.page"),
    (_body({"page": 1}, {"page": 1}), "the object"),
    (_body(method="scanner"), "method"),
    (b"[1, 2]", "the object"),
    ([1, 2], "the object"),
    (None, "the object"),
    (b"{not json", "the object"),
])
def test_a_malformed_object_is_a_contract_error_naming_the_place(body, where):
    with pytest.raises(ContractError, match="malformed recognised words") as caught:
        read_words(body)
    assert caught.value.fields == (where,) and where in str(caught.value)


def test_a_dict_already_decoded_reads_the_same():
    assert read_words(json.loads(_body({"page": 1, "words": [WORD]}))) == read_words(_body({"page": 1, "words": [WORD]}))
