"""Firms (the integrator companies) and their consultants' API keys."""
