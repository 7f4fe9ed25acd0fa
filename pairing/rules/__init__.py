"""The pairing ledger's business rules (docs/rules.md#pairing), as plain typed functions.

- `periods`: months, weeks and semesters served;
- `funding`: rates, pro-rating and the city / district split;
- `targets`: the targets of the compliance table and how each is met.
"""
