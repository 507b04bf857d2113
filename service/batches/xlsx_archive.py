"""An uploaded XLSX workbook checked before openpyxl opens it: how many parts its zip holds, how
far they expand and how much markup they carry, so that a zip bomb is refused at a cost bounded
by the upload's size instead of pinning a worker.

openpyxl in read-only mode streams the worksheets and the shared strings, but reads every other
part whole into a tree, and a worksheet too when no dimension element comes before its rows;
so only those two may grow with the number of rows, and a part that any other role reads whole
must stay small, whatever its name.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO
from xml.etree.ElementTree import iterparse

from openpyxl import load_workbook
from openpyxl.packaging.manifest import Manifest
from openpyxl.packaging.relationship import get_dependents
from openpyxl.workbook.workbook import Workbook
from openpyxl.xml.constants import (
    ARC_CONTENT_TYPES,
    ARC_CORE,
    ARC_CUSTOM,
    ARC_STYLE,
    ARC_THEME,
    ARC_WORKBOOK,
    SHARED_STRINGS,
    SHEET_MAIN_NS,
)
from openpyxl.xml.functions import fromstring

# Every entry zipfile lists starts with this signature in the central directory, so counting it
# in the raw file bounds the entries before zipfile builds an object for each.
_CENTRAL_ENTRY = b"PK\x01\x02"
_CHUNK = 1 << 20
# Parts openpyxl reads whole by their fixed names, whatever the relationships say.
_READ_WHOLE = frozenset(
    {ARC_CONTENT_TYPES, ARC_CORE, ARC_CUSTOM, ARC_STYLE, ARC_THEME, ARC_WORKBOOK}
)
# Relationship types (transitional or strict namespace) of the parts openpyxl streams.
_WORKSHEET, _SHARED_STRINGS = "/worksheet", "/sharedStrings"
_DIMENSION, _SHEET_DATA = f"{{{SHEET_MAIN_NS}}}dimension", f"{{{SHEET_MAIN_NS}}}sheetData"
_MB = 1024 * 1024


class WorkbookTooLarge(ValueError):
    """The workbook expands beyond its limits; the message says which part and how."""


class UnreadableWorkbook(ValueError):
    """The upload is not a workbook openpyxl can read; the message names the error's type."""


def open_checked(stream: BinaryIO, limits: WorkbookLimits, *, data_only: bool) -> Workbook:
    """The workbook in `stream`, in openpyxl's read-only mode, once `check_workbook` has bounded
    it: WorkbookTooLarge beyond `limits`, UnreadableWorkbook for a file that is not one.
    `data_only` reads the values a spreadsheet cached for its formulas instead of the formulas.
    """
    try:
        check_workbook(stream, limits)
        stream.seek(0)
        # keep_links=False: external links are parts openpyxl would otherwise read whole.
        return load_workbook(stream, read_only=True, data_only=data_only, keep_links=False)
    except WorkbookTooLarge:
        raise
    except Exception as exc:  # zipfile, KeyError, ValueError... on a file that is not one
        raise UnreadableWorkbook(f"cannot be read ({type(exc).__name__})") from exc


@dataclass(frozen=True)
class WorkbookLimits:
    """How far a workbook may expand.

    `expanded_bytes` bounds all parts together, `sheet_elements` the markup (start tags) of one
    worksheet and `strings_elements` that of the shared strings (which openpyxl keeps in a
    list); the parts read whole together get `other_bytes` and `other_elements`, as openpyxl
    builds a tree of each.
    """

    expanded_bytes: int
    sheet_elements: int
    strings_elements: int
    other_bytes: int = 4 * _MB
    other_elements: int = 50_000
    parts: int = 1_000
    # Deflate packs sheet XML about 10:1; far beyond this, a part is made to expand.
    ratio: int = 200
    ratio_floor: int = _MB


def check_workbook(stream: BinaryIO, limits: WorkbookLimits) -> None:
    """Raise WorkbookTooLarge when the zip in `stream` expands beyond `limits`.

    Declared sizes are checked first, then every part is inflated once, in chunks, to count its
    markup; zipfile never yields more than a part's declared size (it stops there and fails the
    checksum), so a zip that lies about its sizes cannot get more past this than it declared.
    zipfile and XML errors propagate: the file is then not a workbook at all.
    """
    entries = _central_entries(stream)
    if entries > limits.parts:
        raise WorkbookTooLarge(f"lists {entries} parts in its zip, more than {limits.parts}")
    stream.seek(0)
    with zipfile.ZipFile(stream) as archive:
        infos = archive.infolist()
        _check_declared(infos, limits)
        elements = {info.filename: _elements(archive, info, limits) for info in infos}
        # The content types and the relationships are parsed (here and by openpyxl) to find the
        # streamed parts: bound them before.
        described = [
            name for name in elements if name == ARC_CONTENT_TYPES or name.endswith(".rels")
        ]
        _check_others(described, infos, elements, limits)
        sheets, strings = (names & elements.keys() for names in _streamed_parts(archive))
        for name in strings:
            if elements[name] > limits.strings_elements:
                raise WorkbookTooLarge(
                    f"has shared strings ({name}) of more than {limits.strings_elements} XML"
                    " elements, more than its rows can need"
                )
        sheets = {name for name in sheets if _dimension_first(archive, name, limits)}
        streamed = sheets | strings
        _check_others([name for name in elements if name not in streamed], infos, elements, limits)


def _central_entries(stream: BinaryIO) -> int:
    """An upper bound on the entries of the zip's central directory."""
    stream.seek(0)
    count, tail = 0, b""
    while chunk := stream.read(_CHUNK):
        data = tail + chunk
        count += data.count(_CENTRAL_ENTRY)
        tail = data[-(len(_CENTRAL_ENTRY) - 1) :]  # too short to hold a whole signature again
    return count


def _check_declared(infos: list[zipfile.ZipInfo], limits: WorkbookLimits) -> None:
    total = sum(info.file_size for info in infos)
    if total > limits.expanded_bytes:
        raise WorkbookTooLarge(
            f"expands to {total / _MB:.0f} MB, more than the {limits.expanded_bytes / _MB:.0f}"
            " MB its rows can need"
        )
    for info in infos:
        if info.file_size > limits.ratio_floor and info.file_size > limits.ratio * max(
            info.compress_size, 1
        ):
            raise WorkbookTooLarge(
                f"has a part, {info.filename}, that expands"
                f" {info.file_size // max(info.compress_size, 1)} times, beyond the"
                f" {limits.ratio} times of any spreadsheet"
            )


def _elements(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: WorkbookLimits) -> int:
    """The start tags of one part, counted as it inflates; stops past the worksheet limit."""
    count = 0
    with archive.open(info) as part:
        while chunk := part.read(_CHUNK):
            # A tag split across two chunks may count once too often: harmless for a bound.
            count += chunk.count(b"<") - chunk.count(b"</")
            if count > limits.sheet_elements:
                raise WorkbookTooLarge(
                    f"has a part, {info.filename}, of more than {limits.sheet_elements} XML"
                    " elements, more than its rows can need"
                )
    return count


def _check_others(
    names: Iterable[str],
    infos: list[zipfile.ZipInfo],
    elements: dict[str, int],
    limits: WorkbookLimits,
) -> None:
    """Parts read whole into a tree: together small, whatever the rows."""
    names = set(names)
    sizes = dict.fromkeys(names, 0)
    for info in infos:
        if info.filename in sizes:
            sizes[info.filename] += info.file_size
    if sum(sizes.values()) > limits.other_bytes:
        raise WorkbookTooLarge(
            f"has parts read whole that expand to {sum(sizes.values()) / _MB:.1f} MB (the"
            f" largest: {max(sizes, key=sizes.__getitem__)}), more than the"
            f" {limits.other_bytes / _MB:.0f} MB a workbook of clients needs"
        )
    markup = sum(elements[name] for name in names)
    if markup > limits.other_elements:
        raise WorkbookTooLarge(
            f"has parts read whole that hold {markup} XML elements (the most:"
            f" {max(names, key=elements.__getitem__)}), more than the {limits.other_elements}"
            " a workbook of clients needs (a worksheet is read whole when no dimension element"
            " comes before its rows)"
        )


def _dimension_first(archive: zipfile.ZipFile, name: str, limits: WorkbookLimits) -> bool:
    """Whether openpyxl finds the worksheet's dimension before its rows, as it looks for it when
    it opens the workbook: else it reads the whole sheet into a tree. Reads no further than
    the parts read whole may hold."""
    with archive.open(name) as part:
        for count, (_event, element) in enumerate(iterparse(part), start=1):
            if element.tag == _DIMENSION:
                return True
            if element.tag == _SHEET_DATA or count > limits.other_elements:
                return False
            element.clear()
    return False


def _streamed_parts(archive: zipfile.ZipFile) -> tuple[set[str], set[str]]:
    """The worksheets and the shared strings openpyxl streams, located as openpyxl locates
    them, unless another role (the workbook, a chart sheet, a drawing...) reads them whole."""
    # The stubs type tree elements more narrowly than ElementTree's.
    manifest = Manifest.from_tree(fromstring(archive.read(ARC_CONTENT_TYPES)))  # type: ignore[arg-type]
    sheets: set[str] = set()
    strings: set[str] = set()
    whole = set(_READ_WHOLE)
    for override in manifest.Override if manifest is not None else ():
        name = str(override.PartName).lstrip("/")
        if override.ContentType == SHARED_STRINGS:
            strings.add(name)
        elif not str(override.ContentType).endswith(".worksheet+xml"):
            whole.add(name)
    for name in archive.namelist():
        if not name.endswith(".rels"):
            continue
        whole.add(name)
        for rel in get_dependents(archive, name):
            if rel.TargetMode == "External":
                continue
            kind = str(rel.Type)
            role = sheets if kind.endswith(_WORKSHEET) else whole
            (strings if kind.endswith(_SHARED_STRINGS) else role).add(str(rel.target))
    return sheets - whole, strings - whole
