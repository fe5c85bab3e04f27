"""The KPI dashboard as data (lab.dashboard): on the small hand-made log of the variants'
tests, numbers worked by hand at every level; on a simulated run, the counts of each
level add up to the row it was opened from, and a formula switch changes the numbers."""

from __future__ import annotations

import functools
import math

import numpy as np
import pytest

from simlab.analysis import kpi
from simlab.errors import SimlabError
from simlab.lab import dashboard, runner
from simlab.lab.dashboard import Dashboard, Step
from simlab.lab.runview import RunView
from tests import test_kpi_variants as small
from tests.conftest import bundle

COUNTS = ("offered", "answered", "abandoned")


def small_dashboard() -> Dashboard:
    return Dashboard(small.data(), small.care())


@functools.cache
def energy_view() -> RunView:
    return RunView.from_result(runner.execute(bundle("energia-base"), seed=4, days=2))


def test_the_root_is_the_channels_with_hand_worked_numbers():
    level = small_dashboard().level([])
    assert level.level == "channel"
    assert level.keys() == ["email", "phone"]
    frame = level.frame
    assert frame.at["phone", "offered"] == 8 and frame.at["email", "offered"] == 3
    assert frame.at["total", "offered"] == 11
    # phone: 5 answered, 3 within 20 s; abandoned 3 s, 8 s, 40 s (one after T)
    assert frame.at["phone", "service_level"] == pytest.approx(3 / 6)


def test_a_channel_opens_its_teams_and_a_team_its_agents():
    d = small_dashboard()
    path = [Step("channel", "phone"), Step("queue", "phone")]
    teams = d.level(path)
    assert teams.level == "team"
    # three phone calls nobody answered are the team «—»; t2 answered one call
    assert teams.frame.at["t1", "answered"] == 4 and teams.frame.at["t2", "answered"] == 1
    assert teams.frame.at["—", "abandoned"] == 3
    # the agent time of t1 (its only agent): busy 900 s of busy + available 1700 s
    assert teams.frame.at["t1", "occupancy"] == pytest.approx(900 / 1700)
    agents = d.level([*path, Step("team", "t1")])
    assert agents.keys() == ["t1-001"]
    assert agents.frame.at["t1-001", "aht_s"] == pytest.approx((100 + 200 + 150 + 100) / 4)


def test_the_interval_level_and_its_end():
    d = small_dashboard()
    path = [Step("channel", "phone"), Step("queue", "phone"), Step("team", "t1"),
            Step("agent", "t1-001")]
    intervals = d.level(path)
    assert intervals.level == "interval"
    # its agent time is at 00:00-00:30; its calls at 01:00, 01:01:40 and 02:46:40 of
    # day 1, and at 06:13:20 of day 10
    assert intervals.keys() == ["00:00", "01:00", "02:30", "06:00"]
    assert intervals.frame.at["01:00", "answered"] == 2
    assert intervals.frame.at["00:00", "answered"] == 0
    assert intervals.frame.at["00:00", "occupancy"] == pytest.approx(900 / 1700)
    deepest = d.level([*path, Step("interval", "01:00")])
    assert deepest.level is None and list(deepest.frame.index) == ["total"]
    assert deepest.frame.at["total", "answered"] == 2


def test_a_path_goes_one_level_at_a_time():
    with pytest.raises(SimlabError):
        small_dashboard().level([Step("team", "t1")])
    with pytest.raises(SimlabError):
        small_dashboard().set_formula("service_level", "by_magic")


def test_a_formula_switch_recomputes_the_values_and_names_the_formula():
    d = small_dashboard()
    d.set_formula("service_level", "offered")
    assert d.level([]).frame.at["phone", "service_level"] == pytest.approx(3 / 8)
    d.set_formula("service_level", "answered")
    assert d.level([]).frame.at["phone", "service_level"] == pytest.approx(3 / 5)
    d.set_formula("service_level", "no_short_abandons:5")
    assert d.level([]).frame.at["phone", "service_level"] == pytest.approx(3 / 7)
    # S = 10 s: the 8 s abandon is short too
    d.set_formula("service_level", "no_short_abandons:10")
    assert d.level([]).frame.at["phone", "service_level"] == pytest.approx(3 / 6)
    assert d.choice("service_level").name() == (
        "Livello di servizio senza gli abbandoni brevi, S = 10 s")
    assert "abbandonati dopo S secondi" in d.choice("service_level").formula()
    d.set_formula("asa_s", "tma")
    assert d.level([]).frame.at["phone", "asa_s"] == pytest.approx(
        (10 + 30 + 3 + 8 + 40 + 0 + 5 + 25) / 8)


def test_fcr_by_n_days_takes_the_days_from_the_switch():
    d = small_dashboard()
    d.set_formula("fcr", "no_repeat:7")
    assert d.data.repeat_days == 7
    seven = d.level([]).frame.at["total", "fcr"]
    d.set_formula("fcr", "no_repeat:30")  # no handled contact has 30 days in a 10-day log
    assert d.data.repeat_days == 30
    assert math.isnan(d.level([]).frame.at["total", "fcr"])
    assert not math.isnan(seven)


def test_every_kpi_with_variants_has_a_switch():
    assert set(dashboard.SWITCHABLE) >= {"service_level", "asa_s", "abandon_rate", "fcr",
                                         "cost_per_contact", "shrinkage", "ticket_sla"}
    ids = [c.id for c in dashboard.formula_choices("fcr")]
    assert ids == ["default", "no_repeat:7", "no_repeat:14", "no_repeat:30"]


def test_tiles_stand_against_the_care_models_targets():
    d = small_dashboard()
    root = {t.kpi: t for t in d.tiles([])}
    # only the phone has real-time contacts: its SL, but no channel chosen, no target
    assert root["service_level"].value == pytest.approx(0.5)
    assert root["service_level"].target is None and root["service_level"].met is None
    # 160 € over six handled contacts
    assert root["cost_per_contact"].value == pytest.approx(160 / 6)
    phone = {t.kpi: t for t in d.tiles([Step("channel", "phone")])}
    sl = phone["service_level"]
    assert sl.value == pytest.approx(0.5) and sl.target == 0.8 and sl.met is False
    assert sl.threshold_s == 20
    # costs are not recorded by channel: no cost per contact under a channel
    assert math.isnan(phone["cost_per_contact"].value)


def test_each_level_adds_up_to_the_row_it_was_opened_from():
    view = energy_view()
    d = dashboard.for_view(view)
    root = d.level([])
    whole = kpi.by_channel(view.contacts, view.care)
    for c in COUNTS:
        assert root.frame.at["total", c] == whole.at["total", c]
    path: list[Step] = []
    parent_row = root.frame.loc["total"]
    level = root
    while level.level is not None:
        frame = level.frame
        for c in COUNTS:
            assert frame.loc[level.keys(), c].sum() == frame.at["total", c] == parent_row[c], (
                path, c)
        # open the busiest row, as a trainee would
        key = frame.loc[level.keys(), "offered"].idxmax()
        path.append(Step(level.level, str(key)))
        parent_row = frame.loc[key]
        level = d.level(path)
    for c in COUNTS:
        assert level.frame.at["total", c] == parent_row[c]


def test_the_chart_series_adds_up_to_its_scope():
    d = dashboard.for_view(energy_view())
    path = [Step("channel", "phone")]
    lines = d.series(path, "offered")
    assert list(lines) == ["Telefono"]
    times, offered = lines["Telefono"]
    assert sum(offered) == d.level(path).frame.at["total", "offered"]
    assert times == sorted(times) and all(t % 1800 == 0 for t in times)
    # the phone opens at 8:00: the night's out-of-hours calls are not drawn
    assert times[0] >= 8 * 3600
    _times, sl = d.series(path, "service_level")["Telefono"]
    assert all(0 <= v <= 1 for v in sl if not np.isnan(v))
    # at the root a line per channel with an SL (email has none: it is left out)
    assert list(d.series([], "service_level")) == ["Chat sul sito e nell'app", "Telefono"]
    with pytest.raises(SimlabError):
        d.series(path, "cost_per_contact")


def test_under_a_channel_only_the_agents_who_handled_it():
    d = dashboard.for_view(energy_view())
    teams = d.level([Step("channel", "phone"), Step("queue", "tel-commerciale")]).keys()
    assert "chat" not in teams and "back-office" not in teams
    assert "front-office" in teams
    # names for people: the channel's and the team's own
    assert d.breadcrumb([Step("channel", "phone")]) == ["Tutti i canali", "Telefono"]
