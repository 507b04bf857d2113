"""What the OpenAPI document says of each group of operations (its tags)."""

from __future__ import annotations

#: What the OpenAPI document says of each tag.
TAGS: list[dict[str, str]] = [
    {
        "name": "projects",
        "description": "A client's CRM project: context, users, budget, "
        "requirements, stakeholders' weights, the shortlist and evaluations. Writes carry the "
        "version you read (or If-Match).",
    },
    {
        "name": "evaluations",
        "description": "Immutable, explained snapshots of a comparison, and "
        "what changed between two of them.",
    },
    {
        "name": "exports",
        "description": "An evaluation as XLSX, CSV, JSON, HTML or PDF, in French or English.",
    },
    {
        "name": "vendors",
        "description": "The sourced catalog of CRM products, your firm's private "
        "products and facts, and the catalog's versions.",
    },
    {
        "name": "vendor requests",
        "description": "Questionnaires sent to a vendor by link or Excel; "
        "its answers become your firm's facts once reviewed.",
    },
    {
        "name": "demonstrations",
        "description": "Scripted demonstration scenarios scored by "
        "consultants and the client's key users, giving demonstration ratings.",
    },
    {
        "name": "invitations",
        "description": "Links inviting the client to answer the "
        "questionnaire and, when allowed, to see the comparison.",
    },
    {
        "name": "batches",
        "description": "Many clients compared at once from a CSV, XLSX or JSON "
        "file, results as files.",
    },
    {
        "name": "criteria",
        "description": "The criteria of the grid and how unknown facts are treated.",
    },
    {
        "name": "decision",
        "description": "The decision engine on your own scores: ranking, AHP "
        "weights, SMAA, weight stability, method agreement.",
    },
    {"name": "tenancy", "description": "Who the API key belongs to."},
    {"name": "health", "description": "Whether the service and its database answer."},
]
