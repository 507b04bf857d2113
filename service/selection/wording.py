"""The analysis in words: its sentences and labels are messages of the `analysis` catalogs
(`service/i18n/catalogs/<lang>/LC_MESSAGES/analysis.po`), named here with the values of their
fields, and written in each language by whoever shows them."""

from __future__ import annotations

import math

from service import i18n
from service.i18n import FieldValue, Text


def said(key: str, /, **fields: FieldValue) -> Text:
    """The `analysis` message `key` with its fields."""
    return Text("analysis", key, fields)


def counted(key: str, count: int, /, **fields: FieldValue) -> Text:
    """The form of the `analysis` plural message `key` that `count` takes, with its fields."""
    return Text("analysis", key, fields, count)


def percent(share: float) -> FieldValue:
    """A 0-1 share as a whole percentage, in each language's typography."""
    return lambda lang: i18n.percent(share, lang)


def floor_percent(share: float) -> FieldValue:
    """A share rounded down: 79.96 % is never shown as the 80 % it falls short of."""
    return percent(math.floor(100 * share + 1e-9) / 100)
