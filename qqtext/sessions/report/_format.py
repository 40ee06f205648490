"""Number formatting shared by the report's model and writers (Chinese conventions: 45%, −0.12)."""

from __future__ import annotations

import math

def _percent(value: float) -> str:
    return "—" if value is None or math.isnan(value) else f"{round(value * 100):d}%"


def _signed(value: float) -> str:
    return f"{value:.2f}".replace("-", "−")


def _round(value: float, digits: int):
    return None if value is None or math.isnan(value) else round(value, digits)


def _number(value: float):
    return int(value) if float(value).is_integer() else round(value, 2)


