"""The training pack: everything a trainer takes to a session on one document, written to a folder.

For a document it writes (file names in Chinese, for the trainer):

* ``试卷A.docx`` / ``试卷B.docx``: two parallel printable papers (no shared question where the pool
  allows), each with ``…_答案与解析.docx``, the answer key with 解析 and 出处;
* ``试卷A.gift``: paper A for Moodle; ``题库.xlsx``: the whole question pool for exam platforms;
* ``规范一览.csv``: every norm (who must / must not / may do what, with its article);
* ``责任网络.png`` and ``各章规范类型.png``: the responsibility network and the norm types per chapter;
* ``说明.txt``: what is where, with the counts per type and chapter.

Everything is reproducible from the seed; no file carries a date.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from qqtext.model import Document

__all__ = ["PackReport", "build_training_pack"]


@dataclass(frozen=True, slots=True)
class PackReport:
    """What :func:`build_training_pack` wrote."""

    folder: Path
    files: tuple[Path, ...]
    pool_size: int
    papers: tuple[dict, ...]


def build_training_pack(
    doc: Document, folder: str | Path, *, seed: int = 2019, count: int = 20, audience: str = "all"
) -> PackReport:
    """Write the training pack for ``doc`` into ``folder`` (created if needed)."""
    import matplotlib.pyplot as plt  # headless machines select Agg themselves; a notebook keeps its backend

    from qqtext.exercises.assemble import parallel_forms
    from qqtext.exercises.export import write_xlsx
    from qqtext.exercises.quiz import blueprint_for, question_pool, write_quiz
    from qqtext.extract.norms import extract_norms
    from qqtext.frames import NORM_COLUMNS, norm_rows
    from qqtext.graph import build_graph
    from qqtext.plotting import plot_norm_types_by_chapter, plot_responsibility_network

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    title = f"《{doc.title}》学习测试" if doc.title else f"{doc.id} 学习测试"
    pool = question_pool(doc, seed=seed)
    forms = parallel_forms(pool, blueprint_for(pool, count, audience=audience), seed=seed, forms=2, title=title)
    files: list[Path] = []
    for paper in forms:
        files += write_quiz(paper, out / f"试卷{paper.form}.docx", format="docx")
    files += write_quiz(forms[0], out / "试卷A.gift", format="gift")
    files.append(write_xlsx(pool, out / "题库.xlsx", title=f"{title}题库"))

    norms = extract_norms(doc)
    with open(out / "规范一览.csv", "w", encoding="utf-8-sig", newline="") as handle:  # BOM: Excel reads it as UTF-8
        writer = csv.DictWriter(handle, fieldnames=list(NORM_COLUMNS), extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(norm_rows(doc, norms))
    files.append(out / "规范一览.csv")

    for name, draw in (
        ("责任网络.png", lambda: plot_responsibility_network(build_graph(doc, norms=norms))),
        ("各章规范类型.png", lambda: plot_norm_types_by_chapter(doc, norms)),
    ):
        ax = draw()
        ax.figure.savefig(out / name, dpi=150, metadata={"Software": None})
        plt.close(ax.figure)
        files.append(out / name)

    summaries = tuple(paper.summary() for paper in forms)
    readme = out / "说明.txt"
    readme.write_text(_readme(doc, summaries, len(pool), seed), encoding="utf-8")
    files.append(readme)
    return PackReport(out, tuple(files), len(pool), summaries)


def _readme(doc: Document, summaries: tuple[dict, ...], pool_size: int, seed: int) -> str:
    lines = [
        f"培训资料包：{doc.title}",
        "",
        "试卷A.docx、试卷B.docx        两套平行试卷（可打印）；各配一份“答案与解析”",
        "试卷A.gift                    试卷A的 Moodle GIFT 格式，可导入 Moodle 题库",
        f"题库.xlsx                     全部 {pool_size} 道题（精选题与自动生成题），可导入考试平台",
        "规范一览.csv                  每条规范：出处、类型（义务/禁止/许可/鼓励/不提倡）、主体、行为、条件",
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
