"""`simlab import` and `simlab kpi` on an external log: the bank's month (read from the
data folder beside the repository, `shared/data`, never copied here) gives the counts
and rates this test computes from the raw file with plain csv; a small hand-made log
with bad rows accounts for every row; mapping mistakes are located."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from simlab.errors import SimlabError
from simlab.lab import importlog, kpiview

ROOT = Path(__file__).resolve().parent.parent
BANK = ROOT.parent / "shared" / "data" / "anonymous-bank-1999-02.tsv"
BANK_MAPPING = ROOT / "scenarios" / "mappings" / "anonymous-bank.yaml"
SIMLAB = str(Path(sys.executable).with_name("simlab"))


def simlab(*args: str):
    return subprocess.run([SIMLAB, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "SIMLAB_LANG": "it"})


def bank_by_hand() -> dict:
    """The bank's numbers straight from the file: a contact is a call that is not
    PHANTOM and did not hang up in the IVR before queueing."""
    with BANK.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    phantom = [r for r in rows if r["outcome"] == "PHANTOM"]
    in_ivr = [r for r in rows if r["outcome"] == "HANG" and r["q_start"] == "0:00:00"]
    answered = [r for r in rows if r["outcome"] == "AGENT"]
    abandoned = [r for r in rows if r["outcome"] == "HANG" and r["q_start"] != "0:00:00"]
    waits = [int(r["q_time"]) for r in answered]
    late = sum(int(r["q_time"]) > 20 for r in abandoned)
    return {
        "rows": len(rows), "phantom": len(phantom), "in_ivr": len(in_ivr),
        "offered": len(answered) + len(abandoned), "answered": len(answered),
        "abandoned": len(abandoned),
        "abandon_rate": len(abandoned) / (len(answered) + len(abandoned)),
        "service_level": sum(w <= 20 for w in waits) / (len(answered) + late),
        "asa_s": sum(waits) / len(waits),
        "aht_s": sum(int(r["ser_time"]) for r in answered) / len(answered),
        "tma": (sum(waits) + sum(int(r["q_time"]) for r in abandoned))
        / (len(answered) + len(abandoned)),
    }


@pytest.fixture(scope="module")
def bank_run(tmp_path_factory) -> Path:
    if not BANK.exists():
        pytest.skip(f"the bank log is not here ({BANK}): it is not part of the repository")
    out = tmp_path_factory.mktemp("bank") / "run"
    r = simlab("import", str(BANK), "--mapping", str(BANK_MAPPING), "--out", str(out))
    assert r.returncode == 0, r.stderr
    return out


def test_the_bank_import_reproduces_the_counts_and_rates_of_the_raw_file(bank_run):
    expected = bank_by_hand()
    r = simlab("kpi", str(bank_run), "--json", "--formula", "asa_s=tma")
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    phone = got["channels"]["phone"]
    for key in ("offered", "answered", "abandoned"):
        assert phone[key] == expected[key], key
    for key in ("abandon_rate", "service_level", "aht_s"):
        assert phone[key] == pytest.approx(expected[key], rel=1e-12), key
    assert phone["asa_s"] == pytest.approx(expected["tma"], rel=1e-12)  # the TMA variant
    assert got["formulas"]["asa_s"]["variant"] == "tma"
    assert phone["fcr"] is None  # the log does not say what was resolved
    default = json.loads(simlab("kpi", str(bank_run), "--json").stdout)["channels"]["phone"]
    assert default["asa_s"] == pytest.approx(expected["asa_s"], rel=1e-12)


def test_every_row_of_the_bank_log_is_accounted_for(bank_run):
    expected = bank_by_hand()
    summary = json.loads((bank_run / "run.json").read_text(encoding="utf-8"))
    counts = summary["summary"]["import"]
    assert counts["rows"] == expected["rows"] == 33344
    skipped = sorted(c["rows"] for c in counts["not_contacts"].values())
    assert skipped == sorted([expected["phantom"], expected["in_ivr"]])
    assert counts["contacts"] == expected["offered"]
    assert counts["contacts"] + sum(skipped) + sum(
        c["rows"] for c in counts["unreadable"].values()) == counts["rows"]
    assert summary["inputs"]["kind"] == "import" and summary["inputs"]["start"] == "1999-02-01"


def test_the_bank_by_week_and_by_queue(bank_run):
    data = kpiview.open_log(bank_run)
    report = kpiview.report(data, "queue", {**kpiview.kpi_groups.parse_formulas([])})
    groups = report["groups"]
    assert set(groups) - {"total"} == {"IN", "NE", "NW", "PE", "PS", "TT"}
    assert sum(g["offered"] for k, g in groups.items() if k != "total") == groups["total"][
        "offered"]
    by_week = kpiview.report(data, "week", kpiview.kpi_groups.parse_formulas([]))["groups"]
    assert list(by_week)[0] == "1999-W05"  # 1 February 1999 was a Monday


SMALL_MAPPING = """\
id: small
title: {it: "Registro di prova"}
delimiter: semicolon
fields:
  channel: {value: phone}
  customer_id: {column: cliente}
date: {column: giorno, format: "%d/%m/%Y"}
arrival: {column: ora, format: hms}
wait: {column: attesa, format: seconds}
handle: {column: durata, format: seconds}
outcome:
  column: esito
  codes: {OK: answered, KO: abandoned}
not_contacts:
  - reason: {it: "prova interna"}
    when: {esito: [TEST]}
"""
SMALL_LOG = """\
giorno;ora;cliente;attesa;durata;esito
02/03/2026;9:00:00;1;10;100;OK
02/03/2026;9:01:00;2;30;0;KO
02/03/2026;9:02:00;3;5;;TEST
02/03/2026;25:00:00;4;5;60;OK
31/02/2026;9:03:00;5;5;60;OK
02/03/2026;9:04:00;6;5;60
02/03/2026;9:05:00;7;-5;60;OK
02/03/2026;9:06:00;8;5;60;BOH

03/03/2026;9:00:00;1;0;50;OK
"""


def small(tmp_path: Path, log: str = SMALL_LOG, mapping: str = SMALL_MAPPING):
    (tmp_path / "log.csv").write_text(log, encoding="utf-8")
    (tmp_path / "map.yaml").write_text(mapping, encoding="utf-8")
    return tmp_path / "log.csv", tmp_path / "map.yaml"


def test_rows_that_cannot_be_read_are_counted_by_reason_never_dropped(tmp_path):
    log, mapping = small(tmp_path)
    counts = importlog.import_log(log, mapping, tmp_path / "run")
    assert counts["rows"] == 10 and counts["contacts"] == 3
    assert counts["not_contacts"] == {"prova interna": {"rows": 1, "first_line": 4}}
    bad = {reason: c["rows"] for reason, c in counts["unreadable"].items()}
    assert sum(bad.values()) == 10 - 3 - 1
    assert bad["numero di campi errato"] == 1  # line 7: a field short
    assert bad["riga vuota"] == 1
    assert bad["codice di esito «BOH» assente dalla corrispondenza"] == 1
    assert bad["attesa o tempo di gestione negativi"] == 1
    assert sum(n for r, n in bad.items() if r.startswith("colonna")) == 2  # 25:00, 31/02
    data = kpiview.open_log(tmp_path / "run")
    assert list(data.contacts["arrival_s"]) == [9 * 3600, 9 * 3600 + 60, 86400 + 9 * 3600]
    assert data.start.isoformat() == "2026-03-02"


def test_the_imported_log_is_a_run_folder_the_kpis_read(tmp_path):
    log, mapping = small(tmp_path)
    importlog.import_log(log, mapping, tmp_path / "run")
    r = simlab("kpi", str(tmp_path / "run"), "--json", "--formula", "fcr=no_repeat")
    assert r.returncode == 0, r.stderr
    phone = json.loads(r.stdout)["channels"]["phone"]
    assert (phone["offered"], phone["answered"], phone["abandoned"]) == (3, 2, 1)
    assert phone["service_level"] == pytest.approx(2 / 3)  # 10 s and 0 s ÷ (2 + 1 late)
    assert phone["aht_s"] == pytest.approx(75.0)


def test_mapping_mistakes_name_the_file_line_and_key(tmp_path):
    log, mapping = small(tmp_path, mapping=SMALL_MAPPING.replace("  customer_id:",
                                                                 "  cliente_id:"))
    with pytest.raises(SimlabError) as e:
        importlog.import_log(log, mapping, tmp_path / "run")
    assert e.value.line == 6 and "cliente_id" in str(e.value) and "customer_id" in str(e.value)
    log, mapping = small(tmp_path, mapping=SMALL_MAPPING.replace("column: durata",
                                                                 "column: tempo"))
    with pytest.raises(SimlabError, match="«tempo»") as e:
        importlog.import_log(log, mapping, tmp_path / "run2")
    assert e.value.line == 1 and e.value.file == str(log)


def test_import_never_writes_into_a_folder_that_holds_something(tmp_path):
    log, mapping = small(tmp_path)
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "x").write_text("x")
    r = simlab("import", str(log), "--mapping", str(mapping), "--out", str(tmp_path / "run"))
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_a_log_with_whole_date_times_and_no_date_column(tmp_path):
    mapping = """\
id: datetimes
title: {it: "Date e ore insieme"}
delimiter: comma
fields:
  channel: {column: canale}
arrival: {column: inizio, format: "%d/%m/%Y %H:%M:%S"}
wait: {column: attesa, format: hms}
handle: {column: durata, format: seconds}
outcome:
  column: esito
  codes: {risposta: answered, abbandono: abandoned, coda: open}
"""
    log = """\
inizio,canale,attesa,durata,esito
01/03/2026 23:59:00,chat,0:00:30,300,risposta
02/03/2026 08:00:05,phone,0:01:10,0,abbandono
02/03/2026 08:10:00,phone,,,coda
"""
    log_path, mapping_path = small(tmp_path, log=log, mapping=mapping)
    counts = importlog.import_log(log_path, mapping_path, tmp_path / "run")
    assert counts["contacts"] == 3 and counts["unreadable"] == {}
    data = kpiview.open_log(tmp_path / "run")
    c = data.contacts
    assert data.start.isoformat() == "2026-03-01"
    assert list(c["arrival_s"]) == [86340.0, 86400 + 8 * 3600 + 5, 86400 + 8 * 3600 + 600]
    assert list(c["outcome"].astype(str)) == ["answered", "abandoned", "open"]
    assert c["wait_s"].iloc[1] == 70.0 and c["end_s"].iloc[1] == 86400 + 8 * 3600 + 75
    assert list(c["channel"].cat.categories) == ["chat", "phone"]
    assert set(data.unknown) == {"customer_id", "resolved"}
