"""An office's template cannot exhaust the notify service (issue 13 item 6, COM-5).

Before: Jinja2's sandbox let ``{{ 'a'*10**8 }}`` build 100 MB, ``range(10**8)`` raised OverflowError (a 500),
and nested loops or exponential macros ran for minutes. Each hostile template here must be refused with a
TemplateProblem naming the part and the bound, within seconds of CPU and without growing the process.
"""
from __future__ import annotations

import resource
import time

import pytest

from notify.domain.errors import TemplateProblem
from notify.domain.rendering import Template, render
from notify.handlers.templates import validate

HOSTILE = {
    "repetition": ("{{ 'a'*10**8 }}", "repetition"),
    "list repetition": ("{{ [1]*10**8 }}", "repetition"),
    "huge range": ("{% for i in range(10**8) %}x{% endfor %}", "number above"),
    "nested loops": ("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}", "loop turns"),
    "loop over a long string": ("{% for i in range(999) %}{% for c in 'x'*99999 %}{% endfor %}{% endfor %}",
                                "loop turns"),
    "exponential macro": ("{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(40) }}",
                          "loop turns"),
    "doubling concatenation": ("{% set a = 'x'*99999 %}{% set b = a ~ a %}{{ b ~ b }}", "concatenation"),
    "doubling in a namespace": ("{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}"
                                "{% endfor %}", "concatenation"),
    "power": ("{{ 2**(10**8) }}", "power"),
    "padding method": ("{{ 'x'.ljust(10**9) }}", "number above"),
    "format width": ("{{ '{:>999999999}'.format(1) }}", "format"),
    "percent width": ("{{ '%0999999999d' % 1 }}", "format"),
    "star width": ("{{ '%*d' % (10**9, 1) }}", "format"),
    "center filter": ("{{ 'x'|center(10**9) }}", "number above"),
    "replace product": ("{% set s = 'x'*90000 %}{{ s|replace('', s) }}", "replacement"),
    "join product": ("{{ (range(99999)|list)|join('x'*99999) }}", "join"),
    "indent product": ("{% set s = '\\n'*90000 %}{{ s|indent(90000) }}", "indent"),
    "map over many": ("{{ range(99999)|map('string')|list|length }}", "loop turns"),
    "long output": ("{% for i in range(99999) %}{{ 'y'*10 }}{% endfor %}", "renders longer"),
    "lipsum": ("{{ lipsum(99999) }}", "lipsum"),
    "division by zero": ("{{ 1/0 }}", "ZeroDivisionError"),
    "slow filter again and again": ("{% set s = 'ab '*33000 %}{% for i in range(1000) %}{% set _ = s|wordwrap(2) %}"
                                    "{% endfor %}", "longer than 2 s"),
    "list doubling": ("{% set l = range(99999)|list %}{% for i in range(30) %}{% set _ = l.extend(l) %}{% endfor %}",
                      "not allowed"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_body_is_refused_quickly_and_small(name):
    source, named = HOSTILE[name]
    before, started = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.process_time()
    with pytest.raises(TemplateProblem) as refused:
        render(Template(subject="s", body=source), {"name": "Ann"})
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert refused.value.message.startswith("body: ") and named in refused.value.message
    cpu = time.process_time() - started
    assert cpu < 4 and grown_mb < 50, (cpu, grown_mb)  # the budget's 2 s of CPU and one last step


def test_saving_names_the_problem_and_the_part():
    """What PUT /templates answers with 422: the part and the bound."""
    with pytest.raises(TemplateProblem, match=r"^subject: too much work or text \(a repetition"):
        validate("user.welcome", "en", Template(subject="{{ 'a'*10**8 }}", body="Hello {{ name }}"))
    with pytest.raises(TemplateProblem, match=r"^html: "):
        validate("user.welcome", "en", Template(subject="Hi", body="Hello", html="{{ 'a'*10**8 }}"))


def test_ordinary_templates_still_render_with_escaping():
    template = Template(subject="Hi {{ name }}", html="<p>{{ name ~ '<b>' }}{{ '%5.2f' % 3.14159 }}</p>",
                        body="{% for x in [1, 2, 3] %}{{ x }}{% endfor %} {{ name|center(9) }} "
                             "{{ 'a,b'.split(',')|join('-') }}")
    out = render(template, {"name": "<Ann>"})
    assert out.subject == "Hi <Ann>" and out.body == "123   <Ann>   a-b"
    assert out.html == "<p>&lt;Ann&gt;&lt;b&gt; 3.14</p>"


def test_a_template_cannot_shadow_the_bounds():
    """The bounded concatenation and loop are reached through the environment, not a name a template can set."""
    source = "{% set bounded_concat = none %}{% set bounded_steps = none %}{% for i in [1] %}{{ 'a' ~ 'b' }}{% endfor %}"
    assert render(Template(subject="s", body=source), {}).body == "ab"
    with pytest.raises(TemplateProblem, match="concatenation"):
        render(Template(subject="s", body="{% set bounded_concat = none %}{% set a = 'x'*99999 %}{{ a ~ a }}"), {})
