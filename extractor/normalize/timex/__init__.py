"""TIMEX3 normalization: a date expression plus the article's date -> value, type, granularity, mod.

Why our own rules instead of dateparser alone: dateparser resolves "last year" to a day one year
ago, "this week" to today, "the 1990s" to nothing, and happily turns "we" into a Wednesday. TimeML
(the TIMEX3 guidelines that TimeBank follows) wants the value *at the granularity the text gives*:
"last year" -> 2017, "this week" -> 2018-W44, "May this year" -> 2018-05. The rules cover what
news text uses; dateparser is only a cached fallback for explicit dates the rules miss.

Everything here is pure: ``normalize(text, anchor)`` depends only on its arguments. Context that
only the document can give (the tense of the governing verb, whether the article is a quarterly
earnings report) is passed in as optional hints by the spaCy component.

Modules, one job each: ``vocabulary`` (the Timex record, words, clean-up, modifiers),
``calendar_math`` (date arithmetic, value builders), ``registry`` (the rule table), the rule
modules ``references``, ``explicit``, ``relative``, ``holidays``, ``durations`` (imported below in
the order their rules are tried), ``fallback`` (dateparser) and ``entry`` (:func:`normalize`).
"""

from __future__ import annotations

# Rule modules register on import; this order is the order the rules are tried in.
from . import references  # noqa: F401  isort: skip
from . import explicit  # noqa: F401  isort: skip
from . import relative  # noqa: F401  isort: skip
from . import holidays  # noqa: F401  isort: skip
from . import durations  # noqa: F401  isort: skip
from .calendar_math import (
    FUTURE_DISTANCE_WEIGHT,
    add_months,
    latest_completed_quarter,
    quarter_of,
    shift_quarter,
    week_value,
)
from .entry import is_ambiguous_alone, normalize
from .fallback import dateparser_fallback
from .holidays import HOLIDAYS
from .registry import Handler, rule
from .vocabulary import (
    MONTHS,
    ORDINALS,
    SEASONS,
    UNITS,
    WEEKDAYS,
    Tense,
    Timex,
    clean,
    split_modifiers,
    words_to_numbers,
)

__all__ = [
    "FUTURE_DISTANCE_WEIGHT", "HOLIDAYS", "MONTHS", "ORDINALS", "SEASONS", "UNITS", "WEEKDAYS", "Handler", "Tense",
    "Timex", "add_months", "clean", "dateparser_fallback", "is_ambiguous_alone", "latest_completed_quarter",
    "normalize", "quarter_of", "rule", "shift_quarter", "split_modifiers", "week_value", "words_to_numbers",
]
