from __future__ import annotations

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from qqtext.numerals import parse_chinese_number, to_chinese_number


@pytest.mark.parametrize(
    ("text", "value"),
    [("一", 1), ("十", 10), ("十三", 13), ("二十三", 23), ("一百零五", 105), ("一百一十", 110),
     ("一百四十二", 142), ("一百五十八", 158), ("两千零一十九", 2019), ("二〇一九", 2019), ("２３", 23), ("零", 0)],
    ids=lambda v: str(v),
)
def test_parse(text, value):
    assert parse_chinese_number(text) == value


@pytest.mark.parametrize("bad", ["", "条", "一一", "百", "十十", "一百一", "五十万万"])
def test_malformed_numerals_raise_value_error(bad):
    with pytest.raises(ValueError):
        parse_chinese_number(bad)


@given(st.integers(min_value=0, max_value=99_999))
def test_round_trip_and_agreement_with_cn2an(value):
    text = to_chinese_number(value)
    assert parse_chinese_number(text) == value
    assert cn2an.cn2an(text, "strict") == value
