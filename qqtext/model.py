"""The document model: frozen, slotted dataclasses with stable ids and character offsets.

A :class:`Document` holds its text twice: ``source`` as read from the file, and ``text``, the
normalised form (one paragraph per line, see :mod:`qqtext.normalize`). Every unit carries ``span``,
its ``[start, end)`` offsets into ``Document.text``, and ``source_span``, the same stretch in
``Document.source``; ``document.text[unit.span.start:unit.span.end]`` is the unit's own text
(for an article: from its 第X条 heading to its last item).

Ids are stable and readable: ``jinan-2019/art-13``, ``jinan-2019/art-13/para-1``,
``jinan-2019/art-13/item-5``, ``jinan-2019/art-13/item-5/sent-1``, ``jinan-2019/chapter-3``,
``baxiang-2012/sec-2``, ``x/annex-1``. An article inserted by an amendment, 第一百三十三条之一, is
``x/art-133-1``. They derive from the document id and the numbers printed in the text, so
re-parsing the same text gives the same ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from qqtext.numerals import article_label, to_chinese_number

__all__ = [
    "Span",
    "Sentence",
    "Item",
    "Paragraph",
    "Article",
    "Heading",
    "Section",
    "Annex",
    "Version",
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
    """An article (条), with the 编/章/节 it belongs to (``None`` where the document has none).

    Attributes:
        number: the article's number as printed (第一百三十三条 -> 133); for an article an amendment
            inserted after it, 第一百三十三条之一, the number it follows (133).
        sub: 0 for an ordinary article; 1 for 之一, 2 for 之二 …
        heading: the heading as printed (``第十三条``, ``第一百三十三条之一``, ``第一條``).
    """

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
    sub: int = 0

    @property
    def label(self) -> str:
        """How the article is cited, in simplified script and Chinese numerals: ``第一百三十三条之一``."""
        return article_label(self.number, self.sub)

    @property
    def key(self) -> tuple[int, int]:
        """``(number, sub)``: the article's place in the numbering (133 < 133之一 < 134)."""
        return (self.number, self.sub)


@dataclass(frozen=True, slots=True)
class Heading:
    """A structural heading: 编 (``part``), 章 (``chapter``) or 节 (``subchapter``).

    ``number`` is ``None`` for an unnumbered heading line between articles (the 2015 准则's
    党员廉洁自律规范). ``articles`` lists the numbers of the articles under it (第X条 and its
    之一, 之二 … once). In a text whose chapters start again at 第一章 in every 编, a chapter's id
    names its 编 (``x/part-2/chapter-1``) and ``Article.chapter`` is read together with ``part``.
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

    @property
    def heading(self) -> str:
        """The section's number as printed: ``一、`` (an article's heading is ``第一条``)."""
        return f"{to_chinese_number(self.number)}、"


@dataclass(frozen=True, slots=True)
class Annex:
    """An annex (附件) after the last article: its label line (附件1：…) and what follows it.

    Attributes:
        number: the number printed in the label (附件2 -> 2, 附件三 -> 3); where the label has none
            (a lone 附件), the annex's place among the annexes.
        title: the title on the label line (附件1：查处酒后驾驶操作规程) or on the line after a bare
            label; ``""`` where there is none.
        text: the annex's lines after its label and title, one per line (``""`` for an annex only
            named in a list of annexes, 附件：1、… 2、…, whose text the document does not hold).
    """

    id: str
    number: int
    title: str
    text: str
    span: Span
    source_span: Span


@dataclass(frozen=True, slots=True)
class Version:
    """One dated step in a text's history, from its metadata lines (2018年5月24日 …修正).

    Attributes:
        date: the date printed at the start of the step.
        event: what happened to this text: 通过 (adopted), 批准 (approved), 公布/发布/印发 (issued),
            施行 (in force), 修订 (revised), 修正 or 修改 (amended).
        text: the step as printed, without the surrounding parentheses.
    """

    date: dt.date
    event: str
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed document.

    Attributes:
        id: stable id (corpus id such as ``jinan-2019``, or derived from the file name).
        title: the document's own title (for a notice, the title of the document it issues).
        issuers: issuing bodies, in the order printed.
        date: date of issue (for a law: of its version in force, so an amended law's last
            amendment or the publication that followed it), where found.
        kind: the genre from the title's ending (实施办法, 条例, 规定, 准则, 意见, 细则, …) or ``None``.
        recipients: 主送 bodies of a notice wrapper.
        cc: 抄送 bodies.
        notice: the text of the notice wrapper (印发…的通知), which is metadata, not body.
        preamble: paragraphs between the title and the first article or section.
        headings: 编/章/节 headings in order.
        articles: the articles (empty for 意见-style documents).
        sections: the 意见-style sections (empty where there are articles).
        annexes: the annexes (附件) after the last article.
        versions: the dated steps of the text's history (通过, 修订, 修正, 批准, 公布 …) in printed
            order; ``date`` is that of the version in force (see :func:`qqtext.metadata.version_date`).
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
    annexes: tuple[Annex, ...] = ()
    versions: tuple[Version, ...] = ()

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

    def article(self, number: int, *, sub: int = 0) -> Article:
        """The article numbered ``number`` (the first one, if the text repeats a number).

        ``doc.article(133)`` is 第一百三十三条, ``doc.article(133, sub=1)`` is 第一百三十三条之一.

        Raises:
            KeyError: if there is no such article.
        """
        for article in self.articles:
            if article.number == number and article.sub == sub:
                return article
        raise KeyError(f"{self.id} has no article {article_label(number, sub) if sub else number}")

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
