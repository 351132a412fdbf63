"""Fixtures for the browser suite: sites built by the real `digest` binary,
served by a plain static server (`static_server.py`, Python's http.server
with GitHub Pages' 404 rule) under a sub-path, and headless Chromium."""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[2]
BINARY = ROOT / ".build" / "debug" / "digest"
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1795305600")


def build(out, *extra):
    subprocess.run([str(BINARY), "build", "--out", str(out), *extra], cwd=ROOT, env=ENV, check=True,
                   capture_output=True)


@pytest.fixture(scope="session")
def served():
    """Builds the seed site at /lab/digest/ and the hostile fixture at /xss/, and serves both."""
    if not BINARY.exists():
        pytest.fail(f"{BINARY} is missing: run `swift build` first (scripts/test does)")
    top = Path(tempfile.mkdtemp(prefix="digest-browser-"))
    # The lab's Content/ with short pages, so the seed site has pagers to test.
    content = top / "content"
    shutil.copytree(ROOT / "Content", content)
    text = (content / "config.yaml").read_text(encoding="utf-8").replace("page_size: 50", "page_size: 10")
    (content / "config.yaml").write_text(text, encoding="utf-8")
    build(top / "lab" / "digest", "--content", str(content), "--base-url", "http://127.0.0.1/lab/digest/")
    fixture = ROOT / "Tests" / "DigestCoreTests" / "Fixtures" / "golden"
    build(top / "xss", "--seeds", str(fixture / "seeds"), "--content", str(fixture / "Content"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # A plain static server, which answers missing URLs with the site's
    # 404.html as GitHub Pages does.
    server = subprocess.Popen([sys.executable, str(Path(__file__).parent / "static_server.py"), str(port), str(top)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/lab/digest/", timeout=1)
            break
        except OSError:
            time.sleep(0.05)
    yield {"base": base, "dir": top}
    server.terminate()
    server.wait(timeout=10)
    shutil.rmtree(top, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,900"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()
