"""What reporting's history, archive and report-list routes answer, as response models (issue 19 item 5), so
docs/openapi/reporting.json says what the code does. The routes write their answers with `plain` first: money
is decimal text (never a float), dates ISO 8601 text."""
from __future__ import annotations

from typing import Annotated, Any, Literal

from contracts.events.recognition import StructuredValidation
from pydantic import BaseModel, ConfigDict, Field

Money = Annotated[str, Field(description="EUR as decimal text, e.g. '1210.00'")]
DateText = Annotated[str, Field(json_schema_extra={"format": "date"})]


class KeyFigures(BaseModel):
    """Of all the invoices the filters match: invoiced, still open, overdue (REP-3)."""

    invoiced: Money
    open: Money
    overdue: Money
    overdue_count: int


class InvoiceRow(BaseModel):
    """One invoice as the history lists and exports it."""

    reference: str
    kind: str
    invoice_number: str | None
    document_number: str | None
    counterparty: str | None
    counterparty_name: str | None
    issue_date: DateText | None
    due_date: DateText | None
    amount: Money
    amount_open: Money
    paid: bool
    overdue_days: int
    done: bool
    payment_in_progress: bool
    document_id: str | None


class HistoryOut(BaseModel):
    side: Literal["customers", "suppliers"]
    status: str
    key_figures: KeyFigures
    total: int
    page: int
    page_size: int
    invoices: list[InvoiceRow]


class DoneOut(BaseModel):
    """An invoice ticked (or unticked) as paid although the accounting software still shows it open."""

    reference: str
    done: bool


class ReportName(BaseModel):
    name: str
    description: str


class ReportsOut(BaseModel):
    """REP-2: the standard reports and what each shows."""

    reports: list[ReportName]


class ArchivedDocument(BaseModel):
    """A document in the archive (REP-4) and, once booked, its entry's number, date, total and journal."""

    document_id: str
    document_type: str | None
    mailbox: str | None
    filename: str | None
    content_type: str | None
    source: str | None
    size_bytes: int | None
    received_at: Annotated[str, Field(json_schema_extra={"format": "date-time"})] | None
    status: str
    entry_reference: str | None
    invoice_number: str | None
    booking_date: DateText | None
    total: Money | None
    journal_code: str | None
    journal_type: str | None
    counterparty_reference: str | None
    counterparty_name: str | None
    payment_state: Literal["paid", "payment_in_progress", "open"] | None


class ArchiveOut(BaseModel):
    total: int
    page: int
    page_size: int
    documents: list[ArchivedDocument]


class ArchivedDocumentDetail(ArchivedDocument):
    """The detail panel: the entry's period, kind and lines too; preview: ingest has a file to show."""

    period_code: str | None
    document_kind: str | None
    lines: list[Any] | None
    preview: bool
    e_invoice_check: StructuredValidation | None = Field(
        default=None, description="the verdict of a structured e-invoice's XSD / EN 16931 schematron checks")


class Figures(BaseModel):
    """REP-1 key figures of a set of entries."""

    turnover: Money
    purchases: Money
    other_costs: Money
    gross_margin: Money
    result: Money
    vat_balance: Money
    documents: int


class MonthFigures(Figures):
    month: str = Field(description="YYYY-MM")
    provisional: bool


class DashboardOut(BaseModel):
    """REP-1 a year's key figures per month and in total (provisional months left out), REP-6 balances."""

    year: int
    closed_periods_only: bool
    totals: Figures
    months: list[MonthFigures]
    accounting_updated_up_to: DateText | None
    balances: dict[str, Money] = Field(description="receivables, payables, internal_transfers and cash (the last "
                                       "two only for who may see financial data), and the dossier's dashboard "
                                       "accounts by number")


class DrillEntry(BaseModel):
    """An entry behind a report's figure, with the amount on the accounts asked (debit − credit)."""

    reference: str
    booking_date: DateText
    period_code: str | None
    journal_code: str | None
    counterparty_reference: str | None
    counterparty_name: str | None
    invoice_number: str | None
    document_id: str | None
    total: Money
    debit: Money
    credit: Money
    amount: Money
    accounts: list[str]


class ReportEntriesOut(BaseModel):
    """The entries behind a report's figure (at most a page of them: truncated), and their sum."""

    model_config = ConfigDict(populate_by_name=True)

    account: str
    counterparty: str
    period: str
    from_: DateText | None = Field(alias="from")
    to: DateText | None
    closed_periods_only: bool
    entries: list[DrillEntry]
    total: Money
    truncated: bool


class FinancialEntry(BaseModel):
    reference: str
    journal_code: str
    period_code: str
    booking_date: DateText
    document_number: str | None
    counterparty_reference: str | None
    total: Money
    lines: list[Any]


class BankTransaction(BaseModel):
    reference: str
    account_iban: str | None
    booking_date: DateText
    amount: Money
    currency: str | None
    counterparty_name: str | None
    counterparty_iban: str | None
    communication: str | None
    reconciled: bool | None


class BankOut(BaseModel):
    """REP-5: financial-journal entries and bank transactions, oldest first, one page of each."""

    page: int
    page_size: int
    entries_total: int
    entries: list[FinancialEntry]
    transactions_total: int
    transactions: list[BankTransaction]


class ReportOut(BaseModel):
    """REP-2: one standard report: its name, whether provisional months were left out, and the report's own
    figures (money as decimal text, dates ISO 8601 text) next to these fields."""

    model_config = ConfigDict(extra="allow")

    report: str
    closed_periods_only: bool
    accounting_updated_up_to: DateText | None
    provisional_months: list[str] | None = Field(
        default=None, description="the months left out ('YYYY-MM'), for the yearly reports only")
