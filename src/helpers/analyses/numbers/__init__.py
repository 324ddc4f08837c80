"""Numeric claims: extraction, categories, sources, dates and reconciliation across outlets."""

from helpers.analyses.numbers.dates import date_anomalies, mentioned_dates, report_dates
from helpers.analyses.numbers.extract import CLAIM_COLUMNS, event_counts, extract_numbers, lexicon, parse_number
from helpers.analyses.numbers.reconcile import outcome, reconcile, summary

__all__ = [
    "CLAIM_COLUMNS", "date_anomalies", "event_counts", "extract_numbers", "lexicon", "mentioned_dates",
    "outcome", "parse_number", "reconcile", "report_dates", "summary",
]
