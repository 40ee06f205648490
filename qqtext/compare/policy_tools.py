"""Policy-tool coding: which supply, environment and demand tools a text uses, article by article.

After Rothwell and Zegveld (R. Rothwell & W. Zegveld, *Industrial Innovation and Public Policy*,
London: Frances Pinter, 1981; *Reindustrialization and Technology*, Harlow: Longman, 1985), who sort
the instruments of innovation policy by how they act on firms: **supply-side** tools push (the
government provides inputs), **environmental** tools set the conditions, **demand-side** tools pull
(the government creates or opens markets). Chinese policy-text studies use them as 供给型 / 环境型 /
需求型政策工具 with the sub-tools below. The codebook is the data file
``qqtext/data/policy_tools.toml`` (definitions and every cue there); :func:`load_codebook` reads it,
or another file of the same form.

==== ========================= ============== ==================================================
code key                       name           cues (examples)
==== ========================= ============== ==================================================
S1   supply/talent             人才培养       人才 培训 职业技能 人力资源 用工
S2   supply/information        信息支持       信息公开 信息共享 数据共享 政策解读 公布…清单
S3   supply/infrastructure     基础设施建设   基础设施 用地 水电气 园区 物流 通信网络
S4   supply/funds              资金投入       专项资金 财政资金 补贴 补助 奖补 基金
S5   supply/technology         技术支持       科技 研发 技术创新 成果转化 创新平台
S6   supply/public-service     公共服务       政务服务 公共服务 一网通办 窗口 帮办代办 诉求
E1   environment/goal-planning 目标规划       目标 规划 (not 规划许可 …) 行动计划 统筹
E2   environment/financial-tax 金融税收       税收 税费 减税降费 收费 融资 贷款 担保 金融 减轻…负担
E3   environment/regulation    法规管制       监管 执法 检查 处罚 查处 市场准入 公平竞争审查 失信 规范…行为
E4   environment/legal-        法规制度       建立/健全/完善…制度/机制/体系 产权保护 合法权益 法治 纠纷
     institutional
E5   environment/strategic     策略性措施     鼓励 引导 宣传 表彰 激励 考核 评价 典型 推广
D1   demand/procurement        政府采购       政府采购 采购 招标投标
D2   demand/outsourcing        服务外包       购买服务 委托第三方 特许经营 政府和社会资本合作
D3   demand/trade-control      贸易管制       进出口 外贸 通关 口岸 跨境 关税
D4   demand/overseas           海外机构       境外 海外 外商投资 外资 国际合作 走出去
D5   demand/demonstration      示范工程       示范 试点 标杆 先行先试
==== ========================= ============== ==================================================

**Unit and counting.** The unit is an article (条), or a section of an 意见-style text. A unit gets
every sub-tool whose cues it contains (zero, one or several); units that only state the purpose,
scope, definitions, entry into force or interpretation (``[coding] skip``) are left uncoded, and a
liability clause (有下列情形之一的，依法追究责任; 违反本条例…由…责令改正) or a list of forbidden
conduct (禁止下列行为：…), ``[coding] liability``, is coded as regulation (E3) only, since the tools
its items name are named as breaches. A
*coding* is one unit × one sub-tool; a type's count is the number of its codings, and its share is
that count over all codings of the document (the usual frequency measure of the Chinese literature).

**Limits of keyword coding.** The coder sees words, not meaning:

* negation and direction are invisible: 不得另行制定…负面清单 and 实行负面清单 both hit 市场准入 (E3);
  收费 is coded E2 whether fees are cut or merely regulated;
* who acts is not read: a 采购 article that forbids discriminating against bidders is coded D1
  (procurement) as much as one that buys from small firms;
* one word may serve two tools (金融 in 金融监管 is both E2 and, with 监管, E3), and a long article
  collects more tools than a short one;
* the Rothwell–Zegveld scheme was made for innovation policy; 营商环境 and 亲清 texts mostly regulate
  government conduct, so E3/E4 and S6 dominate and demand-side tools are rare by construction;
* cues were written for these texts and checked by hand on a few articles only (see the tests);
  there is no inter-coder reliability. Use the counts for comparison across texts coded the same
  way, and read the cited articles (``codings_frame``) before drawing conclusions.

>>> from qqtext import load_document
>>> coded = {c.number: c for c in code_document(load_document("jinan-2019"))}
>>> "environment/financial-tax" in coded[12].codes
True
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from qqtext.errors import QqtextError
from qqtext.model import Article, Document

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ToolType",
    "TOOL_TYPES",
    "TYPE_NAMES",
    "SubTool",
    "Codebook",
    "UnitCoding",
    "load_codebook",
    "code_text",
    "code_document",
    "codings_frame",
    "policy_tools_frame",
    "CODEBOOK_FILE",
]

ToolType = Literal["supply", "environment", "demand"]
#: The three types, in the order of every table and plot.
TOOL_TYPES: tuple[ToolType, ...] = ("supply", "environment", "demand")
#: Their Chinese names.
TYPE_NAMES = {"supply": "供给型", "environment": "环境型", "demand": "需求型"}
#: The shipped codebook, in ``qqtext/data``.
CODEBOOK_FILE = "policy_tools.toml"


@dataclass(frozen=True, slots=True)
class SubTool:
    """One sub-tool of the codebook (see ``qqtext/data/policy_tools.toml`` for the fields)."""

    code: str
    key: str
    type: ToolType
    name: str
    definition: str
    cues: tuple[str, ...]
    patterns: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    @property
    def full_key(self) -> str:
        """``<type>/<key>``, e.g. ``environment/financial-tax``."""
        return f"{self.type}/{self.key}"

    def hits(self, text: str) -> tuple[str, ...]:
        """The cues found in ``text`` (keywords as written, or the text a pattern matched), in order.

        >>> load_codebook().tool("E2").hits("切实减轻企业税费负担，规范涉企收费")
        ('减轻企业税费负担', '税费', '收费')
        """
        for pattern in self.exclude:
            text = re.sub(pattern, lambda m: "□" * len(m.group()), text)
        found: list[tuple[int, str]] = []
        for pattern in self.patterns:
            found += [(m.start(), m.group()) for m in re.finditer(pattern, text)]
        for cue in self.cues:
            position = text.find(cue)
            if position >= 0:
                found.append((position, cue))
        return tuple(dict.fromkeys(cue for _, cue in sorted(found)))


@dataclass(frozen=True, slots=True)
class Codebook:
    """The sub-tools, the definitions of the three types, and the patterns of units left uncoded."""

    tools: tuple[SubTool, ...]
    types: tuple[tuple[str, str, str], ...]  # (type, Chinese name, definition)
    skip: tuple[str, ...]
    path: str
    liability: tuple[str, ...] = ()
    liability_code: str | None = None

    def tool(self, code_or_key: str) -> SubTool:
        """A sub-tool by code (``E2``), full key (``environment/financial-tax``) or key.

        Raises:
            KeyError: if there is none.
        """
        for tool in self.tools:
            if code_or_key in (tool.code, tool.full_key, tool.key):
                return tool
        raise KeyError(f"no policy tool {code_or_key!r} in {self.path}")

    def skipped(self, text: str) -> bool:
        """Whether a unit's text only states purpose, scope, entry into force or interpretation."""
        text = text.strip()
        return any(re.search(pattern, text) for pattern in self.skip)

    def is_liability(self, text: str) -> bool:
        """Whether a unit is a liability clause (有下列情形之一的，依法追究责任 …), coded as one tool only."""
        return self.liability_code is not None and any(re.search(p, text.strip()) for p in self.liability)


def load_codebook(path: str | os.PathLike[str] | None = None) -> Codebook:
    """Read a codebook (default: the shipped ``qqtext/data/policy_tools.toml``).

    Raises:
        QqtextError: naming the file, if it is not valid TOML, a tool lacks a field, a type is
            unknown, a code or key is used twice, or a pattern is not a valid regular expression.
    """
    if path is None:
        return _shipped_codebook()
    return _read_codebook(Path(path).read_text(encoding="utf-8"), str(path))


@cache
def _shipped_codebook() -> Codebook:
    file = resources.files("qqtext") / "data" / CODEBOOK_FILE
    return _read_codebook(file.read_text(encoding="utf-8"), str(file))


def _read_codebook(text: str, name: str) -> Codebook:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise QqtextError(f"{name}: not valid TOML ({exc})") from exc
    types = data.get("types", {})
    if set(types) != set(TOOL_TYPES):
        raise QqtextError(f"{name}: [types] must define exactly {', '.join(TOOL_TYPES)}")
    tools: list[SubTool] = []
    for number, raw in enumerate(data.get("tool", []), 1):
        missing = [f for f in ("code", "key", "type", "name", "definition") if not raw.get(f)]
        if missing or not (raw.get("cues") or raw.get("patterns")):
            raise QqtextError(f"{name}: tool {number} needs {', '.join(missing) or 'cues or patterns'}")
        if raw["type"] not in TOOL_TYPES:
            raise QqtextError(f"{name}: tool {raw['code']} has unknown type {raw['type']!r}")
        tool = SubTool(
            str(raw["code"]), str(raw["key"]), raw["type"], str(raw["name"]), str(raw["definition"]),
            tuple(raw.get("cues", ())), tuple(raw.get("patterns", ())), tuple(raw.get("exclude", ())),
        )
        if any(t.code == tool.code or t.full_key == tool.full_key for t in tools):
            raise QqtextError(f"{name}: tool code {tool.code} or key {tool.full_key} is used twice")
        tools.append(tool)
    coding = data.get("coding", {})
    skip = tuple(coding.get("skip", ()))
    liability = tuple(coding.get("liability", ()))
    liability_code = coding.get("liability_code")
    if liability_code is not None and not any(liability_code in (t.code, t.full_key) for t in tools):
        raise QqtextError(f"{name}: liability_code {liability_code!r} is not a tool")
    for pattern in (*skip, *liability, *(p for t in tools for p in (*t.patterns, *t.exclude))):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise QqtextError(f"{name}: bad pattern {pattern!r} ({exc})") from exc
    order = {t: i for i, t in enumerate(TOOL_TYPES)}
    tools.sort(key=lambda t: order[t.type])  # stable: file order within a type
    return Codebook(
        tools=tuple(tools),
        types=tuple((t, str(types[t].get("name", TYPE_NAMES[t])), str(types[t].get("definition", ""))) for t in TOOL_TYPES),
        skip=skip,
        path=name,
        liability=liability,
        liability_code=liability_code,
    )


@dataclass(frozen=True, slots=True)
class UnitCoding:
    """The policy tools of one unit (article or 意见-style section).

    Attributes:
        doc: document id; unit: the unit's id; number: its number; kind: ``article`` or ``section``.
        heading: the article's heading (第十二条) or the section's title.
        codes: full keys of the sub-tools found, in codebook order (empty when none or skipped).
        cues: for each code, the cues that gave it.
        skipped: the unit only states purpose, scope, entry into force or interpretation.
        liability: the unit is a liability clause, coded with the codebook's ``liability_code`` only.
    """

    doc: str
    unit: str
    number: int
    kind: Literal["article", "section"]
    heading: str
    codes: tuple[str, ...]
    cues: tuple[tuple[str, tuple[str, ...]], ...]
    skipped: bool
    liability: bool = False

    @property
    def types(self) -> tuple[str, ...]:
        """The tool types of the codes, each once, in :data:`TOOL_TYPES` order."""
        present = {code.split("/", 1)[0] for code in self.codes}
        return tuple(t for t in TOOL_TYPES if t in present)


def code_text(text: str, codebook: Codebook | None = None) -> dict[str, tuple[str, ...]]:
    """The sub-tools a text uses: full key -> the cues found, in codebook order.

    >>> sorted(code_text("完善政府采购制度，依法保障中小企业平等参与"))
    ['demand/procurement', 'environment/legal-institutional']
    """
    codebook = codebook or load_codebook()
    found = {}
    for tool in codebook.tools:
        hits = tool.hits(text)
        if hits:
            found[tool.full_key] = hits
    return found


def code_document(doc: Document, codebook: Codebook | None = None) -> list[UnitCoding]:
    """Code every article (or every section of an 意见-style text) of ``doc``."""
    codebook = codebook or load_codebook()
    out = []
    for unit in (*doc.articles, *doc.sections):
        is_article = isinstance(unit, Article)
        skipped = codebook.skipped(unit.text)
        liability = not skipped and codebook.is_liability(unit.text)
        if skipped:
            found = {}
        elif liability:  # the tools its items name are breaches: regulation only, cited by its own cues
            tool = codebook.tool(codebook.liability_code)  # type: ignore[arg-type]
            found = {tool.full_key: tool.hits(unit.text) or ("法律责任",)}
        else:
            found = code_text(unit.text, codebook)
        out.append(UnitCoding(
            doc=doc.id, unit=unit.id, number=unit.number, kind="article" if is_article else "section",
            heading=unit.heading if is_article else (unit.title or ""),
            codes=tuple(found), cues=tuple(found.items()), skipped=skipped, liability=liability,
        ))
    return out


def _codings(docs: Iterable[Document], codebook: Codebook) -> list[tuple[Document, list[UnitCoding]]]:
    return [(doc, code_document(doc, codebook)) for doc in docs]


def codings_frame(docs: Iterable[Document], codebook: Codebook | None = None) -> pd.DataFrame:
    """Every coding in long form: one row per unit and sub-tool, with the cues that gave it.

    Columns: ``doc``, ``unit`` (id), ``number``, ``heading``, ``type``, ``code`` (E2), ``tool`` (full
    key), ``name`` (Chinese), ``cues`` (joined with 、). Uncoded units have no row.
    """
    import pandas as pd

    codebook = codebook or load_codebook()
    rows = []
    for doc, coded in _codings(docs, codebook):
        for unit in coded:
            for key, cues in unit.cues:
                tool = codebook.tool(key)
                rows.append({"doc": doc.id, "unit": unit.unit, "number": unit.number, "heading": unit.heading,
                             "type": tool.type, "code": tool.code, "tool": key, "name": tool.name, "cues": "、".join(cues)})
    return pd.DataFrame(rows, columns=["doc", "unit", "number", "heading", "type", "code", "tool", "name", "cues"])


def policy_tools_frame(docs: Iterable[Document], codebook: Codebook | None = None) -> pd.DataFrame:
    """Policy tools per document, side by side: one column per document (its id), one row per measure.

    Rows, in order:

    * ``label`` (short Chinese label), ``units`` (articles or sections), ``coded_units`` (units with at
      least one tool), ``codings`` (units × sub-tools);
    * ``supply``, ``environment``, ``demand``: codings of each type;
    * ``supply_share``, ``environment_share``, ``demand_share``: each type's codings over all codings
      (0–1; 0 for a document with no coding);
    * one row per sub-tool, named by its full key (``supply/talent`` …): its codings (= the units
      coded with it).

    ``frame.attrs["names"]`` maps each row of a type or sub-tool to its Chinese name (供给型,
    人才培养 …), ``frame.attrs["labels"]`` each document id to its label. Use ``.T`` for one row per
    document.
    """
    import pandas as pd

    from qqtext.compare.profile import document_label

    codebook = codebook or load_codebook()
    tool_keys = [t.full_key for t in codebook.tools]
    columns: dict[str, dict[str, object]] = {}
    labels: dict[str, str] = {}
    for doc, coded in _codings(docs, codebook):
        per_tool = dict.fromkeys(tool_keys, 0)
        for unit in coded:
            for key in unit.codes:
                per_tool[key] += 1
        per_type = {t: sum(n for key, n in per_tool.items() if key.startswith(f"{t}/")) for t in TOOL_TYPES}
        total = sum(per_type.values())
        labels[doc.id] = document_label(doc)
        columns[doc.id] = {
            "label": labels[doc.id],
            "units": len(coded),
            "coded_units": sum(bool(u.codes) for u in coded),
            "codings": total,
            **per_type,
            **{f"{t}_share": round(per_type[t] / total, 4) if total else 0.0 for t in TOOL_TYPES},
            **per_tool,
        }
    index = ["label", "units", "coded_units", "codings", *TOOL_TYPES, *(f"{t}_share" for t in TOOL_TYPES), *tool_keys]
    frame = pd.DataFrame(columns, index=index)
    frame.attrs["names"] = {
        **{t: name for t, name, _ in codebook.types},
        **{f"{t}_share": name for t, name, _ in codebook.types},
        **{tool.full_key: tool.name for tool in codebook.tools},
    }
    frame.attrs["codes"] = {tool.full_key: tool.code for tool in codebook.tools}
    frame.attrs["labels"] = labels
    return frame
