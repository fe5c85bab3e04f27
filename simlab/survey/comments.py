"""Open comments: written from the bank's Italian templates by theme (the simulation),
and sorted back into themes by their keywords (the analysis), as a quality analyst
codes the voice of the customer."""

from __future__ import annotations

import numpy as np

from simlab.i18n import _
from simlab.survey import keyed
from simlab.survey.bank import Theme


def write(seed: int, purpose: str, keys: np.ndarray, themes: list[str | None],
          bank_themes: list[Theme]) -> list[str]:
    """One comment per respondent: a template of its theme ("" when it has none), picked
    by the respondent's key."""
    by_id = {t.id: t for t in bank_themes}
    pick = keyed.uniform(seed, purpose, keys)
    out = []
    for theme, u in zip(themes, pick, strict=True):
        if theme is None:
            out.append("")
            continue
        templates = by_id[theme].templates
        out.append(templates[min(int(u * len(templates)), len(templates) - 1)])
    return out


def classify(text: str, bank_themes: list[Theme]) -> list[str]:
    """The themes whose keywords the comment holds (a comment may touch several)."""
    low = text.lower()
    return [t.id for t in bank_themes if any(k in low for k in t.keywords)]


def themes_table(comments: list[str], bank_themes: list[Theme], examples: int = 2
                 ) -> list[dict]:
    """Per theme: how many comments touch it, its share of the comments and a few
    examples; themes with no comment are kept (a zero says something too)."""
    written = [c for c in comments if isinstance(c, str) and c.strip()]
    rows = []
    for t in bank_themes:
        hits = [c for c in written if t.id in classify(c, bank_themes)]
        rows.append({"theme": t.id, "name": str(t.name), "count": len(hits),
                     "share": len(hits) / len(written) if written else float("nan"),
                     "examples": list(dict.fromkeys(hits))[:examples]})
    other = [c for c in written if not classify(c, bank_themes)]
    rows.append({"theme": "other", "name": _("Other"), "count": len(other),
                 "share": len(other) / len(written) if written else float("nan"),
                 "examples": other[:examples]})
    return rows
