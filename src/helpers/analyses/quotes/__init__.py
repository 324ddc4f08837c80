"""Direct quotations: marks and kinds, speaker attribution, drift across outlets, who gets quoted."""

from helpers.analyses.quotes.attribution import attribute, extract_quotes
from helpers.analyses.quotes.cues import cue_pattern
from helpers.analyses.quotes.drift import altered_summary, quote_variants, word_diff
from helpers.analyses.quotes.marks import Quote, QuoteWarning, find_quotes
from helpers.analyses.quotes.mentions import mentions
from helpers.analyses.quotes.who_is_quoted import who_gets_quoted

__all__ = [
    "Quote", "QuoteWarning", "altered_summary", "attribute", "cue_pattern", "extract_quotes", "find_quotes",
    "mentions", "quote_variants", "who_gets_quoted", "word_diff",
]
