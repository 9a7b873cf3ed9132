"""The envelope every event carries, the base of all contract models, and the contract error."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, ClassVar
from uuid import UUID, uuid4

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator


class ContractError(ValueError):
    """A message that cannot be decoded into its contract; the message names the topic and field."""

    def __init__(self, message: str, *, topic: str | None = None, fields: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.topic = topic
        self.fields = fields


def _published_schema(schema: dict[str, Any], cls: type[BaseModel]) -> None:
    """Shape the published JSON Schema: what a tolerant consumer may rely on."""
    # consumers ignore unknown fields, so the published schema must not forbid them
    schema.pop("additionalProperties", None)
    event_type = getattr(cls, "EVENT_TYPE", "")
    if not event_type:
        return
    version = cls.SCHEMA_VERSION  # type: ignore[attr-defined]
    schema["properties"]["schema_version"].update({"const": version, "default": version})
    # always present on the wire although producers may leave them to their defaults
    schema["required"] = ["event_id", "occurred_at", *[f for f in schema["required"]
                                                       if f not in ("event_id", "occurred_at")]]
    schema["x-event-type"] = event_type
    schema["x-schema-version"] = version


class ContractModel(BaseModel):
    """Base of every wire model: frozen, and strict for producers (unknown fields are refused).

    Consumers validate with `extra="ignore"` (see `contracts.codec`), so producers may add
    optional fields without breaking them. Collections are tuples so events stay immutable.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", json_schema_extra=_published_schema)


class Event(ContractModel):
    """An event on a Kafka topic: the envelope fields, then the event's own fields.

    `EVENT_TYPE` names the event (and its topic); `SCHEMA_VERSION` is bumped on a breaking
    change, together with an `upcast_vN_vM` function registered in `contracts.upcasting`.
    """

    EVENT_TYPE: ClassVar[str] = ""
    SCHEMA_VERSION: ClassVar[int] = 1

    event_id: UUID = Field(default_factory=uuid4, description="unique id; consumers deduplicate on it")
    occurred_at: AwareDatetime = Field(
        default_factory=lambda: datetime.now(timezone.utc), description="when it happened (UTC)")
    correlation_id: str = Field(min_length=1, max_length=200, description="follows one flow across services")
    schema_version: int = Field(ge=1, description="version of this event's schema; defaults to the current one")
    office_id: UUID = Field(description="the accounting office (tenant)")
    dossier_id: UUID | None = Field(default=None, description="the client dossier; the message key when set")

    @model_validator(mode="before")
    @classmethod
    def _default_schema_version(cls, data: Any) -> Any:
        if isinstance(data, dict) and "schema_version" not in data:
            return {**data, "schema_version": cls.SCHEMA_VERSION}
        return data

    @field_validator("schema_version")
    @classmethod
    def _current_schema_version(cls, value: int) -> int:
        if cls.EVENT_TYPE and value != cls.SCHEMA_VERSION:
            raise ValueError(f"{cls.EVENT_TYPE} is at schema_version {cls.SCHEMA_VERSION}, got {value}; "
                             "older payloads are upcast by contracts.codec.deserialize")
        return value

    @field_validator("occurred_at")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        return value.astimezone(timezone.utc)
