"""The whole qqtext error and warning hierarchy.

Every error the library raises on bad input is a :class:`QqtextError`, so callers (and the CLI) can
catch one class. Messages are in English, name the file (and the line where there is one) and quote
the Chinese text they are about.

Recoverable oddities (a gap in article numbering, a duplicated item number) are not errors: they are
issued as :class:`StructureWarning` through :mod:`warnings` and kept on the parsed document.
"""

from __future__ import annotations

__all__ = [
    "QqtextError",
    "ReadError",
    "EmptyDocumentError",
    "UnsupportedFormatError",
    "EncodingError",
    "NoTextLayerError",
    "LimitError",
    "ConfigurationError",
    "ParseError",
    "CorpusError",
    "BankError",
    "CacheError",
    "UnknownActorError",
    "ModelError",
    "QqtextWarning",
    "StructureWarning",
]


class QqtextError(Exception):
    """Base class of every error qqtext raises on bad input."""


class ReadError(QqtextError):
    """A file could not be read as a document (missing, unreadable, corrupt)."""


class EmptyDocumentError(ReadError):
    """The file holds no text at all (empty, or only whitespace)."""


class UnsupportedFormatError(ReadError):
    """The file is of a kind qqtext does not read (an image, an archive, a binary, ...)."""


class EncodingError(ReadError):
    """A text file whose character encoding could not be determined or decoded."""


class NoTextLayerError(ReadError):
    """A PDF without a text layer (a scan): it needs OCR before qqtext can read it."""


class LimitError(ReadError):
    """An input over one of the limits of :mod:`qqtext.limits` (too large, too deep, a zip bomb).

    The message names the file, the limit and the environment variable that raises it.
    """


class ConfigurationError(QqtextError):
    """A setting with an invalid value: an unknown limit, or a limit variable that is not a number."""


class ParseError(QqtextError):
    """Text that cannot be parsed into a document.

    Args:
        message: what is wrong.
        source: the file (or document id) the text came from.
        line: 1-based line number in the source text, where known.
        fragment: a short quote of the offending text.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        fragment: str | None = None,
    ) -> None:
        self.message = message
        self.source = source
        self.line = line
        self.fragment = fragment
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.source or "<text>"
        if self.line is not None:
            where += f", line {self.line}"
        quoted = f": “{self.fragment}”" if self.fragment else ""
        return f"{where}: {self.message}{quoted}"


class CorpusError(QqtextError):
    """An unknown document id, or a corpus metadata file that is missing or malformed."""


class UnknownActorError(QqtextError):
    """An actor name that is neither a node of the graph nor a surface form of one.

    Args:
        actor: the name asked for.
        known: the canonical names of the actors the graph has.
        source: the document (id or file) the graph is of, where known.
    """

    def __init__(self, actor: str, known: tuple[str, ...], *, source: str | None = None) -> None:
        self.actor = actor
        self.known = known
        self.source = source
        listed = "、".join(known) if known else "(none)"
        where = f"{source}: " if source else ""
        super().__init__(f"{where}unknown actor “{actor}”; known actors: {listed}")


class BankError(QqtextError):
    """A question bank file that cannot be read or does not follow the bank schema."""


class CacheError(QqtextError):
    """The user's cache folder (``$QQTEXT_CACHE``) cannot be created, is not private, or cannot be written."""


class ModelError(QqtextError):
    """A semantic model that cannot be read or loaded (``qqtext compare --model``), or too little text to train one."""


class QqtextWarning(UserWarning):
    """Base class of the warnings qqtext issues."""


class StructureWarning(QqtextWarning):
    """A recoverable oddity in a document's structure: numbering gaps, duplicates, disorder."""
