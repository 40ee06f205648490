"""Profiles of policy texts, side by side: deontic mix, actors and duties, responsibility, key provisions.

:func:`profile` reduces one parsed :class:`~qqtext.model.Document` to a :class:`Profile`:

* **deontic distribution**: how many norms (:func:`~qqtext.extract.norms.extract_norms`) oblige,
  prohibit, permit, encourage or discourage, and their shares;
* **actors**: who the norms address, with the side of each actor in the domain dictionary
  (government, business, supervisory, coordinating, public; ``other`` for bodies recognised only by
  their head noun, such as 发展改革部门), and the duties of
  :func:`~qqtext.extract.duties.extract_duties` each bears;
* **responsibility structure**: who bears the 主体责任, who the 监督责任 (or supervises), who
  interprets the text, and who sanctions: the sanctioning bodies of
  :func:`~qqtext.extract.duties.extract_duties` plus those a liability clause of a law names
  (由有关部门责令改正 …, :data:`RE_LIABILITY`);
* a **checklist of key provisions** (:data:`PROVISIONS`): for each, present or not, the articles
  found (section numbers in an 意见-style text) and a quote.

The checklist rules match **one sentence at a time** (a sentence ends at 。！？ or with its paragraph
or item); a rule may also require something of the whole article. Each provision has one or more
alternative rules; a rule matches a sentence when all its ``sentence`` patterns match it, none of its
``unless`` patterns does, and all its ``article`` patterns match the article. The rules:

=================  ======================  ==============================================================
key                name                    rule (any alternative)
=================  ======================  ==============================================================
hearing            制定政策听取企业意见    听取/征求 … 企业/市场主体/经营者/民营经济组织 … 意见, in a sentence
                                           about 制定 … 政策/法规/规章/规范性文件/措施, a 决策 or a 决定
no_freezing        不得违法冻结账户财产    冻结 with 账户/账号/财产/财物/资金 in a sentence that forbids it
                                           (不得/严禁/禁止) or calls it unlawful (违法/违规/违反法定…)
conduct_list       政商交往正负面清单      a 正面清单/负面清单 or …清单 in a sentence about 交往 (not
                                           市场准入); or a 下列/以下行为/活动： list in an article about
                                           交往 (a 禁止下列行为 negative list, or Jinan's 可参加或组织以下活动
                                           positive list)
reception          公务接待标准            公务接待标准 / 接待标准 / 超标准接待 / 公务接待管理规定
fault_tolerance    容错纠错                容错 (容错纠错, 容错免责 …); or 失误/偏差/过失 … 免责/免予追责/
                                           减轻/从轻/宽容 (the 2019 national 条例's 第七条 names no 容错)
report_handling    举报办理                举报 with 办理/核查/反馈/受理/处理/办结/答复/查办/查处 in the
                                           same clause group (either order); not a mere 有权举报
hotline            热线                    12345, 热线, 服务专线
=================  ======================  ==============================================================

A liability clause that punishes the failure (不按照规定听取市场主体…意见 among 依法依规追究责任's
items; 对…转办的投诉、举报拒不办理的) matches too: the cell then lists the rule's article and the
liability article (62、69).

>>> from qqtext import load_document
>>> p = profile(load_document("jinan-2019"))
>>> p.finding("no_freezing").articles, p.finding("hotline").articles
((7,), (19,))
>>> p.responsibility.main
('党委', '政府', '职能部门')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qqtext.corpus import document_year
from qqtext.extract.duties import Duty, extract_duties
from qqtext.extract.norms import Norm, extract_norms
from qqtext.model import Article, Document
from qqtext.numerals import to_chinese_number

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DEONTIC_TYPES",
    "DEONTIC_NAMES",
    "SIDES",
    "SIDE_NAMES",
    "Rule",
    "Provision",
    "PROVISIONS",
    "Finding",
    "ActorProfile",
    "Responsibility",
    "Profile",
    "RE_LIABILITY",
    "profile",
    "profiles",
    "find_provisions",
    "document_label",
    "profiles_frame",
    "profile_row",
    "finding_rows",
    "checklist_frame",
    "findings_frame",
    "duties_frame",
    "PROFILE_ROWS",
]

#: The deontic types, in the order of every table and plot.
DEONTIC_TYPES = ("obligation", "prohibition", "permission", "encouragement", "discouragement")
#: Their Chinese names.
DEONTIC_NAMES = {"obligation": "义务", "prohibition": "禁止", "permission": "许可", "encouragement": "鼓励",
                 "discouragement": "不提倡"}
#: The sides of actors (``other``: an actor recognised by its head noun only, not in the dictionary).
SIDES = ("government", "supervisory", "coordinating", "business", "public", "other")
SIDE_NAMES = {"government": "政府方", "supervisory": "监督方", "coordinating": "统战/工商联", "business": "企业方",
              "public": "社会公众", "other": "其他"}


# ------------------------------------------------------------------ the checklist


@dataclass(frozen=True, slots=True)
class Rule:
    """One way a provision can be written (see the module docstring for how it matches).

    Attributes:
        sentence: regexes that must all match the sentence.
        unless: regexes none of which may match the sentence.
        article: regexes that must all match the text of the sentence's article (or section).
    """

    sentence: tuple[str, ...]
    unless: tuple[str, ...] = ()
    article: tuple[str, ...] = ()

    def matches(self, sentence: str, article: str) -> bool:
        """Whether this rule finds the provision in ``sentence`` of ``article``."""
        return (
            all(re.search(p, sentence) for p in self.sentence)
            and not any(re.search(p, sentence) for p in self.unless)
            and all(re.search(p, article) for p in self.article)
        )


@dataclass(frozen=True, slots=True)
class Provision:
    """A key provision of the checklist: a key, its Chinese name, what it means, how it is found."""

    key: str
    name: str
    description: str
    rules: tuple[Rule, ...]

    def matches(self, sentence: str, article: str) -> bool:
        """Whether any of the rules finds the provision in ``sentence`` of ``article``."""
        return any(rule.matches(sentence, article) for rule in self.rules)


_FIRMS = r"(?:企业|市场主体|经营者|民营经济组织|经营主体)"
_POLICY_MAKING = r"制定[^。；]{0,30}?(?:政策|法规|规章|规范性文件|措施)|决策|作出[^。；]{0,12}决定"
_PROHIBITED = r"不得|严禁|禁止|违法|违规|违反法定|违反[^。；]{0,6}规定"

#: The key provisions, in checklist order.
PROVISIONS: tuple[Provision, ...] = (
    Provision(
        "hearing", "制定政策听取企业意见",
        "Before a policy, rule or decision touching firms is made, the firms (or market entities) are heard.",
        (Rule((rf"(?:听取|征求)[^。]{{0,40}}?{_FIRMS}[^。]{{0,30}}?意见", _POLICY_MAKING)),),
    ),
    Provision(
        "no_freezing", "不得违法冻结账户财产",
        "Accounts or assets of firms are not frozen unlawfully (查封、冻结、扣押 only within the law).",
        (Rule((r"冻结", r"账户|账号|财产|财物|资金", _PROHIBITED)),),
    ),
    Provision(
        "conduct_list", "政商交往正负面清单",
        "A positive or negative list for officials' dealings with firms (政商交往).",
        (
            Rule((r"清单", r"交往"), unless=(r"市场准入",)),
            Rule((r"(?:下列|以下)(?:行为|活动)[：:]\s*$",), article=(r"交往",)),
        ),
    ),
    Provision(
        "reception", "公务接待标准",
        "Meals, lodging or hospitality follow the official-reception standards (公务接待标准).",
        (Rule((r"公务接待标准|接待标准|超标准[^。；，]{0,6}接待|公务接待管理规定",)),),
    ),
    Provision(
        "fault_tolerance", "容错纠错",
        "Officials' mistakes made in good faith while reforming are tolerated (容错纠错, 免责).",
        (Rule((r"容错",)), Rule((r"(?:失误|偏差|过失)[^。]{0,40}(?:免责|免予追责|减轻责任|减轻|从轻|宽容)",))),
    ),
    Provision(
        "report_handling", "举报办理",
        "Reports (举报) are accepted, handled, checked and answered.",
        (Rule((r"举报[^。；]{0,20}(?:办理|核查|反馈|受理|处理|办结|答复|查办|查处)"
               r"|(?:办理|核查|受理|处理|查办|查处)[^。；]{0,12}举报",)),),
    ),
    Provision(
        "hotline", "热线",
        "A hotline (12345 or another 热线 / 服务专线) takes firms' complaints or requests.",
        (Rule((r"12345|热线|服务专线",)),),
    ),
)


@dataclass(frozen=True, slots=True)
class Finding:
    """Whether a document has a provision, where, and in which words.

    Attributes:
        provision: the provision's key; name: its Chinese name.
        present: found at least once.
        articles: numbers of the articles where it is found, in order (empty in an 意见-style text).
        sections: numbers of the 意见-style sections where it is found.
        quote: the first sentence found (``None`` when absent).
        units: ids of every sentence found.
    """

    provision: str
    name: str
    present: bool
    articles: tuple[int, ...]
    sections: tuple[int, ...]
    quote: str | None
    units: tuple[str, ...]

    @property
    def cell(self) -> str:
        """The places found, for a table cell: ``5``, ``62、69``, ``二`` (a section: Chinese numerals), or ``""``.

        >>> Finding("hotline", "热线", True, (62, 69), (), "…", ()).cell
        '62、69'
        """
        return "、".join([*map(str, self.articles), *map(to_chinese_number, self.sections)])


def find_provisions(doc: Document, provisions: Sequence[Provision] = PROVISIONS) -> tuple[Finding, ...]:
    """The checklist of ``doc``: one :class:`Finding` per provision, in the order given.

    >>> from qqtext import parse_text
    >>> doc = parse_text("第一条 开通12345热线。\\n第二条 不得违法冻结企业账户。", doc_id="d")
    >>> [(f.provision, f.cell) for f in find_provisions(doc) if f.present]
    [('no_freezing', '2'), ('hotline', '1')]
    """
    found: dict[str, list[tuple[object, str, str]]] = {p.key: [] for p in provisions}
    for unit, sentence in doc.sentences():
        for provision in provisions:
            if provision.matches(sentence.text, unit.text):
                found[provision.key].append((unit, sentence.id, sentence.text))
    findings = []
    for provision in provisions:
        hits = found[provision.key]
        articles = tuple(dict.fromkeys(u.number for u, *_ in hits if isinstance(u, Article)))
        sections = tuple(dict.fromkeys(u.number for u, *_ in hits if not isinstance(u, Article)))
        findings.append(Finding(
            provision.key, provision.name, bool(hits), articles, sections,
            hits[0][2] if hits else None, tuple(unit_id for _, unit_id, _ in hits),
        ))
    return tuple(findings)


# ------------------------------------------------------------------ actors and responsibility


@dataclass(frozen=True, slots=True)
class ActorProfile:
    """An actor the norms of a document address.

    Attributes:
        name: canonical name; side: see :data:`SIDES`.
        norms: how many norms address it; deontic: how many of each type (:data:`DEONTIC_TYPES` order).
        duties: what it answers for (duty, supervision, sanction, interpretation), in text order.
    """

    name: str
    side: str
    norms: int
    deontic: tuple[tuple[str, int], ...]
    duties: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Responsibility:
    """Who bears the 主体责任 and the 监督责任, who interprets the text and who sanctions."""

    main: tuple[str, ...]
    supervisory: tuple[str, ...]
    interprets: tuple[str, ...]
    sanctions: tuple[str, ...]


#: A liability clause naming the body that sanctions: 由有关部门责令改正, 由X会同Y共同查处, 由X给予处分
#: (not 由X按照规定程序处理 of a review request, nor 由X给予通报表扬).
RE_LIABILITY = re.compile(
    r"由(?P<body>[^，。；由]{2,30}?)(?:依法|依照[^，。；]{0,12}?|共同)?"
    r"(?:责令(?:限期)?改正|查处|给予[^，。；]{0,12}?(?:处分|处罚|罚款)|予以处罚|处以|追究)"
)


def _liability_bodies(doc: Document) -> list[str]:
    from qqtext.extract.actors import find_actors

    bodies: list[str] = []
    for _, sentence in doc.sentences():
        for match in RE_LIABILITY.finditer(sentence.text):
            phrase = match.group("body")
            mentions = find_actors(phrase)
            if mentions:
                bodies.extend(m.canonical for m in mentions)
            else:
                bodies.append(phrase.rsplit("的", 1)[-1])
    return bodies


# ------------------------------------------------------------------ the profile


@dataclass(frozen=True, slots=True)
class Profile:
    """What a document asks of whom, in one object (see the module docstring).

    Attributes:
        doc: the document id; title; label: a short Chinese label for tables and plots
            (:func:`document_label`); place, level, year: from the metadata (``None`` where unknown).
        units: articles (or 意见-style sections).
        deontic: norms of each type, in :data:`DEONTIC_TYPES` order.
        actors: the actors addressed, most norms first.
        duties: the duties of :func:`~qqtext.extract.duties.extract_duties`.
        responsibility: who bears which responsibility.
        checklist: one finding per provision of :data:`PROVISIONS`.
    """

    doc: str
    title: str
    label: str
    place: str | None
    level: str | None
    year: int | None
    units: int
    deontic: tuple[tuple[str, int], ...]
    actors: tuple[ActorProfile, ...]
    duties: tuple[Duty, ...]
    responsibility: Responsibility
    checklist: tuple[Finding, ...]

    @property
    def norms(self) -> int:
        """The number of norms."""
        return sum(count for _, count in self.deontic)

    @property
    def deontic_counts(self) -> dict[str, int]:
        """Norms of each deontic type."""
        return dict(self.deontic)

    @property
    def deontic_shares(self) -> dict[str, float]:
        """The share of each deontic type among the norms (all 0.0 when there are none)."""
        total = self.norms
        return {name: (count / total if total else 0.0) for name, count in self.deontic}

    def actors_by_side(self) -> dict[str, tuple[str, ...]]:
        """The actors addressed, grouped by side (every side of :data:`SIDES`, maybe empty)."""
        return {side: tuple(a.name for a in self.actors if a.side == side) for side in SIDES}

    def finding(self, key: str) -> Finding:
        """The checklist finding of provision ``key``.

        Raises:
            KeyError: if there is no such provision.
        """
        for finding in self.checklist:
            if finding.provision == key:
                return finding
        raise KeyError(f"no provision {key!r}; known: {', '.join(f.provision for f in self.checklist)}")


def document_label(doc: Document) -> str:
    """A short Chinese label: place and year, then the title without its place, or the genre.

    >>> from qqtext import load_document
    >>> document_label(load_document("jinan-2019"))
    '济南市2019·实施办法'
    """
    place = doc.meta("place") or ""
    year = document_year(doc)
    title = re.sub(r"[（(][^）)]*[）)]$", "", doc.title).strip()
    if place and title.startswith(place):
        title = title[len(place):]
    short = title if len(title) <= 10 else (doc.kind or title[:10])
    head = f"{place}{year or ''}"
    return f"{head}·{short}" if head else short


def profile(doc: Document, *, norms: Sequence[Norm] | None = None, duties: Sequence[Duty] | None = None) -> Profile:
    """The profile of ``doc`` (norms and duties are extracted unless given)."""
    from qqtext.extract.actors import actor_dictionary

    norms = extract_norms(doc) if norms is None else list(norms)
    duties = extract_duties(doc) if duties is None else list(duties)
    dictionary = actor_dictionary()

    counts = dict.fromkeys(DEONTIC_TYPES, 0)
    per_actor: dict[str, dict[str, int]] = {}
    for norm in norms:
        counts[norm.deontic] += 1
        for actor in norm.actor:
            per_actor.setdefault(actor, dict.fromkeys(DEONTIC_TYPES, 0))[norm.deontic] += 1
    duty_names: dict[str, list[str]] = {}
    for duty in duties:
        duty_names.setdefault(duty.body, []).append(duty.duty)
    actors = [
        ActorProfile(
            name,
            dictionary[name].side if name in dictionary else "other",
            sum(by_type.values()),
            tuple(by_type.items()),
            tuple(dict.fromkeys(duty_names.get(name, ()))),
        )
        for name, by_type in per_actor.items()
    ]
    actors.sort(key=lambda a: -a.norms)  # stable: ties keep text order

    def bodies(test) -> tuple[str, ...]:
        return tuple(dict.fromkeys(d.body for d in duties if test(d)))

    responsibility = Responsibility(
        main=bodies(lambda d: d.relation == "responsible_for" and d.duty == "主体责任"),
        supervisory=bodies(lambda d: d.relation == "supervises"),
        interprets=bodies(lambda d: d.relation == "interprets"),
        sanctions=tuple(dict.fromkeys([*bodies(lambda d: d.relation == "sanctions"), *_liability_bodies(doc)])),
    )
    return Profile(
        doc=doc.id,
        title=doc.title,
        label=document_label(doc),
        place=doc.meta("place"),
        level=doc.meta("level"),
        year=document_year(doc),
        units=len(doc.articles) or len(doc.sections),
        deontic=tuple(counts.items()),
        actors=tuple(actors),
        duties=tuple(duties),
        responsibility=responsibility,
        checklist=find_provisions(doc),
    )


def profiles(docs: Iterable[Document | Profile]) -> list[Profile]:
    """Profiles of several documents (a profile passed in is kept as it is)."""
    return [d if isinstance(d, Profile) else profile(d) for d in docs]


# ------------------------------------------------------------------ frames

#: The rows of :func:`profiles_frame`, in order.
PROFILE_ROWS = (
    "label", "title", "place", "level", "year", "units", "norms",
    *DEONTIC_TYPES, *(f"{t}_share" for t in DEONTIC_TYPES),
    "actors", *(f"actors_{s}" for s in SIDES),
    "duties", "main_responsibility", "supervisory_responsibility", "interprets", "sanctions",
    "provisions_present",
)


def profiles_frame(docs: Iterable[Document | Profile]) -> pd.DataFrame:
    """The profiles side by side: one column per document (its id), one row per feature.

    Rows (:data:`PROFILE_ROWS`): ``label`` … ``year``; ``units`` (articles or sections); ``norms``;
    the count and the share (0–1) of each deontic type; ``actors`` (how many distinct actors are
    addressed) and ``actors_<side>`` (their names, joined with 、); ``duties`` (how many);
    ``main_responsibility`` (主体责任), ``supervisory_responsibility`` (监督责任 or supervision),
    ``interprets``, ``sanctions`` (names joined with 、); ``provisions_present`` (how many of the
    checklist's provisions are found). Use ``.T`` for one row per document.

    Documents or ready profiles may be passed (profiles are not computed twice).
    """
    import pandas as pd

    columns = {p.doc: profile_row(p) for p in profiles(docs)}
    return pd.DataFrame(columns, index=list(PROFILE_ROWS))


def profile_row(p: Profile) -> dict[str, object]:
    """One profile as a dict keyed by :data:`PROFILE_ROWS` (a column of :func:`profiles_frame`).

    >>> from qqtext import load_document
    >>> row = profile_row(profile(load_document("jinan-2019")))
    >>> row["label"], row["main_responsibility"], row["provisions_present"]
    ('济南市2019·实施办法', '党委、政府、职能部门', 7)
    """
    by_side = p.actors_by_side()
    shares = p.deontic_shares
    return {
        "label": p.label, "title": p.title, "place": p.place, "level": p.level, "year": p.year,
        "units": p.units, "norms": p.norms,
        **p.deontic_counts,
        **{f"{t}_share": round(shares[t], 4) for t in DEONTIC_TYPES},
        "actors": len(p.actors),
        **{f"actors_{s}": "、".join(by_side[s]) for s in SIDES},
        "duties": len(p.duties),
        "main_responsibility": "、".join(p.responsibility.main),
        "supervisory_responsibility": "、".join(p.responsibility.supervisory),
        "interprets": "、".join(p.responsibility.interprets),
        "sanctions": "、".join(p.responsibility.sanctions),
        "provisions_present": sum(f.present for f in p.checklist),
    }


def checklist_frame(docs: Iterable[Document | Profile]) -> pd.DataFrame:
    """Key provisions × documents: each cell lists the articles where the provision is found.

    The index is the provisions' Chinese names (:data:`PROVISIONS` order, the keys in
    ``frame.attrs["keys"]``); the columns are the document ids, their labels in
    ``frame.attrs["labels"]``. A cell is ``"5"``, ``"62、69"``, sections such as ``"二、三"``, or
    ``""`` where the provision is absent; ``frame != ""`` is the presence table.
    """
    import pandas as pd

    ps = profiles(docs)
    frame = pd.DataFrame(
        {p.doc: [f.cell for f in p.checklist] for p in ps},
        index=pd.Index([provision.name for provision in PROVISIONS], name="provision"),
    )
    frame.attrs["labels"] = {p.doc: p.label for p in ps}
    frame.attrs["keys"] = [provision.key for provision in PROVISIONS]
    return frame


def findings_frame(docs: Iterable[Document | Profile]) -> pd.DataFrame:
    """The checklist in long form: one row per document and provision, with the quote.

    Columns: ``doc``, ``label``, ``provision`` (key), ``name``, ``present``, ``articles`` (the cell
    text of :func:`checklist_frame`), ``quote``, ``units`` (sentence ids joined with a space).
    """
    import pandas as pd

    rows = [row for p in profiles(docs) for row in finding_rows(p)]
    return pd.DataFrame(rows, columns=["doc", "label", "provision", "name", "present", "articles", "quote", "units"])


def finding_rows(p: Profile) -> list[dict[str, object]]:
    """The checklist of one profile, one dict per provision (the rows of :func:`findings_frame`)."""
    return [
        {"doc": p.doc, "label": p.label, "provision": f.provision, "name": f.name, "present": f.present,
         "articles": f.cell, "quote": f.quote, "units": " ".join(f.units)}
        for f in p.checklist
    ]


def duties_frame(docs: Iterable[Document | Profile]) -> pd.DataFrame:
    """Every duty of every document: ``doc``, ``body``, ``side``, ``relation``, ``duty``, ``kind``,
    ``target``, ``body_implicit``, ``article``, ``unit``."""
    import pandas as pd

    from qqtext.extract.actors import actor_dictionary

    dictionary = actor_dictionary()
    rows = [
        {"doc": p.doc, "body": d.body, "side": dictionary[d.body].side if d.body in dictionary else "other",
         "relation": d.relation, "duty": d.duty, "kind": d.kind, "target": d.target,
         "body_implicit": d.body_implicit, "article": d.article, "unit": d.unit}
        for p in profiles(docs) for d in p.duties
    ]
    columns = ["doc", "body", "side", "relation", "duty", "kind", "target", "body_implicit", "article", "unit"]
    return pd.DataFrame(rows, columns=columns)
