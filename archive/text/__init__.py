"""Reading FRUS documents: pure text parsing, no database (see ``parser``)."""

from .errors import ParseError
from .parser import ParsedDocument, decode_source, parse_document

__all__ = ["ParseError", "ParsedDocument", "decode_source", "parse_document"]
