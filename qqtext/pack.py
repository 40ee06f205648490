"""The training pack: everything a trainer takes to a session on one document, written to a folder.

For a document it writes (file names in Chinese, for the trainer):

* ``试卷A.docx`` / ``试卷B.docx``: two parallel printable papers (no shared question where the pool
  allows), each with ``…_答案与解析.docx``, the answer key with 解析 and 出处;
* ``试卷A.gift``: paper A for Moodle; ``题库.xlsx``: the whole question pool for exam platforms;
* ``规范一览.csv``: every norm (who must / must not / may do what, with its article), in Chinese
  columns and labels (类型 义务/禁止/许可/鼓励/不提倡), see :func:`norm_table_rows`;
* ``责任网络.png`` and ``各章规范类型.png``: the responsibility network and the norm types per chapter;
* ``说明.txt``: what is where, with the counts per type and chapter.

Everything is reproducible from the seed; no file carries a date.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from qqtext.errors import QqtextWarning
from qqtext.model import Document
from qqtext.outputs import OutputError, atomic_open, atomic_write_bytes, atomic_write_text
from qqtext.serialize import safe_rows

__all__ = ["PackReport", "build_training_pack", "norm_table_rows", "write_norm_table", "NORM_TABLE_COLUMNS"]


@dataclass(frozen=True, slots=True)
class PackReport:
    """What :func:`build_training_pack` wrote."""

    folder: Path
    files: tuple[Path, ...]
    pool_size: int
    papers: tuple[dict, ...]


#: Questions per paper when the caller gives no count and the pool is large enough.
DEFAULT_COUNT = 20


def build_training_pack(
    doc: Document, folder: str | Path, *, seed: int = 2019, count: int | None = None, audience: str = "all"
) -> PackReport:
    """Write the training pack for ``doc`` into ``folder`` (created if needed).

    Every file is written whole or not at all (:mod:`qqtext.outputs`). Without ``count`` each paper
    has :data:`DEFAULT_COUNT` questions, or as many as the pool gives for two papers without a shared
    question (a short text, or one whose rules leave few sound questions), with a warning.

    Raises:
        AssemblyError: ``count`` below 1, or a pool too small for two parallel papers of ``count``;
            raised before anything is written.
        qqtext.outputs.OutputError: the folder or a file cannot be written.
    """
    import matplotlib.pyplot as plt  # headless machines select Agg themselves; a notebook keeps its backend

    from qqtext.exercises.assemble import parallel_forms
    from qqtext.exercises.export import write_xlsx
    from qqtext.exercises.quiz import blueprint_for, question_pool, write_quiz
    from qqtext.extract.norms import extract_norms
    from qqtext.frames import norm_rows
    from qqtext.graph import build_graph
    from qqtext.plotting import plot_norm_types_by_chapter, plot_responsibility_network

    from qqtext.exercises.assemble import AssemblyError

    if count is not None and count < 1:
        raise AssemblyError(f"题量至少为 1 / the number of questions per paper must be at least 1, not {count}")
    out = Path(folder)
    title = f"《{doc.title}》学习测试" if doc.title else f"{doc.id} 学习测试"
    pool = question_pool(doc, seed=seed)
    if count is None:
        count = min(DEFAULT_COUNT, len(pool) // 2)
        if count < 1:
            raise AssemblyError(f"题库只有 {len(pool)} 道题，不够组两份试卷 / the pool has only {len(pool)} question(s), "
                                "too few for two papers")
        if count < DEFAULT_COUNT:
            warnings.warn(f"{doc.id}: 题库只够每份试卷 {count} 道题（两份互不重复）/ the pool gives {count} questions per "
                          f"paper, not {DEFAULT_COUNT}", QqtextWarning, stacklevel=2)
    forms = parallel_forms(pool, blueprint_for(pool, count, audience=audience), seed=seed, forms=2, title=title,
                           flexible=True)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(out, error.strerror or str(error), error.errno) from None
    files: list[Path] = []
    for paper in forms:
        files += write_quiz(paper, out / f"试卷{paper.form}.docx", format="docx")
    files += write_quiz(forms[0], out / "试卷A.gift", format="gift")
    files.append(write_xlsx(pool, out / "题库.xlsx", title=f"{title}题库", doc=doc))

    norms = extract_norms(doc)
    files.append(write_norm_table(doc, norm_rows(doc, norms), out / "规范一览.csv"))

    for name, draw in (
        ("责任网络.png", lambda: plot_responsibility_network(build_graph(doc, norms=norms))),
        ("各章规范类型.png", lambda: plot_norm_types_by_chapter(doc, norms)),
    ):
        ax = draw()
        image = io.BytesIO()
        ax.figure.savefig(image, format="png", dpi=150, metadata={"Software": None})
        plt.close(ax.figure)
        files.append(atomic_write_bytes(out / name, image.getvalue()))

    summaries = tuple(paper.summary() for paper in forms)
    files.append(atomic_write_text(out / "说明.txt", _readme(doc, summaries, len(pool), seed)))
    return PackReport(out, tuple(files), len(pool), summaries)


#: The columns of 规范一览.csv, for trainers: Chinese headers and labels (``qqtext norms --format csv``
#: is the machine table, with the English keys of :data:`qqtext.frames.NORM_COLUMNS`).
NORM_TABLE_COLUMNS = ("序号", "出处", "类型", "主体", "行为", "对象", "条件", "违反后果", "原文", "规范编号")
RE_ARTICLE_ID = re.compile(r"/art-(\d+)(?:-(\d+))?(?=/|$)")


def _norm_citation(doc: Document, row: dict) -> str:
    """Where a norm is, as a trainer cites it: 第十三条（五）, 第十四条第二款, 第二部分."""
    from qqtext.numerals import article_label, to_chinese_number

    if row.get("article") is None:
        return f"第{to_chinese_number(row['section'])}部分" if row.get("section") else ""
    match = RE_ARTICLE_ID.search(row.get("unit") or "")
    sub = int(match.group(2)) if match and match.group(2) else 0
    text = article_label(row["article"], sub)
    try:
        several = len(doc.article(row["article"], sub=sub).paragraphs) > 1
    except KeyError:
        several = False
    if several and row.get("paragraph"):
        text += f"第{to_chinese_number(row['paragraph'])}款"
    if row.get("item") is not None:
        text += f"（{to_chinese_number(row['item'])}）"
    return text


def norm_table_rows(doc: Document, rows: list[dict]) -> list[dict[str, object]]:
    """The rows of :func:`qqtext.frames.norm_rows` as 规范一览 shows them: Chinese columns and labels.

    The deontic type is 义务/禁止/许可/鼓励/不提倡 (never ``obligation`` …), the place a citation.

    >>> from qqtext import parse_text
    >>> from qqtext.frames import norm_rows
    >>> doc = parse_text("第一条 机关单位工作人员不得接受礼品。", doc_id="d")
    >>> [row] = norm_table_rows(doc, norm_rows(doc))
    >>> row["出处"], row["类型"], row["主体"], row["行为"], row["对象"]
    ('第一条', '禁止', '机关单位工作人员', '接受', '礼品')
    """
    from qqtext.graph import DEONTIC_LABELS
    from qqtext.textsafe import clean

    def text(value: object) -> str:
        return clean(str(value)) if value is not None else ""

    return [
        {
            "序号": number,
            "出处": _norm_citation(doc, row),
            "类型": DEONTIC_LABELS.get(row["deontic"], row["deontic"]),
            "主体": text(row.get("actor")),
            "行为": text(row.get("aim")),
            "对象": text(row.get("object")),
            "条件": text(row.get("conditions")),
            "违反后果": text(row.get("or_else")),
            "原文": text(row.get("text")),
            "规范编号": row["id"],
        }
        for number, row in enumerate(rows, 1)
    ]


def write_norm_table(doc: Document, rows: list[dict], path: Path) -> Path:
    """Write 规范一览.csv (:func:`norm_table_rows`), UTF-8 with a BOM so that Excel reads it as UTF-8."""
    with atomic_open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(NORM_TABLE_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(safe_rows(norm_table_rows(doc, rows)))
    return path


def _readme(doc: Document, summaries: tuple[dict, ...], pool_size: int, seed: int) -> str:
    lines = [
        f"培训资料包：{doc.title}",
        "",
        "试卷A.docx、试卷B.docx        两套平行试卷（可打印）；各配一份“答案与解析”",
        "试卷A.gift                    试卷A的 Moodle GIFT 格式，可导入 Moodle 题库（GIFT 一题只有一个答案框：",
        "                              多空填空题的各空答案按顺序填在同一框内，用“；”隔开）",
        f"题库.xlsx                     全部 {pool_size} 道题（精选题与自动生成题），可导入考试平台；"
        "含题号、章节、条款、知识点，横向打印按页宽缩放",
        "规范一览.csv                  每条规范：出处、类型（义务/禁止/许可/鼓励/不提倡）、主体、行为、对象、条件",
        "责任网络.png                  谁承担什么责任、谁实施处理（连线上的数字为条号）",
        "各章规范类型.png              各章义务、禁止、许可等规范的数量",
        "",
    ]
    for summary in summaries:
        types = "，".join(f"{label} {n} 道" for label, n in summary["type_labels"].items())
        chapters = "，".join(f"{label} {n} 道" for label, n in summary["chapters"].items())
        lines.append(f"试卷{summary['form']}：共 {summary['questions']} 道题、{summary['points']:g} 分。{types}。")
        lines.append(f"  按章：{chapters}。")
    lines += ["", f"组卷随机种子：{seed}（同一种子重新生成，结果完全相同）。", ""]
    return "\n".join(lines)
