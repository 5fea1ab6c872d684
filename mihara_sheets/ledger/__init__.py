"""From grids of cell values to typed records: the ledger contract as data, and the reader."""
