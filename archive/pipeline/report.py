"""What an import run says about each document: the summary line and ``--report``."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Outcome:
    """What happened to one document, for the summary line and ``--report``."""

    source: str
    outcome: str  # created, updated, unchanged, failed
    identifier: str = ""
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    kept_fields: list[str] = field(default_factory=list)
    changed_fields: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "identifier": self.identifier,
            "outcome": self.outcome,
            "changed_fields": self.changed_fields,
            "kept_fields": self.kept_fields,
            "warnings": self.warnings,
            "errors": self.errors,
        }


def note_problem(outcome: Outcome, problem: str) -> None:
    if problem:
        outcome.warnings.append(problem)
