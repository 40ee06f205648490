"""The specific form of an actor's name: as written, without the words that say which level, place or
how many (各级, 县级以上, 湖州市, 任何, 其他, 上一级), which ones (下列, 上述, 其), and without the organ a
department belongs to (人民政府发展改革部门 -> 发展改革部门; 决策机关所属部门 -> 所属部门). Gold and
extractor output are compared in this form (:mod:`qqtext.extract.evaluate`), and cards show it.

>>> specific_form("各级党委"), specific_form("下列机构"), specific_form("国家网信部门")
('党委', '机构', '网信部门')
"""

from __future__ import annotations

import re

from qqtext.extract.heads import LEVEL_WORDS, OWNERS, agent_head

__all__ = ["specific_form", "member_of", "GENERIC_HEADS"]

#: Heads too general to name a body without 有关/相关 (有关部门, 相关单位).
GENERIC_HEADS = frozenset({"部门", "单位", "机构", "机关", "组织", "人员", "方面", "方"})
#: The area a body works in, written before it (辖区内县级人民政府, 本行政区域内的企业): which place, not who.
RE_AREA = re.compile(r"^(?:本|所在)?(?:辖区|行政区域)内的?(?=.)")
#: The place of a thing or person before a body (物业所在地公安机关, 项目所在地的人民政府): which place, not who.
RE_SITE = re.compile(r"^[^、，的]{1,12}?所在地的?(?=[^、，]{2,}$)")
#: A one-character level in front of a government (市人民政府, 县政府; 城市人民政府 of the national laws): not a
#: place name (市场监督管理部门, 城市管理部门).
RE_ONE_LEVEL = re.compile(r"^(?:[省市县区乡镇]|城市)(?=人民政府|政府|人民代表大会|人大|党委|有关|相关|各)")
#: Level words stripped from the front of a single word (各级党委 is one word of the domain dictionary).
_LEVEL_PREFIXES = tuple(sorted((w for w in LEVEL_WORDS if len(w) > 1 and w != "地方"), key=len, reverse=True))


#: A list of the tiers of government before a body (省、自治区、直辖市的人民政府, 县级以上的地方各级人民代表大会,
#: 市辖区、不设区的市的人民政府): which level, not which body.
_TIERS = ("省", "自治区", "直辖市", "设区的市", "不设区的市", "自治州", "县", "自治县", "市", "市辖区", "乡", "民族乡", "镇",
          "县级以上", "县级", "乡级", "省级", "设区的市级", "地方各级", "各级", "地方", "以及", "和", "、")
RE_TIER_LIST = re.compile(r"^(?:%s)+的?(?=[^、的]{2,}$)" % "|".join(sorted(map(re.escape, _TIERS), key=len, reverse=True)))
#: A special administrative region named before one of its bodies (香港特别行政区行政长官): a place name.
RE_REGION = re.compile(r"^[\u4e00-\u9fff]{0,6}特别行政区的?(?=[\u4e00-\u9fff]{2,})")
#: A count after a party's name (代表十人, 委员三人以上).
RE_COUNT_AFTER = re.compile(r"[\d一二两三四五六七八九十百]+(?:人|名)(?:以上)?$")
#: A count before a party's name (2名以上办案人员, 一个代表团, 一方当事人): how many, not who.
RE_COUNT_BEFORE = re.compile(r"^(?:[\d一二两三四五六七八九十百]+(?:名|个|位)(?:或者[\d一二两三四五六七八九十百]+(?:名|个|位))?(?:以上)?|另?一方|双方|各方)")
#: The central level before a body (中央信访工作联席会议, 中央一级招录机关): a level like 省 or 市.
RE_CENTRAL = re.compile(r"^中央(?:一级)?(?=[^的]{2,}$)")
#: The national level before a department (国家网信部门, 中央公务员主管部门): a level like 省 or 市.
RE_NATIONAL_DEPARTMENT = re.compile(r"^(?:国家|中央)(?P<rest>[^的]{2,}部门)$")
#: An agency named with the organ it belongs to (人民代表大会常务委员会信访工作机构, 国务院办公厅督查机构,
#: 精神文明建设委员会办事机构): the organ is its possessor, as 人民政府 is of 发展改革部门.
RE_OWNED_AGENCY = re.compile(r"^[^的、和与及]{2,}?(?:委员会|人民政府|国务院|办公厅|政府)(?P<rest>[^的、和与及]{2,}机构)$"
                             r"|^人民代表大会(?P<organ>常务委员会|主席团)$"
                             r"|^(?:全国)?人民代表大会(?:有关的|各)?(?P<committee>专门委员会)$")


#: One department named for others like it (食品安全监督管理等部门, 生态环境等主管部门): the one named, as
#: 计划、财政、物价等部门 names each of its members (GUIDELINES-dev.md).
RE_ONE_AND_OTHERS = re.compile(r"^(?P<one>[^、，的等]{2,12})等(?P<head>部门|主管部门|行政主管部门|机关|机构)$")


#: Words that point back or forward to the bodies meant (下列, 上述, 前款规定的, 该, 其): which ones, not who.
RE_REFERENCE = re.compile(r"^(?:下列|以下|上述|前述|前款(?:规定|所列|所称)?的?|该|其)")
#: A body written with the organ it belongs to (决策机关所属部门, 街道办事处所属的城市网格化管理机构).
RE_OWNER_OF = re.compile(r"^(?P<owner>[^、，的]{2,}?)(?:所属的(?P<rest>[^、，]{2,})|(?P<own>所属[^、，的]{2,}))$")


#: Heads of people who belong to a body or a person written before them (幼儿园园长, 国家机关工作人员,
#: 企业的法定代表人): the body or person is their possessor, stripped as 人民政府 is from 发展改革部门.
#: Members of a committee (评标委员会成员, 询价小组成员) keep the committee: it is what tells them apart.
MEMBER_HEADS_OF = frozenset({"工作人员", "人员", "负责人", "主要负责人", "职工", "员工", "法定代表人",
                             "园长", "校长", "教师", "父母", "监护人"})


def member_of(name: str) -> str | None:
    """The person written after the body or person they belong to (幼儿园园长 -> 园长), or None.

    Not part of :func:`specific_form`: a card keeps 机关单位工作人员, whose staff they are. Gold and
    extractor output are compared without the owner (:func:`qqtext.extract.evaluate.specific_form`), as
    the guidelines strip a possessor body and annotators wrote both forms.

    >>> member_of("幼儿园园长"), member_of("国家机关工作人员"), member_of("评标委员会成员"), member_of("执法人员")
    ('园长', '工作人员', None, None)
    """
    for cut_at in range(2, len(name) - 1):
        owner, rest = name[:cut_at], name[cut_at:].removeprefix("的")
        if len(rest) < 2 or any(c in owner for c in "、和与及或等，"):
            continue
        owner_head, rest_head = agent_head(owner), agent_head(rest)
        if any((h := agent_head(name[:cut_at + k])) and len(h) > k and owner.endswith(h[:-k]) for k in (1, 2)):
            continue  # 常务委员|会组成人员: the owner's head goes on over the cut (常务委员会)
        if owner_head and rest_head in MEMBER_HEADS_OF:
            return rest
    return None


def specific_form(actor: str) -> str:
    """An actor's name without level, place and quantity words in front, and without 有关/相关 where
    another modifier remains (有关部门 stays, 有关行政管理部门 -> 行政管理部门).

    >>> specific_form("各级党委"), specific_form("相关职能部门"), specific_form("有关部门"), specific_form("市场监督管理部门")
    ('党委', '职能部门', '有关部门', '市场监督管理部门')
    >>> specific_form("国家网信部门"), specific_form("国家安全机关"), specific_form("国务院办公厅督查机构")
    ('网信部门', '国家安全机关', '督查机构')
    >>> specific_form("省、自治区、直辖市的人民政府"), specific_form("县级以上的地方各级人民代表大会常务委员会")
    ('人民政府', '常务委员会')
    >>> specific_form("食品安全监督管理等部门"), specific_form("市场监管等有关部门")
    ('食品安全监督管理部门', '市场监管等有关部门')
    >>> specific_form("2名以上办案人员"), specific_form("一方当事人"), specific_form("中央信访工作联席会议"), specific_form("双方")
    ('办案人员', '当事人', '信访工作联席会议', '双方')
    >>> specific_form("物业所在地公安机关"), specific_form("项目所在地的人民政府")
    ('公安机关', '人民政府')
    """
    name = RE_ONE_LEVEL.sub("", RE_AREA.sub("", actor.strip().replace("其他", "").replace("其它", "")))
    national_congress = actor.strip().startswith("全国")  # 全国人民代表大会常务委员会 is a name of its own
    changed = True
    while changed:
        changed = False
        national = RE_NATIONAL_DEPARTMENT.match(name)
        owned = RE_OWNED_AGENCY.match(name)
        if owned and owned.group("organ") and national_congress:
            owned = None
        if national or owned:
            name, changed = (national or owned).group("rest") or (owned.group("organ") or owned.group("committee")), True
            continue
        tiers = RE_TIER_LIST.match(name)
        if tiers and (tiers.group().endswith("的") or "、" in tiers.group()) and agent_head(name[tiers.end():]):
            name, changed = name[tiers.end():], True
            continue
        before = RE_COUNT_BEFORE.match(name) or RE_CENTRAL.match(name)
        if before and len(name) - before.end() >= 2 and agent_head(name[before.end():]):
            name, changed = name[before.end():], True  # 2名以上办案人员, 中央信访工作联席会议: how many, which level
            continue
        count = RE_COUNT_AFTER.search(name)
        if count and agent_head(name[:count.start()]):
            name, changed = name[:count.start()], True  # 代表十人（以上联名）: how many, not who
            continue
        if name.startswith("的") and agent_head(name[1:]):
            name, changed = name[1:], True  # 的人民政府: what is left of a level list cut before it
            continue
        site = RE_SITE.match(name)
        if site and agent_head(name[site.end():]):
            name, changed = name[site.end():], True  # 物业所在地公安机关: where, not who
            continue
        region = RE_REGION.match(name)
        if region and agent_head(name[region.end():]):
            name, changed = name[region.end():], True  # 香港特别行政区政府, 香港特别行政区的立法机关: a place
            continue
        reference = RE_REFERENCE.match(name)
        if reference and agent_head(name[reference.end():]) and len(name) - reference.end() >= 2:
            name, changed = name[reference.end():], True  # 下列机构, 上述单位, 其所有人: which ones, not who
            continue
        owner = RE_OWNER_OF.match(name)
        if owner and agent_head(owner.group("owner")) and agent_head(owner.group("rest") or owner.group("own")):
            name, changed = owner.group("rest") or owner.group("own"), True  # 决策机关所属部门 -> 所属部门; 街道办事处所属的…机构 -> …机构
            continue
        one_and_others = RE_ONE_AND_OTHERS.match(name)
        if one_and_others:
            name, changed = one_and_others.group("one") + one_and_others.group("head"), True
            continue
        for prefix in (*_LEVEL_PREFIXES, "地方", "有关", "相关"):
            rest = name[len(prefix):]
            if prefix == "地方" and not (rest.startswith(tuple(LEVEL_WORDS)) or rest.startswith(tuple(OWNERS))):
                continue  # 地方人民政府 is a level; 地方金融组织 is a name
            head = agent_head(rest) if name.startswith(prefix) else None
            if prefix in ("有关", "相关"):
                keep = not head or rest in GENERIC_HEADS  # 有关部门 stays; 有关主管部门 -> 主管部门
            else:
                keep = not head or len(rest) < 2
            if not keep:
                name, changed = rest, True
                break
    return name or actor.strip()
