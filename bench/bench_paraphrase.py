"""Benchmark: does the comparison see paraphrase? Known pairs' ranks and the null band, before and after.

    python bench/bench_paraphrase.py [--model PATH] [--lawrefbook] [--pairs 120]

Prints, for the lexical measure alone ("before": ``model=None``) and for the combined score with the
shipped semantic model ("after", or ``--model``):

* **the null band**: the best score of every article of four unrelated document pairs of
  ``../shared/corpus`` (party discipline 2018 vs the national 优化营商环境条例 2019 and vs 济南 2022,
  国内公务接待管理规定 2013 vs 山东 2020, 国企领导人员廉洁从业若干规定 2009 vs 广东 2022), its 50th, 90th,
  95th and 99th percentiles, with and without the formula articles every law has (施行, 解释, 目的,
  适用范围, 参照执行); with ``--lawrefbook``, the same over ``--pairs`` random pairs of unrelated laws
  of ``../shared/lawrefbook`` (different folders, no shared title word; seed 2024);
* **the known paraphrase pairs** of the issue (Jinan 2019 第五条 ↔ national 第六十二条 听取企业意见,
  第七条 ↔ 第十四条 不得违法冻结, 第十条 ↔ 第三十七条 一网通办): rank among the national articles, score,
  and the share of the null below it;
* **other pairs found by reading** (not used to choose the model or the thresholds' formula): 13 of the
  上海 2018 信访条例 ↔ national 2022 信访工作条例 and 7 of 开封 2022 ↔ 河南 2020 优化营商环境条例. They were
  picked by reading, for a seeded sample of articles of A, the union of the top three candidates of
  the lexical, the semantic and the combined score (in document order, without scores), and keeping
  the articles with a clear counterpart; an article may have two acceptable counterparts. Printed:
  how many are their article's top 1 and top 3, and how many reach ``LOOSE`` and ``ADAPTED``.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import re
import sys
import time
import warnings
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from qqtext.compare.measures import ADAPTED, ADAPTED_LEXICAL, LOOSE, measure, resolve_model, units  # noqa: E402
from qqtext.compare.semantic import floor  # noqa: E402
from qqtext.corpus import load_document  # noqa: E402

SHARED = Path(os.environ.get("QQTEXT_SHARED_CORPUS", REPO.parent / "shared" / "corpus"))
DEV = Path(os.environ.get("QQTEXT_SHARED_DEV", REPO.parent / "shared" / "corpus-dev"))
LAWREFBOOK = REPO.parent / "shared" / "lawrefbook" / "laws.jsonl.xz"
FILES = {
    "jinan": None,
    "national": SHARED / "2019_national_youhua-yingshang-huanjing-tiaoli.md",
    "jinan22": SHARED / "2022_jinan_youhua-yingshang-huanjing-tiaoli.md",
    "shandong": SHARED / "2020_shandong_youhua-yingshang-huanjing-tiaoli.md",
    "guangdong": SHARED / "2022_guangdong_youhua-yingshang-huanjing-tiaoli.md",
    "henan": SHARED / "2020_henan_youhua-yingshang-huanjing-tiaoli.md",
    "kaifeng": SHARED / "2022_kaifeng_youhua-yingshang-huanjing-tiaoli.md",
    "party2018": SHARED / "2018_party_jilv-chufen-tiaoli.md",
    "reception": SHARED / "2013_national_dangzheng-jiguan-guonei-gongwu-jiedai-guanli-guiding.md",
    "guoqi": SHARED / "2009_party_guoqi-lingdao-renyuan-lianjie-congye-ruogan-guiding.md",
    "sh_xinfang": DEV / "2018_shanghai_xinfang-tiaoli.md",
    "nat_xinfang": DEV / "2022_national_xinfang-gongzuo-tiaoli.md",
}
NULL = [("party2018", "national"), ("party2018", "jinan22"), ("reception", "shandong"), ("guoqi", "guangdong")]
KNOWN = [("jinan", 5, "national", 62, "听取企业意见"), ("jinan", 7, "national", 14, "不得违法冻结"),
         ("jinan", 10, "national", 37, "一网通办")]
READ = [
    ("sh_xinfang", "nat_xinfang", {2: {17}, 7: {18, 6}, 12: {21}, 15: {26, 19}, 19: {14}, 21: {14, 15}, 22: {18},
                                   31: {34}, 38: {32}, 40: {36}, 44: {23}, 52: {2}, 53: {50}}),
    ("kaifeng", "henan", {4: {6}, 12: {18}, 15: {21}, 22: {42}, 27: {52}, 31: {61}, 34: {78, 9}}),
]
#: The formula articles every law has: entry into force, interpretation, purpose, scope, "apply mutatis mutandis".
RE_FORMULA = re.compile(
    r"(?:自|从)[^。；]{0,30}?(?:起|之日)施行|负责解释|参照本(?:条例|办法|规定|法|细则)执行"
    r"|^(?:为了?|根据)[^。]{0,200}?制定本(?:条例|办法|规定|法|细则|准则|决定)|适用本(?:条例|办法|规定|法|细则)。$"
    r"|^(?:违反本(?:条例|办法|规定|法)(?:的)?规定，)?构成犯罪的，依法追究刑事责任。$")


def load(name: str):
    path = FILES[name]
    return load_document("jinan-2019") if path is None else load_document(path)


def matrix(a, b, encoder) -> tuple[np.ndarray, list, list]:
    ua, ub = units(a, "article", encoder), units(b, "article", encoder)
    low = floor(encoder) if encoder is not None else 0.0
    scores = np.array([[measure(x, y, low).score for y in ub] for x in ua])
    return scores, ua, ub


def band(values: list[float]) -> str:
    p = np.percentile(values, [50, 90, 95, 99])
    return "  ".join(f"p{q} {v:.3f}" for q, v in zip((50, 90, 95, 99), p)) + f"  max {max(values):.3f}  (n={len(values)})"


def lawrefbook_null(encoder, pairs: int) -> tuple[list[float], list[float]]:
    from qqtext.errors import QqtextError
    from qqtext.parse import parse_text

    with lzma.open(LAWREFBOOK, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    docs = {}
    rng = np.random.default_rng(2024)
    stop = {"条例", "规定", "办法", "管理", "实施", "人民", "中华", "华人", "民共", "共和", "和国", "国家", "决定", "关于"}
    chosen: list[tuple[int, int]] = []
    tries = 0
    while len(chosen) < pairs and tries < 100_000:
        tries += 1
        i, j = (int(k) for k in rng.choice(len(rows), 2, replace=False))
        ta, tb = rows[i]["title"], rows[j]["title"]
        shared = {ta[k:k + 2] for k in range(len(ta) - 1)} & {tb[k:k + 2] for k in range(len(tb) - 1)}
        if rows[i]["path"].split("/")[:2] == rows[j]["path"].split("/")[:2] or shared - stop:
            continue
        for k in (i, j):
            if k not in docs:
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        docs[k] = parse_text(rows[k]["text"], doc_id=f"law-{k}")
                except QqtextError:
                    docs[k] = None
        if docs[i] is None or docs[j] is None or not (8 <= len(docs[i].articles) <= 80) or not docs[j].articles:
            continue
        chosen.append((i, j))
    allv, substantive = [], []
    for i, j in chosen:
        scores, ua, _ = matrix(docs[i], docs[j], encoder)
        for k, unit in enumerate(ua):
            allv.append(float(scores[k].max()))
            if not RE_FORMULA.search(unit.text.strip()):
                substantive.append(float(scores[k].max()))
    return allv, substantive


def report(name: str, encoder, docs, args) -> None:
    default = ADAPTED if encoder is not None else ADAPTED_LEXICAL
    print(f"\n== {name} (default threshold {default:.2f}{'' if encoder is None else f', loose {LOOSE:.2f}'})")
    nulls, substantive = [], []
    for a, b in NULL:
        scores, ua, _ = matrix(docs[a], docs[b], encoder)
        for k, unit in enumerate(ua):
            nulls.append(float(scores[k].max()))
            if not RE_FORMULA.search(unit.text.strip()):
                substantive.append(float(scores[k].max()))
    print(f"null band, 4 unrelated pairs:         {band(nulls)}")
    print(f"  without the formula articles:       {band(substantive)}")
    if args.lawrefbook and LAWREFBOOK.is_file():
        start = time.perf_counter()
        allv, subst = lawrefbook_null(encoder, args.pairs)
        print(f"null band, {args.pairs} lawrefbook pairs:      {band(allv)}  ({time.perf_counter() - start:.0f} s)")
        print(f"  without the formula articles:       {band(subst)}")
    nulls_arr = np.array(nulls)
    print("known paraphrase pairs (rank among B's articles, score, share of the null below):")
    for a, ai, b, bi, what in KNOWN:
        scores, ua, ub = matrix(docs[a], docs[b], encoder)
        i = [u.article for u in ua].index(ai)
        j = [u.article for u in ub].index(bi)
        row = scores[i]
        rank = int((row > row[j]).sum()) + 1
        top = [ub[k].article for k in np.argsort(-row, kind="stable")[:3]]
        print(f"  {a} {ai:>3} -> {b} {bi:>3} {what:<8} rank {rank}  score {row[j]:.3f}  "
              f"null below {100 * (nulls_arr < row[j]).mean():5.1f}%  top 3 {top}")
    ranks, scores_read = [], []
    for a, b, gold in READ:
        scores, ua, ub = matrix(docs[a], docs[b], encoder)
        na, nb = [u.article for u in ua], [u.article for u in ub]
        for ai, bs in gold.items():
            row = scores[na.index(ai)]
            best = max(row[nb.index(x)] for x in bs)
            ranks.append(int((row > best).sum()) + 1)
            scores_read.append(best)
    r, s = np.array(ranks), np.array(scores_read)
    loose = LOOSE if encoder is not None else 0.12
    print(f"pairs found by reading ({len(r)}): top 1 {(r == 1).sum()}, top 3 {(r <= 3).sum()}; "
          f"top 1 and >= {loose:.2f}: {((r == 1) & (s >= loose)).sum()}, top 1 and >= {default:.2f}: "
          f"{((r == 1) & (s >= default)).sum()}; median score {np.median(s):.3f}, "
          f"null below the median {100 * (nulls_arr < np.median(s)).mean():.1f}%")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", help="a model path (default: the shipped model)")
    parser.add_argument("--lawrefbook", action="store_true", help="also the null over random pairs of laws")
    parser.add_argument("--pairs", type=int, default=120, help="lawrefbook pairs for the null (default 120)")
    args = parser.parse_args(argv)
    if not (SHARED / "SOURCES.md").is_file() or not (DEV / "SOURCES.md").is_file():
        print(f"bench_paraphrase: needs {SHARED} and {DEV}", file=sys.stderr)
        return 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        docs = {name: load(name) for name in FILES}
    report("before: lexical measures only (model=None)", None, docs, args)
    report(f"after: lexical + semantic ({args.model or 'shipped model'})",
           resolve_model(args.model or "default"), docs, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
