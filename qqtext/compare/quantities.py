"""Quantities and sanctions written in a text, and the text units are compared on, mapped to the document.

A quantity is a numeral with a unit of time (日, 个工作日, 个月, 年, 小时), money (元, 万元, 亿元), share or
multiple (%, 百分之十, 倍) or count (人, 次, 家): 三十日 and 30日 have the same value, 五十万元 is 500,000 元.
Dates (2020年1月1日, 二〇一九年十月) and ordinals (第三十日) are no quantities. The sanctions are the penalties
of the 行政处罚法, the 政务处分 and party sanctions, and 追究刑事责任.

>>> [(q.text, q.value, q.unit) for q in quantities("自收到之日起三十日内，处五十万元以下、百分之十以上的罚款")]
[('三十日', 30.0, '日'), ('五十万元', 500000.0, '元'), ('百分之十', 10.0, '%')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from qqtext.model import Article, Document, Item, Section, Span
from qqtext.numerals import parse_chinese_number

__all__ = ["Quantity", "SideText", "quantities", "sanctions", "SANCTIONS", "RE_QUANTITY", "RE_DATE"]

_CN = "零〇一二两三四五六七八九十百千万亿"
#: A quantity: a numeral and a unit of time, money, share or count (not 第三十日, not 三十条).
RE_QUANTITY = re.compile(
    rf"(?<![第\d.{_CN}])(?P<n>\d+(?:\.\d+)?|[{_CN}]+)(?P<unit>个工作日|工作日|个自然日|自然日|个月|日|天|周年|年|小时|分钟|周|"
    r"万元|亿元|元|%|％|倍|人|名|次|家|项|户|公里|平方米|米|吨|公斤)(?![性度])"
    rf"|百分之(?P<pct>[\d.{_CN}点]+)"
)
#: A date (2020年1月1日, 二〇一九年十月): no rule of its own.
RE_DATE = re.compile(rf"(?:\d{{4}}|[〇零一二三四五六七八九]{{4}})年(?:[\d{_CN}]{{1,2}}月(?:[\d{_CN}]{{1,3}}日)?)?")
_UNITS = {  # unit -> (kind, normalised unit, factor)
    "个工作日": ("deadline", "工作日", 1), "工作日": ("deadline", "工作日", 1),
    "个自然日": ("deadline", "日", 1), "自然日": ("deadline", "日", 1), "日": ("deadline", "日", 1), "天": ("deadline", "日", 1),
    "个月": ("deadline", "月", 1), "周年": ("deadline", "年", 1), "年": ("deadline", "年", 1),
    "小时": ("deadline", "小时", 1), "分钟": ("deadline", "分钟", 1), "周": ("deadline", "周", 1),
    "元": ("amount", "元", 1), "万元": ("amount", "元", 10_000), "亿元": ("amount", "元", 100_000_000),
    "%": ("number", "%", 1), "％": ("number", "%", 1), "倍": ("number", "倍", 1),
}
#: Sanctions a text may name (行政处罚法 第九条, 公职人员政务处分法, 纪律处分条例, criminal liability).
SANCTIONS = (
    "警告", "通报批评", "罚款", "没收违法所得", "没收非法财物", "暂扣许可证件", "降低资质等级", "吊销许可证件",
    "吊销营业执照", "吊销许可证", "限制开展生产经营活动", "责令停产停业", "责令关闭", "限制从业", "行政拘留", "拘留",
    "记过", "记大过", "降级", "撤职", "开除", "严重警告", "撤销党内职务", "留党察看", "开除党籍", "追究刑事责任",
)
RE_SANCTION = re.compile("|".join(sorted(SANCTIONS, key=len, reverse=True)))
#: 有违法所得的，由…予以没收: the confiscation of illegal gains written the other way round.
RE_CONFISCATION = re.compile(r"违法所得的?[，,]?[^。；;]{0,16}?(?:予以|应当|并|依法)?没收(?!违法所得|非法财物)")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A quantity written in a text: its words, value and kind (``deadline``, ``amount`` or ``number``)."""

    text: str
    value: float
    unit: str
    kind: str
    span: Span  # in the text it was found in


# ------------------------------------------------------------------ quantities and sanctions


def _value(numeral: str) -> float | None:
    numeral = numeral.replace("点", ".")
    try:
        if re.fullmatch(r"\d+(?:\.\d+)?", numeral):
            return float(numeral)
        total = 0.0
        rest = numeral
        for mark, factor in (("亿", 100_000_000), ("万", 10_000)):
            if mark in rest:
                head, rest = rest.split(mark, 1)
                total += (parse_chinese_number(head) if head else 1) * factor
        if rest:
            total += parse_chinese_number(rest.lstrip("零〇") or "0") if rest.strip("零〇") else 0
        return float(total)
    except ValueError:
        return None


def quantities(text: str, *, offset: int = 0) -> list[Quantity]:
    """The quantities of ``text`` (spans shifted by ``offset``), dates left out.

    >>> [(q.text, q.value, q.unit) for q in quantities("自收到之日起三十日内，处五十万元以下、百分之十以上的罚款")]
    [('三十日', 30.0, '日'), ('五十万元', 500000.0, '元'), ('百分之十', 10.0, '%')]
    """
    dates = [m.span() for m in RE_DATE.finditer(text)]
    out = []
    for match in RE_QUANTITY.finditer(text):
        start, end = match.span()
        if any(s <= start < e for s, e in dates):
            continue
        if match.group("pct") is not None:
            value, (kind, unit, factor) = _value(match.group("pct")), ("number", "%", 1)
        else:
            value = _value(match.group("n"))
            kind, unit, factor = _UNITS.get(match.group("unit"), ("number", match.group("unit"), 1))
        if value is None:
            continue
        out.append(Quantity(match.group(), value * factor, unit, kind, Span(offset + start, offset + end)))
    return out


def sanctions(text: str) -> list[tuple[str, int, int]]:
    """The sanctions named in ``text``: ``(name, start, end)``, 吊销营业执照 counted once, not also as 吊销…;
    有违法所得的，予以没收 is 没收违法所得 too.

    >>> [name for name, _, _ in sanctions("有违法所得的，由民政部门予以没收；并处二万元罚款")]
    ['没收违法所得', '罚款']
    """
    found = [(m.group(), m.start(), m.end()) for m in RE_SANCTION.finditer(text)]
    found += [("没收违法所得", m.start(), m.end()) for m in RE_CONFISCATION.finditer(text)
              if not any(start <= m.start() < end for _, start, end in found)]
    return sorted(found, key=lambda f: f[1])


@dataclass(frozen=True, slots=True)
class SideText:
    """The text units are compared on (:func:`~qqtext.compare.measures.unit_text`, several units joined
    by newlines), with the map to and from ``Document.text``.

    Attributes:
        text: the text.
        pieces: ``(start in text, offset in Document.text or -1 if not found, length)`` per paragraph or item.
    """

    text: str
    pieces: tuple[tuple[int, int, int], ...]

    @classmethod
    def of(cls, doc: Document, units: Sequence[Article | Section | Item]) -> SideText:
        """The text of ``units`` of ``doc``."""
        parts, at = [], 0
        found = _texts(doc, units)
        for offset, text in found:
            parts.append((at, offset, len(text)))
            at += len(text) + 1
        return cls("\n".join(text for _, text in found), tuple(parts))

    def span(self, start: int, end: int) -> Span | None:
        """The span in ``Document.text`` of ``text[start:end]`` (``None`` if it is not in one found piece)."""
        for begin, offset, length in self.pieces:
            if begin <= start and end <= begin + length:
                return Span(offset + start - begin, offset + end - begin) if offset >= 0 else None
        return None

    def local(self, span: Span) -> tuple[int, int] | None:
        """Where ``span`` of ``Document.text`` is in :attr:`text` (clipped to its paragraph or item)."""
        for begin, offset, length in self.pieces:
            if offset >= 0 and offset <= span.start < offset + length:
                return begin + span.start - offset, begin + min(span.end, offset + length) - offset
        return None


def _pieces(doc: Document, unit: Article | Section | Item) -> list[tuple[int, str]]:
    """The texts a unit is compared on, each with its offset in ``doc.text`` (-1 where it cannot be found)."""
    if isinstance(unit, Item):
        parts = [unit]
    else:
        parts = []
        for paragraph in unit.paragraphs:
            if paragraph.text:
                parts.append(paragraph)
            parts.extend(paragraph.items)
    out = []
    for part in parts:
        at = doc.text.find(part.text, part.span.start, part.span.end + len(part.text))
        out.append((at, part.text))
    return out or [(doc.text.find(unit.text, unit.span.start), unit.text)]


def _texts(doc: Document, units: Sequence[Article | Section | Item]) -> list[tuple[int, str]]:
    return [piece for unit in units for piece in _pieces(doc, unit)]
