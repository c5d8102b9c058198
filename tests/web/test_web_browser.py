"""The page of `pdfgen serve` in a real browser: Playwright driving the system's Chromium (Debian's
`chromium`, which `.ci/run` installs), against the server as `pdfgen serve` starts it.

A trainer picks a built-in plan, enters a client, looks at the previews and downloads the
booklet, which is the very PDF the command line makes with the same options; types a mistake
into the plan and sees it at its line; and reads a filled log back and gets the next block.
With `--make-samples`, the main screens are saved to samples/ for the README.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.pdfs import fill_form

import pdfgen

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright (the test extra) is not installed"
)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip(
        "no Chromium installed (apt-get install chromium; .ci/run does)", allow_module_level=True
    )
pytest.importorskip("uvicorn", reason="the serve extra (uvicorn) is not installed")

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
BAD_LINE = "        load: 650%\n"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def address() -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "pdfgen", "serve", "--no-browser", "--port", str(port)]
    quiet = subprocess.DEVNULL
    server = subprocess.Popen(command, env=env, stdout=quiet, stderr=quiet)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(url + "api/plans", timeout=2).close()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise
            time.sleep(0.1)
    yield url
    server.send_signal(signal.SIGINT)
    server.wait(timeout=20)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, address: str) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1100, "height": 900})
    tab = context.new_page()
    tab.goto(address)
    yield tab
    context.close()


def shoot(request: pytest.FixtureRequest, page: Any, name: str) -> None:
    if request.config.getoption("--make-samples"):
        page.screenshot(path=str(SAMPLES / f"serve-{name}.png"))


def test_pick_a_plan_preview_and_download_the_booklet(
    page: Any, request: pytest.FixtureRequest
) -> None:
    page.select_option("#plan", "upper-back")
    page.fill("#client", "Zoë Ørsted")
    page.fill("#start", "2027-01-04")
    page.fill("#weeks", "2")
    page.click("text=Preview")
    page.wait_for_selector(".thumb img")
    expected = io.BytesIO()
    options = {"client": "Zoë Ørsted", "start": "2027-01-04", "weeks": "2", "units": "kg"}
    options |= {"page_size": "a4", "brand_color": "#1f4e79"}  # what the form sends as it is
    made = pdfgen.render_booklet("upper-back", expected, **options)
    assert page.locator(".thumb").count() == made.pages
    page.locator(".thumb").nth(made.pages - 3).click()
    page.wait_for_selector("img.large")
    shoot(request, page.locator(".thumbs").first, "preview")
    with page.expect_download() as download:
        page.click("text=Download the booklet")
    got = Path(download.value.path()).read_bytes()
    assert got == expected.getvalue(), "the page's booklet is the command line's"


def test_a_mistake_typed_into_the_plan_shows_at_its_line(
    page: Any, request: pytest.FixtureRequest
) -> None:
    page.select_option("#plan", "upper-back")
    page.click("text=Edit it here")
    page.wait_for_function("document.querySelector('#own').value.includes('program:')")
    text = page.input_value("#own")
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("load:"))
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines[at] = f"{indent}load: 650%\n"
    page.fill("#own", "".join(lines))
    problem = page.wait_for_selector("#problems .problem")
    shown = problem.inner_text()
    assert f"line {at + 1}" in shown and "650%" in shown
    shoot(request, page, "editor")
    lines[at] = f"{indent}load: 20 kg\n"
    page.fill("#own", "".join(lines))
    page.wait_for_selector("#problems .ok")


def test_read_a_filled_log_back_and_make_the_next_block(
    page: Any, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    blank = io.BytesIO()
    pdfgen.render_log("upper-back", blank, weeks="1", fillable=True)
    typed = {}
    for day in (1, 2):
        for exercise, reps in (("pull-up", "8"), ("incline-barbell-row", "15")):
            for number in (1, 2, 3):
                stem = f"w01_d{day}_{exercise}_s{number}"
                typed |= {f"{stem}_weight": "40", f"{stem}_reps": reps, f"{stem}_done": "/Yes"}
    typed["w01_d1_pull-up_s2_reps"] = "eight"
    filled = tmp_path / "filled.pdf"
    filled.write_bytes(fill_form(blank.getvalue(), typed))

    page.select_option("#plan", "upper-back")
    page.set_input_files("#filled", str(filled))
    page.click("text=Read it")
    page.wait_for_selector("#logged table")
    assert page.locator("#logged tbody tr").count() == len(pdfgen.read_log(filled).sets)
    assert "eight" in page.inner_text("#logged .problem")
    shoot(request, page.locator("#read").first, "read-back")
    page.click("text=Make the next block from it")
    page.wait_for_selector("#logged h3")
    assert "The next block" in page.inner_text("#logged")
    plan = page.input_value("#own")
    assert plan.startswith("#") and "program: Strengthen the upper back" in plan
    page.click("text=Preview")
    page.wait_for_selector(".thumb img")


def test_a_batch_of_five_rows_with_one_bad_row(
    page: Any, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    import zipfile

    roster = tmp_path / "gym.csv"
    roster.write_text(
        "client,plan,weeks\nAnn,upper-back,2\nBob,middle-back,1\nCy,lower-back,99\n"
        "Dee,upper-back,1\nEd,full-body-beginner,1\n",
        encoding="utf-8",
    )
    page.set_input_files("#roster", str(roster))
    page.click("text=Check the rows")
    page.wait_for_selector("#batch-result table")
    assert "the weeks column must be from 1 to 52, not 99." in page.inner_text("#batch-result")
    page.click("text=Make the 4 booklets")
    page.wait_for_selector("text=Done: 4 booklets made.", timeout=60_000)
    shoot(request, page.locator("#batch").first, "batch")
    with page.expect_download() as download:
        page.click("text=Download the booklets (zip)")
    with zipfile.ZipFile(download.value.path()) as archive:
        names = sorted(n for n in archive.namelist() if n.endswith(".pdf"))
    assert names == [
        "Ann - upper-back.pdf",
        "Bob - middle-back.pdf",
        "Dee - upper-back.pdf",
        "Ed - full-body-beginner.pdf",
    ]
