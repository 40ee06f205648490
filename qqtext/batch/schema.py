"""The tables of a corpus run: their columns, types and meanings, in one place.

:data:`TABLES` is the single description of every table ``qqtext corpus`` writes: the Parquet
schemas (:func:`arrow_schema`), the order of the values in each row the workers produce, and the
reference page ``docs/corpus-tables.md`` (:func:`schema_markdown`; a test keeps the page and this
module in step) all come from it.

Types are Arrow types by name: ``string``, ``int32``, ``int64``, ``float64``, ``bool``, ``date32``
(a calendar date) and ``list<string>`` / ``list<int32>``. Every column may be null. Offsets
(``start``, ``end``) are ``[start, end)`` character offsets into the document's normalised text, as
everywhere in qqtext.

>>> [column.name for column in TABLES["references"]]
['doc', 'id', 'kind', 'target', 'text', 'unit', 'start', 'end']
>>> arrow_schema("errors").field("bytes").type
DataType(int64)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qqtext.compare.profile import DEONTIC_TYPES, SIDES

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "Column", "TABLES", "TABLE_DOCS", "DOCUMENT_TABLES", "column_names", "arrow_schema", "arrow_columns",
    "schema_markdown",
]


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table: its name, Arrow type name and meaning."""

    name: str
    type: str
    doc: str


def _c(name: str, type_: str, doc: str) -> Column:
    return Column(name, type_, doc)


_DOC = _c("doc", "string", "document id (`documents.doc`)")
_START = _c("start", "int64", "offset where it starts in the document's text")
_END = _c("end", "int64", "offset where it ends")

#: Every table, in the order they are written and documented.
TABLES: dict[str, tuple[Column, ...]] = {
    "documents": (
        _DOC,
        _c("path", "string", "the file, relative to the corpus folder (`/` between parts)"),
        _c("format", "string", "the file suffix, lower case, without the dot (`txt`, `docx`, `pdf` …)"),
        _c("sha256", "string", "SHA-256 of the file's bytes (what tells a changed file on a re-run)"),
        _c("bytes", "int64", "file size"),
        _c("chars", "int64", "characters of the normalised text"),
        _c("title", "string", "title (metadata, else as parsed)"),
        _c("issuers", "list<string>", "issuing bodies in printed order"),
        _c("date", "date32", "date of issue or of the version in force, where known"),
        _c("year", "int32", "year of `date`, or of a month- or year-only metadata date"),
        _c("place", "string", "place (metadata)"),
        _c("level", "string", "level: national, provincial, city, party … (metadata)"),
        _c("kind", "string", "genre from the title (实施办法, 条例, 意见 …)"),
        _c("source", "string", "where the text comes from (metadata)"),
        _c("articles", "int32", "第X条 articles"),
        _c("sections", "int32", "意见-style sections (一、二、…) where there are no articles"),
        _c("items", "int32", "项 of the articles and sections"),
        _c("norms", "int32", "norms (rows in `norms`)"),
        _c("actors", "int32", "distinct actors the norms address"),
        _c("duties", "int32", "duties and sanctions (rows in `duties`)"),
        _c("references", "int32", "references (rows in `references`)"),
        _c("warnings", "int32", "structure warnings (rows in `warnings`)"),
    ),
    "articles": (
        _DOC,
        _c("id", "string", "unit id (`jinan-2019/art-13`; a section: `…/sec-2`)"),
        _c("kind", "string", "`article` (第X条) or `section` (an 意见-style 一、)"),
        _c("number", "int32", "article or section number"),
        _c("sub", "int32", "0, or 1 for 第X条之一 …"),
        _c("heading", "string", "第十三条 (a section: its 一、 title line)"),
        _c("title", "string", "a section's title (null for articles)"),
        _c("part", "int32", "编 number"),
        _c("chapter", "int32", "章 number"),
        _c("chapter_title", "string", "章 title"),
        _c("subchapter", "int32", "节 number"),
        _c("paragraphs", "int32", "款"),
        _c("items", "int32", "项"),
        _c("sentences", "int32", "sentences"),
        _c("chars", "int32", "characters without line breaks"),
        _START, _END,
        _c("text", "string", "the unit's text"),
    ),
    "items": (
        _DOC,
        _c("id", "string", "item id (`jinan-2019/art-13/item-5`)"),
        _c("unit", "string", "the article or section it belongs to (`articles.id`)"),
        _c("article", "int32", "article number (null in a section)"),
        _c("section", "int32", "section number (null in an article)"),
        _c("paragraph", "int32", "款 number within the unit"),
        _c("number", "int32", "项 number"),
        _c("marker", "string", "the marker as printed: （五）, 5.，⑤ …"),
        _c("chars", "int32", "characters"),
        _START, _END,
        _c("text", "string", "the item's text without its marker"),
    ),
    "norms": (
        _DOC,
        _c("id", "string", "norm id (`…/sent-2/norm-1`)"),
        _c("unit", "string", "the sentence it is stated in"),
        _c("article", "int32", "article number"),
        _c("section", "int32", "section number (意见-style)"),
        _c("paragraph", "int32", "款 number"),
        _c("item", "int32", "项 number, where it is in an item"),
        _c("deontic", "string", "obligation, prohibition, permission, encouragement or discouragement"),
        _c("cue", "string", "the deontic cue (应当, 不得, 可以 …)"),
        _c("cue_implicit", "bool", "the cue is implied (an item under a lead-in, a 禁止下列行为 list)"),
        _c("actor", "list<string>", "canonical actors addressed"),
        _c("actor_surface", "list<string>", "the actors as written"),
        _c("actor_type", "list<string>", "their types (government, enterprise, individual …)"),
        _c("actor_implicit", "bool", "no actor in the sentence: inherited or the document's default"),
        _c("aim", "string", "what is to be done (the verb phrase)"),
        _c("object", "string", "its object, where found"),
        _c("conditions", "list<string>", "conditions (在…时, 对…的, 除…外)"),
        _c("or_else", "string", "the consequence stated, where any"),
        _c("statement", "string", "the norm restated in one line"),
        _c("text", "string", "the clause"),
        _START, _END,
    ),
    "actors": (
        _DOC,
        _c("name", "string", "canonical name (the same across documents: join on it)"),
        _c("side", "string", "government, supervisory, coordinating, business, public, or empty"),
        _c("type", "string", "type from the head noun (government, enterprise …)"),
        *(_c(t, "int32", f"norms of type {t} addressed to it") for t in DEONTIC_TYPES),
        _c("norms", "int32", "all norms addressed to it"),
        _c("duties", "int32", "duties it bears (responsible_for, supervises, interprets, consults)"),
        _c("sanctions", "int32", "sanctions it applies"),
    ),
    "duties": (
        _DOC,
        _c("id", "string", "duty id"),
        _c("body", "string", "the body that answers for it (canonical actor)"),
        _c("side", "string", "the body's side (`other` where the dictionary lacks it)"),
        _c("relation", "string", "responsible_for, supervises, sanctions, interprets or consults"),
        _c("duty", "string", "what: 主体责任, 监督责任, 批评教育 …"),
        _c("kind", "string", "`duty` or `sanction`"),
        _c("target", "string", "whom it is about, where stated"),
        _c("body_implicit", "bool", "the body is not in the sentence (the document's supervisor …)"),
        _c("article", "int32", "article number"),
        _c("unit", "string", "sentence id"),
        _START, _END,
    ),
    "references": (
        _DOC,
        _c("id", "string", "reference id"),
        _c("kind", "string", "`internal` (this document) or `external`"),
        _c("target", "string", "self, art-31, following, previous, unresolved (a misprinted article number), "
                               "or the outside rule's name"),
        _c("text", "string", "as written"),
        _c("unit", "string", "sentence id"),
        _START, _END,
    ),
    "edges": (
        _DOC,
        _c("source", "string", "node id (actor nodes, `actor:<name>`, are shared across documents)"),
        _c("target", "string", "node id"),
        _c("key", "string", "edge key (the relation; `refers_to-2` for a second such edge)"),
        _c("relation", "string", "contains, states, addressed_to, responsible_for, supervises, sanctions, "
                                 "interprets, consults, defines, alias_of, member_of, refers_to"),
        _c("article", "int32", "the article it is cited to (0: none)"),
        _c("unit", "string", "the sentence it comes from (empty: none)"),
    ),
    "profiles": (
        _DOC,
        _c("label", "string", "short Chinese label: place, year, genre (济南市2019·实施办法)"),
        _c("units", "int32", "articles, or sections"),
        _c("norms", "int32", "norms"),
        *(_c(t, "int32", f"{t} norms") for t in DEONTIC_TYPES),
        *(_c(f"{t}_share", "float64", f"share of {t} among the norms (0–1, 4 decimals)") for t in DEONTIC_TYPES),
        _c("actors", "int32", "distinct actors addressed"),
        *(_c(f"actors_{s}", "string", f"actors of side {s}, joined with 、") for s in SIDES),
        _c("duties", "int32", "duties"),
        _c("main_responsibility", "string", "who bears the 主体责任 (joined with 、)"),
        _c("supervisory_responsibility", "string", "who bears the 监督责任 or supervises"),
        _c("interprets", "string", "who interprets the text"),
        _c("sanctions", "string", "who sanctions"),
        _c("provisions_present", "int32", "how many checklist provisions it has (`provisions`)"),
    ),
    "provisions": (
        _DOC,
        _c("provision", "string", "key: hearing, no_freezing, conduct_list, reception, fault_tolerance, "
                                  "report_handling, hotline"),
        _c("name", "string", "Chinese name (制定政策听取企业意见 …)"),
        _c("present", "bool", "found at least once"),
        _c("cell", "string", "where, for a table cell: `5`, `62、69`, `二` (empty: absent)"),
        _c("articles", "list<int32>", "article numbers where found"),
        _c("sections", "list<int32>", "section numbers where found"),
        _c("quote", "string", "the first sentence found"),
        _c("units", "list<string>", "ids of every sentence found"),
    ),
    "warnings": (
        _DOC,
        _c("path", "string", "the file"),
        _c("message", "string", "the structure warning (a numbering gap, a duplicate …)"),
    ),
    "errors": (
        _c("path", "string", "the file that is not in the tables"),
        _c("doc", "string", "the id it would have had"),
        _c("error", "string", "the kind of error (ReadError, EncodingError, LimitError …)"),
        _c("message", "string", "the one-line reason, naming the file"),
        _c("sha256", "string", "SHA-256 of its bytes (null if it could not be read)"),
        _c("bytes", "int64", "its size"),
    ),
    "near_duplicates": (
        _c("a_doc", "string", "document of the first article"),
        _c("a_id", "string", "the first article (`articles.id`), the earlier in corpus order"),
        _c("b_doc", "string", "document of the second article"),
        _c("b_id", "string", "the second article"),
        _c("jaccard", "float64", "exact Jaccard similarity of their character 3-gram sets"),
    ),
}

#: What each table holds, one line each (the headings of docs/corpus-tables.md).
TABLE_DOCS: dict[str, str] = {
    "documents": "one row per document read: file, hash, metadata and counts",
    "articles": "one row per article (第X条) or 意见-style section",
    "items": "one row per item (项)",
    "norms": "one row per norm: who must, must not, may do what",
    "actors": "one row per document and actor its norms or duties name",
    "duties": "one row per duty or sanction: which body answers for what",
    "references": "one row per reference to the document itself or to outside rules",
    "edges": "the article graph of every document, one row per edge",
    "profiles": "one row per document: deontic mix, actors by side, responsibility",
    "provisions": "one row per document and checklist provision (qqtext.compare.profile.PROVISIONS)",
    "warnings": "one row per structure warning of a document that was read",
    "errors": "one row per file that could not be read, with the reason; the run went on",
    "near_duplicates": "pairs of articles or sections with near-identical wording (only with --near-duplicates)",
}

#: The tables filled from each document's own rows (``errors`` and ``near_duplicates`` are not).
DOCUMENT_TABLES: tuple[str, ...] = tuple(name for name in TABLES if name not in ("errors", "near_duplicates"))


def column_names(table: str) -> tuple[str, ...]:
    """The column names of ``table``, in order."""
    return tuple(column.name for column in TABLES[table])


def _arrow_type(name: str) -> pa.DataType:
    import pyarrow as pa

    if name.startswith("list<") and name.endswith(">"):
        return pa.list_(_arrow_type(name[5:-1]))
    return {"string": pa.string(), "int32": pa.int32(), "int64": pa.int64(), "float64": pa.float64(),
            "bool": pa.bool_(), "date32": pa.date32()}[name]


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of ``table`` (every field nullable)."""
    import pyarrow as pa

    return pa.schema([pa.field(c.name, _arrow_type(c.type)) for c in TABLES[table]])


def arrow_columns(table: str, rows: Sequence[Sequence[Any]]) -> list[pa.Array]:
    """The columns of ``table`` as Arrow arrays, from rows of values in column order.

    ``date32`` values may be ISO text (``"2019-01-04"``); a string with a lone surrogate gets U+FFFD.
    """
    import pyarrow as pa

    columns = list(zip(*rows)) if rows else [()] * len(TABLES[table])
    arrays = []
    for values, column in zip(columns, TABLES[table]):
        values = list(values)
        if column.type == "date32":
            values = [dt.date.fromisoformat(v) if isinstance(v, str) else v for v in values]
        try:
            arrays.append(pa.array(values, type=_arrow_type(column.type)))
        except UnicodeEncodeError:
            from qqtext.textsafe import utf8_safe

            arrays.append(pa.array(_safe(values, utf8_safe), type=_arrow_type(column.type)))
    return arrays


def _safe(values: list[Any], clean) -> list[Any]:
    return [clean(v) if isinstance(v, str) else _safe(v, clean) if isinstance(v, list) else v for v in values]


def schema_markdown() -> str:
    """The table reference as Markdown: one section per table, one row per column."""
    parts = []
    for table, columns in TABLES.items():
        lines = [f"### `{table}`", "", TABLE_DOCS[table] + ".", "", "| column | type | meaning |", "|---|---|---|"]
        lines += [f"| `{c.name}` | {c.type} | {c.doc.replace('|', '/')} |" for c in columns]
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"
