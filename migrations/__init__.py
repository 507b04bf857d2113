"""Alembic migrations of the Shortlist schema (run with `shortlist migrate`)."""
