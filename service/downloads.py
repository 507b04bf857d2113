"""Download headers: a file name any client reads, and the exact name for those that can."""

from __future__ import annotations

import unicodedata
from urllib.parse import quote


def content_disposition(filename: str, *, disposition: str = "attachment") -> str:
    """`Content-Disposition` with an ASCII `filename` and the UTF-8 `filename*` (RFC 6266,
    RFC 8187), so that a name outside Latin-1 reaches the browser whole rather than failing
    the response: `clients-été.csv` gives `filename="clients-ete.csv";
    filename*=UTF-8''clients-%C3%A9t%C3%A9.csv`."""
    folded = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    fallback = (
        "".join(
            char if char.isprintable() and char not in '"\\;' else "_" for char in folded
        ).strip()
        or "download"
    )
    header = f'{disposition}; filename="{fallback}"'
    if fallback != filename:
        header += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return header
