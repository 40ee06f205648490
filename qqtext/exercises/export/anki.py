"""Anki decks (``.apkg``) made with genanki, for learners to review the questions as flashcards.

One note per question on a basic front/back model: the front is the type, the stem (cloze blanks
shown as a line) and the options; the back is the answer, the 解析 and the 出处. Fields are
HTML-escaped. Tags are the question's tags (spaces become ``_``) and its type.

Stable ids, so that a trainer can re-import an updated deck and learners keep their reviews:

* a note's GUID is ``genanki.guid_for(question.id)``;
* the model's and the deck's ids are derived from their names by a hash.

The output is byte-for-byte deterministic: the collection's and notes' times are ``timestamp``
(default 2000-01-01 UTC, not the clock), and zip entries are dated 1980-01-01. Anki only applies
changed notes on re-import when their modification time is newer than its copy (or when the import
is set to always update): to push corrected questions into learners' collections, pass a later
``timestamp``, e.g. the date of the revision.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import os
import re
import sqlite3
import tempfile
from collections.abc import Sequence
from pathlib import Path

import genanki

from qqtext.exercises.export._common import (
    CHOICE_TYPES,
    FIXED_DATETIME,
    answer_display,
    build_zip,
    clean,
    source_text,
    validated,
    write_bytes,
)
from qqtext.exercises.model import BLANK, TYPE_LABELS, Question

__all__ = ["write_apkg", "MODEL_NAME", "FIELDS", "stable_id", "note_fields"]

MODEL_NAME = "qqtext 亲清题卡"
FIELDS = ("题目", "答案与解析")
RE_SPACE = re.compile(r"\s+")
CSS = """
.card { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, "宋体", serif;
        font-size: 20px; line-height: 1.6; text-align: left; color: #111; background: #fff; }
.qtype { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", SimHei, "黑体", sans-serif;
         font-size: 14px; color: #666; margin-bottom: .4em; }
.options { margin-top: .6em; }
.option { margin: .2em 0; }
.blank { text-decoration: underline; }
.label { font-weight: bold; }
.back div { margin: .4em 0; }
.nightMode .card, .card.nightMode { color: #eee; background: #222; }
""".strip()


def stable_id(name: str) -> int:
    """A model or deck id derived from its name: the same name always gives the same id.

    Anki ids are 64-bit; genanki's own examples use numbers between 2**30 and 2**31.

    >>> stable_id("亲清测试") == stable_id("亲清测试"), 1 << 30 <= stable_id("亲清测试") < 1 << 31
    (True, True)
    """
    digest = int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big")
    return (1 << 30) + digest % (1 << 30)


def _h(text: str) -> str:
    return html.escape(clean(text), quote=True).replace("\n", "<br>")


def note_fields(q: Question) -> tuple[str, str]:
    """The front and back of a question's note, as HTML."""
    if q.type == "cloze":
        parts = clean(q.stem).split(BLANK)
        stem = _h(parts[0]) + "".join(
            f'<span class="blank">{chr(0x3000) * 4}</span>{_h(part)}' for part in parts[1:])
    else:
        stem = _h(q.stem)
    front = f'<div class="qtype">{TYPE_LABELS[q.type]}</div><div class="stem">{stem}</div>'
    if q.type in CHOICE_TYPES:
        front += '<div class="options">' + "".join(
            f'<div class="option">{html.escape(o.key)}. {_h(o.text)}</div>' for o in q.options) + "</div>"
    elif q.type == "true_false":
        front += '<div class="options"><div class="option">对 / 错？</div></div>'
    back = [f'<div><span class="label">答案：</span>{_h(answer_display(q))}</div>',
            f'<div><span class="label">解析：</span>{_h(q.explanation)}</div>']
    source = source_text(q)
    if source:
        back.append(f'<div><span class="label">出处：</span>{_h(source)}</div>')
    return front, '<div class="back">' + "".join(back) + "</div>"


def _model() -> genanki.Model:
    return genanki.Model(
        stable_id(MODEL_NAME),
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[{
            "name": "题卡",
            "qfmt": "{{%s}}" % FIELDS[0],
            "afmt": '{{FrontSide}}<hr id="answer">{{%s}}' % FIELDS[1],
        }],
        css=CSS,
    )


def _tags(q: Question) -> list[str]:
    tags = [RE_SPACE.sub("_", clean(tag).strip()) for tag in (*q.tags, TYPE_LABELS[q.type])]
    return list(dict.fromkeys(tag for tag in tags if tag))


def write_apkg(
    questions: Sequence[Question],
    path: str | os.PathLike[str],
    *,
    deck_name: str,
    timestamp: float | None = None,
) -> Path:
    """Write the questions as an Anki deck (``.apkg``) to ``path`` and return the path.

    Args:
        questions: the questions, in paper order (the order new cards are shown in).
        path: the ``.apkg`` file.
        deck_name: the deck's name (``::`` nests decks, as in Anki).
        timestamp: seconds since the epoch for the notes' times; default 2000-01-01 UTC.

    Raises:
        ExportError: see :func:`~qqtext.exercises.export._common.validated`.
    """
    questions = validated(questions)
    deck_name = " ".join(clean(deck_name).split())
    model = _model()
    deck = genanki.Deck(stable_id(deck_name), deck_name)
    for position, q in enumerate(questions):
        deck.add_note(genanki.Note(model=model, fields=list(note_fields(q)), guid=genanki.guid_for(q.id),
                                   tags=_tags(q), due=position))
    package = genanki.Package(deck)
    when = FIXED_DATETIME.timestamp() if timestamp is None else float(timestamp)
    # genanki's write_to_file dates zip entries by the clock and leaves its temporary database
    # behind: build the collection here and zip it with fixed dates.
    with tempfile.TemporaryDirectory(prefix="qqtext-apkg-") as folder:
        database = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(database)
        try:
            package.write_to_db(connection.cursor(), when, itertools.count(int(when * 1000)))
            connection.commit()
        finally:
            connection.close()
        collection = database.read_bytes()
    return write_bytes(path, build_zip([("collection.anki2", collection), ("media", b"{}")]))
