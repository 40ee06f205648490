"""Actors: who is addressed, found with jieba and a domain dictionary shipped with qqtext.

Out of the box jieba splits the bodies these texts are about (纪检监察/机关, 个体/工商户, 领导/干部) and
misreads 商市纪委市监委机关 (商市/纪委/市/监委/机关). The dictionary ``qqtext/data/actors.tsv`` lists
each canonical actor with its side (government, business, supervisory, coordinating, public), its
surface forms and the groups it belongs to; every surface form is loaded into a private
:class:`jieba.Tokenizer`, so the global jieba state is never touched.

Coordinated lists are split into separate actors: 司法、执法、执纪机关 gives 司法机关, 执法机关 and 执纪机关
(the shared head 机关 is distributed); scope words in front (各级, 市, 县级以上) are kept as an attribute.

>>> [(m.canonical, m.surface) for m in find_actors("司法、执法、执纪机关在办案中应当依法维护涉案企业的合法权益")]
[('司法机关', '司法'), ('执法机关', '执法'), ('执纪机关', '执纪机关'), ('企业', '涉案企业')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Literal

from qqtext.extract.lexicon import segmenter

__all__ = [
    "ActorEntry",
    "ActorMention",
    "Side",
    "actor_dictionary",
    "actor_group",
    "segmenter",
    "find_actors",
    "actor_groups",
    "HEADS",
    "SEPARATORS",
]

Side = Literal["government", "business", "supervisory", "coordinating", "public"]

#: Head nouns a coordinated list may share (司法、执法、执纪机关).
HEADS = ("机关", "部门", "单位", "机构", "组织")
#: Tokens that join the members of a coordinated list of actors.
SEPARATORS = frozenset({"、", "和", "及", "及其", "以及", "或", "或者", "，"})
#: Head nouns that make a phrase an actor even when the dictionary lacks it (发展改革部门, 网信部门).
OPEN_HEADS = ("部门", "机关", "机构", "单位", "组织", "委员会", "媒体")
#: Tokens an open-class actor phrase never extends over.
PHRASE_STOP = frozenset(
    "的 对 在 由 和 与 或 等 向 为 将 把 被 从 按 及 其 并 以 于 给 让 使 经 同 跟 所属 有关 相关 及其 以及 或者 其他 各类 本级 下级 上级 同级".split()
)
#: Words in front of an actor that restrict its scope.
SCOPE_WORDS = frozenset({"各级", "市", "省", "区县", "县级以上", "本市", "本省", "各", "全市", "全省", "我市", "有关", "相关"})


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One canonical actor of the dictionary."""

    canonical: str
    side: Side
    surfaces: tuple[str, ...]
    member_of: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor found in a text: its canonical name, the words as written, offsets, scope."""

    canonical: str
    surface: str
    start: int
    end: int
    scope: str | None = None
    type: str = ""


@cache
def actor_dictionary() -> dict[str, ActorEntry]:
    """The shipped actor dictionary, by canonical name."""
    text = (resources.files("qqtext") / "data" / "actors.tsv").read_text(encoding="utf-8")
    entries: dict[str, ActorEntry] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = (line.split("\t") + ["", "", "", ""])[:4]
        canonical, side, surfaces, member_of = (field.strip() for field in fields)
        forms = tuple(dict.fromkeys([canonical, *filter(None, surfaces.split("|"))]))
        entries[canonical] = ActorEntry(canonical, side, forms, tuple(filter(None, member_of.split("|"))))  # type: ignore[arg-type]
    return entries


@cache
def _surface_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for entry in actor_dictionary().values():
        for surface in entry.surfaces:
            index.setdefault(surface, entry.canonical)
    return index


def actor_group(name: str) -> str:
    """The dictionary actor a specific actor belongs to, by its written head (or ``name`` itself).

    An exact surface form gives its canonical name (非公有制企业 -> 企业); otherwise the longest surface
    form that ends the name, if it is more than a bare head (投资主管部门 -> 职能部门 through 主管部门,
    私营企业 -> 企业; 工商行政管理机关 stays itself: a bare 机关 says nothing).

    >>> actor_group("非公有制企业"), actor_group("投资主管部门"), actor_group("自然资源和规划部门")
    ('企业', '职能部门', '自然资源和规划部门')
    """
    index = _surface_index()
    if name in index:
        return index[name]
    for cut in range(1, len(name) - 1):
        suffix = name[cut:]
        if suffix in index and suffix not in _BARE_SURFACES:
            return index[suffix]
    return name


#: Surface forms too bare to name a group by themselves when they end a longer name.
_BARE_SURFACES = frozenset({"机关", "单位", "部门", "机构", "组织", "负责人", "工作人员"})


def find_actors(text: str, *, offset: int = 0) -> list[ActorMention]:
    """Actor mentions in ``text`` in order, with coordinated lists split (offsets + ``offset``)."""
    found = _find_actors(text)
    if not offset:
        return list(found)
    return [ActorMention(m.canonical, m.surface, m.start + offset, m.end + offset, m.scope) for m in found]


# jieba cuts text into blocks of these characters and segments each block on its own, so segmenting
# only the blocks that contain an actor word gives exactly the tokens a whole-text pass would
RE_BLOCK = re.compile(r"[\u4e00-\u9fa5a-zA-Z0-9+#&._%\-]+")
RE_ENUMERATION_COMMA = re.compile(r"、$")


@cache
def _any_surface() -> re.Pattern[str]:
    words = sorted(set(_surface_index()) | set(OPEN_HEADS), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


@lru_cache(maxsize=1 << 16)
def _find_actors(text: str) -> tuple[ActorMention, ...]:
    """Mentions in ``text`` (cached: the extractors look at the same sentences several times)."""
    has_surface = _any_surface().search
    mentions: list[ActorMention] = []
    for block in RE_BLOCK.finditer(text):
        if has_surface(block.group()) is None:
            continue  # no actor word, nothing to segment
        for mention in _block_mentions(block.group()):
            shifted = ActorMention(mention.canonical, mention.surface, mention.start + block.start(),
                                   mention.end + block.start(), mention.scope)
            mentions.extend(_enumerated_before(text, shifted))
            mentions.append(shifted)
    return tuple(mentions)


def _enumerated_before(text: str, mention: ActorMention) -> list[ActorMention]:
    """Members of a 、-list sharing the mention's head noun: 司法、执法、执纪机关 -> 司法(机关), 执法(机关)."""
    head = next((h for h in HEADS if mention.surface.endswith(h) and len(mention.surface) > len(h)), None)
    if head is None:
        return []
    index = _surface_index()
    members: list[ActorMention] = []
    end = mention.start
    while end > 0 and text[end - 1] == "、":
        block_start = end - 1
        while block_start > 0 and RE_BLOCK.match(text[block_start - 1]):
            block_start -= 1
        block = text[block_start:end - 1]
        for cut in range(max(0, len(block) - 6), len(block) - 1):  # longest suffix first
            member = block[cut:]
            if member + head in index and member not in index:
                members.insert(0, ActorMention(index[member + head], member, block_start + cut, end - 1, mention.scope))
                break
        else:
            break
        end = block_start + cut
    return members


@lru_cache(maxsize=1 << 14)
def _block_mentions(block: str) -> tuple[ActorMention, ...]:
    """Mentions in one block of Chinese text, from its jieba tokens (和/及 lists split here)."""
    tokens = list(segmenter().tokenize(block))
    index = _surface_index()
    mentions: list[ActorMention] = []
    for position, (word, start, end) in enumerate(tokens):
        canonical = index.get(word)
        if canonical is None:
            continue
        scope = tokens[position - 1][0] if position and tokens[position - 1][0] in SCOPE_WORDS else None
        written_scope = next((w for w in SCOPE_WORDS if word.startswith(w) and word[len(w):] in index), None)
        scope = scope or written_scope  # 各级党委: scope 各级, actor 党委
        found = [ActorMention(canonical, word, start, end, scope)]
        head = next((h for h in HEADS if word.endswith(h) and len(word) > len(h)), None)
        back = position - 1
        while head and back >= 1 and tokens[back][0] in SEPARATORS - {"，", "、"}:
            member, member_start, member_end = tokens[back - 1]
            member_canonical = index.get(member + head)
            if member_canonical is None or member in index:
                break
            found.insert(0, ActorMention(member_canonical, member, member_start, member_end, scope))
            back -= 2
        mentions.extend(found)
    mentions.extend(_open_class_mentions(tokens, index))
    mentions.sort(key=lambda m: m.start)
    return tuple(mentions)


def _open_class_mentions(tokens: list[tuple[str, int, int]], index: dict[str, str]) -> list[ActorMention]:
    """Actors the dictionary lacks, recognised by their head noun: 发展改革部门, 金融机构, 新闻媒体.

    The phrase runs back from a head-noun token over at most three content tokens (two characters or
    more, not an actor, not a function word). Its canonical name is the phrase itself.
    """
    found = []
    for position, (word, _, end) in enumerate(tokens):
        if word in index or not word.endswith(OPEN_HEADS):
            continue
        first = position
        while first > 0 and position - first < 3:
            previous = tokens[first - 1][0]
            if previous in index or previous in PHRASE_STOP or len(previous) < 2 or previous in SCOPE_WORDS:
                break
            first -= 1
        phrase = "".join(token for token, _, _ in tokens[first:position + 1])
        if phrase in OPEN_HEADS:
            continue  # a bare 部门 or 单位 names nobody
        found.append(ActorMention(phrase, phrase, tokens[first][1], end, None))
    return found


def actor_groups(text: str, mentions: list[ActorMention], *, offset: int = 0) -> list[list[ActorMention]]:
    """Group mentions written as one coordinated list (joined only by 、 和 及 及其 以及 或).

    Two mentions written together with nothing between are one actor, named by the second, its head
    noun: 党政机关公务接待管理部门 is a 公务接待管理部门, not also a 党的机关.
    """
    groups: list[list[ActorMention]] = []
    for mention in mentions:
        if groups:
            between = text[groups[-1][-1].end - offset:mention.start - offset]
            if between == "":
                modifier = groups[-1][-1]  # 人民政府 in 人民政府发展改革部门: the phrase is the head's
                groups[-1][-1] = ActorMention(
                    mention.canonical, text[modifier.start - offset:mention.end - offset],
                    modifier.start, mention.end, modifier.scope or mention.scope,
                )
                continue
            if between in SEPARATORS - {"，"}:
                groups[-1].append(mention)
                continue
        groups.append([mention])
    return groups
