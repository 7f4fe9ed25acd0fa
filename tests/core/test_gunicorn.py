"""Gunicorn's settings (`jiangmen_edu/gunicorn.conf.py`) are the ones docs/deployment.md states,
gunicorn accepts them and loads the app, and a server started with them serves the login page."""

import multiprocessing
import os
import re
import runpy
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CONFIG = ROOT / "jiangmen_edu" / "gunicorn.conf.py"
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
# A row of the settings table: | `name` | `value` | why |
ROW = re.compile(r"^\| `(\w+)` \| `([^`]+)` \|", re.MULTILINE)


def documented() -> dict[str, str]:
    text = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    section = text[text.index('<a id="gunicorn"></a>') :]
    return dict(ROW.findall(section))


def configured(environ: dict[str, str] | None = None) -> dict[str, object]:
    """The settings the file defines, read as gunicorn reads it (Python, top to bottom)."""
    saved = os.environ.copy()
    try:
        for name in ("WEB_CONCURRENCY", "GUNICORN_BIND", "FORWARDED_ALLOW_IPS"):
            os.environ.pop(name, None)
        os.environ.update(environ or {})
        values = runpy.run_path(str(CONFIG))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return {
        name: value
        for name, value in values.items()
        if not name.startswith("_") and not isinstance(value, type(os))
    }


def test_the_file_holds_what_the_deployment_guide_says():
    config, doc = configured(), documented()
    assert set(config) == set(doc)
    assert config.pop("workers") == 2 * multiprocessing.cpu_count() + 1
    assert doc.pop("workers") == "2 × cores + 1"
    if not os.path.isdir("/dev/shm"):
        assert config.pop("worker_tmp_dir") is None
        doc.pop("worker_tmp_dir")
    assert {name: str(value) for name, value in config.items()} == doc


def test_the_environment_overrides_what_the_guide_says_it_does():
    config = configured(
        {
            "WEB_CONCURRENCY": "3",
            "GUNICORN_BIND": "127.0.0.1:9000",
            "FORWARDED_ALLOW_IPS": "10.0.0.5",
        }
    )
    assert (config["workers"], config["bind"], config["forwarded_allow_ips"]) == (
        3,
        "127.0.0.1:9000",
        "10.0.0.5",
    )


def test_gunicorn_accepts_every_setting():
    from gunicorn.config import Config

    gunicorn = Config()
    for name, value in configured().items():
        gunicorn.set(name, value)  # an unknown name or an invalid value raises
    assert gunicorn.worker_class_str == "sync"
    # The timeout covers the import's sandboxed reader (READER_SECONDS + 5) with room to spare.
    from jiangmen_edu.imports.workbook import READER_SECONDS

    assert gunicorn.timeout >= 2 * (READER_SECONDS + 5)


def server_environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "jiangmen_edu.settings_test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "WEB_CONCURRENCY": "1",
        **extra,
    }


def test_check_config_loads_the_app(tmp_path):
    checked = subprocess.run(
        [GUNICORN, "-c", str(CONFIG), "--check-config"],
        cwd=ROOT,
        env=server_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_server_started_with_it_serves_the_login_page(tmp_path):
    """On SQLite with the test settings: the login page needs no table."""
    port = free_port()
    server = subprocess.Popen(
        [GUNICORN, "-c", str(CONFIG)],
        cwd=ROOT,
        env=server_environment(tmp_path, GUNICORN_BIND=f"127.0.0.1:{port}"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/accounts/login/", timeout=10
                )
                break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("gunicorn did not start")
                time.sleep(0.2)
        with response:
            assert response.status == 200
            assert 'name="password"' in response.read().decode()
            assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    finally:
        server.terminate()
        try:
            output = server.communicate(timeout=30)[0]
        except subprocess.TimeoutExpired:
            server.kill()
            output = server.communicate()[0]
    assert '"GET /accounts/login/ HTTP/1.1" 200' in output, output
    assert server.returncode == 0, output
