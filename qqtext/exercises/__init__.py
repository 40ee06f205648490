"""Exercises: the question model, banks (YAML/JSON + JSON Schema) and their checking.

Generators, paper assembly and exports build on these (see the submodules).
"""

from qqtext.exercises.bank import Bank, Problem, check_bank, read_bank, read_banks, write_bank
from qqtext.exercises.model import Option, Question, Source

__all__ = ["Bank", "Problem", "Question", "Option", "Source", "check_bank", "read_bank", "read_banks", "write_bank"]
