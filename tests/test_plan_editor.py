"""The plan editor's headless part (lab.planform, lab.planeditor) and the staffing of a
plan against the requirement (lab.staffing, `simlab plan coverage`): the form read from
the plan's schema, messages at each field, drafts, saving, and the scheduled operators
per interval of a two-shift plan worked by hand."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pytest

from simlab.cli import main
from simlab.errors import SimlabError
from simlab.lab import careform, catalog, planeditor, planform, staffing
from simlab.model.care import CareModel
from simlab.model.plan import OperationsPlan, PlanBudget, TeamLeaders
from simlab.store.workspace import Workspace


@pytest.fixture
def ws(tmp_path: Path):
    with Workspace.open(tmp_path / "ws") as w:
        w.set_current_person(w.add_person("Anna Esposito", "trainee"))
        yield w


def opened(ws=None) -> planeditor.Opened:
    sc = next(s for s in catalog.entries(ws) if s.id == "energia-base")
    return planeditor.open_plan(sc, planeditor.plans(sc, ws)[0], ws)


# --- the form from the schema ----------------------------------------------------------


def test_the_plan_form_has_its_tabs_and_the_shifts_apart_from_the_teams():
    o = opened()
    tabs = dict(planform.tabs(o.data))
    assert list(tabs) == ["general", "teams", "shifts", "budget", "procedures", "other"]
    team_spec = dict(tabs["teams"])["teams"]
    keys = [k for k, _s in team_spec.item.fields]
    assert keys == ["id", "name", "headcount", "skills", "absence_rate", "hourly_cost",
                    "contract", "agents", "leaders"]  # model/plan_staff.py
    assert dict(team_spec.item.fields)["skills"].kind == "mapping"
    assert dict(team_spec.item.fields)["skills"].item.kind == "number"
    shifts = tabs["shifts"]
    assert [p for p, _s, _l in shifts] == [("teams", i, "shifts") for i in range(4)]
    assert "front-office" in shifts[0][2]
    shift = shifts[0][1].item
    assert [k for k, _s in shift.fields] == ["days", "from", "to", "agents", "breaks",
                                                "contract"]
    assert dict(shift.fields)["breaks"].kind == "rows"


def test_budget_and_team_leaders_are_optional_sub_models_switched_on_by_the_form():
    budget = dict(dict(planform.tabs({}))["budget"])["budget"]
    assert budget.kind == "model" and budget.optional and budget.cls is PlanBudget
    leaders = dict(budget.fields)["team_leaders"]
    assert leaders.kind == "model" and leaders.optional and leaders.cls is TeamLeaders
    # switched on: the required fields wait to be filled; off: the key goes
    assert careform.empty_value(budget) == {}
    assert careform.empty_value(leaders) == {"span": "", "hourly_cost": ""}
    o = opened()
    on = careform.with_value(o.data, ("budget",), {"team_leaders": {"span": 1,
                                                                     "hourly_cost": 28}})
    errors = planeditor.validate(o, on).errors
    assert [p for p, _m in errors] == [("budget", "team_leaders", "span")]
    assert "almeno 2" in errors[0][1]
    off = careform.without(on, ("budget",))
    assert "budget" not in off and planeditor.validate(o, off).plan is not None


class _Grown(OperationsPlan):
    """A plan as the other parts of UF2 grow it: the new sections land by their names."""

    complaint_handling: TeamLeaders | None = None
    contracts: list[TeamLeaders] = []
    mystery: int = 0


def test_a_new_section_of_the_plan_appears_with_no_new_code():
    found = {entry[0]: section for section, fields in planform.tabs({}, _Grown)
             for entry in fields}
    assert found["complaint_handling"] == "procedures"
    assert found["contracts"] == "teams" and found["mystery"] == "other"
    assert careform.section_title("procedures", planform.PLAN) == "Procedure"


# --- validation, drafts, saving --------------------------------------------------------


def test_a_shipped_plan_is_valid_and_mistakes_are_named_at_their_fields():
    o = opened()
    assert planeditor.validate(o, o.data).errors == []
    bad = careform.with_value(o.data, ("teams", 1, "absence_rate"), "abc")
    bad = careform.with_value(bad, ("teams", 0, "headcount"), 40)
    errors = dict(planeditor.validate(o, bad).errors)
    assert "non è un numero" in errors[("teams", 1, "absence_rate")]
    assert "46" in errors[("teams", 0, "headcount")]
    unknown = careform.with_value(o.data, ("teams", 0, "skills", "tel-nessuna"), 1.0)
    [(path, message)] = planeditor.validate(o, unknown).errors
    assert path == ("teams", 0, "skills", "tel-nessuna") and "tel-commerciale" in message


def test_a_shipped_plan_is_saved_only_with_a_new_free_id(ws):
    o = opened(ws)
    with pytest.raises(SimlabError, match="nuovo id"):
        planeditor.save(ws, o, o.data)
    changed = careform.with_value(o.data, ("teams", 0, "hourly_cost"), 22.5)
    saved = planeditor.save(ws, o, changed, "energia-mio")
    assert saved.id == "energia-mio" and saved.origin == "workspace"
    listed = planeditor.plans(o.scenario, ws)
    assert [s.key for s in listed] == ["energia-base.plan.yaml", "ws:energia-mio"]
    back = planeditor.open_plan(o.scenario, listed[1], ws)
    assert back.data["teams"][0]["hourly_cost"] == 22.5 and not back.shipped
    with pytest.raises(SimlabError, match="già nello spazio"):
        planeditor.save(ws, o, o.data, "energia-mio")
    with pytest.raises(SimlabError, match="non è salvato"):
        planeditor.save(ws, back, careform.with_value(back.data, ("teams", 0, "headcount"), 1))
    assert len(ws.document_versions("plan", "energia-mio")) == 1
    assert planeditor.suggested_id(o, ws) == "energia-base-mio"
    planeditor.save(ws, o, o.data, "energia-base-mio")
    assert planeditor.suggested_id(o, ws) == "energia-base-mio-2"


def test_a_draft_is_restored_and_saving_discards_it(ws):
    o = opened(ws)
    assert planeditor.restore_draft(ws, o) is None
    changed = careform.with_value(o.data, ("teams", 0, "hourly_cost"), 30)
    ws.autosave(planeditor.draft_key(o), planeditor.draft_text(changed))
    assert planeditor.restore_draft(ws, opened(ws)) == changed
    planeditor.save(ws, o, changed, "energia-bozza")
    assert planeditor.restore_draft(ws, o) is None


# --- staffing: a two-shift plan worked by hand ------------------------------------------

TWO_SHIFTS = {
    "id": "due-turni", "title": {"it": "Due turni"}, "scenario": "energia-base",
    "teams": [{
        "id": "fo", "name": {"it": "Front office"}, "headcount": 6,
        "skills": {"tel-commerciale": 1.0}, "absence_rate": 0.1, "hourly_cost": 20,
        "shifts": [
            # 4 operators 08-12 on Monday, a 30-minute break from 09:00 staggered over an
            # hour: operator j of 4 leaves at 09:00 + 15·j minutes
            {"days": "lun", "from": "08:00", "to": "12:00", "agents": 4,
             "breaks": [{"after_min": 60, "minutes": 30, "spread_min": 60}]},
            {"days": "lun", "from": "10:00", "to": "14:00", "agents": 2},
        ]}],
}


def care() -> CareModel:
    return catalog.resolve("care", "energia-base").model


def test_scheduled_operators_per_interval_after_absence_and_breaks():
    plan = OperationsPlan.model_validate(TWO_SHIFTS)
    required = {c: np.zeros((7, 48)) for c in ("phone", "chat", "email")}
    required["phone"][0, 16:28] = 3.0  # 08:00-14:00 on Monday
    st = staffing.staffing(required, plan, care(), ["phone", "chat", "email"])
    monday = st.scheduled["phone"][0]
    # 08:00, 08:30: 4 × 0.9. 09:00: breaks of operators 0 (30 min) and 1 (15 min) leave
    # 4 − 1.5 = 2.5 × 0.9. 09:30: operators 1 (15), 2 (30), 3 (15): 2 × 0.9. 10:00:
    # operator 3 still 15 min, plus shift 2: (3.5 + 2) × 0.9. Then 6 × 0.9 to 12:00 and
    # 2 × 0.9 to 14:00.
    expected = [3.6, 3.6, 2.25, 1.8, 4.95, 5.4, 5.4, 5.4, 1.8, 1.8, 1.8, 1.8]
    assert monday[16:28] == pytest.approx(expected)
    assert monday[:16].sum() == 0 and monday[28:].sum() == 0
    assert st.scheduled["phone"][1:].sum() == 0 and st.scheduled["chat"].sum() == 0
    # under the requirement of 3: 09:00, 09:30 and 12:00-14:00
    assert st.under("phone") == 6 and st.under() == 6
    assert np.flatnonzero(st.short("phone")[0]).tolist() == [18, 19, 24, 25, 26, 27]
    # 16 and 8 hours on shift, 90% present, at € 20
    assert [s.hours_per_week for s in st.shifts] == [16.0, 8.0]
    assert st.weekly_cost == pytest.approx(16 * 0.9 * 20 + 8 * 0.9 * 20)  # 432
    rows = st.coverage[st.coverage["channel"] == "phone"]
    assert rows["interval_start"].tolist()[:3] == ["08:00", "08:30", "09:00"]
    assert rows["shortfall"].tolist()[2] == pytest.approx(0.75)


def test_changing_a_shifts_operators_keeps_the_headcount_and_moves_coverage_and_cost():
    data = staffing.with_agents(TWO_SHIFTS, 0, 1, 5)
    assert data["teams"][0]["shifts"][1]["agents"] == 5 and data["teams"][0]["headcount"] == 9
    assert TWO_SHIFTS["teams"][0]["shifts"][1]["agents"] == 2  # the original untouched
    plan = OperationsPlan.model_validate(data)
    required = {"phone": np.full((7, 48), 0.0)}
    required["phone"][0, 24:28] = 3.0
    st = staffing.staffing(required, plan, care(), ["phone"])
    assert st.scheduled["phone"][0, 24] == pytest.approx(4.5) and st.under() == 0
    assert st.weekly_cost == pytest.approx((16 + 20) * 0.9 * 20)
    with pytest.raises(SimlabError, match="numero intero"):
        staffing.with_agents(TWO_SHIFTS, 0, 0, -1)
    with pytest.raises(SimlabError, match="nessun turno 3"):
        staffing.with_agents(TWO_SHIFTS, 0, 2, 1)


def test_the_requirement_is_the_sizings_erlang_a_agents():
    from simlab.lab import design

    d = design.load(None, "energia-base")
    required = staffing.requirement(d.scenario, d.care)
    frame = design.sizing(d).intervals
    row = frame[(frame["channel"] == "phone") & (frame["day"] == "lun")
                & (frame["interval_start"] == "10:00")].iloc[0]
    assert required["phone"][0, 20] == row["required_agents_erlang_a"] > 0
    assert required["phone"][6].sum() == 0  # closed on Sunday


def test_plan_coverage_command_writes_the_columns_and_the_back_office_hours(tmp_path,
                                                                              capsys):
    out = tmp_path / "cov.csv"
    assert main(["plan", "coverage", "energia-base", "--scenario", "energia-base",
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Copertura per intervallo" in printed and "Costo a settimana" in printed
    with out.open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    assert list(rows[0])[:5] == ["day", "interval_start", "channel", "required_staff",
                                 "scheduled_staff"]
    # the back office: 12 operators × 94% present × 7.5 hours without breaks × 5 days
    email = [float(r["scheduled_staff"].replace(",", ".")) for r in rows
             if r["channel"] == "email"]
    assert math.fsum(email) * 0.5 == pytest.approx(12 * 0.94 * 7.5 * 5, abs=0.01)
    assert main(["plan", "coverage", "energia-base", "--scenario", "energia-base",
                 "--out", str(out)]) == 2  # never written over


def test_days_are_written_as_the_plan_writes_them():
    from simlab.reports.staffing_tables import days_text

    assert days_text((0, 1, 2, 3, 4)) == "lun–ven"
    assert days_text((5,)) == "sab" and days_text((0, 1)) == "lun, mar"
    assert days_text((0, 2, 3, 4, 6)) == "lun, mer–ven, dom"
