"""The lists an office or a dossier edits row by row (OFF-3, DOS-3, DOS-5): their columns and where they live.

Each list is one key of ``PATCH /office`` or ``PATCH /dossiers/{id}/settings``; the editor sends the
whole list on save. Labels are marked for translation and said where they are shown.
"""
from __future__ import annotations

from dataclasses import dataclass

from portal.domain.languages import LANGUAGES
from portal.i18n import N_

JOURNAL_TYPES = (("purchases", N_("Purchases")), ("sales", N_("Sales")), ("financial", N_("Financial")),
                 ("misc", N_("Miscellaneous")))
VAT_TYPES = (("goods", N_("Goods")), ("services", N_("Services")), ("investments", N_("Investments")))
REGIONS = (("national", N_("Belgium")), ("eu", N_("EU")), ("non_eu", N_("Outside the EU")))
ANY = (("", N_("Any")),)


@dataclass(frozen=True)
class Column:
    """One column of a list: its key in the office's JSON, label, input kind and choices."""

    key: str
    label: str
    kind: str = "text"  # text | url | number | select | check
    options: tuple[tuple[str, str], ...] = ()
    size: int = 12
    default: str = ""


@dataclass(frozen=True)
class ListSpec:
    """An editable list: its key, title, explanation, columns, and for dossiers which view it is read from."""

    key: str
    title: str
    help: str
    columns: tuple[Column, ...]
    scalar: bool = False  # a list of plain strings (one column)
    read_from: str = "effective"  # dossier lists: effective settings or the dossier's own overrides
    client_editable: bool = False


LINK_COLUMNS = (Column("title", N_("Title"), size=24), Column("url", N_("Address"), "url", size=36))
SCHEMA_COLUMNS = (Column("account", N_("Account"), size=10), Column("rubric", N_("Rubric"), size=14),
                  Column("description", N_("Description"), size=24), Column("extra_info", N_("Extra information"), size=24))

OFFICE_LISTS: dict[str, ListSpec] = {s.key: s for s in (
    ListSpec("journal_templates", N_("Journal templates"),
             N_("Every active template becomes a journal of each dossier at its activation."), (
                 Column("alias", N_("Alias"), size=8), Column("description", N_("Description"), size=20),
                 Column("type", N_("Type"), "select", JOURNAL_TYPES, default="purchases"),
                 Column("number_format", N_("Number format"), size=16, default="{year}/{seq:05}"),
                 Column("credit_notes_only", N_("Credit notes only"), "check"),
                 Column("active", N_("Active"), "check", default="true"))),
    ListSpec("vat_codes", N_("VAT codes"),
             N_("The office's generic VAT codes; a dossier can have exceptions."), (
                 Column("code", N_("Code"), size=8), Column("rate", N_("VAT rate"), size=5),
                 Column("type", N_("Type"), "select", VAT_TYPES, default="goods"),
                 Column("region", N_("Region"), "select", REGIONS, default="national"),
                 Column("description", N_("Description"), size=28))),
    ListSpec("office_schema", N_("Office schema"),
             N_("Extra information per account or rubric, used when annotating documents."), SCHEMA_COLUMNS),
    ListSpec("permanent_dossier_types", N_("Permanent-dossier types"),
             N_("The kinds of document kept in the clients' permanent dossier."), (
                 Column("code", N_("Code"), size=10), Column("name", N_("Name"), size=30))),
    ListSpec("app_centre_links", N_("App-centre links"), N_("Links shown to every client in the portal."),
             LINK_COLUMNS),
    ListSpec("instruction_videos", N_("Instruction videos"), N_("Videos shown in the portal, per language or for all."), (
        *LINK_COLUMNS, Column("language", N_("Language"), "select", ANY + tuple((c, c.upper()) for c in LANGUAGES)))),
)}

DOSSIER_LISTS: dict[str, ListSpec] = {s.key: s for s in (
    ListSpec("journals", N_("Journals"),
             N_("The dossier's journals, created from the office templates at activation. Mark each one reviewed."), (
                 Column("alias", N_("Alias"), size=6), Column("description", N_("Description"), size=14),
                 Column("type", N_("Type"), "select", JOURNAL_TYPES, default="purchases"),
                 Column("number_format", N_("Number format"), size=14, default="{year}/{seq:05}"),
                 Column("prefix", N_("Prefix"), size=5), Column("next_number", N_("Next number"), "number", size=6,
                                                                default="1"),
                 Column("first_period", N_("First period"), size=8),
                 Column("foreign_currency", N_("Foreign currency"), "check"),
                 Column("credit_notes_only", N_("Credit notes only"), "check"),
                 Column("active", N_("Active"), "check", default="true"),
                 Column("reviewed", N_("Reviewed"), "check"))),
    ListSpec("vat_code_exceptions", N_("VAT-code exceptions"),
             N_("Where this dossier departs from the office's VAT codes; empty cells keep the office's value."), (
                 Column("code", N_("Code"), size=8), Column("rate", N_("VAT rate"), size=5),
                 Column("type", N_("Type"), "select", ANY + VAT_TYPES), Column("region", N_("Region"), "select", ANY + REGIONS),
                 Column("journal_type", N_("Journal type"), "select", ANY + JOURNAL_TYPES),
                 Column("description", N_("Description"), size=24))),
    ListSpec("extra_accounts", N_("Extra accounts for annotation"),
             N_("Accounts the client may choose when annotating, beyond the rubric schema."),
             (Column("value", N_("Account"), size=12),), scalar=True),
    ListSpec("office_schema", N_("Rubric schema"),
             N_("This dossier's own entries; they replace the office schema's entry for the same account."),
             SCHEMA_COLUMNS, read_from="overrides"),
    ListSpec("app_centre_links", N_("App-centre links"), N_("Links shown to this dossier's users."), LINK_COLUMNS),
)}
