"""store.importer.stored_polarity tidies the text stored; analysis' normalise_polarity is the one reading."""
from __future__ import annotations

from analysis.benchmarking import normalise_polarity
from store.importer import stored_polarity


def test_stored_polarity_keeps_text_and_blank_as_none():
    assert stored_polarity("RAG - Low is good   ") == "Low is good"
    assert stored_polarity("BOB - Blue orange blue") == "No judgement"
    assert stored_polarity("Something new") == "Something new"  # not recoded in the store
    assert stored_polarity("") is None and stored_polarity(None) is None


def test_every_stored_polarity_reads_as_one_of_the_four_words():
    for text in ("RAG - Low is good", "RAG - High is good", "BOB - Blue orange blue", "Not applicable",
                 "Something new", None):
        assert normalise_polarity(stored_polarity(text)) in {"High is good", "Low is good", "No judgement",
                                                             "Not applicable"}
