"""Closed vocabularies shared by the catalog files, the schema and the scoring.

Every key a catalog file may use (capability, currency, country, language, certification, ...)
is listed here, with plain-words labels in French and English for the client-facing pages.
Code sets follow the ISO standards (ISO 4217 currencies, ISO 3166-1 alpha-2 countries,
ISO 639-1 languages) but are deliberately partial: they hold what the catalog needs, and a
new code is added here when a source names one.
"""

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final


@dataclass(frozen=True)
class Label:
    """A plain-words label in French (clients) and English (consultants, exports)."""

    fr: str
    en: str


class Domain(StrEnum):
    """Functional domains a CRM project can cover (004 §04)."""

    SALES = "sales"
    MARKETING = "marketing"
    SERVICE = "service"
    FIELD_SERVICE = "field_service"


DOMAIN_PHRASES: Final = MappingProxyType(
    {
        Domain.SALES: Label("la gestion commerciale (force de vente)", "sales force automation"),
        Domain.MARKETING: Label("le marketing", "marketing"),
        Domain.SERVICE: Label("le service client (SAV, hotline)", "customer service"),
        Domain.FIELD_SERVICE: Label("les interventions terrain", "field service"),
    }
)

DOMAIN_LABELS: Final = MappingProxyType(
    {
        Domain.SALES: Label("Ventes (force de vente)", "Sales force automation"),
        Domain.MARKETING: Label("Marketing", "Marketing"),
        Domain.SERVICE: Label("Service client (SAV, hotline)", "Customer service"),
        Domain.FIELD_SERVICE: Label("Interventions terrain", "Field service"),
    }
)


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
    {
        CompanySize.MICRO: Label("TPE (1 à 9 salariés)", "Micro (1-9 employees)"),
        CompanySize.SMALL: Label("Petite entreprise (10 à 49)", "Small (10-49)"),
        CompanySize.MEDIUM: Label("Moyenne entreprise (50 à 249)", "Medium (50-249)"),
        CompanySize.LARGE: Label("ETI (250 à 4 999)", "Large (250-4,999)"),
        CompanySize.ENTERPRISE: Label("Grande entreprise (5 000 et plus)", "Enterprise (5,000+)"),
    }
)


@dataclass(frozen=True)
class Capability:
    """A functional capability; ``domain`` None means it serves every domain (platform).

    ``fr``/``en`` are titles; ``phrase`` is the capability inside a sentence, with its article
    in French ("Pipedrive propose-t-il la création de devis ?").
    """

    domain: Domain | None
    fr: str
    en: str
    phrase: Label


CAPABILITIES: Final = MappingProxyType(
    {
        # Sales
        "contact_account_management": Capability(
            Domain.SALES,
            "Gestion des contacts et des comptes",
            "Contact and account management",
            phrase=Label(
                "la gestion des contacts et des comptes", "contact and account management"
            ),
        ),
        "lead_management": Capability(
            Domain.SALES,
            "Gestion des pistes (leads)",
            "Lead management",
            phrase=Label("la gestion des pistes (leads)", "lead management"),
        ),
        "opportunity_management": Capability(
            Domain.SALES,
            "Gestion des opportunités",
            "Opportunity management",
            phrase=Label("la gestion des opportunités", "opportunity management"),
        ),
        "pipeline_management": Capability(
            Domain.SALES,
            "Suivi du pipeline commercial",
            "Sales pipeline management",
            phrase=Label("le suivi du pipeline commercial", "sales pipeline management"),
        ),
        "activity_management": Capability(
            Domain.SALES,
            "Gestion des activités (tâches, agenda, rendez-vous)",
            "Activity, task and calendar management",
            phrase=Label(
                "la gestion des activités (tâches, agenda, rendez-vous)",
                "activity, task and calendar management",
            ),
        ),
        "quotes": Capability(
            Domain.SALES,
            "Devis dans le CRM",
            "Quotes in the CRM",
            phrase=Label("la création de devis", "quotes"),
        ),
        "cpq": Capability(
            Domain.SALES,
            "Configuration et chiffrage d'offres complexes (CPQ)",
            "Configure-price-quote (CPQ)",
            phrase=Label(
                "la configuration et le chiffrage d'offres complexes (CPQ)",
                "configure-price-quote (CPQ)",
            ),
        ),
        "product_catalogue": Capability(
            Domain.SALES,
            "Catalogue produits et tarifs",
            "Product catalogue and price lists",
            phrase=Label(
                "un catalogue produits avec tarifs", "a product catalogue with price lists"
            ),
        ),
        "forecasting": Capability(
            Domain.SALES,
            "Prévisions de ventes",
            "Sales forecasting",
            phrase=Label("les prévisions de ventes", "sales forecasting"),
        ),
        "document_generation": Capability(
            Domain.SALES,
            "Génération de documents (propositions, contrats)",
            "Document generation (proposals, contracts)",
            phrase=Label(
                "la génération de documents à partir de modèles (propositions, contrats)",
                "document generation from templates (proposals, contracts)",
            ),
        ),
        "e_signature": Capability(
            Domain.SALES,
            "Signature électronique des devis et contrats",
            "E-signature of quotes and contracts",
            phrase=Label(
                "la signature électronique des devis et contrats",
                "e-signature of quotes and contracts",
            ),
        ),
        # Marketing
        "email_campaigns": Capability(
            Domain.MARKETING,
            "Campagnes d'e-mailing",
            "E-mail campaigns",
            phrase=Label("les campagnes d'e-mailing", "e-mail campaigns"),
        ),
        "marketing_automation": Capability(
            Domain.MARKETING,
            "Automatisation marketing (scénarios en plusieurs étapes)",
            "Marketing automation (multi-step journeys)",
            phrase=Label(
                "l'automatisation marketing (scénarios en plusieurs étapes)",
                "marketing automation (multi-step journeys)",
            ),
        ),
        "lead_scoring": Capability(
            Domain.MARKETING,
            "Notation des pistes",
            "Lead scoring",
            phrase=Label("la notation des pistes (lead scoring)", "lead scoring"),
        ),
        "lead_nurturing": Capability(
            Domain.MARKETING,
            "Nurturing (relances automatiques des prospects)",
            "Lead nurturing (automatic follow-ups)",
            phrase=Label(
                "le nurturing (relances automatiques des prospects)",
                "lead nurturing (automatic follow-ups)",
            ),
        ),
        "segmentation": Capability(
            Domain.MARKETING,
            "Segmentation et ciblage",
            "Segmentation and targeting",
            phrase=Label("la segmentation et le ciblage", "segmentation and targeting"),
        ),
        "web_forms_landing_pages": Capability(
            Domain.MARKETING,
            "Formulaires web et pages d'atterrissage",
            "Web forms and landing pages",
            phrase=Label(
                "les formulaires web et les pages d'atterrissage", "web forms and landing pages"
            ),
        ),
        "event_management": Capability(
            Domain.MARKETING,
            "Gestion d'événements",
            "Event management",
            phrase=Label("la gestion d'événements", "event management"),
        ),
        # Service
        "ticketing": Capability(
            Domain.SERVICE,
            "Gestion des tickets (hotline)",
            "Ticketing (help desk)",
            phrase=Label("la gestion des tickets (hotline)", "ticketing (help desk)"),
        ),
        "knowledge_base": Capability(
            Domain.SERVICE,
            "Base de connaissances",
            "Knowledge base",
            phrase=Label("une base de connaissances", "a knowledge base"),
        ),
        "customer_portal": Capability(
            Domain.SERVICE,
            "Portail client (extranet)",
            "Customer portal (extranet)",
            phrase=Label("un portail client (extranet)", "a customer portal (extranet)"),
        ),
        "sla_management": Capability(
            Domain.SERVICE,
            "Engagements de service (SLA)",
            "Service-level agreements (SLA)",
            phrase=Label(
                "le suivi des engagements de service (SLA)", "service-level agreements (SLA)"
            ),
        ),
        "live_chat": Capability(
            Domain.SERVICE,
            "Chat en direct",
            "Live chat",
            phrase=Label("le chat en direct", "live chat"),
        ),
        # Field service
        "work_orders": Capability(
            Domain.FIELD_SERVICE,
            "Ordres d'intervention",
            "Work orders",
            phrase=Label("les ordres d'intervention", "work orders"),
        ),
        "scheduling_dispatch": Capability(
            Domain.FIELD_SERVICE,
            "Planification et affectation des techniciens",
            "Technician scheduling and dispatch",
            phrase=Label(
                "la planification et l'affectation des techniciens",
                "technician scheduling and dispatch",
            ),
        ),
        "field_inventory": Capability(
            Domain.FIELD_SERVICE,
            "Stock embarqué (véhicules)",
            "Van and parts stock",
            phrase=Label("la gestion du stock embarqué", "van and parts stock"),
        ),
        "service_reports": Capability(
            Domain.FIELD_SERVICE,
            "Rapports d'intervention (photos, check-lists)",
            "Service reports (photos, checklists)",
            phrase=Label(
                "les rapports d'intervention (photos, check-lists)",
                "service reports (photos, checklists)",
            ),
        ),
        # Platform: serves every domain
        "mobile_app": Capability(
            None,
            "Application mobile",
            "Mobile app",
            phrase=Label("une application mobile", "a mobile app"),
        ),
        "offline_mobile": Capability(
            None,
            "Mobile utilisable hors connexion",
            "Offline mobile use",
            phrase=Label("un usage mobile hors connexion", "offline mobile use"),
        ),
        "dashboards": Capability(
            None,
            "Tableaux de bord et rapports",
            "Dashboards and reports",
            phrase=Label("des tableaux de bord et des rapports", "dashboards and reports"),
        ),
        "workflow_automation": Capability(
            None,
            "Automatisation des processus (workflows)",
            "Workflow automation",
            phrase=Label("l'automatisation des processus (workflows)", "workflow automation"),
        ),
        "low_code_customisation": Capability(
            None,
            "Paramétrage sans code (champs, objets, écrans)",
            "Low-code customisation (fields, objects, screens)",
            phrase=Label(
                "le paramétrage sans code (champs, objets, écrans)",
                "low-code customisation (fields, objects, screens)",
            ),
        ),
        "open_api": Capability(
            None, "API ouverte", "Open API", phrase=Label("une API ouverte", "an open API")
        ),
        "erp_accounting_connectors": Capability(
            None,
            "Connecteurs ERP et comptabilité",
            "ERP and accounting connectors",
            phrase=Label("des connecteurs ERP et comptabilité", "ERP and accounting connectors"),
        ),
        "built_in_invoicing": Capability(
            None,
            "Facturation intégrée",
            "Built-in invoicing",
            phrase=Label("la facturation intégrée", "built-in invoicing"),
        ),
        "email_integration": Capability(
            None,
            "Intégration Outlook / Gmail",
            "Outlook / Gmail integration",
            phrase=Label("l'intégration avec Outlook ou Gmail", "Outlook or Gmail integration"),
        ),
        "telephony_cti": Capability(
            None,
            "Téléphonie intégrée (appel depuis le CRM, journal des appels)",
            "Telephony integration (click-to-call, call logging)",
            phrase=Label(
                "la téléphonie intégrée (appel depuis le CRM, journal des appels)",
                "telephony integration (click-to-call, call logging)",
            ),
        ),
        "data_import_deduplication": Capability(
            None,
            "Import de données et dédoublonnage",
            "Data import and deduplication",
            phrase=Label(
                "l'import de données et le dédoublonnage", "data import and deduplication"
            ),
        ),
    }
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
        "life_sciences": Label("Santé et sciences de la vie", "Life sciences"),
        "healthcare": Label("Soins et établissements de santé", "Healthcare providers"),
        "wine_spirits": Label("Vins et spiritueux", "Wine and spirits"),
        "agri_food": Label("Agroalimentaire", "Agri-food"),
        "manufacturing": Label("Industrie", "Manufacturing"),
        "construction": Label("BTP et construction", "Construction"),
        "wholesale_distribution": Label("Négoce et distribution", "Wholesale and distribution"),
        "retail": Label("Commerce de détail", "Retail"),
        "financial_services": Label("Banque et finance", "Financial services"),
        "insurance": Label("Assurance", "Insurance"),
        "real_estate": Label("Immobilier", "Real estate"),
        "professional_services": Label("Services aux entreprises", "Professional services"),
        "public_sector": Label("Secteur public", "Public sector"),
        "education": Label("Enseignement et formation", "Education"),
        "nonprofit": Label("Associations", "Non-profit"),
        "hospitality": Label("Hôtellerie et tourisme", "Hospitality and travel"),
        "automotive": Label("Automobile", "Automotive"),
        "energy_utilities": Label("Énergie et services publics", "Energy and utilities"),
    }
)
