"""The project's error types. Every failure that can reach a person is one of these."""

from __future__ import annotations


class HEPError(Exception):
    """Base of every error this project raises on purpose; `str()` is a plain-English sentence."""


class FingertipsAPIError(HEPError):
    """The Fingertips API could not be reached or answered with an error."""

    def __init__(self, message: str, *, url: str, status: int | None = None):
        self.url = url
        self.status = status
        super().__init__(message)

    @property
    def is_client_error(self) -> bool:
        """True for 4xx answers: the request itself was wrong, so retrying will not help."""
        return self.status is not None and 400 <= self.status < 500 and self.status != 429


class FingertipsDataError(HEPError):
    """A file or response did not have the content or layout Fingertips uses."""

    def __init__(
        self, message: str, *, source: str = "", missing: list[str] | None = None, unexpected: list[str] | None = None
    ):
        self.source = source
        self.missing = missing or []
        self.unexpected = unexpected or []
        super().__init__(message)


class StoreError(HEPError):
    """The local store could not be read or written."""


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
