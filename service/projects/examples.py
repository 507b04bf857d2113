"""The request examples the OpenAPI document shows for the project operations: a wine estate's
first CRM, as the README's walk-through makes it. `tests/service/api/test_contract.py` sends
each one to the API, so none can drift out of what the API accepts."""

from __future__ import annotations

from typing import Any

PROJECT: dict[str, Any] = {
    "client_name": "Domaine des Trois Chênes",
    "sector": "wine",
    "size": "small",
    "context": "first_crm",
    "horizon_years": 3,
    "users": {"sales_field": 12, "sales_office": 5, "marketing": 2, "service": 4, "management": 2},
    "budget": {"low": 40000, "high": 250000, "currency": "EUR"},
    "tco": {"exchange_rates": {"USD": 0.86}},
}
REQUIREMENTS: dict[str, Any] = {
    "version": 1,
    "domains": {"sales": "must", "service": "should"},
    "capabilities": {"mobile_app": "must", "quotes": "should", "offline_mobile": "should"},
    "constraints": {"hosting": ["EU"], "ui_languages": ["fr"], "budget_ceiling": True},
    "change_readiness": {"sponsors": 2, "governance": 3, "communication": 4},
}
WEIGHTS_AHP: dict[str, Any] = {
    "version": 2,
    "method": "ahp",
    "criteria": ["fit_sales", "tco", "adoption"],
    "pairwise": [[1, 3, 2], [0.3333, 1, 0.5], [0.5, 2, 1]],
}
WEIGHTS_RANK: dict[str, Any] = {
    "version": 3,
    "method": "rank",
    "order": ["adoption", "fit_sales", "tco"],
}
EVALUATION: dict[str, Any] = {
    "products": ["pipedrive", "hubspot_sales_hub", "zoho_crm"],
    "method": "topsis",
}
