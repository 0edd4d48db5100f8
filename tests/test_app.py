"""app.py end to end in AppTest: empty store, imported sample, bad URL values."""
from __future__ import annotations

from tests.apptest import run_app, texts


def test_empty_store_shows_the_welcome_screen(data_dir):
    at = run_app()
    assert not at.exception
    assert at.title[0].value == "Welcome to Health Equity Planner"
    assert "The local store is empty" in texts(at)
    assert any(b.label == "Download data" for b in at.button)
    assert "Open Government Licence v3.0" in texts(at)


def test_welcome_download_failure_offers_upload(data_dir, monkeypatch):
    monkeypatch.setenv("FINGERTIPS_API_URL", "http://127.0.0.1:9/api/")
    monkeypatch.setenv("HEP_RETRIES", "0")
    at = run_app()
    at.button[0].click().run()  # the form's "Download data"
    assert not at.exception
    assert "cannot be reached" in texts(at) and "upload CSV files" in texts(at)


def test_welcome_download_from_the_replay_server(data_dir, replay):
    at = run_app()
    at.multiselect[1].set_value([502]).run()
    at.button[0].click().run()
    assert not at.exception
    assert any("Downloaded" in str(s.label) for s in at.status) or "Downloaded" in texts(at)
    at = run_app(area="E06000009")
    assert at.title[0].value == "Blackpool"


def test_sample_store_shows_the_area_from_the_url(sample_store):
    at = run_app(area="E06000009")
    assert not at.exception
    assert at.title[0].value == "Blackpool"
    assert at.query_params["area"] == ["E06000009"] or at.query_params["area"] == "E06000009"
    assert "Data as of" in texts(at)


def test_bad_area_in_the_url_falls_back_to_england(sample_store):
    at = run_app(area="<script>alert(1)</script>")
    assert not at.exception
    assert "not available here, so England is shown" in texts(at)
    assert at.title[0].value == "England"


def test_lower_case_area_code_is_accepted(sample_store):
    at = run_app(area="e06000009")
    assert not at.exception and at.title[0].value == "Blackpool"


def test_welcome_download_failure_shows_reason_and_advice_open_on_the_page(data_dir, replay, monkeypatch):
    monkeypatch.setenv("HEP_RETRIES", "0")
    replay.fault(fail_next=20, status=503)
    at = run_app()
    at.multiselect[1].set_value([502]).run()
    at.button[0].click().run()
    assert not at.exception
    assert at.status[0].label == "The download did not finish"
    assert not at.status[0].error, "the explanation must not sit folded inside the progress box"
    (error,) = at.error
    assert "503" in error.value and "What you can do:" in error.value
