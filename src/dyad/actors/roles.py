"""Language-independent role keys (the `role` column of lang/*/roles.tsv) by how they refer."""

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
