"""The ``qqtext`` command line: ``qqtext <verb> ...``.

Machine-readable output goes to stdout (or ``-o FILE``), messages to stderr. A
:class:`~qqtext.errors.QqtextError` ends the command with exit code 2 and a one-line message naming
the file (an unwritable path too); structure warnings are printed as ``qqtext: warning: …`` lines and
do not stop anything. A fault of qqtext itself ends with exit code 1 and one ``qqtext: internal error``
line (``QQTEXT_DEBUG=1`` shows the traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path

from qqtext import __version__
from qqtext.errors import QqtextError, QqtextWarning
from qqtext.outputs import OutputError, atomic_write_text, discard_stdout, flush_stdout, write_stdout

__all__ = ["main", "build_parser"]

EXIT_OK = 0
EXIT_ERROR = 2
EXIT_INTERNAL = 1  # a fault of qqtext itself, not of the input
#: The seed papers are drawn with when none is given (quiz, pack; report and review look for it).
DEFAULT_SEED = 2019
GRAPH_FORMATS = ("graphml", "gexf", "json")


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

    norms = verbs.add_parser("norms", help="list the norms (who must, must not, may do what) one row each")
    norms.add_argument("document", metavar="PATH_OR_ID", help="a file or a corpus id")
    norms.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (default: csv)")
    norms.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    norms.set_defaults(run=_run_norms)

    graph = verbs.add_parser("graph", help="write the article graph (structure, norms, actors, duties, references)")
    graph.add_argument("document", metavar="PATH_OR_ID", help="a file or a corpus id")
    graph.add_argument("--format", choices=GRAPH_FORMATS, help="graphml, gexf or json (default: from the -o suffix)")
    graph.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    graph.set_defaults(run=_run_graph)

    duties = verbs.add_parser("duties", help="print what one actor must, must not and may do, with its articles")
    duties.add_argument("document", metavar="PATH_OR_ID", help="a file or a corpus id")
    duties.add_argument("actor", metavar="ACTOR", help="an actor, e.g. 机关单位工作人员 or 纪委")
    duties.add_argument("--conditions", action="store_true", help="also print each norm's conditions")
    duties.set_defaults(run=_run_duties)

    quiz = verbs.add_parser("quiz", help="draw a paper from the curated and generated questions and write it out")
    quiz.add_argument("document", metavar="PATH_OR_ID", help="a file or a corpus id")
    quiz.add_argument("--count", type=int, default=None,
                      help="number of questions (default 20, or the sum of the --types or --difficulty counts)")
    quiz.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed: the same seed gives the same paper (default 2019)")
    quiz.add_argument("--audience", choices=("official", "business", "all"), default="all",
                      help="officials, business owners, or everyone (default)")
    quiz.add_argument("--types", nargs="+", metavar="TYPE[:N]",
                      help="question types, spread evenly (单选 判断), or with a count each (单选:5,判断:5); names: "
                           "单选/单选题 多选/多选题 判断/判断题 填空/填空题 情形/情形判断/案例, or single_choice "
                           "multiple_choice true_false cloze scenario (default: all five)")
    quiz.add_argument("--chapters", nargs="+", metavar="N",
                      help="only questions on these chapters (3 4, 3-4), each chapter covered")
    quiz.add_argument("--articles", nargs="+", metavar="N",
                      help="only questions on these articles (5-9,13); with --chapters: either")
    quiz.add_argument("--difficulty", metavar="LEVEL:N,...",
                      help="questions per difficulty level, adding up to the paper: 1:4,2:4,3:2 "
                           "(levels 1/易/easy, 2/中/medium, 3/难/hard; a level left out gets none)")
    quiz.add_argument("--exclude", action="append", default=[], metavar="PAPER.json|IDS",
                      help="leave out questions a class has seen: a paper from `qqtext quiz --format json`, a file "
                           "with one question id per line, or ids separated by commas (repeatable)")
    quiz.add_argument("--forms", type=int, default=1, metavar="K",
                      help="K parallel forms sharing no question, written as NAME-A.ext, NAME-B.ext … (needs -o)")
    quiz.add_argument("--title", help="the paper's title (default: from the document)")
    quiz.add_argument("--format", choices=("json", "gift", "moodle-xml", "qti", "xlsx", "docx", "md", "html", "anki",
                                           "jupyterquiz"), help="output format (default: from the -o suffix, else json)")
    quiz.add_argument("-o", "--output", type=Path, help="output file (default: stdout for json, gift, moodle-xml, md, html)")
    quiz.set_defaults(run=_run_quiz)

    pack = verbs.add_parser("pack", help="write a training pack: two papers with keys, GIFT, Excel 题库, norms, pictures")
    pack.add_argument("document", metavar="PATH_OR_ID", help="a file or a corpus id")
    pack.add_argument("-o", "--output", type=Path, default=Path("out"), help="folder to write into (default: out/)")
    pack.add_argument("--count", type=int, default=None,
                      help="questions per paper (default 20, or as many as the pool gives for two papers, with a warning)")
    pack.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default 2019)")
    pack.add_argument("--audience", choices=("official", "business", "all"), default="all")
    pack.set_defaults(run=_run_pack)

    compare = verbs.add_parser(
        "compare", help="align documents article by article (or item by item): copied, adapted, split, merged, "
                        "what changed in the rules; or rank candidates across a folder",
        description="Align the first document with each of the others (or every pair with --all-pairs). "
                    "Each row pairs a unit of A with one of B (copied or adapted; a split 1:n or merge n:1 "
                    "has a row per unit of its group) or names a unit found on one side only (only_a, only_b). "
                    "copied means near-verbatim with no rule changed; --changes lists what changed. "
                    "With a folder as the second argument, each article of A gets its best candidates across "
                    "every document of the folder.")
    compare.add_argument("documents", nargs="+", metavar="PATH_OR_ID",
                         help="two or more files or corpus ids; or a file and a folder")
    compare.add_argument("--format", choices=("csv", "json", "html"), default="csv",
                         help="csv or json rows, or the side-by-side html page (default: csv)")
    compare.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    compare.add_argument("--level", choices=("article", "item"), default="article",
                         help="align articles (default) or items")
    compare.add_argument("--threshold", type=float, default=None, metavar="SCORE",
                         help="the score (0-1) a pair needs (default 0.40, or 0.25 with --lexical; "
                              "0.30 also pairs looser paraphrases)")
    compare.add_argument("--all-pairs", action="store_true",
                         help="with more than two documents, compare every pair, not just the first against the others")
    compare.add_argument("--changes", action="store_true",
                         help="print the rule changes of the aligned pairs, one row each (csv or json), "
                              "A read as before and B as after (the html page marks them anyway)")
    compare.add_argument("--model", metavar="PATH",
                         help="a semantic model instead of the shipped one: a file or folder written by qqtext "
                              "(scripts/train_semantic.py) or a local sentence-transformers model folder")
    compare.add_argument("--lexical", action="store_true", help="no semantic model: shared wording and words only")
    compare.add_argument("--top", type=int, default=None, metavar="K",
                         help="with a folder: candidates per article of A (default 3)")
    compare.set_defaults(run=_run_compare)

    report = verbs.add_parser("report", help="the trainer's report on a session: item analysis, mastery per article, XLSX/HTML")
    report.add_argument("--results", help="the results store (path or database URL; default: $QQTEXT_RESULTS or the user store)")
    report.add_argument("--session", help="only this session (default: every session in the store)")
    report.add_argument("--doc", default="jinan-2019", metavar="PATH_OR_ID",
                        help="the document the questions come from (default: jinan-2019)")
    report.add_argument("--seed", type=int, action="append", default=[],
                        help="seed the papers were drawn with, to find generated questions (repeatable; default 2019)")
    report.add_argument("--paper", type=Path, action="append", default=[], metavar="JSON",
                        help="a paper written by `qqtext quiz --format json` (repeatable)")
    report.add_argument("--title", help="the report's title")
    report.add_argument("-o", "--output", type=Path, default=Path("out/课堂报告"), help="folder (default: out/课堂报告)")
    report.set_defaults(run=_run_report)

    bank = verbs.add_parser("bank", help="question banks: check a folder of bank files")
    bank_verbs = bank.add_subparsers(dest="bank_verb", required=True, metavar="ACTION")
    check = bank_verbs.add_parser("check", help="validate every bank file of a folder (schema, citations, answers, duplicates)")
    check.add_argument("folder", metavar="DIR", type=Path, help="a folder of .yaml/.yml/.json bank files (e.g. exercises/)")
    check.add_argument("--doc", action="append", default=[], metavar="PATH",
                       help="a document the banks cite that is not in the shipped corpus (repeatable)")
    check.set_defaults(run=_run_bank_check)

    serve = verbs.add_parser(
        "serve", help="serve the self-test for a class: learners join by session code; trainer page with live progress",
        description="Start the classroom server (one process, 127.0.0.1 unless --host is given). Learners open the "
                    "printed address, join the session by its code, answer with instant feedback citing the article, "
                    "resume after a reload, and see 历次成绩, 错题本 and 再练错题 after 交卷. The trainer page "
                    "(link printed at start) shows live progress, per-question facility, the 成绩单 and the report. "
                    "Stop with Ctrl-C; starting again with the same --session carries on.")
    serve.add_argument("--doc", default="jinan-2019", metavar="PATH_OR_ID", help="the document (default jinan-2019)")
    serve.add_argument("--count", type=int, default=10, help="questions per paper (default 10)")
    serve.add_argument("--session", default="自测", help="the session's name, saved with each attempt (default: 自测)")
    serve.add_argument("--seed", type=int, help="the same paper for every learner (default: a paper of their own each)")
    serve.add_argument("--audience", choices=("official", "business", "all"), default="official",
                       help="whose questions (default: official)")
    serve.add_argument("--roster", type=Path, metavar="CSV",
                       help="a roster of 姓名[,单位]: learners join by name and results are named (default: pseudonymous)")
    serve.add_argument("--time-limit", type=int, metavar="MINUTES", help="hand papers in automatically after this long")
    serve.add_argument("--results", metavar="PATH_OR_URL",
                       help="the results store: a SQLite file or a database URL "
                            "(default: $QQTEXT_RESULTS, else results.sqlite in the user's data folder)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address to listen on (default 127.0.0.1; 0.0.0.0 for the training room's network, "
                            "which requires an access code)")
    serve.add_argument("--port", type=int, default=8866, help="the port (default 8866)")
    serve.add_argument("--access-code", help="the access code for --host (default: six random digits, printed)")
    serve.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1),
                       help="server processes sharing the store (default: 2, or 1 on a one-core machine)")
    serve.set_defaults(run=_run_serve)

    review = verbs.add_parser(
        "review", help="a learner's 错题本 (wrong answers by article) and a retest paper, from the results store",
        description="Read one learner's attempts from the results store and write their 错题本: the wrong answers "
                    "grouped by the article they test, with the right answer, the 解析 and the source; with "
                    "--retest also a retest paper (the wrong questions again and others on the same articles).")
    review.add_argument("learner", metavar="LEARNER", help="the name typed on the self-test page, or a learner id (L-…)")
    review.add_argument("--results", metavar="PATH_OR_URL",
                        help="the results store (default: $QQTEXT_RESULTS, else the user's results.sqlite); "
                             "it must exist")
    review.add_argument("--session", help="only attempts of this session (default: all)")
    review.add_argument("--doc", default="jinan-2019", metavar="PATH_OR_ID",
                        help="the document the questions come from (default: jinan-2019)")
    review.add_argument("--seed", type=int, action="append", default=[],
                        help="seed the papers were drawn with, to find generated questions (repeatable; default 2019)")
    review.add_argument("--paper", type=Path, action="append", default=[], metavar="JSON",
                        help="a paper written by `qqtext quiz --format json` (repeatable): its questions as shown")
    review.add_argument("--format", choices=("md", "docx"),
                        help="md or docx (default: from the -o suffix, else md)")
    review.add_argument("-o", "--output", type=Path, help="the 错题本 file (default: Markdown on stdout)")
    review.add_argument("--retest", action="store_true",
                        help="also write a retest paper beside the 错题本: NAME_重测卷.md (answers at the end) or "
                             "NAME_重测卷.docx with its key")
    review.add_argument("--retest-count", type=int, metavar="N",
                        help="questions in the retest (default: every wrong question and one more on each article)")
    review.add_argument("--title", default="错题本", help="the 错题本's title (default: 错题本)")
    review.set_defaults(run=_run_review)

    selfcheck = verbs.add_parser(
        "selfcheck", help="the private 自查 checklist, answered in the terminal; answers stay in your own files",
        description="Ask the self-check items of a document (过去一年，……？) one by one and print which articles to "
                    "reread. Nothing is sent anywhere or written to the results store; the answers are saved only "
                    "if you say so (--save, or 'y' when asked at the end), to your private folder (mode 0700) in "
                    "your user data folder or to the FILE you give. Without a "
                    "terminal the answers are read from --answers FILE or standard input: one per line in the "
                    "order of --list (是/否/不确定, y/n/?, - to skip), or lines 'NUMBER ANSWER', or JSON "
                    "{item id: answer}.")
    selfcheck.add_argument("document", nargs="?", default="jinan-2019", metavar="PATH_OR_ID",
                           help="the document (default: jinan-2019)")
    selfcheck.add_argument("--answers", metavar="FILE", help="read the answers from FILE ('-': standard input)")
    selfcheck.add_argument("--save", nargs="?", type=Path, const=SAVE_DEFAULT, metavar="FILE",
                           help="save the answers, to FILE or (no FILE) to selfcheck/<doc>.json in your private user "
                                "data folder; with --show: the file to read")
    selfcheck.add_argument("--list", action="store_true", help="print the numbered items and exit")
    selfcheck.add_argument("--show", action="store_true", help="print the result saved last time and exit")
    selfcheck.set_defaults(run=_run_selfcheck)

    corpus = verbs.add_parser(
        "corpus", help="read a folder of documents (recursively) into Parquet tables: documents, articles, norms …",
        description="Read every supported file under DIR (.txt .md .docx .html .pdf; a metadata.toml in a folder "
                    "describes its files), parse and extract each, and write the tables documents, articles, items, "
                    "norms, actors, duties, references, edges, profiles, provisions, warnings and errors to "
                    "OUT/<table>.parquet (see docs/corpus-tables.md). A file that cannot be read is a row of "
                    "errors with the reason, and the run goes on. A re-run reads only new and changed files and "
                    "drops the rows of removed ones; the tables are the same whatever --jobs or the order of files.")
    corpus.add_argument("folder", metavar="DIR", type=Path, help="the corpus folder")
    corpus.add_argument("-o", "--output", metavar="OUT", type=Path, required=True, help="the folder for the tables")
    corpus.add_argument("--jobs", type=int, metavar="N",
                        help="worker processes (default: all cores; 1: no worker processes); with "
                             "--scheduler local: the local cluster's workers")
    corpus.add_argument("--scheduler", metavar="ADDRESS",
                        help="run on Dask distributed: 'local' (a LocalCluster on this machine) or the scheduler's "
                             "tcp://HOST:PORT (its workers need qqtext and the files at the same path)")
    corpus.add_argument("--metadata", type=Path, metavar="FILE",
                        help="a metadata file for DIR kept elsewhere (its file entries relative to DIR)")
    corpus.add_argument("--near-duplicates", action="store_true",
                        help="also write near_duplicates: pairs of near-identical articles (MinHash LSH)")
    corpus.add_argument("--threshold", type=float, default=0.7, metavar="J",
                        help="the Jaccard similarity a near-duplicate pair needs (default 0.7)")
    corpus.add_argument("--no-progress", action="store_true", help="no progress bars")
    corpus.set_defaults(run=_run_corpus)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            code = args.run(args)
            flush_stdout()  # a full disk shows here, as one line, not as a traceback at exit
        except QqtextError as exc:
            _print_warnings(caught)
            print(f"qqtext: error: {_one_line(str(exc))}", file=sys.stderr)
            return EXIT_ERROR
        except BrokenPipeError:
            return EXIT_OK
        except KeyboardInterrupt:
            print("qqtext: interrupted", file=sys.stderr)
            return 130
        except OSError as exc:  # -o a folder, an unwritable folder, a full disk: the path and the reason
            if exc.filename is None:  # standard output itself: drop what is buffered, so exit does not fail again
                discard_stdout()
            _print_warnings(caught)
            where = exc.filename if exc.filename is not None else "output"
            print(f"qqtext: error: {where}: {_one_line(exc.strerror or str(exc))}", file=sys.stderr)
            return EXIT_ERROR
        except Exception as exc:  # a fault of qqtext's own: one line, the traceback only when asked for
            if os.environ.get("QQTEXT_DEBUG"):
                raise
            _print_warnings(caught)
            print(f"qqtext: internal error: {type(exc).__name__}: {_one_line(str(exc))} "
                  "(set QQTEXT_DEBUG=1 for the traceback, and please report it)", file=sys.stderr)
            return EXIT_INTERNAL
    _print_warnings(caught)
    return code


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _print_warnings(caught: list[warnings.WarningMessage]) -> None:
    """Print qqtext's own warnings (library noise such as jieba's unclosed files stays silent)."""
    for warning in caught:
        if issubclass(warning.category, QqtextWarning):
            print(f"qqtext: warning: {_one_line(str(warning.message))}", file=sys.stderr)


def _emit(text: str, output: Path | None) -> None:
    """``text`` to standard output, or to ``output`` whole or not at all (:mod:`qqtext.outputs`)."""
    if output is None:
        write_stdout(text)
        return
    atomic_write_text(output, text)
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
    write_stdout(summarize(docs))
    return EXIT_OK


def _run_norms(args: argparse.Namespace) -> int:
    import csv
    import io
    import json

    from qqtext.corpus import load_document
    from qqtext.frames import NORM_COLUMNS, norm_rows
    from qqtext.serialize import safe_rows

    rows = norm_rows(load_document(args.document))
    if args.format == "json":
        text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(NORM_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(safe_rows(rows))
        text = buffer.getvalue()
    _emit(text, args.output)
    return EXIT_OK


def _run_graph(args: argparse.Namespace) -> int:
    from qqtext import graph as article_graph
    from qqtext.corpus import load_document

    suffix = args.output.suffix.lower().lstrip(".")
    fmt = args.format or suffix
    if fmt not in GRAPH_FORMATS:
        raise QqtextError(f"{args.output}: cannot tell the graph format from the suffix; give --format graphml, gexf or json")
    G = article_graph.build_graph(load_document(args.document))
    write = {"graphml": article_graph.to_graphml, "gexf": article_graph.to_gexf, "json": article_graph.write_json}[fmt]
    write(G, args.output)  # whole or not at all; an OutputError names the file
    print(f"qqtext: wrote {args.output} ({G.number_of_nodes()} nodes, {G.number_of_edges()} edges)", file=sys.stderr)
    return EXIT_OK


def _run_duties(args: argparse.Namespace) -> int:
    from qqtext.corpus import load_document
    from qqtext.graph import actor_card, build_graph, format_card

    doc = load_document(args.document)
    card = actor_card(build_graph(doc), args.actor)
    write_stdout(f"《{doc.title}》\n" + format_card(card, conditions=args.conditions))
    return EXIT_OK


#: ``qqtext selfcheck --save`` without a file: the private per-user folder.
SAVE_DEFAULT = Path("<user data folder>")
TEXT_FORMATS = {"json", "gift", "moodle-xml", "md", "html", "jupyterquiz"}


def _run_quiz(args: argparse.Namespace) -> int:
    import dataclasses
    import tempfile

    from qqtext.corpus import load_document
    from qqtext.exercises import controls
    from qqtext.exercises.assemble import AssemblyError, parallel_forms
    from qqtext.exercises.quiz import (FORMATS, blueprint_for, check_difficulty, form_path, make_paper, question_pool,
                                       write_quiz)

    if args.format is None:  # paper.docx, paper.md: the format its name says
        suffix = args.output.suffix.lower() if args.output is not None else ""
        args.format = next((name for name, ext in FORMATS.items() if ext == suffix), "json")
    if args.output is None and args.format not in TEXT_FORMATS:
        raise QqtextError(f"--format {args.format} writes a binary file: give -o FILE")
    if args.count is not None and args.count < 1:
        raise QqtextError(f"--count must be at least 1, not {args.count}")
    if not 1 <= args.forms <= 26:
        raise QqtextError(f"--forms must be between 1 and 26, not {args.forms}")
    if args.forms > 1 and args.output is None:
        raise QqtextError("--forms writes one file per form: give -o FILE")
    types = controls.parse_type_counts(args.types) if args.types else None
    difficulty = controls.parse_difficulty(args.difficulty) if args.difficulty else None
    chapters = controls.parse_numbers(args.chapters, what="chapter") if args.chapters else None
    articles = controls.parse_numbers(args.articles, what="article") if args.articles else None
    exclusion = controls.Exclusion()
    for value in args.exclude:
        exclusion |= controls.read_exclude(value)
    count = args.count
    if count is None and not difficulty and not (types and all(n is not None for n in types.values())):
        count = 20
    doc = load_document(args.document)
    pool = question_pool(doc, seed=args.seed)
    chosen = controls.restrict_pool(pool, doc, chapters=chapters, articles=articles)
    excluded = exclusion.ids_in(chosen)
    if exclusion.ids and not exclusion.ids & {q.id for q in pool} and not excluded:
        warnings.warn(f"none of the {len(exclusion.ids)} question(s) to exclude is in the pool of {doc.id}",
                      QqtextWarning)
    chosen = [q for q in chosen if q.id not in excluded]
    if not chosen:
        raise QqtextError(f"{doc.id}: no question left in the pool on these chapters/articles"
                          + (f" after excluding {len(excluded)}" if excluded else ""))
    for number in articles or ():
        if not any(q.source.article == number for q in chosen):
            warnings.warn(f"{doc.id}: the pool has no question on article {number}", QqtextWarning)
    title = args.title or (f"《{doc.title}》学习测试" if doc.title else f"{doc.id} 学习测试")
    try:
        if args.forms == 1:
            papers = [make_paper(chosen, count=count, seed=args.seed, title=title, types=types, audience=args.audience,
                                 chapters=chapters, difficulty=difficulty)]
        else:
            blueprint = blueprint_for(chosen, count, types=types, audience=args.audience, chapters=chapters,
                                      difficulty=difficulty, forms=args.forms)
            flexible = not isinstance(types, Mapping) and not difficulty  # a spread, not the trainer's counts
            papers = list(parallel_forms(chosen, blueprint, seed=args.seed, forms=args.forms, title=title,
                                         flexible=flexible))
            for paper in papers:
                if paper.overlap:
                    raise AssemblyError(f"the pool cannot give {args.forms} forms without a shared question "
                                        f"({len(paper.overlap)} shared on form {paper.form})")
                check_difficulty(paper, difficulty)
            papers = [dataclasses.replace(p, title=f"{title}（{p.form}卷）") for p in papers]
    except AssemblyError as error:
        where = " on the chosen chapters/articles" if chapters or articles else ""
        left_out = f", {len(excluded)} excluded" if excluded else ""
        raise AssemblyError(f"{doc.id}: {error} [pool: {len(chosen)} questions{where}{left_out}]") from None
    if args.output is None:
        with tempfile.TemporaryDirectory() as folder:
            [path] = write_quiz(papers[0], Path(folder) / f"quiz{FORMATS[args.format]}", format=args.format)
            write_stdout(path.read_text(encoding="utf-8"))
        return EXIT_OK
    for paper in papers:
        target = args.output if args.forms == 1 else form_path(args.output, paper.form)
        for path in write_quiz(paper, target, format=args.format):
            print(f"qqtext: wrote {path}", file=sys.stderr)
    summary = papers[0].summary()
    kinds = "，".join(f"{label} {n}" for label, n in summary["type_labels"].items())
    levels = "，".join(f"{level}:{n}" for level, n in summary["difficulty"].items())
    forms = f"{len(papers)} forms of " if len(papers) > 1 else ""
    narrowed = f" (of {len(pool)})" if len(chosen) != len(pool) else ""
    print(f"qqtext: {forms}{summary['questions']} questions ({kinds}; difficulty {levels}) from a pool of "
          f"{len(chosen)}{narrowed}, seed {args.seed}", file=sys.stderr)
    return EXIT_OK


def _run_pack(args: argparse.Namespace) -> int:
    from qqtext.corpus import load_document
    from qqtext.pack import build_training_pack

    doc = load_document(args.document)
    report = build_training_pack(doc, args.output / doc.id, seed=args.seed, count=args.count, audience=args.audience)
    print(f"培训资料包已写入 {report.folder}/（题库 {report.pool_size} 道题）：")
    for path in report.files:
        print(f"  {path.name}")
    return EXIT_OK


def _run_compare(args: argparse.Namespace) -> int:
    import itertools

    from qqtext.compare.align import align, alignment_rows, label_counts
    from qqtext.compare.measures import default_threshold, resolve_model
    from qqtext.compare.view import comparison_page
    from qqtext.corpus import load_document

    if len(args.documents) < 2:
        raise QqtextError("compare needs at least two documents")
    if args.lexical and args.model:
        raise QqtextError("--model and --lexical exclude each other")
    model = None if args.lexical else resolve_model(args.model) if args.model else "default"
    encoder = resolve_model(model)
    threshold = default_threshold(encoder) if args.threshold is None else args.threshold
    if not 0.0 <= threshold <= 1.0:
        raise QqtextError(f"--threshold must be between 0 and 1, not {threshold}")
    folders = [name for name in args.documents[1:] if Path(name).is_dir()]
    if folders:
        return _compare_folder(args, folders)
    if args.top is not None:
        raise QqtextError("--top ranks candidates across a folder: give a folder as the second argument")
    docs = [load_document(name) for name in args.documents]
    if args.all_pairs:
        pairs = list(itertools.combinations(docs, 2))
    else:
        pairs = [(docs[0], other) for other in docs[1:]]
    comparisons = [(align(a, b, level=args.level, threshold=threshold, model=encoder), a, b) for a, b in pairs]
    if args.format == "html":
        text = comparison_page(comparisons, threshold=threshold, level=args.level)
    elif args.changes:
        from qqtext.compare.changes import CHANGE_COLUMNS, change_rows

        text = _table([row for alignments, _, _ in comparisons for row in change_rows(alignments)],
                      CHANGE_COLUMNS, args.format)
    else:
        from qqtext.compare.align import ALIGNMENT_COLUMNS, TEXT_COLUMNS

        rows = [row for alignments, a, b in comparisons for row in alignment_rows(alignments, docs=(a, b))]
        text = _table(rows, (*ALIGNMENT_COLUMNS, *TEXT_COLUMNS), args.format)
    _emit(text, args.output)
    for alignments, a, b in comparisons:
        counts = ", ".join(f"{label} {n}" for label, n in label_counts(alignments).items())
        groups = {al.group: al.relation for al in alignments if al.group is not None}
        splits = sum(1 for relation in groups.values() if relation == "1:n")
        changed = sum(1 for al in alignments if al.changes)
        print(f"qqtext: {a.id} vs {b.id} ({args.level}): {counts}; splits {splits}, merges {len(groups) - splits}; "
              f"{changed} pair(s) with rule changes", file=sys.stderr)
    return EXIT_OK


def _table(rows: list[dict], columns: Sequence[str], fmt: str) -> str:
    """Rows as JSON, or as CSV with the given columns (cells made safe for spreadsheets)."""
    import csv
    import io
    import json

    from qqtext.serialize import safe_rows

    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(safe_rows(rows))
    return buffer.getvalue()


def _compare_folder(args: argparse.Namespace, folders: list[str]) -> int:
    from qqtext.compare.candidates import CANDIDATE_COLUMNS, TOP, candidate_rows, rank_candidates
    from qqtext.corpus import load_document

    if len(args.documents) != 2:
        raise QqtextError("with a folder, compare takes one document and one folder")
    if args.format == "html":
        raise QqtextError(f"{folders[0]}: a folder gives a table of candidates: use --format csv or json")
    if args.level != "article" or args.changes or args.all_pairs:
        raise QqtextError(f"{folders[0]}: with a folder, --level item, --changes and --all-pairs do not apply")
    top = TOP if args.top is None else args.top
    if top < 1:
        raise QqtextError(f"--top must be at least 1, not {top}")
    doc = load_document(args.documents[0])
    matches = rank_candidates(doc, folders[0], top=top, model=None if args.lexical else (args.model or "default"))
    if args.threshold is not None:  # only the candidates that reach it
        matches = [m for m in matches if m.score >= args.threshold]
    _emit(_table(candidate_rows(matches, a=doc), CANDIDATE_COLUMNS, args.format), args.output)
    strong = sum(1 for m in matches if m.rank == 1 and m.band == "adapted")
    print(f"qqtext: {doc.id} vs {folders[0]}: {len(matches)} candidate(s) for {len({m.a_article for m in matches})} "
          f"article(s); {strong} article(s) with a best candidate at or above the default threshold", file=sys.stderr)
    return EXIT_OK


def _run_report(args: argparse.Namespace) -> int:
    import warnings as _warnings

    from qqtext.corpus import load_document
    from qqtext.errors import QqtextWarning
    from qqtext.sessions.report import write_report

    store = _open_existing_store(args.results)  # a mistyped path is an error, never a new empty store
    responses = store.responses_frame(session=args.session)
    if responses.empty:
        raise QqtextError(f"{store.where}: no answers stored{f' for session {args.session!r}' if args.session else ''}")
    doc = load_document(args.doc)
    questions = _session_questions(doc, args.seed, [_read_paper(paper) for paper in args.paper])
    known = responses["question_id"].isin(list(questions))
    if not known.all():
        missing = sorted(set(responses.loc[~known, "question_id"]))
        _warnings.warn(f"{len(missing)} question(s) answered in the store are not in the pool of {doc.id} "
                       f"(e.g. {missing[0]}): give --paper or --seed; their answers are left out", QqtextWarning)
        responses = responses[known]
    if responses.empty:
        raise QqtextError(f"{store.where}: none of the stored answers is to a known question of {doc.id}")
    used = dict.fromkeys(responses["question_id"])
    title = args.title or f"《{doc.title}》课堂测验报告"
    for path in write_report(responses, {qid: questions[qid] for qid in used}, args.output, title=title,
                             session=args.session):
        print(f"qqtext: wrote {path}", file=sys.stderr)
    return EXIT_OK


def _session_questions(doc, seeds: Sequence[int], papers: Sequence[Sequence]) -> dict:
    """Every question a stored answer may be to: the pools of the seeds the papers were drawn with, then
    the papers' own questions (the versions the learners saw win over the pool's)."""
    from qqtext.exercises.quiz import question_pool

    questions = {}
    for seed in seeds or [DEFAULT_SEED]:
        questions.update({q.id: q for q in question_pool(doc, seed=seed)})
    for paper_questions in papers:
        questions.update({q.id: q for q in paper_questions})
    return questions


def _run_bank_check(args: argparse.Namespace) -> int:
    from qqtext.corpus import load_document
    from qqtext.exercises.bank import check_bank

    extra = {doc.id: doc for doc in (load_document(path) for path in args.doc)}
    problems = check_bank(args.folder, documents=extra)  # cited ids: these, the corpus, files in the folder
    for problem in problems:
        print(f"qqtext: bank: {problem}", file=sys.stderr)
    if problems:
        print(f"qqtext: {len(problems)} problem(s) in {args.folder}", file=sys.stderr)
        return EXIT_ERROR
    print(f"qqtext: {args.folder}: all banks are sound", file=sys.stderr)
    return EXIT_OK


def _run_serve(args: argparse.Namespace) -> int:
    from qqtext.web.server import serve

    if args.count < 1:
        raise QqtextError(f"--count must be at least 1, not {args.count}")
    if args.time_limit is not None and args.time_limit < 1:
        raise QqtextError(f"--time-limit is in minutes and at least 1, not {args.time_limit}")
    if not 1 <= args.workers <= 32:
        raise QqtextError(f"--workers must be between 1 and 32, not {args.workers}")
    document = str(Path(args.doc).resolve()) if Path(args.doc).exists() else args.doc
    results = None if args.results is None else str(args.results)
    return serve(doc=document, count=args.count, seed=args.seed, audience=args.audience, session_name=args.session,
                 results=results, roster=args.roster, time_limit=args.time_limit, host=args.host, port=args.port,
                 access_code=args.access_code, workers=args.workers)


class PaperError(QqtextError):
    """A ``--paper`` file that is not a paper written by ``qqtext quiz --format json``."""


#: The largest ``--paper`` file read (a paper of 1,000 questions is about 1 MB).
MAX_PAPER_BYTES = 50 * 1024 * 1024


def _read_paper(path: Path) -> list:
    """The questions of a paper written by ``qqtext quiz --format json``, or a one-line :class:`PaperError`."""
    import json

    from qqtext.exercises.export._common import validated
    from qqtext.exercises.quiz import questions_from_dicts

    what = "not a paper written by `qqtext quiz --format json`"
    try:  # a pipe is read (``--paper <(…)``); a folder fails to open; a device stops at the size limit
        with open(path, "rb") as handle:
            raw = handle.read(MAX_PAPER_BYTES + 1)
        if len(raw) > MAX_PAPER_BYTES:
            raise PaperError(f"{path}: larger than {MAX_PAPER_BYTES // (1024 * 1024)} MB, not a paper")
        data = json.loads(raw.decode("utf-8-sig"))
    except OSError as exc:
        raise PaperError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise PaperError(f"{path}: {what} (not UTF-8: byte {exc.start})") from None
    except (ValueError, RecursionError) as exc:
        raise PaperError(f"{path}: {what} (not JSON: {exc})") from None
    if isinstance(data, list):
        raise PaperError(f"{path}: {what} (a list, as in a jupyterquiz file; give the --format json paper)")
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise PaperError(f"{path}: {what} (no \"questions\" list)")
    questions = []
    for number, item in enumerate(data["questions"], 1):
        try:
            questions += validated(questions_from_dicts([item]))
        except QqtextError as exc:
            raise PaperError(f"{path}: question {number}: {exc}") from None
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            missing = f"no {exc}" if isinstance(exc, KeyError) else str(exc)
            raise PaperError(f"{path}: question {number}: {what} ({missing})") from None
    return questions


def _open_existing_store(results: str | None):
    """The results store at ``results`` (default: $QQTEXT_RESULTS or the user's), read-only, refusing to create one."""
    from qqtext.sessions.store import RE_URL, ResultsStore, default_location

    target = default_location() if results is None else results
    text = os.fspath(target).strip()
    path: Path | None = None
    if not RE_URL.match(text):  # a path, as the store reads it
        path = Path(text).expanduser()
    elif text.startswith("sqlite:///") and len(text) > len("sqlite:///"):
        path = Path(text[len("sqlite:///"):].split("?", 1)[0]).expanduser()
    if path is not None and not path.is_file():
        hint = "" if results is not None else " (give --results PATH_OR_URL)"
        raise QqtextError(f"{path}: no results store there{hint}")
    return ResultsStore(target, read_only=True)  # a report or review never writes to the store


def _run_review(args: argparse.Namespace) -> int:
    import re

    from qqtext.corpus import load_document
    from qqtext.exercises.assemble import AssemblyError
    from qqtext.exercises.quiz import write_quiz
    from qqtext.sessions.review import retest_paper, review_markdown, wrong_answers

    fmt = args.format or ("docx" if args.output is not None and args.output.suffix.lower() == ".docx" else "md")
    if args.output is None and (fmt == "docx" or args.retest):
        raise QqtextError("review: give -o FILE for a docx 错题本 or a retest")
    if args.retest_count is not None and args.retest_count < 1:
        raise QqtextError(f"--retest-count must be at least 1, not {args.retest_count}")
    papers = [_read_paper(paper) for paper in args.paper]
    store = _open_existing_store(args.results)
    name = args.learner.strip()
    learner = name if re.fullmatch(r"L-[0-9a-f]{10}", name) else store.learner_id(name)
    attempts = [a for a in store.learner_attempts(learner) if args.session is None or a.session == args.session]
    if not attempts:
        session = f" in session {args.session!r}" if args.session else ""
        shown = learner if name == learner else f"{name} ({learner})"
        raise QqtextError(f"{store.where}: no attempts stored for learner {shown}{session}")
    doc = load_document(args.doc)
    seeds = args.seed or [DEFAULT_SEED]
    questions = _session_questions(doc, seeds, papers)
    answered = {record.question_id for attempt in attempts for record in store.answers(attempt.id, learner_id=learner)}
    missing = sorted(answered - set(questions))
    if missing:
        warnings.warn(f"{len(missing)} question(s) this learner answered are not in the pool of {doc.id} "
                      f"(e.g. {missing[0]}): give --paper or --seed; they are left out", QqtextWarning)
    groups = wrong_answers(store, learner, questions, session=args.session)
    wrong = sum(len(group.entries) for group in groups)
    if args.output is None:
        write_stdout(review_markdown(groups, title=args.title))
    else:
        try:
            if fmt == "docx":
                from qqtext.sessions.review_docx import write_review_docx

                write_review_docx(groups, args.output, title=args.title)
            else:
                atomic_write_text(args.output, review_markdown(groups, title=args.title))
        except OutputError:
            raise
        except OSError as exc:
            raise QqtextError(f"{args.output}: cannot write ({exc.strerror or exc})") from exc
        print(f"qqtext: wrote {args.output}", file=sys.stderr)
    print(f"qqtext: {learner}: {wrong} wrong answer(s) on {len(groups)} provision(s) in {len(attempts)} attempt(s)",
          file=sys.stderr)
    if args.retest:
        if not wrong:
            warnings.warn(f"{learner} has no wrong answers: no retest written", QqtextWarning)
            return EXIT_OK
        try:
            paper = retest_paper(groups, list(questions.values()), seed=seeds[0], size=args.retest_count)
        except AssemblyError as exc:
            raise QqtextError(f"retest: {exc}") from None
        target = args.output.with_name(f"{args.output.stem}_重测卷.{fmt}")
        for path in write_quiz(paper, target, format=fmt):
            print(f"qqtext: wrote {path}", file=sys.stderr)
    return EXIT_OK


def _run_selfcheck(args: argparse.Namespace) -> int:
    from qqtext.corpus import load_document
    from qqtext.sessions.selfcheck import SelfCheckError, default_path, evaluate, load_local, save_local, self_check_items
    from qqtext.sessions.selfcheck_terminal import ask, item_lines, parse_answers

    chosen = None if args.save in (None, SAVE_DEFAULT) else args.save
    if args.show:
        result = load_local(chosen) if chosen else load_local(doc=_selfcheck_doc_id(args.document))
        print(result.summary)
        return EXIT_OK
    doc = load_document(args.document)
    items = self_check_items(doc)
    if not items:
        raise SelfCheckError(f"{doc.id}: no self-check items (the document has no prohibition addressed to officials)")
    if args.list:
        print(f"《{doc.title}》自查（{len(items)} 项）")
        print("\n".join(item_lines(items)))
        return EXIT_OK
    if args.answers is not None or not sys.stdin.isatty():
        source = "standard input" if args.answers in (None, "-") else args.answers
        try:
            text = sys.stdin.read() if source == "standard input" else Path(args.answers).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise SelfCheckError(f"{source}: cannot read the answers ({getattr(exc, 'strerror', None) or exc})") from None
        try:
            answers = parse_answers(text, items)
        except SelfCheckError as exc:
            raise SelfCheckError(f"{source}: {exc}") from None
        interactive = False
    else:
        print(f"《{doc.title}》自查")
        answers = ask(items)
        print()
        interactive = True
    result = evaluate(items, answers)
    print(result.summary)
    save = args.save is not None
    if not save and interactive:
        where = default_path(doc.id)
        try:
            save = input(f"\n是否把本次自查结果保存到您本人的文件 {where}？（y/N）> ").strip().lower() in ("y", "yes", "是")
        except EOFError:
            save = False
    if save:
        path = save_local(result, chosen)
        print(f"qqtext: 自查结果已保存到 {path}（仅您本人可读，不会上传）", file=sys.stderr)
    return EXIT_OK


def _run_corpus(args: argparse.Namespace) -> int:
    from qqtext.batch.run import build_corpus

    if args.output.resolve() == args.folder.resolve():
        raise QqtextError(f"{args.output}: give an output folder other than the corpus folder")
    report = build_corpus(args.folder, args.output, jobs=args.jobs, scheduler=args.scheduler,
                          metadata=args.metadata, near_duplicates=args.near_duplicates, threshold=args.threshold,
                          progress=not args.no_progress)
    print(f"qqtext: {report.summary()}", file=sys.stderr)
    return EXIT_OK


def _selfcheck_doc_id(document: str) -> str:
    """The id under which a document's self-check is saved (a corpus id as given; a file's parsed id)."""
    from qqtext.corpus import load_document

    return document if not Path(document).exists() else load_document(document).id


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
