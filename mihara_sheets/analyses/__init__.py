"""Pure analyses over a ledger: no files, no Excel (attendance and quorum, publication dates)."""
