"""``speclint serve``: the HTTP API, its limits and its guard, against a real server.

The server runs as a user runs it (``python -m speclint serve --port 0`` in a
subprocess, at the address it prints), or, to make a worker crash or hang on purpose,
in a thread with a lint function that misbehaves for some file names. Requests go to
127.0.0.1 only.
"""

from __future__ import annotations

import io
import json
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
pytest.importorskip("python_multipart")
httpx = pytest.importorskip("httpx")

from serve_helpers import ServerProcess, ServerThread, raw_request  # noqa: E402

import speclint  # noqa: E402
from speclint.cli import main  # noqa: E402
from speclint.config import Settings  # noqa: E402
from speclint.serve import ServeOptions, is_loopback  # noqa: E402
from speclint.serve.app import (  # noqa: E402
    DOCX_TYPE,
    clean_name,
    clean_path,
    create_app,
    reviewed_name,
)
from speclint.skipping import READS  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
DOCX = FIXTURES / "docx" / "spec_review.docx"
MARKDOWN = FIXTURES / "markdown" / "community-support-spec.md"
CLAUSE = "4.2 All practitioners shall receive supervision, delivered within existing resources."


@pytest.fixture(scope="module")
def server() -> Iterator[ServerProcess]:
    running = ServerProcess("--jobs", "2", "--max-upload-mb", "1", "--max-files", "6")
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def client(server: ServerProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=120) as http:
        yield http


def upload(*paths: Path, field: str = "files") -> list[tuple[str, tuple[str, bytes]]]:
    return [(field, (p.name, p.read_bytes())) for p in paths]


def codes(report: dict) -> list[str]:  # type: ignore[type-arg]
    return [f["code"] for file in report["files"] for f in file["findings"]]


# --- the page and its assets ----------------------------------------------------------------


def test_the_page_is_served_with_a_policy_that_forbids_other_origins(
    client: httpx.Client,
) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    page = response.text
    assert "<script>" not in page and "style=" not in page  # no inline script or style
    assert "http://" not in page and "https://" not in page  # nothing from elsewhere
    for asset in ("page.js", "page.css", "report.js", "report.css"):
        assert f"/static/{asset}" in page or asset == "report.js"
        got = client.get(f"/static/{asset}")
        assert got.status_code == 200, asset
        assert "http://" not in got.text and "https://" not in got.text
    assert client.get("/static/index.html").status_code == 404
    assert client.get("/static/nothing.js").json() == {"error": "not found"}


# --- POST /api/check ---------------------------------------------------------------------------


def test_check_answers_with_the_json_report_contract(client: httpx.Client) -> None:
    import jsonschema

    response = client.post("/api/check", files=upload(DOCX, MARKDOWN))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    report = response.json()
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text("utf-8"))
    jsonschema.validate(report, schema)
    assert report["version"] == "1"
    assert [f["path"] for f in report["files"]] == ["spec_review.docx", "community-support-spec.md"]
    expected = []
    for path, fmt in ((DOCX, "docx"), (MARKDOWN, "md")):
        local = speclint.check_bytes(path.read_bytes(), fmt, path=path.name, config=Settings())
        expected += [f.code for f in local.findings]
    assert codes(report) == expected and expected
    summary = report["summary"]
    assert (summary["files"], summary["findings"], summary["errors"]) == (2, len(expected), 0)


def test_check_applies_select_and_ignore(client: httpx.Client) -> None:
    every = codes(client.post("/api/check", files=upload(MARKDOWN)).json())
    assert {"PBR", "RFL"} <= {c[:3] for c in every}
    only = codes(client.post("/api/check", files=upload(MARKDOWN), data={"select": "PBR"}).json())
    assert only == [c for c in every if c.startswith("PBR")]
    rest = client.post(
        "/api/check", files=upload(MARKDOWN), data={"select": "PBR,RFL", "ignore": "PBR001"}
    ).json()
    assert codes(rest) == [c for c in every if c[:3] in ("PBR", "RFL") and c != "PBR001"]


def test_unreadable_files_are_errors_in_a_200_report_and_the_rest_is_linted(
    client: httpx.Client,
) -> None:
    bad = [
        FIXTURES / "pdf" / "truncated.pdf",
        FIXTURES / "docx" / "encrypted.docx",
        FIXTURES / "docx" / "zip_bomb.docx",
    ]
    response = client.post("/api/check", files=upload(*bad, MARKDOWN))
    assert response.status_code == 200
    report = response.json()
    assert [f["path"] for f in report["files"]] == ["community-support-spec.md"]
    errors = {e["path"]: e["message"] for e in report["errors"]}
    assert set(errors) == {"truncated.pdf", "encrypted.docx", "zip_bomb.docx"}
    assert "truncated" in errors["truncated.pdf"]
    assert "encrypt" in errors["encrypted.docx"].lower() or "password" in errors["encrypted.docx"]
    assert "limit" in errors["zip_bomb.docx"]
    assert report["summary"]["errors"] == 3


def test_file_names_are_sanitised(client: httpx.Client) -> None:
    files = [
        ("files", ("../../etc/passwd.md", MARKDOWN.read_bytes())),
        ("files", ("C:\\Users\\x\\draft.md", MARKDOWN.read_bytes())),
        ("files", ("draft.md", MARKDOWN.read_bytes())),
    ]
    report = client.post("/api/check", files=files).json()
    assert [f["path"] for f in report["files"]] == ["passwd.md", "draft.md", "draft (2).md"]
    # A name given only in the RFC 5987 form (filename*=UTF-8''...).
    body = (
        b"--zz\r\nContent-Disposition: form-data; name=files; "
        b"filename*=UTF-8''%C2%A3%20budget%2F..%2Fplan.md\r\n\r\n"
        + MARKDOWN.read_bytes()
        + b"\r\n--zz--\r\n"
    )
    starred = client.post(
        "/api/check", content=body, headers={"content-type": "multipart/form-data; boundary=zz"}
    )
    assert [f["path"] for f in starred.json()["files"]] == ["plan.md"]
    assert clean_name("..\\..\\evil\x00<x>.docx") == "evilx.docx"
    assert clean_name("...") == "upload"
    assert clean_name("a" * 300 + ".docx").endswith(".docx")
    assert len(clean_name("a" * 300 + ".docx")) <= 120


# --- statuses ----------------------------------------------------------------------------------


def test_bad_input_is_400(client: httpx.Client) -> None:
    no_files = client.post("/api/check", data={"select": "PBR"}, files=[("other", ("x", b""))])
    assert no_files.status_code == 400
    assert "no files" in no_files.json()["error"]
    unknown = client.post("/api/check", files=upload(MARKDOWN), data={"select": "XYZ999"})
    assert unknown.status_code == 400 and "XYZ999" in unknown.json()["error"]
    broken = client.post(
        "/api/check",
        content=b"--b\r\nnot a part",
        headers={"content-type": "multipart/form-data; boundary=zz"},
    )
    assert broken.status_code == 400 and "error" in broken.json()
    fields = {f"x{i}": "1" for i in range(21)}
    many = client.post("/api/check", files=upload(MARKDOWN), data=fields)
    assert many.status_code == 400 and "at most 20" in many.json()["error"]
    long_field = client.post("/api/check", files=upload(MARKDOWN), data={"select": "P" * 70_000})
    assert long_field.status_code == 413
    assert long_field.json() == {"error": "the field 'select' is over the 64 KB limit"}
    two = client.post("/api/annotate", files=upload(DOCX, DOCX, field="file"))
    assert two.status_code == 400 and "exactly one" in two.json()["error"]
    not_json = client.post(
        "/api/text", content=b"{nope", headers={"content-type": "application/json"}
    )
    assert not_json.status_code == 400
    no_text = client.post("/api/text", json={"words": "x"})
    assert no_text.status_code == 400
    fmt = client.post("/api/report?format=pdf", files=upload(MARKDOWN))
    assert fmt.status_code == 400 and "html, json or sarif" in fmt.json()["error"]


def test_unsupported_types_are_415(client: httpx.Client) -> None:
    sheet = client.post("/api/check", files=[("files", ("budget.xlsx", b"PK\x03\x04"))])
    assert sheet.status_code == 415
    assert sheet.json()["error"].startswith(
        "budget.xlsx: an Excel spreadsheet (.xlsx), which speclint does not read; convert it "
        "with LibreOffice: soffice --headless --convert-to pdf"
    )
    logo = client.post("/api/check", files=[("files", ("logo.png", b"\x89PNG"))])
    assert logo.status_code == 415
    assert logo.json() == {"error": f"logo.png: not a document speclint reads (it reads {READS})"}
    assert client.post("/api/annotate", files=upload(MARKDOWN, field="file")).status_code == 415
    plain = client.post("/api/text", content=b"text", headers={"content-type": "text/plain"})
    assert plain.status_code == 415
    urlencoded = client.post("/api/check", data={"files": "x"})
    assert urlencoded.status_code == 415


def test_a_pack_with_a_spreadsheet_is_linted_and_the_spreadsheet_listed_as_not_checked(
    client: httpx.Client,
) -> None:
    pack = [
        *upload(MARKDOWN),
        ("files", ("prices.xlsx", b"PK\x03\x04")),
        ("files", ("logo.png", b"\x89PNG")),
    ]
    response = client.post("/api/check", files=pack)
    assert response.status_code == 200
    report = response.json()
    assert [f["path"] for f in report["files"]] == [MARKDOWN.name]
    assert codes(report)
    assert [s["path"] for s in report["skipped"]] == ["prices.xlsx", "logo.png"]
    assert report["skipped"][0]["reason"].startswith(
        "an Excel spreadsheet (.xlsx), which speclint does not read; convert it with LibreOffice"
    )
    assert report["skipped"][1]["reason"] == f"not a document speclint reads (it reads {READS})"
    assert report["summary"]["skipped"] == 2 and report["errors"] == []
    html = client.post("/api/report?format=html", files=pack)
    assert html.status_code == 200 and "prices.xlsx" in html.text


def test_a_mistyped_code_names_the_form_field_not_a_command_line_option(
    client: httpx.Client,
) -> None:
    typo = client.post("/api/check", files=upload(MARKDOWN), data={"ignore": "OVR003,PRB"})
    assert typo.status_code == 400
    assert typo.json() == {"error": "ignore: 'PRB' names no rule (did you mean PBR?)"}
    text = client.post("/api/text", json={"text": CLAUSE, "select": "RFLL"})
    assert text.status_code == 400
    assert text.json()["error"].startswith("select: 'RFLL' names no rule")


def test_oversized_uploads_and_too_many_files_are_413(
    client: httpx.Client, server: ServerProcess
) -> None:
    big = b"# Spec\n\n" + b"The provider shall deliver the service. " * 40_000  # 1.6 MB
    response = client.post("/api/check", files=[("files", ("big.md", big))])
    assert response.status_code == 413
    assert response.json() == {"error": "big.md is over the 1 MB limit for one file"}
    seven = client.post("/api/check", files=upload(*[MARKDOWN] * 7))
    assert seven.status_code == 413 and "at most 6" in seven.json()["error"]
    # Five files within the 1 MB limit each, over the 4 MB limit of a request.
    parts = [("files", (f"{i}.md", big[:900_000])) for i in range(5)]
    request = client.post("/api/check", files=parts)
    assert request.status_code == 413
    assert request.json() == {"error": "the request is over the 4 MB limit"}
    long_text = client.post("/api/text", json={"text": "x" * 20_001})
    assert long_text.status_code == 413
    assert long_text.json() == {"error": "the text is over the 20,000-character limit"}
    assert client.post("/api/text", json={"text": "x" * 20_000}).status_code == 200
    # The server is still there for the next request.
    assert client.post("/api/check", files=upload(MARKDOWN)).status_code == 200


def test_unknown_addresses_and_methods_are_json_errors(client: httpx.Client) -> None:
    missing = client.get("/api/nothing")
    assert missing.status_code == 404 and missing.json() == {"error": "not found"}
    wrong = client.get("/api/check")
    assert wrong.status_code == 405 and "error" in wrong.json()
    expired = client.get("/api/results/nope/report/html")
    assert expired.status_code == 404 and "no longer kept" in expired.json()["error"]


@pytest.mark.parametrize(
    "target",
    [
        "/../../etc/passwd",
        "/static/../../etc/passwd",
        "/static/..%2f..%2fetc/passwd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2F..%2F..%2Fetc%2Fpasswd",
        "/static/..%5c..%5cpyproject.toml",
        "/static/%2fetc%2fpasswd",
        "//etc/passwd",
        "/static//etc/passwd",
        "/api/results/..%2f..%2f/report/html",
    ],
)
def test_no_address_reads_a_file_from_the_servers_disk(server: ServerProcess, target: str) -> None:
    status, body = raw_request(server.port, target)
    assert status in (400, 404)
    assert b"root:" not in body and b"[project]" not in body
    assert json.loads(body)["error"]


def test_a_host_header_naming_another_machine_is_refused_on_loopback(
    server: ServerProcess,
) -> None:
    for name in ("localhost:8765", "localhost", "[::1]:8765", "[::1]", "127.0.0.1"):
        assert raw_request(server.port, "/", host=name)[0] == 200, name
    status, body = raw_request(server.port, "/", host="rebound.example:8765")
    assert status == 400
    assert json.loads(body) == {
        "error": "this server only answers requests addressed to this machine"
    }


# --- the other endpoints -----------------------------------------------------------------------


def test_annotate_answers_with_the_reviewed_copy(client: httpx.Client) -> None:
    import docx

    response = client.post("/api/annotate", files=upload(DOCX, field="file"))
    assert response.status_code == 200
    assert response.headers["content-type"] == DOCX_TYPE
    disposition = response.headers["content-disposition"]
    assert 'filename="spec_review.reviewed.docx"' in disposition
    document = docx.Document(io.BytesIO(response.content))
    comments = [c for c in document.comments if c.author == "speclint"]
    expected = speclint.check_bytes(DOCX.read_bytes(), "docx", config=Settings()).findings
    assert len(comments) == len(expected) == int(response.headers["x-speclint-comments"]) > 0
    assert [c.text.split()[0] for c in comments] == [f.code for f in expected]


def test_annotate_says_why_a_bad_draft_has_no_copy(client: httpx.Client) -> None:
    response = client.post(
        "/api/annotate", files=upload(FIXTURES / "docx" / "encrypted.docx", field="file")
    )
    assert response.status_code == 422
    assert response.json()["error"].startswith("encrypted.docx: ")


def test_text_answers_with_the_report_for_that_text(client: httpx.Client) -> None:
    response = client.post("/api/text", json={"text": CLAUSE})
    assert response.status_code == 200
    report = response.json()
    assert report["version"] == "1" and codes(report) == ["RFL001"]
    assert report["files"][0]["findings"][0]["location"]["clause"] == "4.2"
    clean = client.post(
        "/api/text", json={"text": "4.2 Supervision is costed into the price as paid time."}
    )
    assert codes(clean.json()) == []
    ignored = client.post("/api/text", json={"text": CLAUSE, "ignore": "RFL"})
    assert codes(ignored.json()) == []


def test_rules_are_as_the_command_line_lists_them(client: httpx.Client) -> None:
    out = io.StringIO()
    assert main(["rules", "--format", "json"], out, io.StringIO()) == 0
    response = client.get("/api/rules")
    assert response.headers["content-type"] == "application/json"
    assert response.text == out.getvalue()


@pytest.mark.parametrize(
    ("fmt", "media", "filename"),
    [
        ("html", "text/html; charset=utf-8", "speclint-report.html"),
        ("json", "application/json", "speclint-report.json"),
        ("sarif", "application/sarif+json", "speclint-report.sarif"),
    ],
)
def test_report_answers_with_the_whole_set_in_each_format(
    client: httpx.Client, fmt: str, media: str, filename: str
) -> None:
    response = client.post(f"/api/report?format={fmt}", files=upload(DOCX, MARKDOWN))
    assert response.status_code == 200
    assert response.headers["content-type"] == media
    assert f'filename="{filename}"' in response.headers["content-disposition"]
    local = speclint.check_paths([DOCX, MARKDOWN], Settings())
    if fmt == "html":
        assert 'id="scorecard"' in response.text
        assert response.text.count('<li class="finding') == len(local.findings)
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    elif fmt == "json":
        assert response.json()["summary"]["findings"] == len(local.findings)
    else:
        log = response.json()
        assert log["version"] == "2.1.0"
        assert len(log["runs"][0]["results"]) == len(local.findings)


def test_review_gives_the_report_sections_and_working_download_links(
    client: httpx.Client,
) -> None:
    import docx

    response = client.post("/api/review", files=upload(DOCX, MARKDOWN))
    assert response.status_code == 200
    data = response.json()
    assert data["report"]["summary"]["files"] == 2
    # The HTML report's own sections (whatever their order), not a page of its own.
    assert data["html"].startswith("<section ")
    assert '<section id="scorecard"' in data["html"] and '<section id="findings"' in data["html"]
    assert "<html" not in data["html"] and "<main" not in data["html"]
    links = data["downloads"]
    [reviewed] = links["reviewed"]
    assert reviewed["path"] == "spec_review.docx"
    assert reviewed["name"] == "spec_review.reviewed.docx"
    copy = client.get(reviewed["url"])
    assert copy.status_code == 200 and copy.headers["content-type"] == DOCX_TYPE
    ours = [c for c in docx.Document(io.BytesIO(copy.content)).comments if c.author == "speclint"]
    assert len(ours) == reviewed["comments"] > 0
    assert client.get(links["json"]).json() == data["report"]
    assert client.get(links["sarif"]).json()["version"] == "2.1.0"
    assert 'id="scorecard"' in client.get(links["html"]).text
    assert client.get(reviewed["url"].rsplit("/", 1)[0] + "/9").status_code == 404


def test_review_streams_each_file_as_it_is_read_then_the_answer(client: httpx.Client) -> None:
    with client.stream(
        "POST",
        "/api/review",
        files=upload(DOCX, MARKDOWN, FIXTURES / "pdf" / "truncated.pdf"),
        headers={"Accept": "application/x-ndjson"},
    ) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/x-ndjson")
        lines = [json.loads(line) for line in response.iter_lines() if line.strip()]
    *done, last = lines
    assert sorted(d["done"] for d in done) == [
        "community-support-spec.md",
        "spec_review.docx",
        "truncated.pdf",
    ]
    assert [d["checked"] for d in done] == [1, 2, 3] and {d["of"] for d in done} == {3}
    by_name = {d["done"]: d for d in done}
    assert "error" in by_name["truncated.pdf"] and "findings" not in by_name["truncated.pdf"]
    expected = speclint.check_bytes(DOCX.read_bytes(), "docx", config=Settings()).findings
    assert by_name["spec_review.docx"]["findings"] == len(expected)
    result = last["result"]
    assert result["report"]["summary"]["files"] == 3
    assert client.get(result["downloads"]["json"]).json() == result["report"]


def test_from_the_page_a_file_keeps_its_folder_and_too_large_or_too_many_cost_only_that_file() -> (
    None
):
    options = ServeOptions(max_file_bytes=4096, max_files=2)
    running = ServerThread(create_app(options))
    try:
        with httpx.Client(base_url=running.url, timeout=60) as http:
            files = [
                ("files", ("pack/Lot 1/../../spec.md", MARKDOWN.read_bytes()[:3000])),
                ("files", ("pack/big.md", b"x" * 5000)),
                ("files", ("pack/Lot 2/spec.md", MARKDOWN.read_bytes()[:3000])),
                ("files", ("pack/extra.md", b"# Extra")),
            ]
            page = http.post("/api/review", files=files)
            assert page.status_code == 200
            report = page.json()["report"]
            assert [f["path"] for f in report["files"]] == [
                "pack/Lot 1/spec.md",
                "pack/Lot 2/spec.md",
            ]
            assert [(e["path"], e["message"].split(",")[0]) for e in report["errors"]] == [
                ("pack/big.md", "is over the 4 KB limit for one file"),
                (
                    "pack/extra.md",
                    "not checked: the server checks at most 2 files at once; "
                    "check this one in a second go",
                ),
            ]
            # The API proper keeps its 413 for the whole request.
            assert http.post("/api/check", files=files).status_code == 413
    finally:
        running.stop()
    # Past the limit for all files together, the next file waits for a second go.
    options = ServeOptions(max_file_bytes=4096, max_request_bytes=7000)
    running = ServerThread(create_app(options))
    try:
        with httpx.Client(base_url=running.url, timeout=60) as http:
            files = [
                ("files", (f"part-{i}.md", b"# Part\n\n" + b"Plain words. " * 300))
                for i in range(3)
            ]
            report = http.post("/api/review", files=files).json()["report"]
            assert [f["path"] for f in report["files"]] == ["part-0.md"]
            assert [e["path"] for e in report["errors"]] == ["part-1.md", "part-2.md"]
            assert report["errors"][0]["message"].startswith(
                "not checked: the files chosen together are over the 6.8 KB limit"
            )
            assert http.post("/api/check", files=files).status_code == 413
    finally:
        running.stop()


def test_from_the_page_thousands_of_files_past_the_limit_are_one_413() -> None:
    # Each refused file would be a line of the report, however small: past a point, the
    # request is refused as the API refuses it.
    running = ServerThread(create_app(ServeOptions(max_files=1)))
    try:
        with httpx.Client(base_url=running.url, timeout=60) as http:
            few = [("files", (f"n{i}.md", b"# N")) for i in range(300)]
            assert len(http.post("/api/review", files=few).json()["report"]["errors"]) == 299
            many = [("files", (f"n{i}.md", b"# N")) for i in range(2000)]
            answer = http.post("/api/review", files=many)
            assert answer.status_code == 413
            assert answer.json() == {"error": "too many files: at most 1 in one request"}
    finally:
        running.stop()


def test_clean_path_keeps_folders_but_never_leaves_them() -> None:
    assert clean_path("tender pack/Lot 1/spec.docx") == "tender pack/Lot 1/spec.docx"
    assert clean_path("../../etc/passwd.md") == "etc/passwd.md"
    assert clean_path("/abs\\win\\..\\x<y>.pdf") == "abs/win/xy.pdf"
    assert clean_path("a/b/c/d/e/f/g.md") == "c/d/e/f/g.md"
    assert clean_path("./.hidden/..") == "hidden"
    assert clean_path("") == "upload"
    # A folder or file that is really called "upload" is kept, not taken for an empty part.
    assert clean_path("upload/spec.docx") == "upload/spec.docx"
    assert clean_path("pack/upload") == "pack/upload"


def test_a_name_sent_twice_is_numbered_in_the_file_not_in_its_folder() -> None:
    running = ServerThread(create_app(ServeOptions()))
    try:
        with httpx.Client(base_url=running.url, timeout=60) as http:
            text = MARKDOWN.read_bytes()[:3000]
            files = [("files", ("Lot 1.2/notes", text)), ("files", ("Lot 1.2/notes", text))]
            files += [("files", ("Lot 1.2/spec.md", text)), ("files", ("Lot 1.2/spec.md", text))]
            report = http.post("/api/review", files=files).json()["report"]
            assert [f["path"] for f in report["files"]] == [
                "Lot 1.2/spec.md",
                "Lot 1.2/spec (2).md",
            ]
            assert [s["path"] for s in report["skipped"]] == ["Lot 1.2/notes", "Lot 1.2/notes (2)"]
    finally:
        running.stop()


def test_the_zip_keeps_a_draft_and_its_earlier_reviewed_copy_apart() -> None:
    # A folder where the last review's copy was saved beside the draft.
    running = ServerThread(create_app(ServeOptions()))
    try:
        with httpx.Client(base_url=running.url, timeout=120) as http:
            files = [
                ("files", ("pack/spec.docx", DOCX.read_bytes())),
                ("files", ("pack/spec.reviewed.docx", DOCX.read_bytes())),
            ]
            answer = http.post("/api/review", files=files).json()
            bundle = http.get(answer["downloads"]["reviewed_zip"])
            assert bundle.status_code == 200
            names = zipfile.ZipFile(io.BytesIO(bundle.content)).namelist()
            assert sorted(names) == ["pack/spec.reviewed (2).docx", "pack/spec.reviewed.docx"]
    finally:
        running.stop()


# --- the token ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def guarded() -> Iterator[ServerProcess]:
    running = ServerProcess("--jobs", "1", "--token", "s3cret-token")
    try:
        yield running
    finally:
        running.stop()


def test_with_a_token_every_request_needs_it(guarded: ServerProcess) -> None:
    assert "?token=s3cret-token" in guarded.page_url
    with httpx.Client(base_url=guarded.url, timeout=60) as http:
        for method, path in (("GET", "/"), ("GET", "/static/page.js"), ("GET", "/api/rules")):
            refused = http.request(method, path)
            assert refused.status_code == 401, path
            assert "token" in refused.json()["error"]
        wrong = http.get("/api/rules", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        assert http.post("/api/text", json={"text": CLAUSE}).status_code == 401
        header = {"Authorization": "Bearer s3cret-token"}
        assert http.get("/api/rules", headers=header).status_code == 200
        assert http.post("/api/text", json={"text": CLAUSE}, headers=header).status_code == 200
        # A token in the address works only on the page (and not when wrong).
        assert http.get("/api/rules?token=s3cret-token").status_code == 401
        assert http.get("/?token=wrong").status_code == 401


def test_the_token_in_the_page_address_sets_a_strict_cookie(guarded: ServerProcess) -> None:
    with httpx.Client(base_url=guarded.url, timeout=60) as http:
        opened = http.get("/?token=s3cret-token")
        assert opened.status_code == 303 and opened.headers["location"] == "/"
        cookie = opened.headers["set-cookie"]
        assert cookie.startswith("speclint_token=s3cret-token;")
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
        # The client keeps the cookie: the page and the API now answer.
        assert http.get("/").status_code == 200
        assert http.get("/api/rules").status_code == 200
        assert http.post("/api/check", files=upload(MARKDOWN)).status_code == 200
    with httpx.Client(base_url=guarded.url, cookies={"speclint_token": "wrong"}) as http:
        assert http.get("/api/rules").status_code == 401


def test_off_loopback_a_token_is_generated_and_required() -> None:
    running = ServerProcess("--host", "0.0.0.0", "--jobs", "1")
    try:
        printed = "".join(running.printed)
        token = printed.split("?token=", 1)[1].split()[0]
        assert len(token) >= 24
        local = running.url.replace("0.0.0.0", "127.0.0.1")
        with httpx.Client(base_url=local, timeout=60) as http:
            assert http.get("/api/rules").status_code == 401
            ok = http.get("/api/rules", headers={"Authorization": f"Bearer {token}"})
            assert ok.status_code == 200
    finally:
        code, _, err = running.stop()
    assert "needs this token" in err
    assert code == 0


def test_kept_results_expire() -> None:
    from speclint.models import Report
    from speclint.serve.app import Problem, _Results

    kept = _Results(seconds=0.05)
    key = kept.put(Report(), [], Settings())
    assert kept.get(key).report == Report()
    time.sleep(0.1)
    with pytest.raises(Problem, match="no longer kept"):
        kept.get(key)
    few = _Results(seconds=60, most=2)
    keys = [few.put(Report(), [], Settings()) for _ in range(3)]
    with pytest.raises(Problem):
        few.get(keys[0])
    assert few.get(keys[2]).report == Report()


def test_is_loopback() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert is_loopback("[::1]") and is_loopback("127.0.0.2")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2")
    assert not is_loopback("example.org")


# --- workers that crash or hang -----------------------------------------------------------------


@pytest.fixture(scope="module")
def fragile() -> Iterator[ServerThread]:
    from serve_helpers import misbehaving_lint

    options = ServeOptions(jobs=2, timeout=3, max_memory_mb=512)
    app = create_app(options, lint=misbehaving_lint)
    running = ServerThread(app)
    try:
        yield running
    finally:
        running.stop()


def test_a_crashing_worker_gives_its_file_an_error_and_the_pool_recovers(
    fragile: ServerThread,
) -> None:
    text = MARKDOWN.read_bytes()
    with httpx.Client(base_url=fragile.url, timeout=120) as http:
        response = http.post(
            "/api/check",
            files=[("files", ("crash.md", text)), ("files", ("fine.md", text))],
        )
        assert response.status_code == 200
        report = response.json()
        assert [f["path"] for f in report["files"]] == ["fine.md"]
        assert codes(report)
        [error] = report["errors"]
        assert error["path"] == "crash.md"
        assert error["message"] == (
            "its worker process stopped unexpectedly (exit code 3); not linted"
        )
        # Every worker can be lost, and the next requests are still answered.
        for _ in range(3):
            again = http.post("/api/check", files=[("files", ("crash-again.md", text))])
            assert again.json()["errors"][0]["path"] == "crash-again.md"
        after = http.post("/api/check", files=[("files", ("after.md", text))] * 2)
        assert after.status_code == 200 and len(after.json()["files"]) == 2


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="address-space limit: Linux")
def test_a_file_needing_too_much_memory_costs_only_that_file(fragile: ServerThread) -> None:
    text = MARKDOWN.read_bytes()
    with httpx.Client(base_url=fragile.url, timeout=120) as http:
        response = http.post(
            "/api/check", files=[("files", ("greedy.md", text)), ("files", ("fine.md", text))]
        )
        report = response.json()
        assert response.status_code == 200
        assert [f["path"] for f in report["files"]] == ["fine.md"]
        assert report["errors"] == [
            {"path": "greedy.md", "message": "needed more than 512 MB of memory; not linted"}
        ]
        after = http.post("/api/check", files=[("files", ("after.md", text))] * 2)
        assert after.status_code == 200 and len(after.json()["files"]) == 2


def test_a_worker_past_its_time_limit_is_stopped_and_others_are_answered(
    fragile: ServerThread,
) -> None:
    import concurrent.futures

    text = MARKDOWN.read_bytes()

    def post(name: str) -> tuple[float, dict]:  # type: ignore[type-arg]
        with httpx.Client(base_url=fragile.url, timeout=120) as http:
            start = time.monotonic()
            response = http.post("/api/check", files=[("files", (name, text))])
            return time.monotonic() - start, response.json()

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        slow = pool.submit(post, "hang.md")
        time.sleep(0.3)
        quick = [pool.submit(post, f"quick{i}.md") for i in range(3)]
        quick_results = [q.result() for q in quick]
        hung_for, hung = slow.result()
    for took, report in quick_results:
        assert report["summary"]["errors"] == 0 and report["files"][0]["findings"]
        assert took < hung_for  # answered while the other worker was stuck
    assert hung["files"] == []
    assert hung["errors"][0]["message"] == "took longer than 3 s; not linted"
    assert 3 <= hung_for < 30


def test_after_a_cancelled_request_the_pool_still_answers_each_task_with_its_own_result() -> None:
    import asyncio
    import operator

    from speclint.serve.pool import WorkerPool

    async def scenario() -> list[object]:
        pool = WorkerPool(2, timeout=30)
        await pool.start()
        answers: list[object] = []
        try:
            for i in range(3):
                # A request whose client goes away while its worker is busy.
                slow = asyncio.ensure_future(pool.run(time.sleep, 0.6))
                await asyncio.sleep(0.2)
                slow.cancel()
                # Two more at once: one of them is given that worker, and must get its
                # own answer, not the sleep's.
                answers += await asyncio.gather(
                    pool.run(operator.add, i, 10), pool.run(operator.add, i, 20)
                )
        finally:
            pool.close()
        return answers

    assert asyncio.run(scenario()) == [10, 20, 11, 21, 12, 22]


# --- the command --------------------------------------------------------------------------------


def _descendants(pid: int) -> set[int]:
    """Every process descended from ``pid`` (Linux: read from /proc)."""
    children: dict[int, set[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, set()).add(int(entry.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def test_ctrl_c_stops_the_server_and_its_workers_cleanly() -> None:
    running = ServerProcess("--jobs", "2")
    with httpx.Client(base_url=running.url, timeout=60) as http:
        assert http.post("/api/check", files=upload(MARKDOWN)).status_code == 200
    linux = Path("/proc/self/stat").exists()
    workers = _descendants(running.process.pid) if linux else set()
    assert not linux or len(workers) >= 2  # the workers (and the fork server)
    code, out, err = running.stop(signal.SIGINT)
    assert code == 0, err
    assert out.rstrip().endswith("speclint serve: stopped")
    assert "Traceback" not in err
    deadline = time.monotonic() + 10
    while workers and time.monotonic() < deadline:
        workers = {p for p in workers if Path(f"/proc/{p}").exists()}
        time.sleep(0.1)
    assert workers == set()


def test_open_opens_the_page_in_the_browser(tmp_path: Path) -> None:
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.py"
    browser.write_text(
        f"import sys, pathlib\npathlib.Path({str(opened)!r}).write_text(sys.argv[1])\n"
    )
    running = ServerProcess(
        "--open", "--jobs", "1", env={"BROWSER": f"{sys.executable} {browser} %s"}
    )
    try:
        deadline = time.monotonic() + 30
        while not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert opened.read_text() == running.page_url
    finally:
        running.stop()


def test_serve_without_the_extra_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # type: ignore[arg-type]
    err = io.StringIO()
    assert main(["serve"], io.StringIO(), err) == 2
    assert err.getvalue() == (
        "speclint: error: 'speclint serve' needs uvicorn: pip install 'speclint[serve]'\n"
    )


def test_a_port_in_use_is_one_line(server: ServerProcess) -> None:
    err = io.StringIO()
    assert main(["serve", "--port", str(server.port)], io.StringIO(), err) == 2
    assert err.getvalue().startswith(f"speclint: error: cannot listen on 127.0.0.1:{server.port}")


def test_serve_options_are_checked() -> None:
    for argv in (["serve", "--port", "70000"], ["serve", "--max-upload-mb", "0"]):
        err = io.StringIO()
        assert main(argv, io.StringIO(), err) == 2
    err = io.StringIO()
    assert main(["serve", "--token", " "], io.StringIO(), err) == 2
    assert "must not be empty" in err.getvalue()


def test_help_lists_serve() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "speclint", "serve", "--help"],
        capture_output=True,
        text=True,
        cwd=str(ROOT),
        check=True,
    )
    assert "--max-upload-mb" in result.stdout and "--token" in result.stdout


def test_a_reviewed_copy_uploaded_again_downloads_under_its_own_name() -> None:
    assert reviewed_name("stop-smoking.docx") == "stop-smoking.reviewed.docx"
    assert reviewed_name("stop-smoking.reviewed.docx") == "stop-smoking.reviewed.docx"
    assert reviewed_name("Stop-Smoking.Reviewed.DOCX") == "Stop-Smoking.Reviewed.DOCX"
