"""Header cells -> column roles: every variant SPEC lists, and ones like them."""

from __future__ import annotations

import pytest

from plantrack.extract.columns import header_role, map_header


@pytest.mark.parametrize("text, role", [
    ("Responsible", "owner"), ("Respon- sible", "owner"), ("Who", "owner"), ("Lead", "owner"), ("Leads", "owner"),
    ("Responsible Person or Agency", "owner"), ("By whom", "owner"), ("Action owner", "owner"),
    ("Target Date", "due"), ("When", "due"), ("Due", "due"), ("Time", "due"), ("Timescale", "due"),
    ("By when", "due"), ("Deadline", "due"),
    ("R A G", "rag"), ("RAG", "rag"), ("RAG Current", "rag"), ("Current", "rag"), ("Status", "rag"),
    ("RAG Previous", "rag_previous"), ("Previous", "rag_previous"), ("RAG Initial", "rag_initial"),
    ("Enabling Teams", "partners"), ("Enabling Subgroup or team", "partners"), ("Partners", "partners"),
    ("How measured/KPIs", "measures"), ("Success measure(s)", "measures"), ("Milestones", "measures"),
    ("How measured/ KPIs (not all actions will have directly measurable KPIs, but all will contribute to "
     "achieving the strategic intent)", "measures"),
    ("Key Performance indicators/measure of success", "measures"), ("Success criteria", "measures"),
    ("Strategic Intent and Actions", "action"), ("Action", "action"), ("Action Required", "action"),
    ("Actions", "action"), ("Key actions", "action"), ("What will we do?", "action"),
    ("Performance Area", "section"), ("Ref", "section"), ("Priority", "section"),
    ("No", "id"), ("Ofsted Ref", "refs"), ("Link to other plans", "refs"),
    ("Objectives / what needs to improve", "objective"),
])
def test_header_variants(text, role):
    assert header_role(text) == role


def test_action_table_needs_an_action_column_and_one_of_owner_date_status():
    assert map_header(["No", "Action", "Who", "When", "Milestones"]).roles == {
        "id": 0, "action": 1, "owner": 2, "due": 3, "measures": 4}
    assert map_header(["Action", "Previous", "Current"]).is_progress
    assert map_header(["Targets", "2012 %", "2013 %", "2014 %"]) is None
    assert map_header(["Initials", "Name", "Job Title"]) is None
    assert map_header(["Risk", "No. of Schools", "Percentage of Schools"]) is None
