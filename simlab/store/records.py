"""Plain records the workspace hands out: frozen dataclasses, no database handles."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Role = Literal["trainee", "instructor", "examiner"]
ROLES: tuple[Role, ...] = ("trainee", "instructor", "examiner")

RunStatus = Literal["writing", "complete", "aborted", "interrupted"]

# What users save as documents; the values name the YAML kinds of `simlab.model`.
DOCUMENT_KINDS: tuple[str, ...] = ("scenario", "care_model", "plan", "survey")


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    role: Role
    created_at: str


@dataclass(frozen=True)
class Document:
    kind: str
    doc_id: str
    version: int
    text: str
    sha256: str
    saved_at: str
    person_id: int | None = None


@dataclass(frozen=True)
class RunRecord:
    id: str
    label: str
    created_at: str
    person: Person | None
    status: RunStatus
    scenario_id: str | None
    seed: int | None
    summary: dict[str, Any] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)
    inputs_sha256: str = ""
    simlab_version: str = ""
    finished_at: str | None = None


@dataclass(frozen=True)
class ReplayResult:
    run_id: str
    ok: bool
    expected: dict[str, str]
    actual: dict[str, str]

    @property
    def mismatches(self) -> list[str]:
        """Files whose hash differs, or that only one side has, sorted by name."""
        names = set(self.expected) | set(self.actual)
        return sorted(n for n in names if self.expected.get(n) != self.actual.get(n))


AttemptStatus = Literal["started", "checked", "submitted"]
ATTEMPT_STATUSES: tuple[AttemptStatus, ...] = ("started", "checked", "submitted")


@dataclass(frozen=True)
class Attempt:
    """One person's attempt at one exercise: started, then checked (any number of
    times), then submitted. `report` is the last check's (plain JSON data)."""

    id: int
    person_id: int
    exercise_id: str
    status: AttemptStatus
    started_at: str
    checked_at: str | None = None
    submitted_at: str | None = None
    points: float | None = None
    max_points: float | None = None
    report: dict[str, Any] = field(default_factory=dict)
    run_id: str | None = None
    files: dict[str, str] = field(default_factory=dict)
