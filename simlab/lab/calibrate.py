"""`simlab calibrate`: a scenario fitted to a log (an imported one, or a simulated run),
with a table of fit against data (docs/scenarios.md, "Calibrating a scenario from a
log"). The scenario has the log's calendar and channels, one segment of customers, the
log's reasons with their shares, and, per channel, the intraday and weekday profiles of
arrivals, the handle-time fit (per reason when a reason has enough answered contacts)
and the patience fit (`analysis.fits`). Care model and plan are the instructor's: the
scenario is the world, not the decisions."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from simlab.analysis import fits
from simlab.analysis.kpi_groups import KpiData
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.model.distributions import SHAPE_RANGE
from simlab.model.loader import load_text
from simlab.model.scenario import Scenario
from simlab.model.yamlio import dump

MIN_REASON_CONTACTS = 200  # answered contacts for a reason's own handle-time fit
DEFAULT_FCR = 0.7
SHARE_DIGITS = 6
MODEL_SAMPLE = 200_000  # draws to compare a fitted mixture's quantiles with the data


@dataclass
class Calibration:
    scenario: dict  # the scenario, as its YAML holds it
    text: str  # the YAML
    fit_rows: list[tuple[str, str, float, float]]  # channel, figure, data, model


def calibrate(data: KpiData, scenario_id: str, source: str) -> Calibration:
    c = data.contacts
    realtime = c["frt_bh_s"].isna() & c["backlog_age_bh_s"].isna()
    c = c[realtime & (c["outcome"].astype(str) != "out_of_hours")]
    if c.empty:
        raise SimlabError(_("the log has no real-time contact to calibrate on"), file=source)
    channels = sorted(c["channel"].astype(str).unique())
    reasons = _reasons(c)
    rows: list[tuple[str, str, float, float]] = []
    patience, handles, intraday = {}, {}, {}
    for ch in channels:
        cc = c[c["channel"].astype(str) == ch]
        intraday[ch] = _rounded(fits.hourly_shares(cc["arrival_s"].to_numpy()))
        patience[ch], rows_p = _patience(cc, ch)
        handles[ch], rows_h = _handles(cc, ch, reasons)
        rows += rows_p + rows_h
    days = int(np.ceil(data.horizon_s / 86400))
    fcr = _fcr(data)
    rows.append(("", _("first contact resolution (no repeat in 7 days)"), fcr, fcr))
    volume, factors = fits.weekday_factors(c["arrival_s"].to_numpy(), data.start.weekday(), days)
    rows.append(("", _("contacts on a Monday–Friday"), volume, volume))
    mix = _rounded(c["channel"].astype(str).value_counts(normalize=True)
                    .reindex(channels).to_numpy())
    scenario = {
        "id": scenario_id,
        "title": {"it": f"Scenario calibrato su {source}", "en": f"Scenario calibrated on {source}"},
        "description": {
            "it": f"Mondo simulato ricavato da {source}: {len(c)} contatti in {days} giorni "
                  f"dal {data.start.isoformat()}. Profili di arrivo, tempi di gestione e "
                  "pazienza stimati dal registro (simlab calibrate).",
            "en": f"A simulated world derived from {source}: {len(c)} contacts over {days} days "
                  f"from {data.start.isoformat()}. Arrival profiles, handle times and patience "
                  "estimated from the log (simlab calibrate)."},
        "seed": 1,
        "calendar": {"start": data.start, "days": days, "holidays": []},
        "company": {"name": "Centro di contatto calibrato", "sector": "da un registro di contatti",
                    "customers": max(int(c.loc[c["customer_id"] >= 0, "customer_id"].nunique())
                                     if "customer_id" in c else 0, 1000),
                    "region": "Campania",
                    "positioning": {"it": "Ricavato da un registro reale di contatti.",
                                    "en": "Derived from a real contact log."}},
        "segments": [{"id": "tutti", "name": {"it": "Tutti i clienti", "en": "All customers"},
                      "share": 1.0, "value_eur": 0,
                      "channel_preference": dict(zip(channels, mix, strict=True)),
                      "patience": patience}],
        "reasons": [_reason(r, share, handles, channels, fcr) for r, share in reasons],
        "channels": [{"id": ch, "name": {"it": ch}, "kind": "realtime", "concurrency": 1}
                     for ch in channels],
        "demand": {"volume_per_weekday": round(volume, 1),
                   "weekday_factors": [round(f, 4) for f in factors],
                   "holiday_factor": 0.15,
                   "channel_mix": dict(zip(channels, mix, strict=True)),
                   "intraday": intraday, "events": []},
    }
    text = _header(source) + dump(scenario)
    load_text(Scenario, text, f"<{scenario_id}>")  # the fitted file must be a valid scenario
    for w, f in enumerate(factors):
        rows.append(("", _("weekday factor {day}").format(day=WEEKDAYS[w]), f, round(f, 4)))
    return Calibration(scenario, text, rows)


WEEKDAYS = ("lun", "mar", "mer", "gio", "ven", "sab", "dom")


def _header(source: str) -> str:
    return (f"# Scenario fitted by `simlab calibrate` to {source}: see docs/scenarios.md,\n"
            "# \"Calibrating a scenario from a log\". Write a care model and a plan for it.\n")


def _reasons(c: pd.DataFrame) -> list[tuple[str, float]]:
    names = c["reason"].astype(object).where(c["reason"].notna(), "generico").astype(str)
    shares = names.value_counts(normalize=True).sort_index()
    ids = [_id(r) for r in shares.index]
    values = _rounded(shares.to_numpy())
    return list(zip(ids, values, strict=True)) if len(set(ids)) == len(ids) else [("generico", 1.0)]


def _id(text: str) -> str:
    clean = re.sub(r"[^a-z0-9_-]+", "-", text.strip().lower()).strip("-")
    return clean if clean and clean[0].isalnum() else f"r-{clean}" if clean else "generico"


def _rounded(shares) -> list[float]:
    """Shares rounded for the file, the last one taking the rounding so they sum to 1."""
    values = [round(float(s), SHARE_DIGITS) for s in shares]
    values[-1] = round(1.0 - sum(values[:-1]), SHARE_DIGITS)
    return values


def _patience(cc: pd.DataFrame, ch: str):
    outcome = cc["outcome"].astype(str)
    wait = cc["wait_s"].to_numpy(dtype=float)
    fit = fits.weibull_censored(wait[(outcome == "abandoned").to_numpy()],
                                wait[(outcome == "answered").to_numpy()])
    queued = (wait > 0) & outcome.isin(["answered", "abandoned"]).to_numpy()
    abandoned = (outcome == "abandoned").to_numpy() & queued
    rows = [(ch, _("queued contacts that abandoned"),
             abandoned.sum() / queued.sum() if queued.any() else np.nan, np.nan)]
    if fit is None:
        return None, rows
    shape = min(max(fit.shape, SHAPE_RANGE[0]), SHAPE_RANGE[1])
    rows += [(ch, _("patience: Weibull shape"), fit.shape, round(shape, 3)),
             (ch, _("patience: mean (s)"), fit.mean, round(fit.mean, 1))]
    return {"dist": "weibull", "mean": round(fit.mean, 1), "shape": round(shape, 3)}, rows


def _handles(cc: pd.DataFrame, ch: str, reasons: list[tuple[str, float]]):
    answered = cc[cc["outcome"].astype(str) == "answered"]
    h = answered["handle_s"].to_numpy(dtype=float)
    fit = fits.handle(h)
    if fit is None:
        raise SimlabError(_("channel «{channel}»: too few answered contacts to fit handle "
                            "times").format(channel=ch))
    out = {"*": _dist(fit)}
    names = answered["reason"].astype(object).where(answered["reason"].notna(), "generico")
    ids = names.astype(str).map(_id)
    for r, _share in reasons:
        sample = h[(ids == r).to_numpy()]
        if len(sample) >= MIN_REASON_CONTACTS and (own := fits.handle(sample)):
            out[r] = _dist(own)
    return out, _handle_rows(ch, h[h > 0], fit)


def _dist(fit: fits.HandleFit) -> dict:
    def logn(f: fits.LognormalFit) -> dict:
        return {"dist": "lognormal", "mean": round(f.mean, 2), "cv": round(min(f.cv, 10.0), 4)}

    if fit.short is None:
        return logn(fit.long)
    w = round(fit.short_share, 4)
    return {"dist": "mixture", "parts": [{"weight": w, "dist": logn(fit.short)},
                                         {"weight": round(1 - w, 4), "dist": logn(fit.long)}]}


def _handle_rows(ch: str, h: np.ndarray, fit: fits.HandleFit):
    """The data's figures beside the fitted distribution's (drawn, fixed seed)."""
    model = _draw(fit, np.random.default_rng(0))
    out = []
    for name, f in ((_("handle time: mean (s)"), np.mean),
                    (_("handle time: cv"), lambda x: np.std(x) / np.mean(x)),
                    (_("handle time: median (s)"), np.median),
                    (_("handle time: share under 10 s"), lambda x: np.mean(x < 10)),
                    (_("handle time: p90 ÷ median"),
                     lambda x: np.quantile(x, 0.9) / np.median(x))):
        out.append((ch, name, float(f(h)), float(f(model))))
    return out


def _draw(fit: fits.HandleFit, rng: np.random.Generator) -> np.ndarray:
    def logn(f: fits.LognormalFit, n: int) -> np.ndarray:
        s2 = np.log1p(f.cv ** 2)
        return rng.lognormal(np.log(f.mean) - s2 / 2, np.sqrt(s2), n)

    if fit.short is None:
        return logn(fit.long, MODEL_SAMPLE)
    n_short = int(round(fit.short_share * MODEL_SAMPLE))
    return np.concatenate([logn(fit.short, n_short), logn(fit.long, MODEL_SAMPLE - n_short)])


def _fcr(data: KpiData) -> float:
    """The log's FCR by no repeat within 7 days; a log that cannot say: DEFAULT_FCR."""
    from simlab.analysis.kpi_groups import parse_formulas, table

    value = table(data, "channel", parse_formulas(["fcr=no_repeat"])).at["total", "fcr"]
    return DEFAULT_FCR if np.isnan(value) else round(float(value), 4)


def _reason(r: str, share: float, handles: dict, channels: list[str], fcr: float) -> dict:
    return {
        "id": r, "name": {"it": r}, "share": share, "priority": 1, "fcr": fcr,
        # copies: a dict shared between reasons would be written as a YAML alias
        "handle": {ch: copy.deepcopy(handles[ch].get(r, handles[ch]["*"])) for ch in channels},
        "texts": {"subjects": ["Richiesta"],
                  "bodies": ["Buongiorno, vorrei un'informazione. {nome} {cognome}"]},
    }


def scenario_id_for(out: Path) -> str:
    clean = re.sub(r"[^a-z0-9_-]+", "-", out.name.split(".")[0].lower()).strip("-")
    return clean if clean and clean[0].isalnum() else "calibrato"


def write(calibration: Calibration, out: Path) -> None:
    """The scenario file, atomically; an existing file is never overwritten."""
    from simlab.store.atomic import write_bytes_atomic

    if out.exists():
        raise SimlabError(_("the file already exists: name a new one (nothing is ever "
                            "overwritten)"), file=out, key="--out")
    write_bytes_atomic(out, calibration.text.encode("utf-8"))
