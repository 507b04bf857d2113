"""The message catalogs: one gettext catalog per language and domain
(`catalogs/<lang>/LC_MESSAGES/<domain>.po`), read with Babel, its messages found by id.

`message` writes one message in one language, `plural` the form of a plural message that a
count takes in that language (the catalog's own `Plural-Forms` rule: French counts 0 and 1
in the singular, English only 1). A :class:`Text` is a message with its fields, to write in
any language later: code that composes sentences builds Texts once and writes them in each
of `LANGS`, with no branch per language. A field's value is joined to the words before it
by the language's rules (:mod:`service.i18n.joins`)."""

from __future__ import annotations

import gettext
import string
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Literal, Protocol

from babel.messages.pofile import read_po

from service.i18n.formats import listed, number
from service.i18n.joins import join
from service.i18n.langs import Lang

CATALOGS = Path(__file__).resolve().parent / "catalogs"
Domain = Literal["pages", "reports", "analysis"]
DOMAINS: tuple[Domain, ...] = ("pages", "reports", "analysis")


class MissingMessage(KeyError):
    """A message id that a language's catalog does not hold."""


@dataclass(frozen=True)
class Catalog:
    """The messages of one language and domain: plain ones by id, plural ones by id with
    their forms, and the rule that picks a form for a count."""

    messages: Mapping[str, str]
    plurals: Mapping[str, tuple[str, ...]]
    plural_form: Callable[[int], int]
    #: Each plural message's `msgid_plural`: its id followed by `_plural`.
    plural_ids: Mapping[str, str]


def read_catalog(folder: Path, lang: str, domain: str) -> Catalog:
    """The catalog of `lang` and `domain` in `folder` (`<lang>/LC_MESSAGES/<domain>.po`)."""
    path = folder / lang / "LC_MESSAGES" / f"{domain}.po"
    with path.open("rb") as source:
        entries = read_po(source, locale=lang, domain=domain)
    messages: dict[str, str] = {}
    plurals: dict[str, tuple[str, ...]] = {}
    plural_ids: dict[str, str] = {}
    for entry in entries:
        if isinstance(entry.id, str) and entry.id and isinstance(entry.string, str):
            messages[entry.id] = entry.string
        elif isinstance(entry.id, tuple) and isinstance(entry.string, tuple):
            plurals[entry.id[0]] = tuple(str(form) for form in entry.string)
            plural_ids[entry.id[0]] = str(entry.id[1])
    return Catalog(
        messages=MappingProxyType(messages),
        plurals=MappingProxyType(plurals),
        plural_form=gettext.c2py(entries.plural_expr),
        plural_ids=MappingProxyType(plural_ids),
    )


@cache
def _catalog(folder: Path, lang: str, domain: str) -> Catalog:
    return read_catalog(folder, lang, domain)


def catalog(lang: str, domain: Domain) -> Mapping[str, str]:
    """The plain messages of one language and domain, by id."""
    return _catalog(CATALOGS, str(lang), domain).messages


def plurals(lang: str, domain: Domain) -> Mapping[str, tuple[str, ...]]:
    """The plural messages of one language and domain: each id with its forms."""
    return _catalog(CATALOGS, str(lang), domain).plurals


def plural_id(domain: Domain, lang: str, key: str) -> str | None:
    """The `msgid_plural` of plural message `key`, or None when there is no such message."""
    return _catalog(CATALOGS, str(lang), domain).plural_ids.get(key)


def fill(lang: str, text: str, values: Mapping[str, object]) -> str:
    """`text` with its `{name}` fields filled with `values`, each value joined to the words
    before it as `lang` joins them (« de » + « Oracle » is « d'Oracle » in French)."""
    written = ""
    formatter = string.Formatter()
    for literal, name, spec, conversion in formatter.parse(text):
        written += literal
        if name is None:
            continue
        value, _ = formatter.get_field(name, (), values)
        shown = formatter.format_field(formatter.convert_field(value, conversion), spec or "")
        written, shown = join(lang, written, shown)
        written += shown
    return written


def unfilled(domain: Domain, lang: str, key: str, count: int | None = None) -> str:
    """The message `key` of `domain` in `lang` as its catalog writes it, fields unfilled; for
    a plural message (a `count` given), the form that `count` takes in `lang`."""
    found = _catalog(CATALOGS, str(lang), domain)
    try:
        if count is None:
            return found.messages[key]
        return found.plurals[key][found.plural_form(count)]
    except KeyError:
        kind = "message" if count is None else "plural message"
        raise MissingMessage(f"no {kind} {key!r} in the {lang} {domain} catalog") from None


def message(domain: Domain, lang: str, key: str, **values: object) -> str:
    """The message `key` of `domain` in `lang`, with `values` filled in (`{name}` fields)."""
    text = unfilled(domain, lang, key)
    return fill(lang, text, values) if values else text


def plural(domain: Domain, lang: str, key: str, n: int, **values: object) -> str:
    """The form of the plural message `key` that the count `n` takes in `lang`, with `n`
    written as `lang` writes numbers in its `{n}` field and `values` in the others."""
    text = unfilled(domain, lang, key, n)
    return fill(lang, text, {**values, "n": number(n, lang)})


class Worded(Protocol):
    """Anything that can be written in each language: a :class:`Text`, a vocabulary label."""

    def in_lang(self, lang: str) -> str:
        """The words in `lang`."""
        ...


# A field's value: the same words in every language (a product's name), words to write in
# each language, or a function that writes them (a percentage in each typography).
FieldValue = str | Worded | Callable[[str], str]


def written(value: FieldValue, lang: str) -> str:
    """A field's value in `lang`."""
    if isinstance(value, str):
        return value
    if callable(value):
        return value(lang)
    return value.in_lang(lang)


@dataclass(frozen=True)
class Text:
    """A message by id with the values of its fields (and, for a plural message, its count),
    to write in any language."""

    domain: Domain
    key: str
    fields: Mapping[str, FieldValue] = field(default_factory=dict)
    count: int | None = None

    def in_lang(self, lang: str) -> str:
        """The message written in `lang`."""
        values = {name: written(value, lang) for name, value in self.fields.items()}
        if self.count is None:
            return message(self.domain, lang, self.key, **values)
        return plural(self.domain, lang, self.key, self.count, **values)

    @property
    def fr(self) -> str:
        """In French (for the fields an API response or a snapshot keeps per language)."""
        return self.in_lang(Lang.FR)

    @property
    def en(self) -> str:
        """In English."""
        return self.in_lang(Lang.EN)


def listing(items: Sequence[FieldValue], *, either: bool = False) -> Callable[[str], str]:
    """Items written as a list in each language: `a, b et c` (`a, b ou c` when `either`)."""
    return lambda lang: listed([written(item, lang) for item in items], lang, either=either)


def separated(items: Sequence[FieldValue], separator: FieldValue) -> Callable[[str], str]:
    """Items written one after the other, `separator` between them (a message: French puts a
    narrow space before a semicolon)."""
    return lambda lang: written(separator, lang).join(written(item, lang) for item in items)
