"""The Nomis replay fixtures of tests/connectors, for the mortality download tests here."""
from tests.connectors.conftest import nomis, nomis_url  # noqa: F401
