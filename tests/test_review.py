"""错题本: wrong answers grouped by article, the Markdown review, and the retest paper."""

from __future__ import annotations

import re

import pytest

from qqtext.exercises.assemble import AssemblyError
from qqtext.exercises.model import Option, Question, Source
from qqtext.exercises.quiz import question_pool
from qqtext.sessions.review import (
    RETEST_TITLE,
    ReviewGroup,
    WrongAnswer,
    response_text,
    retest_paper,
    review_markdown,
    wrong_answers,
)
from qqtext.sessions.store import AnswerRecord, ResultsStore


@pytest.fixture(scope="module")
def pool(jinan) -> list[Question]:
    return question_pool(jinan, seed=1)


def pick(pool, article, item, type_):
    return next(q for q in pool if (q.source.article, q.source.item, q.type) == (article, item, type_))


@pytest.fixture(scope="module")
def chosen(pool) -> dict[str, Question]:
    """Questions on 第十九条, 第十三条（五）, 第十三条 and 第九条 (a learner meets them in this order)."""
    return {
        "art19": pick(pool, 19, None, "single_choice"),
        "art13-5": pick(pool, 13, 5, "scenario"),
        "art13": pick(pool, 13, None, "true_false"),
        "art9": pick(pool, 9, None, "cloze"),  # a curated cloze (Jinan sets no time limit to blank)
        "art13-5-tf": pick(pool, 13, 5, "true_false"),
    }


def wrong_key(question: Question) -> tuple[str, ...]:
    if question.type == "true_false":
        return ("对",) if question.answer == ("错",) else ("错",)
    if question.type == "cloze":
        return ("不知道",) * len(question.answer)
    return (next(o.key for o in question.options if o.key not in question.answer),)


@pytest.fixture
def history(chosen):
    """Two learners. 张三: attempt 1 wrong on art19, art13-5, art13; attempt 2 wrong on art13-5 again,
    right on art19 (corrected). 李四 gets art9 wrong (never in 张三's review)."""
    store = ResultsStore("sqlite://")
    zhang, li = store.learner_id("张三"), store.learner_id("李四")
    q = chosen

    def rec(question, right, seconds=5.0):
        return AnswerRecord(question.id, question.answer if right else wrong_key(question), right, seconds)

    first = store.save_attempt(zhang, "A", [rec(q["art19"], False), rec(q["art13-5"], False), rec(q["art9"], True),
                                           rec(q["art13"], False), rec(q["art13-5-tf"], True)], session="s1")
    store.save_attempt(li, "A", [rec(q["art9"], False), rec(q["art19"], False)], session="s1")
    second = store.save_attempt(zhang, "B", [rec(q["art13-5"], False), rec(q["art19"], True)], session="s2")
    return store, zhang, li, (first, second)


def test_wrong_answers_grouped_by_article(history, chosen):
    store, zhang, _, (first, second) = history
    groups = wrong_answers(store, zhang, {question.id: question for question in chosen.values()})
    assert [g.citation for g in groups] == ["第十三条", "第十三条（五）", "第十九条"]
    assert [(g.doc, g.article, g.item) for g in groups] == [("jinan-2019", 13, None), ("jinan-2019", 13, 5),
                                                          ("jinan-2019", 19, None)]
    (art13,), (art13_5,), (art19,) = (g.entries for g in groups)
    assert art13_5.question == chosen["art13-5"]
    assert art13_5.times == 2 and art13_5.attempt_ids == (first, second) and not art13_5.corrected
    assert art13_5.responses == (wrong_key(chosen["art13-5"]),) * 2
    assert art19.corrected and art19.times == 1
    assert not art13.corrected
    assert groups[1].questions == (chosen["art13-5"],)
    assert groups[1].responses == ((wrong_key(chosen["art13-5"]),) * 2,)
    assert groups[1].correct_answers == (chosen["art13-5"].answer,)
    assert groups[1].quotes == (chosen["art13-5"].source.quote,)
    all_ids = {e.question.id for g in groups for e in g.entries}
    assert chosen["art9"].id not in all_ids  # 李四's wrong answer, and 张三 got it right


def test_only_the_learners_own_attempts(history, chosen):
    store, _, li, _ = history
    groups = wrong_answers(store, li, {question.id: question for question in chosen.values()})
    assert [g.citation for g in groups] == ["第九条", "第十九条"]


@pytest.mark.parametrize(("session", "citations"), [("s1", ["第十三条", "第十三条（五）", "第十九条"]),
                                                   ("s2", ["第十三条（五）"]), ("none", [])], ids=["s1", "s2", "none"])
def test_wrong_answers_of_one_session(history, chosen, session, citations):
    store, zhang, _, _ = history
    groups = wrong_answers(store, zhang, {question.id: question for question in chosen.values()}, session=session)
    assert [g.citation for g in groups] == citations


def test_questions_not_given_are_left_out(history, chosen):
    store, zhang, _, _ = history
    groups = wrong_answers(store, zhang, {chosen["art19"].id: chosen["art19"]})
    assert [g.citation for g in groups] == ["第十九条"]
    assert wrong_answers(store, zhang, {}) == []


def test_review_markdown(history, chosen):
    store, zhang, _, _ = history
    text = review_markdown(wrong_answers(store, zhang, {question.id: question for question in chosen.values()}))
    assert text.startswith("# 错题本\n")
    assert "共 3 道错题，涉及 3 处条款：第十三条、第十三条（五）、第十九条。" in text
    headings = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert headings == ["第十三条", "第十三条（五）", "第十九条"]
    scenario = chosen["art13-5"]
    (wrong,) = wrong_key(scenario)
    assert f"- **您的答案**：{wrong}\\. {scenario.option(wrong).text}" in text
    assert "- **正确答案**：" + "；".join(f"{k}\\. {scenario.option(k).text}" for k in scenario.answer) in text
    assert "答错 2 次" in text and "后来已答对" in text
    for question in (chosen["art19"], chosen["art13-5"], chosen["art13"]):
        assert question.explanation.replace(".", "\\.")[:20] in text
        assert f"> {question.source.quote}"[:20] in text
    assert text.count("**解析**") == 3 and text.count("**原文**") == 3


def test_review_markdown_escapes_and_handles_empty():
    q = Question.create(type="true_false", stem="**不是粗体** <b>", answer=("错",), explanation="第一条",
                        source=Source("d", 1, None, "# 不是标题", 0, 6))
    group = ReviewGroup("d", 1, None, (WrongAnswer(q, (("对",),), (1,)),))
    text = review_markdown([group])
    assert "\\*\\*不是粗体\\*\\* \\<b\\>" in text and "> \\# 不是标题" in text
    assert "没有错题" in review_markdown([])


@pytest.mark.parametrize(
    ("response", "shown"),
    [(("A",), "A. 可以"), (("A", "B"), "A. 可以；B. 不可以"), (("Z",), "Z"), ((), "（未作答）"), (("",), "（未作答）")],
    ids=["one", "two", "unknown-key", "none", "blank"],
)
def test_response_text(response, shown):
    q = Question.create(type="multiple_choice", stem="？", options=[Option("A", "可以"), Option("B", "不可以")],
                        answer=("B",), explanation="", source=Source("d", 1, None, "", 0, 0))
    assert response_text(q, response) == shown


def test_cloze_response_text():
    q = Question.create(type="cloze", stem="不许____、____", answer=("单独指派", "专程接送"), explanation="",
                        source=Source("d", 1, None, "", 0, 0))
    assert response_text(q, ("单独指派", "专车")) == "单独指派；专车"


# -- retest --------------------------------------------------------------------------------------------


@pytest.fixture
def groups(history, chosen):
    store, zhang, _, _ = history
    return wrong_answers(store, zhang, {question.id: question for question in chosen.values()})


@pytest.mark.parametrize("seed", [1, 7, 2024])
def test_retest_holds_the_wrong_questions_and_companions(groups, pool, seed):
    paper = retest_paper(groups, pool, seed=seed)
    wrong = [e.question for g in groups for e in g.entries]
    ids = [q.id for q in paper.questions]
    assert paper.title == RETEST_TITLE and paper.seed == seed
    assert {q.id for q in wrong} <= set(ids)
    assert len(ids) == len(set(ids)) == 2 * len(wrong)  # one companion per wrong question: the pool has them
    articles = {(g.doc, g.article) for g in groups}
    assert all((q.source.doc, q.source.article) in articles for q in paper.questions)
    stems = [q.stem for q in paper.questions]
    assert len(stems) == len(set(stems))


def test_retest_companions_prefer_the_same_item(groups, pool):
    paper = retest_paper(groups, pool, seed=3)
    wrong_ids = {e.question.id for g in groups for e in g.entries}
    extra = [q for q in paper.questions if q.id not in wrong_ids]
    assert any((q.source.article, q.source.item) == (13, 5) for q in extra)


@pytest.mark.parametrize("seed", range(6))
def test_retest_options_are_reshuffled_but_the_same(groups, pool, seed):
    paper = retest_paper(groups, pool, seed=seed)
    by_id = {q.id: q for q in pool}
    for question in paper.questions:
        original = by_id[question.id]
        assert sorted(o.text for o in question.options) == sorted(o.text for o in original.options)
        assert {question.option(k).text for k in question.answer} == {original.option(k).text for k in original.answer} \
            if question.options else question.answer == original.answer
        assert [o.key for o in question.options] == [chr(ord("A") + i) for i in range(len(question.options))]


def test_retest_shuffles_choice_options_for_some_seed(groups, pool):
    choice = next(e.question for g in groups for e in g.entries if e.question.type == "single_choice")
    orders = {tuple(o.text for o in next(q for q in retest_paper(groups, pool, seed=s).questions
                                          if q.id == choice.id).options) for s in range(8)}
    assert len(orders) > 1


def test_retest_is_reproducible(groups, pool):
    assert retest_paper(groups, pool, seed=5) == retest_paper(groups, pool, seed=5)


@pytest.mark.parametrize(("size", "expected"), [(1, 1), (2, 2), (3, 3), (5, 5), (200, None)],
                         ids=["one", "two", "all-wrong", "some-companions", "more-than-the-pool"])
def test_retest_size(groups, pool, size, expected):
    paper = retest_paper(groups, pool, seed=1, size=size)
    wrong = [e for g in groups for e in g.entries]
    ids = [q.id for q in paper.questions]
    if expected is not None:
        assert len(ids) == expected
    else:  # every question on the articles concerned
        articles = {(g.doc, g.article) for g in groups}
        on_articles = {re.sub(r"\s+", "", q.stem) for q in pool if (q.source.doc, q.source.article) in articles}
        assert len(ids) == len(on_articles)
    if size < len(wrong):  # the uncorrected first, the most missed first
        ranked = sorted(wrong, key=lambda e: (e.corrected, -e.times))
        assert set(ids) == {e.question.id for e in ranked[:size]}


def test_retest_without_the_pool_still_retests_the_wrong_questions(groups):
    paper = retest_paper(groups, [], seed=1)
    assert sorted(q.id for q in paper.questions) == sorted(e.question.id for g in groups for e in g.entries)


@pytest.mark.parametrize(("groups_", "size"), [([], None), (None, 0)], ids=["no-wrong-answers", "size-zero"])
def test_retest_errors(groups, pool, groups_, size):
    with pytest.raises(AssemblyError):
        retest_paper(groups if groups_ is None else groups_, pool, seed=1, size=size)
