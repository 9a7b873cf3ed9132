"""A technical error says why as a code (WL-13): passing causes (time, memory, a crash) may be reprocessed,
a file that cannot be read (corrupt, empty, over a limit, gone) may not."""
import asyncio
from uuid import uuid4

import pytest
from contracts.events.documents import DocumentReceived
from contracts.events.recognition import PASSING_ERRORS
from recognition_testkit import corrupt_pdf, generated, many_pages
from runtime.storage import ObjectNotFound

from recognition.adapters.results import StoredFiles
from recognition.domain.model import Outcome
from recognition.extractors.base import Context
from recognition.extractors.registry import recognise
from recognition.handlers.recognise import Deps, read, recognized_event
from recognition.sandbox import Sandbox, SandboxLimits


def _received() -> DocumentReceived:
    return DocumentReceived(correlation_id="t", office_id=uuid4(), dossier_id=uuid4(), document_id=uuid4(),
                            source="portal", mailbox="purchases", filename="a.pdf", content_type="application/pdf",
                            size_bytes=3, sha256="0" * 64, storage_key="originals/gone")


@pytest.mark.parametrize("data, code", [
    (b"", "empty_file"), (b"MZ\x90\x00 not a document", "unreadable"), (corrupt_pdf(), "unreadable"),
    (many_pages(5000), "limit_exceeded"),
])
def test_unreadable_files_are_not_passing(data, code):
    outcome = recognise(data, Context(searchable_pdf=False))
    event = recognized_event(_received(), outcome, StoredFiles())
    assert (event.status, event.error_code) == ("technical_error", code)
    assert code not in PASSING_ERRORS


def test_a_time_limit_is_a_passing_cause():
    _, _, scan, _ = generated("unit-A-fr")
    box = Sandbox(SandboxLimits(memory_mb=1024, timeout_s=0.5))
    try:
        outcome = box.run("extract", scan, Context(searchable_pdf=False))
    finally:
        box.close()
    event = recognized_event(_received(), outcome, StoredFiles())
    assert event.error_code == "timeout" and "timeout" in PASSING_ERRORS


def test_a_crash_is_a_passing_cause_and_a_read_document_has_no_code():
    crashed = recognized_event(_received(), Outcome("technical_error", error="internal error: KeyError"), StoredFiles())
    assert crashed.error_code == "crashed" and "crashed" in PASSING_ERRORS
    assert recognized_event(_received(), Outcome("unrecognized"), StoredFiles()).error_code is None


class _GoneStore:
    async def get_bytes(self, key):
        raise ObjectNotFound(key)


def test_an_original_missing_from_storage_is_not_passing():
    outcome, _ = asyncio.run(read(Deps(store=_GoneStore(), sandbox=None, context=Context()), _received()))
    assert outcome.error_code == "original_missing" and "original_missing" not in PASSING_ERRORS


def test_a_reading_the_contract_refuses_is_published_as_a_passing_technical_error(monkeypatch):
    """A reader's bug (a value the contract refuses) used to dead-letter the document, leaving it 'In processing'
    with no row in the worklist; now it is a technical error 'crashed' that can be reprocessed once fixed."""
    from contracts.events.recognition import Box

    from recognition.handlers import recognise

    def refused(_invoice):
        return Box(x0=0.1, y0=-0.2, x1=0.3, y1=0.4)  # what c68d2fe's words at the top edge of a skewed scan did
    monkeypatch.setattr(recognise, "to_contract", refused)
    invoice = type("Inv", (), {"source": "pdf_text", "document_type": "invoice", "language": "fr", "page_count": 1})()
    event = recognise.outcome_event(_received(), Outcome("complete", invoice=invoice), StoredFiles())
    assert (event.status, event.error_code) == ("technical_error", "crashed")
    assert event.error_reason.startswith("the reading could not be published")
