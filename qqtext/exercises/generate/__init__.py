"""Question generators (one module each): questions built from any parsed document, each cited to the passage it tests.

Every generator takes a :class:`~qqtext.model.Document` (plus what the extractors found, extracted
here when not given) and a keyword-only ``seed``, and returns a list of
:class:`~qqtext.exercises.model.Question` with ``provenance="generator:<name>"``. Each question
quotes its passage verbatim (``Source.quote == doc.text[Source.start:Source.end]``), cites the
article and item (第十三条（五）) in its 解析 and says there what the text really says, so it passes
:func:`qqtext.exercises.bank.check_questions`. The same document and seed give the same questions.

* :func:`generate_cloze` (填空): the time limit or amount a norm's sentence sets is blanked; with
  ``terms=True`` also a key term where there is none, ranked by TF-IDF (:class:`jieba.analyse.TFIDF`
  with the domain IDF table ``qqtext/data/idf.txt``, built from the shared corpus by
  ``bench/build_idf.py``); function words, punctuation, bare numbers and single characters never are.
* :func:`generate_true_false` (判断): a norm's clause as a statement, true as written, or made false in a
  way a reader could believe: a number or time limit, a rung of government or the department changed,
  never the cue flipped (trainers found flipped cues nonsense).
* :func:`generate_which_body` (单选/多选): which body bears a duty (主体责任, 监督责任, 解释 …); the
  distractors are other actors of the article graph, never a correct one; not in :func:`generate_all`'s
  pool (see :data:`GENERATORS`).
* :func:`generate_which_article` (单选): which article a verbatim sentence comes from (no list items
  or boilerplate); not in :func:`generate_all`'s pool (see :data:`GENERATORS`).
* :func:`generate_sanctions` (多选/单选): what sanctions a text provides (distractors such as 罚款 or
  行政拘留 that the text does not contain), to whom they apply, who applies them.
* :func:`generate_scenario` (情形判断): the case a rule is written for (…的, 经…批准, 确有需要) and the
  verdict the rule gives in it (应当 / 可以 / 不可以 / 经批准后可以), checked against the norm.
* :func:`generate_all`: all of them, without duplicate ids or stems.

Audience: a question on norms addressed only to government-side actors (government, supervisory) is
for ``official``; only to business actors for ``business``; otherwise (both, neither, or unknown)
``all``.

Difficulty (1 easy – 3 hard), by this rule:

=================  ====  ===================================================================
generator          base  +1 each
=================  ====  ===================================================================
cloze              1     the blank is a content term (not an actor or a cue word); the quote
                         is longer than 50 characters
true_false         1     the norm has conditions (经批准, 确有需要 …) or an inherited actor; the
                         statement is longer than 50 characters
which_body         1     several bodies are correct (multiple choice); the clause is longer
                         than 40 characters
which_article      2     all options come from the same chapter (−1 for the first and the
                         last article, which say what any text says there)
sanctions          1     a multiple-choice list (+1 more when it has more than four sanctions);
                         the passage is longer than 60 characters
=================  ====  ===================================================================

Tags: the chapter (``第三章`` and its title ``规范政商交往``; for an 意见-style text the part,
``第二部分`` and its title) and the topic (the deontic type 义务/禁止/许可/鼓励/不提倡, the duty, 条文定位,
责任追究 …).

>>> from qqtext import load_document
>>> doc = load_document("jinan-2019")
>>> q = generate_cloze(doc, seed=1, terms=True)[0]
>>> q.type, q.provenance, q.source.citation()
('cloze', 'generator:cloze', '第七条')
"""

from __future__ import annotations

from collections.abc import Callable

from qqtext.exercises.generate._common import _dedupe, audience_for
from qqtext.exercises.generate.cloze import generate_cloze
from qqtext.exercises.generate.distractors import GENERIC_ACTORS, OVERLAPPING_ACTORS, UMBRELLA_ACTORS, is_generic
from qqtext.exercises.generate.sanctions import (
    PARTY_LIST_DISTRACTORS, SANCTION_DISTRACTORS, generate_sanctions,
)
from qqtext.exercises.generate.scenario import generate_scenario
from qqtext.exercises.generate.terms import CUE_WORDS, STOP_WORDS, idf_table, keyword_extractor, rank_terms
from qqtext.exercises.generate.true_false import generate_true_false
from qqtext.exercises.generate.which_article import generate_which_article
from qqtext.exercises.generate.which_body import generate_which_body
from qqtext.exercises.model import Question
from qqtext.model import Document

__all__ = [
    "GENERATORS",
    "STOP_WORDS",
    "CUE_WORDS",
    "SANCTION_DISTRACTORS",
    "PARTY_LIST_DISTRACTORS",
    "UMBRELLA_ACTORS",
    "GENERIC_ACTORS",
    "is_generic",
    "OVERLAPPING_ACTORS",
    "idf_table",
    "keyword_extractor",
    "rank_terms",
    "audience_for",
    "generate_cloze",
    "generate_true_false",
    "generate_which_body",
    "generate_which_article",
    "generate_sanctions",
    "generate_scenario",
    "generate_all",
]

#: The generators :func:`generate_all` runs. :func:`generate_which_article` is left out: trainers who
#: reviewed generated papers found "出自哪一条" questions test recall of numbers, not of rules. So is
#: :func:`generate_which_body`: in eight blind reviews its questions were fit to hand out in about one
#: case of four (1 of 11 in round 8), the stem naming the body by its work (诉调对接 → 人民法院) or the
#: wrong options being bodies no reader takes for the one meant; trainers who want them call it.
GENERATORS: tuple[str, ...] = ("cloze", "true_false", "sanctions", "scenario")


def generate_all(doc: Document, *, seed: int) -> list[Question]:
    """Every generator's questions for ``doc`` (extractors run once), without duplicate ids or stems."""
    from qqtext.extract.duties import extract_duties
    from qqtext.extract.norms import extract_norms

    norms = extract_norms(doc)
    duties = extract_duties(doc)
    runs: list[Callable[[], list[Question]]] = [
        lambda: generate_cloze(doc, seed=seed, norms=norms),
        lambda: generate_true_false(doc, norms, seed=seed),
        lambda: generate_sanctions(doc, duties, seed=seed),
        lambda: generate_scenario(doc, seed=seed, norms=norms),
    ]
    return _dedupe(q for run in runs for q in run())
