"""Language-independent role keys (the `role` column of lang/*/roles.tsv) by how they refer."""
from __future__ import annotations

from dyad.model import Actor

# Generic role keys that may refer back to any senior office holder ("the leader").
GENERIC_ROLES = frozenset({"leader", "head_of_state", "head_of_government", "party_leader"})
# Role keys (lang/*/roles.tsv) held by one person: "the ambassador" refers back to the holder;
# collective roles ("the government", "the party", "protesters") do not.
OFFICE_ROLES = GENERIC_ROLES | frozenset({
    "minister", "foreign_minister", "interior_minister", "finance_minister", "defence_minister",
    "deputy_head_of_state", "deputy_head_of_government", "deputy_foreign_minister", "ambassador",
    "diplomat", "spokesperson", "judge", "prosecutor", "military_commander", "governor_general"})
# Offices one person holds at a time: "the Vietnamese President" names the holder on the date.
SINGLE_HOLDER_ROLES = frozenset({
    "head_of_state", "head_of_government", "foreign_minister", "party_leader", "defence_minister",
    "interior_minister", "finance_minister", "governor_general"})
# Collective role keys that act as a group even when the text names no state ("students
# marched", "la policía detuvo"): coded "---" + agent, or with the state of the event's place.
# Single offices (above) resolve by coreference instead; "official", "embassy", "ministry" and
# "delegation" always belong to a state the text must name.
GROUP_ROLES = frozenset({
    "people", "prisoners", "protesters", "education", "labour", "agriculture", "rebels",
    "armed_attackers", "police", "military", "opposition", "government", "parliament",
    "legislator", "court", "media", "refugees", "religion", "criminals", "human_rights", "ngo",
    "environment", "intelligence", "health", "party", "business", "lawyers"})
# Unit rule suffix (dyad.actors.match): a group role naming one member ("el abogado Taormina"),
# coded as the group with no state ("---JUD") unless a nationality gives one
MEMBER_NAME = "+member"
NO_STATE = "---"  # CAMEO's filler for an unknown state: "---EDU" students, "---" no target


def is_stateless(actor: Actor) -> bool:
    """A group the text named without its state ("---EDU"), or the missing target ("---")."""
    return actor.code.startswith(NO_STATE)
