"""Draw the papers of a blind trainer review (docs/question-review.md): up to 40 generated questions per text.

    .venv/bin/python scripts/draw-review-papers.py OUT_DIR          # jinan + the three texts of every round
    UNSEEN=1 …; UNSEEN2=1 …; … UNSEEN9=1 …            # the texts added in rounds 5–13

Needs ../shared/corpus-dev and ../shared/lawrefbook (a development tool, not part of the main job)."""
import os
import sys
import warnings
from pathlib import Path

from qqtext.exercises.lint import LintWarning
from qqtext.exercises.quiz import make_paper, question_pool

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lawrefbook_source import load_source as load  # noqa: E402

DEV = Path(os.environ.get("QQTEXT_SHARED_DEV", Path(__file__).resolve().parents[2] / "shared" / "corpus-dev"))

DOCS = {
    "jinan": "jinan-2019",
    "chufa": DEV / "2021_national_xingzheng-chufafa.md",
    "caigou": DEV / "2015_national_zhengfu-caigoufa-shishi-tiaoli.md",
    "maodun": DEV / "2022_shenzhen_maodun-jiufen-duoyuan-huajie-tiaoli.md",
}
if os.environ.get("UNSEEN"):  # texts no question of which was ever looked at while the generators were improved
    DOCS = {"guoqi": DEV / "2024_national_guoyou-qiye-guanli-renyuan-chufen-tiaoli.md",
            "shuju": DEV / "2021_shanghai_shuju-tiaoli.md"}
if os.environ.get("UNSEEN2"):
    DOCS = {"pengshui": DEV / "2013_pengshui_chengxiang-jianshe-guanli-tiaoli.md",
            "shipin": DEV / "2019_national_shipin-anquanfa-shishi-tiaoli.md"}
if os.environ.get("UNSEEN3"):  # texts of round 7 (no question of them was looked at before)
    DOCS = {"fuyi": DEV / "2023_national_xingzheng-fuyifa.md",
            "gongwuyuan": DEV / "2018_national_gongwuyuanfa.md"}
if os.environ.get("UNSEEN4"):  # texts of round 8 (no question of them was looked at before)
    DOCS = {"gerenxinxi": DEV / "2021_national_geren-xinxi-baohufa.md",
            "susong": DEV / "2017_national_xingzheng-susongfa.md"}
if os.environ.get("UNSEEN5"):  # texts of round 9 (no question of them was looked at before)
    DOCS = {"zhaobiao": DEV / "2021_beijing_zhaobiao-toubiao-tiaoli.md",
            "xinyong": DEV / "2019_henan_shehui-xinyong-tiaoli.md"}
if os.environ.get("UNSEEN6"):  # round 10: three LawRefBook texts of gold round 12 (no question of them was looked at)
    DOCS = {"waishang": "lawrefbook:DLC/上海地方法规/地方性法规/上海/上海市外商投资条例(2020-09-25).md",
            "xiaobao": "lawrefbook:DLC/山东地方法规/地方性法规/山东/山东省消费者权益保护条例(2017-03-29).md",
            "dengji": "lawrefbook:行政法规/市场主体登记管理条例(2021-07-27).md"}
if os.environ.get("UNSEEN7"):  # round 11: two texts of gold round 12 and the 2023 civil procedure law (no question looked at)
    DOCS = {"renli": "lawrefbook:DLC/广东地方法规/地方性法规/广东/广东省人力资源市场条例(2021-12-01).md",
            "simu": "lawrefbook:行政法规/私募投资基金监督管理条例(2023-07-03).md",
            "minsu": DEV / "2023_national_minshi-susongfa.md"}

if os.environ.get("UNSEEN8"):  # round 12: four LawRefBook texts of gold round 14 (no question of them was looked at)
    DOCS = {"zhongyi": "lawrefbook:DLC/山东地方法规/地方性法规/山东/山东省中医药条例(2020-11-27).md",
            "xueqian": "lawrefbook:DLC/广东地方法规/地方性法规/广东/深圳经济特区学前教育条例(2022-06-30).md",
            "lvyou": "lawrefbook:DLC/河南地方法规/地方性法规/河南/河南省旅游条例(2007-03-30).md",
            "wuye": "lawrefbook:DLC/广东地方法规/地方性法规/广东/清远市住宅小区物业管理条例(2022-12-07).md"}

if os.environ.get("UNSEEN9"):  # round 13: four LawRefBook texts of gold rounds 15-16 (no question of them was looked at)
    DOCS = {"minbao": "lawrefbook:行政法规/民用爆炸物品安全管理条例(2014-07-29).md",
            "gongjiao": "lawrefbook:DLC/上海地方法规/地方性法规/上海/上海市公共汽车和电车客运管理条例(2020-05-14).md",
            "jianzhu": "lawrefbook:DLC/上海地方法规/地方性法规/上海/上海市建筑市场管理条例.md",
            "yanglao": "lawrefbook:DLC/山东地方法规/地方性法规/山东/德州市养老服务条例(2019-10-08).md"}


TYPES = {"single_choice": "单选题", "multiple_choice": "多选题", "true_false": "判断题", "cloze": "填空题", "scenario": "情形判断题"}
out = Path(sys.argv[1]); out.mkdir(parents=True, exist_ok=True)
for name, src in DOCS.items():
    doc = load(src)
    pool = [q for q in question_pool(doc, seed=1) if q.provenance.startswith("generator:")]
    n = min(40, len(pool))
    while True:  # the longest paper (up to 40) the linter passes: a trainer gets a warning otherwise
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            paper = make_paper(pool, count=n, seed=7, title=name)
        if not any(issubclass(w.category, LintWarning) for w in caught) or n <= 10:
            break
        n -= 2
    lines = [f"# {name}: 《{doc.title}》 — {n} generated questions (pool {len(pool)})", ""]
    for i, q in enumerate(paper.questions, 1):
        lines.append(f"## Q{i} [{TYPES.get(q.type, q.type)}] ({q.source.citation()})")
        lines.append(q.stem)
        for o in q.options:
            lines.append(f"- {o.key}. {o.text}")
        lines.append(f"**答案**: {'、'.join(q.answer)}")
        lines.append(f"**解析**: {q.explanation}")
        lines.append("")
    (out / f"{name}.md").write_text("\n".join(lines), encoding="utf-8")
    print(name, n, len(pool), {t: sum(q.type == t for q in paper.questions) for t in TYPES})
