"""News items of the office (PLT-3): what an admin writes, who reads it, in which language. Plain text only."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from office.domain.validation import invalid_input

Audience = Literal["office", "clients", "both"]
LANGUAGES = ("nl", "fr", "en", "de")
ALL = "all"  # one text for every language
AUDIENCES_OF_KIND = {"collaborator": ("office", "both"), "client": ("clients", "both")}


class NewsText(BaseModel):
    """A title and a text in one language (plain text: the portal escapes it)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    title: str = Field(min_length=1, max_length=120)
    text: str = Field(min_length=1, max_length=4000)


class NewsInput(BaseModel):
    """A news item as an admin publishes or edits it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    audience: Audience
    texts: dict[str, NewsText] = Field(min_length=1, max_length=len(LANGUAGES))
    link: str | None = Field(default=None, max_length=500)

    @field_validator("texts")
    @classmethod
    def _languages(cls, texts: dict[str, NewsText]) -> dict[str, NewsText]:
        unknown = sorted(set(texts) - {ALL, *LANGUAGES})
        if unknown:
            raise PydanticCustomError("language", "unknown language {unknown}: use nl, fr, en, de or all",
                                      {"unknown": ", ".join(unknown)})
        if ALL in texts and len(texts) > 1:
            raise PydanticCustomError("all_and_languages", "one text for all languages or one per language, not both")
        return texts

    @field_validator("link")
    @classmethod
    def _link(cls, link: str | None) -> str | None:
        if not link:
            return None
        parts = urlsplit(link)
        if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in link):
            raise PydanticCustomError("url", "the link must be a web address starting with https:// or http://")
        return link

    @model_validator(mode="before")
    @classmethod
    def _object(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            raise PydanticCustomError("object", "the news item must be a JSON object")
        return data


def parse_news(body: Any) -> NewsInput:
    """The validated news item; InvalidInput naming every bad field otherwise."""
    try:
        return NewsInput.model_validate(body)
    except ValidationError as exc:
        raise invalid_input(exc) from None


def texts_json(item: NewsInput) -> dict[str, dict[str, str]]:
    return {lang: text.model_dump() for lang, text in item.texts.items()}


def reaches(audience: str, kind: str) -> bool:
    """Whether an item for this audience is meant for a user of this kind (collaborator or client)."""
    return audience in AUDIENCES_OF_KIND.get(kind, ())


@dataclass(frozen=True)
class NewsItem:
    """A news item as the office keeps it (PLT-3)."""

    id: str
    audience: str
    texts: dict[str, dict[str, str]]
    link: str | None
    published_at: datetime
    updated_at: datetime
    withdrawn_at: datetime | None = None

    def as_json(self) -> dict[str, Any]:
        """The API form (API.md ``NewsItem``)."""
        return {"id": self.id, "audience": self.audience, "texts": self.texts, "link": self.link,
                "published_at": _iso(self.published_at), "updated_at": _iso(self.updated_at),
                "withdrawn_at": _iso(self.withdrawn_at)}


@dataclass(frozen=True)
class HelpMarks:
    """When a user last opened the news and dismissed the quick-start (None: never)."""

    news_seen_at: datetime | None = None
    quick_start_dismissed_at: datetime | None = None


MARKS = ("news_seen_at", "quick_start_dismissed_at")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
