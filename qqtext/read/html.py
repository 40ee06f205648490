"""HTML pages -> their visible body text, one block element per line.

The bytes are decoded honouring a BOM, then ``<meta charset>`` / ``http-equiv`` / the XML
declaration (unless the bytes are plainly UTF-8, or the declared charset fails to decode them),
else with detection (:mod:`qqtext.read.encodings`); BeautifulSoup with lxml parses the markup and
:func:`html_to_text` keeps the page's main content (its rules are there).

Everything after parsing takes time linear in the size of the page, however deeply its elements
nest: every element's text length is computed in one pass over the tree, not once per element.
A page nesting deeper than the ``html_depth`` limit (:mod:`qqtext.limits`) is refused.

>>> from bs4 import BeautifulSoup
>>> page = "<body><nav>首页</nav><div id=zoom><p>第一条 为了规范交往。</p><p>第二条 本办法自发布之日起施行。</p></div></body>"
>>> print(html_to_text(BeautifulSoup(page, "lxml")))
第一条 为了规范交往。
第二条 本办法自发布之日起施行。
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from qqtext.errors import QqtextError, ReadError, UnsupportedFormatError
from qqtext.limits import check
from qqtext.read._common import BLANK_LINES_RE, one_line, sniff_magic, visible_length
from qqtext.read.encodings import canonical_codec, decode_bom, decode_detect, decode_forced, try_decode

if TYPE_CHECKING:  # pragma: no cover - typing only
    from bs4 import Tag

__all__ = ["read_html", "html_to_text", "render_html"]

#: ``<meta charset=...>``, ``<meta http-equiv=... content="...; charset=...">`` or an XML
#: declaration's ``encoding="..."``, searched in the first bytes of an HTML file.
_HTML_CHARSET_RE = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_HTML_SNIFF_BYTES = 4096
#: Valid UTF-8 with at least this many bytes >= 0x80 overrides a declared legacy charset (GBK
#: text is valid UTF-8 by chance only when very short).
_MIN_HIGH_BYTES_FOR_UTF8 = 8
_XML_DECLARATION_RE = re.compile(r"\A\s*<\?xml\b[^>]*\?>")


# --------------------------------------------------------------------------------------------
# HTML rules

#: Elements that never hold visible text: always dropped with their content.
_HTML_DROP_TAGS = frozenset(
    {
        "head", "title", "meta", "link", "base",
        "script", "style", "noscript", "template",
        "iframe", "frame", "frameset", "object", "embed", "applet", "canvas", "svg", "math",
        "audio", "video", "map", "img", "picture",
        "button", "select", "option", "optgroup", "datalist", "input", "textarea",
        "rt", "rp",
    }
)  # fmt: skip
#: Elements that are page furniture: dropped, unless one wraps most of the page and the main
#: content (ASP.NET pages put the whole body inside one ``<form>``).
_HTML_BOILERPLATE_TAGS = frozenset({"nav", "header", "footer", "aside", "form"})
#: id/class values of navigation, breadcrumb ("dqwz": 当前位置), menu, share ("bdshare": Baidu
#: share buttons, "fenxiang": 分享) and footer/copyright blocks; treated like the tags above.
_HTML_BOILERPLATE_ATTR_RE = re.compile(
    r"nav|breadcrumb|crumb|menu|share|fenxiang|daohang|dqwz"
    r"|footer|(?<![a-z])foot(?![a-z])|copyright|banquan|sidebar|toolbar",
    re.IGNORECASE,
)
#: Obvious main-content containers: ``<article>``, ``<main>`` and these id/class values (``zoom``
#: and ``TRS_Editor`` are what gov.cn content-management systems emit).
_HTML_MAIN_TAGS = frozenset({"article", "main"})
_HTML_MAIN_ATTR_RE = re.compile(
    r"zoom|trs_editor|content|article|(?<![a-z])main(?![a-z])|zhengwen|(?<![a-z])detail",
    re.IGNORECASE,
)
#: A main container is used when it holds at least this share of the page's visible text.
_HTML_MAIN_MIN_SHARE = 0.5
#: ... and widened to an enclosing container when that adds at most this much text (a title or
#: a date line just outside the innermost container).
_HTML_MAIN_WIDEN_RATIO = 1.25
#: A boilerplate-looking element is kept when it holds more than this share of the page's text.
_HTML_WRAPPER_MIN_SHARE = 0.5
_HTML_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
#: Elements that start and end a line.
_HTML_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
        "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li",
        "listing", "main", "menu", "nav", "ol", "p", "plaintext", "pre", "section", "summary",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "xmp",
    }
)  # fmt: skip
_HTML_PRE_TAGS = frozenset({"pre", "listing", "plaintext", "xmp", "textarea"})
#: HTML collapsible white space (not U+00A0 or U+3000, which are content).
_HTML_SPACE_RE = re.compile(r"[ \t\n\r\f]+")
_CJK = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
#: A source line break between two CJK characters is dropped, not turned into a space (CSS Text
#: segment-break rule): Chinese pages often wrap long paragraphs in the HTML source.
_HTML_CJK_SEGMENT_BREAK_RE = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\n\r\f]*(?=[{_CJK}])")

def _declared_html_charset(data: bytes) -> str | None:
    """Return the codec an HTML file declares in its first bytes, if any (and if known)."""
    match = _HTML_CHARSET_RE.search(data[:_HTML_SNIFF_BYTES])
    if match is None:
        return None
    declared = (match.group(1) or match.group(2)).decode("ascii", "replace")
    codec = canonical_codec(declared)
    if codec is None or codec.replace("-", "_").startswith(("utf_16", "utf_32")):
        # A BOM-less page cannot really be UTF-16/32 if its ASCII declaration is readable.
        return None
    return codec


def _is_multibyte_utf8(data: bytes) -> bool:
    """Whether ``data`` is valid UTF-8 with enough non-ASCII bytes not to be so by chance."""
    high = sum(1 for byte in data if byte >= 0x80)
    return high >= _MIN_HIGH_BYTES_FOR_UTF8 and try_decode(data, "utf-8") is not None


def read_html(data: bytes, where: str, encoding: str | None) -> str:
    """Decode an HTML file and return its visible body text."""
    kind = sniff_magic(data)
    if kind is not None:
        raise UnsupportedFormatError(f"{where}: the file is {kind}, not HTML")
    if encoding is not None:
        markup = decode_forced(data, where, encoding)
    else:
        markup = decode_bom(data, where)
        if markup is None:
            declared = _declared_html_charset(data)
            if declared and declared != "utf-8" and _is_multibyte_utf8(data):
                declared = "utf-8"  # a page converted to UTF-8 that kept its old declaration
            markup = try_decode(data, declared) if declared else None
            if markup is None:  # no declaration, or a wrong one: detect
                markup = decode_detect(data, where)
    markup = _XML_DECLARATION_RE.sub("", markup.lstrip("\ufeff"), count=1)
    try:
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(markup, "lxml")
        return html_to_text(soup, where=where)
    except QqtextError:
        raise
    except Exception as exc:  # noqa: BLE001 - never let a parser error escape unwrapped
        raise ReadError(f"{where}: cannot parse the HTML ({one_line(exc)})") from exc


def _attr_words(tag: Tag) -> str:
    """The element's id and class values, space-separated."""
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = [classes]
    ident = tag.get("id") or ""
    if not isinstance(ident, str):
        ident = " ".join(ident)
    return " ".join([ident, *classes]).strip()


def _is_hidden(tag: Tag) -> bool:
    """Whether the element is hidden by the ``hidden`` attribute or an inline style."""
    if tag.has_attr("hidden"):
        return True
    style = tag.get("style")
    return isinstance(style, str) and bool(_HTML_HIDDEN_STYLE_RE.search(style))


def _is_main_candidate(tag: Tag) -> bool:
    """Whether the element looks like the page's main-content container."""
    words = _attr_words(tag)
    if words and _HTML_BOILERPLATE_ATTR_RE.search(words):
        return False
    if tag.name in _HTML_MAIN_TAGS or tag.get("role") == "main":
        return True
    return bool(words) and bool(_HTML_MAIN_ATTR_RE.search(words))


def _is_boilerplate(tag: Tag) -> bool:
    """Whether the element looks like navigation, a menu, a share bar or a footer."""
    if tag.name in _HTML_BOILERPLATE_TAGS:
        return True
    words = _attr_words(tag)
    return bool(words) and bool(_HTML_BOILERPLATE_ATTR_RE.search(words))


def html_to_text(soup: Any, *, where: str = "<html>") -> str:
    """Return the visible text of a parsed HTML page, one block per line.

    Rules:

    1. ``script``, ``style``, ``noscript``, ``template``, ``iframe``, ``svg``, form controls and
       the like, comments, and elements hidden by ``hidden`` or ``display:none`` are dropped.
    2. Page furniture is dropped: ``nav``, ``header``, ``footer``, ``aside``, ``form`` and
       elements whose id/class matches :data:`_HTML_BOILERPLATE_ATTR_RE` -- except one that holds
       more than half of the page's text and is a ``form`` or wraps a main container.
    3. Main container: among ``<article>``, ``<main>`` and elements whose id/class matches
       :data:`_HTML_MAIN_ATTR_RE`, the innermost one holding at least half of the remaining text
       is used, widened to an enclosing candidate while that adds at most 25 % more text (so a
       title just outside ``#zoom`` is kept). Without one, the whole body is used.
    4. Block elements (``p``, ``div``, ``li``, ``h1``-``h6``, ``tr``, ``td``, ``section``,
       ``table``, ``pre``, ...) start and end a line; ``<br>`` ends one; inline text stays on one
       line with white space collapsed (kept in ``<pre>``); a source line break between two CJK
       characters is dropped. Lines are stripped, leading and trailing blank lines dropped and
       runs of blank lines collapsed to one.

    Text lengths (the visible characters of an element, as ``get_text`` gives them for rule 2 and
    as rendered for rule 3: rendering only changes white space) are summed bottom-up in one pass,
    so the whole takes time linear in the page's size.

    Raises:
        LimitError: the elements nest deeper than the ``html_depth`` limit.
    """
    from bs4 import CData, Comment, NavigableString, Tag

    root = soup.body or soup
    _check_depth(root, where, Tag)
    # 1. Elements that never show text, hidden elements and comments.
    doomed = [
        tag
        for tag in root.find_all(True)
        if tag.name in _HTML_DROP_TAGS or _is_hidden(tag)
    ]
    for tag in doomed:
        if not tag.decomposed:
            tag.decompose()
    for comment in root.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()

    # Every node below root in document order: reversed, each comes after all its descendants.
    nodes = list(root.descendants)
    elements = [node for node in nodes if isinstance(node, Tag)]  # root.find_all(True)
    candidates = [tag for tag in elements if _is_main_candidate(tag)]
    candidate_ids = {id(tag) for tag in candidates}
    # raw: the visible length of get_text() (NavigableString and CData, the types it reads here);
    # wraps_candidate: the element has a main candidate below it.
    got_text = (NavigableString, CData)
    raw: dict[int, int] = {}
    wraps_candidate: set[int] = set()
    for node in reversed(nodes):
        parent = id(node.parent)
        if isinstance(node, Tag):
            raw[parent] = raw.get(parent, 0) + raw.get(id(node), 0)
            if id(node) in candidate_ids or id(node) in wraps_candidate:
                wraps_candidate.add(parent)
        elif type(node) in got_text:
            raw[parent] = raw.get(parent, 0) + visible_length(node)

    # 2. Page furniture, sparing a wrapper around most of the page and its main content.
    page_length = raw.get(id(root), 0) or 1
    skip: set[int] = set()
    for tag in elements:
        if tag.name in ("html", "body") or not _is_boilerplate(tag):
            continue
        if raw.get(id(tag), 0) > _HTML_WRAPPER_MIN_SHARE * page_length and (
            tag.name == "form" or id(tag) in wraps_candidate
        ):
            continue
        skip.add(id(tag))

    # An element is dropped when it or an element above it is skipped (parents come first).
    dropped: set[int] = set()
    for tag in elements:
        if id(tag) in skip or id(tag.parent) in dropped:
            dropped.add(id(tag))

    # 3. The main container, by the visible length of each element as rendered (skipping ``skip``).
    rendered: dict[int, int] = {}
    for node in reversed(nodes):
        parent = id(node.parent)
        if isinstance(node, Tag):
            if id(node) not in skip:
                rendered[parent] = rendered.get(parent, 0) + rendered.get(id(node), 0)
        elif type(node) is NavigableString:
            rendered[parent] = rendered.get(parent, 0) + visible_length(node)
    chosen = root
    body_length = rendered.get(id(root), 0)
    if body_length:
        lengths = {
            id(tag): rendered.get(id(tag), 0)
            for tag in candidates
            if id(tag) not in dropped
        }
        eligible = [
            tag
            for tag in candidates
            if lengths.get(id(tag), 0) >= _HTML_MAIN_MIN_SHARE * body_length
        ]
        if eligible:
            # Eligible candidates hold most of the text, so they nest: the deepest is innermost.
            depth: dict[int, int] = {id(root): 0}
            for tag in elements:
                depth[id(tag)] = depth[id(tag.parent)] + 1
            innermost = max(eligible, key=lambda tag: depth[id(tag)])
            chosen = innermost
            for parent in innermost.parents:
                if id(parent) not in lengths:
                    continue
                if lengths[id(parent)] > _HTML_MAIN_WIDEN_RATIO * lengths[id(innermost)]:
                    break
                chosen = parent
    text = render_html(chosen, skip, NavigableString, Tag)
    if not text.strip() and skip:
        # All text sat in elements whose id/class looked like furniture (say a misnamed wrapper
        # <div class="menu-wrap">): trust only the nav/header/footer/aside/form tags then.
        semantic = {
            id(tag) for tag in elements if id(tag) in skip and tag.name in _HTML_BOILERPLATE_TAGS
        }
        text = render_html(root, semantic, NavigableString, Tag)
    return text


def _check_depth(root: Any, where: str, tag_type: type) -> None:
    """Raise a :class:`~qqtext.errors.LimitError` if elements nest deeper than the limit."""
    deepest = 0
    stack = [(root, 0)]
    while stack:
        node, level = stack.pop()
        if level > deepest:
            deepest = level
        stack.extend((child, level + 1) for child in node.contents if isinstance(child, tag_type))
    check(where, "html_depth", deepest)


class _PreformattedText(str):
    """Text from inside ``<pre>``: its white space is kept."""

    __slots__ = ()


def render_html(root: Any, skip: set[int], string_type: type, tag_type: type) -> str:
    """Render an element's text, one block per line, skipping the elements in ``skip``.

    Walks the tree without recursion (pages with unclosed tags nest very deeply).
    """
    block, hard_break = object(), object()
    tokens: list[object] = []
    # Stack of (node, leaving, in_pre): leaving marks the end of a block element.
    stack: list[tuple[Any, bool, bool]] = [(root, False, False)]
    while stack:
        node, leaving, in_pre = stack.pop()
        if leaving:
            tokens.append(block)
            continue
        if isinstance(node, tag_type):
            if id(node) in skip or node.name in _HTML_DROP_TAGS:
                continue
            if node.name == "br":
                tokens.append(hard_break)
                continue
            child_pre = in_pre or node.name in _HTML_PRE_TAGS
            if node.name in _HTML_BLOCK_TAGS:
                tokens.append(block)
                stack.append((node, True, in_pre))
            stack.extend((child, False, child_pre) for child in reversed(node.contents))
        elif type(node) is string_type:  # not a Comment, Doctype, CData, Script, ...
            text = str(node)
            if in_pre:
                for index, piece in enumerate(text.split("\n")):
                    if index:
                        tokens.append(hard_break)
                    tokens.append(_PreformattedText(piece))
            else:
                tokens.append(text)

    lines: list[str] = []
    current: list[str] = []  # the current line's pieces; runs of flowing text are joined first
    flowing: list[str] = []

    def end_flowing() -> None:
        if flowing:
            text = _HTML_CJK_SEGMENT_BREAK_RE.sub("", "".join(flowing))
            current.append(_HTML_SPACE_RE.sub(" ", text))
            flowing.clear()

    def end_line(keep_blank: bool) -> None:
        end_flowing()
        line = "".join(current).strip()
        if line or keep_blank:
            lines.append(line)
        current.clear()

    for token in tokens:
        if token is block:
            end_line(keep_blank=False)
        elif token is hard_break:
            end_line(keep_blank=True)
        elif isinstance(token, _PreformattedText):
            end_flowing()
            current.append(str(token))
        else:
            flowing.append(str(token))
    end_line(keep_blank=False)
    text = "\n".join(lines).strip("\n")
    return BLANK_LINES_RE.sub("\n\n", text)


