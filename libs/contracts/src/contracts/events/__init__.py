"""Every event of the booking factory, one module per group; import them from here."""
from contracts.events.common import (
    Actor, Bic, Iban, JournalRef, JournalType, Language, Mailbox, PeriodRef, Sha256, ValidationMode, VatNumber,
)
from contracts.events.bank import (
    BankStatementImported, BankStatementReceived, MatchedItem, MatchRule, StatementFormat, StatementLineOutcome,
)
from contracts.events.bookings import BookingRecorded
from contracts.events.documents import DocumentReceived, DocumentReprocessRequested, DocumentSource
from contracts.events.dossiers import (
    AccountingLink, Assignment, AutoTransmission, AutoTransmissionRule, ClientProfile, ClientUser, CollaboratorRole,
    DossierChanged, DossierSettings, DossierSnapshot, InboundMailbox, JournalSetting, Link, PortalScope, SchemaEntry,
    VatCodeException,
)
from contracts.events.ledger import (
    AccountRecord, BankTransaction, Booking, CounterpartyRecord, DeletedRecord, JournalRecord, LedgerSynced, MasterData,
    MasterDataChange, MasterDataKind, OpenItem, PeriodRecord, PostedLine, SyncReason, SyncRequested, SyncRun,
    VatCodeRecord,
)
from contracts.events.notifications import AttachmentRef, NotificationRequested, Recipient
from contracts.events.payments import (
    Approval, Communication, Creditor, DebtorAccount, PaymentApproved, PaymentCancelled, PaymentExecuted,
)
from contracts.events.proposals import (
    Counterparty, ForeignAmount, ProposalContent, ProposalCreated, ProposalLine, ProposalOrigin, ProposalValidated,
    ProposalWarning, ProposalWithdrawn, Totals,
)
from contracts.events.recognition import (
    Box, DocumentRecognized, FieldProvenance, RecognitionSource, RecognitionStatus, RecognizedAmount, RecognizedDate,
    RecognizedInvoice, RecognizedLine, RecognizedParty, RecognizedText, RecognizedVatRate, RuleMessage,
    StructuredValidation,
)

ALL_EVENTS = (
    DocumentReceived, DocumentRecognized, ProposalCreated, ProposalValidated, LedgerSynced,
    PaymentApproved, DossierChanged, NotificationRequested, SyncRequested, ProposalWithdrawn,
    DocumentReprocessRequested, BankStatementReceived, BankStatementImported, PaymentExecuted, PaymentCancelled,
    BookingRecorded,
)

__all__ = [
    "BankStatementImported", "BankStatementReceived", "MatchedItem", "MatchRule", "StatementFormat",
    "StatementLineOutcome",
    "AccountRecord", "BankTransaction", "CounterpartyRecord", "DeletedRecord", "JournalRecord", "MasterData",
    "MasterDataKind", "OpenItem", "PeriodRecord", "VatCodeRecord", "ProposalWithdrawn",
    "FieldProvenance", "RecognitionSource", "RecognizedAmount", "RecognizedDate", "RecognizedInvoice",
    "RecognizedLine", "RecognizedParty", "RecognizedText", "RecognizedVatRate", "RuleMessage", "StructuredValidation",
    "ALL_EVENTS", "BookingRecorded", "AccountingLink", "AutoTransmission", "AutoTransmissionRule", "InboundMailbox", "JournalSetting",
    "Link", "SchemaEntry", "VatCodeException", "Actor", "Approval", "Assignment", "AttachmentRef", "Bic",
    "Booking", "Box", "ClientProfile", "ClientUser", "CollaboratorRole", "Communication", "Counterparty",
    "Creditor", "DebtorAccount", "DocumentReceived", "DocumentRecognized", "DocumentReprocessRequested", "DocumentSource",
    "DossierChanged", "DossierSettings", "DossierSnapshot", "ForeignAmount", "Iban", "InvoiceFields",
    "JournalRef", "JournalType", "Language", "LedgerSynced", "Mailbox", "MasterDataChange",
    "NotificationRequested", "PaymentApproved", "PaymentCancelled", "PaymentExecuted", "PeriodRef", "PortalScope", "PostedLine", "ProposalContent",
    "ProposalCreated", "ProposalLine", "ProposalOrigin", "ProposalValidated", "ProposalWarning", "Provenance",
    "RecognitionStatus", "Recipient", "Sha256", "SyncReason", "SyncRequested", "SyncRun",
    "Totals", "ValidationMode", "VatNumber",
]
