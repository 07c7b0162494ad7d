"""PDF streams that would inflate past a sane size are refused before any reader inflates them.

Also: ``SPECLINT_PDF_TIMEOUT`` is now only a deprecated alias of ``timeout``.
"""

from __future__ import annotations

import base64
import binascii
import random
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from helpers import run_cli

import speclint
from speclint.config import Settings, default_timeout, load_file
from speclint.errors import InputError
from speclint.models import FileError
from speclint.parsers.pdf import read_pdf
from speclint.parsers.pdf_guard import _lzw, a85decode, check_streams

MB = 1024 * 1024


def _pdf(content: bytes, filters: Sequence[str] = (), *, dictionary: bytes = b"") -> bytes:
    """A one-page PDF whose content stream is ``content``, already encoded by ``filters``."""
    decode = b""
    if filters:
        decode = b" /Filter [" + b" ".join(b"/" + f.encode() for f in filters) + b"]"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count 1 /Kids [4 0 R] >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
        b"<< /Length %d%s%s >>\nstream\n%s\nendstream"
        % (len(content), decode, dictionary, content),
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


TEXT = b"BT /F1 11 Tf 72 740 Td (4.1 The Provider shall keep records of each visit.) Tj ET\n"


def _spaces(size: int) -> bytes:
    """``TEXT`` then ``size`` bytes of spaces, deflated without ever holding them."""
    packer = zlib.compressobj(9)
    parts = [packer.compress(TEXT)]
    block = b" " * MB
    for _ in range(size // MB):
        parts.append(packer.compress(block))
    return b"".join([*parts, packer.flush()])


def _lzw_encode(data: bytes) -> bytes:
    """LZW with early change, as PDF writes it (a clear code first, an end code last)."""
    table = {bytes([i]): i for i in range(256)}
    width, codes, out, bits, value = 9, [256], bytearray(), 0, 0
    word = b""
    for byte in data:
        grown = word + bytes([byte])
        if grown in table:
            word = grown
            continue
        codes.append(table[word])
        table[grown] = len(table) + 2
        word = bytes([byte])
    codes += [table[word], 257]
    size = 258
    for i, code in enumerate(codes):
        value, bits = (value << width) | code, bits + width
        while bits >= 8:
            bits -= 8
            out.append((value >> bits) & 0xFF)
        if i >= 2 and size < 4096:
            size += 1
            if size + 1 >= 1 << width and width < 12:
                width += 1
    if bits:
        out.append((value << (8 - bits)) & 0xFF)
    return bytes(out)


def test_a_deflate_bomb_is_one_line_before_any_reader_inflates_it() -> None:
    data = _pdf(_spaces(200 * MB), ["FlateDecode"])
    assert len(data) < 300_000
    with pytest.raises(InputError) as info:
        read_pdf(data, "bomb.pdf")
    assert str(info.value) == (
        "bomb.pdf: is too large when decompressed "
        "(a compressed stream expands to more than 128 MB); not linted"
    )


def test_a_double_deflate_bomb_is_refused_without_inflating_it_whole() -> None:
    data = _pdf(zlib.compress(_spaces(200 * MB), 9), ["FlateDecode", "FlateDecode"])
    assert len(data) < 10_000
    with pytest.raises(InputError, match="too large when decompressed"):
        check_streams(data, "bomb.pdf", max_stream=16 * MB)


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("LZWDecode", _lzw_encode),
        ("ASCIIHexDecode", lambda data: binascii.hexlify(data) + b">"),
        ("ASCII85Decode", lambda data: base64.a85encode(data) + b"~>"),
    ],
)
def test_every_filter_is_counted(name: str, encode: object) -> None:
    assert callable(encode)
    content = TEXT + b" " * 200_000
    check_streams(_pdf(encode(content), [name]), "ok.pdf", max_stream=len(content) + 10)
    with pytest.raises(InputError, match="too large when decompressed"):
        check_streams(_pdf(encode(content), [name]), "big.pdf", max_stream=len(content) - 10)


def test_lzw_counts_what_pdfminer_decodes() -> None:
    from pdfminer.lzw import lzwdecode

    content = (TEXT * 50) + bytes(range(256)) * 30 + b"a" * 20_000
    encoded = _lzw_encode(content)
    assert lzwdecode(encoded) == content
    assert b"".join(_lzw([encoded[:777], encoded[777:]])) == content


def _a85_cases() -> list[bytes]:
    """Ascii85 text of every shape: zero groups, short tails, damage, overflow, spaces."""
    rnd = random.Random(85)
    digits = bytes(range(33, 118)) + b"z \n\t\r\x0by{~"
    cases = [b"", b"z", b"zz", b"!", b"u", b"uu", b"s8W-!", b's8W-"', b"uuuuu", b"!!z!!"]
    for i in range(3000):
        if i % 2:
            data = bytes(rnd.choice([0, 0, 0, 0, 32, 255, rnd.randrange(256)]) for _ in range(40))
            text = base64.a85encode(data[: rnd.randrange(41)])
            if text and rnd.random() < 0.3:  # one character damaged
                at = rnd.randrange(len(text))
                text = text[:at] + bytes([rnd.choice(digits)]) + text[at + 1 :]
            cases.append(text[: rnd.randrange(len(text) + 1)] if rnd.random() < 0.3 else text)
        else:
            cases.append(bytes(rnd.choice(digits) for _ in range(rnd.randrange(30))))
    return cases


def _outcome(decode: Callable[[bytes], bytes], text: bytes) -> object:
    try:
        return decode(text)
    except ValueError as exc:
        return ("ValueError", str(exc))


def test_ascii85_decodes_as_the_standard_library_does() -> None:
    cases = _a85_cases()
    outcomes = [_outcome(a85decode, text) for text in cases]
    assert outcomes == [_outcome(base64.a85decode, text) for text in cases]
    errors = {o[1].split(":")[0] for o in outcomes if isinstance(o, tuple)}
    assert {"Ascii85 overflow", "z inside Ascii85 5-tuple", "Non-Ascii85 digit found"} <= errors
    big = bytes(range(256)) * 4000 + bytes(5000)
    assert a85decode(base64.a85encode(big)) == big


def test_a_stream_deflated_under_an_indirect_filter_is_still_counted() -> None:
    data = _pdf(_spaces(32 * MB), dictionary=b" /Filter 6 0 R")
    data = data.replace(b"xref\n", b"6 0 obj\n/FlateDecode\nendobj\nxref\n")
    with pytest.raises(InputError, match="too large when decompressed"):
        check_streams(data, "hidden.pdf", max_stream=16 * MB)
    # With no /Filter at all, zlib data is counted as pdfium would inflate it.
    with pytest.raises(InputError, match="too large when decompressed"):
        check_streams(_pdf(_spaces(32 * MB)), "bare.pdf", max_stream=16 * MB)


def test_the_letters_obj_in_a_value_do_not_hide_the_filter() -> None:
    # /Filter comes before a value holding "obj": the dictionary is read from the
    # object's header, not from the last "obj" in the bytes.
    encoded = binascii.hexlify(_spaces(32 * MB)) + b">"
    data = _pdf(encoded, ["ASCIIHexDecode", "FlateDecode"], dictionary=b" /Title (myobj)")
    with pytest.raises(InputError, match="too large when decompressed"):
        check_streams(data, "titled.pdf", max_stream=16 * MB)


def test_the_total_over_all_streams_is_bounded() -> None:
    stream = zlib.compress(TEXT + b" " * (3 * MB))
    data = _pdf(stream, ["FlateDecode"])
    check_streams(data, "one.pdf", max_stream=4 * MB, max_total=4 * MB)
    many = data.replace(
        b"xref\n",
        b"".join(
            b"%d 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream\nendobj\n"
            % (n, len(stream), stream)
            for n in range(6, 9)
        )
        + b"xref\n",
    )
    with pytest.raises(InputError, match="its compressed streams expand to more than 8 MB"):
        check_streams(many, "many.pdf", max_stream=4 * MB, max_total=8 * MB)


def test_ordinary_pdfs_pass_the_guard(tmp_path: Path) -> None:
    fixtures = Path(__file__).resolve().parents[2] / "fixtures"
    real = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "real"
    paths = [*fixtures.glob("*/*.pdf"), *real.glob("*.pdf")]
    assert len(paths) >= 5
    for path in paths:
        check_streams(path.read_bytes(), str(path))
    report = speclint.check_bytes(_pdf(zlib.compress(TEXT), ["FlateDecode"]), "pdf", path="x.pdf")
    assert not report.errors and [f.path for f in report.files] == ["x.pdf"]


def test_the_cli_reports_a_bomb_in_one_line_and_lints_the_rest(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(_pdf(_spaces(200 * MB), ["FlateDecode"]))
    good = tmp_path / "good.md"
    good.write_text("4.1 Payment is withheld until the target is met.\n", encoding="utf-8")
    code, out, err = run_cli("check", "--no-cache", str(bomb), str(good))
    assert code == 2
    assert err.splitlines() == [
        f"speclint: error: {bomb}: is too large when decompressed "
        "(a compressed stream expands to more than 128 MB); not linted"
    ]
    assert "good.md" in out


# --------------------------------------------------------------------------- the old variable


def test_the_old_pdf_variable_is_the_default_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SPECLINT_PDF_TIMEOUT", raising=False)
    assert Settings().timeout == 60
    for junk in ("", "soon", "0", "-3", "nan", "inf"):
        monkeypatch.setenv("SPECLINT_PDF_TIMEOUT", junk)
        assert default_timeout() == 60
    monkeypatch.setenv("SPECLINT_PDF_TIMEOUT", "7.5")
    assert Settings().timeout == 7.5
    assert Settings().with_limits(20, None).timeout == 20  # --timeout wins


def test_a_configured_timeout_wins_over_the_old_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPECLINT_PDF_TIMEOUT", "7.5")
    config = tmp_path / "speclint.toml"
    config.write_text("timeout = 30\n", encoding="utf-8")
    assert load_file(config).timeout == 30
    config.write_text('fail-on = "error"\n', encoding="utf-8")
    assert load_file(config).timeout == 7.5


def test_the_old_variable_stops_a_file_from_outside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = Path(__file__).resolve().parents[2] / "fixtures" / "pdf" / "spec_multipage.pdf"
    monkeypatch.setenv("SPECLINT_PDF_TIMEOUT", "0.000001")
    code, _out, err = run_cli("check", "--no-cache", str(spec))
    assert code == 2
    assert err.splitlines() == [f"speclint: error: {spec}: took longer than 1e-06 s; not linted"]
    code, out, err = run_cli("check", "--no-cache", "--timeout", "60", str(spec))
    assert code in (0, 1) and not err and "spec_multipage.pdf" in out


def test_a_panic_out_of_memory_in_pydantic_costs_only_its_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """pydantic-core reports a MemoryError in Rust as a PanicException (a BaseException)."""
    from speclint import api

    class PanicException(BaseException):
        pass

    def lint() -> None:
        try:
            raise MemoryError
        except MemoryError:
            raise PanicException("PyObject pointer is null") from None

    result = api._guarded("wide.docx", lint)
    assert isinstance(result, FileError)
    assert "memory" in result.message and "internal error" not in result.message


def test_a_row_of_thousands_of_cells_does_not_copy_the_header_per_cell() -> None:
    """Each cell's block holds at most 64 header texts, not the whole row's."""
    from speclint.models import MAX_HEADER_COLUMNS, Block

    header = tuple(f"Measure {i}" for i in range(20_000))
    block = Block(text="Payment is withheld.", kind="table_cell", header=header)
    assert block.header == header[:MAX_HEADER_COLUMNS]
    assert Block(text="x", header=header[:3]).header == header[:3]


def test_images_are_not_inflated_to_read_text() -> None:
    image = b" /Subtype /Image /Width 4096 /Height 4096 /BitsPerComponent 8"
    data = _pdf(_spaces(32 * MB), ["FlateDecode"], dictionary=image)
    check_streams(data, "photo.pdf", max_stream=16 * MB)
    with pytest.raises(InputError, match="too large when decompressed"):
        check_streams(data.replace(b"/Image", b"/Form "), "form.pdf", max_stream=16 * MB)


@pytest.mark.parametrize("finder", ["paths", "pdfplumber"])
def test_running_out_of_memory_in_the_table_finder_is_never_read_as_no_table(
    monkeypatch: pytest.MonkeyPatch, finder: str
) -> None:
    """A MemoryError must fail the file (one line), not silently drop its tables.

    Whichever finder reads the page: the one on pdfium's paths, or pdfplumber's for a
    page that one leaves to it.
    """
    import pdfplumber.page

    from speclint.parsers import pdf as pdf_parser
    from speclint.parsers import pdf_ruling

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    if finder == "paths":
        monkeypatch.setattr(pdf_ruling, "_cells", exhausted)
    else:
        monkeypatch.setattr(pdf_parser, "ruled_tables", lambda *args: None)
        monkeypatch.setattr(pdfplumber.page.Page, "find_tables", exhausted)
    boxed = Path(__file__).resolve().parents[2] / "fixtures" / "pdf" / "boxed_spec.pdf"
    with pytest.raises(MemoryError):
        read_pdf(boxed.read_bytes(), "boxed.pdf")
    report = speclint.check_bytes(boxed.read_bytes(), "pdf", path="boxed.pdf")
    assert [e.message for e in report.errors] == [
        "needed more memory than this machine could give; not linted"
    ]
