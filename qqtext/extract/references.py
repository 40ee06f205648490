"""References: to the document itself (本办法, 第X条, 以下活动) and to outside rules (有关规定, 公务接待标准,
named documents in 《》).

>>> from qqtext import load_document
>>> refs = extract_references(load_document("jinan-2019"))
>>> {"公务接待标准", "公务出差标准", "有关规定", "有关纪律规定"} <= {r.target for r in refs if r.kind == "external"}
True
>>> [r.target for r in refs if r.kind == "internal"][:3]
['self', 'self', 'following']
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from typing import Literal

from qqtext.errors import StructureWarning
from qqtext.model import Document, Span
from qqtext.numerals import parse_chinese_number

__all__ = ["Reference", "ReferenceKind", "extract_references", "UNRESOLVED"]

#: The target of an article reference whose number is a misprint (第十十八条).
UNRESOLVED = "unresolved"

ReferenceKind = Literal["internal", "external"]

_NUM = r"[零〇一二两三四五六七八九十百千\d]+"
RE_INTERNAL = re.compile(
    rf"(?P<self>本(?:办法|条例|规定|准则|细则|意见|决定|法))(?:(?P<art>第{_NUM}条)(?:第{_NUM}款)?(?:第{_NUM}项)?)?"
    rf"|(?P<bare>(?<![本《])第{_NUM}条(?:第{_NUM}款)?(?:第{_NUM}项)?)"
    r"|(?P<following>以下(?:活动|情形|行为|事项))|(?P<previous>前款|前条|上述(?:规定|情形))"
)
RE_EXTERNAL = re.compile(
    r"《(?P<named>[^《》]{2,60})》"
    r"|(?P<standard>(?:当地)?公务(?:接待|出差)标准|(?:国家|行业|地方)标准(?=[安结，。；])|[A-Z]{1,3}(?:/T)? ?\d{3,6}(?:[.-]\d+)*)"
    r"|(?P<rules>(?:有关|相关|其他)(?:法律法规|纪律规定|规定|法律|法规|制度)|中央关于[^，。；]{2,40}?(?:政策和制度|规定)|法律法规)"
)
RE_ARTICLE_NUMBER = re.compile(rf"第({_NUM})条")


@dataclass(frozen=True, slots=True)
class Reference:
    """A reference made by a sentence.

    Attributes:
        id: ``<sentence id>/ref-<k>``.
        kind: ``internal`` (the document itself or one of its articles) or ``external``.
        target: normalised target: ``self``, ``art-31`` (an article of this document), ``following``,
            ``previous``, ``unresolved`` (an article number that is a misprint, 第十十八条), or the external
            rule's name (公务接待标准, 有关规定, the title in 《》).
        text: the reference as written; unit: the sentence id; span: offsets in ``Document.text``.
    """

    id: str
    kind: ReferenceKind
    target: str
    text: str
    unit: str
    span: Span


def extract_references(doc: Document) -> list[Reference]:
    """All references of ``doc`` in text order."""
    found: list[Reference] = []
    for _, sentence in doc.sentences():
        base = sentence.span.start
        matches = sorted(
            [("internal", m) for m in RE_INTERNAL.finditer(sentence.text)]
            + [("external", m) for m in RE_EXTERNAL.finditer(sentence.text)],
            key=lambda pair: pair[1].start(),
        )
        for number, (kind, match) in enumerate(matches, 1):
            found.append(Reference(
                f"{sentence.id}/ref-{number}", kind, _target(kind, match, sentence.id), match.group(),
                sentence.id, Span(base + match.start(), base + match.end()),
            ))
    return found


def _article(reference: str, where: str) -> str:
    """``art-N`` for ``第N条…``; ``unresolved`` (with a warning) when N is a misprint such as 第十十八条."""
    numeral = RE_ARTICLE_NUMBER.match(reference).group(1)
    try:
        return f"art-{parse_chinese_number(numeral)}"
    except ValueError:
        warnings.warn(f"{where}: the reference {reference} names no article number (misprint?); left unresolved",
                      StructureWarning, stacklevel=4)
        return UNRESOLVED


def _target(kind: str, match: re.Match[str], where: str) -> str:
    if kind == "external":
        return match.group("named") or match.group().removeprefix("当地")
    if match.group("self"):
        article = match.group("art")
        return _article(article, where) if article else "self"
    if match.group("bare"):
        return _article(match.group("bare"), where)
    return "following" if match.group("following") else "previous"
