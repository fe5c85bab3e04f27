"""Creating an exam, once for the CLI and the app: the candidates file, one pack per
candidate (a folder or a .zip), and the examiner's key kept apart from the packs.

The key (`chiave-esaminatore.json`) holds the secret, the template's text and hash and
the candidates with the hash of each manifest: from it `regenerate` rebuilds any pack
byte for byte, and grading recomputes every expected answer. It never goes to a
candidate.
"""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from simlab.curriculum.exercise import shipped_file
from simlab.errors import SimlabError, os_error_text
from simlab.exam.pack import MANIFEST, apply_variant, build_pack, canonical, sha256
from simlab.exam.template import ExamTemplate, TemplateSource, find_template
from simlab.i18n import _
from simlab.lab import runner
from simlab.model.yamlio import read_text
from simlab.store.atomic import write_bytes_atomic

KEY_FORMAT = "simlab-exam-key/1"
KEY_NAME = "chiave-esaminatore.json"
CANDIDATE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
ZIP_TIME = (2026, 1, 1, 0, 0, 0)  # fixed, so that a zipped pack is the same bytes


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str

    def as_dict(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name}


# --- the candidates file -----------------------------------------------------------------

def _decode(raw: bytes, path: Path) -> str:
    """UTF-8, or Windows-1252: what a spreadsheet saves as «CSV» on an Italian PC (an
    accented name like «Nicolò» must not stop the examiner)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        raise SimlabError(_("the candidates file is not text: save it as «CSV UTF-8» from "
                            "the spreadsheet"), file=path) from None


def read_candidates(path: Path) -> list[Candidate]:
    """`id` and `name` columns (others are ignored), comma or semicolon; errors name the
    file and the line."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise SimlabError(_("file not found"), file=path, key="--candidates") from None
    except OSError as e:
        raise SimlabError(_("cannot read the candidates file: {error}").format(
            error=os_error_text(e)), file=path) from None
    text = _decode(raw, path)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise SimlabError(_("the candidates file is empty: the first line names the columns "
                            "(at least id and name)"), file=path, line=1)
    sep = ";" if lines[0].count(";") > lines[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=sep))
    # «nome» as the Italian spreadsheet calls it
    header = [{"nome": "name"}.get(h.strip().lower(), h.strip().lower()) for h in rows[0]]
    for column in ("id", "name"):
        if column not in header:
            raise SimlabError(_("missing column «{column}»; the columns are: {known}").format(
                column=column, known=", ".join(h for h in header if h) or "—"),
                file=path, line=1)
    at_id, at_name = header.index("id"), header.index("name")
    found: list[Candidate] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        ident = row[at_id].strip() if at_id < len(row) else ""
        name = row[at_name].strip() if at_name < len(row) else ""
        if not CANDIDATE_ID.match(ident):
            raise SimlabError(_("the id «{id}» is not valid: letters, digits, - and _, at "
                                "most 64").format(id=ident), file=path, line=number, key="id")
        if ident in seen:
            raise SimlabError(_("the id «{id}» appears twice (first on line {first})").format(
                id=ident, first=seen[ident]), file=path, line=number, key="id")
        if not name:
            raise SimlabError(_("the name is empty"), file=path, line=number, key="name")
        seen[ident] = number
        found.append(Candidate(ident, name))
    if not found:
        raise SimlabError(_("the candidates file has no candidate"), file=path, line=2)
    return found


# --- the key ------------------------------------------------------------------------------

@dataclass(frozen=True)
class ExamKey:
    """What the examiner keeps: enough to regenerate every pack and grade it."""

    path: Path | None
    secret: bytes
    source: TemplateSource
    template_sha256: str
    candidates: list[Candidate]
    manifests: dict[str, str]  # candidate id → sha256 of the manifest's bytes
    # candidate id → {pack path: sha256} as made: grading compares against these, so a
    # later version of the lab that writes the sheet differently still grades old packs
    # (a key without them, from before, falls back to regenerating the pack)
    pack_hashes: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def template(self) -> ExamTemplate:
        return self.source.template

    def candidate(self, candidate_id: str) -> Candidate:
        for c in self.candidates:
            if c.id == candidate_id:
                return c
        raise SimlabError(_("no candidate «{id}» in the key; the candidates are: {known}")
                          .format(id=candidate_id, known=", ".join(c.id for c in self.candidates)),
                          key="--candidate")

    def to_json(self) -> dict:
        return {"format": KEY_FORMAT, "exam_id": self.source.id,
                "template_sha256": self.template_sha256, "template_text": self.source.text,
                "template_source": Path(self.source.source).name,
                "secret": self.secret.hex(),
                "candidates": [{**c.as_dict(), "manifest_sha256": self.manifests[c.id],
                                **({"pack_files": self.pack_hashes[c.id]}
                                   if c.id in self.pack_hashes else {})}
                               for c in self.candidates]}


def load_key(path: Path) -> ExamKey:
    """The examiner's key, checked: its format, and the template text against its hash."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != KEY_FORMAT:
            raise ValueError
        text = data["template_text"]
        secret = bytes.fromhex(data["secret"])
        candidates = [Candidate(c["id"], c["name"]) for c in data["candidates"]]
        manifests = {c["id"]: c["manifest_sha256"] for c in data["candidates"]}
        pack_hashes = {c["id"]: {str(k): str(v) for k, v in c["pack_files"].items()}
                       for c in data["candidates"] if "pack_files" in c}
    except FileNotFoundError:
        raise SimlabError(_("file not found"), file=path, key="--key") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise SimlabError(_("this is not an examiner's key of simlab"), file=path,
                          key="--key") from None
    if sha256(text.encode("utf-8")) != data.get("template_sha256"):
        raise SimlabError(_("the key's template does not match its hash: the key was edited"),
                          file=path, key="template_sha256")
    source = TemplateSource(text, data.get("template_source") or "template.yaml")
    return ExamKey(path, secret, source, data["template_sha256"], candidates, manifests,
                   pack_hashes)


def _secret(secret_file: Path | None) -> bytes:
    """The secret from a file (an examiner's key, or any text of 16 characters or more), or
    a new random one."""
    if secret_file is None:
        return secrets.token_bytes(32)
    try:
        text = Path(secret_file).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as e:
        raise SimlabError(_("cannot read the secret: {error}").format(error=e),
                          file=secret_file, key="--secret-file") from None
    if text.startswith("{"):
        return load_key(Path(secret_file)).secret
    if len(text) < 16:
        raise SimlabError(_("the secret must be at least 16 characters long"),
                          file=secret_file, key="--secret-file")
    return text.encode("utf-8")


# --- the packs ----------------------------------------------------------------------------

def base_texts(template: ExamTemplate) -> dict[str, str]:
    return {kind: read_text(shipped_file(getattr(template.base, kind)))
            for kind in ("scenario", "care", "plan")}


def pack_files(key: ExamKey, candidate: Candidate) -> dict[str, bytes]:
    """The candidate's pack, regenerated from the key (the same bytes every time)."""
    template, values, variant = variant_of(key.secret, key.source, candidate.id)
    return build_pack(template, key.template_sha256, values, variant, candidate.as_dict(),
                      key.secret)


def variant_of(secret: bytes, source: TemplateSource, candidate_id: str):
    """(the template with the candidate's values, the values, the variant texts), the
    variant checked as a run bundle."""
    values, template = source.for_candidate(secret, candidate_id)
    variant = apply_variant(template, base_texts(template))
    runner.bundle_from_texts(variant, {k: f"{k} ({candidate_id})" for k in variant})
    return template, values, variant


def zip_bytes(files: dict[str, bytes], folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


def write_pack(files: dict[str, bytes], out: Path, candidate_id: str, as_zip: bool) -> Path:
    if as_zip:
        target = out / f"{candidate_id}.zip"
        write_bytes_atomic(target, zip_bytes(files, candidate_id))
        return target
    target = out / candidate_id
    for name, data in files.items():  # the manifest last: a pack with one is whole
        if name != MANIFEST:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(target / name, data)
    write_bytes_atomic(target / MANIFEST, files[MANIFEST])
    return target


@dataclass(frozen=True)
class Created:
    key_path: Path
    packs: list[Path]


def create(template_name: str, candidates_file: Path, out: Path,
           secret_file: Path | None = None, as_zip: bool = False) -> Created:
    """One pack per candidate in `out` (new or empty), and the key beside them."""
    source = find_template(template_name)
    candidates = read_candidates(candidates_file)
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise SimlabError(_("name a new or empty folder (nothing is ever overwritten)"),
                          file=out, key="--out")
    secret = _secret(secret_file)
    template_sha = sha256(source.text.encode("utf-8"))
    key = ExamKey(None, secret, source, template_sha, candidates, {})
    built = {c.id: pack_files(key, c) for c in candidates}  # every error before any write
    out.mkdir(parents=True, exist_ok=True)
    packs = [write_pack(built[c.id], out, c.id, as_zip) for c in candidates]
    manifests = {c.id: sha256(built[c.id][MANIFEST]) for c in candidates}
    hashes = {c.id: {path: sha256(data) for path, data in sorted(built[c.id].items())}
              for c in candidates}
    key = ExamKey(out / KEY_NAME, secret, source, template_sha, candidates, manifests, hashes)
    write_bytes_atomic(out / KEY_NAME, canonical(key.to_json()))
    return Created(out / KEY_NAME, packs)
