"""A real headless Chromium for tests, driven over the DevTools protocol on a pipe (no extra
packages: ``--remote-debugging-pipe`` reads commands on fd 3 and answers on fd 4, NUL-separated).

    with Browser() as b:
        page = b.open("file:///tmp/report.html")
        marks = b.evaluate(page, "[...document.querySelectorAll('mark')].map(m => m.textContent)")

``find_chromium()`` gives the reason it is missing, for ``pytest.skip``; under CI (``CI=true``)
the tests fail instead, since .ci/run installs it.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from typing import Any

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-default-apps", "--mute-audio", "--remote-debugging-pipe"]


def find_chromium() -> tuple[str | None, str]:
    """(path, "") or (None, why not)."""
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found, ""
    if os.path.exists("/usr/bin/chromium"):
        return "/usr/bin/chromium", ""
    return None, "no Chromium on this machine (apt-get install -y chromium; .ci/run installs it in CI)"


class Browser:
    def __init__(self, exe: str | None = None, timeout: float = 30.0) -> None:
        self.exe = exe or find_chromium()[0]
        if not self.exe:
            raise RuntimeError(find_chromium()[1])
        self.timeout = timeout
        self._id = 0
        self._buf = b""

    def __enter__(self) -> "Browser":
        self.profile = tempfile.mkdtemp(prefix="factcheck-chromium-")
        import fcntl

        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        # NOTE: copies above fd 10, so that dup2 onto 3 and 4 never meets itself (a dup2 of an fd
        # onto itself is a no-op that leaves it close-on-exec) or clobbers the other end.
        high_r = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD_CLOEXEC, 10)
        high_w = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        to_chrome_r, from_chrome_w = high_r, high_w

        def fds() -> None:  # in the child: its fd 3 reads our commands, fd 4 writes its answers
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        self.proc = subprocess.Popen([self.exe, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     preexec_fn=fds, close_fds=False)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        return self

    def __exit__(self, *exc: Any) -> None:
        try:
            self.send("Browser.close")
        except Exception:  # noqa: BLE001 - closing anyway
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._to_chrome, self._from_chrome):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    # --- protocol -------------------------------------------------------------------------------

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        self._id += 1
        msg: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_chrome, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def _read(self, deadline: float) -> dict[str, Any]:
        import select

        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("Chromium did not answer")
            ready, _, _ = select.select([self._from_chrome], [], [], left)
            if ready:
                chunk = os.read(self._from_chrome, 1 << 16)
                if not chunk:
                    raise RuntimeError("Chromium closed the pipe")
                self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return json.loads(raw)

    # --- pages ----------------------------------------------------------------------------------

    def open(self, url: str) -> str:
        """Open ``url`` in a new tab, wait until it has loaded; returns the session id."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.send("Page.enable", session=session)
        self.send("Page.navigate", {"url": url}, session=session)
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            state = self.evaluate(session, "document.readyState + ' ' + location.href")
            if state.startswith("complete") and not state.endswith("about:blank"):
                return session
            time.sleep(0.05)
        raise TimeoutError(f"{url} did not load")

    def evaluate(self, session: str, expression: str) -> Any:
        got = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True},
                        session=session)
        if "exceptionDetails" in got:
            raise RuntimeError(f"page script failed: {got['exceptionDetails']}")
        return got.get("result", {}).get("value")

    def submit(self, session: str, button: str) -> None:
        """Click the button matching the CSS selector ``button`` and wait for the page it opens
        (a mark left on the old page is gone from the new one)."""
        self.evaluate(session, f"window.__fcOld = true; document.querySelector({json.dumps(button)}).click()")
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            try:
                if self.evaluate(session, "window.__fcOld !== true && document.readyState === 'complete'"):
                    return
            except RuntimeError:  # evaluated while the old page was going
                pass
            time.sleep(0.05)
        raise TimeoutError(f"clicking {button} opened no page")

    def set_files(self, session: str, selector: str, paths: list[str]) -> None:
        """Choose ``paths`` in the file input matching ``selector``, as a person would."""
        root = self.send("DOM.getDocument", {"depth": 0}, session=session)["root"]["nodeId"]
        node = self.send("DOM.querySelector", {"nodeId": root, "selector": selector}, session=session)["nodeId"]
        self.send("DOM.setFileInputFiles", {"nodeId": node, "files": list(paths)}, session=session)

    def download_to(self, folder: str) -> None:
        """Downloads (a response with Content-Disposition: attachment) go to ``folder``."""
        self.send("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": folder})

    def screenshot(self, session: str, path: str, width: int = 1280) -> None:
        """A PNG of the whole page, ``width`` pixels wide, to ``path``."""
        import base64

        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session=session)
        height = int(self.evaluate(session, "document.documentElement.scrollHeight"))
        shot = self.send("Page.captureScreenshot",
                         {"format": "png", "captureBeyondViewport": True,
                          "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}}, session=session)
        with open(path, "wb") as fh:
            fh.write(base64.b64decode(shot["data"]))


def browser_or_skip() -> str:
    """The Chromium for a test: skipped (with the reason) where there is none; under CI
    (``CI=true``, where .ci/run installs it) the test fails instead."""
    import pytest

    exe, why = find_chromium()
    if exe is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"CI must run the browser test: {why}")
        pytest.skip(why)
    return exe
