"""The one error type of the export package."""
from __future__ import annotations


class ExportError(RuntimeError):
    """An export could not be made; the message is a plain-English sentence saying what to do next."""
