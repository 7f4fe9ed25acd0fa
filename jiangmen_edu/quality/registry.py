"""What a data-quality rule is, and the registry every app's `quality.py` fills."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise

from jiangmen_edu.models import Severity, Unit


@dataclass(frozen=True)
class Hit:
    """One record that breaks a rule.

    `key` names the record stably ("staff:123"), so an explanation survives re-runs;
    `params` fill the rule's message and must be JSON values.
    """

    key: str
    label: str
    params: dict[str, Any] = field(default_factory=dict)
    url: str = ""


@dataclass(frozen=True)
class Context:
    unit: Unit
    year: int
    threshold: Decimal | None


@dataclass(frozen=True)
class Rule:
    code: str
    section: str
    severity: str
    title: str | Promise
    message: str | Promise
    check: Callable[[Context], Iterable[Hit]]
    source: str | Promise
    default_threshold: Decimal | None = None
    threshold_label: str | Promise = ""

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR

    def describe(self, params: dict[str, Any]) -> str:
        """The finding in the reader's language; `params` as stored with the finding."""
        return str(self.message) % params


_registry: dict[str, Rule] = {}


def rule(
    *,
    code: str,
    section: str,
    severity: str,
    title: str | Promise,
    message: str | Promise,
    source: str | Promise,
    default_threshold: Decimal | str | None = None,
    threshold_label: str | Promise = "",
) -> Callable[[Callable[[Context], Iterable[Hit]]], Rule]:
    """Declare and register a rule; the decorated function becomes its `check`.

    `message` is formatted with the hit's params plus `label` and, for rules with a
    threshold, `threshold`. `source` names, in plain words, the policy or indicator the rule
    serves; the city's pages show it, so it is a translatable text, not a document reference.
    """

    def decorator(check: Callable[[Context], Iterable[Hit]]) -> Rule:
        declared = Rule(
            code=code,
            section=section,
            severity=severity,
            title=title,
            message=message,
            check=check,
            source=source,
            default_threshold=None if default_threshold is None else Decimal(default_threshold),
            threshold_label=threshold_label,
        )
        if code in _registry and _registry[code].check is not check:
            raise ValueError(f"Two data-quality rules share the code {code}.")
        _registry[code] = declared
        return declared

    return decorator


def get(code: str) -> Rule | None:
    return _registry.get(code)


def all_rules() -> list[Rule]:
    return sorted(_registry.values(), key=lambda r: r.code)


def rules_for_section(section: str) -> list[Rule]:
    return [r for r in all_rules() if r.section == section]
