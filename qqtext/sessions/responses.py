"""Reading a choice response by what the learner saw: option texts, whatever the letters were.

A paper shuffles and relabels the options of its choice questions (:func:`qqtext.exercises.assemble.shuffle_options`),
so the B of one learner's paper can be the D of another's and the A of the pool's version. The key a
learner clicked therefore names an option only together with the paper it was clicked on. The
writers (:class:`qqtext.sessions.widgets.QuizApp`, :func:`qqtext.sessions.simulate.simulate_class`)
record the option texts as shown and the texts chosen next to the keys
(:class:`qqtext.sessions.store.AnswerRecord` ``shown`` and ``chosen``); the readers (the report, the
错题本, rescoring) turn the chosen texts into the keys of whichever version of the question they are
given with :func:`chosen_keys`. Answers stored before the texts were (``shown`` empty) are read by
their keys, against the question given, as they always were.

>>> from qqtext.exercises.model import Option, Question, Source
>>> pool = Question.create(type="single_choice", stem="？", answer=("A",), explanation="",
...                        options=[Option("A", "不可以"), Option("B", "可以"), Option("C", "经批准后可以")],
...                        source=Source("d", 1, None, "", 0, 0))
>>> paper = pool.with_options((Option("A", "可以"), Option("B", "经批准后可以"), Option("C", "不可以")), ("C",))
>>> shown, chosen = seen(paper, ("C",))
>>> shown, chosen
(('可以', '经批准后可以', '不可以'), ('不可以',))
>>> chosen_keys(pool, ("C",), shown=shown, chosen=chosen)  # the pool calls that option A
('A',)
>>> chosen_keys(pool, ("C",))  # an old answer without texts: read against the version given
('C',)
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence

from qqtext.exercises.model import Question

__all__ = ["CHOICE_TYPES", "seen", "chosen_keys", "legacy_keys", "text_tuple"]

#: The question types whose responses are options.
CHOICE_TYPES = frozenset({"single_choice", "multiple_choice", "scenario"})
#: How the parts of a response given as one string may be separated (``A|C``, ``A,C``, ``A、C``).
RE_KEY_SEPARATORS = re.compile(r"[|,，、;；\s]+")
_RE_SPACE = re.compile(r"\s+")


def seen(question: Question, keys: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What a learner answering ``question`` as shown saw and chose: (option texts in order, chosen texts).

    ``keys`` are keys of ``question`` as shown; keys it does not have are left out. Not a choice
    question: ``((), ())``.
    """
    if question.type not in CHOICE_TYPES or not question.options:
        return (), ()
    picked = set(keys)
    shown = tuple(option.text for option in question.options)
    return shown, tuple(option.text for option in question.options if option.key in picked)


def _normal(text: str) -> str:
    return _RE_SPACE.sub("", unicodedata.normalize("NFKC", text))


def legacy_keys(question: Question, response: str | Sequence[str]) -> tuple[str, ...]:
    """The keys of ``question`` a response of keys names: ``("A", "C")``, ``"A|C"``, ``"A,C"``, ``"AC"``.

    Parts that are no key of ``question`` are kept as they are (so the answer shows what was stored).
    """
    parts = RE_KEY_SEPARATORS.split(response) if isinstance(response, str) else list(response)
    keys = [o.key for o in question.options]
    chosen: list[str] = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if part in keys:
            chosen.append(part)
        elif all(c in keys for c in part):
            chosen.extend(part)
        else:
            chosen.append(part)
    rank = {key: i for i, key in enumerate(keys)}
    unique = dict.fromkeys(chosen)
    return tuple(sorted(unique, key=lambda k: (k not in rank, rank.get(k, 0), k)))


def chosen_keys(question: Question, response: str | Sequence[str], *, shown: Sequence[str] = (),
                chosen: Sequence[str] = ()) -> tuple[str, ...]:
    """The keys of ``question`` (this version of it) a learner chose, in the question's option order.

    With ``shown`` (the answer recorded what the learner saw) the chosen *texts* decide: each is
    matched to the option of ``question`` with the same text (compared after NFKC and without
    spaces when not identical); a text ``question`` has no option for is kept as it is. Without
    ``shown``: the keys of ``response``, read against ``question`` (:func:`legacy_keys`).
    """
    if not shown:
        return legacy_keys(question, response)
    by_text = {option.text: option.key for option in question.options}
    by_normal = {_normal(option.text): option.key for option in question.options}
    keys: list[str] = []
    for text in chosen:
        key = by_text.get(text) or by_normal.get(_normal(text))
        keys.append(key if key is not None else text)
    rank = {option.key: i for i, option in enumerate(question.options)}
    unique = dict.fromkeys(keys)
    return tuple(sorted(unique, key=lambda k: (k not in rank, rank.get(k, 0), k)))


def text_tuple(value: object) -> tuple[str, ...]:
    """A frame cell holding option texts as a tuple: a tuple or list, a JSON array, or empty (``None``, NaN, ``""``).

    >>> text_tuple(("甲", "乙")), text_tuple('["甲", "乙"]'), text_tuple(None), text_tuple(float("nan"))
    (('甲', '乙'), ('甲', '乙'), (), ())
    """
    if value is None:
        return ()
    if isinstance(value, float) and math.isnan(value):
        return ()
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return ()
        if text.startswith("["):
            try:
                parsed = json.loads(text)
            except ValueError:
                parsed = None
            if isinstance(parsed, list):
                return tuple(str(v) for v in parsed)
        return (value,)
    try:
        return tuple(str(v) for v in value)  # type: ignore[union-attr]
    except TypeError:
        return (str(value),)
