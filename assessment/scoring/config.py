"""Points and thresholds of each item for one year and region (docs/rules.md#assessment,
差别化原则).

An `ItemConfig` is an `assessment.models.IndicatorRule` as plain data: its `max_points` and its
`parameters` dict, where numbers are Decimal strings ("0.93"), as in
fixtures/reference/indicators.json. Build one from a rule (`from_rule`) or from plain values
(`from_dict`), so the scoring functions and their tests need no database.

`DEFAULTS` holds the defaults of that file, the same for East and West.
"""

import copy
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any

INDICATORS_JSON = Path(__file__).resolve().parents[2] / "fixtures" / "reference" / "indicators.json"

# The item codes of docs/rules.md#indicator-table and docs/rules.md#assess-json, in table order.
ITEM_CODES: tuple[str, ...] = (
    "1",
    "2.1",
    "2.2",
    "2.3a",
    "2.3b",
    "2.3c",
    "2.4",
    "3.1",
    "3.2a",
    "3.2bc",
    "3.3",
    "3.4a",
    "3.4b",
    "4",
)


class ConfigError(ValueError):
    """A rule's parameters lack a value the item needs, or hold one that is not a number."""


@dataclass(frozen=True)
class ItemConfig:
    """The maximum and the parameters of one item for one year and region."""

    code: str
    max_points: Decimal
    parameters: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(
        cls, code: str, max_points: Decimal | str | int, parameters: Mapping[str, Any] | None
    ) -> "ItemConfig":
        """From plain values: `parameters` as stored in `IndicatorRule.parameters`."""
        if code not in ITEM_CODES:
            raise ConfigError(f"unknown item code {code!r}")
        try:
            maximum = Decimal(str(max_points))
        except InvalidOperation as error:
            raise ConfigError(f"{code}: max_points {max_points!r} is not a number") from error
        if maximum < 0:
            raise ConfigError(f"{code}: max_points cannot be negative")
        return cls(code, maximum, copy.deepcopy(dict(parameters or {})))

    @classmethod
    def from_rule(cls, rule: Any) -> "ItemConfig":
        """From an `assessment.models.IndicatorRule` (its indicator, max_points, parameters)."""
        return cls.from_dict(rule.indicator.code, rule.max_points, rule.parameters)

    def value(self, *path: str) -> Any:
        """The raw parameter at `path` ("targets", "primary", "share"), or ConfigError."""
        node: Any = self.parameters
        for key in path:
            if not isinstance(node, Mapping) or key not in node:
                raise ConfigError(f"{self.code}: parameter {'.'.join(path)} is missing")
            node = node[key]
        return node

    def decimal(self, *path: str) -> Decimal:
        """A numeric parameter as an exact Decimal ("0.93" → Decimal("0.93")).

        A JSON float is read through its shortest repr (0.93 → "0.93"), i.e. as typed.
        """
        raw = self.value(*path)
        if isinstance(raw, bool):
            raise ConfigError(f"{self.code}: parameter {'.'.join(path)} must be a number")
        try:
            return Decimal(str(raw))
        except InvalidOperation as error:
            raise ConfigError(
                f"{self.code}: parameter {'.'.join(path)} = {raw!r} is not a number"
            ) from error

    def fraction(self, *path: str) -> Fraction:
        """A numeric parameter as an exact Fraction, for comparisons (docs/rules.md#i-7)."""
        return Fraction(self.decimal(*path))

    def integer(self, *path: str) -> int:
        value = self.decimal(*path)
        if value != value.to_integral_value():
            raise ConfigError(f"{self.code}: parameter {'.'.join(path)} must be a whole number")
        return int(value)


def configs_from_rules(rules: Iterable[Any]) -> dict[str, ItemConfig]:
    """The configs of one year and region from its IndicatorRule rows, by item code."""
    return {config.code: config for config in map(ItemConfig.from_rule, rules)}


def load_defaults(path: Path = INDICATORS_JSON) -> Mapping[str, ItemConfig]:
    """The defaults of fixtures/reference/indicators.json (docs/rules.md#assessment), by item
    code."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    configs = {
        row["code"]: ItemConfig.from_dict(row["code"], row["max"], row["parameters"])
        for row in data["indicators"]
    }
    missing = set(ITEM_CODES) - set(configs)
    if missing:
        raise ConfigError(f"{path.name} lacks items {sorted(missing)}")
    return MappingProxyType({code: configs[code] for code in ITEM_CODES})


DEFAULTS: Mapping[str, ItemConfig] = load_defaults()
