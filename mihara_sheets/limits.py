"""Size limits shared by the reader and the writer: a ledger that reads can be written back.

Caps chosen far above a real ledger (100,000 rows ≈ 40 MB of sheet XML, compression ratio
≈ 10–20) and far below what hurts a 24 GB machine. A zip whose parts expand to more than
:data:`MAX_UNCOMPRESSED_TOTAL` in all, or one part of at least :data:`RATIO_CHECK_FROM`
compressed more than :data:`MAX_RATIO` to 1, is refused (a zip bomb, or not a ledger).
"""

from __future__ import annotations

MAX_UNCOMPRESSED_TOTAL = 1024 * 1024 * 1024
MAX_RATIO = 200
RATIO_CHECK_FROM = 8 * 1024 * 1024


def too_large(total: int) -> bool:
    """True when parts expanding to ``total`` bytes in all are over the limit."""
    return total > MAX_UNCOMPRESSED_TOTAL


def suspicious_ratio(file_size: int, compress_size: int) -> bool:
    """True when one part is large and compressed far more than a real sheet ever is."""
    return file_size >= RATIO_CHECK_FROM and file_size > MAX_RATIO * max(compress_size, 1)
