"""Reading FRUS documents: pure text parsing, no database (see ``parser``)."""

from .errors import ParseError
from .parser import ParsedDocument, decode_source, parse_document, text_sha256

__all__ = ["ParseError", "ParsedDocument", "decode_source", "parse_document", "text_sha256"]
