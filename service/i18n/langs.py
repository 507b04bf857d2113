"""The languages Shortlist speaks, and the locale (Babel's CLDR data) each one writes its
numbers, dates and lists in."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class Lang(StrEnum):
    """A language Shortlist speaks: French first, English too."""

    FR = "fr"
    EN = "en"


LANGS: tuple[Lang, ...] = tuple(Lang)
DEFAULT_LANG = Lang.FR

# The locale of each language's numbers, dates and lists (a language's code is its key, so a
# plain "fr" finds it as well as Lang.FR).
LOCALES: Mapping[str, str] = MappingProxyType({Lang.FR: "fr_FR", Lang.EN: "en_GB"})


def locale_of(lang: str) -> str:
    """The CLDR locale `lang` writes in."""
    return LOCALES[lang]
