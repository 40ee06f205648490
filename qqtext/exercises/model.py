"""The question model: one frozen dataclass per question, tied to the passage it tests.

Every question cites its source, the verbatim ``quote``, and its offsets into
``Document.text`` (the normalised text: see :mod:`qqtext.normalize`). It carries a 解析
(explanation) that names the article. Ids are derived from the content: the same question always
gets the same id, and a changed question gets a new one.

Question types:

* ``single_choice`` and ``multiple_choice``: ``options`` keyed A, B, C …; ``answer`` lists the keys.
* ``true_false``: no options; ``answer`` is ``("对",)`` or ``("错",)``.
* ``cloze``: the stem holds the quote with one or more blanks (``____``); ``answer`` lists the
  missing texts in order.
* ``scenario`` (情形判断): a concrete situation; options are verdicts taken from :data:`VERDICTS`
  (可以 / 不可以 / 应当 / 经批准后可以 …), and the verdict must agree with the deontic of the norm
  the quote states (``qqtext bank check`` verifies this).

>>> q = Question.create(type="true_false", stem="机关单位工作人员可以接受企业专程接送。", answer=("错",),
...                     explanation="第十三条（五）：不许单独指派、专程接送。",
...                     source=Source("jinan-2019", 13, 5, "不许单独指派、专程接送", 0, 0))
>>> q.id == Question.create(type="true_false", stem="机关单位工作人员可以接受企业专程接送。", answer=("错",),
...                         explanation="别的解析", source=q.source).id
True
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from typing import Literal

__all__ = [
    "QuestionType",
    "Audience",
    "QUESTION_TYPES",
    "AUDIENCES",
    "VERDICTS",
    "TRUE",
    "FALSE",
    "BLANK",
    "Source",
    "Option",
    "Question",
    "question_id",
]

QuestionType = Literal["single_choice", "multiple_choice", "true_false", "cloze", "scenario"]
Audience = Literal["official", "business", "all"]
QUESTION_TYPES: tuple[str, ...] = ("single_choice", "multiple_choice", "true_false", "cloze", "scenario")
AUDIENCES: tuple[str, ...] = ("official", "business", "all")
TRUE, FALSE = "对", "错"
#: How a cloze stem marks a blank.
BLANK = "____"
#: Scenario verdicts and the deontic classes of the cited norm each agrees with.
VERDICTS: dict[str, frozenset[str]] = {
    "可以": frozenset({"permission", "encouragement"}),
    "经批准后可以": frozenset({"permission"}),
    "不可以": frozenset({"prohibition", "discouragement"}),
    "不提倡": frozenset({"discouragement"}),
    "应当": frozenset({"obligation"}),
}
#: Chinese labels of the question types (for papers and exports).
TYPE_LABELS = {
    "single_choice": "单选题",
    "multiple_choice": "多选题",
    "true_false": "判断题",
    "cloze": "填空题",
    "scenario": "情形判断题",
}


@dataclass(frozen=True, slots=True)
class Source:
    """Where a question comes from: the document, article and item, and the verbatim quote.

    ``start``/``end`` are offsets of ``quote`` in ``Document.text``. ``qqtext bank check`` fills
    them in when a bank file leaves them out, and checks them when it gives them.
    """

    doc: str
    article: int | None
    item: int | None
    quote: str
    start: int
    end: int

    def citation(self) -> str:
        """The article (and item) as Chinese readers cite it: 第十三条（五）."""
        from qqtext.numerals import to_chinese_number

        if self.article is None:
            return ""
        text = f"第{to_chinese_number(self.article)}条"
        if self.item is not None:
            text += f"（{to_chinese_number(self.item)}）"
        return text


@dataclass(frozen=True, slots=True)
class Option:
    """One option of a choice or scenario question."""

    key: str
    text: str


@dataclass(frozen=True, slots=True)
class Question:
    """A question.

    Attributes:
        id: content-derived stable id (see :func:`question_id`).
        type: one of :data:`QUESTION_TYPES`.
        stem: the question as put to the learner (cloze: with ``____`` blanks).
        options: the options (empty for true/false and cloze).
        answer: correct option keys; ``("对",)``/``("错",)`` for true/false; the missing texts for cloze.
        explanation: the 解析 shown after answering; it names the article.
        source: the cited passage.
        difficulty: 1 (easy), 2 (medium) or 3 (hard).
        audience: ``official``, ``business`` or ``all``.
        tags: chapter, topic, 亲 or 清 ….
        provenance: ``curated`` or ``generator:<name>``.
        score: points for a correct answer.
    """

    id: str
    type: QuestionType
    stem: str
    options: tuple[Option, ...]
    answer: tuple[str, ...]
    explanation: str
    source: Source
    difficulty: int = 1
    audience: Audience = "all"
    tags: tuple[str, ...] = ()
    provenance: str = "curated"
    score: float = 1.0
    meta: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @classmethod
    def create(cls, **fields) -> Question:
        """Build a question, deriving its id from its content unless one is given."""
        fields.setdefault("options", ())
        fields["options"] = tuple(fields["options"])
        fields["answer"] = tuple(fields["answer"])
        fields["tags"] = tuple(fields.get("tags", ()))
        if not fields.get("id"):
            fields["id"] = question_id(fields["type"], fields["stem"], fields["options"], fields["answer"])
        return cls(**fields)

    def option(self, key: str) -> Option:
        """The option with this key.

        Raises:
            KeyError: if there is none.
        """
        for option in self.options:
            if option.key == key:
                return option
        raise KeyError(f"{self.id} has no option {key}")

    def answer_text(self) -> str:
        """The correct answer written out: option texts, 对/错, or the cloze answers."""
        if self.type in ("single_choice", "multiple_choice", "scenario"):
            return "；".join(f"{key}. {self.option(key).text}" for key in self.answer)
        return "；".join(self.answer)

    def with_options(self, options: tuple[Option, ...], answer: tuple[str, ...]) -> Question:
        """The same question with its options reordered or relabelled (the id stays)."""
        return replace(self, options=options, answer=answer)


def question_id(type: str, stem: str, options: tuple[Option, ...], answer: tuple[str, ...]) -> str:
    """A stable id from what defines a question: type, stem, option texts and correct answer.

    Option order and labels don't change it, so shuffled options keep the id. The explanation,
    tags and difficulty don't change it either.
    """
    correct = sorted(o.text for o in options if o.key in answer) if options else list(answer)
    payload = json.dumps(
        [type, stem, sorted(o.text for o in options), correct], ensure_ascii=False, separators=(",", ":")
    )
    # surrogatepass: a lone surrogate (from a broken document) still gives an id, the same each time
    return "q-" + hashlib.sha1(payload.encode("utf-8", "surrogatepass")).hexdigest()[:12]
