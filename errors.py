"""The project's error types. Every failure that can reach a person is one of these.

Each error's `str()` is a plain-English sentence saying what happened; `advice` says what to do next (each
class has a default, and a raise can give a more precise one). When a raise passes `advice`, it is also
appended to the sentence, so a one-line CLI message carries it.
"""
from __future__ import annotations


class HEPError(Exception):
    """Base of every error this project raises on purpose; `str()` is a plain-English sentence."""

    default_advice = "Try again; if it keeps happening, report it with the message above."

    def __init__(self, message: str, *, advice: str | None = None):
        self.message = message
        self.advice = advice or self.default_advice
        super().__init__(f"{message} {advice}" if advice and advice not in message else message)


class FingertipsAPIError(HEPError):
    """The Fingertips API could not be reached or answered with an error."""

    default_advice = "Check the connection and try again later; the data already held is still shown."

    def __init__(self, message: str, *, url: str, status: int | None = None, advice: str | None = None):
        self.url = url
        self.status = status
        super().__init__(message, advice=advice)

    @property
    def is_client_error(self) -> bool:
        """True for 4xx answers: the request itself was wrong, so retrying will not help."""
        return self.status is not None and 400 <= self.status < 500 and self.status != 429


class FingertipsDataError(HEPError):
    """A file or response did not have the content or layout Fingertips uses.

    For a cell that cannot be read, `row` (1 = the first row after the header), `column` (the file's heading)
    and `text` (the cell as found) say where.
    """

    default_advice = ("Download the file again from Fingertips (the Download tab, or 'Export table as CSV') "
                      "and import it without editing it; nothing was imported.")

    def __init__(self, message: str, *, source: str = "", missing: list[str] | None = None,
                 unexpected: list[str] | None = None, row: int | None = None, column: str | None = None,
                 text: str | None = None, advice: str | None = None):
        self.source = source
        self.missing = missing or []
        self.unexpected = unexpected or []
        self.row = row
        self.column = column
        self.text = text
        super().__init__(message, advice=advice)


class StoreError(HEPError):
    """The local store could not be read or written."""

    default_advice = ("Check that the data folder (HEP_DATA_DIR) exists, is writable and has free space; "
                      "the previous store is kept.")

class ExportError(HEPError):
    """An export could not be made (e.g. Chromium is missing); the message says what to do next."""


class NomisAPIError(HEPError):
    """The Nomis API (ONS deaths and population) could not be reached or answered with an error."""

    def __init__(self, message: str, *, url: str, status: int | None = None):
        self.url = url
        self.status = status
        super().__init__(message)


class NomisDataError(HEPError):
    """A Nomis reply was incomplete or did not have the codes or columns Nomis uses."""

    def __init__(self, message: str, *, source: str = "", missing: list[str] | None = None):
        self.source = source
        self.missing = missing or []
        super().__init__(message)


class MortalityDataError(HEPError):
    """An analyst's deaths and population file does not follow the documented layout."""

    def __init__(self, message: str, *, row: int | None = None, column: str | None = None):
        self.row = row
        self.column = column
        super().__init__(message)
