"""The clients of an uploaded JSON document, a list or `{"clients": [...]}`.

A first streaming pass checks the document's shape, nesting and size without building anything,
so that millions of tiny items or a deep nest are refused in constant memory; only then are the
clients built, one at a time. Both passes use ijson's C parser.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

import ijson

_SHAPE = 'the JSON file must be a list of clients or {"clients": [...]}'
# ijson finds the clients by their path, which a top-level key of this very name would match too.
_AMBIGUOUS_KEY = "clients.item"
_STARTS = frozenset({"start_map", "start_array"})
_ENDS = frozenset({"end_map", "end_array"})


class JsonRefused(ValueError):
    """The document cannot be taken; the message says why, for a person."""


class TooManyItems(JsonRefused):
    """The document holds more clients than allowed."""


@dataclass(frozen=True)
class JsonLimits:
    """How much a document may hold: clients, nesting levels, and values in one client."""

    items: int
    depth: int
    item_values: int


def json_items(stream: BinaryIO, limits: JsonLimits) -> Iterator[Any]:
    """Yield the clients of the JSON document in `stream` (seekable) once all of it is checked.

    Raise TooManyItems past `limits.items` clients, JsonRefused when the document is not
    JSON, nests deeper than `limits.depth` or holds a client of more than `limits.item_values`
    values and keys.
    """
    source = _utf8(stream)
    start = source.tell()
    try:
        path = _check(source, limits)
        source.seek(start)
        yield from ijson.items(source, path, use_float=True)
    except ijson.JSONError as exc:
        reason = exc.args[0] if exc.args else ""
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        # The first line is the reason; the next ones quote the document around the error.
        lines = str(reason).splitlines() or ["it is not JSON"]
        raise JsonRefused(f"the JSON file cannot be read: {lines[0]}") from exc


def _utf8(stream: BinaryIO) -> BinaryIO:
    """The document as UTF-8 bytes, past any byte order mark; the json module accepts UTF-16
    and UTF-32 too, ijson only UTF-8."""
    head = stream.read(4)
    encoding = json.detect_encoding(head)
    if encoding == "utf-8":
        stream.seek(0)
        return stream
    if encoding == "utf-8-sig":
        stream.seek(3)
        return stream
    stream.seek(0)
    try:
        # Within the upload limit, so a bounded copy.
        return io.BytesIO(stream.read().decode(encoding).encode("utf-8"))
    except UnicodeError as exc:
        raise JsonRefused(f"the JSON file is not {encoding.upper()} text ({exc})") from exc


def _check(source: BinaryIO, limits: JsonLimits) -> str:
    """Walk the whole document once, building nothing; return the ijson path of its clients."""
    depth = 0
    path: str | None = None
    clients_depth = 0  # the depth of the clients list's items while inside it, else 0
    next_is_clients = False
    items = values = 0
    for event, value in ijson.basic_parse(source, use_float=True):
        if clients_depth and depth >= clients_depth:
            if depth == clients_depth and event not in _ENDS:
                items, values = items + 1, 0
                if items > limits.items:
                    raise TooManyItems(f"the JSON file holds more than {limits.items} clients")
            values += event not in _ENDS
            if values > limits.item_values:
                raise JsonRefused(f"client {items} holds more than {limits.item_values} values")
        elif depth == 0 and event == "start_array":
            path, clients_depth = "item", 1
        elif depth == 0 and event != "start_map":
            raise JsonRefused(_SHAPE)
        elif depth == 1 and event == "map_key":
            if value == "clients" and path is not None:
                raise JsonRefused('the JSON file gives "clients" twice')
            if value == _AMBIGUOUS_KEY:
                raise JsonRefused(f'the JSON file has a key "{value}" beside "clients"')
            next_is_clients = value == "clients"
        elif depth == 1 and next_is_clients:
            if event != "start_array":
                raise JsonRefused(_SHAPE)
            path, clients_depth, next_is_clients = "clients.item", 2, False
        if event in _STARTS:
            depth += 1
            if depth > limits.depth:
                raise JsonRefused(f"the JSON file nests values more than {limits.depth} deep")
        elif event in _ENDS:
            depth -= 1
            if depth < clients_depth:
                clients_depth = 0
    if path is None:
        raise JsonRefused(_SHAPE)
    return path
