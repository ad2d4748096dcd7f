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


REASON_LIMIT = 500


def short(text: str, limit: int = REASON_LIMIT) -> str:
    """A reason as it is printed and reported: one line, cut to ``limit`` characters.

    A failure can carry the text that caused it (a parse error quoting a
    line, a database error quoting a value); a megabyte of it in the report
    would hide the reason it was meant to show.
    """
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_exception(error: BaseException) -> str:
    """An unexpected exception as a short reason: its kind and its message, cut."""
    message = short(str(error), REASON_LIMIT - 40)
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def failure(source: str, reason: str, identifier: str = "") -> Outcome:
    """One document's failure: ``reason`` already says where (``file, line N: …``)."""
    return Outcome(source, "failed", identifier=identifier, errors=[short(reason)])


def note_problem(outcome: Outcome, problem: str) -> None:
    if problem:
        outcome.warnings.append(problem)
