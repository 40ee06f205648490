"""The user's data folder, where the results store (by default) and self-check answers are kept.

With :mod:`platformdirs` installed it decides (``~/.local/share/qqtext`` on Linux, honouring
``XDG_DATA_HOME``; ``~/Library/Application Support/qqtext`` on macOS; ``%LOCALAPPDATA%\\qqtext`` on
Windows); without it, ``$XDG_DATA_HOME/qqtext`` or ``~/.local/share/qqtext``. Nothing is created here.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["user_data_dir"]


def user_data_dir() -> Path:
    """The folder for qqtext's files that belong to this user (not created)."""
    try:
        import platformdirs
    except ImportError:
        base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
        return Path(base) / "qqtext"
    return Path(platformdirs.user_data_dir("qqtext", appauthor=False))
