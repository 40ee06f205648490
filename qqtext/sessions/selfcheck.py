"""自查: a private conduct checklist for officials, from what a document forbids or discourages.

**Privacy promise.** A self-check is for the official alone. Nothing in this module opens the
results store (:mod:`qqtext.sessions.store` is not even imported), a database or a network
connection: :func:`evaluate` works in memory, and the answers are written only when
:func:`save_local` is called, to a JSON file in the official's own user data folder
(``~/.local/share/qqtext/selfcheck/`` on Linux), readable by that user only. No trainer, report or
store ever sees them. (On a shared JupyterHub that folder is in the official's home on the hub
server: ``docs/deployment.md`` says what that means.)

The items are questions about the past year that an official answers 是 / 否 / 不确定; 是 flags
the item, and the result names the articles to reread:

* for the Jinan measures (``jinan-2019``), curated phrasings of every prohibition and conditional
  permission of 第十三条 and of 第七条 (过去一年，是否有企业专程派车接送您？ → 第十三条（五）
  不许单独指派、专程接送);
* for any other document, items generated from its norms (:func:`~qqtext.extract.norms.extract_norms`)
  of deontic *prohibition* or *discouragement* addressed to the government side (过去一年，您是否……？
  from the prohibited aim, with the situation it applies in), from the items listed under
  禁止下列行为, and from items a lead-in permits only with approval (经单位批准可参加以下活动：… gives
  您是否未经单位批准就……？).

>>> from qqtext import load_document
>>> items = self_check_items(load_document("jinan-2019"))
>>> item = next(i for i in items if "专程" in i.question)
>>> item.question, item.articles
('过去一年，是否有企业专程派车接送您？', ('第十三条（五）',))
>>> result = evaluate(items, {item.id: "是"})
>>> result.reread
('第十三条（五）',)
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from qqtext.errors import QqtextError
from qqtext.numerals import to_chinese_number

if TYPE_CHECKING:
    from qqtext.extract.norms import Norm
    from qqtext.model import Document

__all__ = [
    "ANSWERS",
    "YES",
    "NO",
    "UNSURE",
    "PRIVACY_NOTE",
    "SelfCheckError",
    "SelfCheckItem",
    "SelfCheckResult",
    "self_check_items",
    "evaluate",
    "save_local",
    "load_local",
    "default_path",
]

YES, NO, UNSURE = "是", "否", "不确定"
ANSWERS: tuple[str, ...] = (YES, NO, UNSURE)
FORMAT_VERSION = 1
#: Said under every result, and in the widgets that show one.
PRIVACY_NOTE = ("本次自查只在您自己的设备上进行：结果仅在您选择保存时存入您本人的用户数据文件夹，不会上传，"
                "也不会交给培训组织者或写入成绩库。")
RE_APPROVAL = re.compile(r"经(?P<who>[^，；。]{1,12}?)(?P<act>批准|同意|审批)")
RE_SITUATION = re.compile(r"在[^，；。]{1,24}?(?:过程中|期间|中|时)$")
RE_INDIVIDUAL = re.compile(r"工作人员|公职人员|干部|党员")
RE_REFERS_TO_LIST = re.compile(r"下列|以下|如下")
RE_TRAILING = re.compile(r"[，；。：！？、,;:.\s]+$")
RE_LEADING = re.compile(r"^(?:但|并|且|也|还|更|均|都|一律|同时)+")
INDIVIDUAL_HEADS = ("人员", "干部", "员", "者", "个人")
EXCLUDED_SIDES = frozenset({"business", "public"})


class SelfCheckError(QqtextError):
    """An answer that is not one of an item's answers, an unknown item, or a saved file that cannot be read."""


@dataclass(frozen=True, slots=True)
class SelfCheckItem:
    """One self-check question.

    Attributes:
        id: stable id (from the document and the question).
        question: 过去一年，……？
        answers: the answers offered (是 / 否 / 不确定).
        flag_if: the answer that flags the item (是).
        articles: the provisions to reread, as cited: ``("第十三条（五）",)``.
        quote: the provision's words.
        advice: what the rule asks, in a sentence or two.
        doc: the document's id; provenance: ``curated`` or ``generated``.
    """

    id: str
    question: str
    answers: tuple[str, ...] = ANSWERS
    flag_if: str = YES
    articles: tuple[str, ...] = ()
    quote: str = ""
    advice: str = ""
    doc: str = ""
    provenance: str = "curated"


@dataclass(frozen=True)
class SelfCheckResult:
    """A finished self-check: the items, the answers, what is flagged and the Chinese summary.

    Attributes:
        items: the items, in order; answers: ``{item id: answer}`` for the answered ones.
        flagged: ids of the items answered with their ``flag_if``; unsure: answered 不确定;
        unanswered: ids left without an answer.
        reread: the provisions of the flagged items, in the items' order; verify: those of the
            unsure ones not already in ``reread``.
        summary: the result in Chinese, for the official.
        taken: when it was evaluated (ISO 8601, UTC).
    """

    items: tuple[SelfCheckItem, ...]
    answers: dict[str, str]
    flagged: tuple[str, ...]
    unsure: tuple[str, ...]
    unanswered: tuple[str, ...]
    reread: tuple[str, ...]
    verify: tuple[str, ...]
    summary: str
    taken: str = field(default="")

    def item(self, item_id: str) -> SelfCheckItem:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)


# -- items --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Curated:
    article: int
    item: int | None
    question: str
    quote: str
    advice: str


#: Curated items of the Jinan measures: every prohibition and conditional permission of 第十三条, and 第七条.
JINAN: tuple[_Curated, ...] = (
    _Curated(7, None, "过去一年，您在办案中是否参与过违法违规冻结企业账号、查封企业账册、堵塞企业资金流通渠道或发布影响企业声誉的信息？"
             "（司法、执法、执纪机关工作人员作答，其他人员可答“否”）",
             "不得违法违规冻结企业账号、查封企业账册、堵塞企业资金流通渠道、发布影响企业声誉的信息",
             "办案中应当依法维护涉案企业的合法权益，不得违法违规冻结账号、查封账册、堵塞资金流通渠道或发布影响企业声誉的信息。"),
    _Curated(13, 1, "过去一年，您是否未经单位批准，参加过企业、行业协会或商会举办的座谈会、茶话会、年会等商务活动？",
             "参加企业、行业协会、商会举办的座谈会、茶话会、年会等旨在了解行业或企业发展状况、听取意见建议的各类公开商务活动",
             "参加这类活动须经单位批准，且应是旨在了解行业或企业发展状况、听取意见建议的公开商务活动。"),
    _Curated(13, 1, "过去一年，您在参加企业活动时，是否接受过超出公务接待标准的工作餐？",
             "接受企业提供的符合公务接待标准的工作餐",
             "只能接受企业提供的符合公务接待标准的工作餐。"),
    _Curated(13, 2, "过去一年，您是否未经单位批准，参加过企业、行业协会或商会组织的外出考察调研活动？",
             "参加企业、行业协会、商会为推动企业学习提高、发展壮大组织的外出考察调研活动",
             "参加企业组织的外出考察调研须经单位批准，且应是为推动企业学习提高、发展壮大而组织的活动。"),
    _Curated(13, 3, "过去一年，您是否未经单位批准，组织企业参加过展销会、推介会等经贸交流活动？",
             "组织企业、行业协会、商会参加为了推广企业产品或服务的展销会、推介会等公开经贸交流活动",
             "组织企业参加展销会、推介会须经单位批准，且应是推广企业产品或服务的公开经贸交流活动。"),
    _Curated(13, 4, "过去一年，您上门服务企业或调研时，企业提供的用餐是否上过高档菜肴或烟酒？",
             "确有需要企业提供用餐的，应按当地公务接待标准安排公务用餐，但不得上高档菜肴和烟酒",
             "确有需要企业提供用餐的，应按当地公务接待标准安排公务用餐，不得上高档菜肴和烟酒。"),
    _Curated(13, 4, "过去一年，您上门服务企业或调研时，是否在并非确有需要的情况下由企业安排用餐？",
             "确有需要企业提供用餐的，应按当地公务接待标准安排公务用餐",
             "只有确有需要时才可由企业提供用餐，并按当地公务接待标准安排。"),
    _Curated(13, 5, "过去一年，是否有企业专程派车接送您？",
             "上门服务企业或开展调研，应自备或乘坐公共交通工具，确有需要可搭乘企业交通工具，但不许单独指派、专程接送",
             "上门服务企业或开展调研应自备或乘坐公共交通工具；确有需要可搭乘企业交通工具，但不许企业单独指派车辆、专程接送。"),
    _Curated(13, 6, "过去一年，您随企业统一安排出行、就餐后，是否有未按公务出差标准结清差旅费用的情况？",
             "企业统一安排出行、就餐的，可一并同行、就餐，并按公务出差标准结清差旅费用",
             "协助企业到外地申报项目、开展推介时可随企业统一安排同行、就餐，但须按公务出差标准结清差旅费用。"),
    _Curated(13, 7, "过去一年，您是否在不符合公务接待规定的场所（如私人会所、高消费餐饮场所）与企业人员商议工作？",
             "可以邀请企业人员在各类符合公务接待的场所进行商议",
             "邀请企业人员商议工作，只能在符合公务接待规定的场所。"),
    _Curated(13, 8, "过去一年，您是否与企业人员互赠过礼品？",
             "在与企业人员特别是港澳台海外人士交往中，不提倡互赠礼品",
             "与企业人员交往中不提倡互赠礼品；确因工作需要赠送礼品的，按有关规定报批。"),
    _Curated(13, 8, "过去一年，您接受企业人员赠送的礼品后，是否有未按有关规定处理的情况？",
             "接受的礼品按有关规定处理",
             "接受的礼品须按有关规定处理（登记、上交等）。"),
)
CURATED: dict[str, tuple[_Curated, ...]] = {"jinan-2019": JINAN}


def _citation(article: int | None, item: int | None) -> str:
    if article is None:
        return ""
    return f"第{to_chinese_number(article)}条" + (f"（{to_chinese_number(item)}）" if item is not None else "")


def _item_id(doc: str, question: str) -> str:
    return "sc-" + hashlib.sha1(f"{doc}\n{question}".encode()).hexdigest()[:10]


def _make(doc: str, question: str, article: int | None, item: int | None, quote: str, advice: str,
          provenance: str) -> SelfCheckItem:
    cited = _citation(article, item)
    return SelfCheckItem(_item_id(doc, question), question, ANSWERS, YES, (cited,) if cited else (), quote,
                         advice, doc, provenance)


def self_check_items(doc: Document, *, curated: bool = True) -> list[SelfCheckItem]:
    """The self-check items of ``doc``, in article order.

    Curated items where the document has them (the Jinan measures); generated items for every other
    prohibition or discouragement, and for every listed activity a lead-in permits only with approval.
    A curated item whose quote the document does not hold (a changed text under the same id) is
    left out, and its provision generated instead. ``curated=False``: generated items only.
    """
    from qqtext.extract.norms import extract_norms

    items: list[tuple[tuple, SelfCheckItem]] = []
    covered: set[tuple[int | None, int | None]] = set()
    if curated:
        for k, entry in enumerate(CURATED.get(doc.id, ())):
            if entry.quote not in doc.text:
                continue
            covered.add((entry.article, entry.item))
            items.append(((entry.article, entry.item or 0, 0, k),
                          _make(doc.id, entry.question, entry.article, entry.item, entry.quote, entry.advice, "curated")))
    norms = extract_norms(doc)
    generated = [*_from_norms(doc, norms), *_from_listed_items(doc, norms)]
    seen = {item.question for _, item in items}
    for key, item in sorted(generated, key=lambda pair: _order(pair[0])):
        article, number = key[0], key[1] or None
        if (article, number) in covered or item.question in seen:
            continue
        seen.add(item.question)
        items.append((key, item))
    return [item for _, item in sorted(items, key=lambda pair: _order(pair[0]))]


def _order(key: tuple) -> tuple:
    article, *rest = key
    return (article is None, article or 0, *rest)


def _addressed(norm: Norm) -> bool:
    """Whether a norm binds the government side (officials, their bodies), or anyone."""
    from qqtext.extract.actors import actor_dictionary

    dictionary = actor_dictionary()
    sides = {dictionary[a].side if a in dictionary else None for a in norm.actor}
    return not sides or not sides <= EXCLUDED_SIDES


def _who(norm: Norm) -> str:
    """您 for a norm on individuals (工作人员, 领导干部 …); 您或您所在单位 for one on bodies."""
    actors = [a for a in norm.actor if a]
    named = "".join((*norm.conditions, norm.text))
    if not actors or all(a.endswith(INDIVIDUAL_HEADS) for a in actors) or RE_INDIVIDUAL.search(named):
        return "您"
    return "您或您所在单位"


def _actors(norm: Norm) -> str:
    return "、".join(a for a in norm.actor if a and not a.startswith("任何"))


def _situation(conditions: Sequence[str]) -> str:
    """When a prohibition applies, phrased as a time (确有需要企业提供用餐时), from its last situational condition."""
    for condition in reversed(conditions):
        condition = RE_TRAILING.sub("", condition.strip())
        if RE_APPROVAL.search(condition) or condition.endswith("基础上") or condition.startswith(("为", "确因", "因")):
            continue
        inner = RE_SITUATION.search(condition)
        if inner:
            return inner.group()
        if condition.endswith("的") and len(condition) > 2:
            return condition[:-1] + "时"
    return ""


def _act(text: str) -> str:
    return RE_LEADING.sub("", RE_TRAILING.sub("", text.strip()))


def _from_norms(doc: Document, norms: Sequence[Norm]) -> list[tuple[tuple, SelfCheckItem]]:
    out = []
    for k, norm in enumerate(norms):
        if norm.deontic not in ("prohibition", "discouragement") or not _addressed(norm) or norm.cue_implicit:
            continue  # an item under 禁止下列行为 is asked by _from_listed_items
        act = _act(doc.text[norm.cue_span.end:norm.span.end])
        if len(act) < 3 or RE_REFERS_TO_LIST.search(act):
            continue  # 禁止下列行为: the listed items are the acts (see _from_listed_items)
        when = _situation(norm.conditions)
        question = f"过去一年，{when + '，' if when else ''}{_who(norm)}是否{act}？"
        verb = "不提倡" if norm.deontic == "discouragement" else "不得"
        cited = _citation(norm.article, norm.item)
        advice = f"{cited + '：' if cited else ''}{_actors(norm)}{verb}{act}。"
        out.append(((norm.article, norm.item or 0, 1, k),
                    _make(doc.id, question, norm.article, norm.item, norm.text, advice, "generated")))
    return out


def _from_listed_items(doc: Document, norms: Sequence[Norm]) -> list[tuple[tuple, SelfCheckItem]]:
    """Items under 禁止下列行为 (each a prohibited act) or under 经…批准可…以下活动 (each needs approval)."""
    out = []
    leads: dict[tuple[int | None, int], list[Norm]] = {}
    for norm in norms:
        if norm.item is None and norm.article is not None:
            leads.setdefault((norm.article, norm.paragraph), []).append(norm)
    for article in doc.articles:
        for paragraph in article.paragraphs:
            if not paragraph.items:
                continue
            lead = leads.get((article.number, paragraph.number), [])
            forbidding = [n for n in lead if n.deontic == "prohibition" and _addressed(n)
                          and RE_REFERS_TO_LIST.search(doc.text[n.cue_span.end:n.span.end])]
            approving = [n for n in lead if n.deontic == "permission" and _addressed(n)
                         and any(RE_APPROVAL.search(c) for c in n.conditions)]
            for item in paragraph.items:
                text = _act(item.text)
                if not text or text.startswith("其他"):
                    continue  # 其他符合规定的活动: nothing to ask
                if forbidding:
                    norm = forbidding[0]
                    when = _situation(norm.conditions)
                    question = f"过去一年，{when + '，' if when else ''}{_who(norm)}是否{text}？"
                    advice = f"{_citation(article.number, item.number)}：{when}禁止{text}。"
                elif approving:
                    norm = approving[0]
                    approval = next(m.group() for c in norm.conditions if (m := RE_APPROVAL.search(c)))
                    first = _act(re.split(r"[，；。]", item.text, maxsplit=1)[0])
                    if first.startswith("在") or RE_SITUATION.search(first):
                        continue  # 在与企业人员交往中: a situation, not an activity
                    question = f"过去一年，{_who(norm)}是否未{approval}就{first}？"
                    advice = f"{_citation(article.number, item.number)}：{first}，须{approval}。"
                else:
                    continue
                out.append(((article.number, item.number, 2, len(out)),
                            _make(doc.id, question, article.number, item.number, _act(item.text), advice, "generated")))
    return out


# -- evaluating ------------------------------------------------------------------------------------------


def evaluate(items: Sequence[SelfCheckItem], answers: Mapping[str, str], *,
             clock: Callable[[], datetime] | None = None) -> SelfCheckResult:
    """Which items are flagged and which provisions to reread, with a Chinese summary. In memory only.

    Args:
        items: from :func:`self_check_items`.
        answers: ``{item id: 是 | 否 | 不确定}``; items left out are unanswered.
        clock: gives the time recorded as ``taken`` (default: now, UTC).

    Raises:
        SelfCheckError: an id that is not one of the items, or an answer an item does not offer.
    """
    items = tuple(items)
    by_id = {item.id: item for item in items}
    given: dict[str, str] = {}
    for item_id, answer in answers.items():
        if item_id not in by_id:
            raise SelfCheckError(f"no self-check item {item_id!r}")
        answer = str(answer).strip()
        if answer not in by_id[item_id].answers:
            raise SelfCheckError(f"{item_id}: the answer is one of {'、'.join(by_id[item_id].answers)}, not {answer!r}")
        given[item_id] = answer
    flagged = tuple(i.id for i in items if given.get(i.id) == i.flag_if)
    unsure = tuple(i.id for i in items if given.get(i.id) == UNSURE and i.flag_if != UNSURE)
    unanswered = tuple(i.id for i in items if i.id not in given)
    reread = tuple(dict.fromkeys(a for i in flagged for a in by_id[i].articles))
    verify = tuple(a for a in dict.fromkeys(a for i in unsure for a in by_id[i].articles) if a not in reread)
    moment = (clock or (lambda: datetime.now(timezone.utc)))()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    taken = moment.astimezone(timezone.utc).isoformat(timespec="seconds")
    ordered = {item.id: given[item.id] for item in items if item.id in given}
    summary = _summary(items, ordered, flagged, unsure, unanswered, reread, verify, taken)
    return SelfCheckResult(items, ordered, flagged, unsure, unanswered, reread, verify, summary, taken)


def _summary(items: tuple[SelfCheckItem, ...], answers: dict[str, str], flagged: tuple[str, ...],
             unsure: tuple[str, ...], unanswered: tuple[str, ...], reread: tuple[str, ...],
             verify: tuple[str, ...], taken: str) -> str:
    by_id = {item.id: item for item in items}
    counts = {answer: sum(1 for a in answers.values() if a == answer) for answer in ANSWERS}
    lines = [f"自查结果（{taken[:10]}）",
             (f"共 {len(items)} 项，已回答 {len(answers)} 项：“是” {counts[YES]} 项，“否” {counts[NO]} 项，"
              f"“不确定” {counts[UNSURE]} 项。")]
    if flagged:
        lines.append(f"需要留意 {len(flagged)} 项，建议重读：{'、'.join(reread) or '相关规定'}。")
        lines += _explain(by_id, flagged, answers)
    else:
        lines.append("没有需要留意的情形。")
    if unsure:
        where = f"：{'、'.join(verify)}" if verify else ""
        lines.append(f"不确定 {len(unsure)} 项，建议对照原文核实{where}。")
        lines += _explain(by_id, unsure, answers)
    if unanswered:
        lines.append(f"尚有 {len(unanswered)} 项未回答。")
    lines.append(PRIVACY_NOTE)
    return "\n".join(lines)


def _explain(by_id: dict[str, SelfCheckItem], ids: tuple[str, ...], answers: dict[str, str]) -> list[str]:
    lines = []
    for number, item_id in enumerate(ids, 1):
        item = by_id[item_id]
        lines.append(f"  {number}. {item.question} —— {answers[item_id]}")
        if item.quote:
            lines.append(f"     {'、'.join(item.articles)}：“{item.quote}”")
        if item.advice:
            lines.append(f"     要点：{item.advice}")
    return lines


# -- keeping it on the official's machine -------------------------------------------------------------------


def default_path(doc: str = "selfcheck") -> Path:
    """Where :func:`save_local` writes by default: ``selfcheck/<doc>.json`` in the user's data folder."""
    from qqtext.sessions._datadir import user_data_dir

    safe = re.sub(r"[^\w.\-]+", "_", doc).strip("._") or "selfcheck"
    return user_data_dir() / "selfcheck" / f"{safe}.json"


def _result_doc(result: SelfCheckResult) -> str:
    return next((item.doc for item in result.items if item.doc), "selfcheck")


def save_local(result: SelfCheckResult, path: str | os.PathLike[str] | None = None) -> Path:
    """Write ``result`` to a JSON file on this machine (readable by this user only); return its path.

    ``path`` defaults to :func:`default_path` for the result's document. The file is replaced
    whole (written beside it, then renamed), so a crash never leaves half a file. Nothing is sent
    anywhere and nothing is written to the results store.

    Raises:
        SelfCheckError: the file cannot be written.
    """
    target = Path(path) if path is not None else default_path(_result_doc(result))
    data = {"format": "qqtext-selfcheck", "version": FORMAT_VERSION, "taken": result.taken,
            "items": [asdict(item) for item in result.items], "answers": result.answers}
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if path is None:  # the per-user folder is private whatever made it first; a chosen folder is the user's
            os.chmod(target.parent, 0o700)
        handle, temporary = tempfile.mkstemp(prefix=".selfcheck-", suffix=".json", dir=target.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
            os.chmod(temporary, 0o600)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise SelfCheckError(f"cannot save the self-check to {target}: {error.strerror or error}") from None
    return target


def load_local(path: str | os.PathLike[str] | None = None, *, doc: str = "selfcheck") -> SelfCheckResult:
    """Read back a result written by :func:`save_local` (re-evaluated from its items and answers).

    ``path`` defaults to :func:`default_path` for ``doc``.

    Raises:
        SelfCheckError: a missing or unreadable file, or one that is not a saved self-check.
    """
    source = Path(path) if path is not None else default_path(doc)
    try:
        if not stat.S_ISREG(source.stat().st_mode):  # a FIFO would block the read; a folder is no file
            raise SelfCheckError(f"{source} is not a saved self-check (not a regular file)")
        with open(source, "rb") as handle:
            raw_bytes = handle.read(MAX_SAVED_BYTES + 1)
    except OSError as error:
        raise SelfCheckError(f"cannot read the self-check {source}: {error.strerror or error}") from None
    if len(raw_bytes) > MAX_SAVED_BYTES:
        raise SelfCheckError(f"{source} is not a saved self-check (over {MAX_SAVED_BYTES // 1024 // 1024} MB)")
    try:
        data = json.loads(raw_bytes.decode("utf-8"))
    except (ValueError, RecursionError) as error:  # not UTF-8, not JSON, nested beyond reason
        raise SelfCheckError(f"{source} is not a saved self-check: {_short(error)}") from None
    if not isinstance(data, dict) or data.get("format") != "qqtext-selfcheck":
        raise SelfCheckError(f"{source} is not a saved self-check")
    version = data.get("version", 0)
    if isinstance(version, bool) or not isinstance(version, int):
        raise SelfCheckError(f"{source} is not a saved self-check: the version {_short(repr(version))} is not a number")
    if version > FORMAT_VERSION:
        raise SelfCheckError(f"{source} was saved by a newer qqtext (format {version})")
    try:
        _check_saved_text(data)
        if not isinstance(data["items"], list) or not isinstance(data["answers"], dict):
            raise TypeError("items must be a list and answers a mapping")
        items = [SelfCheckItem(**{**raw, "answers": tuple(raw["answers"]), "articles": tuple(raw["articles"])})
                 for raw in data["items"]]
        if not all(isinstance(value, str) for item in items for value in (item.id, item.question, item.flag_if)):
            raise TypeError("an item's id, question and flag_if must be text")
        taken = datetime.fromisoformat(data["taken"])
        return evaluate(items, data["answers"], clock=lambda: taken)
    except KeyError as error:
        raise SelfCheckError(f"{source} is not a saved self-check: no {_short(error)}") from None
    except (TypeError, ValueError, AttributeError, SelfCheckError) as error:
        raise SelfCheckError(f"{source} is not a saved self-check: {_short(error)}") from None


#: The largest saved self-check read back (one of 100 items is about 60 KB).
MAX_SAVED_BYTES = 10 * 1024 * 1024


def _short(error: object, limit: int = 200) -> str:
    text = " ".join(str(error).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_saved_text(data: object) -> None:
    """Refuse a lone surrogate anywhere in a saved self-check (it could not be printed or saved again)."""
    from qqtext.textsafe import RE_SURROGATE

    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if RE_SURROGATE.search(value):
                raise ValueError(f"a lone surrogate in {_short(repr(value), 60)}")
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
