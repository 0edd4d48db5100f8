"""What every connector shares: one requests session with urllib3 retries, and plain failure sentences."""
from __future__ import annotations

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

import settings

RETRY_STATUSES = (429, 500, 502, 503, 504)
USER_AGENT = "HealthEquityPlanner/0.1"


def build_session(retries: int, backoff: float) -> requests.Session:
    """A session retrying connection errors, 429 and 5xx with backoff (honouring Retry-After); TLS checks on."""
    session = requests.Session()
    retry = Retry(
        total=retries, connect=retries, read=retries, status=retries, other=0,
        backoff_factor=backoff, backoff_max=60, status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET"}), respect_retry_after_header=True, raise_on_status=False,
    )
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = USER_AGENT
    session.trust_env = True  # HTTP(S)_PROXY, NO_PROXY and REQUESTS_CA_BUNDLE
    ca_bundle = settings.get("HEP_CA_BUNDLE")
    if ca_bundle:
        session.verify = ca_bundle  # never False: certificate checks stay on
    return session


def is_timeout(exc: BaseException) -> bool:
    """True when a requests/urllib3 error (possibly wrapped in MaxRetryError) is a time-out."""
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(exc, requests.exceptions.Timeout) or isinstance(reason, TimeoutError) or \
        "timed out" in str(exc).lower()


def failure_sentence(exc: requests.exceptions.RequestException, service: str, url: str, retries: int) -> str:
    """The plain-English sentence for a request that got no usable answer."""
    if isinstance(exc, requests.exceptions.RetryError):
        return f"The {service} kept answering with errors after {retries} retries ({url})."
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return f"The reply of the {service} was cut off before the end ({url}). Try again later."
    if isinstance(exc, requests.exceptions.SSLError):
        return (f"The secure connection to {url} failed its certificate check. If your network inspects "
                "TLS, set HEP_CA_BUNDLE to your organisation's CA bundle.")
    what = ("did not answer in time. It may be busy; try again later" if is_timeout(exc)
            else "cannot be reached. Check the connection or proxy settings")
    return f"The {service} {what} ({url})."


def status_sentence(status: int, service: str, detail: str, url: str) -> str:
    """The plain-English sentence for an HTTP error status."""
    if status == 429:
        what = f"The {service} is limiting requests (429). Wait a minute and try again."
    elif status >= 500:
        what = f"The {service} had a server error ({status}). Try again later."
    elif status == 404:
        what = f"The {service} does not know this address (404)."
    else:
        what = f"The {service} refused the request ({status})."
    return f"{what} {detail} ({url})".replace("  ", " ")
