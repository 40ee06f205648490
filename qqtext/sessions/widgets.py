"""An interactive self-assessment quiz for JupyterLab (ipywidgets ≥ 8), in Chinese (a class is served by `qqtext serve`).

:class:`QuizApp` puts a paper (or a list of questions) to a learner and gives instant feedback:

* one question at a time (``mode="one"``: 上一题 / 下一题 / 提交本题 / 交卷, 第 3 / 20 题) or all at
  once (``mode="all"``: one 交卷 button, the feedback under every question after it);
* single choice and scenario verdicts as radio buttons, multiple choice as check boxes, true/false as
  对/错 buttons, one text box per cloze blank;
* after a question is answered: ✔ 回答正确 or ✘ 回答错误，正确答案是…, the 解析, and a 查看原文 toggle
  showing the passage of the document the question cites (第十三条（五）) with the tested words
  marked: the quote, or for a cloze the missing words;
* after 交卷: 得分 x / y, the questions answered wrongly with their articles, and the attempt saved
  to the results store in one :meth:`~qqtext.sessions.store.ResultsStore.save_attempt` call, with the
  seconds spent on each question (from an injectable clock) and, for choice questions, what the
  learner saw: the option texts in the order shown and the texts chosen (``AnswerRecord.shown`` and
  ``chosen``), so reports read the answer right however this paper's options were shuffled.

The logic works without a browser: :meth:`QuizApp.answer`, :meth:`QuizApp.check`,
:meth:`QuizApp.submit` and :attr:`QuizApp.state` drive and read it, and every widget a test (or a
browser test) looks for carries a stable CSS class (``qq-option``, ``qq-submit``, ``qq-score`` …, see
:data:`CSS_CLASSES`).

>>> from qqtext.exercises.model import Question, Source
>>> q = Question.create(type="true_false", stem="可以接受企业专程接送。", answer=("错",),
...                     explanation="第十三条（五）：不许单独指派、专程接送。",
...                     source=Source("jinan-2019", 13, 5, "不许单独指派、专程接送", 0, 0))
>>> app = QuizApp([q], clock=iter(range(100)).__next__)
>>> app.answer(0, "错").correct, app.state.verdicts
(True, [True])
>>> app.submit().score, app.score_text()
(1.0, '得分 1 / 1')
"""

from __future__ import annotations

import html
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from qqtext.exercises.model import BLANK, FALSE, TRUE, TYPE_LABELS, Question
from qqtext.sessions.grading import (
    CHOICE_TYPES,
    Passage,
    answer_display,
    derive_paper_id,
    grade,
    normalize_response,
    passage_html,
    response_display,
    source_passage,
    verdict_text,
)

if TYPE_CHECKING:
    import ipywidgets

    from qqtext.exercises.assemble import Paper
    from qqtext.model import Document

__all__ = [
    "QuizApp",
    "QuizState",
    "QuestionState",
    "Verdict",
    "Passage",
    "grade",
    "normalize_response",
    "verdict_text",
    "answer_display",
    "response_display",
    "source_passage",
    "passage_html",
    "derive_paper_id",
    "CSS_CLASSES",
]

Mode = Literal["one", "all"]
Clock = Callable[[], float]

#: The CSS classes the app puts on its widgets, for tests and for styling.
CSS_CLASSES = {
    "app": "qq-app",
    "title": "qq-title",
    "progress": "qq-progress",
    "name": "qq-name",
    "question": "qq-question",  # plus qq-q-<index> and qq-type-<type>
    "stem": "qq-stem",
    "option": "qq-option",  # RadioButtons, each multiple-choice Checkbox, the 对/错 ToggleButtons
    "blank": "qq-blank",  # one Text per cloze blank
    "feedback": "qq-feedback",
    "verdict": "qq-verdict",  # plus qq-correct / qq-wrong
    "explanation": "qq-explanation",
    "source_toggle": "qq-source-toggle",
    "source": "qq-source",
    "submit": "qq-submit",  # 提交本题
    "prev": "qq-prev",
    "next": "qq-next",
    "finish": "qq-finish",  # 交卷
    "message": "qq-message",
    "results": "qq-results",
    "score": "qq-score",
    "wrong_list": "qq-wrong-list",
    "saved": "qq-saved",
}

STYLE = """<style>
.qq-app { max-width: 56em; font-size: 15px; line-height: 1.7;
  --jp-widgets-font-size: 15px; --jp-widgets-inline-height: 32px; --jp-widgets-disabled-opacity: 0.85; }
.qq-app .qq-option button.mod-active { background: #1565c0; color: #fff; }
.qq-app .qq-your-answer { color: #555; font-weight: normal; font-size: .95em; }
.qq-app .qq-nav button:disabled { opacity: .45; }
.qq-app .qq-title h2 { margin: 0 0 .2em 0; font-size: 1.5em; }
.qq-app .qq-progress { color: #555; }
.qq-app .qq-help { color: #333; margin-bottom: .2em; }
.qq-app .qq-stem { font-size: 1.08em; margin: .6em 0 .3em 0; }
.qq-app .qq-stem .qq-type { color: #8a5a00; font-weight: bold; margin-right: .3em; }
.qq-app .qq-blank-mark { border-bottom: 1px solid #333; padding: 0 .6em; color: #8a5a00; }
.qq-app .widget-radio-box label, .qq-app .widget-checkbox label, .qq-app .qq-option .widget-label-basic {
  white-space: normal !important; overflow: visible !important; height: auto !important;
  line-height: 1.5; margin: .15em 0; }
.qq-app .widget-radio-box { width: 100%; }
.qq-app .widget-radio-box label input { margin-right: .5em; }
.qq-app .qq-question { border-left: 3px solid #e5e5e5; padding: .2em 0 .6em .9em; margin: .4em 0 .8em 0; }
.qq-app .qq-verdict { font-size: 1.1em; font-weight: bold; }
.qq-app .qq-correct { color: #1b7a1b; }
.qq-app .qq-wrong { color: #b3261e; }
.qq-app .qq-explanation { background: #f6f8fa; border-radius: 4px; padding: .4em .8em; }
.qq-app .qq-passage { background: #fffdf3; border: 1px solid #eadfb4; border-radius: 4px; padding: .5em .9em; }
.qq-app .qq-passage .qq-citation { color: #555; font-size: .95em; margin-bottom: .3em; }
.qq-app mark.qq-mark { background: #ffd966; padding: 0 .1em; }
.qq-app .qq-message { color: #8a5a00; }
.qq-app .qq-score { font-size: 1.6em; font-weight: bold; margin: .5em 0; }
.qq-app .qq-wrong-list li { margin-bottom: .4em; }
.qq-app .qq-saved { color: #555; }
</style>"""

#: How to take the quiz, shown under the title.
HELP = {
    "one": "<div>逐题作答，点 <b>提交本题</b> 立即看到对错和解析，点 <b>查看原文</b> 看依据的条文（考查的词句已标出）；"
           "做完点 <b>交卷</b> 看得分和需要复习的题目。</div>",
    "all": "<div>全部作答后点页面底部的 <b>交卷</b>，每题下方会显示对错、解析和 <b>查看原文</b>（依据的条文，考查的词句已标出），"
           "页面上方显示得分和需要复习的题目。</div>",
}

# --- state ---------------------------------------------------------------------------------------


@dataclass
class QuestionState:
    """What happened to one question: the response, whether it was checked and right, the seconds spent."""

    response: tuple[str, ...] = ()
    checked: bool = False
    correct: bool | None = None
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of checking one question."""

    index: int
    correct: bool
    response: tuple[str, ...]
    text: str
    explanation: str
    passage: Passage


@dataclass
class QuizState:
    """The state of a :class:`QuizApp`: per question, where the learner is, and after 交卷 the result.

    Attributes:
        questions: one :class:`QuestionState` per question, in paper order.
        current: the index of the question shown (``mode="one"``).
        finished: whether the paper was handed in (交卷).
        score / max_score: points got and possible (``score`` is ``None`` before 交卷).
        learner_id / attempt_id: as the store gave them when the attempt was saved.
        save_error: why saving failed, if it did.
    """

    questions: list[QuestionState]
    max_score: float
    current: int = 0
    finished: bool = False
    score: float | None = None
    learner_id: str | None = None
    attempt_id: Any = None
    save_error: str | None = None

    @property
    def verdicts(self) -> list[bool | None]:
        """Per question: ``True``/``False`` once checked, ``None`` before."""
        return [q.correct if q.checked else None for q in self.questions]

    @property
    def answered(self) -> int:
        """How many questions have a response."""
        return sum(1 for q in self.questions if q.response)



def _points(value: float) -> str:
    return f"{value:g}"


# --- the app -------------------------------------------------------------------------------------


class QuizApp:
    """An interactive quiz over a paper or a list of questions.

    Args:
        paper_or_questions: a :class:`~qqtext.exercises.assemble.Paper` or a sequence of questions.
        doc: the document the questions cite (for 查看原文); by default each question's document is
            loaded by its id when first needed, and the quote alone is shown if that fails.
        store: where the attempt is saved on 交卷: a results store (anything with ``learner_id`` and
            ``save_attempt``); a path or URL for :class:`~qqtext.sessions.store.ResultsStore`, or a
            callable returning a store, such as the class ``ResultsStore`` itself (``$QQTEXT_RESULTS``
            or the default file): these two are opened on 交卷, not before, so showing the quiz
            writes nothing; or ``None``: not saved.
        learner_id: the learner's (pseudonymous) id; without one, the page asks for an optional name
            and the store turns it into an id.
        session: the session label saved with the attempt.
        mode: ``"one"`` question at a time, or ``"all"`` on one page.
        clock: a function returning seconds (default :func:`time.monotonic`); tests pass a fake.
        title: the heading (default: the paper's title, else 自测).
        paper_id: the id saved with the attempt (default: :func:`derive_paper_id` of the questions).
    """

    def __init__(
        self,
        paper_or_questions: Paper | Sequence[Question],
        *,
        doc: Document | None = None,
        store: Any = None,
        learner_id: str | None = None,
        session: str = "default",
        mode: Mode = "one",
        clock: Clock | None = None,
        title: str | None = None,
        paper_id: str | None = None,
    ) -> None:
        questions = getattr(paper_or_questions, "questions", paper_or_questions)
        self.questions: tuple[Question, ...] = tuple(questions)
        if not self.questions:
            raise ValueError("a quiz needs at least one question")
        if mode not in ("one", "all"):
            raise ValueError(f"mode must be 'one' or 'all', not {mode!r}")
        self.title = title or getattr(paper_or_questions, "title", None) or "自测"
        self.paper_id = paper_id or derive_paper_id(self.questions)
        self.mode: Mode = mode
        self.session = session
        self._store_spec = store
        self._store: Any = None
        self._learner_id = learner_id
        self._clock: Clock = clock or time.monotonic
        self._docs: dict[str, Document | None] = {}
        if doc is not None:
            self._docs[doc.id] = doc
        self.state = QuizState(
            questions=[QuestionState() for _ in self.questions],
            max_score=float(sum(q.score for q in self.questions)),
        )
        self._last_event = self._clock()
        self._confirm_finish = False
        self._updating = False
        self._build()
        self._show(0)

    # -- public API --------------------------------------------------------------------------------

    @property
    def widget(self) -> ipywidgets.VBox:
        """The top widget, to ``display`` (or just leave the app as a cell's last value)."""
        return self._root

    def _repr_mimebundle_(self, **kwargs):
        return self._root._repr_mimebundle_(**kwargs)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self._root)

    @property
    def current(self) -> int:
        """The index of the question shown (``mode="one"``)."""
        return self.state.current

    def go(self, index: int) -> None:
        """Show question ``index`` (``mode="one"``; in ``"all"`` every question is shown)."""
        if not 0 <= index < len(self.questions):
            raise IndexError(f"no question {index} (the paper has {len(self.questions)})")
        self._leave_current()
        self._show(index)

    def next(self) -> None:
        """下一题."""
        if self.state.current + 1 < len(self.questions):
            self.go(self.state.current + 1)

    def previous(self) -> None:
        """上一题."""
        if self.state.current > 0:
            self.go(self.state.current - 1)

    def set_response(self, index: int, response: str | Iterable[str] | None) -> None:
        """Fill question ``index``'s widgets with ``response`` (see :func:`normalize_response`), as a learner would."""
        question = self.questions[index]
        if self.state.finished or self.state.questions[index].checked:
            raise RuntimeError(f"question {index + 1} is already answered")
        given = normalize_response(question, response)
        allowed = {o.key for o in question.options} if question.type in CHOICE_TYPES else \
            {TRUE, FALSE} if question.type == "true_false" else None
        if allowed is not None and (not set(given) <= allowed or
                                    (question.type != "multiple_choice" and len(given) > 1)):
            raise ValueError(f"question {index + 1} ({question.type}) takes one of {sorted(allowed)}"
                             f"{' (several)' if question.type == 'multiple_choice' else ''}, not {given!r}")
        view = self._views[index]
        if question.type in ("single_choice", "scenario"):
            view.inputs[0].value = given[0] if given else None
        elif question.type == "multiple_choice":
            for box, option in zip(view.inputs, question.options):
                box.value = option.key in given
        elif question.type == "true_false":
            view.inputs[0].value = given[0] if given else None
        else:
            for i, box in enumerate(view.inputs):
                box.value = given[i] if i < len(given) else ""
        self.state.questions[index].response = self._read(index)

    def answer(self, index: int, response: str | Iterable[str] | None) -> Verdict | None:
        """Answer question ``index``: fill in ``response``; in ``mode="one"`` also check it (提交本题).

        Returns the :class:`Verdict` in ``mode="one"``, ``None`` in ``mode="all"`` (checked on 交卷).
        """
        if self.mode == "one" and index != self.state.current:
            self.go(index)
        self.set_response(index, response)
        if self.mode == "one":
            return self.check(index)
        return None

    def check(self, index: int | None = None) -> Verdict:
        """Check question ``index`` (default: the one shown) and show its feedback (提交本题)."""
        index = self.state.current if index is None else index
        qs = self.state.questions[index]
        if not qs.checked:
            if self.mode == "one" and index == self.state.current:
                self._charge(index)
            qs.response = self._read(index)
            qs.correct = grade(self.questions[index], qs.response)
            qs.checked = True
            self._render_feedback(index)
            self._lock(index)
            self._update_chrome()
            if self.mode == "one" and not self.state.finished:
                left = [i + 1 for i, s in enumerate(self.state.questions) if not s.checked]
                if not left:
                    self._message.value = "所有题目都已作答，点“交卷”查看得分。"
                elif index == len(self.questions) - 1:
                    self._message.value = f"这是最后一题。第 {'、'.join(map(str, left))} 题还没有提交。"
        return self.verdict(index)

    def verdict(self, index: int) -> Verdict:
        """The verdict on question ``index`` as it stands (its response graded now if not yet checked)."""
        question, qs = self.questions[index], self.state.questions[index]
        response = qs.response if qs.checked else self._read(index)
        correct = qs.correct if qs.checked else grade(question, response)
        return Verdict(index, bool(correct), response, verdict_text(question, bool(correct), response),
                       question.explanation, self.passage(index))

    def passage(self, index: int) -> Passage:
        """The source passage of question ``index``, tested words marked (what 查看原文 shows)."""
        question = self.questions[index]
        return source_passage(question, self._doc_for(question))

    def submit(self) -> QuizState:
        """交卷: check every question, show 得分 x / y and the wrong questions, save the attempt once.

        Calling it again changes nothing and saves nothing.
        """
        if self.state.finished:
            return self.state
        if self.mode == "one":
            self._charge(self.state.current)
        for index, qs in enumerate(self.state.questions):
            if not qs.checked:
                qs.response = self._read(index)
                qs.correct = grade(self.questions[index], qs.response)
                qs.checked = True
                self._render_feedback(index)
        self.state.finished = True
        self.state.score = float(sum(q.score for q, s in zip(self.questions, self.state.questions) if s.correct))
        for index in range(len(self.questions)):
            self._lock(index)
        self._name.disabled = True
        self._message.value = ""
        self._save()
        self._render_results()
        self._update_chrome()
        return self.state

    def score_text(self) -> str:
        """``得分 x / y`` (``""`` before 交卷)."""
        if self.state.score is None:
            return ""
        return f"得分 {_points(self.state.score)} / {_points(self.state.max_score)}"

    def wrong(self) -> list[int]:
        """Indexes of the questions answered wrongly (or not at all), after 交卷."""
        return [i for i, s in enumerate(self.state.questions) if s.checked and not s.correct]

    # -- building the widgets ---------------------------------------------------------------------

    def _build(self) -> None:
        import ipywidgets as w

        style = w.HTML(STYLE)
        self._title = w.HTML(f"<h2>{html.escape(self.title)}</h2>")
        self._title.add_class("qq-title")
        self._progress = w.HTML()
        self._progress.add_class("qq-progress")
        self._help = w.HTML(HELP[self.mode])
        self._help.add_class("qq-help")
        self._name = w.Text(description="姓名或工号", placeholder="选填；只以化名保存，用于查看自己的历次成绩",
                            style={"description_width": "initial"}, layout=w.Layout(width="32em"))
        self._name.add_class("qq-name")
        if not (self._learner_id is None and self._store_spec is not None):
            self._name.layout.display = "none"
        self._views = [self._build_question(i, q) for i, q in enumerate(self.questions)]
        self._body = w.VBox()
        self._prev = self._button("上一题", "qq-prev", self._on_prev)
        self._submit_one = self._button("提交本题", "qq-submit", self._on_check, style="primary")
        self._next = self._button("下一题", "qq-next", self._on_next)
        self._finish = self._button("交卷", "qq-finish", self._on_finish, style="warning")
        if self.mode == "one":
            nav = w.HBox([self._prev, self._submit_one, self._next, self._finish])
            self._body.children = [self._views[0].box]
        else:
            nav = w.HBox([self._finish])
            self._body.children = [view.box for view in self._views]
        nav.add_class("qq-nav")
        self._message = w.HTML()
        self._message.add_class("qq-message")
        self._results = w.HTML()
        self._results.add_class("qq-results")
        self._results.layout.display = "none"
        if self.mode == "one":  # the result above the question, the buttons below it
            parts = [self._results, self._body, nav, self._message]
        else:  # the result right under 交卷, at the foot of the page, where the learner is
            parts = [self._body, nav, self._message, self._results]
        self._root = w.VBox([style, self._title, self._help, self._progress, self._name, *parts])
        self._root.add_class("qq-app")
        self._root.add_class(f"qq-mode-{self.mode}")

    @staticmethod
    def _button(label: str, css: str, handler, style: str = "") -> ipywidgets.Button:
        import ipywidgets as w

        button = w.Button(description=label, button_style=style, tooltip=label)
        button.add_class(css)
        button.on_click(lambda _b: handler())
        return button

    def _build_question(self, index: int, question: Question) -> _View:
        import ipywidgets as w

        label = TYPE_LABELS.get(question.type, question.type)
        stem = html.escape(question.stem)
        if question.type == "cloze":
            pieces = stem.split(html.escape(BLANK))
            stem = pieces[0] + "".join(
                f'<span class="qq-blank-mark">（{n}）</span>{piece}' for n, piece in enumerate(pieces[1:], 1)
            ) if len(pieces) > 2 else f'<span class="qq-blank-mark">{"　" * 3}</span>'.join(pieces)
        hint = {"multiple_choice": "（可多选）", "cloze": "（在下面的空格中填写）"}.get(question.type, "")
        stem_html = w.HTML(
            f'<div><b>{index + 1}.</b> <span class="qq-type">【{label}】</span>{stem}'
            f'<span style="color:#777">{hint}</span></div>'
        )
        stem_html.add_class("qq-stem")
        inputs: list[w.Widget] = []
        if question.type in ("single_choice", "scenario"):
            radio = w.RadioButtons(options=[(f"{o.key}. {o.text}", o.key) for o in question.options], value=None,
                                   layout=w.Layout(width="100%"))
            inputs.append(radio)
        elif question.type == "multiple_choice":
            for option in question.options:
                inputs.append(w.Checkbox(value=False, description=f"{option.key}. {option.text}", indent=False,
                                         layout=w.Layout(width="100%")))
        elif question.type == "true_false":
            inputs.append(w.ToggleButtons(options=[TRUE, FALSE], value=None, tooltips=["说法正确", "说法错误"]))
        else:
            count = max(1, question.stem.count(BLANK))
            for n in range(1, count + 1):
                inputs.append(w.Text(description=f"第{n}空" if count > 1 else "答案", placeholder="填写原文中的词语",
                                     continuous_update=True, layout=w.Layout(width="28em")))
        for widget in inputs:
            widget.add_class("qq-blank" if question.type == "cloze" else "qq-option")
            widget.observe(lambda _change, i=index: self._on_input(i), names="value")
        verdict = w.HTML()
        verdict.add_class("qq-verdict")
        explanation = w.HTML()
        explanation.add_class("qq-explanation")
        toggle = w.ToggleButton(value=False, description="查看原文", tooltip="显示本题所依据的原文")
        toggle.add_class("qq-source-toggle")
        source = w.HTML()
        source.add_class("qq-source")
        source.layout.display = "none"
        toggle.observe(lambda change, s=source, t=toggle: self._on_toggle(change, s, t), names="value")
        feedback = w.VBox([verdict, explanation, toggle, source])
        feedback.add_class("qq-feedback")
        feedback.layout.display = "none"
        box = w.VBox([stem_html, *inputs, feedback])
        for css in ("qq-question", f"qq-q-{index}", f"qq-type-{question.type}"):
            box.add_class(css)
        return _View(box, inputs, feedback, verdict, explanation, toggle, source)

    # -- reading and updating ---------------------------------------------------------------------

    def _read(self, index: int) -> tuple[str, ...]:
        question, view = self.questions[index], self._views[index]
        if question.type in ("single_choice", "scenario", "true_false"):
            return normalize_response(question, view.inputs[0].value)
        if question.type == "multiple_choice":
            return tuple(o.key for o, box in zip(question.options, view.inputs) if box.value)
        return normalize_response(question, [box.value for box in view.inputs])

    def _on_input(self, index: int) -> None:
        qs = self.state.questions[index]
        if qs.checked or self.state.finished:
            return
        qs.response = self._read(index)
        if self.mode == "all":  # the time since the last answer goes to the question being answered
            now = self._clock()
            qs.seconds += max(0.0, now - self._last_event)
            self._last_event = now
        self._confirm_finish = False
        self._update_chrome()

    def _charge(self, index: int) -> None:
        """``mode="one"``: the time since question ``index`` was shown goes to it, unless already checked."""
        now = self._clock()
        if not self.state.questions[index].checked and not self.state.finished:
            self.state.questions[index].seconds += max(0.0, now - self._last_event)
        self._last_event = now

    def _leave_current(self) -> None:
        if self.mode == "one":
            self._charge(self.state.current)

    def _show(self, index: int) -> None:
        self.state.current = index
        if self.mode == "one":
            self._body.children = [self._views[index].box]
            self._last_event = self._clock()
        self._message.value = ""
        self._update_chrome()

    def _lock(self, index: int) -> None:
        for widget in self._views[index].inputs:
            widget.disabled = True

    def _render_feedback(self, index: int) -> None:
        view, verdict = self._views[index], self.verdict(index)
        css = "qq-correct" if verdict.correct else "qq-wrong"
        mine = ""
        if not verdict.correct and verdict.response:
            given = html.escape(response_display(self.questions[index], verdict.response))
            mine = f'<div class="qq-your-answer">你的答案：{given}</div>'
        view.verdict.value = f'<div class="{css}">{html.escape(verdict.text)}</div>{mine}'
        view.verdict.remove_class("qq-correct")
        view.verdict.remove_class("qq-wrong")
        view.verdict.add_class(css)
        view.explanation.value = f"<b>解析：</b>{html.escape(verdict.explanation)}"
        view.source.value = passage_html(verdict.passage)
        view.feedback.layout.display = ""

    def _on_toggle(self, change, source, toggle) -> None:
        source.layout.display = "" if change["new"] else "none"
        toggle.description = "收起原文" if change["new"] else "查看原文"

    def _update_chrome(self) -> None:
        n, state = len(self.questions), self.state
        if self.mode == "one":
            index = state.current
            qs = state.questions[index]
            question = self.questions[index]
            text = (f"第 {index + 1} / {n} 题　·　{TYPE_LABELS.get(question.type, '')}　·　{_points(question.score)} 分"
                    f"　·　已答 {state.answered} / {n}")
            self._prev.disabled = index == 0
            self._next.disabled = index == n - 1
            self._submit_one.disabled = qs.checked or state.finished or not qs.response
            self._next.button_style = "primary" if qs.checked and index < n - 1 and not state.finished else ""
        else:
            text = f"共 {n} 题，满分 {_points(state.max_score)} 分　·　已答 {state.answered} / {n}"
        if state.finished:
            text += "　·　已交卷"
        self._progress.value = f"<div>{text}</div>"
        self._finish.disabled = state.finished

    # -- button handlers --------------------------------------------------------------------------

    def _on_prev(self) -> None:
        self.previous()

    def _on_next(self) -> None:
        self.next()

    def _on_check(self) -> None:
        if not self._read(self.state.current):
            self._message.value = "请先作答，再提交本题。"
            return
        self.check()

    def _on_finish(self) -> None:
        missing = [i + 1 for i in range(len(self.questions)) if not self._read(i)]
        if missing and not self._confirm_finish:
            self._confirm_finish = True
            numbers = "、".join(str(m) for m in missing[:10]) + ("等" if len(missing) > 10 else "")
            self._message.value = (f"还有 {len(missing)} 题未作答（第 {numbers} 题），未作答的题不得分。"
                                   "确定交卷请再点一次“交卷”。")
            return
        self._message.value = ""
        self.submit()

    # -- saving and results -----------------------------------------------------------------------

    def _open_store(self) -> Any:
        if self._store is not None or self._store_spec is None:
            return self._store
        spec = self._store_spec
        if isinstance(spec, (str, os.PathLike)):
            from qqtext.sessions.store import ResultsStore

            self._store = ResultsStore(spec)
        elif isinstance(spec, type) or (callable(spec) and not hasattr(spec, "save_attempt")):
            self._store = spec()  # e.g. the class ResultsStore: $QQTEXT_RESULTS or the default file
        else:
            self._store = spec
        return self._store

    def _save(self) -> None:
        if self._store_spec is None:
            return
        try:
            from qqtext.sessions.responses import seen
            from qqtext.sessions.store import AnswerRecord

            store = self._open_store()
            learner = self._learner_id
            if learner is None:
                learner = store.learner_id(self._name.value.strip() or None)
            records = []
            for q, s in zip(self.questions, self.state.questions):
                shown, chosen = seen(q, s.response)  # what the learner saw: the option texts as shown
                records.append(AnswerRecord(q.id, tuple(s.response), bool(s.correct), round(float(s.seconds), 3),
                                            shown=shown, chosen=chosen))
            self.state.learner_id = learner
            self.state.attempt_id = store.save_attempt(learner, self.paper_id, records, session=self.session,
                                                       max_score=self.state.max_score, score=self.state.score)
        except Exception as exc:  # noqa: BLE001 - shown on the page: the learner must know the result was not kept
            self.state.save_error = f"{type(exc).__name__}: {exc}"

    def _render_results(self) -> None:
        state = self.state
        wrong = self.wrong()
        lines = [f'<div class="qq-score">{html.escape(self.score_text())}</div>']
        right = len(self.questions) - len(wrong)
        lines.append(f"<div>答对 {right} 题，答错或未答 {len(wrong)} 题。</div>")
        if wrong:
            items = []
            for i in wrong:
                question, qs = self.questions[i], state.questions[i]
                citation = question.source.citation() or "出处未注明"
                stem = question.stem if len(question.stem) <= 60 else question.stem[:58] + "……"
                given = "未作答" if not qs.response else "你的答案：" + response_display(question, qs.response)
                items.append(
                    f"<li><b>第 {i + 1} 题</b>（{TYPE_LABELS.get(question.type, '')}，{html.escape(citation)}）"
                    f"{html.escape(stem)}<br><span class='qq-wrong'>{html.escape(given)}；正确答案："
                    f"{html.escape(answer_display(question))}</span></li>"
                )
            where = "点“上一题”“下一题”可回看每题的解析和原文。" if self.mode == "one" else "每题的解析和原文见下方。"
            lines.append(f'<div class="qq-wrong-list"><b>需要复习的题目</b>（{where}）<ol style="list-style:none;'
                         f'padding-left:0">{"".join(items)}</ol></div>')
        else:
            lines.append('<div class="qq-correct">全部答对，很好！</div>')
        if self._store_spec is not None:
            if state.save_error:
                lines.append(f'<div class="qq-saved qq-wrong">✘ 成绩未能保存：{html.escape(state.save_error)}'
                             "。请截图本页交给培训组织者。</div>")
            else:
                lines.append('<div class="qq-saved">✔ 成绩已保存。</div>')
        self._results.value = "".join(lines)
        self._results.layout.display = ""

    # -- documents --------------------------------------------------------------------------------

    def _doc_for(self, question: Question) -> Document | None:
        doc_id = question.source.doc
        if doc_id not in self._docs:
            if len(self._docs) == 1 and not doc_id:
                return next(iter(self._docs.values()))
            try:
                from qqtext.corpus import load_document

                self._docs[doc_id] = load_document(doc_id)
            except Exception:  # noqa: BLE001 - a question citing a document we cannot load still shows its quote
                self._docs[doc_id] = None
        return self._docs[doc_id]


@dataclass
class _View:
    """The widgets of one question."""

    box: Any
    inputs: list = field(default_factory=list)
    feedback: Any = None
    verdict: Any = None
    explanation: Any = None
    toggle: Any = None
    source: Any = None

