"""One translation layer for everything Shortlist writes for people: gettext catalogs per
language and domain (`catalogs/<lang>/LC_MESSAGES/<domain>.po`), read with Babel, and each
language's numbers, dates and lists from Babel's CLDR data.

The client and vendor pages use the `pages` domain, the exports the `reports` domain, the
analysis (its summaries, questions, criterion labels, change risks and the policies for
unknown facts) the `analysis` domain. The labels of the vendors' vocabularies (capabilities,
domains, company sizes, verticals) are in the `vocabulary` catalogs that `vendors/` owns
(:mod:`vendors.labels`), as `vendors/` may not depend on the service.

Adding a language means adding its catalogs here and in `vendors/locales/`, its entry in
`Lang` and its CLDR locale in `LOCALES`; a message id missing from a catalog is an error,
never the id shown to a reader."""

from service.i18n.formats import (
    currency_name,
    language_name,
    listed,
    long_date,
    money,
    money_range,
    number,
    percent,
    percent_sign,
    territory,
)
from service.i18n.langs import DEFAULT_LANG, LANGS, LOCALES, Lang
from service.i18n.messages import (
    CATALOGS,
    DOMAINS,
    Domain,
    FieldValue,
    MissingMessage,
    Text,
    catalog,
    listing,
    message,
    plural,
    plurals,
    separated,
)

__all__ = [
    "CATALOGS",
    "DEFAULT_LANG",
    "DOMAINS",
    "LANGS",
    "LOCALES",
    "Domain",
    "FieldValue",
    "Lang",
    "MissingMessage",
    "Text",
    "catalog",
    "currency_name",
    "language_name",
    "listed",
    "listing",
    "long_date",
    "message",
    "money",
    "money_range",
    "number",
    "percent",
    "percent_sign",
    "plural",
    "plurals",
    "separated",
    "territory",
]
