"""单选: which article a verbatim sentence comes from."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from qqtext.exercises.generate._common import _Context, _dedupe, _make, _norms, _rng, audience_for
from qqtext.exercises.model import Option, Question
from qqtext.model import Document
from qqtext.numerals import to_chinese_number

if TYPE_CHECKING:
    from qqtext.extract.norms import Norm


#: Sentences any text holds: purpose, definitions, entry into force, who interprets, 参照执行.
RE_BOILERPLATE = re.compile(r"制定本|是指|所称|施行|解释|参照|适用本|废止")


def generate_which_article(doc: Document, *, seed: int, norms: Iterable[Norm] | None = None) -> list[Question]:
    """Which article says this: a verbatim sentence of each article, options 第X条.

    The sentence (20 to 90 characters, occurring once in the text, not a list item or
    boilerplate: :data:`RE_BOILERPLATE`) is drawn per article with the seed.
    The options are the article, up to two other articles of its chapter, and articles of other
    chapters (or, with no chapters, others near it), four in all, in article order. An 意见-style text,
    with no articles, gives none.
    """
    if not doc.articles:
        return []
    ctx = _Context(doc)
    rng = _rng("which_article", seed)
    norms = _norms(doc, norms)
    # a bare list item, a purpose, a definition, the date of entry into force or 参照执行 is what any text
    # says and tests nothing
    numbers = [a.number for a in doc.articles]
    unique = [n for n in dict.fromkeys(numbers) if numbers.count(n) == 1]
    questions: list[Question] = []
    for article in doc.articles:
        if article.number not in unique:
            continue
        in_items = {s.id for item in article.items for s in item.sentences}
        candidates = [s for s in article.sentences
                      if 20 <= len(s.text.rstrip()) <= 90 and doc.text.count(s.text.rstrip()) == 1
                      and s.id not in in_items and not RE_BOILERPLATE.search(s.text)
                      and not s.text.rstrip().endswith(("：", ":"))]  # a lead-in says nothing without its list
        if not candidates:
            continue
        sentence = rng.choice(candidates)
        start, end = sentence.span.start, sentence.span.start + len(sentence.text.rstrip())
        place = ctx.place(start, end)
        if place is None:
            continue
        chapter = place.chapter
        siblings = [n for n in unique if n != article.number and chapter is not None and n in chapter.articles]
        others = [n for n in unique if n != article.number and n not in siblings]
        if chapter is None:
            others.sort(key=lambda n: (abs(n - article.number), n))
            others = others[:6]
        same = rng.sample(siblings, min(2, len(siblings)))
        rest = rng.sample(others, min(3 - len(same), len(others)))
        if len(same) + len(rest) < 3 and len(siblings) > len(same):
            more = [n for n in siblings if n not in same]
            same += rng.sample(more, min(3 - len(same) - len(rest), len(more)))
        wrong = same + rest
        if not wrong:
            continue
        keys = sorted([article.number, *wrong])
        options = tuple(Option(chr(ord("A") + i), f"第{to_chinese_number(n)}条") for i, n in enumerate(keys))
        answer = (options[keys.index(article.number)].key,)
        quote = doc.text[start:end]
        cite = ctx.cite(place)
        where = f"（{' '.join(ctx.tags(place))}）" if chapter is not None else ""
        explanation = f"这句话出自{cite}{where}。{cite}规定：“{quote}”"
        all_same = chapter is not None and not rest
        edge = article.number in (numbers[0], numbers[-1])
        inside = [a for n in norms if start <= n.cue_span.start < end for a in n.actor]
        questions.append(_make(
            ctx, "which_article", type="single_choice", stem=f"“{quote}”出自{ctx.ref}的哪一条？", options=options,
            answer=answer, explanation=explanation, place=place, start=start, end=end,
            difficulty=2 + all_same - edge, audience=audience_for(inside), tags=ctx.tags(place, "条文定位"),
        ))
    return _dedupe(questions)
