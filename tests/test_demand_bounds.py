"""Bad numbers in distributions and demand (the bad-input issue): each one is refused at
loading with an Italian message that names the line, the key and the allowed range,
instead of crashing the run or eating all memory."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from simlab.errors import SimlabError
from simlab.lab import catalog
from simlab.model.loader import load_scenario
from simlab.world import build

# the Erlang C yardstick: a file nobody re-tunes, so the replaced lines stay put
GOOD = catalog.find("erlang-c").read_text(encoding="utf-8")
PHONE = "phone: {dist: exponential, mean: 300}"
TIME_RANGE = "maggiore di 0 e al massimo 259200 (3 giorni)"
CV_RANGE = "tra 0,01 e 10"


def _load(tmp_path: Path, old: str, new: str):
    assert old in GOOD, old
    path = tmp_path / "bad.yaml"
    text = GOOD.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return load_scenario(path), text


def _error(tmp_path: Path, old: str, new: str) -> tuple[SimlabError, str]:
    with pytest.raises(SimlabError) as info:
        _load(tmp_path, old, new)
    return info.value, GOOD.replace(old, new, 1)


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(("new", "key", "fragment"), [
    ("phone: {dist: lognormal, mean: 1e308, cv: 0.6}", "mean", TIME_RANGE),
    ("phone: {dist: lognormal, mean: 200, cv: 1e200}", "cv", CV_RANGE),
    ("phone: {dist: lognormal, mean: .nan, cv: 0.6}", "mean", TIME_RANGE),
    ("phone: {dist: exponential, mean: 0}", "mean", TIME_RANGE),
    ("phone: {dist: weibull, mean: 200, shape: 0.01}", "shape", "tra 0,2 e 50"),
    ("phone: {dist: weibull, mean: 200, cv: 50}", "cv", CV_RANGE),
    ("phone: {dist: constant, value: .inf}", "value", "almeno 0 e al massimo 259200"),
    ("phone: {dist: empirical, values: [10, -1]}", "values[1]", "almeno 0 e al massimo 259200"),
    ("phone: {dist: mixture, parts: [{weight: 0.5, dist: {dist: exponential, mean: 1e12}}, "
     "{weight: 0.5, dist: {dist: constant, value: 4}}]}", "parts[0].dist.mean", TIME_RANGE),
])
def test_phone_handle_time_out_of_range(tmp_path, new, key, fragment):
    e, text = _error(tmp_path, PHONE, new)
    assert e.key == f"reasons[0].handle.phone.{key}"
    assert e.line == _line(text, new[:30]) and "fuori intervallo" in e.message
    assert fragment in e.message


def test_gamma_cv_too_small(tmp_path):
    e, _ = _error(tmp_path, PHONE, "phone: {dist: gamma, mean: 240, cv: 1e-200}")
    assert e.key == "reasons[0].handle.phone.cv" and CV_RANGE in e.message


def test_mixture_weights_must_sum_to_one(tmp_path):
    e, _ = _error(tmp_path, PHONE, "phone: {dist: mixture, parts: [{weight: 0.5, dist: "
                  "{dist: constant, value: 4}}, {weight: .nan, dist: {dist: constant, value: 9}}]}")
    assert e.key == "reasons[0].handle.phone.parts" and "pesi" in e.message


def test_weibull_needs_shape_or_cv(tmp_path):
    e, _ = _error(tmp_path, PHONE, "phone: {dist: weibull, mean: 200}")
    assert e.key == "reasons[0].handle.phone" and "«shape»" in e.message


@pytest.mark.parametrize("volume", [".inf", "1000000000", ".nan", "-1"])
def test_volume_out_of_range(tmp_path, volume):
    e, text = _error(tmp_path, "volume_per_weekday: 12960", f"volume_per_weekday: {volume}")
    assert e.key == "demand.volume_per_weekday"
    assert e.line == _line(text, "volume_per_weekday")
    assert "almeno 0 e al massimo 200000 contatti al giorno" in e.message


def test_nan_in_the_channel_mix(tmp_path):
    e, _ = _error(tmp_path, "channel_mix: {phone: 1.0}", "channel_mix: {phone: .nan}")
    assert e.key == "demand.channel_mix" and "non è una quota" in e.message


def test_infinite_weekday_factor(tmp_path):
    e, _ = _error(tmp_path, "weekday_factors: [1.0,", "weekday_factors: [.inf,")
    assert e.key.startswith("demand.weekday_factors")
    assert "almeno 0 e al massimo 10" in e.message


def test_per_channel_weekday_factors_name_only_known_channels(tmp_path):
    week = "weekday_factors: [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]"
    e, _ = _error(tmp_path, week, "weekday_factors: {phone: [1, 1, 1, 1, 1, 0.3, 0], "
                  "chat: [1, 1, 1, 1, 1, 1, 0]}")
    assert e.key == "demand.weekday_factors.chat" and "inesistente" in e.message
    scenario, _ = _load(tmp_path, week, "weekday_factors: {phone: [1, 1, 1, 1, 1, 0.3, 0]}")
    assert scenario.demand.weekday_factors_of("phone")[5:] == [0.3, 0.0]


def test_the_extremes_of_the_ranges_still_run(tmp_path):
    """At the edges of the ranges the world is built, with finite times."""
    scenario, _ = _load(tmp_path, PHONE, "phone: {dist: lognormal, mean: 259200, cv: 10}")
    world = build(scenario, 1, 1)
    assert len(world.contacts) and (world.contacts.handle_base_s < float("inf")).all()


@pytest.mark.parametrize("option", ["--aht", "--patience"])
def test_queue_lab_times_have_the_same_range(option):
    """The queue lab builds a scenario from its options: a time out of range is the
    user's mistake, said in one line, not a pydantic traceback."""
    args = {"--aht": "300", "--patience": "180"} | {option: "1e9"}
    r = subprocess.run(
        [sys.executable, "-m", "simlab", "queue", "--arrivals-per-hour", "540", "--agents",
         "50", "--contacts", "1000", *[x for kv in args.items() for x in kv]],
        capture_output=True, text=True,
    )
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert option in r.stderr and "86400" in r.stderr  # the queue lab's own bound (cli.QUEUE_BOUNDS)
