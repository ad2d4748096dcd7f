"""Realistic synthetic FRUS documents, for measuring the archive at scale.

The text is built from the sentences of the seeds and the development
corpus, and from the posts and people of the authority lists, in both
layouts of the seeds: source note, heading, optional dateline and
``[Received …]`` line, numbered body, page breaks, editorial brackets,
footnote markers glued to words with their ``- text↩`` lines, signature.
The same count and seed always give the same files.
"""

from __future__ import annotations

import calendar
import random
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere
from archive.text import ParseError, parse_document

# (office as printed, surname, post, country code) for the posts abroad.
POSTS = [
    ("Ambassador in Japan", "Grew", "Tokyo", "94"),
    ("Ambassador in China", "Johnson", "Peiping", "93"),
    ("Ambassador in China", "Gauss", "Chungking", "93"),
    ("Chargé in the Soviet Union", "Henderson", "Moscow", "61"),
    ("Ambassador in the Soviet Union", "Bullitt", "Moscow", "61"),
    ("Ambassador in Brazil", "Gibson", "Rio de Janeiro", "32"),
    ("Chargé in Brazil", "Washington", "Rio de Janeiro", "32"),
    ("Consul at Porto Alegre", "Nasmith", "Porto Alegre", "32"),
    ("Minister in Bolivia", "Des Portes", "La Paz", "24"),
    ("Minister in Paraguay", "Nicholson", "Asunción", "34"),
    ("Consul at Geneva", "Gilbert", "Geneva", "54"),
    ("Ambassador in Cuba", "Messersmith", "Habana", "37"),
    ("Chargé in Uruguay", "Chapin", "Montevideo", "33"),
    ("Ambassador in Uruguay", "Dawson", "Montevideo", "33"),
]
DEPARTMENT = [
    ("Secretary of State", ["Stimson", "Hull"]),
    ("Acting Secretary of State", ["Phillips", "Welles", "Cotton"]),
]
QUALIFIERS = ["", "", "", "", " Manchuria", " Revolutions", " Pacific War", " P.R. Peiping"]
NOTES = [
    "Not printed.",
    "Soviet Commissar for Foreign Affairs.",
    "Telegram in two sections.",
    "Ante, p. 34.",
    "Supra.",
    "Post, p. 112.",
    "See telegram No. 286, October 2, 9 p.m., from the Consul at Geneva, not printed.",
    "46 Stat. 3036; Department of State Treaty Series No. 1040.",
]
_MARKUP = re.compile(r"\[\^\d+[a-d]?\]|\[Page [^\]]+\]|\[[^\]]*\]")
_WORD_END = re.compile(r"[A-Za-z]{3,}\b(?![’'\-])")


def sentence_bank(folders: Iterable[Path]) -> list[str]:
    """Sentences of real documents, stripped of markers and brackets."""
    sentences: list[str] = []
    for folder in folders:
        for path in sorted(Path(folder).glob("*.txt")):
            try:
                doc = parse_document(path.read_text(encoding="utf-8"), path.name)
            except ParseError:
                continue
            text = _MARKUP.sub("", doc.body).replace("\n\n", " ")
            text = re.sub(r"^\d+\.\s+", "", text)
            for sentence in re.split(r"(?<=[a-z][.?!])\s+(?=[A-Z])", text):
                sentence = " ".join(sentence.split())
                if 40 <= len(sentence) <= 320 and not re.search(r"\d\s*$", sentence):
                    sentences.append(sentence)
    if not sentences:
        raise ValueError("no sentences found to build documents from")
    return sentences


# Documents in one synthetic volume. Footnote numbers start again with each
# volume, as in FRUS (a volume holds some hundreds to two thousand documents):
# numbered through 100,000 documents they outgrew the parser's five digits.
VOLUME_SIZE = 1000


@dataclass
class CorpusGenerator:
    sentences: list[str]
    seed: int = 1

    def documents(self, count: int) -> Iterator[tuple[str, str]]:
        """(file name, text) for ``count`` documents."""
        rng = random.Random(self.seed)
        items: dict[str, int] = {}
        footnote = 1
        for index in range(count):
            if index % VOLUME_SIZE == 0:
                footnote = 1  # FRUS numbers footnotes through a volume, not the series
            name = f"{index + 1:07d}_synthetic.txt"
            text, footnote = self._document(rng, items, footnote)
            yield name, text

    def _document(self, rng: random.Random, items: dict[str, int], footnote: int):
        outgoing = rng.random() < 0.4
        office, surname, post, country = rng.choice(POSTS)
        department, signers = rng.choice(DEPARTMENT)
        other = rng.choice(["94", "93", "61", "11", "32", "34", "24", "33"])
        if rng.random() < 0.6:
            stem = f"7{country}.{other}{rng.choice(['', '', '15', '00'])}"
        else:
            stem = f"8{country}.{rng.choice(['00', '20', '51', '5151', '113'])}"
        stem += rng.choice(QUALIFIERS)
        items[stem] = items.get(stem, rng.randint(1, 9000)) + rng.randint(1, 3)
        item = f"{items[stem]}{'a' if rng.random() < 0.03 else ''}"
        kind = "Telegram" if rng.random() < 0.85 else ""
        when = date(1930, 1, 1) + timedelta(days=rng.randint(0, 4382))
        month = calendar.month_name[when.month]
        hour = rng.choice(["noon", "1 p.m.", "4 p.m.", "9 a.m.", "11 p.m."])

        lines = [f"{stem}/{item}: {kind}" if kind else f"{stem}/{item}"]
        if outgoing:
            heading = f"The {department} to the {office} ({surname})"
            place, signature = "Washington", rng.choice(signers)
        else:
            heading = f"The {office} ({surname}) to the {department}"
            place, signature = post, surname
        lines.append(heading)
        if rng.random() < 0.5:
            time = f"—{hour}" if kind else ""
            line = f"{place}, {month} {when.day}, {when.year}{time}"
            lines.append(line if line.endswith(".") else line + ".")
        if not outgoing and kind:
            lines.append(f"[Received {rng.choice(['10:08 p.m.', f'{month} {when.day}—8 p.m.'])}]")
        if not kind:
            lines.append(f"No. {rng.randint(100, 3000)}")

        notes: list[str] = []
        paragraphs = []
        page = rng.randint(20, 900)
        for number in range(rng.randint(1, 6)):
            text = " ".join(rng.choice(self.sentences) for _ in range(rng.randint(1, 5)))
            if rng.random() < 0.25:
                text = self._bracket(rng, text)
            if rng.random() < 0.3 and len(notes) < 4:
                text = self._marker(rng, text, footnote)
                notes.append(rng.choice(NOTES))
                footnote += 1
            if rng.random() < 0.2:
                words = text.split(" ")
                cut = rng.randint(1, max(1, len(words) - 1))
                page += 1
                text = " ".join([*words[:cut], f"[Page {page}]", *words[cut:]])
            if number == 0 and kind:
                text = f"{rng.randint(1, 1500)}. {text}"
            paragraphs.append(text)
            if rng.random() < 0.1:
                page += 1
                paragraphs.append(f"[Page {page}]")
        if paragraphs[-1].startswith("[Page"):
            paragraphs.pop()
        lines.extend(paragraphs)
        lines.append(signature)
        lines.extend(f"- {note}↩" for note in notes)
        separator = "\n\n" if rng.random() < 0.5 else "\n"
        return separator.join(lines), footnote

    @staticmethod
    def _bracket(rng: random.Random, text: str) -> str:
        words = text.split(" ")
        at = rng.randrange(len(words))
        if not re.fullmatch(r"[A-Za-z]+", words[at]):
            return text
        style = rng.choice(["sic", "uncertain", "insertion"])
        if style == "sic":
            words[at] += " [sic]"
        elif style == "uncertain":
            words[at] = f"[{words[at]}?]"
        else:
            words.insert(at, "[the]")
        return " ".join(words)

    @staticmethod
    def _marker(rng: random.Random, text: str, number: int) -> str:
        ends = [m.end() for m in _WORD_END.finditer(text)]
        if not ends:
            return text + f" ended{number}"
        at = rng.choice(ends)
        return text[:at] + str(number) + text[at:]


ROOT = Path(__file__).resolve().parent.parent


def write_corpus(count: int, directory: Path, seed: int = 1) -> None:
    """Write ``count`` documents into ``directory``; the same count and seed, the same files."""
    directory.mkdir(parents=True, exist_ok=True)
    sources = [ROOT / "seeds", ROOT / "tests/fixtures/corpus/docs"]
    generator = CorpusGenerator(sentence_bank(p for p in sources if p.is_dir()), seed=seed)
    for name, text in generator.documents(count):
        (directory / name).write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    """``python bench/corpus.py N DIR [--seed S]``: the corpus generator's command line."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int, metavar="N")
    parser.add_argument("directory", type=Path, metavar="DIR")
    parser.add_argument("--seed", type=int, default=1, metavar="S")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("N must be at least 1")
    write_corpus(args.count, args.directory, args.seed)
    print(f"Wrote {args.count} documents to {args.directory} (seed {args.seed}).")


if __name__ == "__main__":
    main()
