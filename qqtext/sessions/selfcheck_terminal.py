"""自查 in a terminal: ask the items one by one, or read the answers from a file or a pipe.

This is what ``qqtext selfcheck`` runs. Like :mod:`qqtext.sessions.selfcheck` it opens no store and
no connection: answers are read from the keyboard (:func:`ask`) or from text (:func:`parse_answers`),
evaluated in memory, and saved only where the official says (``save_local``).

Answers are typed as 是 / 否 / 不确定, or y / n / ?, 1 / 2 / 3 (:data:`ANSWER_WORDS`); an empty line
(or ``-``) skips an item. An answers file holds one answer per line in the order ``qqtext selfcheck
--list`` prints the items, or lines ``NUMBER ANSWER`` / ``ITEM-ID ANSWER``; or it is JSON, an object
``{item id or number: answer}`` or a self-check saved earlier.

>>> from qqtext.sessions.selfcheck import SelfCheckItem
>>> items = [SelfCheckItem("sc-1", "过去一年，您是否……？"), SelfCheckItem("sc-2", "过去一年，您是否……？"),
...          SelfCheckItem("sc-3", "过去一年，您是否……？")]
>>> parse_answers("是\\n-\\n3 不确定\\n", items)
{'sc-1': '是', 'sc-3': '不确定'}
>>> replies = iter(["y", "也许", "", "n"])
>>> ask(items, read=lambda prompt: next(replies), write=lambda text: None)
{'sc-1': '是', 'sc-3': '否'}
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence

from qqtext.sessions.selfcheck import ANSWERS, NO, PRIVACY_NOTE, UNSURE, YES, SelfCheckError, SelfCheckItem

__all__ = ["ANSWER_WORDS", "STOP_WORDS", "answer_word", "parse_answers", "ask", "item_lines"]

#: What may be typed for each answer (lower case).
ANSWER_WORDS: dict[str, str] = {
    YES: YES, "y": YES, "yes": YES, "1": YES, "有": YES, "是的": YES,
    NO: NO, "n": NO, "no": NO, "2": NO, "没有": NO, "无": NO, "不是": NO,
    UNSURE: UNSURE, "?": UNSURE, "？": UNSURE, "u": UNSURE, "3": UNSURE, "不清楚": UNSURE, "说不清": UNSURE,
}
#: What ends the questions early (the rest stay unanswered).
STOP_WORDS = frozenset({"q", "quit", "退出", "结束"})
SKIP = frozenset({"", "-", "—", "跳过"})
RE_KEYED = re.compile(r"^(?P<key>\S+)[\s:：=]+(?P<answer>\S+)$")


def answer_word(text: str) -> str | None:
    """The answer a typed word stands for; ``None`` for a skip.

    Raises:
        SelfCheckError: a word that is no answer.

    >>> answer_word(" Y "), answer_word("-"), answer_word("不确定")
    ('是', None, '不确定')
    """
    word = text.strip().lower()
    if word in SKIP:
        return None
    if word not in ANSWER_WORDS:
        raise SelfCheckError(f"{text.strip()!r} is not an answer (是 / 否 / 不确定, y / n / ?, or - to skip)")
    return ANSWER_WORDS[word]


def parse_answers(text: str, items: Sequence[SelfCheckItem]) -> dict[str, str]:
    """Answers from the text of an answers file (see the module documentation), by item id.

    Raises:
        SelfCheckError: a line that is no answer, an item number or id the self-check does not
            have, an item answered twice, more answers than items, or JSON of another shape.
    """
    by_number = {str(n): item.id for n, item in enumerate(items, 1)}
    ids = {item.id for item in items}
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as error:
            raise SelfCheckError(f"the answers are not valid JSON ({error})") from None
        if data.get("format") == "qqtext-selfcheck":
            data = data.get("answers", {})
        if not isinstance(data, dict):
            raise SelfCheckError("the JSON answers must be an object {item id: answer}")
        out: dict[str, str] = {}
        for key, value in data.items():
            item_id = by_number.get(str(key).strip(), str(key).strip())
            if item_id not in ids:
                raise SelfCheckError(f"the answers name item {key!r}, which this self-check does not have")
            answer = answer_word(str(value))
            if answer is not None:
                out[item_id] = answer
        return out
    out = {}
    position = 0
    order = [item.id for item in items]
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue  # blank lines and comments: no answer (write - to skip an item)
        keyed = RE_KEYED.match(line)
        try:
            if keyed and (keyed.group("key") in by_number or keyed.group("key") in ids):
                item_id = by_number.get(keyed.group("key"), keyed.group("key"))
                answer = answer_word(keyed.group("answer"))
            else:
                if position >= len(order):
                    raise SelfCheckError(f"more answers than the {len(order)} items")
                item_id = order[position]
                answer = answer_word(line)
        except SelfCheckError as error:
            raise SelfCheckError(f"answers line {number}: {error}") from None
        if item_id in out:
            raise SelfCheckError(f"answers line {number}: item {order.index(item_id) + 1} is answered twice")
        position = order.index(item_id) + 1
        if answer is not None:
            out[item_id] = answer
    return out


def item_lines(items: Sequence[SelfCheckItem]) -> list[str]:
    """The items numbered as the answers file counts them, each with its id and provisions."""
    return [f"{n}. {item.question}（{'、'.join(item.articles) or '—'}；{item.id}）" for n, item in enumerate(items, 1)]


def ask(items: Sequence[SelfCheckItem], *, read: Callable[[str], str] | None = None,
        write: Callable[[str], None] | None = None) -> dict[str, str]:
    """Ask every item in turn; return the answers given. An unreadable reply is asked again.

    ``read`` gets the prompt and returns the reply (``EOFError`` ends the questions, as ``q`` does);
    ``write`` prints a line (defaults: :func:`input` and :func:`print`).
    """
    read = read or input
    write = write or print
    write(f"共 {len(items)} 项。请回答“是”“否”或“不确定”（也可输入 y / n / ?；直接回车跳过，输入 q 结束）。")
    write(PRIVACY_NOTE)
    answers: dict[str, str] = {}
    for number, item in enumerate(items, 1):
        write("")
        write(f"[{number}/{len(items)}] {item.question}")
        while True:
            try:
                reply = read(f"（{' / '.join(ANSWERS)}）> ")
            except EOFError:
                return answers
            if reply.strip().lower() in STOP_WORDS:
                return answers
            try:
                answer = answer_word(reply)
            except SelfCheckError:
                write("请回答“是”“否”或“不确定”（直接回车跳过，输入 q 结束）。")
                continue
            if answer is not None:
                answers[item.id] = answer
            break
    return answers
