"""`pdfgen serve` as a trainer runs it: it prints its address, answers there, warns when it
listens beyond this machine, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("uvicorn", reason="the serve extra (uvicorn) is not installed")

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(*args: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "pdfgen", "serve", "--no-browser", *args]
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV
    )


def wait_for(url: str) -> bytes:
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                return bytes(answer.read())
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_serve_answers_at_its_address_and_stops_on_ctrl_c() -> None:
    port = free_port()
    server = start("--port", str(port))
    try:
        plans = json.loads(wait_for(f"http://127.0.0.1:{port}/api/plans"))
        assert "upper-back" in {plan["id"] for plan in plans}
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=20)
    finally:
        server.kill()
    assert f"pdfgen is serving http://127.0.0.1:{port}/" in out
    assert server.returncode == 0, err
    assert "Traceback" not in err


def test_a_wider_host_is_warned_of() -> None:
    port = free_port()
    server = start("--host", "0.0.0.0", "--port", str(port))
    try:
        wait_for(f"http://127.0.0.1:{port}/api/plans")
        # Another machine on the network names this one; a rebound name is still refused.
        own = status(port, f"{socket.gethostname()}:{port}")
        rebound = status(port, f"attacker.example:{port}")
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=20)
    finally:
        server.kill()
    assert f"warning: listening on 0.0.0.0: anyone who can reach this machine on port {port}" in err
    assert (own, rebound) == (200, 403)


def status(port: int, host: str) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/plans", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as refused:
        return int(refused.code)
