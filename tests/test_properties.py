"""Arbitrary input never raises anything but a QqtextError (and usually parses)."""

from __future__ import annotations

import warnings

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qqtext.errors import QqtextError
from qqtext.parse import parse_text

PIECES = [
    "第一条", "第二条", "第十三条", "第一章", "第二节", "第一编", "（一）", "(二)", "1.", "①", "一、", "二、",
    "本办法第三条第二款", "抄送：", "2019年1月4日", "印发《办法》的通知", "**", "# ", "\n", "\n\n", " ", "　",
    "机关单位", "应当", "不得", "。", "，", "；", "：", "总则", "附则",
]
DOCUMENTS = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60).map("".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(DOCUMENTS, st.text(max_size=300)))
def test_parse_never_raises_anything_but_qqtext_error(text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            doc = parse_text(text, doc_id="h")
        except QqtextError:
            return
    for article in doc.articles:
        assert doc.text[article.span.start:article.span.end].startswith(article.heading)
        for item in article.items:
            assert doc.text[item.span.start:item.span.end].endswith(item.text)
    ids = [a.id for a in doc.articles] + [s.id for s in doc.sections]
    assert len(ids) == len(set(ids))
