"""Text -> clean text, with a map from every clean character back to the source.

Normalisation makes texts from different origins comparable without losing track of where each
character came from:

* full-width digits and Latin letters become ASCII (``１２３４５`` -> ``12345``); ideographic and other
  odd spaces (U+3000, NBSP, tabs) become plain spaces; ASCII parentheses become full-width ones, the
  form Chinese official documents use (``(九)`` -> ``（九）``);
* every line is stripped, Markdown heading, quote and bold markers (``#``, ``>``, ``**``) and HTML
  comment or rule lines are dropped, blank lines disappear: the result has one paragraph per line;
* a paragraph broken mid-sentence by a page break (``…有尺度`` / ``正常交往，…``) is rejoined. A line is
  only joined to the next when it is running prose (long, with commas), ends without sentence-final
  punctuation, and the next line starts no structural unit (article, chapter, item, date, 抄送, 附件;
  in simplified or Traditional script: 第二條, 第一節).

Every character of :attr:`Normalized.text` maps back to a character of :attr:`Normalized.source`
(:meth:`Normalized.to_source`, :meth:`Normalized.source_span`).

>>> norm = normalize_text("第一条　为了１２３，实现零距离联系服务、有尺度\\n\\n正常交往。")
>>> norm.text
'第一条 为了123，实现零距离联系服务、有尺度正常交往。'
>>> start = norm.text.index("正常")
>>> norm.source[norm.to_source(start)]
'正'
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

__all__ = ["Normalized", "normalize_text", "map_characters", "CHAR_TABLE", "is_continuation"]


def _build_char_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF10, 0xFF1A):  # full-width digits
        table[code] = chr(code - 0xFEE0)
    for code in list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B)):  # letters
        table[code] = chr(code - 0xFEE0)
    for space in "\u3000\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\t\ufeff\x0b\x0c":
        table[ord(space)] = " "
    table[ord("\r")] = "\n"
    table[ord("\u2028")] = "\n"
    table[ord("\u2029")] = "\n"
    table[ord("(")] = "（"
    table[ord(")")] = "）"
    return table


#: One-to-one character replacements (they keep the text's length).
CHAR_TABLE = _build_char_table()
_CHAR_MAP = {chr(code): replacement for code, replacement in CHAR_TABLE.items()}
# str.translate looks every character up in a dict; replacing only the few present is much faster
RE_MAPPED_CHAR = re.compile("[" + re.escape("".join(_CHAR_MAP)) + "]")


#: Characters no text holds on purpose: lone surrogates and the non-characters U+FFFE/U+FFFF (each
#: becomes U+FFFD), and C0 controls other than tab and line breaks (each becomes a space).
RE_NOT_TEXT = re.compile("[\ud800-\udfff\ufffe\uffff]")
RE_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def map_characters(text: str) -> str:
    """Apply :data:`CHAR_TABLE`, and replace what no text holds on purpose (:data:`RE_NOT_TEXT`,
    :data:`RE_CONTROL`); the result has the same length as ``text``, so offsets still hold.

    >>> map_characters("（九）(九)１２　ａ")
    '（九）（九）12 a'
    >>> map_characters("企业" + chr(0xD800) + "应当" + chr(7) + "经营") == "企业" + chr(0xFFFD) + "应当 经营"
    True
    """
    for char in set(RE_MAPPED_CHAR.findall(text)):  # few distinct characters, each replaced in C
        text = text.replace(char, _CHAR_MAP[char])
    if RE_NOT_TEXT.search(text):
        text = RE_NOT_TEXT.sub("\ufffd", text)
    if RE_CONTROL.search(text):
        text = RE_CONTROL.sub(" ", text)
    return text

RE_LINE = re.compile(r"[^\n]+")
RE_MD_PREFIX = re.compile(r"^(?:#{1,6}\s*|>\s*)+")
RE_BOLD = re.compile(r"\*\*|__")
RE_DROP_LINE = re.compile(r"^(?:<!--.*-->|[-*_=]{3,}|<!--|-->)$")
TERMINAL = frozenset("。！？；：!?;:…")
CLOSING_QUOTES = frozenset("”’」』")
SENTENCE_END = frozenset("。！？!?")
RE_STRUCTURAL_START = re.compile(
    r"^(?:第[零〇一二两兩三四五六七八九十百千\d]+[编編章节節条條款]"
    r"|[（(][零〇一二三四五六七八九十\d]+[）)]"
    r"|[一二三四五六七八九十]+[、．.]"
    r"|\d+[、．.](?!\d)"
    r"|[①-⑳]"
    r"|抄送|附件|附：|附则"
    r"|\d{4}年\d{1,2}月\d{1,2}日)"
)
RE_HEADING = re.compile(r"^第[零〇一二两兩三四五六七八九十百千\d]+[编編章节節]")
RE_PROSE_MARK = re.compile(r"[，、；]")
MIN_BROKEN_LINE = 20
_MARKUP_START = frozenset("#>*_-=<")


def is_continuation(previous: str, following: str) -> bool:
    """Whether ``following`` continues the sentence ``previous`` was cut in (a page break).

    >>> is_continuation("推动机关单位工作人员走进企业，实现零距离联系服务、有尺度", "正常交往，加快形成健康生态。")
    True
    >>> is_continuation("推动机关单位工作人员走进企业，实现零距离联系服务。", "正常交往。")
    False
    >>> is_continuation("推动机关单位工作人员走进企业，实现零距离联系服务、可参加", "（一）参加座谈会；")
    False
    """
    return (
        len(previous) >= MIN_BROKEN_LINE
        and not _ends_sentence(previous)
        and RE_PROSE_MARK.search(previous) is not None
        and RE_HEADING.match(previous) is None
        and RE_STRUCTURAL_START.match(following) is None
    )


def _ends_sentence(line: str) -> bool:
    last = line[-1]
    return last in TERMINAL or (last in CLOSING_QUOTES and len(line) > 1 and line[-2] in SENTENCE_END)


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised text and the map back to its source.

    Attributes:
        source: the text as read.
        text: the normalised text, one paragraph per line.
        runs: sorted ``(text_start, source_start)`` pairs; from each ``text_start`` on, characters map
            one-to-one onto the source from ``source_start`` until the next run.
    """

    source: str
    text: str
    runs: tuple[tuple[int, int], ...]
    run_starts: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if len(self.run_starts) != len(self.runs):
            object.__setattr__(self, "run_starts", tuple(start for start, _ in self.runs))

    def to_source(self, position: int) -> int:
        """Map a position in :attr:`text` to the position of the same character in :attr:`source`."""
        if not self.runs:
            return 0
        index = max(bisect.bisect_right(self.run_starts, position) - 1, 0)
        text_start, source_start = self.runs[index]
        return source_start + (position - text_start)

    def shift(self, start: int, end: int) -> int | None:
        """``source - text`` offset shared by every position of ``[start, end)``, if there is one.

        Within a stretch that no deletion interrupts, mapping is one subtraction; callers mapping
        many spans inside one line use this instead of :meth:`to_source` for each.
        """
        if not self.runs:
            return 0
        index = bisect.bisect_right(self.run_starts, start) - 1
        if index < 0:
            index = 0
        next_start = self.run_starts[index + 1] if index + 1 < len(self.run_starts) else None
        if next_start is not None and end > next_start:
            return None
        text_start, source_start = self.runs[index]
        return source_start - text_start

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open span ``[start, end)`` of :attr:`text` to a span of :attr:`source`."""
        source_start = self.to_source(start)
        if end <= start:
            return source_start, source_start
        return source_start, self.to_source(end - 1) + 1


def normalize_text(source: str) -> Normalized:
    """Normalise ``source`` (see the module documentation) keeping an offset map back to it."""
    mapped = map_characters(source)
    out: list[str] = []
    runs: list[tuple[int, int]] = []
    position = 0
    previous_line = ""
    for match in RE_LINE.finditer(mapped):
        fragments = _clean_line(match.group(), match.start())
        if not fragments:
            continue
        line = fragments[0][1] if len(fragments) == 1 else "".join(text for _, text in fragments)
        if out and not is_continuation(previous_line, line):
            out.append("\n")
            # the newline stands for the source character just after the previous line
            runs.append((position, runs[-1][1] + (position - runs[-1][0])))
            position += 1
            previous_line = ""
        for source_start, fragment in fragments:
            runs.append((position, source_start))
            out.append(fragment)
            position += len(fragment)
        previous_line += line
    return Normalized(source=source, text="".join(out), runs=_merge_runs(runs))


def _clean_line(line: str, offset: int) -> list[tuple[int, str]]:
    """Strip one line; return its kept fragments with their source offsets."""
    if line[0] not in _MARKUP_START and "**" not in line and "__" not in line and not line[0].isspace() and not line[-1].isspace():
        return [(offset, line)]  # the common case: nothing to strip
    stripped = line.strip()
    if not stripped:
        return []
    offset += line.index(stripped[0])
    prefix = RE_MD_PREFIX.match(stripped)
    if prefix:
        offset += prefix.end()
        stripped = stripped[prefix.end():]
    if RE_DROP_LINE.match(stripped):
        return []
    fragments: list[tuple[int, str]] = []
    cursor = 0
    for marker in RE_BOLD.finditer(stripped):
        if marker.start() > cursor:
            fragments.append((offset + cursor, stripped[cursor:marker.start()]))
        cursor = marker.end()
    if cursor < len(stripped):
        fragments.append((offset + cursor, stripped[cursor:]))
    # strip again around removed markers ("** 标题 **")
    cleaned: list[tuple[int, str]] = []
    for index, (start, text) in enumerate(fragments):
        if index == 0:
            lead = len(text) - len(text.lstrip())
            start, text = start + lead, text.lstrip()
        if index == len(fragments) - 1:
            text = text.rstrip()
        if text:
            cleaned.append((start, text))
    return cleaned


def _merge_runs(runs: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Drop runs that merely continue the previous one."""
    merged: list[tuple[int, int]] = []
    for text_start, source_start in runs:
        if merged:
            last_text, last_source = merged[-1]
            if source_start - last_source == text_start - last_text:
                continue
            if text_start == last_text:
                merged[-1] = (text_start, source_start)
                continue
        merged.append((text_start, source_start))
    return tuple(merged)
