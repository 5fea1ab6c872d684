"""``python -m mihara_sheets``: the same as the ``mihara-sheets`` command."""

from .cli import main

main()
