"""The reading room's search language, parsed once for both databases.

Readers write what PostgreSQL's ``websearch_to_tsquery`` reads: plain words
(all required), ``"a phrase"``, ``-word`` or ``-"a phrase"`` to exclude, and
``or`` between alternatives. Its rules, which this module copies so that
SQLite's FTS5 answers the same question:

- ``or`` splits the query into alternatives and binds loosest: ``Japanese
  Litvinov or Yen`` is (Japanese and Litvinov) or Yen;
- common English words (PostgreSQL's ``english`` stop list) are not
  searched, outside phrases and at a phrase's ends; an ``or`` left without a
  term on either side is dropped;
- anything that is not a letter or a digit separates words, so ``😀`` or
  ``--`` is no term at all, and a query with no term matches nothing.

The parsed query is bounded (:data:`MAX_LENGTH` characters, :data:`MAX_WORDS`
words) so that neither database is handed an expression that takes long to
plan or answer; :attr:`ParsedQuery.notes` says what was cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_LENGTH = 200
MAX_WORDS = 16

# PostgreSQL 15, tsearch_data/english.stop.
_ENGLISH_STOP = """
i me my myself we our ours ourselves you your yours yourself yourselves he him his
himself she her hers herself it its itself they them their theirs themselves what which
who whom this that these those am is are was were be been being have has had having do
does did doing a an the and but if or because as until while of at by for with about
against between into through during before after above below to from up down in out on
off over under again further then once here there when where why how all any both each
few more most other some such no nor not only own same so than too very s t can will
just don should now
"""
STOP_WORDS = frozenset(_ENGLISH_STOP.split())

# A word's searchable pieces: runs of letters and digits (what FTS5's unicode61
# tokenizer and PostgreSQL's parser both keep).
_TOKEN = re.compile(r"[^\W_]+")
# One lexical item of the query: a quoted phrase (closed or running to the end),
# or a word up to the next space or quote, each with any leading dashes.
_ITEM = re.compile(r'(?P<neg>(?:-\s*)*)(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"-][^\s"]*))')


@dataclass(frozen=True)
class Term:
    """A word or a phrase to find, or (``negated``) to exclude."""

    text: str  # as written, for PostgreSQL
    tokens: tuple[str, ...]  # lower-case pieces, for FTS5
    phrase: bool = False
    negated: bool = False

    def websearch(self) -> str:
        text = f'"{self.text}"' if self.phrase else self.text
        return f"-{text}" if self.negated else text

    def fts5(self) -> str:
        """An FTS5 string: its tokenizer splits it exactly as it split the documents."""
        return '"' + " ".join(self.tokens) + '"'


@dataclass
class ParsedQuery:
    """Alternatives (joined by ``or``), each a list of terms that must all hold."""

    alternatives: list[list[Term]]
    notes: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.alternatives

    @property
    def terms(self) -> list[Term]:
        return [term for alternative in self.alternatives for term in alternative]

    def websearch(self) -> str:
        """The bounded query again in ``websearch_to_tsquery``'s syntax."""
        return " or ".join(" ".join(t.websearch() for t in alt) for alt in self.alternatives)

    def fts5(self) -> tuple[str | None, str | None]:
        """FTS5 MATCH expressions (``matching``, ``unless``) for this query.

        FTS5 has no unary NOT, so an alternative made only of exclusions
        (``-Manchukuo``) cannot be written as a match. The documents wanted are
        those that match ``matching`` (the alternatives with a required
        term) together with those that do not match ``unless`` (the
        exclusion-only alternatives, combined: every document except those
        that all of them rule out). Either may be ``None``.
        """
        positive, exclusions = [], []
        for alternative in self.alternatives:
            wanted = [t.fts5() for t in alternative if not t.negated]
            unwanted = [t.fts5() for t in alternative if t.negated]
            if wanted:
                expression = "(" + " AND ".join(wanted) + ")"
                if unwanted:
                    expression = f"({expression} NOT ({' OR '.join(unwanted)}))"
                positive.append(expression)
            else:
                exclusions.append("(" + " OR ".join(unwanted) + ")")
        matching = " OR ".join(positive) or None
        unless = " AND ".join(exclusions) or None
        return matching, unless

    def highlight_fts5(self) -> str | None:
        """The required terms alone, to mark them in snippets."""
        wanted = [t.fts5() for t in self.terms if not t.negated]
        return " OR ".join(wanted) or None


def _term(text: str, phrase: bool, negated: bool) -> Term | None:
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    if phrase:
        # Stop words at a phrase's ends are not searched (PostgreSQL drops them).
        while tokens and tokens[0] in STOP_WORDS:
            tokens.pop(0)
        while tokens and tokens[-1] in STOP_WORDS:
            tokens.pop()
        text = " ".join(text.split())
    if not tokens or all(t in STOP_WORDS for t in tokens):
        return None
    return Term(text=text, tokens=tuple(tokens), phrase=phrase, negated=negated)


def parse(query: str) -> ParsedQuery:
    """The query as alternatives of terms, cut to the bounds with a note saying so."""
    notes = []
    query = query.strip()
    if len(query) > MAX_LENGTH:
        cut = query[:MAX_LENGTH]
        # Cut at a space where there is one, not in the middle of a word.
        query = cut.rsplit(None, 1)[0] if " " in cut.strip() else cut
        notes.append(
            f"Searches are limited to {MAX_LENGTH} characters; only the beginning "
            "of yours was searched."
        )
    items: list[Term | str] = []
    for match in _ITEM.finditer(query):
        negated = match["neg"].count("-") % 2 == 1
        if match["word"] is not None and match["word"].lower() == "or" and not negated:
            items.append("or")
            continue
        phrase = match["phrase"] is not None
        term = _term(match["phrase"] if phrase else match["word"], phrase, negated)
        if term is not None:
            items.append(term)
    alternatives: list[list[Term]] = [[]]
    words = 0
    cut_short = False
    for item in items:
        if item == "or":
            if alternatives[-1]:
                alternatives.append([])
            continue
        if words >= MAX_WORDS:
            cut_short = True
            break
        if words + len(item.tokens) > MAX_WORDS:
            keep = MAX_WORDS - words
            item = Term(" ".join(item.tokens[:keep]), item.tokens[:keep], True, item.negated)
            cut_short = True
        words += len(item.tokens)
        alternatives[-1].append(item)
    alternatives = [alt for alt in alternatives if alt]
    if cut_short:
        notes.append(f"Searches are limited to {MAX_WORDS} words; the rest were left out.")
    return ParsedQuery(alternatives, notes)
