"""Scripted demonstration scorecards: scenarios, evaluators' scores, and the ratings they
give the project's evaluations."""
