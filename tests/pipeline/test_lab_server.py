"""`make lab` as a server, without a browser: it starts (as root too), serves the project root, and starts the
project's kernel over local sockets with no transport warning. The UI test that drives Lab is `make lab-test`."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from helpers.inputs.config import PROJECT_ROOT

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _call(url: str, method: str = "GET", body: dict | None = None) -> object:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as answer:  # noqa: S310 - our own server on loopback
        text = answer.read().decode()
    return json.loads(text) if text else None


def _until(check, seconds: float):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            found = check()
            if found:
                return found
        except OSError:
            pass
        time.sleep(1)
    raise TimeoutError(f"nothing within {seconds} s")


def _run_code(port: int, kernel_id: str, code: str) -> str:
    """Run ``code`` in the kernel through Lab's websocket, as a notebook does; return what it printed."""
    import uuid

    import websocket

    ws = websocket.create_connection(f"ws://127.0.0.1:{port}/api/kernels/{kernel_id}/channels", timeout=120)
    msg_id = uuid.uuid4().hex
    header = {"msg_id": msg_id, "username": "test", "session": uuid.uuid4().hex, "msg_type": "execute_request",
              "version": "5.3", "date": ""}
    content = {"code": code, "silent": False, "store_history": False, "user_expressions": {}, "allow_stdin": False,
               "stop_on_error": True}
    ws.send(json.dumps({"header": header, "parent_header": {}, "metadata": {}, "content": content,
                        "channel": "shell", "buffers": []}))
    printed, replied, idle = "", False, False
    try:
        while not (replied and idle):  # the reply and the end of its output come on two channels, in any order
            msg = json.loads(ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream":
                printed += msg["content"]["text"]
            if msg["msg_type"] == "error":
                raise AssertionError(f"{msg['content']['ename']}: {msg['content']['evalue']}")
            replied = replied or msg["msg_type"] == "execute_reply"
            idle = idle or (msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle")
    finally:
        ws.close()
    return printed


def test_make_lab_serves_the_project_root_and_starts_a_quiet_kernel(tmp_path):
    port = _free_port()
    args = ("--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.token= --ServerApp.password= "
            "--ServerApp.disable_check_xsrf=True")
    log = tmp_path / "lab.log"
    with log.open("wb") as sink:
        proc = subprocess.Popen(["make", "-s", "lab", f"PORT={port}", f"ARGS={args}"], cwd=PROJECT_ROOT,
                                stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _until(lambda: _call(f"{base}/api/status"), 180)
        top = {item["name"] for item in _call(f"{base}/api/contents")["content"]}
        assert {"README.md", "notebooks", "studies", "seeds"} <= top  # Lab opens at the project root
        kernel = _call(f"{base}/api/kernels", "POST", {"name": "python3"})
        assert _run_code(port, kernel["id"], "import helpers; print('refract', 6 * 7)") == "refract 42\n"
        _call(f"{base}/api/kernels/{kernel['id']}", "DELETE")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "without encryption" not in text
