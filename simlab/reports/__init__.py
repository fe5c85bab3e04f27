"""What the lab shows and hands out: tables formatted for people, run views, exports.

Layer rule (docs/architecture.md#layers-package-simlab): may import analysis, pandas and openpyxl; never textual.
"""
