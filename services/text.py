"""Safe text for Markdown: user, catalogue and data text is escaped, never rendered as HTML.

Used by services (which write the sentences of view objects) and by components (which draw them).
"""
from __future__ import annotations

import re
from urllib.parse import urlencode

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def md(text: object) -> str:
    """Escape Markdown and HTML special characters so text shows literally."""
    return _MARKDOWN.sub(r"\\\1", str(text)).replace("\n", " ")


def link(title: object, url: str) -> str:
    """A Markdown link with an escaped title; only http(s) and app-relative URLs are linked."""
    if not (url.startswith("https://") or url.startswith("http://") or url.startswith("/")):
        return md(title)
    return f"[{md(title)}]({url.replace(')', '%29').replace(' ', '%20')})"


def app_url(path: str, **params: object) -> str:
    """A link inside the dashboard, e.g. app_url('explorer', area='E06000009', indicator=90366)."""
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"/{path}" + (f"?{query}" if query else "")
