"""Every setting is documented in the README with its default."""
from __future__ import annotations

from pathlib import Path

import settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def test_every_setting_is_in_the_readme_table():
    rows = [line for line in README.splitlines() if line.startswith("| `")]
    names = {line.split("`")[1] for line in rows}
    assert names == {s.name for s in settings.SETTINGS}
    for s in settings.SETTINGS:
        row = next(line for line in rows if line.startswith(f"| `{s.name}`"))
        assert s.help in row


def test_settings_read_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("FINGERTIPS_API_URL", "http://127.0.0.1:1/api")
    assert settings.api_url() == "http://127.0.0.1:1/api/"
    monkeypatch.setenv("HEP_RETRIES", "not a number")
    assert settings.get_int("HEP_RETRIES") == 4
    monkeypatch.setenv("HEP_DATA_DIR", str(tmp_path / "x"))
    assert settings.data_dir().is_dir()


def test_readme_gives_exactly_two_setup_commands():
    section = README.split("## Set up and run", 1)[1].split("\n## ", 1)[0]
    blocks = section.split("```")[1::2]
    commands = [line for block in blocks for line in block.splitlines()[1:] if line.strip()]
    assert commands == ["bash scripts/run.sh", "bash scripts/test.sh"]
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    assert "scripts/test.sh" in ci
