"""The catalogs in Jinja2 templates, through Jinja2's i18n extension (`jinja2.ext.i18n`,
newstyle gettext): `{{ _("title") }}`, `{{ ngettext("users", "users_plural", n) }}` write a message
of one domain in the language of the render (its `lang` variable).

Newstyle gettext fills a message's fields with `%`-formatting (`%(name)s`, a literal `%`
doubled), so the callables hand Jinja2 each brace-format message (`{name}`) in that form; a
plural form's `{n}` is the count written as the language writes numbers. Under autoescape,
a message is escaped before Jinja2 marks it safe, as any other text would be."""

from __future__ import annotations

import string

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import escape

from service.i18n.formats import number
from service.i18n.messages import Domain, MissingMessage, plural_id, unfilled


def percent_format(text: str, **given: str) -> str:
    """A brace-format message in the `%`-format newstyle gettext fills: `{name}` becomes
    `%(name)s` and a literal `%` `%%`; the fields in `given` are filled now."""
    written = ""
    for literal, name, _, _ in string.Formatter().parse(text):
        written += literal.replace("%", "%%")
        if name is not None:
            written += given[name].replace("%", "%%") if name in given else f"%({name})s"
    return written


def install(environment: Environment, domain: Domain) -> None:
    """Give `environment`'s templates the messages of `domain`, in the language of each
    render's `lang` variable."""

    def safe(context: Context, text: str) -> str:
        return str(escape(text)) if context.eval_ctx.autoescape else text

    @pass_context
    def gettext(context: Context, key: str) -> str:
        return percent_format(safe(context, unfilled(domain, context["lang"], key)))

    @pass_context
    def ngettext(context: Context, key: str, plural: str, n: int) -> str:
        lang = context["lang"]
        if plural_id(domain, lang, key) != plural:
            raise MissingMessage(f"no plural message {key!r}/{plural!r} in the {lang} catalog")
        form = safe(context, unfilled(domain, lang, key, n))
        return percent_format(form, n=safe(context, number(n, lang)))

    environment.add_extension("jinja2.ext.i18n")
    environment.install_gettext_callables(  # type: ignore[attr-defined]
        gettext, ngettext, newstyle=True
    )
