"""Office settings (OFF-1, OFF-3): portal name, switches, templates, schema, VAT codes, links."""
from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from contracts.events.dossiers import Link, SchemaEntry
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from office.domain.errors import InvalidInput
from office.domain.validation import invalid_input
from office.domain.settings import DossierSettingsPatch, Language, check_number_format

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")
# keys whose change alters the effective settings of every dossier (they are republished)
DOSSIER_AFFECTING = frozenset({"dossier_defaults", "payment_module", "key_figures_closed_periods_only", "office_schema",
                               "permanent_dossier_types"})


class PermanentDossierType(BaseModel):
    """A type of document kept in the clients' permanent dossier (OFF-3, REP-7, WL-12)."""

    model_config = ConfigDict(extra="forbid")
    code: str = Field(min_length=1, max_length=40)
    name: str = Field(min_length=1, max_length=100)


class JournalTemplate(BaseModel):
    """A journal created in each dossier at activation (OFF-3)."""

    model_config = ConfigDict(extra="forbid")
    alias: str = Field(min_length=1, max_length=20)
    description: str | None = Field(default=None, max_length=200)
    type: Literal["purchases", "sales", "financial", "misc"]
    number_format: str = Field(min_length=1, max_length=60)
    credit_notes_only: bool = False
    active: bool = True

    @field_validator("number_format")
    @classmethod
    def _format(cls, value: str) -> str:
        check_number_format(value)
        return value


class VatCode(BaseModel):
    """A generic VAT code of the office (OFF-3); dossiers may have exceptions."""

    model_config = ConfigDict(extra="forbid")
    code: str = Field(min_length=1, max_length=20)
    rate: str = Field(pattern=r"^\d{1,2}(\.\d{1,2})?$", description="percentage, e.g. '21'")
    type: Literal["goods", "services", "investments"]
    region: Literal["national", "eu", "non_eu"]
    description: str | None = None


class Video(BaseModel):
    """An instruction video shown in the portal (OFF-3)."""

    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1, max_length=200)
    url: str = Field(pattern=r"^https?://")
    language: Language | None = None


class OfficePatch(BaseModel):
    """A change to the office settings; absent keys stay as they are."""

    model_config = ConfigDict(extra="forbid")
    name: str | None = Field(default=None, min_length=1, max_length=200)
    portal_name: str | None = Field(default=None, min_length=1, max_length=200)
    default_language: Language | None = None
    key_figures_closed_periods_only: bool | None = None
    dossier_activation: Literal["admins", "admins_and_collaborators"] | None = None
    payment_module: bool | None = None
    dossier_defaults: DossierSettingsPatch | None = None
    permanent_dossier_types: list[PermanentDossierType] | None = None
    journal_templates: list[JournalTemplate] | None = None
    office_schema: list[SchemaEntry] | None = None
    vat_codes: list[VatCode] | None = None
    instruction_videos: list[Video] | None = None
    app_centre_links: list[Link] | None = None

    @field_validator("app_centre_links")
    @classmethod
    def _links(cls, value: list[Link] | None) -> list[Link] | None:
        if value is not None and any(not link.url.startswith(("https://", "http://")) for link in value):
            raise PydanticCustomError("url", "links must be http(s) URLs")
        return value

    @field_validator("journal_templates")
    @classmethod
    def _unique_aliases(cls, value: list[JournalTemplate] | None) -> list[JournalTemplate] | None:
        if value is not None and len({t.alias for t in value}) != len(value):
            raise PydanticCustomError("unique", "journal template aliases must be unique")
        return value


DEFAULT_SETTINGS: dict[str, Any] = {
    "key_figures_closed_periods_only": False,
    "dossier_activation": "admins_and_collaborators",
    "payment_module": False,
    "dossier_defaults": {},
    "permanent_dossier_types": [],
    "journal_templates": [
        {"alias": "ACH", "description": "Purchases", "type": "purchases", "number_format": "{year}/{seq:05}",
         "credit_notes_only": False, "active": True},
        {"alias": "VEN", "description": "Sales", "type": "sales", "number_format": "{year}/{seq:05}",
         "credit_notes_only": False, "active": True},
    ],
    "office_schema": [],
    "vat_codes": [],
    "instruction_videos": [],
    "app_centre_links": [],
}
NAMED = ("name", "portal_name", "default_language")


def parse_office_patch(data: Any) -> tuple[OfficePatch, set[str]]:
    """The validated office patch and the keys it sets; InvalidInput naming the first bad field."""
    if not isinstance(data, dict):
        raise InvalidInput("body", "must be an object")
    try:
        patch = OfficePatch.model_validate(data)
    except ValidationError as exc:
        raise invalid_input(exc) from None
    for key in patch.model_fields_set:
        if getattr(patch, key) is None:
            raise InvalidInput(key, "may not be null", "required")
    return patch, set(patch.model_fields_set)


def patched_settings(settings: dict[str, Any], patch: OfficePatch, keys: set[str]) -> dict[str, Any]:
    """The office's settings document with the patch applied (columns name/portal_name/language excluded)."""
    values = patch.model_dump(mode="json", include=keys - set(NAMED))
    if "dossier_defaults" in values:
        defaults = patch.dossier_defaults
        assert defaults is not None
        values["dossier_defaults"] = defaults.model_dump(mode="json", include=defaults.model_fields_set)
    return {**DEFAULT_SETTINGS, **settings, **values}


def _default(key: str) -> Any:
    return field(default_factory=lambda: copy.deepcopy(DEFAULT_SETTINGS[key]))


@dataclass(frozen=True)
class Office:
    """An accounting office: its columns and its settings (OFF-1, OFF-3), the defaults filled in. The settings are
    the JSON documents the API shows (a template, a schema entry... each a dict)."""

    id: str
    slug: str
    name: str
    portal_name: str
    default_language: str
    key_figures_closed_periods_only: bool = False
    dossier_activation: str = "admins_and_collaborators"
    payment_module: bool = False
    dossier_defaults: dict[str, Any] = _default("dossier_defaults")
    permanent_dossier_types: list[dict[str, Any]] = _default("permanent_dossier_types")
    journal_templates: list[dict[str, Any]] = _default("journal_templates")
    office_schema: list[dict[str, Any]] = _default("office_schema")
    vat_codes: list[dict[str, Any]] = _default("vat_codes")
    instruction_videos: list[dict[str, Any]] = _default("instruction_videos")
    app_centre_links: list[dict[str, Any]] = _default("app_centre_links")

    @classmethod
    def of(cls, *, id: str, slug: str, name: str, portal_name: str, default_language: str,  # noqa: A002
           settings: Mapping[str, Any]) -> Office:
        """The office of its columns and its stored settings document (missing keys take the defaults)."""
        document = {**DEFAULT_SETTINGS, **settings}
        return cls(id=id, slug=slug, name=name, portal_name=portal_name, default_language=default_language,
                   **{key: document[key] for key in DEFAULT_SETTINGS})

    def settings(self) -> dict[str, Any]:
        """The settings document as stored (every key of DEFAULT_SETTINGS, in its order)."""
        return {key: getattr(self, key) for key in DEFAULT_SETTINGS}

    def as_json(self) -> dict[str, Any]:
        """The API form of the office and its settings (GET/PATCH /office)."""
        return {"id": self.id, "slug": self.slug, "name": self.name, "portal_name": self.portal_name,
                "default_language": self.default_language, **self.settings()}


def public(office: Office) -> dict[str, Any]:
    """What the login page may show about an office (OFF-1)."""
    return {"slug": office.slug, "name": office.name, "portal_name": office.portal_name,
            "default_language": office.default_language}
