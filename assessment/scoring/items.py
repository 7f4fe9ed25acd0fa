"""One pure, typed scoring function per item of the indicator table (docs/rules.md#indicator-table),
by item code.

The functions live in `teachers_items` (2.x), `seats_items` (3.1–3.3) and `other_items`
(1, 3.4a, 3.4b, 4); this module gathers them. Each is `(inputs | None, config) -> ItemResult`;
3.3 also takes the other items' results (`others=`), which `engine.score_county` supplies.
"""

from collections.abc import Callable
from typing import Any

from assessment.scoring.config import ItemConfig
from assessment.scoring.other_items import score_1, score_3_4a, score_3_4b, score_4
from assessment.scoring.result import ItemResult
from assessment.scoring.seats_items import score_3_1, score_3_2a, score_3_2bc, score_3_3
from assessment.scoring.teachers_items import (
    score_2_1,
    score_2_2,
    score_2_3a,
    score_2_3b,
    score_2_3c,
    score_2_4,
)

ItemFunction = Callable[[Any, ItemConfig], ItemResult]

ITEM_FUNCTIONS: dict[str, ItemFunction] = {
    "1": score_1,
    "2.1": score_2_1,
    "2.2": score_2_2,
    "2.3a": score_2_3a,
    "2.3b": score_2_3b,
    "2.3c": score_2_3c,
    "2.4": score_2_4,
    "3.1": score_3_1,
    "3.2a": score_3_2a,
    "3.2bc": score_3_2bc,
    "3.3": score_3_3,
    "3.4a": score_3_4a,
    "3.4b": score_3_4b,
    "4": score_4,
}

__all__ = [
    "ITEM_FUNCTIONS",
    "ItemFunction",
    "score_1",
    "score_2_1",
    "score_2_2",
    "score_2_3a",
    "score_2_3b",
    "score_2_3c",
    "score_2_4",
    "score_3_1",
    "score_3_2a",
    "score_3_2bc",
    "score_3_3",
    "score_3_4a",
    "score_3_4b",
    "score_4",
]
