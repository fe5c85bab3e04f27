"""The XLSX export's speed: a workbook with 100,000 contacts (and every KPI sheet) of
`energia-base`, written as the app's export writes it.

Target: under 10 s on the course's machines. The reference beside it, measured in the
same run, is the CSV export of the same tables (the time to format the same cells).

    .venv/bin/python benchmarks/xlsx_export.py [--contacts 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

TARGET_S = 10.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from simlab.lab import runner
    from simlab.lab.runview import RunView
    from simlab.reports import export

    bundle = runner.load_bundle("energia-base")
    days = 7
    while True:  # enough days for the contacts asked
        result = runner.execute(bundle, days=days)
        if len(result.log.contacts) >= args.contacts:
            break
        days = int(days * args.contacts / max(len(result.log.contacts), 1)) + 2
    view = RunView.from_result(result)
    view.compute()
    positions = range(args.contacts)
    xlsx, csv = [], []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            path = export.export_xlsx(view, Path(folder), positions)
            xlsx.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            export.export_csv(view, Path(folder), positions)
            csv.append(time.perf_counter() - t0)
        size = path.stat().st_size / 1024 / 1024
    print(f"{args.contacts} contacts ({days} days): XLSX best {min(xlsx):.2f} s "
          f"({size:.1f} MiB), CSV best {min(csv):.2f} s")
    verdict = "PASS" if min(xlsx) < TARGET_S else "FAIL"
    print(f"VERDICT {verdict} xlsx_100k_under_{TARGET_S:.0f}s")


if __name__ == "__main__":
    main()
