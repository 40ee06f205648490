"""qqtext: read, parse and analyse Chinese policy texts on 亲清 government–business relations.

The data flows one way: read (file -> text) -> normalise (clean text + offset map) -> parse
(-> :class:`Document`) -> views and exports. The public API is re-exported here.

>>> import qqtext
>>> doc = qqtext.load_document("jinan-2019")
>>> [item.id for item in doc.article(13).items][-1]
'jinan-2019/art-13/item-9'
"""

from __future__ import annotations

__version__ = "0.1.0"

from qqtext.corpus import CorpusEntry, corpus_entries, corpus_frame, load_corpus, load_document, resolve
from qqtext.errors import (
    CorpusError,
    EmptyDocumentError,
    EncodingError,
    NoTextLayerError,
    ParseError,
    QqtextError,
    QqtextWarning,
    ReadError,
    StructureWarning,
    UnknownActorError,
    UnsupportedFormatError,
)
from qqtext.frames import articles_frame, norms_frame, sections_frame
from qqtext.model import Annex, Article, Document, Heading, Item, Paragraph, Section, Sentence, Span, Version
from qqtext.normalize import Normalized, normalize_text
from qqtext.numerals import article_label, parse_chinese_number, to_chinese_number
from qqtext.parse import parse_text, split_sentences
from qqtext.read import SUPPORTED_SUFFIXES, read_text
from qqtext.serialize import to_csv, to_dict, to_json, to_markdown

__all__ = [
    "__version__",
    # loading
    "load_document", "load_corpus", "corpus_frame", "corpus_entries", "CorpusEntry", "resolve",
    # read -> normalise -> parse
    "read_text", "SUPPORTED_SUFFIXES", "normalize_text", "Normalized", "parse_text", "split_sentences",
    "parse_chinese_number", "to_chinese_number", "article_label",
    # model
    "Document", "Heading", "Article", "Paragraph", "Item", "Sentence", "Section", "Span", "Annex", "Version",
    # views and output
    "articles_frame", "sections_frame", "norms_frame", "to_dict", "to_json", "to_markdown", "to_csv",
    # errors and warnings
    "QqtextError", "ReadError", "EmptyDocumentError", "UnsupportedFormatError", "EncodingError",
    "NoTextLayerError", "ParseError", "CorpusError", "UnknownActorError", "QqtextWarning", "StructureWarning",
]

