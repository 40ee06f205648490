"""Tools for blind gold rounds (tests/data/gold/GUIDELINES-dev.md).

    python scripts/gold-kit.py sentences DOCID SOURCE > DOCID.sentences.tsv
    python scripts/gold-kit.py check DOCID SOURCE GOLD.jsonl
    python scripts/gold-kit.py score DOCID SOURCE GOLD.jsonl [--errors]

SOURCE is a file path or ``lawrefbook:PATH`` (a text of ../shared/lawrefbook/laws.jsonl.xz).
``sentences`` and ``check`` are what an annotator uses: they show only the parser's structure, never
extractor output. ``score`` runs the extractor; run it only after the gold is complete.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lawrefbook_source import load_source  # noqa: E402


def document(doc_id: str, source: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_source(source, doc_id=doc_id)


def sentences(doc) -> None:
    print("sentence_id\ttext")
    for _, sentence in doc.sentences():
        print(f"{sentence.id}\t{sentence.text}")


def check(doc, gold_path: str) -> int:
    """Structural checks only: ids exist, texts match, ``at`` points at the cue, fields are present."""
    texts = {s.id: s.text for _, s in doc.sentences()}
    problems = 0
    required = ("sentence", "cue", "at", "deontic", "actor", "actor_type", "actor_implicit", "aim", "conditions")
    for number, line in enumerate(Path(gold_path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            print(f"line {number}: not JSON ({error})")
            problems += 1
            continue
        missing = [field for field in required if field not in record]
        text = texts.get(record.get("sentence"))
        if missing:
            message = f"missing {', '.join(missing)}"
        elif text is None:
            message = f"no sentence {record['sentence']}"
        elif record.get("sentence_text", text) != text:
            message = "sentence_text differs from the parser's text"
        elif not record.get("cue_implicit") and text[record["at"]:record["at"] + len(record["cue"])] != record["cue"]:
            message = f"text[at:] is {text[record['at']:record['at'] + len(record['cue'])]!r}, not the cue {record['cue']!r}"
        elif record.get("cue_implicit") and record["at"] != 0:
            message = "an implicit cue has at 0"
        elif len(record["actor"]) != len(record["actor_type"]):
            message = "actor and actor_type differ in length"
        elif record["deontic"] not in ("obligation", "prohibition", "permission", "encouragement", "discouragement"):
            message = f"unknown deontic {record['deontic']!r}"
        else:
            continue
        print(f"line {number}: {message}")
        problems += 1
    print(f"{problems} problem(s)")
    return 1 if problems else 0


def score(doc, gold_path: str, errors: bool) -> None:
    from qqtext.extract.evaluate import _gold_key, _predicted_key, read_gold, score_norms, specific_form
    from qqtext.extract.norms import extract_norms

    norms = extract_norms(doc)
    gold = read_gold(gold_path)
    for field, value in score_norms(doc, norms, gold).items():
        print(f"{field}\t{value}")
    if errors:  # the norms paired as the scorer pairs them
        starts = {s.id: s.span.start for _, s in doc.sentences()}
        predicted = {_predicted_key(n, starts): n for n in norms}
        truth = {_gold_key(g): g for g in gold}
        for key in sorted(predicted.keys() | truth.keys(), key=lambda k: (k[0], str(k[1]))):
            n, g = predicted.get(key), truth.get(key)
            p_actor = sorted(specific_form(a) for a in n.actor_surface) if n else None
            g_actor = sorted(specific_form(a) for a in g["actor"]) if g else None
            p_deontic, g_deontic = (n.deontic if n else None), (g["deontic"] if g else None)
            if p_actor != g_actor or p_deontic != g_deontic:
                cue = (n.cue if n else g["cue"])
                print("\t".join(map(str, (key[0], key[1], cue, p_deontic, g_deontic, p_actor, g_actor))))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("sentences", "check", "score"))
    parser.add_argument("doc_id")
    parser.add_argument("source")
    parser.add_argument("gold", nargs="?")
    parser.add_argument("--errors", action="store_true", help="with score: list the norms whose deontic or actor differ")
    args = parser.parse_args()
    doc = document(args.doc_id, args.source)
    if args.command == "sentences":
        sentences(doc)
        return 0
    if not args.gold:
        parser.error(f"{args.command} needs the gold file")
    if args.command == "check":
        return check(doc, args.gold)
    score(doc, args.gold, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
