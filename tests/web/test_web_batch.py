"""A batch from the page of `pdfgen serve`: the roster's rows checked (a row naming a file on the
server refused, a bad row failed with its reason), the rest made by `pdfgen batch` in a process
of its own, and the booklets handed back as a zip with the manifest and as one print file."""

from __future__ import annotations

import csv
import io
import re
import time
import zipfile

import pytest
from pypdf import PdfReader

pytest.importorskip("starlette", reason="the serve extra (Starlette) is not installed")
pytest.importorskip("httpx2", reason="httpx2 (Starlette's test client) is not installed")
from starlette.testclient import TestClient

from pdfgen.web.server import make_app

ROSTER = """\
client,plan,weeks,start
Ann,upper-back,2,2027-01-04
Bob,middle-back,1,
Eve,/etc/passwd,1,
Cy,lower-back,99,
Dee,editor,1,
"""
OWN_PLAN = """\
program: Dee's own
weeks: 2
sessions:
  - name: A
    exercises:
      - {exercise: pull-up, sets: 3, reps: 8}
"""


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(make_app({"testserver"}))


def check(client: TestClient, roster: str, own_plan: str = "") -> str:
    answer = client.post(
        "/ui/batch/check",
        data={"own_plan": own_plan},
        files={"roster": ("gym.csv", roster.encode(), "text/csv")},
    )
    assert answer.status_code == 200, answer.text
    return answer.text


def statuses(html: str) -> dict[str, str]:
    rows = re.findall(r"<tr class=\"(\w+)\"><td>([^<]*)</td>", html)
    return {client: status for status, client in rows}


def test_each_row_is_checked_and_a_path_is_refused(client: TestClient) -> None:
    html = check(client, ROSTER, OWN_PLAN)
    assert statuses(html) == {
        "Ann": "ready",
        "Bob": "ready",
        "Eve": "refused",
        "Cy": "failed",
        "Dee": "ready",
    }
    assert "not &#x27;/etc/passwd&#x27;" in html
    assert "the weeks column must be from 1 to 52, not 99." in html
    assert list(statuses(html)) == ["Ann", "Bob", "Eve", "Cy", "Dee"], "in the roster's order"
    assert "Make the 3 booklets" in html


def test_without_an_editor_plan_an_editor_row_is_refused(client: TestClient) -> None:
    assert statuses(check(client, ROSTER))["Dee"] == "refused"


def test_the_batch_makes_the_good_rows_and_hands_them_back(client: TestClient) -> None:
    html = check(client, ROSTER, OWN_PLAN)
    job = re.search(r"/ui/batch/(\w+)/start", html)
    assert job
    answer = client.post(f"/ui/batch/{job[1]}/start", data={"merge": "on"})
    assert answer.status_code == 200
    deadline = time.monotonic() + 60
    while "Done:" not in answer.text:
        assert time.monotonic() < deadline, answer.text
        time.sleep(0.2)
        answer = client.get(f"/ui/batch/{job[1]}")
    assert "Done: 3 booklets made." in answer.text

    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/ui/batch/{job[1]}/zip").content))
    names = sorted(archive.namelist())
    assert [n for n in names if n.endswith(".pdf")] == [
        "Ann - upper-back.pdf",
        "Bob - middle-back.pdf",
        "Dee - plan.pdf",
    ]
    manifest = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode())))
    assert {row["client"]: row["status"] for row in manifest} == {
        "Ann": "written",
        "Bob": "written",
        "Cy": "failed",  # a bad row never stops the rest
        "Dee": "written",
    }
    refused = archive.read("refused.csv").decode()
    assert "Eve" in refused and "/etc/passwd" in refused
    dee = PdfReader(io.BytesIO(archive.read("Dee - plan.pdf")))
    assert "Dee's own" in dee.pages[0].extract_text()

    merged = client.get(f"/ui/batch/{job[1]}/merged")
    assert merged.headers["content-type"] == "application/pdf"
    outline = PdfReader(io.BytesIO(merged.content)).outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert [title.split(" — ")[0] for title in titles] == ["Ann", "Bob", "Dee"]


def test_a_roster_that_cannot_be_read_is_422_with_its_problem(client: TestClient) -> None:
    answer = client.post(
        "/ui/batch/check",
        files={"roster": ("gym.csv", b"clientt,plann\nAnn,upper-back\n", "text/csv")},
    )
    assert answer.status_code == 422
    assert "clientt" in answer.text
