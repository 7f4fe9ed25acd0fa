"""The scoring engine of the indicator table (docs/rules.md#assessment): pure functions over plain
inputs.

- `inputs`: the plain input dataclasses of each item;
- `config`: `ItemConfig` (an IndicatorRule as plain data) and `DEFAULTS`;
- `items`: one function per item (`score_1` … `score_4`), `ITEM_FUNCTIONS` by code;
- `balance`: the balance coefficients of item 3.4a and which schools count;
- `engine`: `score_county` (a county-year's scorecard) and `rank`;
- `result`: `ItemResult`, `round_half_up`, `pending`; `notes`: the 口径说明 I-1 … I-10.

Nothing here touches the database: selectors build the inputs, and `ItemConfig.from_rule`
reads an IndicatorRule.
"""

from assessment.scoring.config import DEFAULTS, ITEM_CODES, ConfigError, ItemConfig
from assessment.scoring.engine import CountyScore, Rank, rank, score_county
from assessment.scoring.items import ITEM_FUNCTIONS
from assessment.scoring.notes import NOTES
from assessment.scoring.result import ItemResult, pending, round_half_up

__all__ = [
    "DEFAULTS",
    "ITEM_CODES",
    "ITEM_FUNCTIONS",
    "NOTES",
    "ConfigError",
    "CountyScore",
    "ItemConfig",
    "ItemResult",
    "Rank",
    "pending",
    "rank",
    "round_half_up",
    "score_county",
]
