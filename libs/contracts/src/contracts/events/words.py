"""The recognised words of a document with their boxes, per page: the JSON object recognition stores in the
object store (``DocumentRecognized.words_key``) and the worklist serves to the portal's overlay (WL-5).

``{"method": "ocr", "pages": [{"page": 1, "words": [{"text": "Total", "bbox": {"x0":..,"y0":..,"x1":..,"y1":..},
"conf": 0.91}]}]}`` — boxes in fractions of the page (origin top left); pages without words are listed empty, so
page numbers line up with the document. Not an event: an object named by one. Writers build it with these models;
readers call `read_words`, which names the first problem of a malformed object (a ContractError), never a KeyError.
"""
from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, ValidationError, model_validator

from contracts.envelope import ContractError, ContractModel
from contracts.events.recognition import Box

MAX_WORD_CHARS = 200
MAX_WORDS_PER_PAGE = 20_000


class RecognizedWord(ContractModel):
    """One word as read from the text layer or by OCR, its box on the page and how sure the reading is."""

    text: str = Field(min_length=1, max_length=MAX_WORD_CHARS)
    bbox: Box
    conf: float = Field(default=1.0, ge=0, le=1, description="OCR confidence; 1 for a text layer")

    @model_validator(mode="after")
    def _box_is_ordered(self) -> RecognizedWord:
        if self.bbox.x0 > self.bbox.x1 or self.bbox.y0 > self.bbox.y1:
            raise ValueError("bbox: x0 <= x1 and y0 <= y1 (fractions of the page, origin top left)")
        return self


class WordsPage(ContractModel):
    """The words of one page, in reading order."""

    page: int = Field(ge=1)
    words: tuple[RecognizedWord, ...] = Field(default=(), max_length=MAX_WORDS_PER_PAGE)


class RecognizedWords(ContractModel):
    """Every page of a document with its words: what the portal draws over the page images (WL-5)."""

    method: Literal["pdf_text", "ocr"] = Field(description="read from the PDF text layer, or by OCR")
    pages: tuple[WordsPage, ...] = ()

    @model_validator(mode="after")
    def _pages_are_distinct(self) -> RecognizedWords:
        numbers = [p.page for p in self.pages]
        if len(numbers) != len(set(numbers)):
            raise ValueError("pages: each page number once")
        return self

    def page(self, number: int) -> WordsPage | None:
        """The words of page `number` (1-based), if listed."""
        return next((p for p in self.pages if p.page == number), None)


def read_words(data: bytes | str | Any) -> RecognizedWords:
    """A words object, stored (JSON bytes or text) or already decoded, validated (unknown fields ignored, as for
    events); a ContractError naming the first problem (e.g. ``pages.0.words.3.bbox.x1``) when it is not one."""
    try:
        if isinstance(data, (bytes, bytearray, str)):
            return RecognizedWords.model_validate_json(data, extra="ignore")
        return RecognizedWords.model_validate(data, extra="ignore")
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the object"
        raise ContractError(f"malformed recognised words: {where}: {first['msg']} ({exc.error_count()} problem(s))",
                            fields=(where,)) from exc
