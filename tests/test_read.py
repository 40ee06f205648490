"""Tests of qqtext.read: every supported format gives back the founding text, and bad files fail
with the right QqtextError subclass and a one-line message naming the file."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from qqtext.errors import (
    EmptyDocumentError,
    EncodingError,
    NoTextLayerError,
    QqtextError,
    ReadError,
    UnsupportedFormatError,
)
from qqtext.read import SUPPORTED_SUFFIXES, read_text

try:  # tests/ on sys.path (pytest's rootdir-less "prepend" import mode)
    import make_formats as mf
except ImportError:  # tests/ imported as a package
    from tests import make_formats as mf

CORPUS = Path(__file__).parents[1] / "corpus"
FOUNDING = CORPUS / "2019_jinan_qinqing-zhengshang-guanxi-shishi-banfa.txt"

#: 20-character GBK texts on which charset-normalizer alone guesses wrong (cp949, cp874, big5
#: with charset-normalizer 3.5); short texts are where detection fails.
SHORT_GBK_TEXTS = {
    "guessed-cp949": "府，市委各部门，市级国家机关各部门，各人",
    "guessed-cp874": "精神，贯彻省、市民营企业家座谈会精神，厘",
    "guessed-big5": "不为行为，做到政商之间既“亲”又“清”，",
    "no-punctuation": "党的机关国家机关民主党派机关人民团体单位",
    "gbk-only-char": "朱镕基同志强调要构建亲清新型政商关系",  # 镕 is in GBK, not in GB2312
    "mixed-ascii": "第1条 亲清政商关系 (2019年版)\n第2条 附则\n",
    "eight-chars": "亲清新型政商关系",
}

TRADITIONAL_TEXT = (
    "第三條 構建親清新型政商關係應當防止「親」而不「清」的官商勾結行為和「清」而不「親」的"
    "為官不為行為，做到政商之間既「親」又「清」。\n"
    "第四條 本辦法自發布之日起施行。\n"
)


def nonempty_lines(text: str) -> list[str]:
    """The stripped non-empty lines of ``text``."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def assert_clean(text: str) -> None:
    """Invariants of every read_text result."""
    assert "\r" not in text
    assert "\ufeff" not in text
    assert "\f" not in text
    assert text.split("\n") == text.splitlines() + ([""] if text.endswith("\n") else [])


@pytest.fixture(scope="module")
def founding_text() -> str:
    return FOUNDING.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def founding_pdf(tmp_path_factory: pytest.TempPathFactory, founding_text: str) -> Path:
    # Built once: loading the SimHei font takes most of a second.
    return mf.write_pdf(founding_text, tmp_path_factory.mktemp("pdf") / "founding.pdf")


# --------------------------------------------------------------------------------------------
# Plain text


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == frozenset(
        {".txt", ".text", ".md", ".markdown", ".docx", ".html", ".htm", ".xhtml", ".pdf"}
    )


def _write_bytes(encoding: str, text: str, path: Path) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


TEXT_WRITERS: dict[str, Callable[[str, Path], Path]] = {
    "utf-8": partial(_write_bytes, "utf-8"),
    "utf-8-bom": mf.write_utf8_bom_txt,
    "gb18030": mf.write_gb18030_txt,
    "gbk": partial(_write_bytes, "gbk"),
    "utf-16-le-bom": mf.write_utf16_txt,
    "utf-16-be-bom": partial(mf.write_utf16_txt, big_endian=True),
    "utf-16-le-no-bom": partial(_write_bytes, "utf-16-le"),
    "utf-16-be-no-bom": partial(_write_bytes, "utf-16-be"),
    "utf-32-bom": partial(_write_bytes, "utf-32"),
}


@pytest.mark.parametrize("writer", TEXT_WRITERS.values(), ids=TEXT_WRITERS.keys())
def test_plain_text_encodings_give_back_the_same_text(
    writer: Callable[[str, Path], Path], founding_text: str, tmp_path: Path
) -> None:
    text = read_text(writer(founding_text, tmp_path / "founding.txt"))
    assert text == founding_text
    assert_clean(text)


def test_founding_file_reads_as_is(founding_text: str) -> None:
    assert read_text(FOUNDING) == founding_text
    assert read_text(str(FOUNDING)) == founding_text


@pytest.mark.parametrize("suffix", [".txt", ".text", ".md", ".markdown", ".TXT", ".Md"])
def test_every_plain_text_suffix(suffix: str, tmp_path: Path) -> None:
    path = mf.write_gb18030_txt("# 标题\n\n**第一条** 正文。\n", tmp_path / f"doc{suffix}")
    assert read_text(path) == "# 标题\n\n**第一条** 正文。\n"


@pytest.mark.parametrize("text", SHORT_GBK_TEXTS.values(), ids=SHORT_GBK_TEXTS.keys())
def test_short_gbk_text_decodes_right(text: str, tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_bytes(text.encode("gbk"))
    assert read_text(path) == text


@pytest.mark.parametrize("length", [12, 30, len(TRADITIONAL_TEXT)], ids=lambda n: f"{n}-chars")
def test_big5_text_decodes_right(length: int, tmp_path: Path) -> None:
    text = TRADITIONAL_TEXT[:length]
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    assert read_text(path) == text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("第一条\r\n第二条\r\n", "第一条\n第二条\n"),
        ("第一条\r第二条\r", "第一条\n第二条\n"),
        ("甲\r\n\r\n乙\r丙\n丁", "甲\n\n乙\n丙\n丁"),
        ("甲\u2028乙\u2029丙\x0c丁", "甲\n乙\n丙\n丁"),
    ],
    ids=["crlf", "cr", "mixed", "unicode-separators"],
)
def test_line_breaks_become_newlines(raw: str, expected: str, tmp_path: Path) -> None:
    path = tmp_path / "breaks.txt"
    path.write_bytes(raw.encode("utf-8"))
    text = read_text(path)
    assert text == expected
    assert_clean(text)


@pytest.mark.parametrize(
    ("stored", "forced"),
    [
        ("gbk", "gbk"),
        ("gbk", "GB2312"),
        ("gb18030", "gb18030"),
        ("big5", "big5"),
        ("utf-8", "utf-8"),
    ],
    ids=["gbk", "gbk-as-gb2312-name", "gb18030", "big5", "utf-8"],
)
def test_forced_encoding(stored: str, forced: str, tmp_path: Path) -> None:
    text = "朱镕基同志：构建亲清新型政商关系。" if stored != "big5" else TRADITIONAL_TEXT
    path = tmp_path / "forced.txt"
    path.write_bytes(text.encode(stored))
    assert read_text(path, encoding=forced) == text


@pytest.mark.parametrize(
    "encoding", ["utf-8", "no-such-codec"], ids=["wrong-encoding", "unknown-encoding"]
)
def test_bad_forced_encoding_is_an_encoding_error(encoding: str, tmp_path: Path) -> None:
    path = tmp_path / "forced.txt"
    path.write_bytes("构建亲清新型政商关系".encode("gbk"))
    with pytest.raises(EncodingError) as info:
        read_text(path, encoding=encoding)
    assert "forced.txt" in str(info.value)
    assert encoding in str(info.value)
    assert "\n" not in str(info.value)


# --------------------------------------------------------------------------------------------
# Word


def test_docx_gives_back_the_same_lines(founding_text: str, tmp_path: Path) -> None:
    text = read_text(mf.write_docx(founding_text, tmp_path / "founding.docx"))
    assert nonempty_lines(text) == nonempty_lines(founding_text)
    assert_clean(text)


def test_docx_tables_are_read_in_body_order(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("第一条 前文。")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, [("甲", "乙"), ("丙", "")], strict=True):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    document.add_paragraph("第二条 后文。")
    path = tmp_path / "table.docx"
    document.save(str(path))
    # Row by row, cell by cell; the empty cell gives no line.
    assert read_text(path) == "第一条 前文。\n甲\n乙\n丙\n第二条 后文。"


# --------------------------------------------------------------------------------------------
# HTML


def _html_without_meta(text: str, path: Path) -> Path:
    mf.write_html(text, path, encoding="gb18030")
    path.write_bytes(path.read_bytes().replace(b'<meta charset="gb18030">', b""))
    return path


def _html_with_wrong_meta(text: str, path: Path) -> Path:
    # Declares UTF-8 but is GBK, as happens on old sites: detection must take over.
    mf.write_html(text, path, encoding="gbk")
    path.write_bytes(path.read_bytes().replace(b'<meta charset="gbk">', b'<meta charset="utf-8">'))
    return path


def _html_utf8_declared_gb2312(text: str, path: Path) -> Path:
    # A page converted to UTF-8 that kept its old declaration: gb18030 would decode it to junk.
    mf.write_html(text, path, encoding="utf-8")
    declared = path.read_bytes().replace(b'<meta charset="utf-8">', b'<meta charset="gb2312">')
    path.write_bytes(declared)
    return path


HTML_WRITERS: dict[str, Callable[[str, Path], Path]] = {
    "utf-8": mf.write_html,
    "gbk": partial(mf.write_html, encoding="gbk"),
    "gb18030": partial(mf.write_html, encoding="gb18030"),
    "gb18030-no-meta": _html_without_meta,
    "gbk-declared-utf-8": _html_with_wrong_meta,
    "utf-8-declared-gb2312": _html_utf8_declared_gb2312,
}


@pytest.mark.parametrize("writer", HTML_WRITERS.values(), ids=HTML_WRITERS.keys())
def test_html_gives_back_the_same_lines(
    writer: Callable[[str, Path], Path], founding_text: str, tmp_path: Path
) -> None:
    text = read_text(writer(founding_text, tmp_path / "founding.html"))
    assert nonempty_lines(text) == nonempty_lines(founding_text)
    for where, word in mf.HTML_BOILERPLATE_WORDS.items():
        assert word not in text, f"{where} text leaked: {word}"
    assert_clean(text)


def test_html_utf8_wins_over_a_stale_declaration(tmp_path: Path) -> None:
    # These UTF-8 bytes also decode as GB18030 without error (to 鏋勫缓浜叉竻...).
    text = "构建亲清新型政商关系"
    page = f'<html><head><meta charset="gb2312"></head><body><p>{text}</p></body></html>'
    path = tmp_path / "stale.html"
    path.write_bytes(page.encode("utf-8"))
    assert read_text(path) == text


@pytest.mark.parametrize("suffix", [".htm", ".xhtml"])
def test_html_suffixes(suffix: str, tmp_path: Path) -> None:
    page = (
        '<?xml version="1.0" encoding="gb2312"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head>'
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312" /></head>'
        "<body><p>第一条 构建亲清新型政商关系。</p></body></html>"
    )
    path = tmp_path / f"page{suffix}"
    path.write_bytes(page.encode("gbk"))
    assert read_text(path) == "第一条 构建亲清新型政商关系。"


def test_html_block_and_inline_layout(tmp_path: Path) -> None:
    page = """<html><body><div>
      <h1>关于构建亲清新型<br>政商关系的通知</h1>
      <p>第一条 <b>加粗</b>与<a href="#">链接</a>
         同在一行，  空格  合并。</p>
      <p>源码中换行的中文
         不插入空格 but English
         words keep one</p>
      <p>一<br><br><br><br>二</p>
      <ul><li>甲</li><li>乙</li></ul>
      <table><tr><th>项目</th><td>内容</td></tr></table>
      <pre>  第一行
  第二行</pre>
      <!-- 注释不出现 --><p style="display: none">隐藏不出现</p><p hidden>也不出现</p>
    </div></body></html>"""
    path = tmp_path / "layout.html"
    path.write_text(page, encoding="utf-8")
    # A source line break between two CJK characters vanishes (even across inline elements);
    # other white-space runs become one space.
    assert read_text(path) == (
        "关于构建亲清新型\n政商关系的通知\n"
        "第一条 加粗与链接同在一行， 空格 合并。\n"
        "源码中换行的中文不插入空格 but English words keep one\n"
        "一\n\n二\n"
        "甲\n乙\n项目\n内容\n"
        "第一行\n第二行"
    )


def test_html_prefers_the_main_container(tmp_path: Path) -> None:
    body = "".join(f"<p>第{n}条 规范政商交往行为，构建亲清新型政商关系。</p>" for n in range(1, 9))
    page = f"""<html><body>
      <div class="top">济南市人民政府门户网站</div>
      <div class="wrap">
        <div class="article">
          <h1>关于构建亲清新型政商关系的实施办法</h1>
          <div id="zoom">{body}</div>
        </div>
        <div class="related"><p>相关文章一</p><p>相关文章二</p></div>
      </div>
    </body></html>"""
    path = tmp_path / "main.html"
    path.write_text(page, encoding="utf-8")
    text = read_text(path)
    # #zoom holds most of the text; the enclosing .article adds only the title, so it is used.
    assert nonempty_lines(text)[0] == "关于构建亲清新型政商关系的实施办法"
    assert len(nonempty_lines(text)) == 9
    assert "门户网站" not in text
    assert "相关文章" not in text


def test_html_form_wrapping_the_whole_page_is_kept(tmp_path: Path) -> None:
    # ASP.NET pages put everything inside one <form>; it must not be dropped as furniture.
    page = """<html><body><form id="form1" method="post">
      <div class="nav">首页 政务公开</div>
      <p>第一条 为规范政商交往，制定本办法。</p>
      <p>第二条 本办法自发布之日起施行。</p>
      <div class="footer">版权所有</div>
    </form></body></html>"""
    path = tmp_path / "default.aspx.html"
    path.write_text(page, encoding="utf-8")
    assert read_text(path) == "第一条 为规范政商交往，制定本办法。\n第二条 本办法自发布之日起施行。"


# --------------------------------------------------------------------------------------------
# PDF


def test_pdf_gives_back_every_line(founding_pdf: Path, founding_text: str) -> None:
    text = read_text(founding_pdf)
    assert_clean(text)
    # pdfminer's layout analysis returns each PDF text line as one line; lines closer than half a
    # line height form one text box, and text boxes are separated by a blank line. So the
    # characters and the non-empty lines come back, while blank lines follow the PDF's spacing,
    # not the source's. Pages are joined by "\n" (the form feeds pdfminer emits are dropped).
    assert re.sub(r"\s", "", text) == re.sub(r"\s", "", founding_text)
    for line in nonempty_lines(founding_text):
        assert re.sub(r"\s", "", line) in re.sub(r"\s", "", text)
    # The page is wide enough that nothing wraps, so even the lines match one for one.
    assert nonempty_lines(text) == nonempty_lines(founding_text)


def test_pdf_pages_are_joined(founding_pdf: Path) -> None:
    pages = re.findall(rb"/Type\s*/Page\b", founding_pdf.read_bytes())
    assert len(pages) >= 2  # the founding text runs over more than one page
    assert "\f" not in read_text(founding_pdf)


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    path = mf.write_pdf_without_text(tmp_path / "scan.pdf", pages=2)
    with pytest.raises(NoTextLayerError) as info:
        read_text(path)
    message = str(info.value)
    assert "scan.pdf" in message
    assert "OCR" in message
    assert "\n" not in message


# --------------------------------------------------------------------------------------------
# Errors


def _write(data: bytes, name: str) -> Callable[[Path], Path]:
    def make(directory: Path) -> Path:
        path = directory / name
        path.write_bytes(data)
        return path

    return make


def _random_bytes_with_nuls(directory: Path) -> Path:
    # A fixed pseudo-random byte string (a linear congruential generator) with NULs in it.
    state, data = 12345, bytearray()
    for _ in range(4096):
        state = (state * 1103515245 + 12345) % 2**31
        data.append(state >> 23)
    data[100:104] = b"\x00\x00\x00\x00"
    path = directory / "随机.txt"
    path.write_bytes(bytes(data))
    return path


def _zip_renamed_docx(directory: Path) -> Path:
    path = directory / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "这不是 Word 文档")
    return path


def _directory(directory: Path) -> Path:
    path = directory / "folder.txt"
    path.mkdir()
    return path


def _docx_without_text(directory: Path) -> Path:
    return mf.write_docx("\n\n  \n", directory / "blank.docx")


def _html_without_text(directory: Path) -> Path:
    path = directory / "blank.html"
    path.write_text(
        "<html><head><title>标题</title><script>var a = '脚本';</script></head>"
        "<body><nav>首页</nav><footer>版权所有</footer></body></html>",
        encoding="utf-8",
    )
    return path


def _encrypted_pdf(directory: Path) -> Path:
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="secret")
    pdf.set_encryption(
        owner_password="owner", user_password="user", encryption_method=EncryptionMethod.RC4
    )
    path = directory / "locked.pdf"
    pdf.output(str(path))
    return path


def _truncated_pdf(directory: Path) -> Path:
    path = mf.write_pdf_without_text(directory / "broken.pdf")
    path.write_bytes(path.read_bytes()[:400])
    return path


PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"

ERROR_CASES: dict[str, tuple[Callable[[Path], Path], type[QqtextError]]] = {
    "empty-txt": (_write(b"", "empty.txt"), EmptyDocumentError),
    "whitespace-txt": (_write(" \n\t\r\n\u3000\n".encode(), "blank.txt"), EmptyDocumentError),
    "bom-only-txt": (_write(b"\xef\xbb\xbf\r\n", "bom.txt"), EmptyDocumentError),
    "empty-docx": (_write(b"", "empty.docx"), EmptyDocumentError),
    "blank-docx": (_docx_without_text, EmptyDocumentError),
    "furniture-only-html": (_html_without_text, EmptyDocumentError),
    "png-suffix": (_write(PNG_BYTES, "image.png"), UnsupportedFormatError),
    "no-suffix": (_write("正文".encode(), "README"), UnsupportedFormatError),
    "png-named-txt": (_write(PNG_BYTES, "image.txt"), UnsupportedFormatError),
    "elf-named-txt": (
        _write(b"\x7fELF\x02\x01\x01" + bytes(64), "program.txt"),
        UnsupportedFormatError,
    ),
    "random-bytes-with-nuls": (_random_bytes_with_nuls, UnsupportedFormatError),
    "legacy-doc-named-docx": (
        _write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "old.docx"),
        UnsupportedFormatError,
    ),
    "zip-named-docx": (_zip_renamed_docx, ReadError),
    "text-named-docx": (_write("这不是压缩包".encode(), "plain.docx"), ReadError),
    "text-named-pdf": (_write("这不是 PDF".encode(), "plain.pdf"), ReadError),
    "truncated-pdf": (_truncated_pdf, ReadError),
    "encrypted-pdf": (_encrypted_pdf, ReadError),
    "latin-1-txt": (
        _write("café au lait, crème brûlée\n".encode("latin-1"), "menu.txt"),
        EncodingError,
    ),
    "missing": (lambda directory: directory / "不存在.txt", ReadError),
    "directory": (_directory, ReadError),
}


@pytest.mark.parametrize(("make", "expected"), ERROR_CASES.values(), ids=ERROR_CASES.keys())
def test_bad_files_raise_the_right_error(
    make: Callable[[Path], Path], expected: type[QqtextError], tmp_path: Path
) -> None:
    path = make(tmp_path)
    with pytest.raises(QqtextError) as info:
        read_text(path)
    error = info.value
    assert type(error) is expected, f"{type(error).__name__}: {error}"
    message = str(error)
    assert path.name in message
    assert "\n" not in message
    assert message.startswith(str(path))


def test_encoding_error_message(tmp_path: Path) -> None:
    path = tmp_path / "menu.txt"
    path.write_bytes("café crème".encode("latin-1"))
    with pytest.raises(EncodingError, match="cannot determine the character encoding"):
        read_text(path)


# --------------------------------------------------------------------------------------------
# Start-up cost


def test_import_does_not_load_heavy_libraries() -> None:
    code = (
        "import sys, qqtext.read\n"
        "heavy = ('docx', 'pdfminer', 'bs4', 'lxml', 'charset_normalizer')\n"
        "print(' '.join(name for name in heavy if name in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""
