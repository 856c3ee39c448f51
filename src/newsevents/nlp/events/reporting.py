"""Whether an article's probable events are reported.

Each candidate's probability is calibrated on its own, but the decision to report is taken per
article, and a long article is many chances of a weak false alarm: a political or local story
names a riot in its background, an arrest, a "battle" over a budget. So an article reports its
events (each at or above the model's report threshold) only when its most probable event reaches
a bar that rises with the text's length: the report threshold for a paragraph (a coded note, a
sentence, a short dispatch), `BAR_PER_1000_CHARS` more for every 1,000 characters beyond it, never
more than `BAR_CAP`.

The constants were chosen on 1,218 labelled articles the confidence model was not fitted on
(`docs/event-decisions.md`). A floor for the article's further events was measured too and not
kept: it cut the arrests that riot stories report alongside the riot.
"""

from __future__ import annotations

# Characters of text judged by the report threshold alone: about one paragraph.
FREE_CHARS = 500
# How much the main event's bar rises per 1,000 characters beyond them.
BAR_PER_1000_CHARS = 0.025
# The highest bar an article's main event ever has to reach, however long the article.
BAR_CAP = 0.3


def article_bar(threshold: float, n_chars: int) -> float:
    """The probability an article's most probable event needs for any of its events to be reported."""
    rise = BAR_PER_1000_CHARS * max(0, n_chars - FREE_CHARS) / 1000
    return max(threshold, min(BAR_CAP, threshold + rise))


def reported(probabilities: list[float], n_chars: int, threshold: float) -> list[bool]:
    """For each candidate event of one article, whether it is reported."""
    if not probabilities or max(probabilities) < article_bar(threshold, n_chars):
        return [False] * len(probabilities)
    return [p >= threshold for p in probabilities]
