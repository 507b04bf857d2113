"""What to ask: each unknown fact as a question a consultant can send as it is, in French and
English, and as the short phrase a summary uses ("whether the Growth edition of Pipedrive
includes quotes"). Vendors answer questions about their product (availability, editions,
prices, hosting, certifications, maintenance); ratings and depths are judged by the client's
key users in a scripted demonstration, so those questions go to the demonstration."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from service.selection.costs import LICENCE_UNITS, ProductCost
from service.selection.unknowns import Kind, Unknown
from vendors.vocabulary import CAPABILITIES, CERTIFICATIONS, DOMAIN_PHRASES, Domain, Label

Audience = Literal["vendor", "demo"]

RATING_PHRASES = {
    "ease_of_use": Label("la facilité d'utilisation", "ease of use"),
    "ease_of_deployment": Label("la facilité de déploiement", "ease of deployment"),
    "scalability": Label("l'évolutivité", "scalability"),
}


@dataclass(frozen=True)
class Question:
    """A question about one unknown fact, and the fact in a few words, in both languages."""

    fr: str
    en: str
    about_fr: str
    about_en: str
    ask: Audience


def question(
    unknown: Unknown, product: str, cost: ProductCost | None, musts: Sequence[str]
) -> Question:
    """The question that would settle ``unknown`` for ``product`` (its name)."""
    subject = unknown.subject
    if unknown.kind is Kind.AVAILABILITY:
        return _availability(product, str(subject["need"]), str(subject["need_kind"]), cost)
    if unknown.kind is Kind.DEPTH:
        what = _need_phrase(str(subject["need"]), str(subject["need_kind"]))
        return Question(
            fr=f"Lors d'une démonstration scénarisée, quelle note de 0 à 5 les utilisateurs clés "
            f"donnent-ils {french_a(what.fr)} {french_of(product)}\u202f?",
            en=f"How would the key users rate {product}'s {what.en} from 0 to 5 in a scripted "
            "demonstration?",
            about_fr=f"la profondeur {french_de(what.fr)} {french_of(product)}",
            about_en=f"how deep {product}'s {what.en} is",
            ask="demo",
        )
    if unknown.kind is Kind.RATING:
        what = RATING_PHRASES[str(subject["rating"])]
        return Question(
            fr=f"Quelle note de 0 à 5 donner {french_a(what.fr)} {french_of(product)} "
            "(démonstration scénarisée, références clients)\u202f?",
            en=f"How would you rate {product}'s {what.en} from 0 to 5 (scripted "
            "demonstration, customer references)?",
            about_fr=f"{what.fr} {french_of(product)}",
            about_en=f"{product}'s {what.en}",
            ask="demo",
        )
    if unknown.kind is Kind.PRICE:
        return _price(product, cost, musts)
    if unknown.kind is Kind.MAINTENANCE:
        return Question(
            fr=f"Quel est le taux annuel de maintenance {french_of(product)}, en % du prix des "
            "licences\u202f?",
            en=f"What is {product}'s yearly maintenance fee, as a % of the licence price?",
            about_fr=f"le taux de maintenance {french_of(product)}",
            about_en=f"{product}'s maintenance rate",
            ask="vendor",
        )
    if unknown.kind is Kind.HOSTING:
        places = ", ".join(str(place) for place in subject["places"])
        return Question(
            fr=f"Dans quels pays {product} héberge-t-il les données de ses clients, et "
            f"peut-il garantir un hébergement dans la zone demandée ({places})\u202f?",
            en=f"In which countries does {product} host its customers' data, and can it "
            f"guarantee hosting in the required area ({places})?",
            about_fr=f"l'hébergement {french_of(product)} dans la zone demandée ({places})",
            about_en=f"whether {product} hosts the data in the required area ({places})",
            ask="vendor",
        )
    cert = CERTIFICATIONS.get(str(subject["certification"]), str(subject["certification"]))
    return Question(
        fr=f"Le service {french_of(product)} est-il certifié {cert} (périmètre et date du "
        "certificat)\u202f?",
        en=f"Does {product}'s service hold {cert} certification (scope and certificate date)?",
        about_fr=f"la certification {cert} {french_of(product)}",
        about_en=f"whether {product} holds {cert}",
        ask="vendor",
    )


def french_of(name: str) -> str:
    """``de`` before a product's name, elided before a vowel: d'Oracle, de Pipedrive."""
    return f"d'{name}" if name[:1].lower() in "aeiouyéèêàâîô" else f"de {name}"


def french_que(name: str) -> str:
    """``que`` before a product's name, elided before a vowel: qu'Oracle, que Pipedrive."""
    return f"qu'{name}" if name[:1].lower() in "aeiouyéèêàâîô" else f"que {name}"


def french_de(phrase: str) -> str:
    """``de`` before a French noun phrase, contracted: du, des, de la, de l'."""
    if phrase.startswith("le "):
        return "du " + phrase[3:]
    if phrase.startswith("les "):
        return "des " + phrase[4:]
    if phrase.startswith(("des ", "un ", "une ")):
        return "de " + phrase.split(" ", 1)[1] if phrase.startswith("des ") else "d'" + phrase
    return "de " + phrase


def french_a(phrase: str) -> str:
    """``à`` before a French noun phrase, contracted: au, aux, à la, à l'."""
    if phrase.startswith("le "):
        return "au " + phrase[3:]
    if phrase.startswith(("les ", "des ")):
        return "aux " + phrase[4:]
    return "à " + phrase


def _need_phrase(name: str, kind: str) -> Label:
    if kind == "capability":
        return CAPABILITIES[name].phrase
    return DOMAIN_PHRASES[Domain(name)]


def _availability(product: str, name: str, kind: str, cost: ProductCost | None) -> Question:
    what = _need_phrase(name, kind)
    edition = _single_edition(cost)
    if edition is not None:
        return Question(
            fr=f"L'édition {edition} {french_of(product)} inclut-elle {what.fr}\u202f?",
            en=f"Does the {edition} edition of {product} include {what.en}?",
            about_fr=f"si l'édition {edition} {french_of(product)} inclut {what.fr}",
            about_en=f"whether the {edition} edition of {product} includes {what.en}",
            ask="vendor",
        )
    has_editions = cost is not None and any(o.edition_name for o in cost.options)
    return Question(
        fr=f"{product} propose-t-il {what.fr}"
        + (", et dans quelles éditions\u202f?" if has_editions else "\u202f?"),
        en=f"Does {product} include {what.en}"
        + (", and in which editions?" if has_editions else "?"),
        about_fr=f"si {product} propose {what.fr}",
        about_en=f"whether {product} includes {what.en}",
        ask="vendor",
    )


def _single_edition(cost: ProductCost | None) -> str | None:
    if cost is None or len(cost.options) != 1:
        return None
    return cost.options[0].edition_name


def _price(product: str, cost: ProductCost | None, musts: Sequence[str]) -> Question:
    seats = cost.seats if cost is not None else 0
    licence = cost is not None and any(o.unit in LICENCE_UNITS for o in cost.options)
    unit_fr = "par utilisateur (licence)" if licence else "par utilisateur et par mois"
    unit_en = "per user (licence)" if licence else "per user and month"
    for_fr = f" pour {seats} utilisateurs" if seats else ""
    for_en = f" for {seats} users" if seats else ""
    about_fr = f"le prix {french_of(product)}"
    about_en = f"{product}'s price"
    editions = [] if cost is None else [o.edition_name for o in cost.options if o.edition_name]
    if len(editions) > 1 and musts:
        needs_fr = _join([CAPABILITIES[key].phrase.fr for key in musts], "et")
        needs_en = _join([CAPABILITIES[key].phrase.en for key in musts], "and")
        return Question(
            fr=f"Quelles éditions {french_of(product)} incluent {needs_fr}, et à quel prix "
            f"{unit_fr}{for_fr}\u202f?",
            en=f"Which editions of {product} include {needs_en}, and at what price {unit_en}"
            f"{for_en}?",
            about_fr=f"l'édition {french_of(product)} à acheter et son prix",
            about_en=f"which edition of {product} is needed and its price",
            ask="vendor",
        )
    if len(editions) == 1:
        return Question(
            fr=f"Quel est le prix {unit_fr} de l'édition {editions[0]} {french_of(product)}"
            f"{for_fr} (ou un devis)\u202f?",
            en=f"What is the price {unit_en} of the {editions[0]} edition of {product}{for_en} "
            "(or a quote)?",
            about_fr=about_fr,
            about_en=about_en,
            ask="vendor",
        )
    if editions:
        return Question(
            fr=f"Quel est le prix {unit_fr} de chaque édition {french_of(product)} ("
            + ", ".join(editions)
            + f"){for_fr} (ou un devis)\u202f?",
            en=f"What is the price {unit_en} of each edition of {product} ("
            + ", ".join(editions)
            + f"){for_en} (or a quote)?",
            about_fr=about_fr,
            about_en=about_en,
            ask="vendor",
        )
    return Question(
        fr=f"Combien coûterait {product} {unit_fr}{for_fr}, et dans quelle édition (ou un "
        "devis)\u202f?",
        en=f"What would {product} cost {unit_en}{for_en}, and in which edition (or a quote)?",
        about_fr=about_fr,
        about_en=about_en,
        ask="vendor",
    )


def _join(items: Sequence[str], word: str) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {word} {items[-1]}"
