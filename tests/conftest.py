"""Shared test set-up.

xlwings' engines that run without Excel (the reader and remote engines) are in its
PolyForm Noncommercial part; use by a government institution is a permitted purpose (see
README). xlwings reads the key when it is first imported, so it is set here, before any
test module imports it, and only for the tests.
"""

import os

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
