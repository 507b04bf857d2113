"""The plain-words labels of the vocabularies (capabilities, functional domains, company
sizes, verticals) in each language, from the `vocabulary` gettext catalogs that `vendors/`
owns (`locales/<lang>/LC_MESSAGES/vocabulary.po`).

`vendors/` may import `criteria/` only, never the service, so it reads its catalogs itself,
with Babel, and shares nothing with `service.i18n` but the format: the service writes these
labels through :class:`Label` (`label.in_lang(lang)`), and its catalog tests hold these
catalogs to the same rules as its own (every language, every id). Adding a language means
adding its catalog here too."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from babel.messages.pofile import read_po

LOCALES = Path(__file__).resolve().parent / "locales"
DOMAIN = "vocabulary"


class MissingLabel(KeyError):
    """A label id that a language's vocabulary catalog does not hold."""


def read_labels(folder: Path, lang: str) -> Mapping[str, str]:
    """The labels of `lang` in `folder` (`<lang>/LC_MESSAGES/vocabulary.po`), by id."""
    with (folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as source:
        entries = read_po(source, locale=lang, domain=DOMAIN)
    return MappingProxyType(
        {
            entry.id: entry.string
            for entry in entries
            if isinstance(entry.id, str) and entry.id and isinstance(entry.string, str)
        }
    )


@cache
def _labels(folder: Path, lang: str) -> Mapping[str, str]:
    return read_labels(folder, lang)


def labels(lang: str) -> Mapping[str, str]:
    """Every label of `lang`, by id."""
    return _labels(LOCALES, str(lang))


def label(key: str, lang: str) -> str:
    """The label `key` in `lang`."""
    try:
        return labels(lang)[key]
    except KeyError:
        raise MissingLabel(f"no label {key!r} in the {lang} vocabulary catalog") from None


@dataclass(frozen=True)
class Label:
    """A vocabulary label by its id in the catalogs, to write in any language."""

    key: str

    def in_lang(self, lang: str) -> str:
        """The label in `lang`."""
        return label(self.key, lang)

    @property
    def fr(self) -> str:
        """In French (for the fields a page or a response keeps per language)."""
        return self.in_lang("fr")

    @property
    def en(self) -> str:
        """In English."""
        return self.in_lang("en")
