"""Clean text -> :class:`~qqtext.model.Document`.

The parser works line by line on the normalised text (one paragraph per line, see
:mod:`qqtext.normalize`) and never segments words, so it is fast and deterministic.

* **Front matter** (before the first 编/章/节 heading or 第X条 article, or before the first 一、
  section of an 意见-style text) gives the metadata: a notice wrapper (…印发《X》的通知, its
  recipients, the issuing offices and the date) is recognised and kept out of the body; Markdown law
  files give their title and their 通过/批准/修正/公布 lines (the version history and the date of
  the version in force); prose before the first article is the preamble. :mod:`qqtext.metadata`
  reads the front and back matter.
* **Body**: only a line *starting* with 第X条 begins an article; a reference inside a sentence
  (本条例第三十一条第三款) never does, nor does a line starting with a reference (第三十一条规定的…).
  第X条之一, 之二 … at the start of a line is an article of its own, inserted by an amendment after
  第X条 (``number`` X, ``sub`` 1, id ``…/art-X-1``). Traditional script works alike: 第一條, 第一章,
  第一節, 第一編. Items are （一）, (一), 1., 1、, （1）, ①; a marker alone on its line takes the next
  line as its text.
* **Annexes**: a label line after the articles (附件, 附件1, 附件一：标题, 附件2 标题) starts an annex
  that runs to the next label; a list of annexes (附件：1、… 2、…) names them. Their text is not the
  last article's. A label is not an annex when the articles go on after it with their numbering.
* **Back matter** (抄送, the printing office and 印发 date) is metadata, not part of the last article.

Numbering gaps, duplicates and disorder become :class:`~qqtext.errors.StructureWarning`: 133, 133之一,
134 is in order, and chapters that start again at 第一章 in every 编 are too.

>>> doc = parse_text("第一章 总则\\n第一条 为了规范交往，制定本办法。\\n第二条 本办法自发布之日起施行。", doc_id="demo")
>>> [(a.id, a.chapter) for a in doc.articles]
[('demo/art-1', 1), ('demo/art-2', 1)]
"""

from __future__ import annotations

import bisect
import datetime as dt
import gc
import re
from collections import Counter, deque
from collections.abc import Iterable
import warnings
from dataclasses import dataclass, field

from qqtext.errors import ParseError, StructureWarning
from qqtext.metadata import (
    FrontMatter,
    Line,
    clean_title,
    is_prose,
    kind_of,
    read_back_matter,
    read_front_matter,
)
from qqtext.model import (
    Annex,
    Article,
    Document,
    Heading,
    HeadingLevel,
    Item,
    Paragraph,
    Section,
    Sentence,
    Span,
)
from qqtext.normalize import Normalized, normalize_text
from qqtext.numerals import article_label, parse_chinese_number, to_chinese_number

__all__ = ["parse_text", "parse_normalized", "split_sentences"]

_NUM = r"[零〇一二两兩三四五六七八九十百千万\d]+"
_CN = r"[一二三四五六七八九十]+"

RE_LINE = re.compile(r"[^\n]+")
#: 第X编/章/节 headings (編 and 節 in Traditional script)
RE_HEADING = re.compile(rf"^第(?P<num>{_NUM})(?P<level>[编編章节節])(?:\s*(?P<title>[^。；，]{{0,40}}))?$")
#: 第X条 (條 in Traditional script), or 第X条之一 … for an article inserted after 第X条
RE_ARTICLE = re.compile(rf"^第(?P<num>{_NUM})[条條](?:之(?P<sub>{_CN}))?(?P<rest>.*)$")
# what may not follow 第X条 (or 第X条之一) directly when it is a reference rather than a heading
RE_REFERENCE_TAIL = re.compile(r"^(?:之|第|款|项|項|的|规定|規定|所|中|、|，|,|和|及|或|至|到|以|有关|有關|条|條)")
RE_ITEM = re.compile(
    rf"^(?:（(?P<paren_cn>{_CN})）|（(?P<paren_num>\d{{1,3}})）|(?P<num>\d{{1,3}})[.．、](?!\d)"
    rf"|(?P<circled>[①-⑳])|(?P<cn>{_CN})、)\s*"
)
RE_SECTION = re.compile(rf"^(?P<cn>{_CN})、\s*(?P<rest>.*)$")
RE_SENTENCE = re.compile(r"[^\s。！？!?][^。！？!?]*(?:[。！？!?]+[”’」』）]*)?|[。！？!?]+[”’」』）]*")
#: an annex label: 附件, 附件1, 附件一：标题, 附件2 标题 (not 附件三所列…, a sentence about an annex)
RE_ANNEX = re.compile(
    r"^附\s*件\s*(?P<num>\d{1,2}|[一二三四五六七八九十]{1,3})?\s*(?:[:：]\s*(?P<title>.*)|\s+(?P<spaced>\S.*))?$"
)
#: an entry of a list of annexes: 1、查处酒后驾驶操作规程, 2.…, （3）…
RE_ANNEX_ENTRY = re.compile(r"^(?:(?P<num>\d{1,2})\s*[、.．]|（(?P<paren>\d{1,2})）)\s*(?P<title>\S.*)$")
LEVELS: dict[str, HeadingLevel] = {"编": "part", "編": "part", "章": "chapter", "节": "subchapter", "節": "subchapter"}
MAX_HEADING = 24
PUNCTUATION = "，。；：！？、"


@dataclass(slots=True)
class _ItemDraft:
    number: int
    marker: str
    marker_start: int
    text_start: int
    end: int


@dataclass(slots=True)
class _ParagraphDraft:
    text_start: int
    text_end: int
    items: list[_ItemDraft] = field(default_factory=list)

    @property
    def end(self) -> int:
        return self.items[-1].end if self.items else self.text_end


@dataclass(slots=True)
class _UnitDraft:
    """An article or a section while it is being read."""

    number: int
    heading: str
    title: str | None
    start: int
    paragraphs: list[_ParagraphDraft] = field(default_factory=list)
    part: int | None = None
    chapter: int | None = None
    subchapter: int | None = None
    sub: int = 0  # 1 for 第X条之一 …

    @property
    def end(self) -> int:
        return self.paragraphs[-1].end if self.paragraphs else self.start + len(self.heading)


@dataclass(slots=True)
class _HeadingDraft:
    level: HeadingLevel
    number: int | None
    title: str
    start: int
    end: int
    articles: list[int] = field(default_factory=list)


@dataclass(slots=True)
class _AnnexDraft:
    number: int | None  # as printed; None for a label without one
    title: str
    start: int
    end: int
    lines: list[Line] = field(default_factory=list)
    listed: bool = False  # only named in a list of annexes (附件：1、… 2、…)
    title_open: bool = False  # a bare label: the next short line may be the title


def parse_text(
    text: str,
    *,
    doc_id: str = "doc",
    source_name: str | None = None,
    metadata: dict[str, object] | None = None,
) -> Document:
    """Parse a document's text (as read from its file) into a :class:`Document`.

    Args:
        text: the text as read (see :func:`qqtext.read.read_text`).
        doc_id: the id the document's units are named after.
        source_name: the file name to cite in errors and warnings (defaults to ``doc_id``).
        metadata: known metadata (``title``, ``issuers``, ``date`` as ``YYYY-MM-DD``, ``kind`` and
            any other string fields) that take precedence over what the parser finds.

    Raises:
        ParseError: if the text holds nothing to parse.
    """
    doc = _parse(normalize_text(text), doc_id, source_name, metadata)
    _issue_warnings(doc)
    return doc


def parse_normalized(
    norm: Normalized,
    *,
    doc_id: str = "doc",
    source_name: str | None = None,
    metadata: dict[str, object] | None = None,
) -> Document:
    """Parse an already normalised text; see :func:`parse_text`."""
    doc = _parse(norm, doc_id, source_name, metadata)
    _issue_warnings(doc)
    return doc


def _issue_warnings(doc: Document) -> None:
    for message in doc.warnings:
        warnings.warn(message, StructureWarning, stacklevel=3)


def _parse(norm: Normalized, doc_id: str, source_name: str | None, metadata: dict[str, object] | None) -> Document:
    name = source_name or doc_id
    lines = [Line(m.start(), m.end(), m.group()) for m in RE_LINE.finditer(norm.text)]
    if not lines:
        raise ParseError("no text to parse (only blank lines or markup)", source=name)
    # A parse allocates many small objects and frees none of them: the cyclic collector would walk
    # them again and again (about a tenth of the time) for nothing. Pause it, as it was after.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _Parser(norm, lines, doc_id, name, dict(metadata or {})).run()
    finally:
        if was_enabled:
            gc.enable()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences of ``text`` (ended by 。！？ or the end).

    >>> text = "应当依法办事。不得违规！确有需要的，可以搭乘"
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['应当依法办事。', '不得违规！', '确有需要的，可以搭乘']
    """
    return _sentence_spans(text, 0, len(text))


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence offsets within ``text[start:end]`` (offsets into ``text``), without edge spaces."""
    spans = [match.span() for match in RE_SENTENCE.finditer(text, start, end)]
    if spans and text[spans[-1][1] - 1].isspace():  # only an unterminated last sentence can end in spaces
        s, e = spans[-1]
        while text[e - 1].isspace():
            e -= 1
        spans[-1] = (s, e)
    return spans


class _Parser:
    """One parse of one document (holds the state; the public API is the functions above)."""

    def __init__(
        self, norm: Normalized, lines: list[Line], doc_id: str, name: str, metadata: dict[str, object]
    ) -> None:
        self.norm = norm
        self.text = norm.text
        self.lines = lines
        self.doc_id = doc_id
        self.name = name
        self.metadata = metadata
        self.warnings: list[str] = []
        self.chapters_restart = False  # chapters numbered afresh in each 编 (set by _check_chapters)

    # ---------------------------------------------------------------- driver
    def run(self) -> Document:
        has_articles = any(self._article_match(line.text) for line in self.lines)
        start = self._body_start(has_articles)
        end, cc, back_meta = read_back_matter(self.lines, start)
        front = read_front_matter(self.lines[:start])
        front.metadata.update(back_meta)
        body = self.lines[start:end]
        headings: list[_HeadingDraft] = []
        articles: list[_UnitDraft] = []
        sections: list[_UnitDraft] = []
        annexes: list[_AnnexDraft] = []
        if has_articles:
            articles, headings, extra_preamble, annex_lines = self._read_articles(body)
            annexes = self._read_annexes(annex_lines)
        else:
            sections, extra_preamble = self._read_sections(body)
            if not sections:
                self._warn("found no articles (第X条) and no sections (一、 二、 …)")
        front.preamble.extend(extra_preamble)
        self._check_articles(articles)
        self._check_numbering("section", [s.number for s in sections], "{}、")
        self._check_chapters(headings)
        for unit in articles + sections:
            for paragraph in unit.paragraphs:
                numbers = [item.number for item in paragraph.items]
                if numbers:  # item lists may continue across paragraphs (1.–30. in the 2017 细则)
                    self._check_numbering(f"{unit.heading} item", numbers, "（{}）", first=numbers[0])
        return self._build(front, headings, articles, sections, annexes, cc)

    # ---------------------------------------------------------- line classes
    def _article_match(self, line: str) -> re.Match[str] | None:
        match = RE_ARTICLE.match(line)
        if match is None:
            return None
        rest = match.group("rest")
        if rest and not rest[0].isspace() and RE_REFERENCE_TAIL.match(rest):
            return None
        return match

    def _heading_match(self, line: str) -> re.Match[str] | None:
        match = RE_HEADING.match(line)
        if match and len(match.group("title") or "") <= MAX_HEADING * 2:
            return match
        return None

    def _body_start(self, has_articles: bool) -> int:
        for index, line in enumerate(self.lines):
            if has_articles:
                if self._heading_match(line.text):
                    return index
                if self._article_match(line.text):
                    # a group title (2015 准则: 党员廉洁自律规范) after a preamble opens the body
                    before = [other.text for other in self.lines[: index - 1]]
                    if index >= 2 and any(map(is_prose, before)) and self._is_unnumbered_heading(self.lines, index - 1):
                        return index - 1
                    return index
            elif RE_SECTION.match(line.text) and not self._is_notice_line(index):
                return index
        return len(self.lines)

    def _is_notice_line(self, index: int) -> bool:
        return "通知" in self.lines[index].text and "印发" in self.lines[index].text

    # ----------------------------------------------------------------- body
    def _read_articles(
        self, body: list[Line]
    ) -> tuple[list[_UnitDraft], list[_HeadingDraft], list[Line], list[Line]]:
        """Articles, headings and preamble lines of the body, and the lines of its annexes."""
        articles: list[_UnitDraft] = []
        headings: list[_HeadingDraft] = []
        preamble: list[Line] = []
        current: dict[HeadingLevel, int | None] = {"part": None, "chapter": None, "subchapter": None}
        last_heading: dict[HeadingLevel, _HeadingDraft] = {}  # the last heading of each level so far
        article: _UnitDraft | None = None
        self._next_article = (-1, None)  # see _opens_annexes
        for index, line in enumerate(body):
            text = line.text
            first = text[0]
            if first == "附" and article is not None and self._opens_annexes(body, index, article):
                return articles, headings, preamble, body[index:]
            starts_numbered = first == "第"  # cheap test first: most lines are plain paragraphs
            heading = self._heading_match(text) if starts_numbered else None
            article_match = self._article_match(text) if starts_numbered and not heading else None
            if heading:
                level = LEVELS[heading.group("level")]
                number = _number(heading.group("num"))
                current[level] = number
                if level != "subchapter":
                    current["subchapter"] = None
                title = clean_title(heading.group("title") or "")
                headings.append(_HeadingDraft(level, number, title, line.start, line.end))
                last_heading[level] = headings[-1]
                article = None
                continue
            if article_match:
                number = _number(article_match.group("num"))
                sub = article_match.group("sub")
                heading_text = text[: article_match.start("rest")].rstrip()
                article = _UnitDraft(
                    number, heading_text, None, line.start,
                    part=current["part"], chapter=current["chapter"], subchapter=current["subchapter"],
                    sub=_number(sub) if sub else 0,
                )
                articles.append(article)
                self._attach(last_heading.values(), article)
                rest = article_match.group("rest")
                rest_start = line.start + article_match.start("rest")
                stripped = rest.lstrip()
                if stripped:
                    self._add_line(article, rest_start + len(rest) - len(stripped), line.end)
                continue
            if self._is_unnumbered_heading(body, index):
                headings.append(_HeadingDraft("chapter", None, clean_title(text), line.start, line.end))
                last_heading["chapter"] = headings[-1]
                current["chapter"] = None
                article = None
                continue
            if article is None:
                preamble.append(line)
            else:
                self._add_line(article, line.start, line.end)
        return articles, headings, preamble, []

    def _opens_annexes(self, body: list[Line], index: int, last: _UnitDraft) -> bool:
        """Whether ``body[index]`` is an annex label that ends the articles.

        It is, unless an article after it carries the numbering on from ``last`` (then the label is
        a line of the body after all); an annex may hold articles of its own, numbered afresh.
        """
        if RE_ANNEX.match(body[index].text) is None:
            return False
        # The first article after the label; remembered, so that many labels before one article
        # (calls come in increasing ``index`` order) scan the lines between them once, not once each.
        found_at, match = self._next_article
        if found_at <= index:
            found_at, match = len(body), None
            for position in range(index + 1, len(body)):
                text = body[position].text
                match = self._article_match(text) if text[0] == "第" else None
                if match:
                    found_at = position
                    break
            self._next_article = (found_at, match)
        if match is None:
            return True
        sub = match.group("sub")
        return (_number(match.group("num")), _number(sub) if sub else 0) <= (last.number, last.sub)

    def _read_annexes(self, lines: list[Line]) -> list[_AnnexDraft]:
        """The annexes: each label line (附件2：标题) and the lines up to the next one.

        A list of annexes (附件：1、… 2、…, or a bare 附件 line over such entries) names annexes
        whose text may not follow; an annex of the same number that does follow takes its entry's
        place. A bare label (附件1) takes a short line after it as its title.
        """
        drafts: list[_AnnexDraft] = []
        # number -> indices in ``drafts`` of the annexes only listed so far, in increasing order
        listed_at: dict[int, deque[int]] = {}
        current: _AnnexDraft | None = None  # the annex the next plain line belongs to
        listing = False
        for index, line in enumerate(lines):
            text = line.text
            label = RE_ANNEX.match(text) if text[0] == "附" else None
            if label:
                title = (label.group("title") or label.group("spaced") or "").strip()
                entry = RE_ANNEX_ENTRY.match(title) if title and not label.group("num") else None
                following = lines[index + 1].text if index + 1 < len(lines) else ""
                if entry or (not title and not label.group("num") and RE_ANNEX_ENTRY.match(following)):
                    listing = True
                    if entry:
                        offset = line.start + label.start("title" if label.group("title") is not None else "spaced")
                        drafts.append(self._listed_annex(entry, offset, line.end))
                        listed_at.setdefault(drafts[-1].number, deque()).append(len(drafts) - 1)
                    continue
                listing = False
                number = _number(label.group("num")) if label.group("num") else None
                current = _AnnexDraft(number, clean_title(title), line.start, line.end, title_open=not title)
                waiting = listed_at.get(number) if number is not None else None
                if not waiting:
                    drafts.append(current)
                else:
                    drafts[waiting.popleft()] = current  # the annex itself follows its entry in the list
                continue
            entry = RE_ANNEX_ENTRY.match(text) if listing else None
            if entry:
                drafts.append(self._listed_annex(entry, line.start, line.end))
                listed_at.setdefault(drafts[-1].number, deque()).append(len(drafts) - 1)
                continue
            listing = False
            if current is None:  # lines after a list of annexes, before any annex label
                current = drafts[-1] if drafts else _AnnexDraft(None, "", line.start, line.end)
                if not drafts:
                    drafts.append(current)
            if current.title_open and not current.lines and not is_prose(text) and not RE_ITEM.match(text):
                current.title, current.end, current.title_open = clean_title(text), line.end, False
                continue
            current.title_open = False
            current.lines.append(line)
            current.end = line.end
        return drafts

    @staticmethod
    def _listed_annex(entry: re.Match[str], start: int, end: int) -> _AnnexDraft:
        number = int(entry.group("num") or entry.group("paren"))
        return _AnnexDraft(number, clean_title(entry.group("title")), start, end, listed=True)

    def _attach(self, last_headings: Iterable[_HeadingDraft], article: _UnitDraft) -> None:
        """Record the article under the last heading of each level it belongs to (once for 第X条 and its 之一).

        ``last_headings`` holds the last heading read of each level (so the cost per article does
        not grow with the number of headings).
        """
        for draft in last_headings:
            belongs = (
                (draft.level == "part" and draft.number == article.part)
                or (draft.level == "chapter" and draft.number == article.chapter)
                or (draft.level == "subchapter" and draft.number == article.subchapter)
            )
            if belongs and not (article.sub and draft.articles and draft.articles[-1] == article.number):
                draft.articles.append(article.number)

    def _is_unnumbered_heading(self, body: list[Line], index: int) -> bool:
        """A short line without punctuation right before an article (the 2015 准则's group titles)."""
        text = body[index].text
        if len(text) > MAX_HEADING or any(p in text for p in PUNCTUATION) or RE_ITEM.match(text):
            return False
        following = body[index + 1].text if index + 1 < len(body) else ""
        return self._article_match(following) is not None

    def _read_sections(self, body: list[Line]) -> tuple[list[_UnitDraft], list[Line]]:
        sections: list[_UnitDraft] = []
        preamble: list[Line] = []
        section: _UnitDraft | None = None
        for line in body:
            match = RE_SECTION.match(line.text)
            if match:
                number = _number(match.group("cn"))
                rest = match.group("rest").strip()
                is_title = bool(rest) and len(rest) <= MAX_HEADING and not any(p in rest for p in "，。；：")
                section = _UnitDraft(number, f"{match.group('cn')}、", clean_title(rest) if is_title else None, line.start)
                sections.append(section)
                if rest and not is_title:
                    self._add_line(section, line.end - len(rest), line.end, allow_items=False)
                continue
            if section is None:
                preamble.append(line)
            else:
                self._add_line(section, line.start, line.end)
        return sections, preamble

    def _add_line(self, unit: _UnitDraft, start: int, end: int, *, allow_items: bool = True) -> None:
        """Add a body line to an article or section: an item, an item's text, or a new paragraph."""
        text = self.text[start:end]
        item = RE_ITEM.match(text) if allow_items else None
        if item and unit.title is None and item.group("cn") and not unit.paragraphs:
            item = None  # "一、" opening an article is text, not an item
        if item:
            if not unit.paragraphs:
                unit.paragraphs.append(_ParagraphDraft(start, start))
            number = _item_number(item)
            marker = item.group().rstrip()
            unit.paragraphs[-1].items.append(_ItemDraft(number, marker, start, start + item.end(), end))
            return
        if unit.paragraphs:
            last = unit.paragraphs[-1]
            if last.items and last.items[-1].text_start >= last.items[-1].end:
                last.items[-1].text_start, last.items[-1].end = start, end  # marker alone on its line
                return
        unit.paragraphs.append(_ParagraphDraft(start, end))

    # ------------------------------------------------------------- warnings
    def _warn(self, message: str) -> None:
        self.warnings.append(f"{self.name}: {message}")

    def _check_numbering(self, what: str, numbers: list[int], style: str, *, first: int = 1) -> None:
        """Warn about gaps, repeats and disorder in a sequence that should run first, first + 1, …"""
        if not numbers:
            return

        def show(values: list[int]) -> str:
            return ", ".join(style.format(_chinese(n)) for n in values)

        # the gaps between the numbers present, as runs: never a list of every missing number (第一亿条)
        present = sorted({n for n in numbers if n >= first})
        runs = [(a + 1, b - 1) for a, b in zip([first - 1, *present], present) if b - a > 1]
        self._warn_sequence(what, numbers, runs, show, as_runs=True)

    def _warn_sequence(self, what: str, keys: list, missing: list, show, *, as_runs: bool = False) -> None:
        """The warnings of a numbered sequence: what it skips, repeats and has out of order (at most
        :data:`SHOWN` of each, then how many more: one line however broken the numbering)."""
        counts = Counter(keys)
        duplicates = sorted(k for k, n in counts.items() if n > 1)
        disorder = [(a, b) for a, b in zip(keys, keys[1:]) if b < a]
        if missing and as_runs:  # (first, last) runs of plain numbers (第二条–第九千九百九十八条)
            total = sum(b - a + 1 for a, b in missing)
            shown = ", ".join(show(list(range(a, b + 1))) if b - a < 2 else f"{show([a])}–{show([b])}"
                              for a, b in missing[:SHOWN])
            extra = f" and {len(missing) - SHOWN} more ranges" if len(missing) > SHOWN else ""
            counted = extra or any(b - a >= 2 for a, b in missing[:SHOWN])
            self._warn(f"{what} numbers skip {shown}{extra}" + (f" ({total:,} in all)" if counted else ""))
        elif missing:
            self._warn(f"{what} numbers skip {show(missing[:SHOWN])}{_more(len(missing), len(missing[:SHOWN]))}")
        if duplicates:
            self._warn(f"{what} numbers repeat {show(duplicates[:SHOWN])}{_more(len(duplicates), SHOWN)}")
        if disorder:
            pairs = ", ".join(f"{show([b])} after {show([a])}" for a, b in disorder[:SHOWN])
            self._warn(f"{what} numbers out of order: {pairs}{_more(len(disorder), SHOWN)}")

    def _check_articles(self, articles: list[_UnitDraft]) -> None:
        """Article numbering: 1, 2, … with 第X条之一, 之二 … right after 第X条 and in order."""
        if not any(a.sub for a in articles):
            self._check_numbering("article", [a.number for a in articles], "第{}条")
            return
        keys = [(a.number, a.sub) for a in articles]

        def show(values: list[tuple[int, int]]) -> str:
            return ", ".join(article_label(number, sub) for number, sub in values)

        bases = {number for number, sub in keys if not sub}
        subs: dict[int, set[int]] = {}
        for number, sub in keys:
            if sub:
                subs.setdefault(number, set()).add(sub)
        missing = [(n, 0) for n in range(1, max(n for n, _ in keys) + 1) if n not in bases]
        missing += [(n, s) for n, found in subs.items() for s in range(1, max(found)) if s not in found]
        self._warn_sequence("article", keys, sorted(missing), show)

    def _check_chapters(self, headings: list[_HeadingDraft]) -> None:
        """Chapter numbering: one run through the text, or a fresh run from 第一章 in each 编.

        A 编 whose first chapter is 第一章 starts a fresh run (and chapter ids then name their 编:
        ``doc/part-2/chapter-1``); otherwise its chapters carry on the run before it.
        """
        runs: list[tuple[str, list[int]]] = [("chapter", [])]
        part: _HeadingDraft | None = None
        after_part = False
        for heading in headings:
            if heading.level == "part":
                part, after_part = heading, True
            elif heading.level == "chapter" and heading.number:
                if after_part and heading.number == 1 and runs[-1][1] and part is not None:
                    runs.append((f"第{_chinese(part.number or 0)}编 chapter", []))
                    self.chapters_restart = True
                after_part = False
                runs[-1][1].append(heading.number)
        for what, numbers in runs:
            self._check_numbering(what, numbers, "第{}章")

    # ---------------------------------------------------------------- build
    def _span(self, start: int, end: int, shift: int | None = None) -> tuple[Span, Span]:
        """``[start, end)`` and its source span; ``shift`` when the caller already knows it."""
        if shift is None:
            shift = self.norm.shift(start, end)
        if shift is not None:
            return Span(start, end), Span(start + shift, end + shift)
        source_start, source_end = self.norm.source_span(start, end)
        return Span(start, end), Span(source_start, source_end)

    def _sentences(self, parent_id: str, start: int, end: int, shift: int | None) -> tuple[Sentence, ...]:
        """The sentences of ``text[start:end]``; ``shift`` is its constant source offset, if any."""
        text = self.text
        spans = _sentence_spans(text, start, end)
        if shift is not None:  # the common case, kept tight: parsing must stay much faster than segmenting
            return tuple(
                Sentence(f"{parent_id}/sent-{number}", number, text[s:e], Span(s, e), Span(s + shift, e + shift))
                for number, (s, e) in enumerate(spans, 1)
            )
        return tuple(
            Sentence(f"{parent_id}/sent-{number}", number, text[s:e], *self._span(s, e))
            for number, (s, e) in enumerate(spans, 1)
        )

    def _paragraphs(self, unit_id: str, drafts: list[_ParagraphDraft]) -> tuple[Paragraph, ...]:
        item_counts: dict[int, int] = {}
        for draft in drafts:
            for item in draft.items:
                item_counts[item.number] = item_counts.get(item.number, 0) + 1
        paragraphs = []
        for number, draft in enumerate(drafts, 1):
            para_id = f"{unit_id}/para-{number}"
            items = []
            for item in draft.items:
                owner = unit_id if item_counts[item.number] == 1 else para_id
                item_id = f"{owner}/item-{item.number}"
                text_start = min(item.text_start, item.end)
                shift = self.norm.shift(item.marker_start, item.end)  # one lookup serves the whole item
                span, source_span = self._span(item.marker_start, item.end, shift)
                items.append(Item(
                    item_id, item.number, item.marker, self.text[text_start:item.end],
                    self._sentences(item_id, text_start, item.end, shift), span, source_span,
                ))
            shift = self.norm.shift(draft.text_start, draft.text_end)
            # a paragraph without items is just its line: the line's shift maps its span too
            span, source_span = self._span(draft.text_start, draft.end, shift if not draft.items else None)
            paragraphs.append(Paragraph(
                para_id, number, self.text[draft.text_start:draft.text_end],
                self._sentences(para_id, draft.text_start, draft.text_end, shift), tuple(items), span, source_span,
            ))
        return tuple(paragraphs)

    def _unit_text(self, unit: _UnitDraft) -> str:
        parts = []
        for paragraph in unit.paragraphs:
            if paragraph.text_end > paragraph.text_start:
                parts.append(self.text[paragraph.text_start:paragraph.text_end])
            for item in paragraph.items:
                parts.append(f"{item.marker}{self.text[min(item.text_start, item.end):item.end]}")
        return "\n".join(parts)

    def _build(
        self,
        front: FrontMatter,
        heading_drafts: list[_HeadingDraft],
        article_drafts: list[_UnitDraft],
        section_drafts: list[_UnitDraft],
        annex_drafts: list[_AnnexDraft],
        cc: list[str],
    ) -> Document:
        doc_id = self.doc_id
        seen: dict[str, int] = {}
        articles = []
        for draft in article_drafts:
            base = f"{doc_id}/art-{draft.number}-{draft.sub}" if draft.sub else f"{doc_id}/art-{draft.number}"
            art_id = _unique_id(base, seen)
            span, source_span = self._span(draft.start, draft.end)
            articles.append(Article(
                art_id, draft.number, draft.heading, self._unit_text(draft),
                self._paragraphs(art_id, draft.paragraphs), span, source_span,
                chapter=draft.chapter, part=draft.part, subchapter=draft.subchapter, sub=draft.sub,
            ))
        annexes = []
        for position, annex in enumerate(annex_drafts, 1):
            number = annex.number if annex.number is not None else position
            span, source_span = self._span(annex.start, annex.end)
            annexes.append(Annex(
                _unique_id(f"{doc_id}/annex-{number}", seen), number, annex.title,
                "\n".join(line.text for line in annex.lines), span, source_span,
            ))
        sections = []
        for draft in section_drafts:
            sec_id = _unique_id(f"{doc_id}/sec-{draft.number}", seen)
            span, source_span = self._span(draft.start, draft.end)
            sections.append(Section(
                sec_id, draft.number, draft.title, self._unit_text(draft),
                self._paragraphs(sec_id, draft.paragraphs), span, source_span,
            ))
        headings = []
        unnamed = 0
        chapter_id = f"{doc_id}/chapter-None"  # what a 节 before any 章 hangs under
        part_id = doc_id
        heading_starts: list[int] | None = None
        article_starts: list[int] = []
        for draft in heading_drafts:
            if draft.number is None:
                unnamed += 1
                head_id = f"{doc_id}/group-{unnamed}"
            elif draft.level == "subchapter":
                head_id = f"{chapter_id}/subchapter-{draft.number}"
            elif draft.level == "chapter" and self.chapters_restart:
                head_id = f"{part_id}/chapter-{draft.number}"  # 第二编第一章: doc/part-2/chapter-1
            else:
                head_id = f"{doc_id}/{draft.level}-{draft.number}"
            head_id = _unique_id(head_id, seen)  # ~2 for a text that repeats a heading number
            if draft.level == "chapter":
                chapter_id = head_id if draft.number is not None else f"{doc_id}/chapter-None"
            elif draft.level == "part":
                part_id = head_id
            if draft.number is None:
                if heading_starts is None:
                    heading_starts = sorted(h.start for h in heading_drafts)
                    article_starts = [a.start for a in article_drafts]  # in text order, as read
                draft.articles = self._articles_after(draft, article_drafts, article_starts, heading_starts)
            span, source_span = self._span(draft.start, draft.end)
            headings.append(Heading(head_id, draft.level, draft.number, draft.title, tuple(draft.articles), span, source_span))
        preamble = []
        for number, line in enumerate(front.preamble, 1):
            para_id = f"{doc_id}/preamble-{number}"
            span, source_span = self._span(line.start, line.end)
            sentences = self._sentences(para_id, line.start, line.end, self.norm.shift(line.start, line.end))
            preamble.append(Paragraph(para_id, number, line.text, sentences, (), span, source_span))

        meta = {k: str(v) for k, v in self.metadata.items() if k not in {"title", "issuers", "date", "kind"}}
        meta = {**front.metadata, **meta}
        title = str(self.metadata.get("title") or front.title or "")
        issuers = self.metadata.get("issuers")
        date = self.metadata.get("date")
        return Document(
            id=doc_id,
            title=title,
            issuers=tuple(issuers) if isinstance(issuers, (list, tuple)) else tuple(front.issuers),
            date=dt.date.fromisoformat(str(date)) if date else front.date,
            kind=str(self.metadata.get("kind") or "") or kind_of(title),
            recipients=tuple(front.recipients),
            cc=tuple(cc),
            notice=front.notice,
            preamble=tuple(preamble),
            headings=tuple(headings),
            articles=tuple(articles),
            sections=tuple(sections),
            warnings=tuple(self.warnings),
            source=self.norm.source,
            text=self.text,
            runs=self.norm.runs,
            metadata=tuple(sorted(meta.items())),
            annexes=tuple(annexes),
            versions=tuple(front.versions),
        )

    @staticmethod
    def _articles_after(
        draft: _HeadingDraft, articles: list[_UnitDraft], article_starts: list[int], heading_starts: list[int]
    ) -> list[int]:
        """Numbers of the articles between ``draft`` and the next heading (both lists of starts sorted)."""
        later = bisect.bisect_right(heading_starts, draft.start)
        stop = heading_starts[later] if later < len(heading_starts) else None
        first = bisect.bisect_right(article_starts, draft.start)
        last = bisect.bisect_left(article_starts, stop) if stop is not None else len(article_starts)
        numbers: list[int] = []
        for article in articles[first:last]:
            if not (article.sub and numbers and numbers[-1] == article.number):
                numbers.append(article.number)
        return numbers


# ------------------------------------------------------------------ helpers
def _number(text: str) -> int:
    try:
        return parse_chinese_number(text)
    except ValueError:
        return 0


def _unique_id(base: str, seen: dict[str, int]) -> str:
    """``base``, or ``base~2``, ``base~3`` … when a document repeats a number."""
    seen[base] = seen.get(base, 0) + 1
    return base if seen[base] == 1 else f"{base}~{seen[base]}"


def _chinese(number: int) -> str:
    try:
        return to_chinese_number(number)
    except ValueError:
        return str(number)


def _item_number(match: re.Match[str]) -> int:
    for group in ("paren_cn", "cn", "paren_num", "num"):
        value = match.group(group)
        if value:
            return _number(value)
    return ord(match.group("circled")) - ord("①") + 1


#: At most this many numbers are named in one numbering warning.
SHOWN = 10


def _more(total: int, shown: int) -> str:
    return f" and {total - shown} more" if total > shown else ""

