"""Front and back matter: what a text says about itself around its body.

The parser (:mod:`qqtext.parse`) cuts a text into front matter, body and back matter; this module
reads the two ends.

* A **notice wrapper** (…印发《X》的通知, its 主送 line, the issuing offices and the date) gives the
  title, recipients, issuers and date; its text is kept as ``Document.notice``, out of the body.
* **Law metadata lines** under a title, such as ``（2019年10月8日国务院第66次常务会议通过）`` or the
  LawRefBook block before ``<!-- INFO END -->`` (``2018年5月24日 …《关于修改…的决定》修正``), give
  the version history (:class:`~qqtext.model.Version`), the issuers and the date.
* **Back matter** (抄送, the printing office and 印发 date, （此件…）) is metadata, not the last article.

The rules are about how Chinese legal texts are laid out, not about one file:

1. A *metadata line* starts with a date (after an optional （, 经 or 根据) and is no sentence, or it
   is a whole line in parentheses that holds a date, an order number (令第N号) or an event verb; a
   document number (国办发〔2019〕5号) is one too. None of them ever joins the title.
2. One line may hold several events, spaced or run together (``…通过2021年7月30日…批准``): every
   full date starts one.
3. An event's verb is what happened to *this* text. Words inside 《…》 (the amending decision's title)
   do not count, and an amendment verb (修订, 修正, 修改) wins over the 通过 or 批准 of the decision
   that made it: ``…会议通过的《关于修改…的决定》修正`` is an amendment.
4. A metadata line broken before its verb (the 2022 组织法 prints one amendment over three lines) is
   continued by the lines after it, up to the verb.
5. The text's date is that of its version in force (:func:`version_date`).
6. A title printed twice in a row (LawRefBook repeats its ``#`` title in the metadata block, there
   over two lines) is kept once.

>>> front = read_front_matter([Line(0, 6, "北京市招标投标条例"),
...     Line(7, 40, "2002年9月6日 北京市第十一届人民代表大会常务委员会第三十六次会议通过"),
...     Line(41, 90, "2021年9月24日 北京市第十五届人民代表大会常务委员会第三十三次会议通过的《关于修改部分地方性法规的决定》修正")])
>>> front.title, front.date, [(v.date.isoformat(), v.event) for v in front.versions]
('北京市招标投标条例', datetime.date(2021, 9, 24), [('2002-09-06', '通过'), ('2021-09-24', '修正')])
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from qqtext.model import Version
from qqtext.numerals import parse_chinese_number

__all__ = [
    "Line",
    "FrontMatter",
    "read_front_matter",
    "read_back_matter",
    "iter_versions",
    "version_date",
    "is_metadata_line",
    "is_prose",
    "is_organ_line",
    "clean_title",
    "kind_of",
    "self_reference",
    "AMENDMENTS",
    "MAX_TITLE",
    "PUNCTUATION",
]

_NUM = r"[零〇一二两兩三四五六七八九十百千\d]+"
_YEAR = r"(?:\d{4}|[〇零一二三四五六七八九]{4})"
_MONTH_DAY = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"

RE_DATE = re.compile(rf"(?P<y>{_YEAR})年(?P<m>{_MONTH_DAY})月(?P<d>{_MONTH_DAY})日")
RE_DATE_LINE = re.compile(r"^[（]?\d{4}年\d{1,2}月\d{1,2}日")
RE_PRINTED_LINE = re.compile(r"^(?P<office>\S*?)\s*(?P<date>\d{4}年\d{1,2}月\d{1,2}日)(?:印发|印)?$")
RE_CC = re.compile(r"^抄\s*送[:：]\s*(?P<rest>.*)$")
RE_NOTE_LINE = re.compile(r"^（此件[^）]*）$")
RE_NOTICE = re.compile(r"(?:关于)?印发(?:《(?P<quoted>.+?)》|(?P<plain>.+?))的通知")
RE_ORGAN = re.compile(
    r"(?:办公厅|办公室|委员会|人民政府|政府|党委|党组|纪委|监委|部|局|院|厅|委|会|署|室|处|机关|中心|办)$"
)
RE_LIST_SPLIT = re.compile(r"[，、,；;]\s*")
RE_CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff（）《》“”])\s+(?=[\u3400-\u9fff（）《》“”])")
RE_KIND = re.compile(
    r"(实施办法|实施细则|实施意见|实施方案|条例|办法|规定|准则|细则|意见|决定|通知|方案|规则|规范|纲要|法)$"
)
RE_TRAILING_PAREN = re.compile(r"（[^（）]*）$")

# -- metadata lines (rule 1)
#: a line starting with a year and month, after an optional （, 经 or 根据
RE_META_START = re.compile(rf"^（?\s*(?:经|根据|于)?\s*{_YEAR}年{_MONTH_DAY}月")
#: what makes a parenthesised line metadata: a year, an order number, an event verb
RE_META_CUE = re.compile(rf"{_YEAR}年|令第?\s*\d+\s*号|通过|批准|公布|发布|印发|施行|修订|修正")
#: a document number on its own line: 国办发〔2019〕5号, 济办发〔2019〕1号
RE_DOC_NUMBER = re.compile(r"^（?\S{1,12}[〔［\[]\d{4}[〕］\]]\s*第?\d+\s*号）?$")

# -- events (rules 2 and 3)
#: a book title, 《…》, or one the line leaves open (its end is on a following line)
RE_BOOK_TITLE = re.compile(r"《[^《》]*(?:》|$)")
RE_DECISION = re.compile(r"关于修改[^，。；]*?的决[定议]")
#: amendment verbs, which win over the other verbs of their event
AMENDMENTS = ("修订", "修正", "修改")
RE_AMENDMENT = re.compile("|".join(AMENDMENTS))
RE_VERB = re.compile(r"通过|批准|公布|发布|印发|施行")
#: where the acting body's name ends in an event
RE_BODY_END = re.compile(r"《|〈|关于|通过|批准|公布|发布|印发|施行|修订|修正|修改")
RE_SESSION = re.compile(rf"第{_NUM}[届次](?:会议)?|{_NUM}次|常务会议|全体会议|会议|审议")
RE_TEXT_TAIL = re.compile(r"[\s（）()]*(?:根据|经|并|依据)?[\s（）()，、；]*$")

MAX_TITLE = 60
PUNCTUATION = "，。；：！？、"
#: a broken metadata line takes at most this many following lines (the 2022 组织法 needs two)
MAX_CONTINUATION = 4

_PUBLICATION = ("公布", "发布", "印发")


@dataclass(slots=True)
class Line:
    """One line of the normalised text: ``[start, end)`` and its text."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class FrontMatter:
    """What the lines before the body say (filled in by :func:`read_front_matter`)."""

    title: str = ""
    issuers: list[str] = field(default_factory=list)
    date: dt.date | None = None
    recipients: list[str] = field(default_factory=list)
    notice: str | None = None
    preamble: list[Line] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    versions: list[Version] = field(default_factory=list)


class _Event(NamedTuple):
    version: Version
    body: str  # the acting body (国务院, 某市人民代表大会常务委员会), or ""


# ------------------------------------------------------------------ front matter
def read_front_matter(lines: Sequence[Line]) -> FrontMatter:
    """Read the lines before the body: a notice wrapper, or a title with its metadata lines."""
    front = FrontMatter()
    if not lines:
        return front
    notice_end = _notice_header_end([line.text for line in lines])
    if notice_end is not None:
        _read_notice(lines, notice_end, front)
    else:
        _read_plain_front(lines, front)
    return front


def _notice_header_end(texts: list[str]) -> int | None:
    """Index just after the lines that form a 印发…的通知 header, or None."""
    joined = ""
    for index, text in enumerate(texts[:8]):
        joined += text
        # RE_NOTICE can only match where 的通知 follows an 印发; checked first, the search is linear
        issued = joined.find("印发")
        if issued >= 0 and joined.find("的通知", issued + 3) >= 0 and RE_NOTICE.search(joined):
            return index + 1
        if any(p in text for p in "。；"):
            return None
    return None


def _read_notice(lines: Sequence[Line], header_end: int, front: FrontMatter) -> None:
    header = "".join(line.text for line in lines[:header_end])
    match = RE_NOTICE.search(header)
    assert match is not None
    front.title = clean_title(match.group("quoted") or match.group("plain"))
    header_issuers = [line.text for line in lines[:header_end] if is_organ_line(line.text)]
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
        if is_organ_line(text):
            signers.append(text)
        else:
            notice_lines.extend(signers)
            signers = []
            notice_lines.append(text)
        index += 1
    front.issuers = signers or header_issuers
    front.notice = "\n".join([header] + notice_lines)
    # the issued document's own title, metadata lines and preamble follow the notice; its versions
    # are recorded, but the notice's date and offices stay those of the document
    title_lines: list[str] = []
    reader = _MetadataReader()
    for line in rest[index:]:
        if RE_NOTE_LINE.match(line.text):
            front.metadata["note"] = line.text.strip("（）")
        elif reader.take(line.text):
            continue
        elif is_prose(line.text):
            front.preamble.append(line)
        else:
            title_lines.append(line.text)
    reader.finish()
    if title_lines:
        front.title = clean_title("".join(title_lines))
    front.versions = [event.version for event in reader.events]
    reader.store_notes(front.metadata)


def _read_plain_front(lines: Sequence[Line], front: FrontMatter) -> None:
    reader = _MetadataReader()
    title = _TitleReader()
    title_done = False
    for line in lines:
        text = line.text
        date_only = RE_DATE.fullmatch(text.strip("（）"))
        if date_only:
            front.date = _to_date(date_only)
            title_done = True
            continue
        if reader.take(text):
            title_done = title_done or reader.saw_event_line
            continue
        if not title_done and not is_prose(text) and len(text) <= MAX_TITLE:
            title.add(text)
            continue
        title_done = True
        front.preamble.append(line)
    reader.finish()
    front.title = title.text()
    _apply_events(reader.events, front)
    reader.store_notes(front.metadata)


class _MetadataReader:
    """Metadata lines met in the front matter (rules 1, 2 and 4): events, notes, a document number."""

    def __init__(self) -> None:
        self.events: list[_Event] = []
        self.notes: list[str] = []
        self.doc_number: str | None = None
        self.pending: str | None = None  # a dated line still waiting for its verb
        self.pending_lines = 0
        self.saw_event_line = False  # a dated or parenthesised metadata line (not a document number)

    def take(self, text: str) -> bool:
        """Whether ``text`` is metadata (recorded here) rather than title or preamble."""
        if self.pending is not None:
            if not is_metadata_line(text) and not _is_sentence(text) and self.pending_lines < MAX_CONTINUATION:
                self.pending += text
                self.pending_lines += 1
                found = list(_iter_events(self.pending))
                if found:
                    self.events.extend(found)
                    self.pending = None
                return True
            self.finish()
        if RE_DOC_NUMBER.match(text):
            self.doc_number = text.strip("（）")
            return True
        if not is_metadata_line(text):
            return False
        self.saw_event_line = True
        found = list(_iter_events(text))
        if found:
            self.events.extend(found)
        elif RE_META_START.match(text):
            self.pending, self.pending_lines = text, 0  # rule 4: the verb may be on the next lines
        else:
            self.notes.append(text.strip("（）"))
        return True

    def finish(self) -> None:
        if self.pending is not None:
            self.notes.append(self.pending.strip("（）"))
            self.pending = None

    def store_notes(self, metadata: dict[str, str]) -> None:
        if self.notes:
            metadata["note"] = "；".join([*filter(None, [metadata.get("note")]), *self.notes])
        if self.doc_number:
            metadata["doc_number"] = self.doc_number


class _TitleReader:
    """The title's lines (rule 6: a title printed again right after itself is kept once).

    What :meth:`add` decides is ``clean_title(title).startswith(clean_title(repeat + line))``, but
    in time proportional to the line, not to the title so far (a text of many short lines before
    its body would otherwise take quadratic time). It relies on :func:`clean_title` being, for
    pieces without white space at their ends, the concatenation of each piece's *core* (white
    space handled, see :func:`_title_core`) trimmed at the two ends (（全文）, a 《》 wrapper): so the
    cores are kept, with the length, first character and last characters of each concatenation,
    and the candidate is compared with the title one line at a time. A piece with white space at
    an end (never a normalised line) switches to recomputing everything, as the rule is stated.
    """

    def __init__(self) -> None:
        self.lines: list[str] = []  # the title's lines, as given
        self.repeat: list[str] = []  # lines after the title that, so far, print it again
        self._slow = False
        # the title's cores: a prefix of their concatenation is joined on demand
        self._cores: list[str] = []
        self._joined = ""
        self._joined_count = 0
        self._length = 0
        self._tail = ""  # the last characters of the concatenated cores
        # the repeat's cores so far, and how far the candidate (from offset 0 or 1) matches the title
        self._repeat_cores: list[str] = []
        self._repeat_length = 0
        self._repeat_first = ""
        self._repeat_tail = ""
        self._matched = [0, 0]
        self.repeat_pending = False

    def add(self, text: str) -> None:
        if not self._slow and (not text or text[0].isspace() or text[-1].isspace()):
            self._slow = True
        if self._slow:
            self._add_slowly(text)
            return
        core = _title_core(text)
        if self.lines and self._repeats(core):
            self.repeat.append(text)
            if not self.repeat_pending:
                self.repeat.clear()
                self._repeat_cores.clear()
            return
        for line, line_core in zip([*self.repeat, text], [*self._repeat_cores, core]):
            self.lines.append(line)
            self._cores.append(line_core)
            self._length += len(line_core)
            self._tail = (self._tail + line_core[-_TAIL:])[-_TAIL:]
        self.repeat.clear()
        self._repeat_cores.clear()

    def text(self) -> str:
        return clean_title("".join(self.lines) + "".join(self.repeat))

    # ------------------------------------------------------------------ the incremental test
    def _repeats(self, core: str) -> bool:
        """Whether the title starts with the cleaned repeat + this line (whose core is ``core``)."""
        whole_start, whole_end = _trimmed(self._core_prefix(1), self._length, self._tail)
        if self.repeat:
            base, first = self._repeat_length, self._repeat_first
            matched = list(self._matched)
        else:
            base, first, matched = 0, core[0], [0, 0]
        for offset in (0, 1):
            done = max(base - offset, 0)  # characters of candidate[offset:] compared so far
            if matched[offset] < done:
                continue  # a mismatch was already found
            piece = core[max(offset - base, 0):]
            at = whole_start + matched[offset]
            target = self._core_prefix(at + len(piece))[at:at + len(piece)]
            matched[offset] += len(_common_prefix(piece, target))
        length = base + len(core)
        tail = (self._repeat_tail + core[-_TAIL:])[-_TAIL:] if self.repeat else core[-_TAIL:]
        start, end = _trimmed(first, length, tail)
        size, whole_size = end - start, whole_end - whole_start
        if size > whole_size or matched[start] < size:
            return False
        self._repeat_cores.append(core)
        self._repeat_length, self._repeat_first, self._repeat_tail = length, first, tail
        self._matched = matched
        self.repeat_pending = size != whole_size  # the title printed again in full ends the repeat
        return True

    def _core_prefix(self, size: int) -> str:
        """At least ``size`` characters of the title's concatenated cores (all when fewer)."""
        if len(self._joined) < size and self._joined_count < len(self._cores):
            goal = max(size, 2 * len(self._joined))
            pieces = [self._joined]
            length = len(self._joined)
            while length < goal and self._joined_count < len(self._cores):
                pieces.append(self._cores[self._joined_count])
                length += len(pieces[-1])
                self._joined_count += 1
            self._joined = "".join(pieces)
        return self._joined

    # ------------------------------------------------------------------ the rule as stated
    def _add_slowly(self, text: str) -> None:
        title, repeat = "".join(self.lines), "".join(self.repeat)
        if title:
            candidate = clean_title(repeat + text)
            whole = clean_title(title)
            if whole.startswith(candidate):
                repeat += text
                if candidate == whole:
                    repeat = ""
                self.lines, self.repeat = [title], [repeat] if repeat else []
                return
        self.lines, self.repeat = [title + repeat + text], []


#: How many last characters of a title's cores decide how :func:`clean_title` trims its end.
_TAIL = len("（全文）") + 1
_FULL_TEXT = "（全文）"


def _title_core(text: str) -> str:
    """:func:`clean_title` without its trimming of the ends (for a piece without edge white space)."""
    return re.sub(r"\s{2,}", " ", RE_CJK_SPACE.sub("", text))


def _trimmed(first: str, length: int, tail: str) -> tuple[int, int]:
    """``[start, end)`` of the cores that :func:`clean_title` keeps, from their first character,
    length and last :data:`_TAIL` characters."""
    end = length
    if tail.endswith(_FULL_TEXT):
        end -= len(_FULL_TEXT)
        tail = tail[: -len(_FULL_TEXT)]
    if end > 0 and first[:1] == "《" and tail.endswith("》") and end >= 1:
        return 1, end - 1
    return 0, end


def _common_prefix(a: str, b: str) -> str:
    """The longest common prefix of two strings."""
    if b.startswith(a):
        return a
    size = min(len(a), len(b))
    for index in range(size):
        if a[index] != b[index]:
            return a[:index]
    return a[:size]


def _is_sentence(text: str) -> bool:
    """A line of prose: a broken metadata line goes on with names and titles, never with a sentence."""
    return any(p in text for p in "，。；！？")


def _apply_events(events: list[_Event], front: FrontMatter) -> None:
    if not events:
        return
    front.versions = [event.version for event in events]
    front.date = version_date(front.versions)
    adopters = [e.body for e in events if e.version.event == "通过" and e.body]
    approvers = [e.body for e in events if e.version.event == "批准" and e.body]
    issuers = adopters or [e.body for e in events if e.version.event in _PUBLICATION and e.body]
    front.issuers = list(dict.fromkeys(issuers))
    if approvers and adopters:
        front.metadata["approved_by"] = "、".join(dict.fromkeys(approvers))
    front.metadata["history"] = "；".join(
        f"{e.version.date.isoformat()} {e.body}{e.version.event}" for e in events
    )


# ------------------------------------------------------------------ events and versions
def is_metadata_line(text: str) -> bool:
    """Whether a front-matter line is metadata (rule 1) and so never part of the title.

    >>> [is_metadata_line(t) for t in ("（2019年10月8日国务院第66次常务会议通过）", "（试行）",
    ...     "2021年9月24日 北京市…会议通过", "（中华人民共和国国务院令第722号）", "2019年，我市召开会议。")]
    [True, False, True, True, False]
    """
    start = RE_META_START.match(text)
    if start:
        after = text[start.end():]
        return "。" not in text and not re.match(rf"^{_MONTH_DAY}日[，,]", after)
    return text.startswith("（") and text.endswith("）") and RE_META_CUE.search(text) is not None


def iter_versions(text: str) -> Iterator[Version]:
    """The dated events (rules 2 and 3) of one metadata line, in order.

    >>> [(v.date.isoformat(), v.event) for v in iter_versions(
    ...     "2021年6月25日 濮阳市第八届人民代表大会常务委员会第二十四次会议通过2021年7月30日河南省…会议批准")]
    [('2021-06-25', '通过'), ('2021-07-30', '批准')]
    """
    for event in _iter_events(text):
        yield event.version


def _iter_events(text: str) -> Iterator[_Event]:
    starts = list(RE_DATE.finditer(text))
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        date = _to_date(match)
        if date is None:
            continue
        rest = text[match.end():end]
        scrubbed = RE_DECISION.sub("", RE_BOOK_TITLE.sub("", rest))
        verb = RE_AMENDMENT.search(scrubbed) or RE_VERB.search(scrubbed)
        if verb is None:
            continue
        cut = RE_BODY_END.search(rest)
        body = RE_SESSION.sub("", rest[: cut.start() if cut else len(rest)]).strip()
        body = re.sub(r"^中华人民共和国(?=国务院)", "", body)
        body = re.sub(r"令第?\d+号$", "", body)
        printed = RE_TEXT_TAIL.sub("", text[match.start():end]).strip()
        yield _Event(Version(date, verb.group(), printed), body)


def version_date(versions: Sequence[Version]) -> dt.date | None:
    """The date of the version in force (rule 5).

    Among the events from the latest amendment (修订/修正/修改) on, or among all of them when the
    text was never amended: the latest publication (公布/发布/印发), else the latest approval
    (批准), else the latest adoption or amendment (通过, 修订 …), else the latest event. So an
    amended law is dated by its last amendment, a State Council regulation revised and then
    promulgated by its 国务院令, a city regulation by the province's approval.

    >>> v = [Version(dt.date(2004, 9, 24), "通过", ""), Version(dt.date(2022, 11, 30), "修正", "")]
    >>> version_date(v)
    datetime.date(2022, 11, 30)
    """
    if not versions:
        return None
    amended = [v.date for v in versions if v.event in AMENDMENTS]
    since = max(amended) if amended else min(v.date for v in versions)
    current = [v for v in versions if v.date >= since]
    for verbs in (_PUBLICATION, ("批准",), ("通过", *AMENDMENTS)):
        dated = [v.date for v in current if v.event in verbs]
        if dated:
            return max(dated)
    return max(v.date for v in current)


def _to_date(match: re.Match[str] | None) -> dt.date | None:
    if match is None:
        return None
    try:
        return dt.date(*(parse_chinese_number(match.group(g)) for g in ("y", "m", "d")))
    except ValueError:
        return None


# ------------------------------------------------------------------ back matter
def read_back_matter(lines: Sequence[Line], body_start: int) -> tuple[int, list[str], dict[str, str]]:
    """Find where the body ends: 抄送, printing office and date lines at the end are metadata.

    Returns the index of the first back-matter line, the 抄送 bodies and further metadata
    (``printed``, ``printed_by``, ``note``).
    """
    end = len(lines)
    cc: list[str] = []
    meta: dict[str, str] = {}
    seen_marker = False
    while end > body_start + 1:
        text = lines[end - 1].text
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
        elif seen_marker and is_organ_line(text):
            meta["printed_by"] = text
        else:
            break
        seen_marker = True
        end -= 1
    return end, cc, meta


# ------------------------------------------------------------------ helpers
def is_prose(text: str) -> bool:
    """A line too long or too punctuated to be a title."""
    return len(text) > MAX_TITLE or any(p in text for p in "，。；！？")


def is_organ_line(text: str) -> bool:
    """A short line naming an office (中共济南市委办公厅)."""
    return len(text) <= 30 and not any(p in text for p in PUNCTUATION) and RE_ORGAN.search(text) is not None


def clean_title(text: str) -> str:
    """Tidy a title: no spaces between Chinese characters, no 《》 wrapper, no trailing （全文）.

    >>> clean_title("《中共中央八项规定》（全文）")
    '中共中央八项规定'
    >>> clean_title("关于构建亲清新型政商关系的 实施办法（试行）")
    '关于构建亲清新型政商关系的实施办法（试行）'
    """
    text = RE_CJK_SPACE.sub("", text.strip())
    text = re.sub(r"\s{2,}", " ", text)
    if text.endswith("（全文）"):
        text = text[: -len("（全文）")]
    if text.startswith("《") and text.endswith("》"):
        text = text[1:-1]
    return text


def kind_of(title: str) -> str | None:
    """The genre from a title's ending.

    >>> kind_of("关于构建亲清新型政商关系的实施办法（试行）")
    '实施办法'
    >>> kind_of("中国共产党纪律处分条例 2018")
    '条例'
    """
    core = title
    while RE_TRAILING_PAREN.search(core):
        core = RE_TRAILING_PAREN.sub("", core)
    core = re.sub(r"\s*\d{4}$", "", core)
    match = RE_KIND.search(core)
    return match.group(1) if match else None


#: how a text names itself inside its articles: 本法, 本条例, 本办法 … (本规定的 counts, 本章 does not)
RE_SELF_REFERENCE = re.compile(r"本(实施办法|实施细则|办法|条例|规定|准则|细则|意见|决定|通知|方案|规则|规范|纲要|制度|法)(?![律院人])")


def self_reference(kind: str | None, text: str = "") -> str:
    """How a document refers to itself: the form its own articles use most (本法, 本条例 …), else
    本 with the genre of its title, else 本文件.

    >>> self_reference("法"), self_reference("实施办法"), self_reference(None)
    ('本法', '本办法', '本文件')
    >>> self_reference("决定", "第一条 …依照本条例执行。本条例自公布之日起施行。")
    '本条例'
    >>> self_reference("法", "本法律师…")
    '本法'
    """
    used = Counter(m.group(1) for m in RE_SELF_REFERENCE.finditer(text))
    if used:
        genre = used.most_common(1)[0][0]
    else:
        genre = kind or ""
    for prefix in ("实施",):
        if genre.startswith(prefix) and len(genre) > len(prefix) + 1:
            genre = genre[len(prefix):]
    return f"本{genre}" if genre else "本文件"
