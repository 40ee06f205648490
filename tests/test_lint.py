"""The paper linter: giveaways, one question per clause, stems naming their answer, near-duplicates."""

from __future__ import annotations

import pytest

from qqtext.exercises.lint import conflicting, lint_paper, lint_pool
from qqtext.exercises.model import Option, Question, Source


def _q(type_, stem, answer, *, start, end, options=(), quote="x", article=1):
    return Question.create(type=type_, stem=stem, answer=answer, options=tuple(options), explanation=f"第{article}条",
                           source=Source("t", article, None, quote, start, end))


WHICH_BODY = _q("single_choice", "根据本条例第三条，下列哪一主体担负起监督责任？", ("B",), start=40, end=55, article=3,
                options=[Option("A", "统战部"), Option("B", "纪检监察机关"), Option("C", "工商联")])


def test_a_stem_that_states_another_answer_is_a_giveaway():
    telling = _q("true_false", "根据本条例，纪检监察机关担负起监督责任，并定期报告。", ("对",), start=100, end=120, article=9)
    problems = lint_paper([WHICH_BODY, telling])
    assert [(p.kind, p.question, p.other) for p in problems] == [("giveaway", WHICH_BODY.id, telling.id)]


def test_an_explanation_can_give_an_answer_away_too():
    cloze = _q("cloze", "各级纪检监察机关担负起____责任。", ("监督",), start=40, end=55, article=3)
    other = Question.create(type="true_false", stem="根据本条例，统战部应当做好服务工作。", answer=("对",),
                            explanation="第十五条；另见第三条：各级纪检监察机关担负起监督责任。",
                            source=Source("t", 15, None, "x", 200, 210))
    assert [p.kind for p in lint_paper([cloze, other])] == ["giveaway"]


def test_the_same_words_elsewhere_without_the_context_are_no_giveaway():
    unrelated = _q("true_false", "根据本条例，监督工作应当公开。", ("对",), start=100, end=110, article=9)
    assert lint_paper([WHICH_BODY, unrelated]) == []


def test_two_questions_on_one_clause():
    a = _q("cloze", "企业可以____经营。", ("自主",), start=0, end=8)
    b = _q("true_false", "根据本条例，企业不得自主经营。", ("错",), start=2, end=8)
    assert [p.kind for p in lint_paper([a, b])] == ["same_clause"]
    assert conflicting([a, b]) == {b.id}
    assert lint_pool([a, b]) == []  # a pool may hold both; a paper may not


def test_a_which_body_stem_that_names_its_answer():
    q = _q("single_choice", "根据本条例，下列哪一主体大数据管理部门应当公开数据？", ("A",), start=0, end=9,
           options=[Option("A", "大数据管理部门"), Option("B", "财政部门")])
    assert [p.kind for p in lint_pool([q])] == ["names_answer"]


@pytest.mark.parametrize(("other", "flagged"), [("企业可以自主经营管理。", True), ("行政机关应当依法行政。", False)])
def test_near_duplicates_in_a_pool(other, flagged):
    a = _q("true_false", "根据本条例，企业可以自主经营。", ("对",), start=0, end=8)
    b = _q("true_false", f"根据本条例，{other}", ("对",), start=50, end=60, article=5)
    assert bool([p for p in lint_pool([a, b]) if p.kind == "near_duplicate"]) == flagged


def test_bank_check_flags_near_duplicates_across_files(tmp_path, jinan):
    from qqtext.exercises.bank import Bank, check_bank, write_bank
    from qqtext.exercises.generate import generate_cloze

    questions = generate_cloze(jinan, seed=1, terms=True)[:2]
    assert len(questions) == 2
    twin = Question.create(type="cloze", stem=questions[0].stem + "并及时公布",
                           answer=questions[0].answer, explanation=questions[0].explanation, source=questions[0].source)
    write_bank(Bank("a", None, (questions[0], questions[1])), tmp_path / "a.yaml")
    assert check_bank(tmp_path) == []
    write_bank(Bank("b", None, (twin,)), tmp_path / "b.yaml")
    problems = check_bank(tmp_path)
    assert {p.question for p in problems} == {twin.id}
    assert any("near_duplicate" in p.message for p in problems)


def test_papers_are_drawn_without_linter_problems(jinan):
    from qqtext.exercises.quiz import make_paper, question_pool

    pool = question_pool(jinan, seed=1)
    assert lint_paper(pool)  # the pool itself holds questions on one clause and giveaways …
    for seed in (1, 7, 2019):
        paper = make_paper(pool, count=20, seed=seed, title="测验")
        assert len(paper.questions) == 20
        assert lint_paper(paper.questions) == []  # … a paper drawn from it does not


def test_a_paper_the_pool_cannot_clean_is_drawn_with_a_warning():
    from qqtext.exercises.assemble import Blueprint, assemble
    from qqtext.exercises.lint import LintWarning

    a = _q("cloze", "企业可以____经营。", ("自主",), start=0, end=8)
    b = _q("true_false", "根据本条例，企业不得自主经营。", ("错",), start=2, end=8)
    with pytest.warns(LintWarning, match="same_clause"):
        paper = assemble([a, b], Blueprint({"cloze": 1, "true_false": 1}), seed=1, title="x")
    assert len(paper.questions) == 2


def test_a_spread_of_types_gives_way_where_a_fixed_count_cannot():
    import warnings

    from qqtext.exercises.assemble import Blueprint, assemble
    from qqtext.exercises.lint import LintWarning

    # two cloze questions on one passage, and true/false questions each on a passage of its own
    clozes = [_q("cloze", f"企业可以____经营{i}。", ("自主",), start=0, end=8) for i in range(2)]
    statements = [_q("true_false", f"根据本条例，第{i}项规定{'甲乙丙丁戊己'[i]}应当执行。", ("对",), start=100 * i + 100,
                     end=100 * i + 110, article=i + 2) for i in range(4)]
    blueprint = Blueprint({"cloze": 2, "true_false": 2})
    with warnings.catch_warnings():
        warnings.simplefilter("error", LintWarning)
        paper = assemble(clozes + statements, blueprint, seed=1, title="x", flexible=True)
    assert dict(paper.blueprint.counts) == {"cloze": 1, "true_false": 3} and lint_paper(paper.questions) == []
    with pytest.warns(LintWarning):
        fixed = assemble(clozes + statements, blueprint, seed=1, title="x")
    assert dict(fixed.blueprint.counts) == {"cloze": 2, "true_false": 2}


def test_a_third_question_with_the_same_key():
    def body_question(n, key):
        return _q("single_choice", f"根据本条例第{n}条，下列哪一主体应当履行第{n}项职责{n * 7}？", ("A",), start=100 * n,
                  end=100 * n + 10, article=n, options=[Option("A", key), Option("B", f"其他机关{n}")])

    paper = [body_question(1, "政府"), body_question(2, "政府"), body_question(3, "财政部门"), body_question(4, "政府")]
    assert [(p.kind, p.question) for p in lint_paper(paper)] == [("same_key", paper[3].id)]


def test_a_stem_showing_the_words_a_false_statement_changed_gives_it_away():
    """Round 9b: a cloze printed 省级以上人民政府财政部门指定的媒体; a true/false item had changed it to 设区的市级以上."""
    from qqtext.exercises.lint import lint_paper
    from qqtext.exercises.model import Question, Source

    quote = "财政部门对投诉事项作出的处理决定，应当在省级以上人民政府财政部门指定的媒体上公告"
    changed = Question.create(type="true_false", stem="根据本条例，" + quote.replace("省级以上", "设区的市级以上") + "。",
                              answer=("错",), explanation="", source=Source("d", 58, None, quote, 0, len(quote)))
    cloze = Question.create(type="cloze", stem="采购人应当自合同签订之日起____内，将合同在省级以上人民政府财政部门指定的媒体上公告",
                            answer=("2个工作日",), explanation="", source=Source("d", 50, None, "…", 500, 540))
    other = Question.create(type="cloze", stem="省级以上人民政府应当____本地区的采购工作",
                            answer=("统筹",), explanation="", source=Source("d", 5, None, "…", 900, 920))
    assert [(p.kind, p.question) for p in lint_paper([cloze, changed])] == [("giveaway", changed.id)]
    assert lint_paper([other, changed]) == []  # a common phrase alone (省级以上人民政府) tells nothing
