"""A batch from the page: a roster uploaded, each row checked, the booklets made by `pdfgen batch`
in a process of its own (so that previews are not held up), its progress watched, and the
booklets handed back as a zip with the manifest, or as the merged print file.

On the page a roster names plans by their id (`pdfgen plans`), or `editor` (or nothing) for
the plan in the page's editor; a row that names a file is refused with the reason, as no
request may name a path on the server. The other rows go ahead, as on the command line.
"""

from __future__ import annotations

import atexit
import csv
import io
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import zipfile
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from pdfgen.app.roster import Row, load_roster
from pdfgen.io import resources

EDITOR = "editor"  # a roster's plan for the plan in the page's editor
KEPT_JOBS = 4  # finished batches kept for download; older ones are removed
MAX_ROSTER_BYTES = 10_000_000


@dataclass(frozen=True)
class Refusal:
    row: int
    client: str
    plan: str
    reason: str


@dataclass
class Job:
    """One batch: its folder (removed when the job is forgotten), its rows and its process."""

    id: str
    folder: Path
    rows: int
    refused: list[Refusal]
    merge: bool
    numbers: list[int] = field(default_factory=list)  # the kept rows' numbers in the upload
    process: subprocess.Popen[bytes] | None = None

    @property
    def out(self) -> Path:
        return self.folder / "booklets"

    @property
    def merged(self) -> Path:
        return self.folder / "all-clients.pdf"

    def made(self) -> int:
        return sum(1 for _ in self.out.glob("*.pdf")) if self.out.exists() else 0

    def finished(self) -> bool:
        return self.process is not None and self.process.poll() is not None

    def manifest(self) -> list[dict[str, str]]:
        path = self.out / "manifest.csv"
        if not path.exists():
            return []
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))


_JOBS: OrderedDict[str, Job] = OrderedDict()
_LOCK = threading.Lock()


def prepare(upload: bytes, name: str, editor_plan: str) -> Job:
    """A job for an uploaded roster: its rows that name an installed plan (or the editor's),
    written to a roster of its own, and the rows refused with their reasons. InputError when
    the roster cannot be read."""
    folder = Path(tempfile.mkdtemp(prefix="pdfgen-batch-"))
    try:
        suffix = ".yaml" if name.lower().endswith((".yaml", ".yml")) else ".csv"
        uploaded = folder / f"uploaded{suffix}"
        uploaded.write_bytes(upload)
        rows = load_roster(uploaded)
        kept, refused = _sort(rows, bool(editor_plan.strip()))
        if editor_plan.strip():
            (folder / "plan.yaml").write_text(editor_plan, encoding="utf-8")
        _write_roster(folder / "roster.csv", kept)
        uploaded.unlink()
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    numbers = [row.number for row in kept]
    job = Job(secrets.token_hex(8), folder, len(kept), refused, merge=False, numbers=numbers)
    with _LOCK:
        _JOBS[job.id] = job
        while len(_JOBS) > KEPT_JOBS:
            _forget(_JOBS.popitem(last=False)[1])
    return job


def _sort(rows: list[Row], has_editor: bool) -> tuple[list[Row], list[Refusal]]:
    plans = set(resources.builtin_plans()) | set(resources.example_plans())
    layouts = set(resources.builtin_layouts())
    kept, refused = [], []
    for row in rows:
        plan = row.values.get("plan", "").strip()
        client = row.values.get("client", "")
        reason = ""
        if plan in ("", EDITOR):
            if has_editor:
                row = Row(row.number, {**row.values, "plan": "plan.yaml"}, row.maxes)
            else:
                reason = "the row names no plan, and the editor is empty."
        elif plan in resources.example_plans():
            path = resources.example_plans()[plan]
            row = Row(row.number, {**row.values, "plan": str(path)}, row.maxes)
        elif plan not in plans:
            reason = (
                f"on the page, a roster names a built-in plan by its id (see the list), or "
                f"'{EDITOR}' for the plan in the editor; not {plan[:60]!r}."
            )
        layout = row.values.get("layout", "").strip()
        if not reason and layout and layout not in layouts:
            reason = f"on the page, layout names a built-in layout, not {layout[:60]!r}."
        if reason:
            refused.append(Refusal(row.number, client, plan, reason))
        else:
            kept.append(row)
    return kept, refused


def _write_roster(path: Path, rows: list[Row]) -> None:
    columns: list[str] = []
    for row in rows:
        for key in [*row.values, *(f"max.{k}" for k in row.maxes)]:
            if key not in columns:
                columns.append(key)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns or ["client", "plan"])
        for row in rows:
            values = {**row.values, **{f"max.{k}": v for k, v in row.maxes.items()}}
            writer.writerow([values.get(c, "") for c in columns])


def start(job: Job, *, merge: bool, fillable: bool, impose: str | None) -> None:
    """Run `pdfgen batch` on the job's rows in a process of its own."""
    command = [sys.executable, "-m", "pdfgen", "batch", "roster.csv", "-o", "booklets"]
    if merge:
        command += ["--merge", job.merged.name]
        if impose:
            command += ["--impose", impose]
    if fillable:
        command.append("--fillable")
    job.merge = merge
    if job.rows:
        job.process = subprocess.Popen(
            command, cwd=job.folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
    else:  # nothing to make: a finished job with every row refused
        job.process = subprocess.Popen([sys.executable, "-c", "pass"])


def find(job_id: str) -> Job | None:
    with _LOCK:
        return _JOBS.get(job_id)


def zipped(job: Job) -> bytes:
    """The booklets and the manifest, as a zip, in the manifest's order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(job.out.glob("*")):
            if path.is_file():
                archive.write(path, path.name)
        if job.refused:
            lines = io.StringIO()
            writer = csv.writer(lines)
            writer.writerow(["row", "client", "plan", "reason"])
            writer.writerows([r.row, r.client, r.plan, r.reason] for r in job.refused)
            archive.writestr("refused.csv", lines.getvalue())
    return buffer.getvalue()


def _forget(job: Job) -> None:
    if job.process is not None and job.process.poll() is None:
        job.process.terminate()
    shutil.rmtree(job.folder, ignore_errors=True)


@atexit.register
def _forget_all() -> None:
    with _LOCK:
        while _JOBS:
            _forget(_JOBS.popitem()[1])
