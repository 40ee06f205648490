"""IMS QTI 2.1 content package: a zip that LMSs and assessment tools (TAO, Canvas, Blackboard, Inspera …) import.

The package holds:

* ``imsmanifest.xml`` (IMS Content Packaging 1.1 as QTI 2.1 profiles it, with the title in LOM
  metadata), listing one resource per item and one for the test;
* ``items/<id>.xml``: one ``assessmentItem`` per question. Choice, true/false and scenario questions
  use a ``choiceInteraction`` (``maxChoices`` 1; 0 for multiple choice), cloze questions one
  ``textEntryInteraction`` per blank, inline where the blank is. The correct responses are declared,
  response processing sets ``SCORE`` to the question's points when every response is right, and the
  解析 and 出处 are a ``modalFeedback`` shown after answering;
* ``test.xml``: an ``assessmentTest`` with the title, holding the items in paper order.

Every zip entry is dated 1980-01-01, so the same questions give the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from qqtext.exercises.export._common import (
    CHOICE_TYPES,
    ExportError,
    build_zip,
    clean,
    feedback_lines,
    format_score,
    validated,
    write_bytes,
)
from qqtext.exercises.model import BLANK, FALSE, TRUE, TYPE_LABELS, Question

__all__ = ["write_qti", "QTI_NS", "IMSCP_NS", "item_identifier"]

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
IMSCP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
IMSCP_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd"
LOM_NS = "http://ltsc.ieee.org/xsd/LOM"
LOM_XSD = "http://www.imsglobal.org/xsd/imsmd_loose_v1p3p2.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ITEM_TYPE = "imsqti_item_xmlv2p1"
TEST_TYPE = "imsqti_test_xmlv2p1"

RE_NOT_NAME = re.compile(r"[^A-Za-z0-9_.-]")
TF_CHOICES = (("T", TRUE), ("F", FALSE))


def item_identifier(q: Question) -> str:
    """The item's QTI identifier: the question id where it is a valid one (``q-…`` always is)."""
    identifier = RE_NOT_NAME.sub("_", q.id)
    return identifier if re.match(r"[A-Za-z_]", identifier) else "q_" + identifier


def _q(tag: str) -> str:
    return f"{{{QTI_NS}}}{tag}"


def _add_text(parent: etree._Element, text: str) -> None:
    """Append text to ``parent`` (after its last child), line breaks as ``<br/>``."""
    for i, line in enumerate(clean(text).split("\n")):
        if i:
            etree.SubElement(parent, _q("br"))
        if not line:
            continue
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + line
        else:
            parent.text = (parent.text or "") + line


def _para(parent: etree._Element, text: str) -> etree._Element:
    p = etree.SubElement(parent, _q("p"))
    _add_text(p, text)
    return p


def _declare_outcomes(item: etree._Element, q: Question) -> None:
    for identifier, base_type, default in (("SCORE", "float", "0"), ("MAXSCORE", "float", format_score(q.score))):
        outcome = etree.SubElement(item, _q("outcomeDeclaration"), identifier=identifier, cardinality="single",
                                   baseType=base_type)
        etree.SubElement(etree.SubElement(outcome, _q("defaultValue")), _q("value")).text = default
    etree.SubElement(item, _q("outcomeDeclaration"), identifier="FEEDBACK", cardinality="single",
                     baseType="identifier")


def _response(item: etree._Element, identifier: str, cardinality: str, base_type: str, values: Sequence[str]):
    declaration = etree.SubElement(item, _q("responseDeclaration"), identifier=identifier,
                                   cardinality=cardinality, baseType=base_type)
    correct = etree.SubElement(declaration, _q("correctResponse"))
    for value in values:
        etree.SubElement(correct, _q("value")).text = value


def _processing(item: etree._Element, q: Question, responses: Sequence[str]) -> None:
    processing = etree.SubElement(item, _q("responseProcessing"))
    condition = etree.SubElement(processing, _q("responseCondition"))
    when = etree.SubElement(condition, _q("responseIf"))
    test = etree.SubElement(when, _q("and")) if len(responses) > 1 else when
    for identifier in responses:
        match = etree.SubElement(test, _q("match"))
        etree.SubElement(match, _q("variable"), identifier=identifier)
        etree.SubElement(match, _q("correct"), identifier=identifier)
    for parent, score in ((when, format_score(q.score)), (etree.SubElement(condition, _q("responseElse")), "0")):
        setter = etree.SubElement(parent, _q("setOutcomeValue"), identifier="SCORE")
        etree.SubElement(setter, _q("baseValue"), baseType="float").text = score
    setter = etree.SubElement(processing, _q("setOutcomeValue"), identifier="FEEDBACK")
    etree.SubElement(setter, _q("baseValue"), baseType="identifier").text = "EXPLANATION"


def _title(q: Question) -> str:
    stem = " ".join(clean(q.stem).split())
    return f"{TYPE_LABELS[q.type]}：{stem[:30]}{'…' if len(stem) > 30 else ''}"


def _item(q: Question) -> bytes:
    item = etree.Element(_q("assessmentItem"), nsmap={None: QTI_NS, "xsi": XSI_NS})
    item.set(f"{{{XSI_NS}}}schemaLocation", f"{QTI_NS} {QTI_XSD}")
    item.set("identifier", item_identifier(q))
    item.set("title", _title(q))
    item.set("adaptive", "false")
    item.set("timeDependent", "false")
    item.set(XML_LANG, "zh-CN")

    if q.type == "cloze":
        answers = [clean(a) for a in q.answer]
        responses = ["RESPONSE"] if len(answers) == 1 else [f"RESPONSE_{i}" for i in range(1, len(answers) + 1)]
        for identifier, answer in zip(responses, answers):
            _response(item, identifier, "single", "string", [answer])
    else:
        responses = ["RESPONSE"]
        multiple = q.type == "multiple_choice"
        values = list(q.answer) if q.type in CHOICE_TYPES else ["T" if q.answer == (TRUE,) else "F"]
        _response(item, "RESPONSE", "multiple" if multiple else "single", "identifier", values)
    _declare_outcomes(item, q)

    body = etree.SubElement(item, _q("itemBody"))
    if q.type == "cloze":
        p = etree.SubElement(body, _q("p"))
        parts = clean(q.stem).split(BLANK)
        _add_text(p, parts[0])
        for identifier, answer, part in zip(responses, answers, parts[1:]):
            etree.SubElement(p, _q("textEntryInteraction"), responseIdentifier=identifier,
                             expectedLength=str(max(len(answer) + 2, 4)))
            _add_text(p, part)
    else:
        _para(body, q.stem)
        interaction = etree.SubElement(body, _q("choiceInteraction"), responseIdentifier="RESPONSE",
                                       shuffle="false", maxChoices="0" if q.type == "multiple_choice" else "1")
        choices = [(o.key, o.text) for o in q.options] if q.type in CHOICE_TYPES else TF_CHOICES
        for key, text in choices:
            choice = etree.SubElement(interaction, _q("simpleChoice"), identifier=key)
            _add_text(choice, text)

    _processing(item, q, responses)
    feedback = etree.SubElement(item, _q("modalFeedback"), outcomeIdentifier="FEEDBACK", showHide="show",
                                identifier="EXPLANATION", title="解析")
    for line in feedback_lines(q):
        _para(feedback, line)
    return etree.tostring(item, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def _test(identifier: str, title: str, hrefs: Sequence[tuple[str, str]]) -> bytes:
    test = etree.Element(_q("assessmentTest"), nsmap={None: QTI_NS, "xsi": XSI_NS})
    test.set(f"{{{XSI_NS}}}schemaLocation", f"{QTI_NS} {QTI_XSD}")
    test.set("identifier", identifier)
    test.set("title", title)
    etree.SubElement(test, _q("outcomeDeclaration"), identifier="SCORE", cardinality="single", baseType="float")
    part = etree.SubElement(test, _q("testPart"), identifier="part-1", navigationMode="nonlinear",
                            submissionMode="simultaneous")
    section = etree.SubElement(part, _q("assessmentSection"), identifier="section-1", title=title, visible="true")
    for item_id, href in hrefs:
        etree.SubElement(section, _q("assessmentItemRef"), identifier=item_id, href=href)
    processing = etree.SubElement(test, _q("outcomeProcessing"))
    setter = etree.SubElement(processing, _q("setOutcomeValue"), identifier="SCORE")
    etree.SubElement(etree.SubElement(setter, _q("sum")), _q("testVariables"), variableIdentifier="SCORE")
    return etree.tostring(test, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _manifest(identifier: str, title: str, test_id: str, items: Sequence[tuple[str, str]]) -> bytes:
    cp = lambda tag: f"{{{IMSCP_NS}}}{tag}"  # noqa: E731
    md = lambda tag: f"{{{LOM_NS}}}{tag}"  # noqa: E731
    manifest = etree.Element(cp("manifest"), nsmap={None: IMSCP_NS, "imsmd": LOM_NS, "xsi": XSI_NS})
    manifest.set("identifier", identifier)
    manifest.set(f"{{{XSI_NS}}}schemaLocation", f"{IMSCP_NS} {IMSCP_XSD} {LOM_NS} {LOM_XSD}")
    metadata = etree.SubElement(manifest, cp("metadata"))
    etree.SubElement(metadata, cp("schema")).text = "QTIv2.1 Package"
    etree.SubElement(metadata, cp("schemaversion")).text = "1.0.0"
    general = etree.SubElement(etree.SubElement(metadata, md("lom")), md("general"))
    etree.SubElement(etree.SubElement(general, md("title")), md("string"), language="zh-CN").text = title
    etree.SubElement(manifest, cp("organizations"))
    resources = etree.SubElement(manifest, cp("resources"))
    test = etree.SubElement(resources, cp("resource"), identifier=test_id, type=TEST_TYPE, href="test.xml")
    etree.SubElement(test, cp("file"), href="test.xml")
    for item_id, _ in items:
        etree.SubElement(test, cp("dependency"), identifierref=item_id)
    for item_id, href in items:
        resource = etree.SubElement(resources, cp("resource"), identifier=item_id, type=ITEM_TYPE, href=href)
        etree.SubElement(resource, cp("file"), href=href)
    return etree.tostring(manifest, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_qti(questions: Sequence[Question], path: str | os.PathLike[str], *, title: str) -> Path:
    """Write the questions as a QTI 2.1 content package (a ``.zip``) to ``path`` and return the path.

    Raises:
        ExportError: see :func:`~qqtext.exercises.export._common.validated`.
    """
    questions = validated(questions)
    title = " ".join(clean(title).split())
    items = [(item_identifier(q), f"items/{item_identifier(q)}.xml") for q in questions]
    if len({item_id for item_id, _ in items}) != len(items):
        raise ExportError("two question ids give the same QTI identifier")
    digest = _digest(title, *(q.id for q in questions))
    test_id = f"test-{digest}"
    entries = [("imsmanifest.xml", _manifest(f"manifest-{digest}", title, test_id, items)),
               ("test.xml", _test(test_id, title, items))]
    entries += [(href, _item(q)) for q, (_, href) in zip(questions, items)]
    return write_bytes(path, build_zip(entries))
