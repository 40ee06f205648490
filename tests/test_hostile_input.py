"""Hostile and huge input: each case is refused quickly with one line naming the file and the limit.

Every input is generated here and kept small: a zip bomb is a few kilobytes that declare (or
inflate to) far more, limits are lowered with their environment variables where the real ones
would need big files. Speed goals are for ``bench/bench_hostile.py``, not for unit tests.
"""

from __future__ import annotations

import io
import struct
import sys
import warnings
import zipfile
import zlib
from pathlib import Path

import pytest

from qqtext.cli import main
from qqtext.errors import ConfigurationError, LimitError, QqtextError, ReadError
from qqtext.limits import LIMITS, describe, limit, overridden
from qqtext.numerals import to_chinese_number
from qqtext.parse import parse_text
from qqtext.read import read_text

sys.path.insert(0, str(Path(__file__).parent))
from make_formats import write_docx, write_pdf  # noqa: E402

ARTICLE = "第一条　机关单位工作人员在与企业交往中，应当坚持依法办事、公正廉洁。\n"


def one_line_error(excinfo: pytest.ExceptionInfo[BaseException], path: Path, variable: str) -> str:
    message = str(excinfo.value)
    assert "\n" not in message
    assert str(path) in message
    assert variable in message
    return message


def cli_error(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith("qqtext: error: ")
    assert str(path) in err
    return err


# --------------------------------------------------------------------------------------------
# Word: zip bombs are refused from the ZIP directory, before python-docx opens anything


def _add_part(source: Path, target: Path, name: str, data: bytes) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item, old.read(item.filename))
        new.writestr(name, data)
    return target


def _declare_size(path: Path, name: str, size: int) -> None:
    """Rewrite the uncompressed size the central directory declares for ``name``."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_length].decode() == name:
            struct.pack_into("<I", data, at + 24, size)
            path.write_bytes(bytes(data))
            return
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError(f"no central directory entry for {name}")


@pytest.fixture()
def small_docx(tmp_path: Path) -> Path:
    return write_docx(ARTICLE * 3, tmp_path / "small.docx")


@pytest.fixture()
def no_python_docx(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if python-docx is asked to open the package."""
    import docx

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("python-docx opened a package that should have been refused")

    monkeypatch.setattr(docx, "Document", refuse)


def test_docx_part_compressed_too_much(
    tmp_path: Path, small_docx: Path, no_python_docx: None, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = _add_part(small_docx, tmp_path / "bomb.docx", "word/media/padding.xml", bytes(3_000_000))
    assert bomb.stat().st_size < 100_000
    with pytest.raises(LimitError) as excinfo:
        read_text(bomb)
    message = one_line_error(excinfo, bomb, "QQTEXT_MAX_ZIP_RATIO")
    assert "word/media/padding.xml" in message
    assert "QQTEXT_MAX_ZIP_RATIO" in cli_error(bomb, capsys)


def test_docx_part_declaring_gigabytes(tmp_path: Path, small_docx: Path, no_python_docx: None) -> None:
    bomb = _add_part(small_docx, tmp_path / "declared.docx", "word/huge.xml", b"<x/>" * 10)
    _declare_size(bomb, "word/huge.xml", 4_000_000_000)
    with pytest.raises(LimitError) as excinfo:
        read_text(bomb)
    assert "4,000.0 MB" in one_line_error(excinfo, bomb, "QQTEXT_MAX_ZIP_ENTRY_MB")


def test_docx_total_uncompressed_size(
    tmp_path: Path, small_docx: Path, no_python_docx: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QQTEXT_MAX_ZIP_TOTAL_MB", "0.05")
    padded = _add_part(small_docx, tmp_path / "padded.docx", "word/media/a.bin", bytes(60_000))
    with pytest.raises(LimitError) as excinfo:
        read_text(padded)
    one_line_error(excinfo, padded, "QQTEXT_MAX_ZIP_TOTAL_MB")


def test_docx_within_limits_still_reads(small_docx: Path) -> None:
    assert read_text(small_docx).startswith("第一条")


def test_docx_text_over_text_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_docx(ARTICLE * 400, tmp_path / "long.docx")
    monkeypatch.setenv("QQTEXT_MAX_TEXT_MB", "0.01")
    with pytest.raises(LimitError) as excinfo:
        read_text(path)
    assert "the text read from it" in one_line_error(excinfo, path, "QQTEXT_MAX_TEXT_MB")


# --------------------------------------------------------------------------------------------
# PDF: a small file with a huge stream, and too many pages


def _pdf_with_stream(content: bytes) -> bytes:
    """A one-page PDF whose content stream is ``content``, Flate-compressed."""
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def test_pdf_stream_over_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "stream.pdf"
    path.write_bytes(_pdf_with_stream(b"q Q\n" * 1_000_000))  # 4 MB of content, a few KB on disk
    assert path.stat().st_size < 50_000
    monkeypatch.setenv("QQTEXT_MAX_PDF_STREAM_MB", "1")
    with pytest.raises(LimitError) as excinfo:
        read_text(path)
    assert "more than 1.0 MB" in one_line_error(excinfo, path, "QQTEXT_MAX_PDF_STREAM_MB")
    assert "QQTEXT_MAX_PDF_STREAM_MB" in cli_error(path, capsys)


def test_pdf_stream_under_limit_reads_as_before(tmp_path: Path) -> None:
    path = tmp_path / "text.pdf"
    path.write_bytes(_pdf_with_stream(b"BT /F1 12 Tf 72 700 Td (Article one) Tj ET\n"))
    # no font resource: pdfminer still extracts the string, a box per glyph
    assert "Articleone" in read_text(path).replace("\n", "")


def test_pdf_pages_over_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_pdf(ARTICLE * 200, tmp_path / "pages.pdf")  # several A4 pages
    monkeypatch.setenv("QQTEXT_MAX_PDF_PAGES", "1")
    with pytest.raises(LimitError) as excinfo:
        read_text(path)
    assert "pages" in one_line_error(excinfo, path, "QQTEXT_MAX_PDF_PAGES")


# --------------------------------------------------------------------------------------------
# HTML: deep nesting and size


def test_html_nested_too_deeply(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    depth = 20_000
    path = tmp_path / "deep.html"
    path.write_text(
        "<html><body>" + '<div class="content">' * depth + "第一条 正文。" + "</div>" * depth + "</body></html>",
        encoding="utf-8",
    )
    with pytest.raises(LimitError) as excinfo:
        read_text(path)
    message = one_line_error(excinfo, path, "QQTEXT_MAX_HTML_DEPTH")
    assert "nest 20,00" in message
    assert "QQTEXT_MAX_HTML_DEPTH" in cli_error(path, capsys)


def test_html_deep_nesting_allowed_when_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    depth = 5_000
    path = tmp_path / "deep.html"
    path.write_text(
        "<html><body><nav>首页</nav>" + '<div class="content">' * depth + "<p>第一条 正文。</p>"
        + "</div>" * depth + "<footer>版权所有</footer></body></html>",
        encoding="utf-8",
    )
    monkeypatch.setenv("QQTEXT_MAX_HTML_DEPTH", "0")  # 0 switches the limit off
    assert read_text(path) == "第一条 正文。"


def test_html_file_over_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.html"
    path.write_text("<html><body>" + "<p>第一条 正文。</p>" * 2000 + "</body></html>", encoding="utf-8")
    monkeypatch.setenv("QQTEXT_MAX_HTML_MB", "0.01")
    with pytest.raises(LimitError) as excinfo:
        read_text(path)
    assert "the HTML file is" in one_line_error(excinfo, path, "QQTEXT_MAX_HTML_MB")


# --------------------------------------------------------------------------------------------
# Plain text and any file


def test_text_over_limit_lowered_by_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE * 20_000, encoding="utf-8")  # about 2 MB
    monkeypatch.setenv("QQTEXT_MAX_TEXT_MB", "1")
    with pytest.raises(LimitError) as excinfo:
        read_text(path)
    message = one_line_error(excinfo, path, "QQTEXT_MAX_TEXT_MB")
    assert "over the limit of 1.0 MB" in message
    assert "QQTEXT_MAX_TEXT_MB" in cli_error(path, capsys)


def test_any_file_over_file_limit(tmp_path: Path, small_docx: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QQTEXT_MAX_FILE_MB", "0.001")
    with pytest.raises(LimitError) as excinfo:
        read_text(small_docx)
    one_line_error(excinfo, small_docx, "QQTEXT_MAX_FILE_MB")


def test_limit_error_is_a_read_error() -> None:
    assert issubclass(LimitError, ReadError) and issubclass(LimitError, QqtextError)


# --------------------------------------------------------------------------------------------
# The limits themselves


@pytest.mark.parametrize("name", sorted(LIMITS), ids=sorted(LIMITS))
def test_every_limit_has_a_default_and_a_variable(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    definition = LIMITS[name]
    monkeypatch.delenv(definition.env, raising=False)
    assert limit(name) == definition.default
    monkeypatch.setenv(definition.env, "7")
    assert limit(name) == 7
    assert definition.env in describe(name)


def test_override_beats_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QQTEXT_MAX_TEXT_MB", "5")
    with overridden(text_mb=2):
        assert limit("text_mb") == 2
    assert limit("text_mb") == 5


def test_bad_environment_value_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setenv("QQTEXT_MAX_FILE_MB", "ten")
    with pytest.raises(ConfigurationError, match=r"QQTEXT_MAX_FILE_MB='ten' is not a number"):
        read_text(path)


def test_unknown_limit_name() -> None:
    with pytest.raises(ConfigurationError, match="unknown limit"):
        with overridden(no_such_limit=1):
            pass


# --------------------------------------------------------------------------------------------
# Size alone is no error


def _structured(size: int) -> str:
    parts: list[str] = []
    total = 0
    article = 0
    while total < size:
        article += 1
        block = (
            f"第{to_chinese_number(article)}条　机关单位工作人员在与企业交往中，不得有下列行为：\n"
            + "".join(f"（{to_chinese_number(i)}）接受企业安排的宴请、旅游、健身、娱乐等活动；\n" for i in range(1, 5))
        )
        parts.append(block)
        total += len(block.encode("utf-8"))
    return "".join(parts)


def test_two_megabyte_document_parses() -> None:
    text = _structured(2_000_000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a well-numbered text gives no warning
        doc = parse_text(text, doc_id="big")
    count = text.count("条　")
    assert len(doc.articles) == count
    assert doc.articles[-1].number == count
    assert all(len(article.items) == 4 for article in doc.articles)


def test_many_short_title_lines_and_group_headings_parse() -> None:
    # shapes that took quadratic time: many lines before the body, many unnumbered group titles
    front = "".join(f"标题行{i}\n" for i in range(3000))
    groups = "".join(f"第{to_chinese_number(i)}组规范\n第{to_chinese_number(i)}条　应当依法办事。\n" for i in range(1, 3000))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = parse_text(front + "前言，说明如下。\n" + groups, doc_id="shapes")
    assert len(doc.articles) == 2999
    assert doc.title.startswith("标题行0标题行1")


def test_a_misprinted_article_number_in_a_reference_is_a_warning_not_a_crash(tmp_path, capsys):
    # 第十十八条 stands in a real regulation (洛阳市森林公园管理条例, 第三十二条（七）)
    from qqtext.errors import StructureWarning
    from qqtext.extract.references import UNRESOLVED, extract_references
    from qqtext.graph import build_graph

    text = "第一条 为了保护森林公园，制定本条例。\n第二条 违反第十十八条规定的，依照第一条处罚。\n"
    doc = parse_text(text, doc_id="misprint")
    with pytest.warns(StructureWarning, match="第十十八条 names no article number"):
        references = extract_references(doc)
    assert [r.target for r in references if r.kind == "internal"] == ["self", UNRESOLVED, "art-1"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        graph = build_graph(doc)
    assert f"{doc.id}/art-1" in graph
    path = tmp_path / "misprint.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["graph", str(path), "-o", str(tmp_path / "g.json")]) == 0
    assert "第十十八条" in capsys.readouterr().err
