"""Analyses of a ledger: pure functions over its records, no files, no Excel.

- :mod:`.attendance` — invitees' replies, 当日, quorum.
- :mod:`.identity` — who is the same person across rosters.
- :mod:`.inventory` — the council inventory (棚卸): places, overlaps, seats, burden.
- :mod:`.composition` — the member composition report as of a date (women, 公募, tenure).
- :mod:`.koji` — the 公示 list of the network's member organisations.
"""
