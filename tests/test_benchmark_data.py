"""The benchmark's month with every procedure on (benchmarks/data, issue 11): its care
model and plan stay valid as the schemas grow, and every procedure they switch on does
some work, so the benchmark measures what it says it measures (no timing here)."""

from __future__ import annotations

from pathlib import Path

from simlab.lab import runner

DATA = Path(__file__).resolve().parent.parent / "benchmarks" / "data"


def test_every_procedure_is_on_and_does_work():
    bundle = runner.load_bundle("energia-base", DATA / "energia-full.care.yaml",
                                DATA / "energia-full.plan.yaml")
    proc, cases = bundle.plan.procedures, bundle.plan.cases
    assert proc.repeats and proc.escalation and proc.reserve and proc.outsourcing
    assert proc.campaigns and cases.complaints and cases.notices and cases.knowledge_base
    assert bundle.care.ivr
    result = runner.execute(bundle, days=10)  # the notice runs 9-13 March
    c = result.log.contacts
    assert (c["outcome"] == "self_service").sum() > 0
    assert c["callback"].sum() > 0 and (c["attempts"] > 1).sum() > 0
    assert (c["repeat_of"] >= 0).sum() > 0
    assert (c["team"] == "outsourcing").sum() > 0
    kinds = set(result.log.tasks["kind"].astype(str))
    assert kinds == {"escalation", "outbound"}
    assert len(result.cases.complaints) > 0
    assert result.cases.avoided["avviso-lavori"] > 0
    # a reserve skill answers calls: the chat team on the phone queue it does not hold
    answered = c[c["outcome"] == "answered"]
    assert ((answered["team"] == "chat") & (answered["queue"] == "tel-commerciale")).sum() > 0
