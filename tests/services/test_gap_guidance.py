"""Guidance for the causes that contribute most to a life-expectancy gap, from the shipped catalogue."""
from __future__ import annotations

from analysis.mortality import CAUSE_GROUPS
from guidance.catalogue import load_catalogue
from services.gap_guidance import LOOKUPS, resources_for_causes


def test_every_cause_group_finds_resources_each_once():
    cat = load_catalogue()
    causes = [g.name for g in CAUSE_GROUPS] + ["Other"]
    assert set(causes) <= set(LOOKUPS)
    found = resources_for_causes(cat, causes)
    assert [c for c, _ in found] == causes
    assert all(resources for _, resources in found), [c for c, r in found if not r]
    assert all(len({r.id for r in resources}) == len(resources) <= 3 for _, resources in found)
    by_cause = dict(found)
    assert "menu-of-preventative-interventions" in {r.id for r in by_cause["Circulatory"]}
    assert "lahi-fuel-poverty-cold-homes" in {r.id for r in by_cause["Respiratory"]}


def test_all_causes_points_to_the_segment_tool():
    (cause, resources), = resources_for_causes(load_catalogue(), ["All causes"])
    assert cause == "All causes" and resources[0].id == "segment-tool"
