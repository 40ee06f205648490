"""The interactive quiz (qqtext.sessions.widgets.QuizApp) without a browser: a fake clock, a fake store."""

from __future__ import annotations

import pytest

from qqtext.exercises.model import Option, Question, Source
from qqtext.exercises.quiz import make_paper, question_pool
from qqtext.sessions.store import AnswerRecord, ResultsStore
from qqtext.sessions.widgets import (
    CSS_CLASSES,
    QuizApp,
    derive_paper_id,
    grade,
    passage_html,
    source_passage,
    verdict_text,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class FakeStore:
    """The two methods QuizApp uses, recording every call."""

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.names: list[str | None] = []
        self.saved: list[tuple[tuple, dict]] = []

    def learner_id(self, name=None):
        self.names.append(name)
        return "L-fake" if name is None else f"L-{name}"

    def save_attempt(self, learner_id, paper_id, answers, **kwargs):
        if self.fail:
            raise OSError("disk full")
        self.saved.append(((learner_id, paper_id, list(answers)), kwargs))
        return 41


def _source(doc, article, item, quote):
    start = doc.text.index(quote)
    return Source("jinan-2019", article, item, quote, start, start + len(quote))


@pytest.fixture(scope="module")
def questions(jinan):
    single = Question.create(
        type="single_choice", stem="按照第十三条（五），上门服务企业确有需要时，机关单位工作人员可以怎样出行？",
        options=(Option("A", "要求企业专程接送"), Option("B", "搭乘企业交通工具"), Option("C", "由企业单独指派车辆")),
        answer=("B",), explanation="第十三条（五）：确有需要可搭乘企业交通工具，但不许单独指派、专程接送。",
        source=_source(jinan, 13, 5, "确有需要可搭乘企业交通工具"), tags=("第三章",))
    multiple = Question.create(
        type="multiple_choice", stem="根据第二十二条，本办法的具体解释工作由哪些机关承担？",
        options=(Option("A", "市委办公厅"), Option("B", "市政府办公厅"), Option("C", "市纪委市监委机关"),
                 Option("D", "统战部")),
        answer=("A", "B"), explanation="第二十二条：由市委办公厅、市政府办公厅商市纪委市监委机关承担。",
        source=_source(jinan, 22, None, "本办法具体解释工作由市委办公厅、市政府办公厅商市纪委市监委机关承担"))
    true_false = Question.create(
        type="true_false", stem="机关单位工作人员上门服务企业，可以接受企业专程接送。", answer=("错",),
        explanation="第十三条（五）：不许单独指派、专程接送。", source=_source(jinan, 13, 5, "不许单独指派、专程接送"))
    cloze = Question.create(
        type="cloze", stem="各级党委、政府和相关职能部门应当担负起构建亲清新型政商关系的____，各级纪检监察机关担负起____",
        answer=("主体责任", "监督责任"), explanation="第十四条：党委政府担负主体责任，纪检监察机关担负监督责任。",
        source=_source(jinan, 14, None, "各级党委、政府和相关职能部门应当担负起构建亲清新型政商关系的主体责任，"
                                        "各级纪检监察机关担负起监督责任"))
    scenario = Question.create(
        type="scenario", stem="企业提出派专车到单位接区发改委干部去园区调研。按照规定，干部（　）接受。",
        options=(Option("A", "可以"), Option("B", "不可以"), Option("C", "经批准后可以")), answer=("B",),
        explanation="第十三条（五）：不许单独指派、专程接送。", source=_source(jinan, 13, 5, "不许单独指派、专程接送"))
    return {"single_choice": single, "multiple_choice": multiple, "true_false": true_false, "cloze": cloze,
            "scenario": scenario}


RIGHT = {"single_choice": "B", "multiple_choice": ["B", "A"], "true_false": "错", "cloze": ["主体责任", "监督责任"],
         "scenario": "B"}
WRONG = {"single_choice": "A", "multiple_choice": ["A"], "true_false": "对", "cloze": ["主体责任", "领导责任"],
         "scenario": "C"}
WRONG_TEXT = {
    "single_choice": "✘ 回答错误，正确答案是：B. 搭乘企业交通工具",
    "multiple_choice": "✘ 回答错误，正确答案是：A. 市委办公厅；B. 市政府办公厅",
    "true_false": "✘ 回答错误，正确答案是：错",
    "cloze": "✘ 回答错误，正确答案是：主体责任；监督责任",
    "scenario": "✘ 回答错误，正确答案是：B. 不可以",
}
TYPES = list(RIGHT)


def _paper(questions):
    return [questions[t] for t in TYPES]


# --- every type, right and wrong ---------------------------------------------------------------------


@pytest.mark.parametrize("qtype", TYPES)
def test_a_right_answer_says_so(questions, jinan, qtype):
    app = QuizApp([questions[qtype]], doc=jinan, clock=FakeClock())
    verdict = app.answer(0, RIGHT[qtype])
    assert verdict.correct and verdict.text == "✔ 回答正确"
    assert app.state.verdicts == [True]
    assert "✔ 回答正确" in app._views[0].verdict.value and "qq-correct" in app._views[0].verdict.value


@pytest.mark.parametrize("qtype", TYPES)
def test_a_wrong_answer_gives_the_right_one(questions, jinan, qtype):
    app = QuizApp([questions[qtype]], doc=jinan, clock=FakeClock())
    verdict = app.answer(0, WRONG[qtype])
    assert not verdict.correct and verdict.text == WRONG_TEXT[qtype]
    assert app.state.verdicts == [False]
    view = app._views[0]
    assert WRONG_TEXT[qtype] in view.verdict.value and "qq-wrong" in view.verdict.value
    assert "你的答案" in view.verdict.value
    assert all(widget.disabled for widget in view.inputs)  # no second try after seeing the answer


@pytest.mark.parametrize("qtype", TYPES)
def test_each_type_has_its_input_widgets(questions, qtype):
    import ipywidgets as w

    app = QuizApp([questions[qtype]], clock=FakeClock())
    inputs = app._views[0].inputs
    kind = {"single_choice": w.RadioButtons, "scenario": w.RadioButtons, "multiple_choice": w.Checkbox,
            "true_false": w.ToggleButtons, "cloze": w.Text}[qtype]
    assert inputs and all(isinstance(widget, kind) for widget in inputs)
    expected = {"multiple_choice": 4, "cloze": 2}.get(qtype, 1)
    assert len(inputs) == expected
    css = "qq-blank" if qtype == "cloze" else "qq-option"
    assert all(css in widget._dom_classes for widget in inputs)
    if qtype == "true_false":
        assert inputs[0].options == ("对", "错")
    if qtype in ("single_choice", "scenario"):
        assert inputs[0].value is None  # nothing chosen for the learner


def test_grading_rules(questions):
    cloze, multiple = questions["cloze"], questions["multiple_choice"]
    assert grade(cloze, [" 主体责任 ", "“监督责任”。"])
    assert grade(cloze, ["主体 责任", "监督责任"])
    assert not grade(cloze, ["主体责任"])  # every blank counts
    assert not grade(cloze, ["主体责任", ""])
    assert grade(multiple, "BA") and not grade(multiple, "ABC") and not grade(multiple, None)
    assert grade(questions["true_false"], ("错",)) and not grade(questions["true_false"], "对")


def test_an_unknown_option_is_refused(questions):
    app = QuizApp([questions["single_choice"], questions["true_false"]], clock=FakeClock())
    with pytest.raises(ValueError):
        app.answer(0, "Z")
    with pytest.raises(ValueError):
        app.answer(1, "是")


def test_verdict_text_without_an_answer(questions):
    assert verdict_text(questions["scenario"], False) == "✘ 未作答，正确答案是：B. 不可以"


# --- 解析 and 查看原文 ---------------------------------------------------------------------------------


def test_feedback_shows_the_explanation_and_a_source_toggle(questions, jinan):
    question = questions["true_false"]
    app = QuizApp([question], doc=jinan, clock=FakeClock())
    view = app._views[0]
    assert view.feedback.layout.display == "none"  # nothing before answering
    app.answer(0, "对")
    assert view.feedback.layout.display != "none"
    assert question.explanation in view.explanation.value and "解析" in view.explanation.value
    assert view.source.layout.display == "none" and view.toggle.description == "查看原文"
    view.toggle.value = True
    assert view.source.layout.display != "none" and view.toggle.description == "收起原文"
    assert "第十三条（五）" in view.source.value
    assert '<mark class="qq-mark">不许单独指派、专程接送</mark>' in view.source.value
    view.toggle.value = False
    assert view.source.layout.display == "none"


def test_the_passage_is_the_item_with_the_quote_marked(questions, jinan):
    passage = source_passage(questions["true_false"], jinan)
    item = jinan.article(13).items[4]
    assert passage.text == jinan.text[item.span.start:item.span.end]
    assert passage.start == item.span.start
    assert passage.marked() == ["不许单独指派、专程接送"]
    assert passage.citation == "《关于构建亲清新型政商关系的实施办法（试行）》第十三条（五）"
    # the marks come from the quote's offsets into doc.text
    (a, b), = passage.marks
    assert jinan.text[passage.start + a:passage.start + b] == questions["true_false"].source.quote


def test_a_cloze_passage_marks_the_missing_words(questions, jinan):
    passage = source_passage(questions["cloze"], jinan)
    paragraph = jinan.article(14).paragraphs[0]
    assert passage.text == jinan.text[paragraph.span.start:paragraph.span.end]
    assert passage.marked() == ["主体责任", "监督责任"]
    html = passage_html(passage)
    assert html.count('<mark class="qq-mark">') == 2 and "第十四条" in html


def test_an_article_level_quote_shows_the_article_text(questions, jinan):
    passage = source_passage(questions["multiple_choice"], jinan)
    assert passage.text.startswith("本办法具体解释工作") and passage.citation.endswith("第二十二条")
    assert passage.marked() == [questions["multiple_choice"].source.quote]


def test_without_the_document_the_quote_alone_is_shown(questions):
    question = questions["true_false"]
    passage = source_passage(question, None)
    assert passage.text == question.source.quote and passage.marked() == [question.source.quote]
    assert passage.citation == "第十三条（五）"


def test_the_document_is_loaded_by_id_when_not_given(questions):
    app = QuizApp([questions["scenario"]], clock=FakeClock())
    assert app.passage(0).citation.startswith("《关于构建亲清新型政商关系")


def test_passage_html_escapes_text():
    from qqtext.sessions.widgets import Passage

    html = passage_html(Passage("第一条", "a<b>c", 0, ((1, 4),)))
    assert '<mark class="qq-mark">&lt;b&gt;</mark>' in html


# --- score, saving, timing ---------------------------------------------------------------------------


def test_score_and_one_save_with_the_seconds_of_each_question(questions, jinan):
    clock, store = FakeClock(), FakeStore()
    paper = _paper(questions)
    app = QuizApp(paper, doc=jinan, store=store, learner_id="L-0001", session="3月培训班", clock=clock)
    responses = [RIGHT["single_choice"], WRONG["multiple_choice"], RIGHT["true_false"], RIGHT["cloze"],
                 RIGHT["scenario"]]
    for index, (seconds, response) in enumerate(zip([7, 12, 3, 20, 9], responses)):
        clock.advance(seconds)
        app.answer(index, response)
        clock.advance(100)  # reading the 解析 does not count for the question
        app.next()
    state = app.submit()
    assert state.finished and state.score == 4.0 and state.max_score == 5.0
    assert app.score_text() == "得分 4 / 5"
    assert app.wrong() == [1]
    assert len(store.saved) == 1
    (learner, paper_id, records), options = store.saved[0]
    assert learner == "L-0001" and paper_id == derive_paper_id(paper) and store.names == []
    assert options == {"session": "3月培训班", "max_score": 5.0, "score": 4.0}
    def texts(q):
        return tuple(o.text for o in q.options)

    assert records == [
        AnswerRecord(paper[0].id, ("B",), True, 7.0, shown=texts(paper[0]), chosen=(paper[0].option("B").text,)),
        AnswerRecord(paper[1].id, ("A",), False, 12.0, shown=texts(paper[1]), chosen=(paper[1].option("A").text,)),
        AnswerRecord(paper[2].id, ("错",), True, 3.0),
        AnswerRecord(paper[3].id, ("主体责任", "监督责任"), True, 20.0),
        AnswerRecord(paper[4].id, ("B",), True, 9.0, shown=texts(paper[4]), chosen=(paper[4].option("B").text,)),
    ]
    assert records[0].shown and records[2].shown == () == records[3].chosen  # texts only where there are options
    assert state.attempt_id == 41
    results = app._results.value
    assert "得分 4 / 5" in results and "第 2 题" in results and "第二十二条" in results and "成绩已保存" in results
    assert app._results.layout.display != "none"
    app.submit()  # a second 交卷 saves nothing
    assert len(store.saved) == 1


def test_time_on_a_question_left_and_taken_up_again_adds_up(questions):
    clock = FakeClock()
    app = QuizApp(_paper(questions), clock=clock)
    clock.advance(4)
    app.go(1)  # question 1 had 4 s, unanswered
    clock.advance(6)
    app.go(0)
    clock.advance(2)
    app.answer(0, "B")
    assert [s.seconds for s in app.state.questions[:2]] == [6.0, 6.0]


def test_hand_in_with_questions_left_asks_first(questions):
    store = FakeStore()
    app = QuizApp(_paper(questions), store=store, learner_id="L-1", clock=FakeClock())
    app.answer(0, "B")
    app._finish.click()
    assert not app.state.finished and "还有 4 题未作答" in app._message.value
    app._finish.click()
    assert app.state.finished and app.score_text() == "得分 1 / 5"
    records = store.saved[0][0][2]
    assert [r.response for r in records[1:]] == [()] * 4 and not any(r.correct for r in records[1:])
    assert "✘ 未作答，正确答案是：错" in app._views[2].verdict.value  # every question shows its feedback now
    assert app._finish.disabled and all(w.disabled for v in app._views for w in v.inputs)


def test_an_optional_name_becomes_the_learner_id(questions):
    store = FakeStore()
    app = QuizApp([questions["true_false"]], store=store, clock=FakeClock())
    assert app._name.layout.display != "none" and "qq-name" in app._name._dom_classes
    app._name.value = " 张三 "
    app.answer(0, "错")
    app.submit()
    assert store.names == ["张三"] and store.saved[0][0][0] == "L-张三"
    anonymous = FakeStore()
    app = QuizApp([questions["true_false"]], store=anonymous, clock=FakeClock())
    app.submit()
    assert anonymous.names == [None] and app.state.learner_id == "L-fake"
    assert QuizApp([questions["true_false"]], clock=FakeClock())._name.layout.display == "none"  # no store


def test_a_failed_save_is_shown(questions):
    app = QuizApp([questions["true_false"]], store=FakeStore(fail=True), learner_id="L-1", clock=FakeClock())
    app.answer(0, "错")
    state = app.submit()
    assert state.finished and "disk full" in state.save_error
    assert "成绩未能保存" in app._results.value


def test_a_store_path_is_opened_only_on_hand_in(questions, tmp_path):
    path = tmp_path / "results.sqlite"
    app = QuizApp(_paper(questions), store=str(path), clock=FakeClock())
    assert not path.exists()
    app._name.value = "李四"
    app.answer(0, "B")
    app.submit()
    store = ResultsStore(path)
    try:
        learner = store.learner_id("李四")
        [attempt] = store.learner_attempts(learner)
        assert (attempt.score, attempt.max_score, attempt.session) == (1.0, 5.0, "default")
        answers = store.answers(attempt.id, learner_id=learner)
        assert [a.question_id for a in answers] == [q.id for q in _paper(questions)]
    finally:
        store.close()


def test_the_store_class_itself_is_opened_on_hand_in(questions, tmp_path, monkeypatch):
    path = tmp_path / "env.sqlite"
    monkeypatch.setenv("QQTEXT_RESULTS", str(path))
    app = QuizApp([questions["true_false"]], store=ResultsStore, learner_id="L-abc", clock=FakeClock())
    assert not path.exists()
    app.answer(0, "错")
    assert app.submit().save_error is None and path.exists()


# --- navigation, display, classes ---------------------------------------------------------------------


def test_one_question_at_a_time(questions):
    app = QuizApp(_paper(questions), clock=FakeClock())
    assert app._body.children == (app._views[0].box,)
    assert "第 1 / 5 题" in app._progress.value and app._prev.disabled and not app._next.disabled
    assert app._submit_one.disabled  # nothing to submit yet
    app.set_response(0, "B")
    assert not app._submit_one.disabled
    app._submit_one.click()
    assert app.state.verdicts[0] is True and app._next.button_style == "primary"
    app._next.click()
    assert app.current == 1 and "第 2 / 5 题" in app._progress.value and "已答 1 / 5" in app._progress.value
    app._prev.click()
    assert app.current == 0
    app.go(4)
    assert app._next.disabled and app._body.children == (app._views[4].box,)
    app.answer(4, "B")
    assert "还没有提交" in app._message.value


def test_stable_css_classes_for_the_browser(questions):
    app = QuizApp(_paper(questions), clock=FakeClock())
    assert app._submit_one.description == "提交本题" and CSS_CLASSES["submit"] in app._submit_one._dom_classes
    assert app._prev.description == "上一题" and "qq-prev" in app._prev._dom_classes
    assert app._next.description == "下一题" and "qq-next" in app._next._dom_classes
    assert app._finish.description == "交卷" and "qq-finish" in app._finish._dom_classes
    assert "qq-app" in app.widget._dom_classes and "qq-results" in app._results._dom_classes
    box = app._views[3].box
    assert {"qq-question", "qq-q-3", "qq-type-cloze"} <= set(box._dom_classes)
    assert "qq-source-toggle" in app._views[0].toggle._dom_classes
    app.submit()
    assert 'class="qq-score"' in app._results.value


def test_displayable_in_jupyter(questions):
    app = QuizApp([questions["single_choice"]], clock=FakeClock())
    bundle = app._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert "application/vnd.jupyter.widget-view+json" in data
    assert data["application/vnd.jupyter.widget-view+json"]["model_id"] == app.widget.model_id


def test_mode_all_shows_everything_and_checks_on_hand_in(questions, jinan):
    clock, store = FakeClock(), FakeStore()
    app = QuizApp(_paper(questions), doc=jinan, store=store, learner_id="L-all", mode="all", clock=clock)
    assert app._body.children == tuple(view.box for view in app._views)
    nav = next(child for child in app.widget.children if "qq-nav" in child._dom_classes)
    assert [b.description for b in nav.children] == ["交卷"]
    assert "共 5 题" in app._progress.value
    clock.advance(5)
    assert app.answer(0, "B") is None  # no feedback before 交卷
    clock.advance(8)
    app.answer(2, "对")
    clock.advance(4)
    app.answer(3, ["主体责任", "监督责任"])
    assert app.state.verdicts == [None] * 5
    assert all(view.feedback.layout.display == "none" for view in app._views)
    clock.advance(30)
    app._finish.click()  # two unanswered: asks first
    app._finish.click()
    state = app.state
    assert state.finished and app.score_text() == "得分 2 / 5"
    assert state.verdicts == [True, False, False, True, False]
    assert all(view.feedback.layout.display != "none" for view in app._views)
    records = store.saved[0][0][2]
    assert [r.seconds for r in records] == [5.0, 0.0, 8.0, 4.0, 0.0]
    assert "每题的解析和原文见下方" in app._results.value


def test_a_paper_from_the_pool(jinan):
    paper = make_paper(question_pool(jinan, seed=3), count=5, seed=3, title="自测卷", audience="official")
    app = QuizApp(paper, doc=jinan, clock=FakeClock())
    assert app.title == "自测卷" and app.paper_id == derive_paper_id(paper.questions)
    for index, question in enumerate(paper.questions):
        assert app.answer(index, question.answer).correct
        assert app.passage(index).marks
    assert app.submit().score == paper.total_points


def test_bad_arguments():
    with pytest.raises(ValueError):
        QuizApp([])
