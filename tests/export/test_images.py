"""export.images: attribution text, decoration, and PNG/SVG drawn by the Debian Chromium."""
from __future__ import annotations

import asyncio
import struct
import threading
from datetime import date

import pytest

from errors import ExportError
from export import images

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk (always the first chunk, right after the signature)."""
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def test_source_line_names_fingertips_date_and_ogl():
    line = images.source_line(date(2025, 3, 5))
    assert line == ("Source: OHID Fingertips, data as of 5 March 2025. Contains public sector information "
                    "licensed under the Open Government Licence v3.0.")
    assert images.source_line("2024-11-30T10:00:00").startswith(
        "Source: OHID Fingertips, data as of 30 November 2024.")
    assert images.source_line("autumn 2024").startswith("Source: OHID Fingertips, data as of autumn 2024.")


def test_source_line_for_maps_adds_ons_and_os_notice():
    line = images.source_line(date(2025, 3, 5), with_boundaries=True)
    assert line.endswith("Contains ONS boundaries: Source: Office for National Statistics licensed under "
                         "the Open Government Licence v3.0. "
                         "Contains OS data © Crown copyright and database right.")


def test_decorate_copies_and_adds_title_subtitle_and_source(figures):
    fig = figures["bar"]
    before = fig.to_json()
    out = images.decorate_for_export(fig, "Top 15 areas", "Counties & UAs, 2016, compared with England",
                                     images.source_line("2025-03-05"))
    assert fig.to_json() == before, "the page's figure must not change"
    assert out.layout.title.text == "Top 15 areas"
    assert out.layout.title.subtitle.text == "Counties &amp; UAs, 2016, compared with England"
    note = out.layout.annotations[-1].text
    assert "Source: OHID Fingertips, data as of 5 March 2025." in note
    assert "Open Government Licence v3.0." in note
    assert out.layout.margin.b > (fig.layout.margin.b or 80)


def test_missing_chromium_is_a_plain_sentence(monkeypatch, figures):
    monkeypatch.setenv("HEP_CHROMIUM_PATH", "/nonexistent/chromium")
    with pytest.raises(ExportError, match="Chromium is not installed.*install the 'chromium' package"):
        images.to_png(figures["bar"])


def test_unknown_format_is_refused(chromium, figures):
    with pytest.raises(ValueError, match="fmt must be one of"):
        images.render_many([figures["bar"]], fmt="gif")


def test_render_many_draws_every_kind_with_one_browser(chromium, figures):
    names = ["bar", "line", "choropleth", "box"]
    progress = []
    pngs = images.render_many([figures[n] for n in names], "png", width=640, height=360, scale=2,
                              progress=lambda done, total: progress.append((done, total)))
    assert progress == [(1, 4), (2, 4), (3, 4), (4, 4)]
    for name, png in zip(names, pngs, strict=True):
        assert png.startswith(PNG_SIGNATURE), name
        assert png_size(png) == (1280, 720), name
        assert len(png) > 5_000, f"{name} looks empty ({len(png)} bytes)"


def test_to_png_default_size_is_1600_by_900_at_scale_2(chromium, figures):
    png = images.to_png(figures["line"])
    assert png.startswith(PNG_SIGNATURE)
    assert png_size(png) == (3200, 1800)


def test_decorated_map_svg_carries_title_and_source(chromium, figures):
    line = images.source_line(date(2025, 3, 5), with_boundaries=True)
    fig = images.decorate_for_export(figures["choropleth"], "Healthy life expectancy by county",
                                     "Counties and UAs, latest period", line)
    svg = images.to_svg(fig, width=1000, height=700).decode("utf-8")
    assert svg.lstrip().startswith("<svg")
    assert "Healthy life expectancy by county" in svg
    assert "Counties and UAs, latest period" in svg
    for sentence in images._wrap_sentences(line, limit=0):  # every sentence appears whole
        assert sentence in svg, sentence


def test_works_from_inside_a_running_event_loop(chromium, figures):
    """Jupyter (and some servers) call from a thread that already runs asyncio; the browser gets its own."""

    async def export_from_async_code() -> bytes:
        return images.to_png(figures["bar"], width=400, height=300, scale=1)

    # in a thread of its own: the browser tests' Playwright may keep a loop running on the main thread
    result: list[bytes] = []
    worker = threading.Thread(target=lambda: result.append(asyncio.run(export_from_async_code())))
    worker.start()
    worker.join(120)
    assert png_size(result[0]) == (400, 300)


def test_a_program_that_is_not_a_browser_is_a_plain_sentence(monkeypatch, figures, tmp_path):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("HEP_CHROMIUM_PATH", str(fake))
    with pytest.raises(ExportError, match="could not start"):
        images.to_png(figures["bar"], width=200, height=100, scale=1)
