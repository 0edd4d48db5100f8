"""store.assessments: save, list, reopen and duplicate; a concurrent save warns; a crash mid-save keeps the last."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from store import assessments, schema
from store.assessments import assessments_store, duplicate, latest, load, save

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path):
    return assessments_store(tmp_path)


def _save(store, assessment_id="a1", loaded=None, title="Vitamins outreach", **content):
    return save(store, assessment_id=assessment_id, kind="equity", title=title, area_code="E06000009",
                theme_id="children-young-people", review_date=date(2026, 1, 5),
                content=content or {"answers": {"prepare-aims": "Reach families"}}, loaded_version=loaded)


def test_save_list_and_reopen(store):
    first = _save(store)
    assert (first.version, first.replaced) == (1, None)
    second = _save(store, loaded=1, answers={"prepare-aims": "Reach more families"})
    assert second.version == 2 and second.replaced is None
    listed = latest(store, "equity")
    assert list(listed["assessment_id"]) == ["a1"] and int(listed["versions"].iloc[0]) == 2
    assert latest(store, "inclusion").empty
    opened = load(store, "a1")
    assert opened.version == 2 and opened.content == {"answers": {"prepare-aims": "Reach more families"}}
    assert opened.review_date == date(2026, 1, 5) and opened.title == "Vitamins outreach"
    assert load(store, "a1", 1).content["answers"]["prepare-aims"] == "Reach families"  # earlier versions kept
    assert load(store, "missing") is None


def test_duplicate_is_a_new_assessment(store):
    _save(store)
    copy = duplicate(store, "a1")
    assert copy.assessment_id != "a1" and copy.version == 1
    assert load(store, copy.assessment_id).title == "Copy of Vitamins outreach"
    assert set(latest(store)["assessment_id"]) == {"a1", copy.assessment_id}
    with pytest.raises(ValueError):
        duplicate(store, "missing")


def test_a_save_over_another_sessions_save_wins_with_the_replaced_version(store):
    _save(store)  # both sessions open version 1
    _save(store, loaded=1, answers={"prepare-aims": "Session B's words"})  # session B saves first
    outcome = _save(store, loaded=1, answers={"prepare-aims": "Session A's words"})  # A saves after
    assert outcome.version == 3
    assert outcome.replaced is not None and outcome.replaced.version == 2
    assert outcome.replaced.content["answers"]["prepare-aims"] == "Session B's words"
    assert load(store, "a1").content["answers"]["prepare-aims"] == "Session A's words"  # last write wins
    assert load(store, "a1", 2).content["answers"]["prepare-aims"] == "Session B's words"  # nothing lost


def test_text_is_stored_as_text(store):
    nasty = "<script>alert(1)</script> [x](javascript:alert(1)) **bold** \x00 é 😀 " + "z" * 5000
    _save(store, answers={"a": nasty})
    assert load(store, "a1").content["answers"]["a"] == nasty


def test_bad_kind_and_huge_content_are_refused(store):
    with pytest.raises(ValueError):
        save(store, assessment_id="x", kind="other", title="t", area_code="", theme_id="", review_date=None,
             content={}, loaded_version=None)
    with pytest.raises(ValueError, match="too long"):
        _save(store, answers={"a": "x" * (assessments.MAX_CONTENT_CHARS + 1)})
    assert load(store, "a1") is None


def test_the_table_is_declared_once_in_the_schema(store):
    _save(store)
    described = store.query(f"DESCRIBE {assessments.TABLE}")
    assert list(described["column_name"]) == [f.name for f in schema.USER_TABLES[assessments.TABLE]]
    assert set(store.query("SHOW TABLES")["name"]) == set(schema.USER_TABLES)  # no copy of the data tables


def test_an_error_inside_a_save_leaves_the_previous_version(store):
    _save(store)
    with pytest.raises(Exception):  # noqa: B017 - any failure mid-write
        save(store, assessment_id="a1", kind="equity", title="t", area_code="", theme_id="",
             review_date="not a date", content={}, loaded_version=1)
    assert load(store, "a1").version == 1 and not store.path.with_name(store.path.name + ".new").exists()


CRASH = """
import os, signal, sys
from datetime import date
from pathlib import Path
import store.db as db
from store.assessments import assessments_store, save
_transaction = db.Store._transaction


def _dying(self):  # die after the save's rows are written, before the transaction commits
    session = _transaction(self)
    yield next(session)
    os.kill(os.getpid(), signal.SIGKILL)


db.Store._transaction = _dying
save(assessments_store(Path(sys.argv[1])), assessment_id="a1", kind="equity", title="Crashed", area_code="",
     theme_id="", review_date=date(2026, 1, 5), content={"answers": {"prepare-aims": "never saved"}},
     loaded_version=1)
"""


def test_a_crash_mid_save_leaves_the_previous_version(store, tmp_path):
    _save(store)
    done = subprocess.run([sys.executable, "-c", CRASH, str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr
    opened = load(store, "a1")
    assert opened.version == 1 and opened.title == "Vitamins outreach"
    assert _save(store, loaded=1).version == 2  # the leftover copy does not block the next save
