"""Benchmark: reading and parsing stay linear in the size of the input, and bounded in memory.

For structured inputs of 1, 4, 16 and 64 MB it generates (chapters of 第X条 articles with items,
the shape of a long regulation), it prints the time and the peak memory of each stage and the
ratios between sizes. Goals: time x4 per size x4; peak memory at most 20 times the input.

    python bench/bench_hostile.py [--sizes 1 4 16 64] [--html-sizes 1 4 16] [--stages read parse html]

Stages (each measured in a fresh interpreter, so peak memory is that of the stage alone):

* ``read``: ``read_text`` of a UTF-8 .txt file (detection and line breaks);
* ``parse``: ``parse_text`` of that text (normalisation, structure, metadata);
* ``html``: ``read_text`` of the same text as an HTML page (decoding, BeautifulSoup, main-content
  selection, rendering), with navigation and a footer around a ``<div id="zoom">``.

Peak memory is the child's peak resident set size during the stage less its size before it (on
Linux, through ``/proc/self/clear_refs``), so imports and the input of the parse stage do not count. The limits of :mod:`qqtext.limits` are switched off in the children (the default text
limit refuses anything over 32 MB).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_MB = 1_000_000
ITEM = "接受企业安排的宴请、旅游、健身、娱乐等活动，或者违规收受礼金、有价证券和支付凭证；"


def structured(size: int) -> str:
    """A regulation of about ``size`` bytes of UTF-8: 20 articles a chapter, 5 items an article."""
    from qqtext.numerals import to_chinese_number

    parts = ["关于构建亲清新型政商关系的实施办法（试行）\n", "（2019年10月8日济南市人民政府第66次常务会议通过）\n"]
    total = sum(len(part.encode("utf-8")) for part in parts)
    chapter = article = 0
    while total < size:
        chapter += 1
        parts.append(f"第{to_chinese_number(chapter)}章 规范第{chapter}部分\n")
        for _ in range(20):
            article += 1
            block = (
                f"第{to_chinese_number(article)}条　机关单位工作人员在与企业交往中，应当坚持依法办事、"
                "公正廉洁，不得有下列行为：\n"
                + "".join(f"（{to_chinese_number(i)}）{ITEM}\n" for i in range(1, 6))
                + "违反前款规定的，依照有关规定严肃处理。情节严重的，移送有关机关依法处理。\n"
            )
            parts.append(block)
            total += len(block.encode("utf-8"))
    return "".join(parts)


def as_html(text: str) -> str:
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.split("\n") if line)
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>办法</title></head><body>'
        '<div class="nav"><a href="/">首页</a><a href="/zwgk">政务公开</a></div>'
        '<div class="dqwz">当前位置：首页 &gt; 政策文件</div>'
        f'<div class="main"><div id="zoom">{body}</div></div>'
        '<div class="footer">版权所有</div></body></html>'
    )


def _status_mb(field: str) -> float | None:
    """``VmRSS`` or ``VmHWM`` (peak) of this process from /proc, in MB; None elsewhere."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _reset_peak() -> float:
    """Reset the peak to the current resident size (Linux) and return that size in MB.

    Elsewhere ``ru_maxrss`` is used, which also counts what the process held before.
    """
    try:
        Path("/proc/self/clear_refs").write_text("5")
        rss = _status_mb("VmRSS")
        if rss is not None:
            return rss
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _peak_mb() -> float:
    peak = _status_mb("VmHWM")
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(stage: str, path: str) -> None:
    """Run one stage on one file and print ``{"seconds", "peak_mb"}`` as JSON."""
    try:
        from qqtext.limits import overridden
    except ImportError:  # a version of qqtext without limits (to compare against)
        from contextlib import nullcontext

        def overridden(**_: float) -> nullcontext[None]:  # type: ignore[misc]
            return nullcontext()
    from qqtext.parse import parse_text
    from qqtext.read import read_text

    warnings.simplefilter("ignore")
    with overridden(file_mb=0, text_mb=0, html_mb=0):
        text = read_text(path) if stage == "parse" else ""  # the parse stage starts from the text
        if stage == "html":
            import bs4  # noqa: F401  (imports do not count: the HTML reader imports it on first use)

            import qqtext.read.html  # noqa: F401
        base = _reset_peak()
        start = time.perf_counter()
        if stage == "parse":
            doc = parse_text(text, doc_id="bench")
            assert doc.articles
        else:
            assert read_text(path)
        seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mb": _peak_mb() - base}))


def measure(stage: str, path: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    result = subprocess.run(
        [sys.executable, __file__, "--child", stage, str(path)],
        check=True, capture_output=True, text=True, env=env,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 4, 16, 64], help="MB of text")
    parser.add_argument("--html-sizes", type=float, nargs="+", default=[1, 4, 16], help="MB of text as HTML")
    parser.add_argument("--stages", nargs="+", default=["read", "parse", "html"], choices=["read", "parse", "html"])
    parser.add_argument("--child", nargs=2, metavar=("STAGE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0

    print("bench_hostile: time and peak memory of reading and parsing structured inputs")
    print("goals: time x4 per size x4 (ratio column), peak memory <= 20 x input (x input column)")
    failures = 0
    with tempfile.TemporaryDirectory(prefix="qqtext-bench-") as folder:
        for stage in args.stages:
            sizes = args.html_sizes if stage == "html" else args.sizes
            print(f"\n{stage:>6}  {'input':>9}  {'seconds':>8}  {'ratio':>6}  {'peak MB':>8}  {'x input':>7}")
            previous: tuple[float, float] | None = None
            for megabytes in sizes:
                text = structured(int(megabytes * _MB))
                path = Path(folder) / (f"s{megabytes:g}.html" if stage == "html" else f"s{megabytes:g}.txt")
                path.write_text(as_html(text) if stage == "html" else text, encoding="utf-8")
                size_mb = path.stat().st_size / _MB
                del text
                figures = measure(stage, path)
                seconds, peak = figures["seconds"], figures["peak_mb"]
                ratio = ""
                if previous is not None:
                    time_ratio = seconds / max(previous[1], 1e-9)
                    size_ratio = size_mb / previous[0]
                    ratio = f"{time_ratio:.1f}"
                    if time_ratio > 1.5 * size_ratio:
                        failures += 1
                        ratio += "!"
                times_input = peak / size_mb
                flag = "!" if times_input > 20 else ""
                failures += bool(flag)
                print(f"{stage:>6}  {size_mb:7.1f}MB  {seconds:8.2f}  {ratio:>6}  {peak:8.0f}  {times_input:6.1f}{flag}")
                previous = (size_mb, seconds)
                path.unlink()
    print("\n! marks a figure off its goal (time ratio over 1.5 x the size ratio, memory over 20 x input)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
