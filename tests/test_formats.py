"""The Jinan text converted by the test itself to other formats parses to the same structure."""

from __future__ import annotations

import re

import pytest

import make_formats
from qqtext import load_document

WRITERS = {
    "gb18030.txt": make_formats.write_gb18030_txt,
    "utf16.txt": make_formats.write_utf16_txt,
    "utf8-bom.md": make_formats.write_utf8_bom_txt,
    "docx": make_formats.write_docx,
    "html": make_formats.write_html,
    "gbk.html": lambda text, path: make_formats.write_html(text, path, encoding="gb18030"),
    "pdf": make_formats.write_pdf,
}


def structure(doc):
    squeeze = re.compile(r"\s+")
    return {
        "title": doc.title,
        "issuers": doc.issuers,
        "date": doc.date,
        "chapters": [(h.number, h.title, h.articles) for h in doc.chapters],
        "articles": [(a.number, a.chapter, len(a.paragraphs), [i.number for i in a.items]) for a in doc.articles],
        "texts": [squeeze.sub("", a.text) for a in doc.articles],
        "cc": doc.cc,
    }


@pytest.fixture(scope="module")
def expected(jinan_text):
    from qqtext import parse_text

    return structure(parse_text(jinan_text, doc_id="jinan"))


@pytest.mark.parametrize("kind", list(WRITERS))
def test_same_structure_in_every_format(tmp_path, jinan_text, expected, kind):
    suffix = "." + kind.rsplit(".", 1)[-1]
    path = WRITERS[kind](jinan_text, tmp_path / f"jinan{suffix}")
    doc = load_document(path)
    assert structure(doc) == expected
    assert doc.warnings == ()
