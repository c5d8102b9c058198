"""`pdfgen serve`'s JSON API and page, through Starlette's test client: every endpoint, every
refusal, and PDFs that are the very bytes the library (and so the command line) makes."""

from __future__ import annotations

import io
import threading
from typing import Any

import pytest
from pypdf import PdfReader

pytest.importorskip("starlette", reason="the serve extra (Starlette) is not installed")
pytest.importorskip("httpx2", reason="httpx2 (Starlette's test client) is not installed")
from starlette.testclient import TestClient

import pdfgen
from pdfgen.io import resources
from pdfgen.io.yamldoc import MAX_BYTES
from pdfgen.web.server import make_app

HOST = "testserver"  # the test client's own Host
OWN = {"Origin": f"http://{HOST}"}
BAD_PLAN = """\
program: One mistake
weeks: 4
sessions:
  - name: A
    exercises:
      - exercise: pull-up
        sets: 3
        reps: 8
        load: 650%
"""


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(make_app({HOST}))


def text_of(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


# -- what the API answers -------------------------------------------------------------------------


def test_plans_lists_the_built_in_plans_and_the_examples(client: TestClient) -> None:
    answer = client.get("/api/plans")
    assert answer.status_code == 200
    plans = {p["id"]: p for p in answer.json()}
    assert set(resources.builtin_plans()) | set(resources.example_plans()) == set(plans)
    assert plans["upper-back"]["program"] == "Strengthen the upper back"
    assert plans["upper-back"]["kind"] == "plan" and plans["gzclp"]["kind"] == "example"
    assert all(p["summary"] for p in plans.values())


def test_validate_takes_the_plan_as_the_body_or_a_form_field(client: TestClient) -> None:
    good = resources.builtin_plans()["upper-back"].read_text(encoding="utf-8")
    assert client.post("/api/validate", content=good.encode()).json() == []
    assert client.post("/api/validate", data={"plan": good}).json() == []
    assert client.post("/api/validate", data={"plan": "upper-back"}).json() == []


def test_validate_gives_each_problem_at_its_line_column_and_field(client: TestClient) -> None:
    answer = client.post("/api/validate", content=BAD_PLAN.encode())
    assert answer.status_code == 200
    [problem] = answer.json()
    assert problem["line"] == 9 and problem["column"] == 15
    assert problem["field"] == "sessions[1].exercises[1].load"
    assert "650%" in problem["message"]


def test_a_booklet_is_the_pdf_the_library_makes(client: TestClient) -> None:
    fields = {"plan": "upper-back", "client": "Zoë Ørsted", "start": "2027-01-04", "weeks": "2"}
    answer = client.post("/api/booklet", data=fields, headers=OWN)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"].startswith("attachment; filename=")
    expected = io.BytesIO()
    pdfgen.render_booklet(
        "upper-back", expected, client="Zoë Ørsted", start="2027-01-04", weeks="2"
    )
    assert answer.content == expected.getvalue()


def test_a_booklet_from_yaml_text_with_maxes_and_fillable_fields(client: TestClient) -> None:
    plan = resources.example_plans()["whole-back"].read_text(encoding="utf-8")
    fields = {"plan": plan, "max": "good-morning=90kg", "fillable": "on", "weeks": "1"}
    answer = client.post("/api/booklet", data=fields)
    assert answer.status_code == 200, answer.text
    reader = PdfReader(io.BytesIO(answer.content))
    assert any(name.endswith("_weight") for name in reader.get_fields() or {})
    assert "45 kg" in text_of(answer.content)  # 50 % of 90 kg


def test_log_sheets_take_the_weeks_to_print(client: TestClient) -> None:
    answer = client.post("/api/log", data={"plan": "upper-back", "weeks": "2-3"})
    assert answer.status_code == 200, answer.text
    text = text_of(answer.content)
    assert "Week 2 of 6" in text and "Week 3 of 6" in text and "Week 1 of 6" not in text


def test_the_page_offers_every_plan_and_both_documents(client: TestClient) -> None:
    page = client.get("/").text
    assert '<form id="make" method="post" action="/api/booklet"' in page
    assert '<script src="/static/htmx.min.js"></script>' in page
    assert 'formaction="/api/log"' in page
    for plan_id in resources.builtin_plans():
        assert f'<option value="{plan_id}">' in page


def test_the_pages_own_plan_and_maxes_are_used(client: TestClient) -> None:
    plan = resources.example_plans()["whole-back"].read_text(encoding="utf-8")
    fields = {"from": "page", "plan": "upper-back", "own_plan": plan, "weeks": "1"}
    fields["max_lines"] = "good-morning=90kg\n"
    answer = client.post("/api/booklet", data=fields)
    assert answer.status_code == 200, answer.text
    assert "Good morning" in text_of(answer.content)


# -- what it refuses ------------------------------------------------------------------------------


def test_bad_options_are_422_with_the_field_named_as_the_form_names_it(client: TestClient) -> None:
    answer = client.post("/api/booklet", data={"plan": "upper-back", "weeks": "99", "start": "x"})
    assert answer.status_code == 422
    by_field = {p["field"]: p["message"] for p in answer.json()}
    assert set(by_field) == {"weeks", "start"}
    assert by_field["weeks"].startswith("weeks must be")


def test_a_missing_max_says_which_field_to_fill(client: TestClient) -> None:
    answer = client.post("/api/booklet", data={"plan": "whole-back"})
    assert answer.status_code == 422
    [problem] = answer.json()
    assert "a max field like good-morning=60kg" in problem["message"]


def test_a_bad_plan_is_422_with_its_line(client: TestClient) -> None:
    answer = client.post("/api/log", data={"plan": BAD_PLAN})
    assert answer.status_code == 422
    assert answer.json()[0]["line"] == 9


def test_a_problem_from_the_page_comes_back_as_a_page(client: TestClient) -> None:
    answer = client.post("/api/booklet", data={"from": "page", "plan": BAD_PLAN})
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("text/html")
    assert "line 9" in answer.text and "650%" in answer.text
    assert (
        "<script"
        not in client.post(
            "/api/booklet", data={"from": "page", "plan": "x: <script>alert(1)</script>\n"}
        ).text.split("</style>")[1]
    )


@pytest.mark.parametrize("plan", ["/etc/passwd", "../x", "C:\\plans\\x.yaml", "no-such-plan", ""])
def test_a_plan_that_names_a_path_or_nothing_known_is_400(client: TestClient, plan: str) -> None:
    for endpoint in ("/api/booklet", "/api/log", "/api/validate"):
        answer = client.post(endpoint, data={"plan": plan})
        assert answer.status_code == 400, (endpoint, plan, answer.text)
        assert answer.json()["error"]


@pytest.mark.parametrize(
    ("field", "value"), [("layout", "../../etc/x.yaml"), ("impose", "4up"), ("layout", "/tmp/a")]
)
def test_a_layout_or_imposition_outside_the_choices_is_400(
    client: TestClient, field: str, value: str
) -> None:
    answer = client.post("/api/booklet", data={"plan": "upper-back", field: value})
    assert answer.status_code == 400


def test_a_plan_larger_than_the_command_line_reads_is_413(client: TestClient) -> None:
    big = "program: x\n# " + "x" * (MAX_BYTES + 10) + "\n"
    assert client.post("/api/validate", content=big.encode()).status_code == 413
    assert client.post("/api/booklet", data={"plan": big}).status_code == 413


def test_fields_not_sent_as_a_form_are_415(client: TestClient) -> None:
    answer = client.post("/api/booklet", json={"plan": "upper-back"})
    assert answer.status_code == 415


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Host": "evil.example"},
        {"Host": "attacker.test:8765"},
        {"Sec-Fetch-Site": "cross-site"},
    ],
    ids=["other-origin", "null-origin", "other-host", "rebound-host", "cross-site-fetch"],
)
def test_a_request_from_another_site_is_403(client: TestClient, headers: dict[str, str]) -> None:
    for method, path in (("get", "/api/plans"), ("post", "/api/booklet"), ("get", "/")):
        kwargs: dict[str, Any] = {"headers": headers}
        if method == "post":
            kwargs["data"] = {"plan": "upper-back"}
        answer = getattr(client, method)(path, **kwargs)
        assert answer.status_code == 403, (path, headers)


def test_requests_at_once_each_get_their_own_booklet() -> None:
    names = ["Ann", "Bob", "Cy", "Dee"]
    found: dict[str, bytes] = {}

    def make(name: str) -> None:
        with TestClient(make_app({HOST})) as own:
            answer = own.post("/api/booklet", data={"plan": "upper-back", "client": name})
            found[name] = answer.content

    threads = [threading.Thread(target=make, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for name in names:
        text = text_of(found[name])
        assert name in text
        assert not any(other in text.split() for other in names if other != name)


def test_the_page_asks_for_each_max_the_plan_needs(client: TestClient) -> None:
    page = client.post("/ui/maxes", data={"plan": "whole-back"}).text
    assert 'name="max.good-morning"' in page and "Good morning: max" in page
    assert "needs no maxes" in client.post("/ui/maxes", data={"plan": "upper-back"}).text
    fields = {"plan": "whole-back", "max.good-morning": "90kg", "weeks": "1"}
    answer = client.post("/api/booklet", data=fields)
    assert answer.status_code == 200, answer.text
    assert "45 kg" in text_of(answer.content)


def test_a_plan_file_opens_in_the_editor(client: TestClient) -> None:
    text = resources.builtin_plans()["upper-back"].read_text(encoding="utf-8")
    files = {"plan_file": ("mine.yaml", text.encode("utf-8"), "application/yaml")}
    answer = client.post("/ui/open", files=files)
    assert answer.status_code == 200
    assert answer.text.startswith('<textarea id="own" name="own_plan"')
    assert "program: Strengthen the upper back" in answer.text
    bad = {"plan_file": ("mine.yaml", b"\xff\xfe\x00x", "application/yaml")}
    assert client.post("/ui/open", files=bad).status_code == 400


def filled_log() -> bytes:
    from support.pdfs import fill_form

    blank = io.BytesIO()
    pdfgen.render_log("upper-back", blank, weeks="1", fillable=True)
    typed = {"w01_d1_pull-up_s1_weight": "40", "w01_d1_pull-up_s1_reps": "8"}
    typed |= {"w01_d1_pull-up_s2_reps": "eight", "w01_d1_pull-up_s1_done": "/Yes"}
    return fill_form(blank.getvalue(), typed)


def test_read_log_gives_the_sets_as_csv_as_the_command_line_writes_them(
    client: TestClient, tmp_path: Any
) -> None:
    data = filled_log()
    answer = client.post("/api/read-log", files={"filled": ("log.pdf", data, "application/pdf")})
    assert answer.status_code == 200
    path = tmp_path / "filled.pdf"
    path.write_bytes(data)
    from pdfgen.logbook.readlog import to_csv

    assert answer.text == to_csv(pdfgen.read_log(path))
    bad = client.post("/api/read-log", files={"filled": ("x.pdf", b"%PDF-1.7 no", "x")})
    assert bad.status_code == 422 and "not a readable PDF" in bad.json()[0]["message"]


def test_a_log_read_back_on_the_page_from_its_pdf_or_its_csv(client: TestClient) -> None:
    data = filled_log()
    pdf = client.post("/ui/read", files={"filled": ("log.pdf", data, "application/pdf")})
    assert pdf.status_code == 200
    assert "18 sets read." in pdf.text and "&#x27;eight&#x27;" in pdf.text
    csv_text = client.post("/api/read-log", files={"filled": ("log.pdf", data, "x")}).content
    csv = client.post("/ui/read", files={"filled": ("week1.csv", csv_text, "text/csv")})
    assert "18 sets read." in csv.text


def test_the_next_block_comes_with_each_decision(client: TestClient) -> None:
    files = {"filled": ("log.pdf", filled_log(), "application/pdf")}
    answer = client.post("/ui/next", data={"plan": "upper-back"}, files=files)
    assert answer.status_code == 200, answer.text
    assert "<h3>The next block</h3>" in answer.text
    assert 'hx-swap-oob="outerHTML:#own"' in answer.text
    assert "program: Strengthen the upper back" in answer.text
    assert "Pull-up" in answer.text


def test_a_logo_is_checked_as_the_command_line_checks_one(
    client: TestClient, tmp_path: Any
) -> None:
    from support import logo_png

    good = logo_png(tmp_path / "logo.png").read_bytes()
    fields = {"plan": "upper-back", "weeks": "1", "brand_color": "#0a7d4f"}
    answer = client.post("/api/booklet", data=fields, files={"logo": ("logo.png", good, "x")})
    assert answer.status_code == 200, answer.text
    bad = client.post(
        "/api/booklet", data=fields, files={"logo": ("logo.png", b"not a picture", "x")}
    )
    assert bad.status_code == 422
    [problem] = bad.json()
    assert problem["field"] == "logo"
    assert problem["message"].startswith("the logo you uploaded is not a PNG or JPEG image")
    assert "pdfgen-serve-" not in problem["message"], "no temporary path in the message"
