"""Fixtures of the page tests: a local server of the shared ONS boundaries, so maps draw with no network."""
from __future__ import annotations

import http.server
import re
import threading

import pytest

from tests.conftest import shared_path


def _squash(name: str) -> str:
    """The shared files were saved with a doubled underscore in one name ('Boundaries__UK')."""
    return re.sub("_+", "_", name)


@pytest.fixture(scope="module")
def boundary_server():
    """Serves the shared ONS GeoJSON as /<dataset>.geojson, like the ONS service's GeoJSON queries."""
    folder = shared_path("data", "boundaries")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            name = self.path.strip("/").removesuffix(".geojson")
            found = [p for p in folder.iterdir() if _squash(p.name).startswith(_squash(name))] if name else []
            body = found[0].read_bytes() if found else b'{"error": "not found"}'
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", "application/geo+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{{dataset}}.geojson"
    server.shutdown()


@pytest.fixture
def boundaries(boundary_server, monkeypatch):
    monkeypatch.setenv("ONS_BOUNDARY_URL_TEMPLATE", boundary_server)
    return boundary_server
