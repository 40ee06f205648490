"""Write one text in other file formats, so tests can check every reader on the same content.

Plain functions (no pytest needed). Each takes the text and a target path and returns the path.
"""

from __future__ import annotations

import html
import importlib.resources
import os
from pathlib import Path

__all__ = [
    "simhei_font_path",
    "write_gb18030_txt",
    "write_utf16_txt",
    "write_utf8_bom_txt",
    "write_docx",
    "write_html",
    "write_pdf",
    "write_pdf_without_text",
    "HTML_BOILERPLATE_WORDS",
]

#: Words the page written by :func:`write_html` has outside its content: in the ``<script>``,
#: the ``<style>``, the ``<nav>`` menu, the breadcrumb, the share bar and the footer. None of
#: them occurs in the founding text, so a reader that returns any of them leaked page furniture.
HTML_BOILERPLATE_WORDS = {
    "script": "统计脚本变量",
    "style": "微软雅黑",
    "nav": "机构概况",
    "nav2": "互动交流",
    "breadcrumb": "当前位置",
    "share": "分享到",
    "footer": "版权所有",
    "footer2": "网站标识码",
}

_PDF_FONT_SIZE = 8  # points
_PDF_LINE_HEIGHT = 4  # mm
_PDF_MARGIN = 10  # mm
_PDF_PAGE_HEIGHT = 297  # mm (A4 height; the width grows with the longest line)


def simhei_font_path() -> Path:
    """Return the SimHei TrueType font shipped in the mplfonts package."""
    font = importlib.resources.files("mplfonts") / "fonts" / "SimHei.ttf"
    return Path(os.fspath(font))


def write_gb18030_txt(text: str, path: str | os.PathLike[str]) -> Path:
    """Write ``text`` encoded as GB18030 (no BOM)."""
    target = Path(path)
    target.write_bytes(text.encode("gb18030"))
    return target


def write_utf16_txt(
    text: str, path: str | os.PathLike[str], *, big_endian: bool = False
) -> Path:
    """Write ``text`` as UTF-16 with a byte-order mark (little-endian unless ``big_endian``)."""
    target = Path(path)
    if big_endian:
        target.write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))
    else:
        target.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    return target


def write_utf8_bom_txt(text: str, path: str | os.PathLike[str]) -> Path:
    """Write ``text`` as UTF-8 with a byte-order mark."""
    target = Path(path)
    target.write_bytes(text.encode("utf-8-sig"))
    return target


def write_docx(text: str, path: str | os.PathLike[str]) -> Path:
    """Write a .docx with one paragraph per line of ``text`` (empty lines give empty paragraphs)."""
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    target = Path(path)
    document.save(os.fspath(target))
    return target


def write_html(text: str, path: str | os.PathLike[str], *, encoding: str = "utf-8") -> Path:
    """Write a realistic Chinese government page holding ``text`` in ``<div id="zoom">``.

    The page has a ``<head>`` declaring ``encoding`` in ``<meta charset>``, a ``<script>`` and a
    ``<style>``, a ``<nav>`` menu, a breadcrumb, a share bar and a footer, all with the Chinese
    words of :data:`HTML_BOILERPLATE_WORDS`; each line of ``text`` is one ``<p>`` (empty lines are
    skipped: an empty ``<p>`` shows nothing). The bytes are encoded with ``encoding``.
    """
    words = HTML_BOILERPLATE_WORDS
    paragraphs = "\n".join(
        f"      <p style=\"text-indent: 2em;\">{html.escape(line)}</p>"
        for line in text.split("\n")
        if line.strip()
    )
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="{encoding}">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>济南市人民政府 政策文件</title>
  <style>
    body {{ font-family: "{words['style']}", sans-serif; }}
    #zoom p {{ line-height: 2; }}
  </style>
  <script type="text/javascript">
    var siteName = "{words['script']}";
    if (window.console) {{ console.log(siteName + " <p>not text</p>"); }}
  </script>
</head>
<body>
  <div class="header">
    <nav class="main-nav">
      <ul>
        <li><a href="/">首页</a></li>
        <li><a href="/jggk/">{words['nav']}</a></li>
        <li><a href="/zwgk/">政务公开</a></li>
        <li><a href="/hdjl/">{words['nav2']}</a></li>
      </ul>
    </nav>
  </div>
  <div class="container">
    <div class="breadcrumb">{words['breadcrumb']}：<a href="/">首页</a> &gt;
      <a href="/zcwj/">政策文件</a></div>
    <div class="article-body">
      <div id="zoom" class="TRS_Editor">
{paragraphs}
      </div>
    </div>
    <div class="bdsharebuttonbox"><span>{words['share']}：</span>
      <a href="#" class="bds_weixin">微信</a></div>
  </div>
  <footer class="footer">
    <p>{words['footer']}：济南市人民政府办公厅　{words['footer2']}：3701000001</p>
    <p>鲁ICP备05001234号</p>
  </footer>
  <script>document.write("<span>{words['script']}</span>");</script>
</body>
</html>
"""
    target = Path(path)
    target.write_bytes(page.encode(encoding))
    return target


def write_pdf(text: str, path: str | os.PathLike[str]) -> Path:
    """Write a PDF with one line of ``text`` per PDF line, in SimHei (from mplfonts).

    The page is made wide enough for the longest line (so nothing wraps) and A4-high; lines run
    on to further pages as needed. Empty lines are written as empty PDF lines (vertical space).
    """
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    pdf = FPDF(unit="mm", format="A4")
    pdf.add_font("SimHei", fname=os.fspath(simhei_font_path()))
    pdf.set_font("SimHei", size=_PDF_FONT_SIZE)
    pdf.set_margins(_PDF_MARGIN, _PDF_MARGIN, _PDF_MARGIN)
    pdf.set_auto_page_break(True, margin=_PDF_MARGIN)
    lines = text.split("\n")
    widest = max((pdf.get_string_width(line) for line in lines), default=0.0)
    width = max(210.0, widest + 2 * _PDF_MARGIN + 10)
    pdf.add_page(format=(width, _PDF_PAGE_HEIGHT))
    for line in lines:
        pdf.cell(w=0, h=_PDF_LINE_HEIGHT, text=line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    target = Path(path)
    pdf.output(os.fspath(target))
    return target


def write_pdf_without_text(path: str | os.PathLike[str], *, pages: int = 1) -> Path:
    """Write a PDF whose pages hold only a drawn rectangle: no text layer, like a scan."""
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="A4")
    for _ in range(pages):
        pdf.add_page()
        pdf.set_fill_color(200, 200, 200)
        pdf.rect(20, 20, 170, 250, style="DF")
    target = Path(path)
    pdf.output(os.fspath(target))
    return target
