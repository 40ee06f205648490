"""A readable plain-text summary of parsed documents (the main job's output for now)."""

from __future__ import annotations

from collections.abc import Sequence

from qqtext.model import Document
from qqtext.numerals import to_chinese_number
from qqtext.serialize import heading_label

__all__ = ["summarize"]


def _article_range(numbers: Sequence[int]) -> str:
    if not numbers:
        return "（无条文）"
    first, last = min(numbers), max(numbers)
    if first == last:
        return f"第{to_chinese_number(first)}条"
    return f"第{to_chinese_number(first)}条–第{to_chinese_number(last)}条"


def summarize(docs: Sequence[Document]) -> str:
    """Describe each document: metadata, counts, chapters with their articles, items, warnings.

    >>> from qqtext.corpus import load_document
    >>> print(summarize([load_document("jinan-2019")]).splitlines()[1])
    jinan-2019  关于构建亲清新型政商关系的实施办法（试行）
    """
    lines = [f"qqtext summary: {len(docs)} document{'s' if len(docs) != 1 else ''}"]
    for doc in docs:
        items = sum(len(a.items) for a in doc.articles) + sum(len(s.items) for s in doc.sections)
        sentences = sum(len(a.sentences) for a in doc.articles)
        lines.append(f"{doc.id}  {doc.title}")
        lines.append(
            f"  发文机关：{'、'.join(doc.issuers) or '—'}   日期：{doc.date.isoformat() if doc.date else '—'}"
            f"   文种：{doc.kind or '—'}"
        )
        counts = [f"{len(doc.chapters)} 章"] if doc.chapters else []
        if doc.articles:
            counts += [f"{len(doc.articles)} 条", f"{items} 项", f"{sentences} 句"]
        else:
            counts += [f"{len(doc.sections)} 部分", f"{items} 项"]
        lines.append("  " + " · ".join(counts))
        for heading in doc.headings:
            indent = "    " if heading.level == "subchapter" else "  "
            label = heading_label(heading)
            lines.append(f"{indent}{label:<16}\t{_article_range(heading.articles)}（{len(heading.articles)} 条）")
        for section in doc.sections:
            title = section.title or section.text.split("。")[0][:20] + "…"
            lines.append(f"  {section.heading}{title}\t{len(section.items)} 项")
        for number_article in doc.articles:  # articles with items (the 第十三条 list)
            if number_article.items:
                items_of = number_article.items
                lines.append(f"  {number_article.heading}：{len(items_of)} 项，{items_of[0].marker}至{items_of[-1].marker}")
        if doc.recipients:
            lines.append(f"  主送：{'、'.join(doc.recipients)}")
        if doc.cc:
            lines.append(f"  抄送：{'、'.join(doc.cc)}")
        lines.append(f"  warnings: {len(doc.warnings) or 'none'}")
        lines.extend(f"    - {warning}" for warning in doc.warnings)
        lines.append("")
    return "\n".join(lines)
