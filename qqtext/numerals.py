"""Chinese numerals as used in article, chapter and item numbers (第二十三条 -> 23, and back).

Only non-negative integers below 100,000 are needed for document structure; the functions accept
the forms that occur in Chinese legal and policy texts: 十 = 10, 十二 = 12, 一百零五 = 105,
一百一十 = 110 (and the colloquial 一百一 = 110 is *not* accepted), 〇/零, 两 (兩 in Traditional
script), and ASCII or full-width Arabic digits.

>>> parse_chinese_number("二十三")
23
>>> parse_chinese_number("一百四十二")
142
>>> to_chinese_number(105)
'一百零五'
>>> article_label(133, 1)
'第一百三十三条之一'
"""

from __future__ import annotations

__all__ = ["parse_chinese_number", "to_chinese_number", "article_label", "CHINESE_DIGITS"]

CHINESE_DIGITS = "零〇一二两兩三四五六七八九十百千万"

_DIGIT_VALUES = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
_UNIT_VALUES = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_CHARS_FOR_DIGIT = "零一二三四五六七八九"


def parse_chinese_number(text: str) -> int:
    """Return the value of a Chinese (or Arabic) numeral.

    Args:
        text: the numeral, e.g. ``"十三"``, ``"一百零五"``, ``"23"``.

    Returns:
        Its integer value.

    Raises:
        ValueError: if ``text`` is not a well-formed numeral.

    >>> [parse_chinese_number(s) for s in ("十", "十二", "二十", "一百一十", "三〇", "１２")]
    [10, 12, 20, 110, 30, 12]
    """
    if not text:
        raise ValueError("empty numeral")
    if text.isdecimal():
        return int(text)  # ASCII or full-width digits
    if all(ch in "零〇一二三四五六七八九" for ch in text) and ("〇" in text or len(text) >= 3):
        # positional form of years: 二〇一九 -> 2019
        return int("".join(str(_DIGIT_VALUES[ch]) for ch in text))
    total = 0
    digit: int | None = None
    last_unit = 10**9
    zero_pending = False
    for ch in text:
        if ch in _DIGIT_VALUES:
            if digit is not None:
                raise ValueError(f"two digits in a row in {text!r}")
            value = _DIGIT_VALUES[ch]
            if value == 0:
                zero_pending = True
                continue
            digit = value
        elif ch in _UNIT_VALUES:
            unit = _UNIT_VALUES[ch]
            if unit >= last_unit:
                raise ValueError(f"units out of order in {text!r}")
            if digit is None:
                if unit == 10 and total == 0 and not zero_pending:
                    digit = 1  # 十二 = 12
                elif unit == 10 and zero_pending:
                    digit = 1  # 一百零十 is not standard, but 一千零十 = 1010
                else:
                    raise ValueError(f"unit without a digit in {text!r}")
            total += digit * unit
            digit = None
            last_unit = unit
            zero_pending = False
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    if digit is not None:
        if last_unit < 10**9 and not zero_pending and last_unit > 10:
            raise ValueError(f"ambiguous abbreviated numeral {text!r}")
        total += digit
    elif zero_pending and total == 0:
        return 0
    return total


def to_chinese_number(value: int) -> str:
    """Write a non-negative integer below 100,000 as a Chinese numeral.

    >>> [to_chinese_number(n) for n in (0, 10, 13, 20, 105, 110, 1010)]
    ['零', '十', '十三', '二十', '一百零五', '一百一十', '一千零一十']
    """
    if not 0 <= value < 100_000:
        raise ValueError(f"out of range: {value}")
    if value == 0:
        return "零"
    parts: list[str] = []
    units = ((10000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, ""))
    zero_gap = False
    started = False
    for unit, name in units:
        digit = value // unit % 10
        if digit == 0:
            if started:
                zero_gap = True
            continue
        if zero_gap:
            parts.append("零")
            zero_gap = False
        parts.append(_CHARS_FOR_DIGIT[digit] + name)
        started = True
    text = "".join(parts)
    if text.startswith("一十"):
        text = text[1:]
    return text


def article_label(number: int, sub: int = 0) -> str:
    """How an article is cited: ``第十三条``; ``第一百三十三条之一`` for one inserted after 第一百三十三条.

    Numbers :func:`to_chinese_number` cannot write stay in Arabic digits (``第100000条``).

    >>> [article_label(13), article_label(133, 1), article_label(5, 12)]
    ['第十三条', '第一百三十三条之一', '第五条之十二']
    """
    head = f"第{_numeral(number)}条"
    return f"{head}之{_numeral(sub)}" if sub else head


def _numeral(value: int) -> str:
    try:
        return to_chinese_number(value)
    except ValueError:
        return str(value)
