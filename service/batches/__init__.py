"""Batch comparisons: many client profiles shortlisted against one catalog at once."""
