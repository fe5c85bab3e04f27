"""What the lab shows and hands out: tables formatted for people, run views, exports.

Layer rule (DESIGN.md): may import analysis, pandas and openpyxl; never textual.
"""
