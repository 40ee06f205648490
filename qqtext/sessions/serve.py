"""Serving the self-test page (``notebooks/self_test.ipynb``) with Voilà, locally and offline.

``qqtext serve`` runs :func:`serve`. Voilà executes the notebook for each visitor in a kernel of its
own and shows only the outputs (no code): the quiz of :class:`qqtext.sessions.widgets.QuizApp`, which
saves each attempt with what the visitor saw (the option texts in the order shown and the texts
chosen), so that ``qqtext report`` reads the answers right even when every visit drew its own paper
(no ``--seed``: other questions, other option orders, other letters). The page's parameters travel
as environment variables, which the notebook reads:

* ``QQTEXT_DOC`` (default ``jinan-2019``), ``QQTEXT_COUNT`` (``10``), ``QQTEXT_SEED`` (unset: a new
  paper for every visit; set: everyone gets the same paper), ``QQTEXT_AUDIENCE`` (``official``),
  ``QQTEXT_SESSION`` (``自测``, the session label saved with each attempt), ``QQTEXT_MODE``
  (``one`` question at a time, or ``all``), ``QQTEXT_RESULTS`` (the results store: a SQLite path or a
  database URL; unset: the user's ``results.sqlite``).

The server listens on 127.0.0.1 only and opens no browser. The page fetches nothing from the
internet: Voilà serves its own scripts and styles, and the template used here
(:func:`offline_template`) is Voilà's ``lab`` template without the two Font Awesome stylesheets it
would load from a CDN; no MathJax or Mermaid script is requested either (the page has no formulas or
diagrams). ``tests/test_served_selftest.py`` checks this in a real browser.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from qqtext.errors import QqtextError

__all__ = ["NOTEBOOK", "TEMPLATE", "notebook_path", "offline_template", "voila_command", "serve_environment", "serve"]

#: The self-test notebook, in the repository's ``notebooks/`` folder.
NOTEBOOK = "self_test.ipynb"
#: The name of the offline Voilà template written by :func:`offline_template`.
TEMPLATE = "qqtext-offline"
HOST = "127.0.0.1"
_RE_REMOTE_LINK = re.compile(r"^[ \t]*<link[^>]+href=\"https?://[^\"]*\"[^>]*>[ \t]*\n", re.MULTILINE)


def notebook_path() -> Path:
    """The self-test notebook: ``notebooks/self_test.ipynb`` of the checkout qqtext runs from.

    ``$QQTEXT_NOTEBOOKS`` names another folder holding it.

    Raises:
        QqtextError: if it is not there (an installed wheel has no notebooks: use a checkout).
    """
    configured = os.environ.get("QQTEXT_NOTEBOOKS")
    folder = Path(configured) if configured else Path(__file__).resolve().parents[2] / "notebooks"
    path = folder / NOTEBOOK
    if not path.is_file():
        raise QqtextError(f"{path}: the self-test notebook is missing; `qqtext serve` runs from a checkout of the "
                          "repository (pip install -e .), or set QQTEXT_NOTEBOOKS to the folder holding it")
    return path


def offline_template(root: str | os.PathLike[str]) -> Path:
    """Write the Voilà template :data:`TEMPLATE` under ``root`` (a Jupyter data folder); return ``root``.

    It is Voilà's own ``lab`` template, read from the installed Voilà, less every ``<link>`` to an
    ``http(s)://`` address (the Font Awesome stylesheets from a CDN; the quiz uses no icons), and with
    the Mermaid loader left out. Put ``root`` first on ``JUPYTER_PATH`` and pass ``--template``.

    Raises:
        QqtextError: if Voilà (or its ``lab`` template) is not installed.
    """
    from jupyter_core.paths import jupyter_path

    for base in jupyter_path("voila", "templates", "lab"):
        source = Path(base) / "index.html.j2"
        if source.is_file():
            break
    else:
        raise QqtextError("Voilà is not installed: qqtext serve needs it (pip install -e '.[serve]')")
    text = _RE_REMOTE_LINK.sub("", source.read_text(encoding="utf-8"))
    text = text.replace("{%- block html_head_js_mathjax -%}",
                        "{%- block html_head_js_mermaidjs -%}\n{%- endblock html_head_js_mermaidjs -%}\n\n"
                        "{%- block html_head_js_mathjax -%}", 1)
    if re.search(r"(?:href|src)=[\"']https?://", text):
        raise QqtextError(f"{source}: Voilà's lab template loads something from the internet that qqtext "
                          "does not know how to leave out")
    target = Path(root) / "voila" / "templates" / TEMPLATE
    target.mkdir(parents=True, exist_ok=True)
    (target / "index.html.j2").write_text(text, encoding="utf-8")
    (target / "conf.json").write_text('{"base_template": "lab"}\n', encoding="utf-8")
    return Path(root)


def voila_command(notebook: str | os.PathLike[str], *, port: int) -> list[str]:
    """The command line that starts Voilà on ``notebook`` at ``127.0.0.1:port`` with no browser."""
    return [
        sys.executable, "-m", "voila", str(notebook),
        f"--port={port}",
        f"--Voila.ip={HOST}",
        "--Voila.port_retries=0",  # a busy port is an error, not a silent move to another one
        "--no-browser",
        f"--template={TEMPLATE}",
        "--theme=light",
        "--strip_sources=True",
    ]


def serve_environment(
    *, doc: str, count: int, results: str | os.PathLike[str] | None = None, seed: int | None = None,
    audience: str | None = None, session: str | None = None, mode: str | None = None,
    template_root: str | os.PathLike[str] | None = None, base: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The environment Voilà (and so the notebook's kernel) runs with: the ``QQTEXT_*`` parameters."""
    env = dict(os.environ if base is None else base)
    env["QQTEXT_DOC"] = str(doc)
    env["QQTEXT_COUNT"] = str(int(count))
    optional = {"QQTEXT_RESULTS": results, "QQTEXT_SEED": seed, "QQTEXT_AUDIENCE": audience,
                "QQTEXT_SESSION": session, "QQTEXT_MODE": mode}
    for name, value in optional.items():
        if value is not None:
            env[name] = os.fspath(value) if isinstance(value, os.PathLike) else str(value)
    if template_root is not None:
        paths = [os.fspath(template_root), *filter(None, env.get("JUPYTER_PATH", "").split(os.pathsep))]
        env["JUPYTER_PATH"] = os.pathsep.join(paths)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def serve(
    *, port: int = 8866, doc: str = "jinan-2019", count: int = 10, results: str | os.PathLike[str] | None = None,
    seed: int | None = None, audience: str | None = None, session: str | None = None, mode: str | None = None,
    extra_args: Sequence[str] = (),
) -> int:
    """Run Voilà on the self-test notebook until it stops (Ctrl-C); return its exit code."""
    notebook = notebook_path()
    root = Path(tempfile.mkdtemp(prefix="qqtext-voila-"))
    try:
        offline_template(root)
        env = serve_environment(doc=doc, count=count, results=results, seed=seed, audience=audience,
                                session=session, mode=mode, template_root=root)
        command = [*voila_command(notebook, port=port), *extra_args]
        print(f"qqtext: 自测页面 self-test page: http://{HOST}:{port}/  (Ctrl-C 停止 / to stop)", file=sys.stderr)
        process = subprocess.Popen(command, env=env, cwd=notebook.parent)
        previous = signal.getsignal(signal.SIGTERM)

        def stop(signum, _frame):  # a SIGTERM to qqtext serve stops Voilà (and its kernels) too
            raise SystemExit(128 + signum)

        signal.signal(signal.SIGTERM, stop)
        try:
            return process.wait()
        finally:
            signal.signal(signal.SIGTERM, previous)
            if process.poll() is None:
                process.terminate()  # Voilà shuts its kernels down on SIGTERM
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
    finally:
        shutil.rmtree(root, ignore_errors=True)
