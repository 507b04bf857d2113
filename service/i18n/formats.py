"""Numbers, amounts, percentages, dates, lists and names written the way each language writes
them, from Babel's CLDR data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

from service.i18n.langs import locale_of


def long_date(moment: date, lang: str) -> str:
    """A day written out: 22 novembre 2026, 22 November 2026."""
    return format_date(moment, format="long", locale=locale_of(lang))


def number(value: float, lang: str, digits: int = 0, *, trailing_zeros: bool = True) -> str:
    """`value` with the digit grouping and decimal mark of `lang` (1 234 567,89; 1,234,567.89),
    rounded as Python rounds (half to even on the binary value), never "-0"; without
    `trailing_zeros`, 12.50 is written 12.5 and 12.00 is written 12."""
    rounded = round(value, digits) or 0.0
    decimals = ("0" if trailing_zeros else "#") * digits
    pattern = f"#,##0.{decimals}" if digits else "#,##0"
    return format_decimal(rounded, format=pattern, locale=locale_of(lang))


def percent_sign(lang: str) -> str:
    """What follows a percentage's number in `lang`: CLDR's percent sign, its no-break space
    (French) narrowed, as French typography writes it."""
    suffix: str = Locale.parse(locale_of(lang)).percent_formats[None].suffix[0]
    return suffix.replace("\u00a0", "\u202f")


def percent(share: float, lang: str, digits: int = 0) -> str:
    """A share of 1 as a percentage in the typography of `lang` (23 %, 23%)."""
    return f"{number(100 * share, lang, digits)}{percent_sign(lang)}"


def money(value: float, currency: str, lang: str) -> str:
    """An amount in whole units, with its currency's ISO code after it in every language (the
    code, never a symbol that several currencies share)."""
    return f"{number(value, lang)}\u00a0{currency}"


def money_range(low: float, high: float, currency: str, lang: str) -> str:
    """A range of amounts in whole units: 40 000 – 60 000 EUR."""
    return f"{number(low, lang)}\u00a0– {number(high, lang)}\u00a0{currency}"


def listed(items: Sequence[str], lang: str, *, either: bool = False) -> str:
    """`a, b et c` (or `a, b ou c` when `either`) in the words of `lang` (CLDR list patterns)."""
    if either:
        return format_list(list(items), style="or", locale=locale_of(lang))
    return format_list(list(items), style="standard", locale=locale_of(lang))


def _named(names: Mapping[str, str], code: str) -> str | None:
    name = names.get(code)
    return name[:1].upper() + name[1:] if name else None


def territory(code: str, lang: str) -> str | None:
    """A country or region (EU) by its code, in `lang`; None when CLDR does not name it."""
    return _named(Locale.parse(locale_of(lang)).territories, code)


def language_name(code: str, lang: str, *, in_text: bool = False) -> str | None:
    """A language by its ISO 639-1 code, in `lang`: capitalised as a label, or as running text
    writes it when `in_text` (French "l'interface en français", English "in French")."""
    languages = Locale.parse(locale_of(lang)).languages
    return languages.get(code) if in_text else _named(languages, code)


def currency_name(code: str, lang: str) -> str | None:
    """A currency by its ISO 4217 code, in `lang`, capitalised as a label."""
    return _named(Locale.parse(locale_of(lang)).currencies, code)
