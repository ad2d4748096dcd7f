"""Parse times of the adversarial shapes that once made the parser slow or crash.

Each shape is a document built in memory from the seeds' FRUS prose, shaped
after what a fuzzer fed the importer: a large document, one huge paragraph,
ten thousand numbers in a paragraph, inline page breaks, footnotes, and a
number of thousands of digits after a month name. Run with
``python bench/run.py --adversarial`` (no database is touched); the times
go to ``bench/results.json`` under ``adversarial`` and to
``docs/benchmarks.md``. A shape that the parser refuses is timed to the
refusal, and its outcome says so. No time is asserted: machines are noisy.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAD = (
    "793.94/7527: Telegram\n"
    "The Chargé in the Soviet Union (Henderson) to the Secretary of State\n"
    "Moscow, December 18, 1935—noon.\n"
    "[Received December 18—9:40 a.m.]\n"
)
MB = 1_000_000


def _corpus_paragraphs() -> list[str]:
    """The body paragraphs of the development corpus, footnote references removed."""
    import re

    sys.path.insert(0, str(ROOT))
    from archive.text import parse_document

    paragraphs = []
    for path in sorted((ROOT / "tests" / "fixtures" / "corpus" / "docs").glob("*.txt")):
        doc = parse_document(path.read_text(encoding="utf-8"), path.name)
        paragraphs += [re.sub(r"\[\^\d+[a-d]?\]", "", p) for p in doc.paragraphs]
    return paragraphs


def _filled(paragraphs: list[str], size: int) -> list[str]:
    chosen, total = [], 0
    while total < size:
        for paragraph in paragraphs:
            if total >= size:
                break
            chosen.append(paragraph)
            total += len(paragraph.encode()) + 1
    return chosen


def large_document(size: int) -> str:
    """Real FRUS paragraphs (dates, figures, page breaks, brackets) up to ``size`` bytes."""
    return HEAD + "\n".join(_filled(_corpus_paragraphs(), size)) + "\nHenderson"


def one_paragraph(size: int) -> str:
    """The same paragraphs run together into a single one."""
    return HEAD + " ".join(_filled(_corpus_paragraphs(), size)) + "\nHenderson"


def numbers_in_a_paragraph(count: int) -> str:
    """``count`` free-standing figures in one paragraph."""
    return HEAD + "520. " + " ".join(f"{n} tons," for n in range(count)) + " in all.\nHenderson"


def dates_in_a_paragraph(count: int) -> str:
    """``count`` dates (a day after a month name, then a year) in one paragraph."""
    words = " ".join(f"on December {n % 28 + 1}, {1930 + n % 10}," for n in range(count))
    return HEAD + "520. " + words + " and after.\nHenderson"


def inline_page_breaks(count: int) -> str:
    """A paragraph cut by ``[Page n]`` lines mid-sentence, ``count`` times."""
    parts = ["520. The Chinese Ambassador informed me that"]
    for n in range(count):
        parts.append(f"[Page {n + 1}]")
        parts.append("the Soviet Union would be willing to participate in the")
    parts.append("conference.")
    return HEAD + "\n".join(parts) + "\nHenderson"


def inline_page_breaks_in_line(count: int) -> str:
    """The same page breaks, written inside one line as the corpus does."""
    body = " ".join(f"the Union [Page {n + 1}] would" for n in range(count))
    return HEAD + "520. " + body + " participate.\nHenderson"


def many_footnotes(count: int) -> str:
    """``count`` markers glued to words in one paragraph, each with its footnote line."""
    body = " ".join(f"Litvinov{n} said so." for n in range(1, count + 1))
    notes = "\n".join(f"- Note {n}.↩" for n in range(1, count + 1))
    return HEAD + "520. " + body + "\nHenderson\n" + notes


def long_number_after_month(digits: int) -> str:
    return HEAD + "520. He arrived on December " + "4" * digits + " and left.\nHenderson"


SHAPES: dict[str, Callable[[], str]] = {
    "document of 1 MB (real paragraphs)": lambda: large_document(MB),
    "document of 2 MB (real paragraphs, at the limit)": lambda: large_document(2 * MB - 4096),
    "document of 4 MB (over the limit)": lambda: large_document(4 * MB),
    "one paragraph of 1 MB": lambda: one_paragraph(MB),
    "10,000 numbers in a paragraph": lambda: numbers_in_a_paragraph(10_000),
    "5,000 dates in a paragraph": lambda: dates_in_a_paragraph(5_000),
    "10,000 inline page breaks (own lines)": lambda: inline_page_breaks(10_000),
    "10,000 inline page breaks (in the line)": lambda: inline_page_breaks_in_line(10_000),
    "10,000 footnotes": lambda: many_footnotes(10_000),
    "4,301-digit number after a month": lambda: long_number_after_month(4301),
}


def time_shape(name: str, repeat: int) -> dict:
    """Best of ``repeat`` parse times of one shape, with its size and outcome."""
    import sys

    sys.path.insert(0, str(ROOT))
    from archive.text import ParseError, parse_document
    from archive.text.errors import cut

    text = SHAPES[name]()
    times, outcome = [], ""
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            parse_document(text, "adversarial.txt")
            outcome = "parsed"
        except ParseError as error:
            outcome = f"refused: {cut(error.reason, 70)}"
        except Exception as error:  # a crash is a finding: reported, not raised
            outcome = f"crashed: {type(error).__name__}: {str(error)[:80]}"
        times.append(time.perf_counter() - started)
    return {"bytes": len(text.encode()), "seconds": round(min(times), 3), "outcome": outcome}


def run(repeat: int = 3, timeout: float = 300.0) -> dict[str, dict]:
    """Every shape, each in a process of its own so that one too slow is cut at ``timeout``."""
    results = {}
    for name in SHAPES:
        try:
            completed = subprocess.run(
                [sys.executable, __file__, name, str(repeat)],
                capture_output=True,
                text=True,
                timeout=timeout,
                check=True,
                cwd=ROOT,
            )
            results[name] = json.loads(completed.stdout.strip().splitlines()[-1])
        except subprocess.TimeoutExpired:
            results[name] = {"seconds": None, "outcome": f"not finished after {timeout:.0f} s"}
        print(f"  {name}: {results[name]}", flush=True)
    return results


if __name__ == "__main__":
    print(json.dumps(time_shape(sys.argv[1], int(sys.argv[2]))))
