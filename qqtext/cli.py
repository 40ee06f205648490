"""The ``qqtext`` command line: ``qqtext <verb> ...``.

Machine-readable output goes to stdout (or ``-o FILE``), messages to stderr. A
:class:`~qqtext.errors.QqtextError` ends the command with exit code 2 and a one-line message naming
the file; structure warnings are printed as ``qqtext: warning: …`` lines and do not stop anything.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from qqtext import __version__
from qqtext.errors import QqtextError

__all__ = ["main", "build_parser"]

EXIT_OK = 0
EXIT_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``qqtext`` command."""
    parser = argparse.ArgumentParser(
        prog="qqtext",
        description="Read, parse and analyse Chinese policy texts on 亲清 government-business relations.",
    )
    parser.add_argument("--version", action="version", version=f"qqtext {__version__}")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    parse = verbs.add_parser("parse", help="parse a document into chapters, articles and items")
    parse.add_argument("document", metavar="PATH_OR_ID", help="a .txt/.md/.docx/.html/.pdf file, or a corpus id such as jinan-2019")
    parse.add_argument("--format", choices=("json", "markdown", "csv"), default="json", help="output format (default: json)")
    parse.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    parse.set_defaults(run=_run_parse)

    summary = verbs.add_parser("summary", help="print a readable summary of documents (default: the shipped corpus)")
    summary.add_argument("documents", nargs="*", metavar="PATH_OR_ID", help="files or corpus ids (default: every corpus document)")
    summary.set_defaults(run=_run_summary)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            code = args.run(args)
        except QqtextError as exc:
            _print_warnings(caught)
            print(f"qqtext: error: {_one_line(str(exc))}", file=sys.stderr)
            return EXIT_ERROR
        except BrokenPipeError:
            return EXIT_OK
        except KeyboardInterrupt:
            print("qqtext: interrupted", file=sys.stderr)
            return 130
    _print_warnings(caught)
    return code


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _print_warnings(caught: list[warnings.WarningMessage]) -> None:
    for warning in caught:
        print(f"qqtext: warning: {_one_line(str(warning.message))}", file=sys.stderr)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise QqtextError(f"{output}: cannot write ({exc.strerror or exc})") from exc
    print(f"qqtext: wrote {output}", file=sys.stderr)


def _run_parse(args: argparse.Namespace) -> int:
    from qqtext.corpus import load_document
    from qqtext.serialize import to_csv, to_json, to_markdown

    doc = load_document(args.document)
    render = {"json": to_json, "markdown": to_markdown, "csv": to_csv}[args.format]
    _emit(render(doc), args.output)
    return EXIT_OK


def _run_summary(args: argparse.Namespace) -> int:
    from qqtext.corpus import corpus_entries, load_document
    from qqtext.summary import summarize

    names = args.documents or [entry.id for entry in corpus_entries()]
    if not names:
        raise QqtextError("no documents given and the shipped corpus is empty")
    docs = [load_document(name) for name in names]
    sys.stdout.write(summarize(docs))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
