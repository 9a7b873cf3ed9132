"""The topic registry: every topic, its event model, its message key and its dead-letter topic."""
from __future__ import annotations

from dataclasses import dataclass

from contracts.consumers import CONSUMERS
from contracts.envelope import ContractError, Event
from contracts.events import (
    BankStatementImported, BankStatementReceived, BookingRecorded,
    DocumentReceived, DocumentRecognized, DocumentReprocessRequested, DossierChanged, LedgerSynced, NotificationRequested, PaymentApproved,
    PaymentCancelled, PaymentExecuted,
    ProposalCreated, ProposalValidated, ProposalWithdrawn, SyncRequested,
)

DLQ_SUFFIX = ".dlq"


@dataclass(frozen=True)
class Topic:
    """A Kafka topic carrying one event model; keyed by dossier so a dossier's events stay in order."""

    name: str
    model: type[Event]
    description: str
    partitions: int = 12

    @property
    def dlq(self) -> str:
        """The dead-letter topic: messages that could not be applied, with the error in a header."""
        return f"{self.name}{DLQ_SUFFIX}"

    @property
    def consumers(self) -> tuple[str, ...]:
        """The services consuming this topic, generated from their handler tables (`contracts.subscribers`)."""
        return CONSUMERS.get(self.name, ())

    @property
    def documented(self) -> str:
        """The description with the generated consumer list, as the AsyncAPI and JSON Schema documents show it."""
        names = self.consumers
        if not names:
            return f"{self.description} No service consumes it."
        listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        return f"{self.description} Consumed by {listed}."

    def key(self, event: Event) -> bytes:
        """The message key: the dossier id, or the office id for office-wide events."""
        if not isinstance(event, self.model):
            raise ContractError(f"topic {self.name} carries {self.model.__name__}, not {type(event).__name__}",
                                topic=self.name)
        return str(event.dossier_id or event.office_id).encode("utf-8")


_TOPICS = (
    Topic("document.received", DocumentReceived,
          "A document was handed in (upload, e-mail, mobile, API) and stored. "
          "Produced by ingest."),
    Topic("document.recognized", DocumentRecognized,
          "A document was read: EN 16931 fields with confidence and provenance, validation verdict, "
          "or the reason it could not be read. Produced by recognition."),
    Topic("document.reprocess_requested", DocumentReprocessRequested,
          "Someone asked to read again documents whose recognition failed for a passing reason (WL-13). "
          "Produced by worklist; ingest publishes document.received again."),
    Topic("proposal.created", ProposalCreated,
          "A booking proposal was prepared for a recognised document. "
          "Produced by enrichment."),
    Topic("proposal.validated", ProposalValidated,
          "A proposal was reviewed and sent to the accounting software. "
          "Produced by worklist."),
    Topic("proposal.withdrawn", ProposalWithdrawn,
          "A proposal was deleted in the worklist; a posted booking is to be deleted in the accounting software "
          "(SYN-6). Produced by worklist."),
    Topic("ledger.synced", LedgerSynced,
          "sync-connector finished a sync run with the accounting software (or failed to); carries the "
          "master-data records that changed. A proposal's posting or deletion is on booking.recorded (since v2). "
          "Produced by sync-connector."),
    Topic("booking.recorded", BookingRecorded,
          "sync-connector posted a validated proposal in the accounting software or deleted a withdrawn one's "
          "booking (SYN-2, SYN-6), or was refused; carries the booking and the records the posting created. "
          "Produced by sync-connector."),
    Topic("payment.approved", PaymentApproved,
          "A payment was approved and waits to be executed. Produced by payments."),
    Topic("payment.executed", PaymentExecuted,
          "A payment went to the bank (SEPA file, EPC QR code) or the bank statement showed its invoice paid "
          "(issue 17). Produced by payments."),
    Topic("payment.cancelled", PaymentCancelled,
          "A payment was cancelled before it went to the bank; its invoice is no longer 'payment in progress' "
          "(issue 17). Produced by payments."),
    Topic("dossier.changed", DossierChanged,
          "A dossier was created or changed; carries the full dossier snapshot. "
          "Produced by office."),
    Topic("notification.requested", NotificationRequested,
          "Someone should be told something by e-mail or in the portal. "
          "Produced by office and worklist."),
    Topic("bank_statement.received", BankStatementReceived,
          "A bank statement file (CODA or camt.053) was handed in and stored (issue 17). "
          "Produced by ingest; imported once per file hash."),
    Topic("bank_statement.imported", BankStatementImported,
          "A bank statement was imported into the accounting software, its lines matched to open items and "
          "reconciled, or the file was refused with the reason. Produced by sync-connector."),
    Topic("sync.requested", SyncRequested,
          "A manual, nightly or full synchronisation of a dossier was requested. "
          "Produced by worklist (and the nightly schedule)."),
)

TOPICS: dict[str, Topic] = {topic.name: topic for topic in _TOPICS}
"""Every topic by name; the one place a topic is declared."""

INTEGRATOR_TOPICS: tuple[str, ...] = ("document.received", "document.recognized", "proposal.created",
                                      "proposal.validated", "booking.recorded", "ledger.synced",
                                      "payment.approved")
"""The public topics an integrator may read (docs/integrators.md, deploy/k8s/integrators); the rest is internal."""


def topic_for(event_or_model: Event | type[Event]) -> Topic:
    """The topic an event (or event class) is published on."""
    model = event_or_model if isinstance(event_or_model, type) else type(event_or_model)
    topic = TOPICS.get(model.EVENT_TYPE)
    if topic is None or topic.model is not model:
        raise ContractError(f"no topic is registered for {model.__name__} ({model.EVENT_TYPE or 'no EVENT_TYPE'})")
    return topic


def all_topic_names(include_dlq: bool = True) -> list[str]:
    """Names of every topic to create, the dead-letter topics after the event topics."""
    names = list(TOPICS)
    if include_dlq:
        names += [topic.dlq for topic in TOPICS.values()]
    return names
