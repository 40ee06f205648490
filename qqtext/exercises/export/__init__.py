"""Writers for the formats a trainer's other tools read, one module per format.

Every writer takes the questions in paper order and keyword-only options, is deterministic (the
same questions give byte-identical output: no clock, fixed dates where a format insists), and
puts Chinese labels in what learners see.

==================  ==============================================  ===================================
format              functions                                       read by
==================  ==============================================  ===================================
GIFT                :func:`to_gift`, :func:`write_gift`             Moodle (and tools that speak GIFT)
Moodle XML          :func:`to_moodle_xml`, :func:`write_moodle_xml` Moodle
IMS QTI 2.1 (zip)   :func:`write_qti`                               TAO, Canvas, Blackboard, Inspera …
Excel 题库          :func:`write_xlsx`                              Chinese exam platforms' import
Word                :func:`write_docx_paper`, :func:`write_docx_key` printing; Word, WPS
Markdown / HTML     :func:`to_markdown`, :func:`to_html`            notes, wikis, browsers, printing
Anki (.apkg)        :func:`write_apkg`                              Anki, AnkiDroid, AnkiMobile
jupyterquiz         :func:`to_jupyterquiz`                          ``jupyterquiz.display_quiz``
==================  ==============================================  ===================================

Writers raise :class:`ExportError` (a :class:`~qqtext.errors.QqtextError` and a ``ValueError``) on
questions they cannot write: an id used twice, an answer naming no option, options beyond 选项F in
Excel ….
"""

from qqtext.exercises.export._common import ExportError
from qqtext.exercises.export.anki import write_apkg
from qqtext.exercises.export.docx import write_docx_key, write_docx_paper
from qqtext.exercises.export.gift import to_gift, write_gift
from qqtext.exercises.export.jupyterquiz import to_jupyterquiz
from qqtext.exercises.export.markdown import to_html, to_markdown
from qqtext.exercises.export.moodle_xml import to_moodle_xml, write_moodle_xml
from qqtext.exercises.export.qti import write_qti
from qqtext.exercises.export.xlsx import write_xlsx

__all__ = [
    "ExportError",
    "to_gift",
    "write_gift",
    "to_moodle_xml",
    "write_moodle_xml",
    "write_qti",
    "write_xlsx",
    "write_docx_paper",
    "write_docx_key",
    "to_markdown",
    "to_html",
    "write_apkg",
    "to_jupyterquiz",
]
