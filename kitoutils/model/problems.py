"""Located problems, said in French for the kit's editors."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the kit, at a 1-based line and column of a file."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column} : {self.message}"


class KitInvalid(Exception):
    """Raised with every problem of a run, sorted by place."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        header = (
            "Le kit contient 1 erreur :"
            if count == 1
            else f"Le kit contient {count} erreurs :"
        )
        return "\n".join([header, *(f"  {p}" for p in self.problems)])
