"""The review desk's routes on Starlette: the pages, the downloads and `POST /api/audit`.

Pages (templates/desk.html.j2, desk.css, desk.js) work without JavaScript: a
form posts the pasted text or the file to `/audits`, which answers with a
redirect to the audit's page. That page shows the verdict and frames the
report the CLI writes (`render_html`, the same template), served with a
Content-Security-Policy that runs only the template's own script.

`POST /api/audit` takes JSON (`{"text": ..., "name": ...}`) or multipart form
data (`file` or `text`, optional `name`) and answers with the `attrib audit -f
json` document, or `{"error": "one line"}` with a 4xx/5xx status.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
from collections.abc import AsyncGenerator, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Route

from attrib import __version__
from attrib.errors import first_line
from attrib.inputs import EXTENSIONS, limits
from attrib.outputs.html import template_dir
from attrib.serve.desk import Desk, Entry, Outcome, reviewed_suffix
from attrib.serve.guard import Guard

DESK_TEMPLATE = "desk.html.j2"
ASSETS = {"desk.css": "text/css; charset=utf-8", "desk.js": "text/javascript; charset=utf-8"}
# The largest request body read: the largest file a reader accepts (a .docx with its
# photos, `limits.DOCX_MAX_BYTES`) and room for the form around it.
UPLOAD_BYTES = limits.DOCX_MAX_BYTES + 1024 * 1024
# Seconds a client may take to send its request body.
READ_SECONDS = 60.0
# A file name longer than this is not a file name.
NAME_CHARS = 255
PASTED = "-"  # the name of pasted text, as stdin is named by `attrib audit -`

DESK_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
DATA_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox"
# Only the Word copy gets its own type: a text copy keeps the draft's encoding, which a charset could misstate.
REVIEWED_TYPES = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


class Refusal(Exception):
    """A request the desk will not audit: an HTTP status and one line saying why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(status, message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Upload:
    """What a request asks to audit: the bytes, the name that picks their reader, and whether it was pasted."""

    data: bytes
    name: str
    pasted: bool = False


class _InMemoryParser(MultiPartParser):
    # Never spool an upload to a temporary file: the body is already in memory and capped.
    spool_max_size = sys.maxsize


async def _replay(body: bytes) -> AsyncGenerator[bytes, None]:
    yield body


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused (413) as soon as it is known to pass `limit` bytes."""
    too_large = Refusal(413, f"too large: the request is over {limit} bytes (the limit for one upload)")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def clean_name(raw: str, *, field: str = "name") -> str:
    """A client's file name as a bare name: folders dropped, one line, not too long.

    The name only labels the audit and picks the reader by its extension; it is never opened.
    """
    name = PureWindowsPath(PurePosixPath(raw.strip()).name).name.strip()
    if len(name) > NAME_CHARS:
        raise Refusal(400, f"{field}: longer than {NAME_CHARS} characters")
    if any(not char.isprintable() for char in name):
        raise Refusal(400, f"{field}: has control characters")
    return name or PASTED


async def read_upload(request: Request, *, limit: int = UPLOAD_BYTES, seconds: float = READ_SECONDS) -> Upload:
    """Turn a JSON or multipart request into the bytes to audit.

    Raises:
        Refusal: 415 for another content type, 413 for a body over `limit`, 408 for a body
            slower than `seconds`, 400 for a malformed request or nothing (or too much) to audit.
    """
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in ("application/json", "multipart/form-data"):
        raise Refusal(
            415,
            f"unsupported content type {kind or 'none'!r}: send application/json "
            '({"text": ...}) or multipart/form-data (a file or a text field)',
        )
    try:
        body = await asyncio.wait_for(read_body(request, limit), seconds)
    except TimeoutError:
        raise Refusal(408, f"the request body did not arrive within {seconds:g} s") from None
    except ClientDisconnect:  # nobody is left to answer; one line instead of a traceback in the log
        raise Refusal(400, "the client closed the connection before sending the whole request") from None
    if kind == "application/json":
        return _json_upload(body)
    try:
        form = await _InMemoryParser(
            request.headers, _replay(body), max_files=1, max_fields=2, max_part_size=limit
        ).parse()
    except MultiPartException as err:
        raise Refusal(400, f"malformed form data: {err.message}") from None
    unknown = sorted(set(form.keys()) - {"file", "text", "name"})
    if unknown:
        raise Refusal(400, f"unknown form field {unknown[0]!r} (expected file, text, name)")
    file, text, name = form.get("file"), form.get("text"), form.get("name")
    if isinstance(text, UploadFile) or isinstance(name, UploadFile):
        raise Refusal(400, "the text and name fields must be plain fields, not files")
    if isinstance(file, str):
        raise Refusal(400, "the file field must be a file upload")
    data = await file.read() if file is not None else b""
    has_file = file is not None and (bool(data) or bool(file.filename))
    # Browsers send every form text with CRLF line breaks; the writer's text had LF.
    pasted = (text or "").replace("\r\n", "\n")
    if has_file and pasted.strip():
        raise Refusal(400, "send either pasted text or a file, not both")
    if file is not None and has_file:
        return Upload(data, clean_name(name or file.filename or "", field="file name"))
    if not pasted.strip():
        raise Refusal(400, "nothing to audit: paste the story or choose a file")
    return Upload(pasted.encode("utf-8"), clean_name(name or ""), pasted=True)


def _json_upload(body: bytes) -> Upload:
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError) as err:
        raise Refusal(400, f"the body is not valid JSON: {first_line(err)}") from None
    if not isinstance(document, dict):
        raise Refusal(400, 'the JSON body must be an object: {"text": "...", "name": "story.txt"}')
    unknown = sorted(set(document) - {"text", "name"})
    if unknown:
        raise Refusal(400, f"unknown key {unknown[0]!r} (expected text, name)")
    text, name = document.get("text"), document.get("name", "")
    if not isinstance(text, str):
        raise Refusal(400, 'the JSON body needs "text", a string')
    if not isinstance(name, str):
        raise Refusal(400, '"name" must be a string')
    return Upload(text.encode("utf-8"), clean_name(name), pasted=True)


def report_csp(script_hashes: Iterable[str]) -> str:
    """The report's policy: its own scripts only, no requests, a sandbox of its own."""
    scripts = " ".join(f"'{digest}'" for digest in script_hashes) or "'none'"
    return (
        f"default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox allow-scripts allow-popups"
    )


def download_name(name: str, suffix: str) -> str:
    """An ASCII file name for a download: the audit's stem, then `suffix`."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name).stem if name != PASTED else "pasted").strip("._")
    return f"{stem or 'audit'}-attrib{suffix}"


def reviewed_name(name: str) -> str:
    """`attrib annotate`'s name for the reviewed copy, DRAFT.attrib.EXT, in ASCII."""
    path = Path(name)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", path.stem.removesuffix(".attrib")).strip("._") or "draft"
    return f"{stem}.attrib{path.suffix.lower()}"


def create_app(
    desk: Desk,
    *,
    hosts: Iterable[str],
    allow_origins: Iterable[str] = (),
    upload_bytes: int = UPLOAD_BYTES,
    read_seconds: float = READ_SECONDS,
) -> Starlette:
    """The desk's ASGI application.

    Args:
        desk: the started audit service.
        hosts: the `Host` values that name this server (see `Guard`).
        allow_origins: other origins (a CMS, a browser extension) allowed to call the API.
        upload_bytes: the largest request body read.
        read_seconds: how long a client may take to send its request body.
    """
    folder = template_dir()
    environment = Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    assets = {name: (folder / name).read_bytes() for name in ASSETS}
    accept = ",".join(sorted(EXTENSIONS))
    config = desk.config
    settings = {
        "config": config.path or "none (built-in defaults)",
        "fail_level": config.fail_level,
        "fail_under": "off" if config.fail_under is None else str(config.fail_under),
        "max_chars": config.max_chars,
        "model": desk.model,
        "version": __version__,
    }

    def page(status: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("entry", None)
        context.setdefault("error", None)
        context.setdefault("text", "")
        context.setdefault("name", "")
        html = environment.get_template(DESK_TEMPLATE).render(
            history=desk.recent(),
            settings=settings,
            accept=accept,
            pasted=PASTED,
            reviewed_name=reviewed_name,
            **context,
        )
        return HTMLResponse(html, status_code=status, headers={"content-security-policy": DESK_CSP})

    def entry_or_404(request: Request) -> Entry:
        entry = desk.history.get(request.path_params["id"])
        if entry is None:
            raise Refusal(404, "no such audit in this session's history (it ended, or the audit was dropped)")
        return entry

    async def home(request: Request) -> Response:
        return page()

    async def submit(request: Request) -> Response:
        try:
            upload = await read_upload(request, limit=upload_bytes, seconds=read_seconds)
        except Refusal as refusal:
            return page(refusal.status, error=refusal.message)
        outcome = await desk.audit(upload.data, upload.name, report=True)
        if outcome.status != 200:
            # Give the pasted text back, so a refusal never loses the writer's work.
            keep = upload.data.decode("utf-8", "replace") if upload.pasted else ""
            return page(
                outcome.status, error=outcome.error, text=keep, name="" if upload.name == PASTED else upload.name
            )
        entry = desk.remember(upload.name, outcome)
        return RedirectResponse(f"/audits/{entry.id}", status_code=303)

    async def audit_page(request: Request) -> Response:
        try:
            entry = entry_or_404(request)
        except Refusal as refusal:
            return page(refusal.status, error=refusal.message)
        return page(entry=entry)

    async def report(request: Request) -> Response:
        entry = entry_or_404(request)
        return HTMLResponse(entry.outcome.report, headers={"content-security-policy": report_csp(desk.script_hashes)})

    async def report_download(request: Request) -> Response:
        entry = entry_or_404(request)
        return HTMLResponse(
            entry.outcome.report,
            headers={
                "content-security-policy": report_csp(desk.script_hashes),
                "content-disposition": f'attachment; filename="{download_name(entry.name, ".html")}"',
            },
        )

    async def reviewed_download(request: Request) -> Response:
        entry = entry_or_404(request)
        suffix = reviewed_suffix(entry.name)
        if entry.outcome.reviewed is None or suffix is None:
            raise Refusal(404, "this audit has no reviewed copy (attrib annotate writes .docx, .md and .txt drafts)")
        return Response(
            entry.outcome.reviewed,
            media_type=REVIEWED_TYPES.get(suffix, "application/octet-stream"),
            headers={
                "content-security-policy": DATA_CSP,
                "content-disposition": f'attachment; filename="{reviewed_name(entry.name)}"',
            },
        )

    async def json_download(request: Request) -> Response:
        entry = entry_or_404(request)
        return Response(
            entry.outcome.document,
            media_type="application/json",
            headers={
                "content-security-policy": DATA_CSP,
                "content-disposition": f'attachment; filename="{download_name(entry.name, ".json")}"',
            },
        )

    async def api_audit(request: Request) -> Response:
        try:
            upload = await read_upload(request, limit=upload_bytes, seconds=read_seconds)
        except Refusal as refusal:
            return _api_error(refusal.status, refusal.message)
        outcome = await desk.audit(upload.data, upload.name, report=False)
        if outcome.status != 200:
            return _api_error(outcome.status, outcome.error or "cannot audit")
        return _api_document(outcome)

    async def api_info(request: Request) -> Response:
        return JSONResponse(
            {**settings, "max_upload_bytes": upload_bytes, "history": len(desk.history)},
            headers={"content-security-policy": DATA_CSP},
        )

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ASSETS:
            return PlainTextResponse("no such file\n", status_code=404)
        return Response(assets[name], media_type=ASSETS[name])

    async def refused(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Refusal)
        if request.url.path.startswith("/api/"):
            return _api_error(exc.status, exc.message)
        return PlainTextResponse(exc.message + "\n", status_code=exc.status)

    routes = [
        Route("/", home, methods=["GET"]),
        Route("/audits", submit, methods=["POST"]),
        Route("/audits/{id}", audit_page, methods=["GET"]),
        Route("/audits/{id}/report", report, methods=["GET"]),
        Route("/audits/{id}/report.html", report_download, methods=["GET"]),
        Route("/audits/{id}/audit.json", json_download, methods=["GET"]),
        Route("/audits/{id}/reviewed", reviewed_download, methods=["GET"]),
        Route("/api/audit", api_audit, methods=["POST"]),
        Route("/api/info", api_info, methods=["GET"]),
        Route("/static/{name}", asset, methods=["GET"]),
    ]
    middleware = [Middleware(Guard, hosts=hosts, origins=allow_origins)]
    origins = [origin.rstrip("/") for origin in allow_origins]
    if origins:  # CORS answers (and preflights) for the origins named with --allow-origin
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=origins,
                allow_methods=["GET", "POST"],
                allow_headers=["content-type"],
                expose_headers=["attrib-verdict"],
            )
        )
    return Starlette(routes=routes, middleware=middleware, exception_handlers={Refusal: refused})


def _api_error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers={"content-security-policy": DATA_CSP})


def _api_document(outcome: Outcome) -> Response:
    return Response(
        outcome.document,
        media_type="application/json",
        headers={"attrib-verdict": outcome.verdict, "content-security-policy": DATA_CSP},
    )


__all__ = ["UPLOAD_BYTES", "Refusal", "Upload", "clean_name", "create_app", "read_upload"]
