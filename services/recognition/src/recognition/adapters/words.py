"""The words object recognition stores for the WL-5 overlay, checked against its contract
(contracts.events.words.RecognizedWords) before it is written: what is stored is what every reader validates."""
from __future__ import annotations

import logging

from contracts.events.words import RecognizedWords
from pydantic import ValidationError

log = logging.getLogger(__name__)


def words_to_store(body: bytes, document: object) -> bytes | None:
    """The words JSON (layout.words_json) as the contract has it; None, with the reason logged, when the reading
    produced something the contract refuses (a reader's bug): the document goes on without an overlay."""
    try:
        return RecognizedWords.model_validate_json(body).model_dump_json().encode()
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the object"
        log.error("document %s: recognised words not stored, refused by the contract at %s: %s",
                  document, where, first["msg"])
        return None
