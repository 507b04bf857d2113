"""How a language joins the words of a message to a value put into one of its fields.

French contracts a preposition with the article that opens the value (« le poids de » + « la
couverture » stays, + « le coût » gives « du coût », « à » + « les tableaux » gives « aux
tableaux ») and elides « de » and « que » before a vowel (« d'Oracle », « qu'Axonaut »), so
a catalog writes « de {product} » once and the name decides. A language without rules here
joins values as they come."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

# The article a French value opens with, and what it makes with the preposition before it.
_CONTRACTIONS = {
    "de": (("le ", "du "), ("les ", "des "), ("des ", "de ")),
    "à": (("le ", "au "), ("les ", "aux "), ("des ", "aux ")),
}
_VOWELS = "aeiouyéèêàâîô"


def _french(before: str, value: str) -> tuple[str, str]:
    """« de » or « à » at the end of `before` contracted with the article opening `value`,
    « de » and « que » elided before a vowel."""
    word = before[:-1].rpartition(" ")[2]
    preposition = word.lower()
    if not before.endswith(" ") or preposition not in ("de", "à", "que"):
        return before, value
    start = before[: len(before) - len(word) - 1]
    for article, contracted in _CONTRACTIONS.get(preposition, ()):
        if value.startswith(article):
            return start + _cased(contracted, word), value[len(article) :]
    if preposition in ("de", "que") and value[:1].lower() in _VOWELS:
        return start + word[:-1] + "'", value
    return before, value


def _cased(text: str, like: str) -> str:
    """`text` capitalised when `like` is (a sentence opening with « De »)."""
    return text[:1].upper() + text[1:] if like[:1].isupper() else text


# The rules of each language that has some, by its code.
JOINS: Mapping[str, Callable[[str, str], tuple[str, str]]] = MappingProxyType({"fr": _french})


def join(lang: str, before: str, value: str) -> tuple[str, str]:
    """The text before a field and the field's value, as `lang` writes them side by side."""
    rule = JOINS.get(lang)
    return (before, value) if rule is None else rule(before, value)
