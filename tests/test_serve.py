"""`attrib serve`: the JSON API and the desk's pages through Starlette's TestClient, the server's
safety (Host, Origin, limits, nothing on disk), the command itself and a clean Ctrl-C.

The browser half (a live `attrib serve` driven by playwright and Debian's chromium) is in
tests/test_serve_browser.py.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

pytest.importorskip("starlette", reason="the [serve] extra is not installed: pip install -e '.[test]'")
pytest.importorskip("uvicorn", reason="the [serve] extra is not installed: pip install -e '.[test]'")
from report_samples import INJECTION, TEMPLATE_PROBE
from starlette.testclient import TestClient
from test_report import sentence_words

from attrib.cli import main
from attrib.config import Resolver
from attrib.pipeline import model_name
from attrib.serve import missing_extra
from attrib.serve.app import create_app
from attrib.serve.desk import Desk
from attrib.serve.server import bind, host_names

pytestmark = [pytest.mark.serve, pytest.mark.model]

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "npr-atacms.txt"
BASE = "http://127.0.0.1:8765"
OWN = host_names("127.0.0.1", 8765, True)
# Our own sentences, in several registers.
STORY = (
    "City Hall Delays Vote\n\n"
    "The council postponed its vote on the transit levy until March, the mayor's office said on Tuesday.\n\n"
    "\u201cWe need more time,\u201d said Councillor Ana Ruiz. A person familiar with the talks said two members "
    "had switched sides.\n\nThe levy would raise $40 million a year.\n"
)


def cli_json(args: list[str], data: bytes) -> tuple[int, str, str]:
    """`attrib audit -f json ... -` on `data`: exit code, stdout, stderr."""
    result = CliRunner().invoke(main, ["audit", "-f", "json", "--no-html", *args, "-"], input=data)
    return result.exit_code, result.stdout, result.stderr


def docx_bytes(*paragraphs: str) -> bytes:
    from docx import Document

    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def start_desk(nlp: Any, config: Any, **options: Any) -> Desk:
    desk = Desk(nlp, config, model=model_name(nlp), **options)
    desk.start()
    return desk


@pytest.fixture(scope="module")
def desk(nlp: Any) -> Iterator[Desk]:
    desk = start_desk(nlp, Resolver(isolated=True).for_path(os.getcwd() + os.sep + "-"), jobs=1)
    yield desk
    desk.close()


@pytest.fixture(scope="module")
def client(desk: Desk) -> TestClient:
    return TestClient(create_app(desk, hosts=OWN), base_url=BASE)


def post_text(client: TestClient, text: str, name: str | None = None, **kwargs: Any) -> Any:
    body = {"text": text} if name is None else {"text": text, "name": name}
    return client.post("/api/audit", json=body, **kwargs)


# --- the API gives what the CLI gives -------------------------------------------------------------


def test_api_json_text_is_the_cli_document(client: TestClient) -> None:
    response = post_text(client, STORY, "council.txt")
    code, stdout, _ = cli_json(["--isolated", "--stdin-filename", "council.txt"], STORY.encode("utf-8"))
    assert response.status_code == 200 and code in (0, 1)
    assert response.headers["content-type"].startswith("application/json")
    assert response.text == stdout  # byte for byte
    assert response.headers["attrib-verdict"] == ("fail" if code == 1 else "pass")


def test_api_file_upload_is_the_cli_document_for_each_reader(client: TestClient) -> None:
    seed = SEED.read_bytes()
    markdown = b"# Levy vote delayed\n\nThe vote was delayed, *officials* said.\n"
    draft = docx_bytes("Levy vote delayed", "The vote was delayed, a council aide said, declining to be named.")
    for name, data in (("npr-atacms.txt", seed), ("levy.md", markdown), ("levy.docx", draft)):
        response = client.post("/api/audit", files={"file": (name, data)})
        _, stdout, _ = cli_json(["--isolated", "--stdin-filename", name], data)
        assert response.status_code == 200, response.text
        assert response.text == stdout, name
        assert json.loads(response.text)["files"][0]["format"] == name.rsplit(".", 1)[1]


def test_api_text_without_a_name_is_stdin(client: TestClient) -> None:
    response = post_text(client, STORY)
    _, stdout, _ = cli_json(["--isolated"], STORY.encode("utf-8"))
    assert response.text == stdout and json.loads(stdout)["files"][0]["path"] == "-"


def test_api_form_text_field_loses_the_browsers_crlf(client: TestClient) -> None:
    crlf = client.post("/api/audit", files={"text": (None, STORY.replace("\n", "\r\n"))})
    assert crlf.status_code == 200 and crlf.text == post_text(client, STORY).text


def test_api_same_input_same_bytes(client: TestClient) -> None:
    assert len({post_text(client, STORY, "a.txt").content for _ in range(3)}) == 1


# --- bad input: the CLI's one-line reasons, 400 and 413 ----------------------------------------------


@pytest.mark.parametrize(
    "name, data",
    [
        ("draft.docx", b"this is not a zip archive"),
        ("story.txt", b"\x00\x01\x02\x03binary\x00\x00" * 20),
        ("empty.txt", "  \n\u200b\n".encode("utf-8")),
    ],
)
def test_api_bad_file_is_400_with_the_cli_reason(client: TestClient, name: str, data: bytes) -> None:
    response = client.post("/api/audit", files={"file": (name, data)})
    code, _, stderr = cli_json(["--isolated", "--stdin-filename", name], data)
    assert code == 2 and response.status_code == 400
    error = response.json()["error"]
    assert stderr == f"attrib: error: {error}\n" and "\n" not in error and error.startswith(f"{name}: ")


def test_api_text_over_max_chars_is_413_with_one_line(client: TestClient) -> None:
    response = post_text(client, "word " * 40_001, "long.txt")  # 200,005 characters
    assert response.status_code == 413
    assert response.json() == {
        "error": "long.txt: too large: 200005 characters (limit 200000; raise it with --max-chars)"
    }


def test_api_body_over_the_upload_limit_is_413_before_it_is_read(desk: Desk) -> None:
    small = TestClient(create_app(desk, hosts=OWN, upload_bytes=1000), base_url=BASE)
    response = small.post("/api/audit", files={"file": ("big.txt", b"x" * 2000)})
    assert response.status_code == 413
    assert response.json() == {"error": "too large: the request is over 1000 bytes (the limit for one upload)"}
    page = small.post("/audits", files={"file": ("big.txt", b"x" * 2000)})
    assert page.status_code == 413 and "over 1000 bytes" in page.text


def test_api_slow_body_is_408(desk: Desk) -> None:
    """A client that trickles its body (slowloris) is cut off after the read limit."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    app = create_app(desk, hosts=OWN, read_seconds=0.2)
    sent: list[dict[str, Any]] = []

    async def trickle() -> dict[str, Any]:
        await asyncio.sleep(1)  # the first byte never comes in time
        return {"type": "http.request", "body": b"{}", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/api/audit",
        "raw_path": b"/api/audit",
        "query_string": b"",
        "headers": [(b"host", b"127.0.0.1:8765"), (b"content-type", b"application/json")],
        "http_version": "1.1",
        "scheme": "http",
        "server": ("127.0.0.1", 8765),
        "root_path": "",
    }
    # A thread of its own: the session's playwright may already run an event loop in this one.
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, app(scope, trickle, send)).result()
    assert sent[0]["status"] == 408
    assert json.loads(sent[1]["body"]) == {"error": "the request body did not arrive within 0.2 s"}


@pytest.mark.parametrize(
    "request_args, status, start",
    [
        ({"content": b"text", "headers": {"content-type": "text/plain"}}, 415, "unsupported content type 'text/plain'"),
        ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 400, "the body is not valid JSON"),
        ({"json": ["a list"]}, 400, "the JSON body must be an object"),
        ({"json": {"txt": "typo"}}, 400, "unknown key 'txt'"),
        ({"json": {"text": 5}}, 400, 'the JSON body needs "text"'),
        ({"files": {"text": (None, "  ")}}, 400, "nothing to audit"),
        ({"files": {"text": (None, STORY), "file": ("a.txt", b"A story.")}}, 400, "send either pasted text or a file"),
        ({"files": {"file": ("a.txt", b"x"), "other": (None, "y")}}, 400, "unknown form field 'other'"),
        ({"json": {"text": STORY, "name": "a" * 300 + ".txt"}}, 400, "name: longer than 255"),
    ],
)
def test_api_malformed_requests_say_why_in_one_line(
    client: TestClient, request_args: dict, status: int, start: str
) -> None:
    response = client.post("/api/audit", **request_args)
    assert response.status_code == status
    error = response.json()["error"]
    assert error.startswith(start) and "\n" not in error


def test_api_name_is_a_bare_name_never_a_path(client: TestClient) -> None:
    response = post_text(client, STORY, "../../etc/passwd.md")
    assert response.status_code == 200
    assert json.loads(response.text)["files"][0]["path"] == "passwd.md"


def test_uploads_never_touch_the_disk(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_disk(self: Any) -> None:
        raise AssertionError("an upload rolled over to a temporary file")

    monkeypatch.setattr(tempfile.SpooledTemporaryFile, "rollover", no_disk)
    big = b"A council aide said the vote slipped.\n" * 60_000  # 2.3 MB: past Starlette's 1 MB spool
    response = client.post("/api/audit", files={"file": ("big.txt", big)})
    assert response.status_code == 413 and "too large" in response.json()["error"]


# --- limits on time and load, and a worker that dies ---------------------------------------------------


def test_slow_audit_is_504_and_busy_desk_is_503(
    client: TestClient, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(desk, "timeout", 0.001)
    slow = post_text(client, STORY, "slow.txt")
    assert (
        slow.status_code == 504 and slow.json()["error"] == "slow.txt: not audited: the audit took longer than 0.001 s"
    )
    monkeypatch.setattr(desk, "queue_limit", 0)
    busy = post_text(client, STORY, "busy.txt")
    assert busy.status_code == 503 and busy.json()["error"].startswith("busy.txt: not audited: 0 audits are waiting")


def test_a_dead_worker_is_500_and_the_desk_recovers(client: TestClient) -> None:
    assert post_text(client, STORY).status_code == 200
    workers = multiprocessing.active_children()
    assert workers
    for worker in workers:
        worker.kill()
        worker.join()
    dead = post_text(client, STORY, "story.txt")
    assert dead.status_code == 500 and dead.json()["error"] == "story.txt: cannot audit: a worker process died"
    assert post_text(client, STORY).status_code == 200


# --- Host and Origin -----------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["evil.example:8765", "evil.example", "127.0.0.1:9999", "127.0.0.1.nip.io:8765"])
def test_dns_rebinding_foreign_host_is_refused(client: TestClient, host: str) -> None:
    for response in (
        client.get("/", headers={"host": host}),
        post_text(client, STORY, headers={"host": host}),
        client.get("/api/info", headers={"host": host}),
    ):
        assert response.status_code == 403
        assert response.text.startswith(f"refused: Host {host!r} does not name this server")
        assert response.text.count("\n") == 1


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "LOCALHOST:8765", "[::1]:8765"])
def test_own_host_names_pass(client: TestClient, host: str) -> None:
    assert client.get("/", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("origin", ["http://evil.example", "http://localhost:3000", "null", "http://127.0.0.1:8766"])
def test_cross_site_post_is_refused(client: TestClient, origin: str) -> None:
    api = post_text(client, STORY, headers={"origin": origin})
    form = client.post("/audits", files={"text": (None, STORY)}, headers={"origin": origin}, follow_redirects=False)
    for response in (api, form):
        assert response.status_code == 403
        assert response.text == f"refused: a request from {origin!r}, which is not this server's page\n"


def test_same_origin_post_passes(client: TestClient) -> None:
    assert post_text(client, STORY, headers={"origin": "http://127.0.0.1:8765"}).status_code == 200
    assert (
        post_text(client, STORY, headers={"origin": "http://localhost:8765", "host": "localhost:8765"}).status_code
        == 200
    )


def test_cross_site_embedding_without_origin_is_refused(client: TestClient) -> None:
    """An <img> or <script> on another site pointed at the desk: no Origin, but fetch metadata says cross-site."""
    for mode in ("no-cors", "cors"):
        response = client.get("/api/info", headers={"sec-fetch-site": "cross-site", "sec-fetch-mode": mode})
        assert response.status_code == 403 and response.text == "refused: a cross-site request from another page\n"
    posted = post_text(client, STORY, headers={"sec-fetch-site": "same-site", "sec-fetch-mode": "navigate"})
    assert posted.status_code == 403
    # A link from elsewhere may still open the desk itself.
    assert client.get("/", headers={"sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate"}).status_code == 200


def test_allow_origin_lets_a_cms_call_the_api_with_cors(desk: Desk) -> None:
    cms = TestClient(create_app(desk, hosts=OWN, allow_origins=["https://cms.example.org"]), base_url=BASE)
    origin = {"origin": "https://cms.example.org"}
    preflight = cms.options(
        "/api/audit",
        headers={**origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type"},
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://cms.example.org"
    response = post_text(cms, STORY, headers=origin)
    assert response.status_code == 200 and response.headers["access-control-allow-origin"] == "https://cms.example.org"
    assert post_text(cms, STORY, headers={"origin": "https://other.example.org"}).status_code == 403


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for response in (
        client.get("/"),
        post_text(client, STORY),
        client.get("/", headers={"host": "evil:1"}),
        client.get("/static/desk.js"),
    ):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["cache-control"] == "no-store"
        assert response.headers["cross-origin-resource-policy"] == "same-origin"
    assert "frame-ancestors 'none'" in client.get("/").headers["content-security-policy"]


# --- the desk's pages ----------------------------------------------------------------------------------


def submit(client: TestClient, **files: Any) -> Any:
    return client.post("/audits", files=files, follow_redirects=False)


def test_desk_form_audits_and_keeps_the_history(client: TestClient, desk: Desk) -> None:
    home = client.get("/")
    assert home.status_code == 200 and 'action="/audits"' in home.text and 'name="file"' in home.text
    response = submit(client, text=(None, STORY.replace("\n", "\r\n")), name=(None, "council.txt"))
    assert response.status_code == 303
    page_url = response.headers["location"]
    assert re.fullmatch(r"/audits/[A-Za-z0-9_-]{16}", page_url)
    page = client.get(page_url)
    entry = desk.history[page_url.rsplit("/", 1)[1]]
    assert f'data-verdict="{entry.outcome.verdict}"' in page.text and "the house policy" in page.text
    assert f'src="{page_url}/report"' in page.text
    # the JSON download is the API's document for the same text
    download = client.get(f"{page_url}/audit.json")
    assert download.headers["content-disposition"] == 'attachment; filename="council-attrib.json"'
    assert download.text == post_text(client, STORY, "council.txt").text
    # the report is the CLI's page, allowed to run its own script and nothing else
    report = client.get(f"{page_url}/report")
    from attrib.outputs.html import render_html
    from attrib.records import ArticleAudit

    audit = ArticleAudit.from_dict(json.loads(download.text)["files"][0])
    assert report.text == render_html(audit, desk.config.fail_policy())
    unnamed = submit(client, text=(None, STORY)).headers["location"]  # unnamed pasted text: no reviewed copy
    assert 'id="download-reviewed"' not in client.get(unnamed).text
    assert client.get(f"{unnamed}/reviewed").status_code == 404
    policy = report.headers["content-security-policy"]
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]{44}'; ", policy) and "sandbox allow-scripts" in policy
    assert "connect-src" not in policy and "default-src 'none'" in policy
    assert page_url.rsplit("/", 1)[1] in client.get("/").text  # listed in the history


@pytest.mark.parametrize(
    "name, data",
    [
        ("ferry.docx", docx_bytes("Ferry service to end", "The ferry will stop in May, a port official said.")),
        ("ferry.md", b"# Ferry service to end\n\nThe ferry will stop in May, a port official said.\n"),
        ("ferry.txt", b"The ferry will stop in May, a port official said.\n"),
    ],
)
def test_desk_reviewed_copy_is_what_attrib_annotate_writes(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, data: bytes
) -> None:
    page_url = submit(client, file=(name, data)).headers["location"]
    page = client.get(page_url).text
    assert 'id="download-reviewed"' in page and f"(.{name.rsplit('.', 1)[1]}, a note" in page
    reviewed = client.get(f"{page_url}/reviewed")
    assert reviewed.headers["content-disposition"] == f'attachment; filename="ferry.attrib.{name.rsplit(".", 1)[1]}"'
    monkeypatch.chdir(tmp_path)
    Path(name).write_bytes(data)
    result = CliRunner().invoke(main, ["annotate", "--isolated", name, "-o", "copy"])
    assert result.exit_code == 0, result.output
    assert reviewed.content == Path("copy").read_bytes()
    # the copy dropped again: attrib's old notes are replaced, as a rerun of annotate does
    again = client.get(submit(client, file=(name, reviewed.content)).headers["location"] + "/reviewed")
    assert again.content == reviewed.content


def test_desk_refusal_keeps_the_pasted_text(client: TestClient) -> None:
    response = submit(client, text=(None, "word " * 40_001))
    assert response.status_code == 413
    assert "too large: 200005 characters" in response.text and response.text.count("word ") > 40_000


def test_desk_unknown_audit_is_404(client: TestClient) -> None:
    response = client.get("/audits/nosuchaudit")
    assert response.status_code == 404 and "no such audit" in response.text
    assert client.get("/audits/nosuchaudit/audit.json").status_code == 404


def test_desk_history_is_bounded(nlp: Any) -> None:
    desk = Desk(nlp, Resolver(isolated=True).for_path("-"), model="m", history_size=2)
    from attrib.serve.desk import Outcome

    ids = [desk.remember(f"{n}.txt", Outcome(status=200)).id for n in range(3)]
    assert list(desk.history) == ids[1:] and [e.id for e in desk.recent()] == ids[:0:-1]


def test_desk_escapes_article_text_and_names(client: TestClient) -> None:
    text = f"{INJECTION} {TEMPLATE_PROBE} An official said the {INJECTION} plan failed.\n"
    response = submit(client, text=(None, text), name=(None, "<img src=x onerror=alert(2)>.txt"))
    page = client.get(response.headers["location"]).text
    home = client.get("/").text
    for html in (page, home):
        assert "<img" not in html and "</script><" not in html
        assert "&lt;img src=x onerror=alert(2)&gt;.txt" in html  # the name, in the history
        assert "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; {{ 7*7 }}" in html  # the preview, as written


def test_house_rules_from_config_apply(nlp: Any, tmp_path: Path, client: TestClient) -> None:
    other = client
    config_file = tmp_path / "attrib.toml"
    config_file.write_text('fail-level = "warning"\n[vocab]\noutlets = ["the Harbour Gazette"]\n', encoding="utf-8")
    config = Resolver(config=str(config_file)).for_path(str(tmp_path / "-"))
    from attrib.pipeline import load_nlp

    house = start_desk(load_nlp(config.model, config.vocab_items()), config)
    try:
        client = TestClient(create_app(house, hosts=OWN), base_url=BASE)
        text = "The ferry will stop running in May, the Harbour Gazette reported.\n"
        response = post_text(client, text, "ferry.txt")
        _, stdout, _ = cli_json(["--config", str(config_file), "--stdin-filename", "ferry.txt"], text.encode())
        assert response.text == stdout
        assert json.loads(stdout)["files"][0]["sentences"][0]["label"] == "publication"
        info = client.get("/api/info").json()
        assert info["config"] == str(config_file) and info["fail_level"] == "warning"
    finally:
        house.close()
    assert post_text(other, STORY).status_code == 200  # closing one desk leaves another's workers alone


# --- the command ---------------------------------------------------------------------------------------


def test_serve_without_the_extra_exits_2_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    assert missing_extra() == (
        "attrib serve needs uvicorn, which is not installed; install the serve extra with: pip install 'attrib[serve]'"
    )
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2
    assert result.stderr == f"attrib: error: {missing_extra()}\n"


def test_serve_refuses_a_remote_host_without_allow_remote() -> None:
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--port", "0"])
    assert result.exit_code == 2
    assert result.stderr.startswith("attrib: error: --host 0.0.0.0 is reachable from other machines")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("origin", ["*", "cms.example.org", "https://cms.example.org/path", "https://*.example.org"])
def test_serve_allow_origin_takes_one_origin_not_a_wildcard(origin: str) -> None:
    result = CliRunner().invoke(main, ["serve", "--isolated", "--port", "0", "--allow-origin", origin])
    assert result.exit_code == 2
    assert result.stderr == (
        f"attrib: error: --allow-origin {origin!r}: expected an origin such as https://cms.example.org\n"
    )


def test_serve_port_in_use_and_bad_config_are_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--isolated", "--port", str(port)])
    assert result.exit_code == 2
    assert result.stderr == f"attrib: error: 127.0.0.1:{port}: cannot listen: address already in use\n"
    bad = tmp_path / "bad.toml"
    bad.write_text("fail-level = 'loud'\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", "--config", str(bad), "--port", "0"])
    assert result.exit_code == 2 and "fail-level must be one of" in result.stderr and result.stderr.count("\n") == 1


def test_bind_names_the_server_by_its_own_hosts() -> None:
    local = bind("127.0.0.1", 0, allow_remote=False)
    try:
        assert local.loopback and local.hosts == frozenset(
            f"{n}:{local.port}" for n in ("127.0.0.1", "localhost", "[::1]")
        )
    finally:
        local.sock.close()
    wide = bind("0.0.0.0", 0, allow_remote=True)
    try:
        assert not wide.loopback and f"127.0.0.1:{wide.port}" in wide.hosts
        assert f"{socket.gethostname().lower()}:{wide.port}" in wide.hosts
    finally:
        wide.sock.close()


def test_serve_loads_the_model_once_and_warns_for_a_remote_host(monkeypatch: pytest.MonkeyPatch) -> None:
    import attrib.pipeline
    import attrib.serve.server

    loads: list[Any] = []
    real_load = attrib.pipeline.load_nlp
    monkeypatch.setattr(attrib.pipeline, "load_nlp", lambda *a: loads.append(a) or real_load(*a))
    statuses: list[int] = []

    def fake_serve(app: Any, binding: Any, **options: Any) -> None:
        options["on_ready"]()
        client = TestClient(app, base_url=f"http://127.0.0.1:{binding.port}")
        statuses.extend(post_text(client, STORY).status_code for _ in range(3))

    monkeypatch.setattr(attrib.serve.server, "serve", fake_serve)
    result = CliRunner().invoke(main, ["serve", "--isolated", "--host", "0.0.0.0", "--port", "0", "--allow-remote"])
    assert result.exit_code == 0, result.output
    assert statuses == [200, 200, 200] and len(loads) == 1
    assert "attrib serve: warning: http://0.0.0.0:" in result.stderr and "no login" in result.stderr
    assert re.search(r"review desk on http://0\.0\.0\.0:\d+/", result.stdout)


def start_server(*args: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """`python -m attrib serve --port 0 ARGS` in a subprocess, and its address once it is ready."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1", **(env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "attrib", "serve", "--port", "0", "--isolated", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert process.stdout is not None
    line = process.stdout.readline()  # blocks until the desk is ready (or the process ended)
    match = re.search(r"on (http://127\.0\.0\.1:\d+/)", line)
    if not match:
        process.kill()
        raise AssertionError(f"no ready line: {line!r} {process.communicate()}")
    return process, match.group(1)


def test_ctrl_c_stops_cleanly_and_frees_the_port(tmp_path: Path) -> None:
    opened = tmp_path / "opened.txt"
    # --open: Python's webbrowser runs $BROWSER with the address in place of %s
    browser_command = f"{sys.executable} -c \"import sys; open(sys.argv[1], 'w').write(sys.argv[2])\" {opened} %s"
    process, url = start_server("-j", "2", "--open", env={"BROWSER": browser_command})
    port = int(url.rsplit(":", 1)[1].strip("/"))
    try:
        request = urllib.request.Request(
            url + "api/audit", data=json.dumps({"text": STORY}).encode(), headers={"content-type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status == 200
        with socket.create_connection(("127.0.0.1", port)) as half:  # a client that gives up mid-body
            half.sendall(
                f"POST /api/audit HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
                'Content-Length: 1000\r\n\r\n{"text": '.encode()
            )
        time.sleep(0.5)
        workers = [pid for pid in _children_of(process.pid) if _command(pid) == _command(str(process.pid))]
        assert len(workers) == 2
        assert opened.read_text(encoding="utf-8") == url
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr and "Traceback" not in stdout
    assert stderr.strip().splitlines()[-1] == "attrib serve: stopped"
    with socket.socket() as again:  # the port is free again at once
        again.bind(("127.0.0.1", port))
    assert not [pid for pid in workers if _alive(pid)]  # the workers went with it


def _stat(pid: str) -> list[str] | None:
    try:
        return (Path("/proc") / pid / "stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _command(pid: str) -> bytes:
    try:
        return (Path("/proc") / pid / "cmdline").read_bytes()
    except OSError:
        return b""


def _alive(pid: str) -> bool:
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


def _children_of(pid: int) -> list[str]:
    """Live processes whose parent is `pid` (the desk's workers)."""
    return [
        entry.name
        for entry in Path("/proc").iterdir()
        if entry.name.isdigit() and (fields := _stat(entry.name)) and fields[1] == str(pid) and fields[0] != "Z"
    ]


# --- in the browser: a live `attrib serve`, headless Chromium ----------------------------------------------


@pytest.fixture(scope="module")
def live() -> Iterator[str]:
    process, url = start_server("-j", "2")
    yield url
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=30)


@dataclass
class Tab:
    """A desk page and everything it reported while open."""

    page: Any
    base: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def report(self) -> Any:
        return self.page.frame_locator("#report")

    def assert_quiet(self) -> None:
        assert self.console_errors == [] and self.page_errors == [] and self.dialogs == []
        assert self.requests and all(url.startswith(self.base) for url in self.requests), self.requests


@contextmanager
def desk_tab(browser: Any, base: str) -> Iterator[Tab]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1200, "height": 900})
    try:
        page = context.new_page()
        tab = Tab(page, base)
        context.on("request", lambda request: tab.requests.append(request.url))
        page.on("console", lambda m: tab.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: tab.page_errors.append(str(error)))

        def on_dialog(dialog: Any) -> None:
            tab.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(base)
        yield tab
    finally:
        context.close()


def api(base: str, **fields: Any) -> tuple[str, str]:
    """POST /api/audit on the live desk (multipart, as a CMS would): the document and the verdict."""
    import httpx2

    response = httpx2.post(base + "api/audit", files=fields, timeout=60)
    assert response.status_code == 200, response.text
    return response.text, response.headers["attrib-verdict"]


def audited(tab: Tab) -> Any:
    """Submit the form, wait for the audit's page; return the report's frame."""
    tab.page.click("#submit")
    tab.page.wait_for_url(re.compile(r"/audits/[A-Za-z0-9_-]+$"))
    tab.report().locator(".article").wait_for()
    return next(f for f in tab.page.frames if f.url.endswith("/report"))


@pytest.mark.browser
def test_browser_paste_a_seed_shows_verdict_and_badges(browser: Any, live: str) -> None:
    seed = SEED.read_text(encoding="utf-8")
    document, verdict = api(live, text=(None, seed))
    sentences = json.loads(document)["files"][0]["sentences"]
    with desk_tab(browser, live) as tab:
        tab.page.fill("#text", seed)
        frame = audited(tab)
        assert tab.page.inner_text("#verdict") == ("Passes" if verdict == "pass" else "Fails") + " the house policy"
        badges = tab.report().locator(".article .sent > .badge")
        assert badges.count() == len(sentences)
        assert badges.all_inner_texts() == [
            tab.report().locator(f"#s{s['index']} > .badge").inner_text() for s in sentences
        ]
        assert [sentence_words(frame, s["index"]) for s in sentences] == [s["text"] for s in sentences]
        # the report's own script ran under the page's Content-Security-Policy
        assert frame.evaluate("document.documentElement.classList.contains('js')")
        tab.page.goto(live)  # the audit is in this session's history
        assert tab.page.locator(".history-list li").first.inner_text().startswith(sentences[0]["text"][:20])
        tab.assert_quiet()


@pytest.mark.browser
def test_browser_drop_a_docx_and_download_the_json(browser: Any, live: str) -> None:
    import base64

    draft = docx_bytes(
        "Ferry service to end",
        "The ferry will stop running in May, a port official said, "
        "speaking on condition of anonymity because the plan is not public.",
    )
    with desk_tab(browser, live) as tab:
        assert not tab.page.is_visible("#file-clear") and not tab.page.is_visible("#file-chosen")
        transfer = tab.page.evaluate_handle(
            """([b64, name]) => {
                const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], name));
                return transfer;
            }""",
            [base64.b64encode(draft).decode("ascii"), "ferry.docx"],
        )
        tab.page.dispatch_event("#drop", "drop", {"dataTransfer": transfer})
        assert "ferry.docx" in tab.page.inner_text("#file-chosen")
        assert tab.page.is_disabled("#text") and tab.page.is_visible("#file-clear")
        frame = audited(tab)
        assert sentence_words(frame, 1).startswith("The ferry will stop running in May, a port official said")
        with tab.page.expect_download() as download:
            tab.page.click("#download-json")
        assert download.value.suggested_filename == "ferry-attrib.json"
        saved = Path(download.value.path()).read_text(encoding="utf-8")
        assert saved == api(live, file=("ferry.docx", draft))[0]
        assert json.loads(saved)["files"][0]["format"] == "docx"
        with tab.page.expect_download() as download:
            tab.page.click("#download-reviewed")
        assert download.value.suggested_filename == "ferry.attrib.docx"
        with zipfile.ZipFile(download.value.path()) as reviewed:  # Word comments by "attrib", one per finding
            comments = reviewed.read("word/comments.xml").decode("utf-8")
        findings = json.loads(saved)["files"][0]["findings"]
        assert comments.count('w:author="attrib"') == 1 + len(findings) and findings
        tab.assert_quiet()


@pytest.mark.browser
def test_browser_injection_sample_stays_inert(browser: Any, live: str) -> None:
    evil_name = "<img src=x onerror=alert(2)>.txt"
    text = f"{INJECTION} {TEMPLATE_PROBE} An official said the {INJECTION} plan failed.\n"
    with desk_tab(browser, live) as tab:
        tab.page.fill("#text", text)
        tab.page.fill("#name", evil_name)
        frame = audited(tab)
        tab.page.wait_for_timeout(200)  # give an injected handler every chance to fire
        report = tab.report()
        assert tab.page.locator("img").count() == 0 and report.locator("img").count() == 0
        assert sentence_words(frame, 0).startswith(f"{INJECTION} {TEMPLATE_PROBE} An official said")
        assert frame.evaluate("document.querySelectorAll('[onerror], [onload], [onclick]').length") == 0
        assert evil_name in tab.page.inner_text(".facts")
        tab.page.goto(live)
        assert evil_name in tab.page.inner_text(".history-list")
        assert tab.page.locator("img").count() == 0
        tab.assert_quiet()


@pytest.mark.browser
def test_browser_refusal_is_one_line_and_keeps_the_text(browser: Any, live: str) -> None:
    with desk_tab(browser, live) as tab:
        tab.page.click("#submit")  # nothing pasted
        assert tab.page.inner_text("#error") == "nothing to audit: paste the story or choose a file"
        tab.page.fill("#text", "\u200b\u200b")
        tab.page.click("#submit")
        assert tab.page.inner_text("#error") == "-: empty file (no text to audit)"
        assert tab.page.input_value("#text") == "\u200b\u200b"
        # Chromium logs the page's own 400 status; nothing else may be logged.
        status_line = "Failed to load resource: the server responded with a status of 400 (Bad Request)"
        assert tab.console_errors == [status_line] * 2
        tab.console_errors.clear()
        tab.assert_quiet()
