"""Unit tests of the event vocabulary against the feature catalogue (FEATURES.md IDs)."""
from __future__ import annotations

from typing import get_args
from uuid import uuid4

import pytest
from pydantic import ValidationError

from contracts.events import (
    ClientProfile, Communication, DocumentSource, Language, Mailbox, ProposalCreated, ProposalValidated,
    RecognitionSource, RecognitionStatus, SyncReason, ValidationMode,
)
from contracts.events.proposals import Counterparty
from contracts.examples import example_events


def test_every_way_in_is_a_source_of_the_same_event():
    """ING-1 upload, ING-2 e-mail, ING-3 mobile, ING-4 API all yield DocumentReceived."""
    assert set(get_args(DocumentSource)) == {"portal", "email", "mobile", "api"}
    assert set(get_args(Mailbox)) == {"purchases", "sales", "misc"}


def test_recognition_vocabulary():
    """REC-1 OCR and text layer, REC-2 UBL (and CII), WL-3 automatic statuses incl. technical error."""
    assert set(get_args(RecognitionSource)) == {"ubl", "cii", "pdf_text", "ocr"}
    assert set(get_args(RecognitionStatus)) == {"complete", "incomplete", "unrecognized", "technical_error"}


def test_proposal_statuses_follow_the_worklist():
    """WL-3: automatic statuses on creation; checked/validated once reviewed."""
    created = set(get_args(ProposalCreated.model_fields["status"].annotation))
    assert {"technical_error", "unrecognized", "incomplete", "complete", "complete_new_counterparty"} == created
    assert set(get_args(ProposalValidated.model_fields["status"].annotation)) == {"checked", "validated"}


def test_counterparty_known_new_or_default():
    """ENR-1: found by VAT number, proposed as new (orange), or the dossier's default."""
    assert set(get_args(Counterparty.model_fields["status"].annotation)) == {"known", "new", "default"}
    with pytest.raises(ValidationError, match="vat_number"):
        Counterparty(status="new", vat_number="BE 0123.456.749")


def test_profiles_languages_modes_and_sync_reasons():
    """DOS-4 six client profiles, PLT-1 four languages, WL-11 validation modes, SYN-3..5 sync reasons."""
    assert len(get_args(ClientProfile)) == 6
    assert set(get_args(Language)) == {"nl", "fr", "en", "de"}
    assert set(get_args(ValidationMode)) == {"collaborator", "hybrid", "client"}
    assert set(get_args(SyncReason)) == {"manual", "nightly", "full"}


@pytest.mark.parametrize("kind, text", [("none", None), ("free", "invoice F2025-118"),
                                        ("structured", "+++090/9337/55493+++")])
def test_payment_communication_kinds(kind, text):
    """PAY-2: none, free, or Belgian structured communication."""
    assert Communication(kind=kind, text=text).text == text


@pytest.mark.parametrize("kind, text", [("none", "x"), ("free", None), ("structured", "090933755493")])
def test_payment_communication_must_fit_its_kind(kind, text):
    with pytest.raises(ValidationError, match="communication"):
        Communication(kind=kind, text=text)


def test_proposal_without_lines_is_a_booking_without_detail():
    """WL-8: no lines means a booking without detail; the proposal still carries its totals."""
    data = example_events()["proposal.created"].model_dump()
    event = ProposalCreated(**{**data, "event_id": uuid4(), "lines": ()})
    assert event.lines == () and event.totals.gross == data["totals"]["gross"]


def test_events_carry_what_their_consumers_need():
    """A few cross-service needs: recognition finds the file (DocumentReceived.storage_key, sha256),
    sync-connector deduplicates postings by proposal_id, notify renders in the user's language."""
    examples = example_events()
    assert examples["document.received"].storage_key and examples["document.received"].sha256
    assert examples["booking.recorded"].proposal_id == examples["proposal.validated"].proposal_id
    assert examples["notification.requested"].language == "fr"
    assert examples["document.recognized"].invoice.vat_breakdown[0].vat == examples["proposal.created"].totals.vat
