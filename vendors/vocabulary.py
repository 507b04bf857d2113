"""Closed vocabularies shared by the catalog files, the schema and the scoring.

Every key a catalog file may use (capability, currency, country, language, certification, ...)
is listed here. The plain-words labels of capabilities, domains, company sizes and verticals
are in the vocabulary catalogs, one per language (:mod:`vendors.labels`): this module names
each by its id (``capability_quotes``, ``capability_quotes_phrase``, ``domain_sales``...).
Code sets follow the ISO standards (ISO 4217 currencies, ISO 3166-1 alpha-2 countries,
ISO 639-1 languages) but are deliberately partial: they hold what the catalog needs, and a
new code is added here when a source names one.
"""

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from vendors.labels import Label


class Domain(StrEnum):
    """Functional domains a CRM project can cover (004 §04)."""

    SALES = "sales"
    MARKETING = "marketing"
    SERVICE = "service"
    FIELD_SERVICE = "field_service"


# A domain inside a sentence ("la gestion commerciale"), and as a title ("Ventes").
DOMAIN_PHRASES: Final = MappingProxyType({d: Label(f"domain_{d.value}_phrase") for d in Domain})
DOMAIN_LABELS: Final = MappingProxyType({d: Label(f"domain_{d.value}") for d in Domain})


class Confidence(StrEnum):
    """How a fact was obtained, from weakest to strongest evidence."""

    THIRD_PARTY = "third_party"  # analyst, reseller, blog, dataset, review site
    VENDOR_PUBLISHED = "vendor_published"  # vendor page or filing, or a faithful copy of one
    VENDOR_DECLARED = "vendor_declared"  # the vendor's answer to the firm's questionnaire
    CONSULTANT_VERIFIED = "consultant_verified"  # checked by a consultant with the vendor
    DEMO_VERIFIED = "demo_verified"  # seen working in a demonstration or a trial


class DatePrecision(StrEnum):
    """How precise an ``as_of`` date is; month and year dates are stored as the first day."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class DeploymentMode(StrEnum):
    """Ways a product can be run (004 §05)."""

    SAAS = "saas"
    ON_PREMISE = "on_premise"
    PRIVATE_CLOUD = "private_cloud"


class LicenceModel(StrEnum):
    """How an installed (non-SaaS) product is licensed."""

    PERPETUAL = "perpetual"  # bought once, plus a yearly maintenance fee
    TERM_SUBSCRIPTION = "term_subscription"  # rented for a term, installed on the client's servers
    OPEN_SOURCE = "open_source"  # free licence for an open-source edition


class PriceUnit(StrEnum):
    """What one list price pays for."""

    USER_MONTH = "user_month"
    USER_YEAR = "user_year"
    LICENCE_ONE_OFF = "licence_one_off"  # per user, paid once
    FLAT_MONTH = "flat_month"  # whole account, whatever the number of users
    FLAT_YEAR = "flat_year"


class BillingPeriod(StrEnum):
    """How often a subscription is invoiced (004 §10)."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"


BILLING_PERIOD_MONTHS: Final = MappingProxyType(
    {
        BillingPeriod.MONTHLY: 1,
        BillingPeriod.QUARTERLY: 3,
        BillingPeriod.HALF_YEARLY: 6,
        BillingPeriod.YEARLY: 12,
    }
)


class Availability(StrEnum):
    """Whether a domain or capability comes with the product, and how."""

    INCLUDED = "included"  # in at least one edition of this product
    ADD_ON = "add_on"  # bought on top of an edition of this product
    SEPARATE_PRODUCT = "separate_product"  # another product of the same vendor
    NOT_AVAILABLE = "not_available"


class CompanySize(StrEnum):
    """Client company sizes, by headcount (EU SME definition, then French INSEE categories)."""

    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"
    ENTERPRISE = "enterprise"


COMPANY_SIZE_EMPLOYEES: Final = MappingProxyType(
    {
        CompanySize.MICRO: (1, 9),
        CompanySize.SMALL: (10, 49),
        CompanySize.MEDIUM: (50, 249),
        CompanySize.LARGE: (250, 4999),
        CompanySize.ENTERPRISE: (5000, None),
    }
)

COMPANY_SIZE_LABELS: Final = MappingProxyType(
    {size: Label(f"company_size_{size.value}") for size in CompanySize}
)


@dataclass(frozen=True)
class Capability:
    """A functional capability; ``domain`` None means it serves every domain (platform).

    ``label`` is its title; ``phrase`` is the capability inside a sentence, with its article
    in French ("Pipedrive propose-t-il la création de devis ?").
    """

    key: str
    domain: Domain | None

    @property
    def label(self) -> Label:
        """Its title."""
        return Label(f"capability_{self.key}")

    @property
    def phrase(self) -> Label:
        """The capability inside a sentence."""
        return Label(f"capability_{self.key}_phrase")

    def in_lang(self, lang: str) -> str:
        """Its title in `lang`."""
        return self.label.in_lang(lang)

    @property
    def fr(self) -> str:
        """Its title in French."""
        return self.label.fr

    @property
    def en(self) -> str:
        """Its title in English."""
        return self.label.en


# The capabilities of each domain (None: the platform, serving every domain).
_CAPABILITY_KEYS: Final = {
    Domain.SALES: (
        "contact_account_management",
        "lead_management",
        "opportunity_management",
        "pipeline_management",
        "activity_management",
        "quotes",
        "cpq",
        "product_catalogue",
        "forecasting",
        "document_generation",
        "e_signature",
    ),
    Domain.MARKETING: (
        "email_campaigns",
        "marketing_automation",
        "lead_scoring",
        "lead_nurturing",
        "segmentation",
        "web_forms_landing_pages",
        "event_management",
    ),
    Domain.SERVICE: (
        "ticketing",
        "knowledge_base",
        "customer_portal",
        "sla_management",
        "live_chat",
    ),
    Domain.FIELD_SERVICE: (
        "work_orders",
        "scheduling_dispatch",
        "field_inventory",
        "service_reports",
    ),
    None: (
        "mobile_app",
        "offline_mobile",
        "dashboards",
        "workflow_automation",
        "low_code_customisation",
        "open_api",
        "erp_accounting_connectors",
        "built_in_invoicing",
        "email_integration",
        "telephony_cti",
        "data_import_deduplication",
    ),
}

CAPABILITIES: Final = MappingProxyType(
    {key: Capability(key, domain) for domain, keys in _CAPABILITY_KEYS.items() for key in keys}
)

CERTIFICATIONS: Final = MappingProxyType(
    {
        "iso_27001": "ISO/IEC 27001",
        "iso_27017": "ISO/IEC 27017",
        "iso_27018": "ISO/IEC 27018",
        "iso_27701": "ISO/IEC 27701",
        "iso_9001": "ISO 9001",
        "soc1": "SOC 1",
        "soc2": "SOC 2",
        "soc3": "SOC 3",
        "hds": "HDS (Hébergeur de données de santé)",
        "secnumcloud": "SecNumCloud (ANSSI)",
        "c5": "BSI C5",
        "csa_star": "CSA STAR",
        "pci_dss": "PCI DSS",
        "hipaa": "HIPAA",
        "fedramp": "FedRAMP",
        "iso_22301": "ISO 22301",
        "iso_42001": "ISO/IEC 42001",
        "tisax": "TISAX",
        "hitrust": "HITRUST CSF",
        "irap": "IRAP",
        "cyber_essentials": "Cyber Essentials",
        "ens": "ENS (Esquema Nacional de Seguridad)",
    }
)

CURRENCIES: Final = MappingProxyType(
    {
        "EUR": "Euro",
        "USD": "US dollar",
        "GBP": "Pound sterling",
        "CHF": "Swiss franc",
        "SEK": "Swedish krona",
        "NOK": "Norwegian krone",
        "DKK": "Danish krone",
        "PLN": "Polish złoty",
        "CZK": "Czech koruna",
        "CAD": "Canadian dollar",
        "AUD": "Australian dollar",
        "JPY": "Japanese yen",
        "INR": "Indian rupee",
    }
)

# Supranational hosting regions; single countries go in the country list below.
REGIONS: Final = MappingProxyType(
    {
        "EU": "European Union",
        "EEA": "European Economic Area (EU, Iceland, Liechtenstein, Norway)",
        "EFTA": "European Free Trade Association (Iceland, Liechtenstein, Norway, Switzerland)",
    }
)

EU_COUNTRIES: Final = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split()
)

# Europe as a client sees it for data location: EU, EFTA and the United Kingdom.
EUROPEAN_COUNTRIES: Final = EU_COUNTRIES | {"CH", "GB", "IS", "LI", "NO"}

COUNTRIES: Final = MappingProxyType(
    {
        "AE": "United Arab Emirates",
        "AT": "Austria",
        "AU": "Australia",
        "BE": "Belgium",
        "BG": "Bulgaria",
        "BR": "Brazil",
        "CA": "Canada",
        "CH": "Switzerland",
        "CN": "China",
        "CY": "Cyprus",
        "CZ": "Czechia",
        "DE": "Germany",
        "DK": "Denmark",
        "EE": "Estonia",
        "ES": "Spain",
        "FI": "Finland",
        "FR": "France",
        "GB": "United Kingdom",
        "GR": "Greece",
        "HK": "Hong Kong",
        "HR": "Croatia",
        "HU": "Hungary",
        "IE": "Ireland",
        "IL": "Israel",
        "IN": "India",
        "IS": "Iceland",
        "IT": "Italy",
        "JP": "Japan",
        "KR": "South Korea",
        "LI": "Liechtenstein",
        "LT": "Lithuania",
        "LU": "Luxembourg",
        "LV": "Latvia",
        "MA": "Morocco",
        "MT": "Malta",
        "MX": "Mexico",
        "NL": "Netherlands",
        "NO": "Norway",
        "NZ": "New Zealand",
        "PL": "Poland",
        "PT": "Portugal",
        "RO": "Romania",
        "SA": "Saudi Arabia",
        "SE": "Sweden",
        "SG": "Singapore",
        "SI": "Slovenia",
        "SK": "Slovakia",
        "TN": "Tunisia",
        "UA": "Ukraine",
        "US": "United States",
        "ZA": "South Africa",
    }
)

LANGUAGES: Final = MappingProxyType(
    {
        "ar": "Arabic",
        "bg": "Bulgarian",
        "bn": "Bengali",
        "ca": "Catalan",
        "cs": "Czech",
        "da": "Danish",
        "de": "German",
        "el": "Greek",
        "en": "English",
        "es": "Spanish",
        "et": "Estonian",
        "fa": "Persian",
        "fi": "Finnish",
        "fr": "French",
        "he": "Hebrew",
        "hi": "Hindi",
        "hr": "Croatian",
        "hu": "Hungarian",
        "id": "Indonesian",
        "is": "Icelandic",
        "it": "Italian",
        "ja": "Japanese",
        "ko": "Korean",
        "lt": "Lithuanian",
        "lv": "Latvian",
        "ms": "Malay",
        "nl": "Dutch",
        "no": "Norwegian",
        "pl": "Polish",
        "pt": "Portuguese",
        "ro": "Romanian",
        "ru": "Russian",
        "sk": "Slovak",
        "sl": "Slovenian",
        "sr": "Serbian",
        "sv": "Swedish",
        "th": "Thai",
        "tl": "Tagalog",
        "tr": "Turkish",
        "uk": "Ukrainian",
        "vi": "Vietnamese",
        "zh": "Chinese",
    }
)

VERTICALS: Final = MappingProxyType(
    {
        key: Label(f"vertical_{key}")
        for key in (
            "life_sciences",
            "healthcare",
            "wine_spirits",
            "agri_food",
            "manufacturing",
            "construction",
            "wholesale_distribution",
            "retail",
            "financial_services",
            "insurance",
            "real_estate",
            "professional_services",
            "public_sector",
            "education",
            "nonprofit",
            "hospitality",
            "automotive",
            "energy_utilities",
        )
    }
)
