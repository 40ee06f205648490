"""Every export format, read back with an independent parser and compared with the questions.

The questions are the real curated bank and sets of hostile questions (GIFT control characters,
XML/HTML specials and ``]]>``, a 5,000-character stem, emoji, line breaks, Markdown and LaTeX
syntax …) holding the hostile text in every field. Readers are written here or taken from other
libraries, never from :mod:`qqtext.exercises.export`:

* GIFT: a reader written here that follows Moodle's own import (qformat_gift) step by step;
* Moodle XML and QTI: lxml, with the manifest's structure and the namespaces checked;
* XLSX: openpyxl; DOCX: python-docx; HTML: BeautifulSoup; Markdown: mistune (CommonMark);
* Anki: the .apkg is a zip holding an SQLite collection, opened with sqlite3;
* jupyterquiz: a JSON Schema of the question format, checked with jsonschema.
"""

from __future__ import annotations

import html
import io
import json
import re
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import genanki
import jsonschema
import mistune
import openpyxl
import pytest
from bs4 import BeautifulSoup
from conftest import REPO
from docx.oxml.ns import qn
from docx.shared import Cm
from lxml import etree

from qqtext.exercises.bank import check_questions, read_bank
from qqtext.exercises.export import (
    ExportError,
    to_gift,
    to_html,
    to_jupyterquiz,
    to_markdown,
    to_moodle_xml,
    write_apkg,
    write_docx_key,
    write_docx_paper,
    write_gift,
    write_moodle_xml,
    write_qti,
    write_xlsx,
)
from qqtext.exercises.model import BLANK, Option, Question, Source

BANK_FILE = REPO / "exercises" / "jinan-2019.curated.yaml"
LABELS = {"single_choice": "单选题", "multiple_choice": "多选题", "true_false": "判断题", "cloze": "填空题",
          "scenario": "情形判断题"}
CHOICE = {"single_choice", "multiple_choice", "scenario"}
PAPER_ORDER = ("single_choice", "multiple_choice", "true_false", "cloze", "scenario")
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

HOSTILE = {
    "gift-controls": r"GIFT 控制符 ~ = # { } : 反斜杠 \ 字面 \n 与 \\ ::假标题:: {=假答案 ~假选项} ####假反馈",
    "xml-html": "<b>不是粗体</b> & &amp; \"双引号\" '单引号' ]]> <![CDATA[x]]> <!-- 注释 --> <script>alert(1)</script>",
    "long-5000": ("长题干" * 1700)[:4993] + "是否可以？" + "末尾",
    "emoji": "表情 😀👍🏽🇨🇳 与扩展汉字 𠮷𩸽 及全角　空格",
    "newline": "第一行\n第二行\n\n第四行（前面有空行）",
    "markup": "**粗** _斜_ # 标题 - 列表 1. 编号 [链接](http://example.com) `代码` $x^2$ %50% [html]<i>斜</i> *星号*",
}
assert len(HOSTILE["long-5000"]) == 5000


# ------------------------------------------------------------------ questions
def hostile_questions(text: str) -> list[Question]:
    """One question of every type, the hostile text in stem, options, answers, 解析 and quote."""
    source = Source("hostile", 1, None, text, 0, len(text))
    short = text if "\n" not in text and len(text) < 200 else "答案二"
    common = {"explanation": f"第一条：{text}", "source": source, "tags": ["测试 标签", "亲"]}
    return [
        Question.create(type="single_choice", stem=text, answer=["A"],
                        options=[Option("A", text), Option("B", "乙"), Option("C", "丙"), Option("D", "丁")], **common),
        Question.create(type="multiple_choice", stem="多选：" + text, answer=["A", "C"],
                        options=[Option("A", text), Option("B", "乙"), Option("C", "丙"), Option("D", "丁")],
                        difficulty=3, score=2, **common),
        Question.create(type="true_false", stem="判断：" + text, answer=["错"], difficulty=2, **common),
        Question.create(type="cloze", stem=text + BLANK + "中间" + BLANK + "结尾", answer=["答案一", short], **common),
        Question.create(type="cloze", stem="只有一空：" + BLANK + "。", answer=[short], **common),
        Question.create(type="scenario", stem="情形：" + text, answer=["B"],
                        options=[Option("A", "可以"), Option("B", "不可以"), Option("C", "经批准后可以")], **common),
    ]


@pytest.fixture(scope="session")
def bank() -> list[Question]:
    questions, _ = check_questions(read_bank(BANK_FILE).questions, file=str(BANK_FILE))
    assert questions and {q.type for q in questions} == set(PAPER_ORDER)
    return questions


CASES = ["bank", *HOSTILE]


@pytest.fixture(params=CASES, ids=CASES)
def case(request, bank) -> list[Question]:
    return bank if request.param == "bank" else hostile_questions(HOSTILE[request.param])


# What a question says, written out here without the writers' helpers.
def citation(q: Question) -> str:
    return q.source.citation() + f"“{q.source.quote}”"


def feedback(q: Question) -> str:
    return f"解析：{q.explanation}\n出处：{citation(q)}"


def blanks(q: Question) -> list[tuple[str, str, str]]:
    """(before, answer, after) of each blank, the other blanks filled in."""
    parts = q.stem.split(BLANK)
    result = []
    for i, answer in enumerate(q.answer):
        before = "".join(parts[j] + q.answer[j] for j in range(i)) + parts[i]
        after = parts[i + 1] + "".join(q.answer[j] + parts[j + 1] for j in range(i + 1, len(q.answer)))
        result.append((before, answer, after))
    return result


def numbered(q: Question) -> str:
    """A several-blank cloze stem with its blanks numbered and empty: 甲（1）____乙（2）____."""
    parts = q.stem.split(BLANK)
    return parts[0] + "".join(f"（{i}）{BLANK}{part}" for i, part in enumerate(parts[1:], 1))


def several(q: Question) -> bool:
    return q.type == "cloze" and len(q.answer) > 1


def paper_numbering(questions: list[Question]) -> list[tuple[int, Question]]:
    ordered = [q for t in PAPER_ORDER for q in questions if q.type == t]
    return list(enumerate(ordered, 1))


def html_text(fragment: str) -> str:
    """The text of an HTML fragment, line breaks kept."""
    soup = BeautifulSoup(fragment, "html.parser")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    return soup.get_text()


# ------------------------------------------------------------------ GIFT
@dataclass
class GiftQuestion:
    name: str | None
    qtype: str
    text: str
    format: str
    general_feedback: str
    answers: list[tuple[str, float]]
    single: bool | None = None


_GIFT_ESCAPES = {":": "\ue001", "#": "\ue002", "=": "\ue003", "{": "\ue004", "}": "\ue005", "~": "\ue006",
                 "n": "\ue007"}
_GIFT_BACK = {v: ("\n" if k == "n" else k) for k, v in _GIFT_ESCAPES.items()}
_WEIGHT = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")


def _pre(text: str) -> str:
    text = text.replace("\\\\", "\ue000")
    for char, placeholder in _GIFT_ESCAPES.items():
        text = text.replace("\\" + char, placeholder)
    return text.replace("\ue000", "\\")


def _post(text: str) -> str:
    for placeholder, char in _GIFT_BACK.items():
        text = text.replace(placeholder, char)
    return text


def _with_format(text: str, default: str) -> tuple[str, str]:
    fmt = default
    if text.startswith("["):
        end = text.find("]")
        name = text[1:end]
        if name in ("html", "moodle", "plain", "markdown"):
            fmt, text = name, text[end + 1:]
    return _post(text).strip(), fmt


def _weight(answer: str) -> tuple[float, str]:
    answer = answer[1:]
    end = answer.find("%")
    return float(answer[:end]) / 100, answer[end + 1:]


def parse_gift(source: str) -> tuple[list[GiftQuestion], list[str]]:
    """GIFT read the way Moodle's qformat_gift reads it; returns the questions and the categories."""
    blocks, current = [], []
    for line in source.split("\n"):
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    questions, categories = [], []
    for lines in blocks:
        text = "\n".join(" " if line.strip().startswith("//") else line for line in lines).strip()
        if not text:
            continue
        text = _pre(text)
        if text.startswith("$CATEGORY:"):
            categories.append(text[10:].strip())
            continue
        name = None
        if text.startswith("::"):
            text = text[2:]
            end = text.find("::")
            assert end >= 0, "an unclosed name"
            name, text = _post(text[:end]), text[end + 2:].strip()
        start, finish = text.find("{"), text.find("}")
        assert start >= 0 and finish > start, f"no answer block in {text[:80]!r}"
        answer_text = text[start + 1:finish].strip()
        # Escaping worked if no brace is left outside the one answer block.
        assert not re.search("[{}]", text[:start] + text[finish + 1:]), text[:80]
        if text.endswith("}"):
            question_text = text[:start] + text[finish + 1:]
        else:
            question_text = text[:start] + "_____" + text[finish + 1:]
        general = ""
        gf = answer_text.rfind("####")
        if gf >= 0:
            general, answer_text = answer_text[gf + 4:], answer_text[:gf].strip()
        question_text, fmt = _with_format(question_text, "moodle")
        general, _ = _with_format(general, fmt)
        if "~" in answer_text:
            single = "=" in answer_text
            answers = []
            for answer in [a for a in answer_text.replace("=", "~=").split("~") if a.strip()]:
                answer = answer.strip()
                if answer.startswith("="):
                    weight, answer = 1.0, answer[1:]
                elif _WEIGHT.match(answer):
                    weight, answer = _weight(answer)
                else:
                    weight = 0.0
                answers.append((_with_format(answer.split("#", 1)[0].strip(), fmt)[0], weight))
            questions.append(GiftQuestion(name, "multichoice", question_text, fmt, general, answers, single))
        elif answer_text.split("#", 1)[0].strip() in ("T", "TRUE", "F", "FALSE"):
            value = answer_text.split("#", 1)[0].strip() in ("T", "TRUE")
            questions.append(GiftQuestion(name, "truefalse", question_text, fmt, general, [(str(value), 1.0)]))
        else:
            answers = []
            for answer in [a for a in answer_text.split("=") if a.strip()]:
                answer = answer.strip()
                weight = 1.0
                if _WEIGHT.match(answer):
                    weight, answer = _weight(answer)
                answers.append((_with_format(answer.split("#", 1)[0].strip(), fmt)[0], weight))
            questions.append(GiftQuestion(name, "shortanswer", question_text, fmt, general, answers))
    return questions, categories


def test_gift_reads_back(case):
    text = to_gift(case, title="测试题库：第一行\n第二行", category="$course$/top/亲清")
    parsed, categories = parse_gift(text)
    assert categories == ["$course$/top/亲清"]
    by_name = {p.name: p for p in parsed}
    # one GIFT question per question, a cloze with several blanks too
    assert len(by_name) == len(parsed) == len(case)
    for q in case:
        if q.type == "cloze":
            p = by_name[q.id]
            assert p.qtype == "shortanswer" and p.format == "plain"
            assert p.general_feedback == feedback(q).strip()
            if len(q.answer) == 1:
                [(before, answer, after)] = blanks(q)
                assert p.answers == [(answer.replace("*", "\\*").strip(), 1.0)]
                assert p.text.replace("_____", BLANK) == (before + BLANK + after).strip()
                continue
            n = len(q.answer)
            assert p.text == f"{numbered(q).strip()}（本题共{n}空，请按顺序填写各空答案，用“；”隔开）"
            answers = [" ".join(a.split()).replace("*", "\\*") for a in q.answer]
            assert p.answers[0] == ("；".join(answers), 1.0)
            assert {a for a, _ in p.answers} >= {";".join(answers), "，".join(answers), " ".join(answers)}
            assert all(weight == 1.0 for _, weight in p.answers)
            continue
        p = by_name[q.id]
        assert p.format == "plain" and p.text == q.stem.strip()
        assert p.general_feedback == feedback(q).strip()
        if q.type == "true_false":
            assert p.qtype == "truefalse" and p.answers == [(str(q.answer == ("对",)), 1.0)]
            continue
        assert p.qtype == "multichoice"
        assert [a for a, _ in p.answers] == [o.text.strip() for o in q.options]
        weights = dict(zip([o.key for o in q.options], [w for _, w in p.answers]))
        if q.type == "multiple_choice":
            assert p.single is False
            assert all(weights[k] > 0 for k in q.answer)
            assert all(w < 0 for k, w in weights.items() if k not in q.answer)
            assert sum(weights[k] for k in q.answer) == pytest.approx(1, abs=1e-4)
            assert sum(w for k, w in weights.items() if k not in q.answer) == pytest.approx(-1, abs=1e-4)
        else:
            assert p.single is True
            assert weights == {o.key: (1.0 if o.key in q.answer else 0.0) for o in q.options}


def test_gift_escapes_every_special_character(case):
    """Outside GIFT's own syntax no ~ = # { } : is left unescaped (Moodle's reader tolerates some, others don't)."""
    text = to_gift(case)
    for block in text.strip().split("\n\n"):
        # GIFT comments (a several-blank cloze has one) are dropped by Moodle before anything is read
        block = "\n".join(line for line in block.split("\n") if not line.startswith("//"))
        bare = re.sub(r"\\.", "", block)  # escaped characters removed
        assert re.match(r"::[^:]+::\[plain\]", bare)
        assert bare.count(":") == 4 and bare.count("{") == bare.count("}") == 1 and bare.count("#") == 4
        assert "\t####" in bare
        # = and ~ only open an answer: after the { or at the start of an answer line
        syntax = re.sub(r"(\{|\n\t)[=~]", "", bare)
        assert not re.search("[=~]", syntax), block[:120]


def test_gift_layout(bank, tmp_path):
    text = to_gift(bank, title="济南")
    assert text.startswith("// 济南\n\n::q-")
    # no question holds a blank line (Moodle would split it), every question is named by its id
    assert text.count("\n\n") == len(parse_gift(text)[0])
    assert f"::{bank[0].id}::" in text
    path = write_gift(bank, tmp_path / "sub" / "bank.gift", title="济南")
    assert path.read_bytes() == text.encode("utf-8") and b"\r" not in path.read_bytes()


# ------------------------------------------------------------------ Moodle XML
def _mx_text(element, path: str) -> str:
    found = element.find(path)
    return found.text or "" if found is not None else ""


def _mx_feedback(question) -> str:
    paragraphs = BeautifulSoup(_mx_text(question, "generalfeedback/text"), "html.parser").find_all("p")
    return "\n".join(html_text(str(p)) for p in paragraphs)


# Moodle's embedded-answer (cloze) reader, qtype_multianswer_extract_question, step by step. Python's
# look-behind takes one width at a time, so PHP's (?<!\\|&|&amp;) is three look-behinds.
_CLOZE_FRACTION = r"=|%(-?[0-9]+)%"
_CLOZE_ANSWER = r".+?(?<!\\)(?<!&)(?<!&amp;)(?=[~#}]|$)"
_CLOZE_FEEDBACK = r".*?(?<!\\)(?=[~}]|$)"
_CLOZE_ALTERNATIVE = f"({_CLOZE_FRACTION})?({_CLOZE_ANSWER})(#({_CLOZE_FEEDBACK}))?"
_CLOZE_TYPES = (r"(NUMERICAL|NM)|(MULTICHOICE|MC)|(MULTICHOICE_V|MCV)|(MULTICHOICE_H|MCH)|"
                r"(SHORTANSWER|SA|MW)|(SHORTANSWER_C|SAC|MWC)")
_CLOZE_BOX = re.compile(r"\{([0-9]*):(" + _CLOZE_TYPES + "):(" + _CLOZE_ALTERNATIVE + "(~" + _CLOZE_ALTERNATIVE
                        + r")*)\}", re.S)


@dataclass
class ClozeBox:
    qtype: str
    weight: int
    answers: list[tuple[str, float]]


@dataclass
class MoodleCloze:
    text: str  # the question text, every box replaced by BLANK
    boxes: list[ClozeBox]


def read_moodle_cloze(text: str) -> MoodleCloze:
    boxes = []
    while match := _CLOZE_BOX.search(text):
        qtype = "shortanswer" if match.group(7) or match.group(8) else "other"
        answers = []
        remaining = match.group(9)
        while alternative := re.search("~?" + _CLOZE_ALTERNATIVE, remaining, re.S):
            fraction = 1.0 if alternative.group(1) == "=" else (int(alternative.group(2)) / 100 if alternative.group(2)
                                                                  else 0.0)
            answer = html.unescape(alternative.group(3)).replace("\\}", "}").replace("\\#", "#")
            answers.append((answer, fraction))
            remaining = remaining.split(alternative.group(0), 1)[1]
        boxes.append(ClozeBox(qtype, int(match.group(1) or 1), answers))
        text = text.replace(match.group(0), BLANK, 1)
    return MoodleCloze(text, boxes)


def test_moodle_cloze_is_one_question_with_a_box_per_blank():
    source = Source("d", 1, None, "厘清政商交往边界，规范政商交往行为", 0, 16)
    q = Question.create(type="cloze", stem="厘清政商交往____，规范政商交往____。", answer=["边界", "行为"],
                        explanation="第一条", source=source, score=2)
    root = etree.fromstring(to_moodle_xml([q]).encode("utf-8"))
    [question] = root.findall("question")
    assert question.get("type") == "cloze" and question.findtext("name/text") == q.id
    cloze = read_moodle_cloze(question.findtext("questiontext/text"))
    assert [(box.qtype, box.weight, box.answers) for box in cloze.boxes] == [
        ("shortanswer", 1, [("边界", 1.0)]), ("shortanswer", 1, [("行为", 1.0)])]
    assert html_text(cloze.text) == q.stem
    # The stem around the boxes gives no blank's answer away.
    assert "边界" not in html_text(cloze.text) and "行为" not in html_text(cloze.text)
    # GIFT has one answer block per question: one question, the blanks numbered and empty.
    [gift] = parse_gift(to_gift([q]))[0]
    assert gift.text.startswith("厘清政商交往（1）____，规范政商交往（2）____。（本题共2空")
    assert "边界" not in gift.text and "行为" not in gift.text
    assert gift.answers[0] == ("边界；行为", 1.0)


@pytest.mark.parametrize("answer", ["a}b", "以#结尾#", "波浪~号", "反斜杠\\", "以&结尾&", "&amp;", "&#35;", "<b>",
                                    "{1:SA:=x}", "%50%开头", "引号\"'", "星*号"])
def test_moodle_cloze_answers_read_back_exactly(answer):
    source = Source("d", 1, None, "q", 0, 1)
    q = Question.create(type="cloze", stem="{1:SA:=假}甲____乙____丙 } ~ #", answer=[answer, "二"],
                        explanation="第一条", source=source)
    cloze = read_moodle_cloze(etree.fromstring(to_moodle_xml([q]).encode("utf-8")).findtext("question/questiontext/text"))
    assert [box.answers for box in cloze.boxes] == [[(answer.replace("*", "\\*"), 1.0)], [("二", 1.0)]]
    assert html_text(cloze.text) == q.stem


def test_moodle_xml_reads_back(case):
    text = to_moodle_xml(case, category="亲清/济南")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>')
    root = etree.fromstring(text.encode("utf-8"))
    entries = root.findall("question")
    assert entries[0].get("type") == "category"
    assert _mx_text(entries[0], "category/text") == "$course$/top/亲清/济南"
    by_name = {_mx_text(e, "name/text"): e for e in entries[1:]}
    assert len(by_name) == len(entries) - 1
    for e in entries[1:]:
        assert _mx_text(e, "idnumber") == _mx_text(e, "name/text")
    assert len(by_name) == len(case)  # one Moodle question per question, a cloze with several blanks too
    for q in case:
        if several(q):
            e = by_name[q.id]
            assert e.get("type") == "cloze" and e.find("questiontext").get("format") == "html"
            cloze = read_moodle_cloze(_mx_text(e, "questiontext/text"))
            assert [(box.qtype, box.answers) for box in cloze.boxes] == \
                [("shortanswer", [(" ".join(a.split("\n")).replace("*", "\\*"), 1.0)]) for a in q.answer]
            assert html_text(cloze.text) == q.stem
            assert e.find("defaultgrade") is None  # Moodle sums the boxes' weights
            assert sum(box.weight for box in cloze.boxes) >= q.score
            assert len({box.weight for box in cloze.boxes}) == 1
            assert _mx_feedback(e) == feedback(q)
            continue
        if q.type == "cloze":
            e = by_name[q.id]
            [(before, answer, after)] = blanks(q)
            assert e.get("type") == "shortanswer"
            assert html_text(_mx_text(e, "questiontext/text")) == before + BLANK + after
            assert [a.findtext("text") for a in e.findall("answer")] == [answer.replace("*", "\\*")]
            assert float(e.findtext("defaultgrade")) == pytest.approx(q.score)
            assert _mx_feedback(e) == feedback(q)
            continue
        e = by_name[q.id]
        assert html_text(_mx_text(e, "questiontext/text")) == q.stem
        assert e.find("questiontext").get("format") == "html"
        assert float(e.findtext("defaultgrade")) == q.score
        assert _mx_feedback(e) == feedback(q)
        answers = e.findall("answer")
        if q.type == "true_false":
            assert e.get("type") == "truefalse"
            right = [a.findtext("text") for a in answers if a.get("fraction") == "100"]
            assert right == ["true" if q.answer == ("对",) else "false"]
            continue
        assert e.get("type") == "multichoice"
        assert e.findtext("single") == ("false" if q.type == "multiple_choice" else "true")
        assert [html_text(a.findtext("text")) for a in answers] == [o.text for o in q.options]
        fractions = {o.key: float(a.get("fraction")) for o, a in zip(q.options, answers)}
        if q.type == "multiple_choice":
            assert sum(fractions[k] for k in q.answer) == pytest.approx(100, abs=1e-3)
            assert all(f < 0 for k, f in fractions.items() if k not in q.answer)
        else:
            assert fractions == {o.key: (100.0 if o.key in q.answer else 0.0) for o in q.options}


def test_moodle_xml_escapes_cdata_end(tmp_path):
    questions = hostile_questions(HOSTILE["xml-html"])
    raw = write_moodle_xml(questions, tmp_path / "q.xml").read_bytes()
    assert b"]]>" not in raw and b"<script>" not in raw
    etree.fromstring(raw)  # well-formed


# ------------------------------------------------------------------ QTI
QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
IMSCP = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _qti(tag: str) -> str:
    return f"{{{QTI}}}{tag}"


def _flow_text(element) -> str:
    """Text of a QTI flow element: <br/> as a line break, a textEntryInteraction as a blank."""
    out = [element.text or ""]
    for child in element:
        if child.tag == _qti("br"):
            out.append("\n")
        elif child.tag == _qti("textEntryInteraction"):
            out.append(BLANK)
        else:
            out.append(_flow_text(child))
        out.append(child.tail or "")
    return "".join(out)


def test_qti_package(case, tmp_path):
    path = write_qti(case, tmp_path / "quiz.zip", title="亲清 <测试> & 题库")
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert names[0] == "imsmanifest.xml"
        assert all(info.date_time == ZIP_EPOCH for info in archive.infolist())
        manifest = etree.fromstring(archive.read("imsmanifest.xml"))
        files = {name: archive.read(name) for name in names}

    assert manifest.tag == f"{{{IMSCP}}}manifest" and manifest.get("identifier")
    assert manifest.get(f"{{{XSI}}}schemaLocation").split()[:2] == [
        IMSCP, "http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd"]
    cp = {"cp": IMSCP}
    assert manifest.findtext("cp:metadata/cp:schema", namespaces=cp) == "QTIv2.1 Package"
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=cp) == "1.0.0"
    assert manifest.find("cp:organizations", namespaces=cp) is not None
    title = manifest.find(".//{http://ltsc.ieee.org/xsd/LOM}title/{http://ltsc.ieee.org/xsd/LOM}string")
    assert title.text == "亲清 <测试> & 题库"
    resources = manifest.findall("cp:resources/cp:resource", namespaces=cp)
    identifiers = [r.get("identifier") for r in resources]
    assert len(set(identifiers)) == len(identifiers)
    items = [r for r in resources if r.get("type") == "imsqti_item_xmlv2p1"]
    tests = [r for r in resources if r.get("type") == "imsqti_test_xmlv2p1"]
    assert len(items) == len(case) and len(tests) == 1
    for resource in resources:
        href = resource.get("href")
        assert href in files and [f.get("href") for f in resource.findall("cp:file", namespaces=cp)] == [href]
    assert [d.get("identifierref") for d in tests[0].findall("cp:dependency", namespaces=cp)] == \
        [r.get("identifier") for r in items]
    assert set(files) == {"imsmanifest.xml", *(r.get("href") for r in resources)}

    test = etree.fromstring(files[tests[0].get("href")])
    assert test.tag == _qti("assessmentTest") and test.get("title") == "亲清 <测试> & 题库"
    refs = test.findall(f".//{_qti('assessmentItemRef')}")
    assert [r.get("href") for r in refs] == [r.get("href") for r in items]

    for q, resource in zip(case, items):
        item = etree.fromstring(files[resource.get("href")])
        assert item.tag == _qti("assessmentItem") and item.get("identifier") == q.id
        assert all(e.tag.startswith(f"{{{QTI}}}") for e in item.iter() if isinstance(e.tag, str))
        assert item.get(f"{{{XSI}}}schemaLocation") == \
            f"{QTI} http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
        declarations = item.findall(_qti("responseDeclaration"))
        correct = [[v.text for v in d.findall(f"{_qti('correctResponse')}/{_qti('value')}")] for d in declarations]
        body = item.find(_qti("itemBody"))
        if q.type == "cloze":
            assert correct == [[a] for a in q.answer]
            assert all(d.get("baseType") == "string" for d in declarations)
            entries = body.findall(f".//{_qti('textEntryInteraction')}")
            assert [e.get("responseIdentifier") for e in entries] == [d.get("identifier") for d in declarations]
            assert _flow_text(body.find(_qti("p"))) == q.stem
        else:
            interaction = body.find(_qti("choiceInteraction"))
            assert interaction.get("maxChoices") == ("0" if q.type == "multiple_choice" else "1")
            assert _flow_text(body.find(_qti("p"))) == q.stem
            choices = interaction.findall(_qti("simpleChoice"))
            if q.type == "true_false":
                assert [_flow_text(c) for c in choices] == ["对", "错"]
                by_text = {_flow_text(c): c.get("identifier") for c in choices}
                assert correct == [[by_text[q.answer[0]]]]
            else:
                assert [(c.get("identifier"), _flow_text(c)) for c in choices] == [(o.key, o.text) for o in q.options]
                assert correct == [list(q.answer)]
                assert declarations[0].get("cardinality") == ("multiple" if q.type == "multiple_choice" else "single")
        modal = item.find(_qti("modalFeedback"))
        assert modal.get("showHide") == "show"
        assert "\n".join(_flow_text(p) for p in modal.findall(_qti("p"))) == feedback(q)
        assert item.find(_qti("responseProcessing")) is not None


# ------------------------------------------------------------------ XLSX
XLSX_COLUMNS = ["题号", "题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "正确答案", "解析",
                "难度", "分值", "章节", "条款", "知识点", "出处"]
CHAPTER_TAG = re.compile(r"^第[一二三四五六七八九十]+章$")


def test_xlsx_reads_back(case, tmp_path):
    path = write_xlsx(case, tmp_path / "题库.xlsx", title="亲清题库")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["题库"] and workbook.properties.title == "亲清题库"
    sheet = workbook["题库"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == XLSX_COLUMNS
    assert len(rows) == len(case) + 1
    # numbered and ordered as the printed paper numbers them
    for (number, q), row in zip(paper_numbering(case), rows[1:]):
        record = dict(zip(XLSX_COLUMNS, row))
        assert record["题号"] == number
        assert record["题型"] == ("单选题" if q.type == "scenario" else LABELS[q.type])
        assert record["题干"] == q.stem
        options = {o.key: o.text for o in q.options}
        assert [record[f"选项{k}"] or "" for k in "ABCDEF"] == [options.get(k, "") for k in "ABCDEF"]
        expected = {"true_false": {"对": "正确", "错": "错误"}.get(q.answer[0]), "cloze": "|".join(q.answer)}
        assert record["正确答案"] == expected.get(q.type, "".join(q.answer))
        assert record["解析"] == q.explanation
        assert record["难度"] == {1: "简单", 2: "中等", 3: "困难"}[q.difficulty]
        assert record["分值"] == q.score
        assert record["条款"] == q.source.citation()
        assert record["出处"] == citation(q)
        tags = list(q.tags)
        chapter = [t for i, t in enumerate(tags) if CHAPTER_TAG.match(t) or (i and CHAPTER_TAG.match(tags[i - 1]))]
        assert (record["章节"] or "") == " ".join(chapter)
        topics = [t for t in tags if t not in chapter and not t.startswith("第")]
        assert (record["知识点"] or "") == "、".join(" ".join(t.split()) for t in topics)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                assert cell.data_type == "s"  # text, never a formula
            assert cell.alignment.wrap_text
    assert all(cell.font.bold and cell.fill.fgColor.rgb.endswith("D9E1F2") for cell in sheet[1])
    widths = [sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width for i in range(1, 18)]
    assert all(w and w >= 4 for w in widths) and widths[2] > widths[1]


def test_xlsx_print_setup(bank, tmp_path):
    """题库.xlsx prints legibly: wrapped, fitted to the page width, header frozen and on every page."""
    sheet = openpyxl.load_workbook(write_xlsx(bank, tmp_path / "题库.xlsx", title="亲清 & 题库"))["题库"]
    assert sheet.freeze_panes == "A2"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0  # 1 page wide, as long as needed
    assert sheet.auto_filter.ref == f"A1:Q{len(bank) + 1}"
    assert "&P" in sheet.oddFooter.center.text and "&N" in sheet.oddFooter.center.text
    assert sheet.oddHeader.center.text == "亲清 && 题库"
    assert all(cell.alignment.wrap_text for row in sheet.iter_rows() for cell in row)
    widths = {name: sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width
              for i, name in enumerate(XLSX_COLUMNS, 1)}
    # Fitted to one landscape A4 page (about 150 width units at full size), the print stays at
    # two thirds of full size or more: the columns add up to at most 225 units.
    assert 150 < sum(widths.values()) <= 225
    assert widths["题干"] >= 30 and widths["解析"] >= 26 and widths["条款"] >= 14  # 第十三条（五） on one line
    if not any(o.key == "F" for q in bank for o in q.options):
        assert widths["选项F"] <= 5  # an empty column stays narrow


def test_xlsx_chapter_from_the_document(jinan, tmp_path):
    """Given the document, 章节 comes from its chapter headings, not from the tags."""
    article = jinan.article(13)
    source = Source(jinan.id, 13, 5, article.items[4].text[:6], 0, 6)
    q = Question.create(type="true_false", stem="判断", answer=["对"], explanation="第十三条", source=source,
                        tags=["清", "接送"])
    sheet = openpyxl.load_workbook(write_xlsx([q], tmp_path / "c.xlsx", title="t", doc=jinan))["题库"]
    record = dict(zip(XLSX_COLUMNS, next(sheet.iter_rows(min_row=2, values_only=True))))
    assert record["章节"] == "第三章 规范政商交往"
    assert record["条款"] == "第十三条（五）" and record["知识点"] == "清、接送"
    without = openpyxl.load_workbook(write_xlsx([q], tmp_path / "d.xlsx", title="t"))["题库"]
    assert without["N2"].value is None  # no chapter tag, no document: no chapter


def test_xlsx_scenario_label_and_limits(bank, tmp_path):
    path = write_xlsx(bank, tmp_path / "q.xlsx", title="t", scenario_as_single=False)
    types = [row[1] for row in openpyxl.load_workbook(path)["题库"].iter_rows(min_row=2, values_only=True)]
    assert "情形判断题" in types and types.count("情形判断题") == sum(q.type == "scenario" for q in bank)
    seven = Question.create(type="single_choice", stem="七个选项", answer=["A"], explanation="第一条",
                            options=[Option(k, k * 2) for k in "ABCDEFG"], source=bank[0].source)
    with pytest.raises(ExportError, match="选项A–选项F"):
        write_xlsx([seven], tmp_path / "bad.xlsx", title="t")


def test_formula_like_text_stays_text(tmp_path, bank):
    q = Question.create(type="true_false", stem="=HYPERLINK(\"http://x\",\"点我\")", answer=["对"],
                        explanation="=1+1", source=bank[0].source)
    sheet = openpyxl.load_workbook(write_xlsx([q], tmp_path / "f.xlsx", title="t"))["题库"]
    assert sheet["C2"].value == q.stem and sheet["C2"].data_type == "s" and sheet["K2"].data_type == "s"


# ------------------------------------------------------------------ DOCX
def _docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _fonts(style) -> dict[str, str]:
    fonts = style.element.rPr.find(qn("w:rFonts"))
    return {k.split("}")[1]: v for k, v in fonts.attrib.items()}


def test_docx_paper(case, tmp_path):
    path = write_docx_paper(case, tmp_path / "paper.docx", title="亲清新型政商关系学习测试", subtitle="廉洁教育专题")
    document = docx.Document(path)
    text = _docx_text(document)
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "亲清新型政商关系学习测试" and paragraphs[1] == "廉洁教育专题"
    assert document.paragraphs[0].style.name == "Title"
    assert any(all(label in p for label in ("姓名", "单位", "得分")) for p in paragraphs)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    present = [t for t in PAPER_ORDER if any(q.type == t for q in case)]
    numerals = "一二三四五"
    for i, qtype in enumerate(present):
        count = sum(q.type == qtype for q in case)
        assert headings[i].startswith(f"{numerals[i]}、{LABELS[qtype]}（共{count}题")
    for number, q in paper_numbering(case):
        if q.type == "cloze":
            parts = q.stem.split(BLANK)
            assert all(part in text for part in parts)
            assert any(p.startswith(f"{number}.\t{parts[0]}") for p in paragraphs)
        else:
            assert any(p.startswith(f"{number}.\t{q.stem}") for p in paragraphs), q.id
            for option in q.options:
                assert f"{option.key}." in text and option.text in text
    # blanks are underlined runs; true/false and choice stems end in brackets to fill
    underlined = [r for p in document.paragraphs for r in p.runs if r.font.underline and not r.text.strip("\u3000")]
    assert len(underlined) >= sum(len(q.answer) for q in case if q.type == "cloze") + 3
    assert "（\u00a0" in text

    styles = document.styles
    assert _fonts(styles["Normal"])["eastAsia"] == "宋体"
    for name in ("Title", "Heading 1"):
        assert _fonts(styles[name])["eastAsia"] == "黑体"
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Subtitle"):
        assert not {"asciiTheme", "eastAsiaTheme", "hAnsiTheme"} & set(_fonts(styles[name]))
        lang = styles[name].element.rPr.find(qn("w:lang"))
        assert lang.get(qn("w:eastAsia")) == "zh-CN"
    section = document.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.01) and abs(section.page_height - Cm(29.7)) < Cm(0.01)
    assert Cm(1.5) <= section.left_margin <= Cm(3.5) and Cm(1.5) <= section.top_margin <= Cm(3.5)
    assert document.core_properties.title == "亲清新型政商关系学习测试"
    assert document.core_properties.created.year == 2000


def test_docx_key(case, tmp_path):
    path = write_docx_key(case, tmp_path / "key.docx", title="亲清新型政商关系学习测试")
    document = docx.Document(path)
    text = _docx_text(document)
    assert "参考答案及解析" in text
    quick = document.tables[0]
    cells = [c.text for row in quick.rows for c in row.cells]
    for number, q in paper_numbering(case):
        assert str(number) in cells
        if q.type in CHOICE:
            assert "".join(q.answer) in cells
            for key in q.answer:
                assert f"{key}. {q.option(key).text}" in text
        else:
            assert all(answer in text for answer in q.answer)
        assert q.explanation in text and q.source.quote in text and q.source.citation() in text
        assert any(p.text.startswith(f"{number}.\t") for p in document.paragraphs)
    assert _fonts(document.styles["Normal"])["eastAsia"] == "宋体"


def test_docx_font_table_names_the_chinese_fonts(bank, tmp_path):
    path = write_docx_paper(bank[:3], tmp_path / "p.docx", title="t")
    with zipfile.ZipFile(path) as archive:
        fonts = etree.fromstring(archive.read("word/fontTable.xml"))
        settings = archive.read("word/settings.xml").decode("utf-8")
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    alt = {f.get(f"{w}name"): f.find(f"{w}altName").get(f"{w}val") for f in fonts if f.find(f"{w}altName") is not None}
    assert alt["宋体"] == "SimSun" and alt["黑体"] == "SimHei"
    assert "<w:ulTrailSpace/>" in settings and 'w:eastAsia="zh-CN"' in settings


# ------------------------------------------------------------------ Markdown and HTML
def _unescape_markdown(text: str) -> str:
    text = text.replace("\\\n", "\n")
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


@pytest.mark.parametrize("answers", ["none", "inline", "end"])
def test_markdown(case, answers):
    text = to_markdown(case, title="亲清 *测试*", answers=answers)
    plain = _unescape_markdown(text)
    assert text.startswith("# 亲清 \\*测试\\*\n")
    for _, q in paper_numbering(case):
        for part in q.stem.split(BLANK):
            assert all(line.strip() in plain for line in part.split("\n"))
        for option in q.options:
            assert f"{option.key}. {option.text.strip()}" in plain
        if answers != "none":
            assert all(line.strip() in plain for line in q.explanation.split("\n"))
    assert ("参考答案及解析" in text) == (answers == "end")
    assert ("姓名" in text) == (answers != "inline")

    # Rendered as CommonMark, the questions' text stays text: no markup comes out of it.
    rendered = BeautifulSoup(mistune.html(text), "html.parser")
    assert [h.name for h in rendered.find_all(re.compile("^h[1-6]$"))][0] == "h1"
    assert not rendered.find_all(["em", "a", "code", "script", "i", "b", "ol", "ul", "li", "hr", "pre"])
    assert len(rendered.find_all("h1")) == 1
    rendered_text = html_text(str(rendered))
    for q in case:
        for part in q.stem.split(BLANK):
            assert all(line.strip() in rendered_text for line in part.split("\n"))
        if answers != "none":
            assert feedback(q).split("\n")[1] in rendered_text


@pytest.mark.parametrize("answers", ["none", "inline", "end"])
def test_html(case, answers):
    page = to_html(case, title="亲清 <测试> & 题库", answers=answers, subtitle="廉洁教育")
    assert page.startswith("<!DOCTYPE html>\n")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.html.get("lang") == "zh-CN"
    assert soup.find("meta", charset=True)["charset"].lower() == "utf-8"
    assert soup.title.string == "亲清 <测试> & 题库" and soup.h1.get_text() == "亲清 <测试> & 题库"
    css = soup.style.string
    assert "@media print" in css and "@page" in css and "Noto Serif CJK SC" in css and "SimSun" in css
    assert not soup.find_all(["script", "b", "i"])  # nothing from the questions became markup
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for blank in soup.select("span.blank"):
        blank.replace_with(BLANK)
    numbering = paper_numbering(case)
    divs = soup.select("div.question")
    assert [d["id"] for d in divs] == [q.id for _, q in numbering]
    for (number, q), div in zip(numbering, divs):
        stem = div.select_one("p.stem").get_text()
        assert stem.startswith(f"{number}.")
        if q.type == "cloze":
            assert stem[len(f"{number}."):] == q.stem
        else:
            assert stem[len(f"{number}."):].startswith(q.stem.rstrip())
        assert [li.get_text() for li in div.select("ul.options li")] == [f"{o.key}.{o.text}" for o in q.options]
        answer = div.select_one("div.answer")
        if answers == "inline":
            lines = [p.get_text() for p in answer.find_all("p")]
            assert lines[1:] == [f"解析：{q.explanation}", f"出处：{citation(q)}"]
        else:
            assert answer is None
    key = soup.select_one("section.key")
    assert (key is not None) == (answers == "end")
    if key:
        entries = key.select("div.key-entry")
        assert len(entries) == len(case)
        assert entries[0].get_text().startswith("1.答案：")


def test_answers_option_is_checked(bank):
    with pytest.raises(ValueError):
        to_markdown(bank, title="t", answers="all")
    with pytest.raises(ValueError):
        to_html(bank, title="t", answers="yes")


# ------------------------------------------------------------------ Anki
def _collection(path: Path, tmp_path: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["collection.anki2", "media"]
        assert json.loads(archive.read("media")) == {}
        assert all(info.date_time == ZIP_EPOCH for info in archive.infolist())
        database = tmp_path / f"{path.stem}.anki2"
        database.write_bytes(archive.read("collection.anki2"))
    return sqlite3.connect(database)


def test_anki_deck(case, tmp_path):
    first = write_apkg(case, tmp_path / "a.apkg", deck_name="亲清::济南")
    second = write_apkg(case, tmp_path / "b.apkg", deck_name="亲清::济南")
    assert first.read_bytes() == second.read_bytes()
    connection = _collection(first, tmp_path)
    notes = connection.execute("select guid, flds, tags, mid from notes order by id").fetchall()
    assert len(notes) == len(case)
    assert connection.execute("select count(*) from cards").fetchone()[0] == len(case)
    assert [n[0] for n in notes] == [genanki.guid_for(q.id) for q in case]
    for q, (_, fields, tags, _) in zip(case, notes):
        front, back = fields.split("\x1f")
        front_text, back_text = html_text(front), html_text(back)
        assert LABELS[q.type] in front_text
        for part in q.stem.split(BLANK):
            assert part in front_text
        for option in q.options:
            assert f"{option.key}. {option.text}" in front_text
        assert f"解析：{q.explanation}" in back_text and f"出处：{citation(q)}" in back_text
        for answer in q.answer:
            assert (q.option(answer).text if q.type in CHOICE else answer) in back_text
        assert LABELS[q.type] in tags.split()
        assert all(" " not in tag for tag in tags.split())
    models = json.loads(connection.execute("select models from col").fetchone()[0])
    decks = json.loads(connection.execute("select decks from col").fetchone()[0])
    assert {n[3] for n in notes} == {int(m) for m in models}
    deck_ids = [int(k) for k, d in decks.items() if d["name"] == "亲清::济南"]
    assert len(deck_ids) == 1
    connection.close()

    # Ids come from names: another deck name gives another deck id, the same model id.
    other = _collection(write_apkg(case[:1], tmp_path / "c.apkg", deck_name="别的牌组"), tmp_path)
    other_decks = json.loads(other.execute("select decks from col").fetchone()[0])
    other_models = json.loads(other.execute("select models from col").fetchone()[0])
    assert [int(k) for k, d in other_decks.items() if d["name"] == "别的牌组"] != deck_ids
    assert set(other_models) == set(models)
    assert other.execute("select guid from notes").fetchone()[0] == genanki.guid_for(case[0].id)
    other.close()


def test_anki_timestamp_is_not_the_clock(bank, tmp_path):
    connection = _collection(write_apkg(bank[:2], tmp_path / "t.apkg", deck_name="d"), tmp_path)
    assert {row[0] for row in connection.execute("select mod from notes")} == {946684800}
    connection.close()
    later = _collection(write_apkg(bank[:2], tmp_path / "u.apkg", deck_name="d", timestamp=1_700_000_000),
                        tmp_path)
    assert {row[0] for row in later.execute("select mod from notes")} == {1_700_000_000}
    later.close()


# ------------------------------------------------------------------ jupyterquiz
JUPYTERQUIZ_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["question", "type", "answers"],
        "properties": {
            "question": {"type": "string"},
            "type": {"enum": ["multiple_choice", "many_choice", "numeric", "string"]},
            "input_width": {"type": "integer", "minimum": 1},
            "answers": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "properties": {
                        "answer": {"type": "string"},
                        "correct": {"type": "boolean"},
                        "feedback": {"type": "string"},
                        "match_case": {"type": "boolean"},
                        "type": {"enum": ["default"]},
                    },
                    "additionalProperties": False,
                    "anyOf": [{"required": ["answer", "correct"]}, {"required": ["type", "feedback"]}],
                },
            },
        },
        "additionalProperties": False,
    },
}


def _shown(fragment: str) -> str:
    """What a browser shows of jupyterquiz's HTML text (it is inserted as innerHTML)."""
    assert "$" not in fragment and "[" not in fragment and "<script" not in fragment
    return html.unescape(fragment.replace("<br>", "\n"))


def test_jupyterquiz(case):
    quiz = to_jupyterquiz(case)
    jsonschema.validate(quiz, JUPYTERQUIZ_SCHEMA)
    assert json.loads(json.dumps(quiz, ensure_ascii=False)) == quiz
    entries = iter(quiz)
    for q in case:
        if q.type == "cloze":
            for index, (before, answer, after) in enumerate(blanks(q), 1):
                entry = next(entries)
                assert entry["type"] == "string"
                if several(q):  # every blank empty and numbered: none shows another's answer
                    n = len(q.answer)
                    assert _shown(entry["question"]) == f"【填空题】{numbered(q)}（请填第{index}空，共{n}空）"
                else:
                    assert _shown(entry["question"]).startswith(f"【填空题】{before}{BLANK}{after}")
                right = [a for a in entry["answers"] if a.get("correct")]
                assert [a["answer"] for a in right] == [answer.strip()]
                assert any(a.get("type") == "default" for a in entry["answers"])
            continue
        entry = next(entries)
        assert _shown(entry["question"]) == f"【{LABELS[q.type]}】{q.stem}"
        shown = [_shown(a["answer"]) for a in entry["answers"]]
        right = [_shown(a["answer"]) for a in entry["answers"] if a["correct"]]
        if q.type == "true_false":
            assert entry["type"] == "multiple_choice" and shown == ["对", "错"] and right == list(q.answer)
        else:
            assert entry["type"] == ("many_choice" if q.type == "multiple_choice" else "multiple_choice")
            assert shown == [f"{o.key}. {o.text}" for o in q.options]
            assert right == [f"{k}. {q.option(k).text}" for k in q.answer]
        for answer in entry["answers"]:
            if answer["correct"]:
                assert _shown(answer["feedback"]) == "正确！\n" + feedback(q)
    assert next(entries, None) is None


# ------------------------------------------------------------------ determinism, errors, cleaning
WRITERS = {
    "gift": lambda qs, p: write_gift(qs, p, title="t"),
    "moodle_xml": lambda qs, p: write_moodle_xml(qs, p, category="c"),
    "qti": lambda qs, p: write_qti(qs, p, title="t"),
    "xlsx": lambda qs, p: write_xlsx(qs, p, title="t"),
    "docx_paper": lambda qs, p: write_docx_paper(qs, p, title="t", subtitle="s"),
    "docx_key": lambda qs, p: write_docx_key(qs, p, title="t"),
    "markdown": lambda qs, p: p.write_text(to_markdown(qs, title="t", answers="end"), encoding="utf-8"),
    "html": lambda qs, p: p.write_text(to_html(qs, title="t", answers="inline"), encoding="utf-8"),
    "anki": lambda qs, p: write_apkg(qs, p, deck_name="t"),
    "jupyterquiz": lambda qs, p: p.write_text(json.dumps(to_jupyterquiz(qs), ensure_ascii=False), encoding="utf-8"),
}


@pytest.mark.parametrize("fmt", list(WRITERS))
@pytest.mark.parametrize("which", ["bank", "emoji", "newline"])
def test_writing_twice_gives_the_same_bytes(fmt, which, bank, tmp_path):
    questions = bank if which == "bank" else hostile_questions(HOSTILE[which])
    first, second = tmp_path / "first", tmp_path / "second"
    WRITERS[fmt](questions, first)
    WRITERS[fmt](list(questions), second)
    assert first.read_bytes() == second.read_bytes()
    data = first.read_bytes()
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert all(info.date_time == ZIP_EPOCH for info in archive.infolist())
            core = next((n for n in archive.namelist() if n == "docProps/core.xml"), None)
            if core:
                assert b"2000-01-01T00:00:00Z" in archive.read(core)


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_duplicate_ids_are_refused(fmt, bank, tmp_path):
    with pytest.raises(ExportError, match="twice"):
        WRITERS[fmt]([bank[0], bank[1], bank[0]], tmp_path / "dup")


#: What XML 1.0 and the Office formats cannot hold, as a document may still carry it: C0 controls,
#: CR, the non-characters U+FFFE/U+FFFF and a lone surrogate.
BAD = "\x00\x01\x08\x0b\x0c\x0e\x1f\ufffe\uffff\ud800\udfff"
RE_BAD_BYTES = re.compile(rb"[\x00-\x08\x0b-\x1f]|\xef\xbf[\xbe\xbf]")


def bad_questions(source: Source) -> list[Question]:
    source = Source(source.doc, source.article, source.item, f"原文{BAD}引文", source.start, source.end)
    common = {"explanation": f"第一条{BAD}。", "source": source, "tags": [f"标签{BAD}", "第三章", f"章名{BAD}"]}
    # Ids given: a content id hashes the UTF-8 text, which a lone surrogate has none of.
    return [
        Question.create(id="q-bad-choice", type="single_choice", stem="回车\r\n换页\x0c空字符\x00结束" + BAD, answer=["A"],
                        options=[Option("A", "甲\x1f" + BAD), Option("B", "乙")], **common),
        Question.create(id="q-bad-tf", type="true_false", stem=f"判断{BAD}", answer=["对"], **common),
        Question.create(id="q-bad-cloze", type="cloze", stem=f"填{BAD}____和____。", answer=[f"一{BAD}", "二"], **common),
    ]


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_control_characters_are_dropped(fmt, bank, tmp_path):
    """Text from a document never breaks a file: every writer drops what XML and Office cannot hold."""
    path = tmp_path / ("ctrl.xlsx" if fmt == "xlsx" else "ctrl")
    WRITERS[fmt](bad_questions(bank[0].source), path)
    data = path.read_bytes()
    if data[:2] != b"PK":
        assert not RE_BAD_BYTES.search(data.replace(b"\r", b"\x00"))  # no CR either
        data.decode("utf-8")
        if fmt == "moodle_xml":
            etree.fromstring(data)
        return
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            entry = archive.read(name)
            if name.endswith((".xml", ".rels")):
                assert not RE_BAD_BYTES.search(entry.replace(b"\r\n", b"\n")), name
                etree.fromstring(entry)  # well-formed
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(path)["题库"]
        assert sheet["C2"].value.startswith("回车\n换页空字符结束")
    elif fmt.startswith("docx"):
        assert "空字符结束" in _docx_text(docx.Document(path))


def test_sanitize():
    from qqtext.exercises.export._common import clean, sanitize

    kept = "汉字 emoji 😀 扩展 𠮷 tab\t newline\n U+2028\u2028 全角　空格 U+FFFD\ufffd"
    assert sanitize(kept) == kept
    assert sanitize(f"甲{BAD}乙\r丙") == "甲乙丙"
    assert clean(f"甲{BAD}乙\r\n丙\r丁") == "甲乙\n丙\n丁"
    assert sanitize("") == ""
    for code in range(0x20):
        assert (chr(code) in sanitize(chr(code))) == (chr(code) in "\t\n")
    # what is left always encodes, and an XML parser takes it
    text = sanitize("".join(chr(c) for c in range(0, 0x3000)) + "\ud83d\ude00\ufffe\uffff")
    text.encode("utf-8")
    etree.fromstring(f"<a>{html.escape(text)}</a>".encode("utf-8"))


def test_empty_paper(tmp_path):
    for fmt, writer in WRITERS.items():
        writer([], tmp_path / fmt)
    assert to_gift([]) == "\n" and to_jupyterquiz([]) == []
    assert len(docx.Document(tmp_path / "docx_paper").paragraphs) >= 2
