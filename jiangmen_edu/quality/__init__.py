"""Data-quality rules on yearly returns (docs/rules.md#data-quality, docs/quality.md), after DHIS2's
validation rules.

Each app declares its rules in its own `quality.py` with the `rule` decorator; the core
discovers them at start-up. A rule looks at one county's data for one year, in the
section of the return it belongs to, and yields a `Hit` per record that breaks it.
Errors block submission; warnings need a written explanation first.
"""
