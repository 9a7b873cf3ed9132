"""COM-5: an office edits its own versions of the standard templates; each is checked by rendering it first."""
from __future__ import annotations

from notify.adapters.standard import LANGUAGES, keys, standard
from notify.domain.errors import TemplateProblem, UnknownTemplate
from notify.domain.rendering import Rendered, Template, render
from notify.domain.samples import sample_params

MAX_SOURCE = 20_000


def check_target(key: str, language: str) -> None:
    """UnknownTemplate unless (key, language) is a standard template an office may override."""
    if key not in keys():
        raise UnknownTemplate(f"no standard template {key!r}; known: {', '.join(keys())}")
    if language not in LANGUAGES or standard(key, language) is None:
        raise UnknownTemplate(f"no language {language!r}; known: {', '.join(LANGUAGES)}")


def validate(key: str, language: str, template: Template) -> Rendered:
    """The template rendered with the key's sample params; TemplateProblem naming the problem otherwise."""
    check_target(key, language)
    for part, source in (("subject", template.subject), ("body", template.body), ("html", template.html or "")):
        if len(source) > MAX_SOURCE:
            raise TemplateProblem(f"{part}: longer than {MAX_SOURCE} characters")
    try:
        return render(template, sample_params(key))
    except TemplateProblem as exc:
        available = ", ".join(sorted(sample_params(key)))
        raise TemplateProblem(f"{exc.message} (placeholders available for {key}: {available})") from exc
