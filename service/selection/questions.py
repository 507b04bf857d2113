"""What to ask: each unknown fact as a question a consultant can send as it is, and as the
short phrase a summary uses ("whether the Growth edition of Pipedrive includes quotes"), in
every language (the `analysis` catalogs: ``question_<kind>``, ``about_<kind>``). Vendors
answer questions about their product (availability, editions, prices, hosting,
certifications, maintenance); ratings and depths are judged by the client's key users in a
scripted demonstration, so those questions go to the demonstration."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from service.i18n import LANGS, FieldValue, Text, listing
from service.selection.costs import LICENCE_UNITS, ProductCost
from service.selection.unknowns import Kind, Unknown
from service.selection.wording import counted, said
from vendors.labels import Label
from vendors.vocabulary import CAPABILITIES, CERTIFICATIONS, DOMAIN_PHRASES, Domain

Audience = Literal["vendor", "demo"]

#: The product ratings a scripted demonstration informs (a 0-5 rating each).
RATINGS = ("ease_of_use", "ease_of_deployment", "scalability")


def rating_phrase(rating: str) -> Text:
    """A rating inside a sentence: "la facilité d'utilisation"."""
    return Text("analysis", f"rating_{rating}_phrase")


def need_phrase(name: str, kind: str) -> Label:
    """A capability or a domain inside a sentence: "la création de devis"."""
    if kind == "capability":
        return CAPABILITIES[name].phrase
    return DOMAIN_PHRASES[Domain(name)]


@dataclass(frozen=True)
class Question:
    """A question about one unknown fact, the fact in a few words, and who answers it."""

    text: Text
    about: Text
    ask: Audience

    def written(self) -> dict[str, str]:
        """The question and the fact in every language, as a snapshot keeps them (``fr``,
        ``en``, ``about_fr``, ``about_en``)."""
        return {
            **{str(lang): self.text.in_lang(lang) for lang in LANGS},
            **{f"about_{lang}": self.about.in_lang(lang) for lang in LANGS},
        }


def question(
    unknown: Unknown, product: str, cost: ProductCost | None, musts: Sequence[str]
) -> Question:
    """The question that would settle ``unknown`` for ``product`` (its name)."""
    subject = unknown.subject
    if unknown.kind is Kind.AVAILABILITY:
        return _availability(product, str(subject["need"]), str(subject["need_kind"]), cost)
    if unknown.kind is Kind.DEPTH:
        what = need_phrase(str(subject["need"]), str(subject["need_kind"]))
        return Question(
            said("question_depth", product=product, what=what),
            said("about_depth", product=product, what=what),
            "demo",
        )
    if unknown.kind is Kind.RATING:
        rated = rating_phrase(str(subject["rating"]))
        return Question(
            said("question_rating", product=product, what=rated),
            said("about_rating", product=product, what=rated),
            "demo",
        )
    if unknown.kind is Kind.PRICE:
        return _price(product, cost, musts)
    if unknown.kind is Kind.MAINTENANCE:
        return Question(
            said("question_maintenance", product=product),
            said("about_maintenance", product=product),
            "vendor",
        )
    if unknown.kind is Kind.HOSTING:
        places = ", ".join(str(place) for place in subject["places"])
        return Question(
            said("question_hosting", product=product, places=places),
            said("about_hosting", product=product, places=places),
            "vendor",
        )
    code = str(subject["certification"])
    cert = CERTIFICATIONS.get(code, code)
    return Question(
        said("question_certification", product=product, certification=cert),
        said("about_certification", product=product, certification=cert),
        "vendor",
    )


def _availability(product: str, name: str, kind: str, cost: ProductCost | None) -> Question:
    what = need_phrase(name, kind)
    edition = _single_edition(cost)
    if edition is not None:
        return Question(
            said("question_edition_includes", product=product, what=what, edition=edition),
            said("about_edition_includes", product=product, what=what, edition=edition),
            "vendor",
        )
    has_editions = cost is not None and any(o.edition_name for o in cost.options)
    return Question(
        said(
            "question_includes_editions" if has_editions else "question_includes",
            product=product,
            what=what,
        ),
        said("about_includes", product=product, what=what),
        "vendor",
    )


def _single_edition(cost: ProductCost | None) -> str | None:
    if cost is None or len(cost.options) != 1:
        return None
    return cost.options[0].edition_name


def _price(product: str, cost: ProductCost | None, musts: Sequence[str]) -> Question:
    """The price question; its `_seats` form names the number of users when the project
    gives one."""
    seats = cost.seats if cost is not None else 0
    licence = cost is not None and any(o.unit in LICENCE_UNITS for o in cost.options)
    fields: dict[str, FieldValue] = {
        "product": product,
        "unit": said("price_per_licence" if licence else "price_per_month"),
    }
    if seats:
        fields["users"] = counted("users", seats)
    editions = [] if cost is None else [o.edition_name for o in cost.options if o.edition_name]
    if len(editions) > 1 and musts:
        needs = listing([CAPABILITIES[key].phrase for key in musts])
        return Question(
            said(
                "question_price_needs_seats" if seats else "question_price_needs",
                needs=needs,
                **fields,
            ),
            said("about_price_needs", product=product),
            "vendor",
        )
    if len(editions) == 1:
        text = said(
            "question_price_edition_seats" if seats else "question_price_edition",
            edition=editions[0],
            **fields,
        )
    elif editions:
        text = said(
            "question_price_each_edition_seats" if seats else "question_price_each_edition",
            editions=", ".join(editions),
            **fields,
        )
    else:
        text = said("question_price_seats" if seats else "question_price", **fields)
    return Question(text, said("about_price", product=product), "vendor")
