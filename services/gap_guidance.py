"""The Health equity collection's resources for the causes that contribute most to a life-expectancy gap.

Each Segment Tool cause group is mapped to look-ups in the catalogue (services.guidance.catalogue()): a free-
text search (`Catalogue.search`, every word must appear in a resource's title or description) or a theme's
resources (`Catalogue.resources_for_theme`). The mapping follows what the resources say they cover:

| cause group | look-ups, in order | why |
|---|---|---|
| Circulatory | search "heart"; search "killer diseases"; theme prevention-early-treatment | the menu of preventative interventions names heart risk; Longer Lives ranks early deaths from the main killer diseases |
| Cancer | search "tobacco"; search "killer diseases"; theme prevention-early-treatment | tobacco is the largest preventable cause of cancer deaths; Longer Lives covers cancer |
| Respiratory | search "cold"; search "tobacco"; theme healthy-places | fuel poverty and cold homes; smoking; housing and places |
| Digestive | search "alcohol"; theme prevention-early-treatment | alcohol-related liver disease dominates digestive deaths under 75 |
| External causes | search "falls"; search "resilience"; theme children-young-people | falls prevention; young people's resilience (injury, self-harm) |
| Mental and behavioural | search "mental"; theme community-engagement-asset-based | mental wellbeing and community-centred approaches |
| Other, All causes | theme deprivation; theme system-wide-approaches | the Segment Tool and Longer Lives themselves; system-wide action on the gap |

At most three resources are listed per cause (each once within a cause; a resource such as the menu of
preventative interventions can serve several causes).
"""
from __future__ import annotations

from guidance.catalogue import Catalogue, Resource

LOOKUPS: dict[str, tuple[tuple[str, str], ...]] = {
    "Circulatory": (("search", "heart"), ("search", "killer diseases"), ("theme", "prevention-early-treatment")),
    "Cancer": (("search", "tobacco"), ("search", "killer diseases"), ("theme", "prevention-early-treatment")),
    "Respiratory": (("search", "cold"), ("search", "tobacco"), ("theme", "healthy-places")),
    "Digestive": (("search", "alcohol"), ("theme", "prevention-early-treatment")),
    "External causes": (("search", "falls"), ("search", "resilience"), ("theme", "children-young-people")),
    "Mental and behavioural": (("search", "mental"), ("theme", "community-engagement-asset-based")),
    "Other": (("theme", "deprivation"), ("theme", "system-wide-approaches")),
    "All causes": (("theme", "deprivation"), ("theme", "system-wide-approaches")),
}
PER_CAUSE = 3


def _look_up(cat: Catalogue, kind: str, value: str) -> list[Resource]:
    if kind == "search":
        return cat.search(value)
    try:
        return cat.resources_for_theme(value)
    except KeyError:  # a theme renamed in the catalogue: nothing rather than an error on the page
        return []


def resources_for_causes(cat: Catalogue, causes: list[str]) -> list[tuple[str, list[Resource]]]:
    """(cause, up to three resources) for each cause in order."""
    out = []
    for cause in causes:
        found: list[Resource] = []
        seen: set[str] = set()
        for kind, value in LOOKUPS.get(cause, LOOKUPS["Other"]):
            for resource in _look_up(cat, kind, value):
                if resource.id not in seen and len(found) < PER_CAUSE:
                    seen.add(resource.id)
                    found.append(resource)
        out.append((cause, found))
    return out
