"""The pairing pages: Annex 2's relationships, the ledger's record pages, the compliance
table, the dashboards and the funding statement."""
