"""pandas views of a parsed document (the model stays the dataclasses; these are tables of it).

``*_rows`` give plain lists of dicts (no pandas import: the CLI's CSV output uses them);
``*_frame`` wrap them in a :class:`pandas.DataFrame`.

>>> from qqtext.corpus import load_document
>>> frame = articles_frame(load_document("jinan-2019"))
>>> frame.groupby("chapter_title", sort=False).size().to_dict()
{'总则': 4, '优化政务服务': 8, '规范政商交往': 1, '严格落实责任': 7, '附则': 3}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from qqtext.model import Document

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["article_rows", "section_rows", "articles_frame", "sections_frame", "ARTICLE_COLUMNS", "SECTION_COLUMNS"]

ARTICLE_COLUMNS = (
    "doc", "id", "number", "heading", "part", "chapter", "chapter_title", "subchapter",
    "paragraphs", "items", "sentences", "chars", "start", "end", "text",
)
SECTION_COLUMNS = ("doc", "id", "number", "title", "paragraphs", "items", "sentences", "chars", "start", "end", "text")


def article_rows(doc: Document) -> list[dict[str, Any]]:
    """One dict per article with the columns of :data:`ARTICLE_COLUMNS`.

    ``chars`` counts the article's characters without line breaks; ``start``/``end`` are offsets into
    ``doc.text``; ``chapter_title`` is the title of the article's 章 (or unnumbered group).
    """
    chapter_titles: dict[int, str] = {}
    for heading in doc.headings:
        if heading.level == "chapter":
            for number in heading.articles:
                chapter_titles.setdefault(number, heading.title)
    return [
        {
            "doc": doc.id,
            "id": article.id,
            "number": article.number,
            "heading": article.heading,
            "part": article.part,
            "chapter": article.chapter,
            "chapter_title": chapter_titles.get(article.number),
            "subchapter": article.subchapter,
            "paragraphs": len(article.paragraphs),
            "items": len(article.items),
            "sentences": len(article.sentences),
            "chars": len(article.text.replace("\n", "")),
            "start": article.span.start,
            "end": article.span.end,
            "text": article.text,
        }
        for article in doc.articles
    ]


def section_rows(doc: Document) -> list[dict[str, Any]]:
    """One dict per 意见-style section with the columns of :data:`SECTION_COLUMNS`."""
    return [
        {
            "doc": doc.id,
            "id": section.id,
            "number": section.number,
            "title": section.title,
            "paragraphs": len(section.paragraphs),
            "items": len(section.items),
            "sentences": sum(len(p.sentences) + sum(len(i.sentences) for i in p.items) for p in section.paragraphs),
            "chars": len(section.text.replace("\n", "")),
            "start": section.span.start,
            "end": section.span.end,
            "text": section.text,
        }
        for section in doc.sections
    ]


def articles_frame(doc: Document) -> pd.DataFrame:
    """The articles of ``doc`` as a DataFrame (columns :data:`ARTICLE_COLUMNS`, one row per article)."""
    import pandas as pd

    frame = pd.DataFrame(article_rows(doc), columns=list(ARTICLE_COLUMNS))
    for column in ("part", "chapter", "subchapter"):
        frame[column] = frame[column].astype("Int64")
    return frame


def sections_frame(doc: Document) -> pd.DataFrame:
    """The 意见-style sections of ``doc`` as a DataFrame (columns :data:`SECTION_COLUMNS`)."""
    import pandas as pd

    return pd.DataFrame(section_rows(doc), columns=list(SECTION_COLUMNS))
