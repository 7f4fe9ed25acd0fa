"""Read side of the teachers ledger: a county-year's figures, or the city's, through the rules.

Every function takes `unit_ids`, the units the caller may see (what `counties_for_user(user)`
returns, or their ids), and a statistical year; the city-wide figure is the same call with every
unit. Each function runs a fixed number of grouped queries, whatever the number of staff: the
database counts and sums, `teachers.rules` judges. One module per concept, as in
`teachers.rules`; `teachers.dashboard.selectors` puts them together for the pages.

Exactness (docs/rules.md#i-7): hours and pay are summed in the database as whole tenths of an hour
and whole fen (cents), so that SQLite, which sums decimals as floating point, gives the same exact
totals as PostgreSQL.
"""
