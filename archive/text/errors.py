"""The one exception the parser raises, so callers can tell bad input from bugs."""

from __future__ import annotations


class ParseError(ValueError):
    """A document that cannot be read, with the line that shows why.

    ``line`` is 1-based and refers to the source text as given (after a
    byte-order mark is dropped); ``None`` when the problem is the whole file.
    """

    def __init__(self, reason: str, line: int | None = None, source: str = "") -> None:
        self.reason = reason
        self.line = line
        self.source = source
        super().__init__(self.describe())

    def describe(self) -> str:
        where = self.source or "<text>"
        if self.line is not None:
            where = f"{where}, line {self.line}"
        return f"{where}: {self.reason}"

    def with_source(self, source: str) -> ParseError:
        return ParseError(self.reason, self.line, source)


def cut(text: str, limit: int = 80) -> str:
    """``text`` as a message may quote it: at most ``limit`` characters, an ellipsis if cut.

    An error names the offending text so the editor can find it, but never
    repeats a whole paragraph (or a whole megabyte) back at them.
    """
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
