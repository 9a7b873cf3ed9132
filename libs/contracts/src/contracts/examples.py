"""One realistic example of every event, fixed so generated schemas are reproducible.

The examples are embedded in the committed JSON Schemas; the compatibility test upcasts the
committed example of an older schema_version and checks that the current model still reads it.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal as D
from uuid import UUID

from contracts.envelope import Event
from contracts.events import (
    Actor, Approval, Assignment, Booking, ClientUser, Communication, Counterparty, Creditor, DebtorAccount,
    DocumentReceived, DocumentRecognized, DocumentReprocessRequested, DossierChanged, DossierSettings, DossierSnapshot, FieldProvenance,
    RecognizedAmount, RecognizedDate, RecognizedInvoice, RecognizedParty, RecognizedText, RecognizedVatRate,
    CounterpartyRecord, MasterData, ProposalWithdrawn, JournalRef, LedgerSynced, NotificationRequested, PaymentApproved,
    PaymentCancelled, PaymentExecuted, PeriodRef, PostedLine, ProposalCreated,
    ProposalLine, ProposalValidated, ProposalWarning, Recipient, SyncRequested, Totals,
)
from contracts.events.bookings import BookingRecorded
from contracts.events.ledger import MasterDataChange, SyncRun
from contracts.events.bank import BankStatementImported, BankStatementReceived, MatchedItem, StatementLineOutcome
from contracts.events.recognition import Box
from contracts.events.dossiers import AutoTransmission, AutoTransmissionRule, InboundMailbox, JournalSetting

OFFICE = UUID("0f0f0f0f-0000-4000-8000-000000000001")
DOSSIER = UUID("d0d0d0d0-0000-4000-8000-000000000002")
DOCUMENT = UUID("dddddddd-0000-4000-8000-000000000003")
PROPOSAL = UUID("eeeeeeee-0000-4000-8000-000000000004")
USER = UUID("aaaaaaaa-0000-4000-8000-000000000005")
AT = datetime(2025, 3, 14, 9, 30, tzinfo=timezone.utc)
SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"


def _envelope(n: int) -> dict:
    return {"event_id": UUID(f"00000000-0000-4000-8000-{n:012d}"), "occurred_at": AT,
            "correlation_id": "req-7f3a", "office_id": OFFICE, "dossier_id": DOSSIER}


_JOURNAL = JournalRef(code="ACH", type="purchases", name="Purchases")
_PERIOD = PeriodRef(code="2025-03", start_date=date(2025, 3, 1), end_date=date(2025, 3, 31))
_PROPOSAL = dict(
    proposal_id=PROPOSAL, document_id=DOCUMENT, origin="air", journal=_JOURNAL, period=_PERIOD,
    document_number="ACH-2025-0042", invoice_number="F2025-118", invoice_date=date(2025, 3, 12),
    due_date=date(2025, 4, 11),
    counterparty=Counterparty(status="known", reference="P-0007", name="Brasserie Dupont SRL",
                              vat_number="BE0123456749", country="BE", iban="BE62510007547061"),
    lines=(ProposalLine(line_no=1, account="604000", vat_code="21", vat_rate=D("21"),
                        net_amount=D("100.00"), vat_amount=D("21.00"), description="Goods"),),
    totals=Totals(net=D("100.00"), vat=D("21.00"), gross=D("121.00")),
    payment_reference="+++090/9337/55493+++",
)


def _documents() -> list[Event]:
    return [
        DocumentReceived(**_envelope(1), document_id=DOCUMENT, source="email", mailbox="purchases",
                         filename="F2025-118.pdf", content_type="application/pdf", size_bytes=48213, sha256=SHA,
                         storage_key=f"originals/{SHA}", page_count=1, sender="invoices@dupont.example",
                         email_message_id="<abc@dupont.example>", email_subject="Invoice F2025-118",
                         auto_transmitted=True),
        DocumentRecognized(**_envelope(21), document_id=DOCUMENT, sha256=SHA, status="technical_error",
                           error_code="timeout", error_reason="reading took longer than 120 s"),
        DocumentRecognized(
            **_envelope(2), document_id=DOCUMENT, sha256=SHA, status="complete", document_kind="invoice",
            language="fr", page_count=1, mailbox="purchases", words_key=f"words/{SHA}",
            invoice=RecognizedInvoice(
                source="pdf_text", document_type="invoice", language="fr", page_count=1,
                invoice_number=RecognizedText(value="F2025-118", confidence=0.98, provenance=FieldProvenance(
                    method="pdf_text", page=1, bbox=Box(x0=0.62, y0=0.12, x1=0.78, y1=0.14))),
                issue_date=RecognizedDate(value=date(2025, 3, 12), confidence=0.95),
                total_incl_vat=RecognizedAmount(value=D("121.00"), confidence=0.96),
                vat_breakdown=(RecognizedVatRate(rate=D("21"), taxable=D("100.00"), vat=D("21.00"), confidence=0.9),),
                seller=RecognizedParty(vat_number=RecognizedText(value="BE0123456749", confidence=0.99)),
                payment_reference=RecognizedText(value="+++090/9337/55493+++", confidence=0.97),
                dossier_party="buyer", totals_consistent=True,
            ),
        ),
        DocumentReprocessRequested(**_envelope(22), request_id=UUID(int=22), document_ids=(DOCUMENT,),
                                   requested_by=Actor(kind="collaborator", user_id=USER, name="An Peeters")),
    ]


def _proposals() -> list[Event]:
    return [
        ProposalCreated(**_envelope(3), **_PROPOSAL, status="complete", confidence=0.93,
                        warnings=(ProposalWarning(code="duplicate", message="Similar invoice booked on 2025-03-02",
                                                  related_document_id=UUID(int=7)),)),
        ProposalValidated(**_envelope(4), **_PROPOSAL, status="validated",
                          validated_by=Actor(kind="collaborator", user_id=USER, name="An Peeters"),
                          validation_mode="collaborator", comment="OK"),
        ProposalWithdrawn(**_envelope(10), proposal_id=PROPOSAL, document_id=DOCUMENT,
                          booking_reference="account.invoice,981",
                          withdrawn_by=Actor(kind="collaborator", user_id=USER, name="An Peeters"),
                          reason="booked twice"),
    ]


def _ledger_and_payments() -> list[Event]:
    booking = Booking(reference="account.move,981", journal=_JOURNAL, period=_PERIOD, document_number="ACH-2025-0042",
                      booking_date=date(2025, 3, 12), counterparty_reference="P-0007", total=D("121.00"),
                      lines=(PostedLine(account="604000", vat_code="21", debit=D("100.00")),
                             PostedLine(account="411000", debit=D("21.00")),
                             PostedLine(account="440000", credit=D("121.00"))))
    return [
        BookingRecorded(**_envelope(29), action="posted", accounting_software="tryton", proposal_id=PROPOSAL,
                        document_id=DOCUMENT, booking=booking,
                        records=MasterData(counterparties=(CounterpartyRecord(
                            reference="P-0007", name="Brasserie Dupont SRL", vat_number="BE0123456749",
                            ibans=("BE62510007547061",), country="BE", roles=("supplier",)),))),
        LedgerSynced(**_envelope(5), accounting_software="tryton",
                     sync=SyncRun(run_id=UUID(int=30), reason="manual", request_id=UUID(int=9), started_at=AT,
                                  finished_at=AT, updated_up_to=date(2025, 2, 28), active_period="2025-03",
                                  changes=(MasterDataChange(kind="counterparties", created=1),),
                                  sent_counter_reset=True),
                     master_data=MasterData(counterparties=(CounterpartyRecord(
                         reference="P-0008", name="Drukkerij Peeters BV", vat_number="BE0919248610",
                         country="BE", roles=("supplier",)),))),
        PaymentApproved(**_envelope(6), payment_id=UUID(int=6), document_id=DOCUMENT, amount=D("121.00"),
                        creditor=Creditor(name="Brasserie Dupont SRL", iban="BE62510007547061", bic="GEBABEBB"),
                        debtor=DebtorAccount(iban="BE71096123456769"),
                        communication=Communication(kind="structured", text="+++090/9337/55493+++"),
                        execution_date=date(2025, 4, 10), initiated_by=USER, approval_rule_id=UUID(int=9),
                        approvers=(Approval(user_id=USER, name="An Peeters", approved_at=AT),)),
        PaymentExecuted(**_envelope(25), payment_id=UUID(int=6), document_id=DOCUMENT, amount=D("121.00"),
                        method="sepa", executed_by="sepa_file", sepa_file_id=UUID(int=26),
                        debtor=DebtorAccount(iban="BE71096123456769", bic="GKCCBEBB", name="Brasserie Dupont SRL"),
                        execution_date=date(2025, 4, 10), executed_at=AT),
        PaymentCancelled(**_envelope(27), payment_id=UUID(int=28), document_id=DOCUMENT, amount=D("121.00"),
                         was_approved=True, cancelled_by=USER),
        SyncRequested(**_envelope(9), reason="manual",
                      requested_by=Actor(kind="collaborator", user_id=USER), updated_up_to=date(2025, 2, 28),
                      reset_sent_counter=True, notify_client=True, new_active_period="2025-03"),
    ]


def _office() -> list[Event]:
    snapshot = DossierSnapshot(
        name="Brasserie Dupont SRL", code="DUP", vat_number="BE0123456749",
        status="active",
        settings=DossierSettings(
            validation_mode="hybrid", payment_module=True, keywords=("bière", "fût"),
            auto_transmission=AutoTransmission(purchases=AutoTransmissionRule(
                enabled=True, sender_whitelist=("@brewery-supplies.example",))),
            journals=(JournalSetting(alias="ACH", type="purchases", number_format="{year}/{seq:05}"),),
        ),
        mailboxes=(InboundMailbox(mailbox="purchases", address="dup-purchases-k3x9q2@in.bookingfactory.example"),),
        users=(ClientUser(user_id=UUID(int=21), email="marie@dupont.example", name="Marie Dupont", language="fr",
                          profile="administrator"),),
        assignments=(Assignment(collaborator_id=USER, email="an@office.example", name="An Peeters",
                                role="collaborator"),),
        admins=(UUID(int=22),),
    )
    return [
        DossierChanged(**_envelope(7), change="settings", changed_by=USER, dossier=snapshot),
        NotificationRequested(**_envelope(8), template="dossier.updated",
                              recipient=Recipient(user_id=UUID(int=21), email="marie@dupont.example"),
                              language="fr", params={"dossier_name": "Brasserie Dupont SRL"}),
    ]


def _bank() -> list[Event]:
    line = StatementLineOutcome(
        sequence="0001", booking_date=date(2025, 4, 10), amount=D("-121.00"), counterparty_name="Brasserie Dupont SRL",
        counterparty_iban="BE62510007547061", communication="+++090/9337/55493+++", state="matched",
        rule="structured_reference",
        matched=(MatchedItem(kind="payable", reference="17", invoice_number="F2025-118", external_id=str(PROPOSAL),
                             amount=D("121.00")),))
    return [
        BankStatementReceived(**_envelope(23), statement_file_id=UUID(int=23), format="coda", source="portal",
                              filename="CODA-2025-04-10.cod", size_bytes=1280, sha256=SHA,
                              storage_key=f"originals/{SHA}", submitted_by=Actor(kind="collaborator", user_id=USER)),
        BankStatementImported(**_envelope(24), statement_file_id=UUID(int=23), outcome="imported",
                              accounting_software="tryton", statement_reference="5", account="BE68539007547034",
                              statement_date=date(2025, 4, 10), opening_balance=D("1000.00"),
                              closing_balance=D("879.00"), lines=(line,)),
    ]


def example_events() -> dict[str, Event]:
    """One example per event type, by event type."""
    events = _documents() + _proposals() + _ledger_and_payments() + _office() + _bank()
    return {event.EVENT_TYPE: event for event in events}
