"""Small FRUS documents for import tests: each one valid, each its own identity."""

from __future__ import annotations

from pathlib import Path


def document(number: int, *, body: str = "") -> str:
    """A telegram from the Minister in Ruritania; ``number`` gives it its identity.

    ``number`` runs from 1 to 28 (it is also the day of the dateline).
    """
    text = body or f"Nothing further to report on matter {number}."
    return (
        f"124.93/{number}: Telegram\n\n"
        "The Minister in Ruritania (Quimby) to the Secretary of State\n\n"
        f"Strelsau, May {number}, 1930—noon.\n\n"
        f"{number}. {text}\n\n"
        "Quimby\n"
    )


def write_documents(folder: Path, count: int, prefix: str = "good") -> list[str]:
    """``count`` good documents in ``folder``; return their file names."""
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for number in range(1, count + 1):
        name = f"{prefix}_{number:02d}.txt"
        (folder / name).write_text(document(number), encoding="utf-8")
        names.append(name)
    return names
