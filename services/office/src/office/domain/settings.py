"""Dossier settings (DOS-1..3, DOS-5): what a dossier overrides, and the effective values after office defaults.

Effective = built-in defaults ← the office's dossier defaults ← the dossier's overrides, then
the office switches (payment module off for the office means off everywhere; OFF-1).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Literal

from contracts.events.dossiers import (
    AutoTransmission, DossierSettings, JournalSetting, Link, PortalScope, SchemaEntry, VatCodeException,
)
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from office.domain.errors import InvalidInput
from office.domain.validation import invalid_input

if TYPE_CHECKING:  # domain.office builds on these settings
    from office.domain.office import Office

Language = Literal["nl", "fr", "en", "de"]
ValidationMode = Literal["collaborator", "hybrid", "client"]
_ACCOUNT = re.compile(r"^[0-9]{1,10}$")
_SENDER = re.compile(r"^([^@\s]+@|@)[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")

# DOS-4 Administrator may change these (dossier.settings.edit); every other key needs dossier.configure
CLIENT_EDITABLE = frozenset({"auto_transmission", "default_payment_date", "dashboard_accounts"})
EXTRA_KEYS = frozenset({"rubrics_reviewed"})  # office-side only, not on the wire


class JournalPatch(JournalSetting):
    """A dossier journal as sent in a patch: its number format is checked where it is (DOS-3, ENR-4)."""

    @field_validator("number_format")
    @classmethod
    def _format(cls, value: str) -> str:
        check_number_format(value)
        return value


class DossierSettingsPatch(BaseModel):
    """The settings a dossier overrides; every key optional, ``null`` returns a key to the office default."""

    model_config = ConfigDict(extra="forbid")

    portal_scope: PortalScope | None = None
    validation_mode: ValidationMode | None = None
    direct_booking: bool | None = None
    vat_exempt: bool | None = None
    default_counterparty: str | None = Field(default=None, min_length=1, max_length=100)
    keywords: list[str] | None = Field(default=None, max_length=4)
    payment_module: bool | None = None
    payment_preparation: bool | None = None
    default_payment_date: Literal["due_date", "invoice_date", "today"] | None = None
    nightly_sync: bool | None = None
    financial_tab: bool | None = None
    hide_financial_data: bool | None = None
    key_figures_closed_periods_only: bool | None = None
    sales_number_check: bool | None = None
    language: Language | None = None
    auto_transmission: AutoTransmission | None = None
    dashboard_accounts: list[str] | None = Field(default=None, max_length=20)
    app_centre_links: list[Link] | None = Field(default=None, max_length=50)
    permanent_dossier_types: list[str] | None = Field(default=None, max_length=100)
    journals: list[JournalPatch] | None = Field(default=None, max_length=100)
    vat_code_exceptions: list[VatCodeException] | None = Field(default=None, max_length=200)
    office_schema: list[SchemaEntry] | None = Field(default=None, max_length=2000)
    extra_accounts: list[str] | None = Field(default=None, max_length=200)
    rubrics_reviewed: bool | None = None

    @field_validator("keywords")
    @classmethod
    def _keywords(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and any(not k.strip() or len(k) > 50 for k in value):
            raise PydanticCustomError("keyword", "each keyword has 1 to 50 characters")
        return [k.strip() for k in value] if value is not None else None

    @field_validator("dashboard_accounts", "extra_accounts")
    @classmethod
    def _accounts(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and not all(_ACCOUNT.match(a) for a in value):
            raise PydanticCustomError("account", "accounts are 1 to 10 digits of the chart (PCMN), e.g. '400000'")
        return value

    @field_validator("auto_transmission")
    @classmethod
    def _whitelist(cls, value: AutoTransmission | None) -> AutoTransmission | None:
        if value is not None:
            for rule in (value.purchases, value.sales):
                bad = [s for s in rule.sender_whitelist if not _SENDER.match(s)]
                if bad:
                    raise PydanticCustomError("sender", "sender whitelist entries are e-mail addresses or '@domain': '{bad}'",
                                              {"bad": bad[0]})
        return value

    @field_validator("app_centre_links")
    @classmethod
    def _links(cls, value: list[Link] | None) -> list[Link] | None:
        if value is not None and any(not link.url.startswith(("https://", "http://")) for link in value):
            raise PydanticCustomError("url", "links must be http(s) URLs")
        return value

    @field_validator("journals")
    @classmethod
    def _journals(cls, value: list[JournalPatch] | None) -> list[JournalPatch] | None:
        if value is None:
            return None
        aliases = [j.alias for j in value]
        if len(set(aliases)) != len(aliases):
            raise PydanticCustomError("unique", "journal aliases must be unique")
        return value


def check_number_format(number_format: str) -> None:
    """A number format must contain the sequence placeholder ``{seq}`` (optionally ``{seq:05}``) (ENR-4)."""
    if not re.search(r"\{seq(:0?\d{1,2})?\}", number_format):
        raise PydanticCustomError("number_format", "number format '{format}' needs a {seq} placeholder, e.g. "
                                  "'{year}/{seq:05}'", {"format": number_format})
    leftover = re.sub(r"\{(seq|year|month|prefix)(:0?\d{1,2})?\}", "", number_format)
    if "{" in leftover or "}" in leftover:
        raise PydanticCustomError("number_format", "number format '{format}': only {seq}, {year}, {month}, "
                                  "{prefix} are known", {"format": number_format})


def parse_patch(data: Any, prefix: str = "settings") -> tuple[DossierSettingsPatch, set[str]]:
    """The validated patch and the keys it sets; InvalidInput naming the first bad field."""
    if not isinstance(data, dict):
        raise InvalidInput(prefix, "must be an object")
    try:
        patch = DossierSettingsPatch.model_validate(data)
    except ValidationError as exc:
        raise invalid_input(exc, prefix) from None
    return patch, set(patch.model_fields_set)


def apply_patch(overrides: dict[str, Any], patch: DossierSettingsPatch, keys: set[str]) -> dict[str, Any]:
    """The new overrides: set keys replaced, keys set to null removed (they inherit again)."""
    values = patch.model_dump(mode="json", include=keys)
    merged = dict(overrides)
    for key in keys:
        if values[key] is None:
            merged.pop(key, None)
        else:
            merged[key] = values[key]
    return merged


def effective(overrides: dict[str, Any], office: Office, language: str) -> dict[str, Any]:
    """The dossier's effective settings (contract DossierSettings fields plus office-side extras)."""
    defaults = dict(office.dossier_defaults or {})
    base: dict[str, Any] = {"language": language,
                            "key_figures_closed_periods_only": bool(office.key_figures_closed_periods_only)}
    merged = {**base, **defaults, **overrides}
    merged["payment_module"] = bool(office.payment_module) and merged.get("payment_module", True)
    merged["office_schema"] = _merge_schema(office.office_schema or [], overrides.get("office_schema") or [])
    if not merged.get("permanent_dossier_types"):  # WL-12: the office's types (OFF-3) unless the dossier has its own
        merged["permanent_dossier_types"] = [t["code"] for t in office.permanent_dossier_types or ()]
    extras = {k: merged.pop(k, False) for k in EXTRA_KEYS}
    wire = DossierSettings.model_validate(merged).model_dump(mode="json")
    return {**wire, **extras}


def wire_settings(effective_settings: dict[str, Any]) -> DossierSettings:
    """The contract model of effective settings (office-side extras dropped)."""
    return DossierSettings.model_validate({k: v for k, v in effective_settings.items() if k not in EXTRA_KEYS})


def _merge_schema(office_schema: list[dict[str, Any]], dossier_schema: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_account = {entry["account"]: entry for entry in office_schema}
    by_account.update({entry["account"]: entry for entry in dossier_schema})
    return [by_account[a] for a in sorted(by_account)]


def needs_configure(keys: set[str]) -> bool:
    """True when a patch touches an office-only key (dossier.configure rather than dossier.settings.edit)."""
    return bool(keys - CLIENT_EDITABLE)
