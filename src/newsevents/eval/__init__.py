"""Scorers for the evaluation sets: ``newsevents eval TASK PATH``."""
