"""Answers read by what the learner saw: options shuffled per learner, and papers labelled unlike the pool.

Every learner here meets the same question with its options in an order (and so with letters) of
their own. The report, rescoring and the 错题本 must count each answer on the option whose *text*
the learner chose, whatever letter it had on that learner's paper; answers stored without texts
(before schema 2) are still read by their letters.
"""

from __future__ import annotations

import json
import random
import warnings

import pandas as pd

from qqtext.exercises.assemble import shuffle_options
from qqtext.exercises.model import Option, Question, Source
from qqtext.sessions.report import (
    RESPONSE_COLUMNS,
    SEEN_COLUMNS,
    SmallClassWarning,
    class_report,
    rescore,
    to_html,
)
from qqtext.sessions.responses import chosen_keys, seen
from qqtext.sessions.review import retest_paper, review_markdown, wrong_answers
from qqtext.sessions.simulate import simulate_class
from qqtext.sessions.store import AnswerRecord, ResultsStore
from qqtext.sessions.widgets import QuizApp

KEY = "不得单独指派车辆专程接送"
DISTRACTORS = ("可以接受企业专程接送", "经本人同意后可以专程接送", "由企业决定是否专程接送")


def question(*, article: int = 13, stem: str = "企业能否专程接送上门服务的机关单位工作人员？") -> Question:
    """The pool's version: the key is option A."""
    return Question.create(type="single_choice", stem=stem,
                           options=[Option(k, t) for k, t in zip("ABCD", (KEY, *DISTRACTORS))], answer=("A",),
                           explanation="第十三条（五）", source=Source("jinan-2019", article, 5, "不许单独指派、专程接送", 0, 1))


def version(q: Question, order: str) -> Question:
    """``q`` as a paper shows it: its options in ``order`` (keys of ``q``), relabelled A, B, C …"""
    options = tuple(Option(chr(ord("A") + i), q.option(key).text) for i, key in enumerate(order))
    relabel = {key: chr(ord("A") + i) for i, key in enumerate(order)}
    return q.with_options(options, tuple(sorted(relabel[k] for k in q.answer)))


def row(learner: str, shown_q: Question, keys: tuple[str, ...], *, texts: bool = True) -> tuple:
    """One responses-frame row: ``learner`` answered ``keys`` on ``shown_q`` (their version)."""
    shown, chosen = seen(shown_q, keys) if texts else ((), ())
    correct = set(keys) == set(shown_q.answer)
    return ("课", learner, learner, "卷", shown_q.id, "|".join(keys), correct, 10.0, shown, chosen)


def frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=[*RESPONSE_COLUMNS, *SEEN_COLUMNS])


def quietly(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallClassWarning)
        return class_report(*args, **kwargs)


ORDERS = ("DCBA", "BADC", "CDAB", "ABCD")  # the key (pool A) is D, B, C and A on the four papers


def by_text(report, q: Question) -> dict[str, int]:
    table = report.distractors[report.distractors["question_id"] == q.id]
    return dict(zip(table["text"], table["n"]))


# ------------------------------------------------------------------ the report
def test_everyone_choosing_the_right_text_on_their_own_paper_is_100_percent():
    q = question()
    versions = [version(q, order) for order in ORDERS]
    keys = [v.answer for v in versions]
    assert [k[0] for k in keys] == ["D", "B", "C", "A"]  # four letters for one right option
    report = quietly(frame([row(f"学员{i}", v, v.answer) for i, v in enumerate(versions, 1)]), {q.id: q})
    assert report.items.at[q.id, "p"] == 1.0 and report.items.at[q.id, "answer"] == "A"
    assert by_text(report, q) == {KEY: 4, **dict.fromkeys(DISTRACTORS, 0)}
    assert report.distractors.set_index("text").at[KEY, "is_key"]
    assert not set(report.flags["code"]) & {"miskey_suspected", "distractor_above_key", "negative_discrimination"}
    assert "答案可能有误" not in to_html(report, title="t")


def test_the_same_answers_read_by_their_letters_alone_are_wrong():
    """Why the texts are stored: read against the pool's letters the same answers spread over every option."""
    q = question()
    versions = [version(q, order) for order in ORDERS]
    legacy = quietly(frame([row(f"学员{i}", v, v.answer, texts=False) for i, v in enumerate(versions, 1)]), {q.id: q})
    assert by_text(legacy, q) == {KEY: 1, **dict.fromkeys(DISTRACTORS, 1)}


def test_a_distractor_chosen_is_counted_on_its_text_whatever_its_letter():
    q = question()
    wrong_text = DISTRACTORS[1]  # pool C
    rows = []
    for i, order in enumerate(ORDERS, 1):
        v = version(q, order)
        letter = next(o.key for o in v.options if o.text == wrong_text)
        rows.append(row(f"错{i}", v, (letter,)))
        rows.append(row(f"对{i}", v, v.answer))
    assert len({r[5] for r in rows if r[1].startswith("错")}) == 4  # the distractor had four letters
    report = quietly(frame(rows), {q.id: q})
    assert by_text(report, q) == {KEY: 4, DISTRACTORS[0]: 0, wrong_text: 4, DISTRACTORS[2]: 0}
    assert report.items.at[q.id, "p"] == 0.5
    assert report.items.at[q.id, "top_wrong"] == "C" and report.items.at[q.id, "top_wrong_share"] == 0.5


def test_a_shuffled_class_reports_exactly_as_the_same_class_unshuffled(jinan):
    """simulate_class(shuffle=True) changes only the letters: every figure of the report stays."""
    from qqtext.exercises.quiz import make_paper, question_pool

    pool = question_pool(jinan, seed=7)
    paper = {q.id: q for q in make_paper(pool, count=20, seed=7, title="测验").questions}
    plain = simulate_class(paper.values(), n_learners=60, seed=21)
    shuffled = simulate_class(paper.values(), n_learners=60, seed=21, shuffle=True)
    choice = plain["shown"].map(len) > 0
    assert choice.sum() >= 60 * 5
    assert (plain["correct"] == shuffled["correct"]).all() and (plain["seconds"] == shuffled["seconds"]).all()
    assert (plain.loc[choice, "response"] != shuffled.loc[choice, "response"]).mean() > 0.5  # other letters
    assert (plain["chosen"].map(set) == shuffled["chosen"].map(set)).all()  # the same options chosen
    assert (shuffled.loc[choice, "shown"] != plain.loc[choice, "shown"]).mean() > 0.5
    expected = class_report(plain, paper)
    # read against the pool's versions (labelled unlike the paper) and against the paper's: the same
    for questions in (paper, {qid: next(p for p in pool if p.id == qid) for qid in paper}):
        report = class_report(shuffled, questions)
        pd.testing.assert_frame_equal(report.matrix, expected.matrix)
        for column in ("p", "p_upper", "p_lower", "D", "r_pb", "top_wrong_share"):
            pd.testing.assert_series_equal(report.items[column], expected.items[column])
        got = report.distractors.set_index(["question_id", "text"]).sort_index()
        want = expected.distractors.set_index(["question_id", "text"]).sort_index()
        for column in ("is_key", "n", "share", "share_upper", "share_lower", "flag"):
            pd.testing.assert_series_equal(got[column], want[column])
        assert sorted(zip(report.flags["question_id"], report.flags["code"])) == sorted(
            zip(expected.flags["question_id"], expected.flags["code"]))


def test_old_rows_without_texts_are_read_by_their_letters_beside_new_ones():
    q = question()
    v = version(q, "DCBA")  # on this paper the key is D
    rows = [row("新1", v, ("D",)), row("新2", v, ("A",)),  # texts: right, and pool D
            row("旧1", q, ("A",), texts=False), row("旧2", q, ("B",), texts=False)]  # letters of the version given
    report = quietly(frame(rows), {q.id: q})
    assert by_text(report, q) == {KEY: 2, DISTRACTORS[0]: 1, DISTRACTORS[1]: 0, DISTRACTORS[2]: 1}
    # a frame without the two columns at all (as before schema 2) is read the old way too
    old = quietly(frame(rows).drop(columns=list(SEEN_COLUMNS)), {q.id: q})
    assert by_text(old, q) == {KEY: 2, DISTRACTORS[0]: 1, DISTRACTORS[1]: 0, DISTRACTORS[2]: 1}


def test_seen_columns_read_back_from_a_csv_as_json():
    q = question()
    v = version(q, "BADC")
    data = frame([row("学员1", v, v.answer), row("学员2", v, ("A",))])
    for column in SEEN_COLUMNS:
        data[column] = data[column].map(lambda texts: json.dumps(list(texts), ensure_ascii=False))
    report = quietly(data, {q.id: q})
    assert by_text(report, q)[KEY] == 1 and by_text(report, q)[DISTRACTORS[0]] == 1


# ------------------------------------------------------------------ rescoring
def test_rescore_reads_the_texts_so_a_corrected_key_follows_its_option():
    q = question()
    versions = [version(q, order) for order in ORDERS]
    rows = [row(f"学员{i}", v, v.answer) for i, v in enumerate(versions, 1)]
    rows.append(row("学员5", versions[0], ("A",)))  # pool D, 由企业决定是否专程接送
    data = frame(rows)
    data["correct"] = False  # marks lost: rescoring puts them back from the texts
    assert rescore(data, {q.id: q})["correct"].tolist() == [True, True, True, True, False]
    moved = q.with_options(q.options, ("D",))  # the key put on the option 学员5 chose
    assert rescore(data, {q.id: moved})["correct"].tolist() == [False, False, False, False, True]
    legacy = data.drop(columns=list(SEEN_COLUMNS))  # letters only: read against the version given
    assert rescore(legacy, {q.id: q})["correct"].tolist() == [False, False, False, True, True]


def test_multiple_choice_answers_are_read_by_their_texts():
    q = Question.create(type="multiple_choice", stem="哪些做法符合规定？",
                        options=[Option(k, f"做法{k}") for k in "ABCD"], answer=("A", "C"), explanation="…",
                        source=Source("jinan-2019", 13, None, "…", 0, 1))
    v = version(q, "CBDA")  # A→D, C→A: the key is A and D here
    assert v.answer == ("A", "D")
    rows = [row("学员1", v, ("A", "D")), row("学员2", v, ("A", "B")), row("学员3", q, ("A", "C"), texts=False)]
    report = quietly(frame(rows), {q.id: q})
    assert report.matrix[q.id].tolist() == [1.0, 0.0, 1.0]
    # 学员1 chose 做法C and 做法A (A and D of their paper), 学员2 做法C and 做法B, 学员3 (letters) 做法A and 做法C
    assert by_text(report, q) == {"做法A": 2, "做法B": 1, "做法C": 3, "做法D": 0}
    assert rescore(frame(rows), {q.id: q})["correct"].tolist() == [True, False, True]
    assert chosen_keys(q, ("A", "B"), shown=rows[1][8], chosen=rows[1][9]) == ("B", "C")


# ------------------------------------------------------------------ written by the quiz, read from the store
def test_quiz_answers_on_differently_shuffled_papers_give_one_right_report(tmp_path):
    q = question()
    path = tmp_path / "results.sqlite"
    letters = []
    for seed, name in enumerate(["张三", "李四", "王五", "赵六", "钱七"]):
        mine = shuffle_options(q, random.Random(seed))
        right = mine.answer[0]
        letters.append(right)
        app = QuizApp([mine], store=str(path), learner_id=name, clock=iter(range(100)).__next__)
        if name == "钱七":  # the one wrong answer: 经本人同意后可以专程接送, whatever its letter here
            app.answer(0, next(o.key for o in mine.options if o.text == DISTRACTORS[1]))
        else:
            app.answer(0, right)
        app.submit()
        assert app.state.save_error is None
    assert len(set(letters)) > 1  # the key had different letters on different papers
    with ResultsStore(path) as store:
        responses = store.responses_frame()
    assert responses["shown"].map(len).tolist() == [4] * 5
    report = quietly(responses, {q.id: q})
    assert report.items.at[q.id, "p"] == 0.8
    assert by_text(report, q) == {KEY: 4, DISTRACTORS[0]: 0, DISTRACTORS[1]: 1, DISTRACTORS[2]: 0}
    assert "miskey_suspected" not in set(report.flags["code"])


# ------------------------------------------------------------------ 错题本
def test_the_review_reads_wrong_answers_by_text_against_any_version():
    q = question()
    store = ResultsStore("sqlite://")
    me = store.learner_id("张三")
    wrong_text = DISTRACTORS[2]  # pool D
    for order in ("BADC", "CDAB"):
        v = version(q, order)
        letter = next(o.key for o in v.options if o.text == wrong_text)
        shown, chosen = seen(v, (letter,))
        store.save_attempt(me, "卷", [AnswerRecord(q.id, (letter,), False, 5.0, shown=shown, chosen=chosen)])
    store.save_attempt(me, "旧卷", [AnswerRecord(q.id, ("B",), False, 5.0)])  # old: letters of the pool's version
    [group] = wrong_answers(store, me, {q.id: q})
    [entry] = group.entries
    assert entry.responses == (("D",), ("D",), ("B",))  # the pool's letters, found by the texts
    text = review_markdown([group])
    assert f"**您的答案**：D\\. {wrong_text}；B\\. {DISTRACTORS[0]}" in text  # Markdown-escaped full stops
    assert f"**正确答案**：A\\. {KEY}" in text
    # another version of the question (a retest's order): the same answers, in its letters
    other = version(q, "DCBA")
    [again] = wrong_answers(store, me, {q.id: other})
    assert again.entries[0].responses[:2] == (("A",), ("A",))  # D of the pool is A here
    paper = retest_paper([group], [q], seed=3)
    assert [p.id for p in paper.questions] == [q.id]


# ------------------------------------------------------------------ trainer-facing labels
def test_report_tables_say_nothing_in_english_deontic_terms(jinan):
    from qqtext.exercises.quiz import make_paper, question_pool

    paper = {q.id: q for q in make_paper(question_pool(jinan, seed=3), count=20, seed=3, title="测验").questions}
    report = class_report(simulate_class(paper.values(), n_learners=40, seed=3, shuffle=True), paper)
    shown = " ".join(report.table(name).to_string() for name in
                     ("items", "distractors", "flags", "articles", "overview", "scores"))
    shown += to_html(report, title="报告")
    for word in ("obligation", "prohibition", "permission", "encouragement", "discouragement", "deontic"):
        assert word not in shown.lower()
