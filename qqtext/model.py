"""The document model: frozen, slotted dataclasses with stable ids and character offsets.

A :class:`Document` holds its text twice: ``source`` as read from the file, and ``text``, the
normalised form (one paragraph per line, see :mod:`qqtext.normalize`). Every unit carries ``span``,
its ``[start, end)`` offsets into ``Document.text``, and ``source_span``, the same stretch in
``Document.source``; ``document.text[unit.span.start:unit.span.end]`` is the unit's own text
(for an article: from its 第X条 heading to its last item).

Ids are stable and readable: ``jinan-2019/art-13``, ``jinan-2019/art-13/para-1``,
``jinan-2019/art-13/item-5``, ``jinan-2019/art-13/item-5/sent-1``, ``jinan-2019/chapter-3``,
``baxiang-2012/sec-2``. They derive from the document id and the numbers printed in the text, so
re-parsing the same text gives the same ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "Span",
    "Sentence",
    "Item",
    "Paragraph",
    "Article",
    "Heading",
    "Section",
    "Document",
    "HeadingLevel",
]

HeadingLevel = Literal["part", "chapter", "subchapter"]


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)``."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (ended by 。！？ or the end of its paragraph or item)."""

    id: str
    number: int
    text: str
    span: Span
    source_span: Span


@dataclass(frozen=True, slots=True)
class Item:
    """A numbered item (项) of a paragraph: （一）, (一), 1., （1）, ①.

    Attributes:
        number: the item's number as printed (（九） -> 9).
        marker: the marker as printed in the normalised text, e.g. ``"（九）"`` or ``"1."``.
        text: the item's text without its marker.
    """

    id: str
    number: int
    marker: str
    text: str
    sentences: tuple[Sentence, ...]
    span: Span
    source_span: Span


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph (款) of an article or section: its own line, plus the items that follow it.

    ``text`` is the paragraph's own line only (for 第十三条: the lead-in ending in 以下活动：);
    its items are in ``items``; ``span`` covers the line and its items.
    """

    id: str
    number: int
    text: str
    sentences: tuple[Sentence, ...]
    items: tuple[Item, ...]
    span: Span
    source_span: Span


class _HasParagraphs:
    """What an article and a section share: items and sentences read off their paragraphs."""

    __slots__ = ()
    paragraphs: tuple[Paragraph, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        """All items (（一）…, 1. …) of the unit, in order."""
        return tuple(item for paragraph in self.paragraphs for item in paragraph.items)

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """All sentences of the unit (paragraph lines and items), in order."""
        return _sentences_of(self.paragraphs)


@dataclass(frozen=True, slots=True)
class Article(_HasParagraphs):
    """An article (条), with the 编/章/节 it belongs to (``None`` where the document has none)."""

    id: str
    number: int
    heading: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    span: Span
    source_span: Span
    chapter: int | None = None
    part: int | None = None
    subchapter: int | None = None


@dataclass(frozen=True, slots=True)
class Heading:
    """A structural heading: 编 (``part``), 章 (``chapter``) or 节 (``subchapter``).

    ``number`` is ``None`` for an unnumbered heading line between articles (the 2015 准则's
    党员廉洁自律规范). ``articles`` lists the numbers of the articles under it.
    """

    id: str
    level: HeadingLevel
    number: int | None
    title: str
    articles: tuple[int, ...]
    span: Span
    source_span: Span


@dataclass(frozen=True, slots=True)
class Section(_HasParagraphs):
    """A part of an 意见-style document (一、 二、 …) with no 第X条 articles."""

    id: str
    number: int
    title: str | None
    text: str
    paragraphs: tuple[Paragraph, ...]
    span: Span
    source_span: Span


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed document.

    Attributes:
        id: stable id (corpus id such as ``jinan-2019``, or derived from the file name).
        title: the document's own title (for a notice, the title of the document it issues).
        issuers: issuing bodies, in the order printed.
        date: date of issue (or of adoption/publication for a law), where found.
        kind: the genre from the title's ending (实施办法, 条例, 规定, 准则, 意见, 细则, …) or ``None``.
        recipients: 主送 bodies of a notice wrapper.
        cc: 抄送 bodies.
        notice: the text of the notice wrapper (印发…的通知), which is metadata, not body.
        preamble: paragraphs between the title and the first article or section.
        headings: 编/章/节 headings in order.
        articles: the articles (empty for 意见-style documents).
        sections: the 意见-style sections (empty where there are articles).
        warnings: structure warnings found while parsing (also issued through :mod:`warnings`).
        metadata: further metadata (place, level, source, path, ...) as strings.
        source: the text as read; text: the normalised text the spans refer to.
        runs: the offset map of :class:`qqtext.normalize.Normalized`.
    """

    id: str
    title: str
    issuers: tuple[str, ...]
    date: dt.date | None
    kind: str | None
    recipients: tuple[str, ...]
    cc: tuple[str, ...]
    notice: str | None
    preamble: tuple[Paragraph, ...]
    headings: tuple[Heading, ...]
    articles: tuple[Article, ...]
    sections: tuple[Section, ...]
    warnings: tuple[str, ...]
    source: str = field(repr=False)
    text: str = field(repr=False)
    runs: tuple[tuple[int, int], ...] = field(repr=False, default=())
    metadata: tuple[tuple[str, str], ...] = ()

    @property
    def chapters(self) -> tuple[Heading, ...]:
        """The 章 headings."""
        return tuple(h for h in self.headings if h.level == "chapter")

    @property
    def parts(self) -> tuple[Heading, ...]:
        """The 编 headings."""
        return tuple(h for h in self.headings if h.level == "part")

    @property
    def subchapters(self) -> tuple[Heading, ...]:
        """The 节 headings."""
        return tuple(h for h in self.headings if h.level == "subchapter")

    def article(self, number: int) -> Article:
        """The article numbered ``number`` (the first one, if the text repeats a number).

        Raises:
            KeyError: if there is no such article.
        """
        for article in self.articles:
            if article.number == number:
                return article
        raise KeyError(f"{self.id} has no article {number}")

    def chapter_articles(self, number: int) -> tuple[Article, ...]:
        """The articles of chapter ``number``."""
        return tuple(a for a in self.articles if a.chapter == number)

    def sentences(self) -> Iterator[tuple[Article | Section, Sentence]]:
        """Every sentence of the body with the article (or 意见-style section) holding it, in order."""
        for unit in (*self.articles, *self.sections):
            for sentence in unit.sentences:
                yield unit, sentence

    def meta(self, key: str, default: str | None = None) -> str | None:
        """A value of :attr:`metadata`."""
        return dict(self.metadata).get(key, default)


def _sentences_of(paragraphs: tuple[Paragraph, ...]) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    for paragraph in paragraphs:
        out.extend(paragraph.sentences)
        for item in paragraph.items:
            out.extend(item.sentences)
    return tuple(out)
