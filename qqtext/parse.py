"""Clean text -> :class:`~qqtext.model.Document`.

The parser works line by line on the normalised text (one paragraph per line, see
:mod:`qqtext.normalize`) and never segments words, so it is fast and deterministic.

* **Front matter** (before the first 编/章/节 heading or 第X条 article, or before the first 一、
  section of an 意见-style text) gives the metadata: a notice wrapper (…印发《X》的通知, its
  recipients, the issuing offices and the date) is recognised and kept out of the body; Markdown law
  files give their title and their 通过/批准/公布 lines; prose before the first article is the
  preamble.
* **Body**: only a line *starting* with 第X条 begins an article; a reference inside a sentence
  (本条例第三十一条第三款) never does, nor does a line starting with a reference (第三十一条规定的…).
  Items are （一）, (一), 1., 1、, （1）, ①; a marker alone on its line takes the next line as its text.
* **Back matter** (抄送, the printing office and 印发 date) is metadata, not part of the last article.

Numbering gaps, duplicates and disorder become :class:`~qqtext.errors.StructureWarning`.

>>> doc = parse_text("第一章 总则\\n第一条 为了规范交往，制定本办法。\\n第二条 本办法自发布之日起施行。", doc_id="demo")
>>> [(a.id, a.chapter) for a in doc.articles]
[('demo/art-1', 1), ('demo/art-2', 1)]
"""

from __future__ import annotations

import datetime as dt
import gc
import re
import warnings
from dataclasses import dataclass, field

from qqtext.errors import ParseError, StructureWarning
from qqtext.model import (
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
from qqtext.numerals import parse_chinese_number, to_chinese_number

__all__ = ["parse_text", "parse_normalized", "split_sentences"]

_NUM = r"[零〇一二两三四五六七八九十百千\d]+"
_CN = r"[一二三四五六七八九十]+"

RE_LINE = re.compile(r"[^\n]+")
RE_HEADING = re.compile(rf"^第(?P<num>{_NUM})(?P<level>[编章节])(?:\s*(?P<title>[^。；，]{{0,40}}))?$")
RE_ARTICLE = re.compile(rf"^第(?P<num>{_NUM})条(?P<rest>.*)$")
# what may not follow 第X条 directly when it is a reference rather than a heading
RE_REFERENCE_TAIL = re.compile(r"^(?:之|第|款|项|的|规定|所|中|、|，|,|和|及|或|至|到|以|有关|条)")
RE_ITEM = re.compile(
    rf"^(?:（(?P<paren_cn>{_CN})）|（(?P<paren_num>\d{{1,3}})）|(?P<num>\d{{1,3}})[.．、](?!\d)"
    rf"|(?P<circled>[①-⑳])|(?P<cn>{_CN})、)\s*"
)
RE_SECTION = re.compile(rf"^(?P<cn>{_CN})、\s*(?P<rest>.*)$")
RE_DATE = re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
RE_DATE_ONLY = re.compile(r"^（?(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日）?$")
RE_DATE_LINE = re.compile(r"^[（]?\d{4}年\d{1,2}月\d{1,2}日")
RE_PRINTED_LINE = re.compile(r"^(?P<office>\S*?)\s*(?P<date>\d{4}年\d{1,2}月\d{1,2}日)(?:印发|印)?$")
RE_CC = re.compile(r"^抄\s*送[:：]\s*(?P<rest>.*)$")
RE_NOTE_LINE = re.compile(r"^（此件[^）]*）$")
RE_NOTICE = re.compile(r"(?:关于)?印发(?:《(?P<quoted>.+?)》|(?P<plain>.+?))的通知")
RE_ORGAN = re.compile(
    r"(?:办公厅|办公室|委员会|人民政府|政府|党委|党组|纪委|监委|部|局|院|厅|委|会|署|室|处|机关|中心|办)$"
)
RE_LIST_SPLIT = re.compile(r"[，、,；;]\s*")
RE_SENTENCE = re.compile(r"[^\s。！？!?][^。！？!?]*(?:[。！？!?]+[”’」』）]*)?|[。！？!?]+[”’」』）]*")
RE_CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff（）《》“”])\s+(?=[\u3400-\u9fff（）《》“”])")
RE_EVENT = re.compile(r"^（?(?P<date>\d{4}年\d{1,2}月\d{1,2}日)\s*(?P<body>.*?)(?P<verb>通过|批准|公布|发布|印发|施行|修订|修正)")
RE_SESSION = re.compile(rf"第{_NUM}[届次](?:会议)?|{_NUM}次|常务会议|全体会议|会议|审议")
RE_KIND = re.compile(
    r"(实施办法|实施细则|实施意见|实施方案|条例|办法|规定|准则|细则|意见|决定|通知|方案|规则|规范|纲要|法)$"
)
RE_TRAILING_PAREN = re.compile(r"（[^（）]*）$")
MAX_TITLE = 60
MAX_HEADING = 24
PUNCTUATION = "，。；：！？、"


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str


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
class _FrontMatter:
    title: str = ""
    issuers: list[str] = field(default_factory=list)
    date: dt.date | None = None
    recipients: list[str] = field(default_factory=list)
    notice: str | None = None
    preamble: list[_Line] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)


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
    lines = [_Line(m.start(), m.end(), m.group()) for m in RE_LINE.finditer(norm.text)]
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
        self, norm: Normalized, lines: list[_Line], doc_id: str, name: str, metadata: dict[str, object]
    ) -> None:
        self.norm = norm
        self.text = norm.text
        self.lines = lines
        self.doc_id = doc_id
        self.name = name
        self.metadata = metadata
        self.warnings: list[str] = []

    # ---------------------------------------------------------------- driver
    def run(self) -> Document:
        has_articles = any(self._article_match(line.text) for line in self.lines)
        start = self._body_start(has_articles)
        end, cc, back_meta = self._back_matter(start)
        front = self._front_matter(self.lines[:start])
        front.metadata.update(back_meta)
        body = self.lines[start:end]
        headings: list[_HeadingDraft] = []
        articles: list[_UnitDraft] = []
        sections: list[_UnitDraft] = []
        if has_articles:
            articles, headings, extra_preamble = self._read_articles(body)
        else:
            sections, extra_preamble = self._read_sections(body)
            if not sections:
                self._warn("found no articles (第X条) and no sections (一、 二、 …)")
        front.preamble.extend(extra_preamble)
        self._check_numbering("article", [a.number for a in articles], "第{}条")
        self._check_numbering("section", [s.number for s in sections], "{}、")
        self._check_numbering("chapter", [h.number for h in headings if h.level == "chapter" and h.number], "第{}章")
        for unit in articles + sections:
            for paragraph in unit.paragraphs:
                numbers = [item.number for item in paragraph.items]
                if numbers:  # item lists may continue across paragraphs (1.–30. in the 2017 细则)
                    self._check_numbering(f"{unit.heading} item", numbers, "（{}）", first=numbers[0])
        return self._build(front, headings, articles, sections, cc)

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
                    if index >= 2 and any(map(_is_prose, before)) and self._is_unnumbered_heading(self.lines, index - 1):
                        return index - 1
                    return index
            elif RE_SECTION.match(line.text) and not self._is_notice_line(index):
                return index
        return len(self.lines)

    def _is_notice_line(self, index: int) -> bool:
        return "通知" in self.lines[index].text and "印发" in self.lines[index].text

    # ----------------------------------------------------------- back matter
    def _back_matter(self, body_start: int) -> tuple[int, list[str], dict[str, str]]:
        """Find where the body ends: 抄送, printing office and date lines at the end are metadata."""
        end = len(self.lines)
        cc: list[str] = []
        meta: dict[str, str] = {}
        seen_marker = False
        while end > body_start + 1:
            text = self.lines[end - 1].text
            cc_match = RE_CC.match(text)
            printed = RE_PRINTED_LINE.match(text)
            if cc_match:
                cc = [c for c in RE_LIST_SPLIT.split(cc_match.group("rest").rstrip("。.")) if c]
            elif printed and (printed.group("office") == "" or RE_ORGAN.search(printed.group("office"))):
                meta["printed"] = printed.group("date")
                if printed.group("office"):
                    meta["printed_by"] = printed.group("office")
            elif RE_NOTE_LINE.match(text):
                meta["note"] = text.strip("（）")
            elif seen_marker and self._is_organ_line(text):
                meta["printed_by"] = text
            else:
                break
            seen_marker = True
            end -= 1
        return end, cc, meta

    @staticmethod
    def _is_organ_line(text: str) -> bool:
        return len(text) <= 30 and not any(p in text for p in PUNCTUATION) and RE_ORGAN.search(text) is not None

    # ---------------------------------------------------------- front matter
    def _front_matter(self, lines: list[_Line]) -> _FrontMatter:
        front = _FrontMatter()
        if not lines:
            return front
        texts = [line.text for line in lines]
        notice_end = self._notice_header_end(texts)
        if notice_end is not None:
            self._read_notice(lines, notice_end, front)
        else:
            self._read_plain_front(lines, front)
        return front

    @staticmethod
    def _notice_header_end(texts: list[str]) -> int | None:
        """Index just after the lines that form a 印发…的通知 header, or None."""
        joined = ""
        for index, text in enumerate(texts[:8]):
            joined += text
            if RE_NOTICE.search(joined):
                return index + 1
            if any(p in text for p in "。；"):
                return None
        return None

    def _read_notice(self, lines: list[_Line], header_end: int, front: _FrontMatter) -> None:
        header = "".join(line.text for line in lines[:header_end])
        match = RE_NOTICE.search(header)
        assert match is not None
        front.title = _clean_title(match.group("quoted") or match.group("plain"))
        header_issuers = [line.text for line in lines[:header_end] if self._is_organ_line(line.text)]
        rest = lines[header_end:]
        index = 0
        if rest and rest[0].text.endswith(("：", ":")):
            front.recipients = [r for r in RE_LIST_SPLIT.split(rest[0].text.rstrip("：:")) if r]
            index = 1
        notice_lines: list[str] = []
        signers: list[str] = []
        while index < len(rest):
            text = rest[index].text
            if RE_DATE_LINE.match(text) and RE_DATE.fullmatch(text.strip("（）")):
                front.date = _to_date(RE_DATE.search(text))
                index += 1
                break
            if self._is_organ_line(text):
                signers.append(text)
            else:
                notice_lines.extend(signers)
                signers = []
                notice_lines.append(text)
            index += 1
        front.issuers = signers or header_issuers
        front.notice = "\n".join([header] + notice_lines)
        title_lines: list[str] = []
        for line in rest[index:]:
            if RE_NOTE_LINE.match(line.text):
                front.metadata["note"] = line.text.strip("（）")
            elif _is_prose(line.text):
                front.preamble.append(line)
            else:
                title_lines.append(line.text)
        if title_lines:
            front.title = _clean_title("".join(title_lines))

    def _read_plain_front(self, lines: list[_Line], front: _FrontMatter) -> None:
        events: list[tuple[str, dt.date, str]] = []
        title_done = False
        for line in lines:
            text = line.text
            date_only = RE_DATE_ONLY.match(text)
            if date_only:
                front.date = _to_date(date_only)
                title_done = True
                continue
            found_events = list(_iter_events(text))
            if found_events and len(text) < 400 and (text.startswith("（") or RE_DATE_LINE.match(text)):
                events.extend(found_events)
                title_done = True
            elif not title_done and not _is_prose(text) and len(text) <= MAX_TITLE:
                front.title = _clean_title(front.title + text)
            else:
                title_done = True
                front.preamble.append(line)
        self._apply_events(events, front)

    @staticmethod
    def _apply_events(events: list[tuple[str, dt.date, str]], front: _FrontMatter) -> None:
        if not events:
            return
        for verbs in (("公布", "发布", "印发"), ("批准",), ("通过",)):
            dated = [date for verb, date, _ in events if verb in verbs]
            if dated:
                front.date = max(dated)
                break
        else:
            front.date = max(date for _, date, _ in events)
        adopters = [body for verb, _, body in events if verb in ("通过",) and body]
        approvers = [body for verb, _, body in events if verb == "批准" and body]
        issuers = adopters or [body for verb, _, body in events if verb in ("发布", "印发", "公布") and body]
        front.issuers = list(dict.fromkeys(issuers))
        if approvers and adopters:
            front.metadata["approved_by"] = "、".join(dict.fromkeys(approvers))
        front.metadata["history"] = "；".join(
            f"{date.isoformat()} {body}{verb}" for verb, date, body in events
        )

    # ----------------------------------------------------------------- body
    def _read_articles(
        self, body: list[_Line]
    ) -> tuple[list[_UnitDraft], list[_HeadingDraft], list[_Line]]:
        articles: list[_UnitDraft] = []
        headings: list[_HeadingDraft] = []
        preamble: list[_Line] = []
        current: dict[HeadingLevel, int | None] = {"part": None, "chapter": None, "subchapter": None}
        article: _UnitDraft | None = None
        for index, line in enumerate(body):
            text = line.text
            starts_numbered = text[0] == "第"  # cheap test first: most lines are plain paragraphs
            heading = self._heading_match(text) if starts_numbered else None
            article_match = self._article_match(text) if starts_numbered and not heading else None
            if heading:
                level: HeadingLevel = {"编": "part", "章": "chapter", "节": "subchapter"}[heading.group("level")]  # type: ignore[assignment]
                number = _number(heading.group("num"))
                current[level] = number
                if level != "subchapter":
                    current["subchapter"] = None
                title = _clean_title(heading.group("title") or "")
                headings.append(_HeadingDraft(level, number, title, line.start, line.end))
                article = None
                continue
            if article_match:
                number = _number(article_match.group("num"))
                heading_text = text[: article_match.start("rest")].rstrip()
                article = _UnitDraft(
                    number, heading_text, None, line.start,
                    part=current["part"], chapter=current["chapter"], subchapter=current["subchapter"],
                )
                articles.append(article)
                self._attach(headings, article)
                rest = article_match.group("rest")
                rest_start = line.start + article_match.start("rest")
                stripped = rest.lstrip()
                if stripped:
                    self._add_line(article, rest_start + len(rest) - len(stripped), line.end)
                continue
            if self._is_unnumbered_heading(body, index):
                headings.append(_HeadingDraft("chapter", None, _clean_title(text), line.start, line.end))
                current["chapter"] = None
                article = None
                continue
            if article is None:
                preamble.append(line)
            else:
                self._add_line(article, line.start, line.end)
        return articles, headings, preamble

    def _attach(self, headings: list[_HeadingDraft], article: _UnitDraft) -> None:
        """Record the article under the last heading of each level it belongs to."""
        seen: set[str] = set()
        for draft in reversed(headings):
            if draft.level in seen:
                continue
            seen.add(draft.level)
            belongs = (
                (draft.level == "part" and draft.number == article.part)
                or (draft.level == "chapter" and draft.number == article.chapter)
                or (draft.level == "subchapter" and draft.number == article.subchapter)
            )
            if belongs:
                draft.articles.append(article.number)

    def _is_unnumbered_heading(self, body: list[_Line], index: int) -> bool:
        """A short line without punctuation right before an article (the 2015 准则's group titles)."""
        text = body[index].text
        if len(text) > MAX_HEADING or any(p in text for p in PUNCTUATION) or RE_ITEM.match(text):
            return False
        following = body[index + 1].text if index + 1 < len(body) else ""
        return self._article_match(following) is not None

    def _read_sections(self, body: list[_Line]) -> tuple[list[_UnitDraft], list[_Line]]:
        sections: list[_UnitDraft] = []
        preamble: list[_Line] = []
        section: _UnitDraft | None = None
        for line in body:
            match = RE_SECTION.match(line.text)
            if match:
                number = _number(match.group("cn"))
                rest = match.group("rest").strip()
                is_title = bool(rest) and len(rest) <= MAX_HEADING and not any(p in rest for p in "，。；：")
                section = _UnitDraft(number, f"{match.group('cn')}、", _clean_title(rest) if is_title else None, line.start)
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

        duplicates = sorted({n for n in numbers if numbers.count(n) > 1})
        disorder = [(a, b) for a, b in zip(numbers, numbers[1:]) if b < a]
        missing = sorted(set(range(first, max(numbers) + 1)) - set(numbers))
        if missing:
            self._warn(f"{what} numbers skip {show(missing)}")
        if duplicates:
            self._warn(f"{what} numbers repeat {show(duplicates)}")
        if disorder:
            pairs = ", ".join(f"{show([b])} after {show([a])}" for a, b in disorder)
            self._warn(f"{what} numbers out of order: {pairs}")

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
        front: _FrontMatter,
        heading_drafts: list[_HeadingDraft],
        article_drafts: list[_UnitDraft],
        section_drafts: list[_UnitDraft],
        cc: list[str],
    ) -> Document:
        doc_id = self.doc_id
        seen: dict[str, int] = {}
        articles = []
        for draft in article_drafts:
            art_id = _unique_id(f"{doc_id}/art-{draft.number}", seen)
            span, source_span = self._span(draft.start, draft.end)
            articles.append(Article(
                art_id, draft.number, draft.heading, self._unit_text(draft),
                self._paragraphs(art_id, draft.paragraphs), span, source_span,
                chapter=draft.chapter, part=draft.part, subchapter=draft.subchapter,
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
        chapter_of_sub: int | None = None
        for draft in heading_drafts:
            if draft.level == "chapter":
                chapter_of_sub = draft.number
            if draft.number is None:
                unnamed += 1
                head_id = f"{doc_id}/group-{unnamed}"
            elif draft.level == "subchapter":
                head_id = f"{doc_id}/chapter-{chapter_of_sub}/subchapter-{draft.number}"
            else:
                head_id = f"{doc_id}/{draft.level}-{draft.number}"
            if draft.number is None:
                draft.articles = self._articles_after(draft, article_drafts, heading_drafts)
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
            kind=str(self.metadata.get("kind") or "") or _kind(title),
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
        )

    @staticmethod
    def _articles_after(
        draft: _HeadingDraft, articles: list[_UnitDraft], headings: list[_HeadingDraft]
    ) -> list[int]:
        later = [h.start for h in headings if h.start > draft.start]
        stop = min(later) if later else float("inf")
        return [a.number for a in articles if draft.start < a.start < stop]


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


def _is_prose(text: str) -> bool:
    return len(text) > MAX_TITLE or any(p in text for p in "，。；！？")


def _clean_title(text: str) -> str:
    """Tidy a title: no spaces between Chinese characters, no 《》 wrapper, no trailing （全文）.

    >>> _clean_title("《中共中央八项规定》（全文）")
    '中共中央八项规定'
    >>> _clean_title("关于构建亲清新型政商关系的 实施办法（试行）")
    '关于构建亲清新型政商关系的实施办法（试行）'
    """
    text = RE_CJK_SPACE.sub("", text.strip())
    text = re.sub(r"\s{2,}", " ", text)
    if text.endswith("（全文）"):
        text = text[: -len("（全文）")]
    if text.startswith("《") and text.endswith("》"):
        text = text[1:-1]
    return text


def _kind(title: str) -> str | None:
    """The genre from a title's ending.

    >>> _kind("关于构建亲清新型政商关系的实施办法（试行）")
    '实施办法'
    >>> _kind("中国共产党纪律处分条例 2018")
    '条例'
    """
    core = title
    while RE_TRAILING_PAREN.search(core):
        core = RE_TRAILING_PAREN.sub("", core)
    core = re.sub(r"\s*\d{4}$", "", core)
    match = RE_KIND.search(core)
    return match.group(1) if match else None


def _to_date(match: re.Match[str] | None) -> dt.date | None:
    if match is None:
        return None
    try:
        return dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    except ValueError:
        return None


def _iter_events(text: str):
    """Yield ``(verb, date, body)`` for each dated event (``2019年10月8日 国务院…会议通过``) in a line."""
    for piece in re.split(r"\s+(?=\d{4}年)", text.strip("（）")):
        match = RE_EVENT.match(piece)
        if match is None:
            continue
        date = _to_date(RE_DATE.search(match.group("date")))
        if date is None:
            continue
        body = RE_SESSION.sub("", match.group("body")).strip()
        body = re.sub(r"^中华人民共和国(?=国务院)", "", body)
        body = re.sub(r"令第?\d+号$", "", body)
        yield match.group("verb"), date, body
