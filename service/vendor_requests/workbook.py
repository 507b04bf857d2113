"""A vendor request as an XLSX questionnaire, for vendors who answer in Excel: one row per
question and fact (a capability's editions and an edition's price each have rows of their
own), answer cells with drop-down lists, and the reading of the file sent back.

Reading checks every row; the rows of one question make one answer, kept when all of them
hold; each refusal names its row and column. The workbook is written with text kept as text
(`service.spreadsheet_cells`) and read only once `check_workbook` has bounded it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, BinaryIO

from service.batches import xlsx_archive as archive
from service.batches.xlsx_archive import WorkbookLimits, WorkbookTooLarge, open_checked
from service.i18n import LANGS, message
from service.spreadsheet_cells import TextCells, workbook
from service.vendor_requests.models import GivenAnswer
from vendors.schema import ProductProfile
from vendors.vocabulary import (
    CERTIFICATIONS,
    CURRENCIES,
    REGIONS,
    Availability,
    BillingPeriod,
    PriceUnit,
)

SHEET = "Questionnaire"
MAX_ROWS = 2_000
LIMITS = WorkbookLimits(
    expanded_bytes=(MAX_ROWS + 1) * 8192,
    sheet_elements=(MAX_ROWS + 1) * 40,
    strings_elements=(MAX_ROWS + 1) * 30,
)
# The columns, each titled in the workbook's language (`workbook_column_<name>`).
COLUMNS = (
    "question",
    "fact",
    "edition",
    "wording",
    "answer",
    "currency",
    "unit",
    "billing",
    "evidence_url",
    "comment",
)
_COL = {name: index for index, name in enumerate(COLUMNS)}


def _say(lang: str, key: str, **values: object) -> str:
    return message("pages", lang, f"workbook_{key}", **values)


def header(lang: str) -> list[str]:
    """The questionnaire's first row in `lang`."""
    return [_say(lang, f"column_{name}") for name in COLUMNS]


def availability_word(availability: Availability, lang: str) -> str:
    """An availability as the vendor picks it in `lang` (inclus, included...)."""
    return _say(lang, f"availability_{availability.value}")


def yes_no_word(value: bool, lang: str) -> str:
    """Yes or no in `lang`."""
    return _say(lang, "yes" if value else "no")


_CODES = re.compile(r"[A-Za-z]{2}")


class UnreadableWorkbook(ValueError):
    """The file is not a questionnaire this service wrote (or cannot be read at all)."""


class TooLargeWorkbook(UnreadableWorkbook):
    """The file expands beyond what a questionnaire holds."""


@dataclass(frozen=True)
class Slot:
    """One row of the questionnaire: a fact a question asks, for one edition or none."""

    question: str
    path: str
    edition: str | None
    kind: str  # availability, in_edition, price, yes_no, number, codes, regions, certifications
    wording: str


@dataclass(frozen=True)
class CellError:
    """Why one cell of the file was refused (rows are numbered as in the spreadsheet)."""

    row: int
    column: str
    message: str


@dataclass
class ReadAnswers:
    """What a returned questionnaire gives: the answers whose rows all hold, by question,
    and the refusals."""

    answers: list[GivenAnswer] = field(default_factory=list)
    rows: dict[str, list[int]] = field(default_factory=dict)  # question -> its rows
    errors: list[CellError] = field(default_factory=list)


def slots(questions: Sequence[Mapping[str, Any]], profile: ProductProfile, lang: str) -> list[Slot]:
    """The rows of the questionnaire, question by question."""
    names = {e.key: e.name for e in profile.editions}
    found: list[Slot] = []
    for question in questions:
        key, text = str(question["key"]), str(question[lang])
        for path in question["paths"]:
            found += _path_slots(key, text, str(path), names, lang)
    return found


def _path_slots(key: str, text: str, path: str, names: Mapping[str, str], lang: str) -> list[Slot]:
    edition = path.split(".")[1] if path.startswith("editions.") else None
    name = names.get(edition or "", edition or "")
    if path.endswith(".availability"):
        return [Slot(key, path, None, "availability", text)]
    if path.endswith(".in_editions"):
        return [
            Slot(key, path, e, "in_edition", _say(lang, "in_edition", question=text, edition=n))
            for e, n in names.items()
        ]
    if path.endswith(".price_on_request"):
        wording = _say(lang, "on_request", question=text, edition=name)
        return [Slot(key, path, edition, "yes_no", wording)]
    if edition is not None and path.endswith(".price"):
        wording = _say(lang, "list_price", question=text, edition=name)
        return [Slot(key, path, edition, "price", wording)]
    kinds = {
        "hosting.regions": "regions",
        "hosting.certifications": "certifications",
        "hosting.countries": "codes",
        "ui_languages": "codes",
        "deployment.maintenance_pct": "number",
    }
    kind = kinds.get(path, "yes_no" if path.startswith("deployment.") else "")
    return [Slot(key, path, None, kind, text)] if kind else []


def write_template(
    questions: Sequence[Mapping[str, Any]], profile: ProductProfile, lang: str
) -> bytes:
    """The questionnaire as an XLSX workbook, with the answers' lists and a help sheet."""
    rows = slots(questions, profile, lang)
    buffer = io.BytesIO()
    book = workbook(buffer, {"in_memory": True})
    cells = TextCells(book)
    bold = cells.format({"bold": True, "bg_color": "#1F3A5F", "font_color": "#FFFFFF"})
    fixed = cells.format({"text_wrap": True, "valign": "top", "bg_color": "#EEF1F5"})
    open_cell = cells.format({"text_wrap": True, "valign": "top", "locked": False})
    sheet = book.add_worksheet(SHEET)
    cells.write_row(sheet, 0, 0, header(lang), bold)
    sheet.freeze_panes(1, 4)
    for col, width in enumerate((24, 24, 12, 60, 22, 10, 16, 14, 36, 36)):
        sheet.set_column(col, col, width, fixed if col < _COL["answer"] else open_cell)
    for r, slot in enumerate(rows, start=1):
        cells.write_row(sheet, r, 0, [slot.question, slot.path], fixed)
        if slot.edition is None:
            sheet.write_blank(r, _COL["edition"], None, fixed)
        else:
            cells.write(sheet, r, _COL["edition"], slot.edition, fixed)
        cells.write(sheet, r, _COL["wording"], slot.wording, fixed)
        for col in range(_COL["answer"], len(COLUMNS)):
            sheet.write_blank(r, col, None, open_cell)
        _validations(sheet, r, slot, lang)
    sheet.protect("", {"format_columns": True, "format_rows": True})
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    _help(book, cells, bold, lang)
    book.close()
    return buffer.getvalue()


def _validations(sheet: Any, r: int, slot: Slot, lang: str) -> None:
    answer = _COL["answer"]
    if slot.kind == "availability":
        words = [availability_word(a, lang) for a in Availability]
        sheet.data_validation(r, answer, r, answer, {"validate": "list", "source": words})
    elif slot.kind in ("yes_no", "in_edition"):
        words = [yes_no_word(True, lang), yes_no_word(False, lang)]
        sheet.data_validation(r, answer, r, answer, {"validate": "list", "source": words})
    elif slot.kind in ("price", "number"):
        sheet.data_validation(
            r, answer, r, answer, {"validate": "decimal", "criteria": ">=", "value": 0}
        )
    if slot.kind == "price":
        for name, choices in (
            ("currency", list(CURRENCIES)),
            ("unit", [u.value for u in PriceUnit]),
            ("billing", [b.value for b in BillingPeriod]),
        ):
            col = _COL[name]
            sheet.data_validation(r, col, r, col, {"validate": "list", "source": choices})


def _help(book: Any, cells: TextCells, bold: Any, lang: str) -> None:
    sheet = book.add_worksheet(_say(lang, "help_sheet"))
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 100)
    lines = (
        (_say(lang, "help_how"), _say(lang, "help_how_text")),
        (
            _say(lang, "help_availability"),
            ", ".join(availability_word(a, lang) for a in Availability),
        ),
        (_say(lang, "help_yes_no"), f"{yes_no_word(True, lang)} / {yes_no_word(False, lang)}"),
        (_say(lang, "help_price"), _say(lang, "help_price_text")),
        (_say(lang, "help_units"), ", ".join(u.value for u in PriceUnit)),
        (_say(lang, "help_billing"), ", ".join(b.value for b in BillingPeriod)),
        (_say(lang, "help_codes"), _say(lang, "help_codes_text")),
        (_say(lang, "help_regions"), ", ".join(REGIONS)),
        (_say(lang, "help_certifications"), ", ".join(CERTIFICATIONS)),
        (_say(lang, "help_source"), _say(lang, "help_source_text")),
    )
    cells.write_row(sheet, 0, 0, ["", ""], bold)
    for r, (left, right) in enumerate(lines, start=1):
        cells.write_row(sheet, r, 0, [left, right])


def read_answers(
    source: bytes | BinaryIO,
    questions: Sequence[Mapping[str, Any]],
    profile: ProductProfile,
) -> ReadAnswers:
    """The answers of a returned questionnaire; rows the request does not ask are refused."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    # A row is known by its question, fact and edition, whatever the language it was sent in.
    expected = {(s.question, s.path, s.edition): s for s in slots(questions, profile, "en")}
    result = ReadAnswers()
    parsed: dict[str, list[tuple[int, Slot, Any, str | None, str | None]]] = {}
    failed: set[str] = set()
    for number, cells in _rows(stream):
        key = (_text(cells, "question"), _text(cells, "fact"), _text(cells, "edition"))
        slot = expected.get((key[0] or "", key[1] or "", key[2]))
        if slot is None:
            result.errors.append(CellError(number, "fact", "not a question of this request"))
            continue
        result.rows.setdefault(slot.question, []).append(number)
        evidence = _text(cells, "evidence_url")
        comment = _text(cells, "comment")
        if evidence is not None and not evidence.lower().startswith(("https://", "http://")):
            result.errors.append(CellError(number, "evidence_url", "not an http(s) link"))
            failed.add(slot.question)
        try:
            value = _value(slot, cells)
        except _Refused as exc:
            result.errors.append(CellError(number, exc.column, exc.message))
            failed.add(slot.question)
            continue
        if value is not None:
            parsed.setdefault(slot.question, []).append((number, slot, value, evidence, comment))
    for question, found in parsed.items():
        if question in failed:
            continue
        result.answers.append(_answer(question, found))
    return result


def _answer(
    question: str, found: list[tuple[int, Slot, Any, str | None, str | None]]
) -> GivenAnswer:
    facts: dict[str, Any] = {}
    for _, slot, value, _, _ in found:
        if slot.kind == "in_edition":
            editions = facts.setdefault(slot.path, [])
            if value:
                editions.append(slot.edition)
        else:
            facts[slot.path] = value
    evidence = next((e for _, _, _, e, _ in found if e), None)
    comments = [c for _, _, _, _, c in found if c]
    comment = "; ".join(dict.fromkeys(comments))[:2000] or None
    return GivenAnswer(question, facts, evidence[:2000] if evidence else None, comment)


class _Refused(ValueError):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def _value(slot: Slot, cells: Sequence[Any]) -> Any:
    """The fact value a row gives (None when left blank)."""
    raw = cells[_COL["answer"]]
    text = _text(cells, "answer")
    if slot.kind == "price":
        return _price(raw, cells)
    if text is None:
        return None
    if slot.kind == "availability":
        for availability in Availability:
            words = {availability_word(availability, lang) for lang in LANGS}
            if text.lower() in {*words, availability.value}:
                return availability.value
        every = [availability_word(a, lang) for lang in LANGS for a in Availability]
        raise _Refused("answer", "one of: " + ", ".join(every))
    if slot.kind in ("yes_no", "in_edition"):
        if isinstance(raw, bool):
            return raw
        for value in (True, False):
            if text.lower() in {yes_no_word(value, lang) for lang in LANGS}:
                return value
        pairs = [f"{yes_no_word(True, lang)}/{yes_no_word(False, lang)}" for lang in LANGS]
        raise _Refused("answer", " or ".join(pairs))
    if slot.kind == "number":
        return float(_number(raw, "answer"))
    items = [item.strip() for item in re.split(r"[,;]", text) if item.strip()]
    if slot.kind == "codes":
        if not all(_CODES.fullmatch(item) for item in items):
            raise _Refused("answer", "two-letter ISO codes separated by commas")
        upper = slot.path == "hosting.countries"
        return [item.upper() if upper else item.lower() for item in items]
    allowed = REGIONS if slot.kind == "regions" else CERTIFICATIONS
    wrong = [item for item in items if item not in allowed]
    if wrong:
        raise _Refused("answer", f"not in the list ({', '.join(wrong)})")
    return items


def _price(raw: Any, cells: Sequence[Any]) -> dict[str, Any] | None:
    currency, unit, billing = (_text(cells, c) for c in ("currency", "unit", "billing"))
    if _text(cells, "answer") is None:
        if currency or unit or billing:
            raise _Refused("answer", "give the amount")
        return None
    amount = _number(raw, "answer")
    if currency is None or currency.upper() not in CURRENCIES:
        raise _Refused("currency", "a currency code of the list (EUR, USD...)")
    if unit not in {u.value for u in PriceUnit}:
        raise _Refused("unit", "one of: " + ", ".join(u.value for u in PriceUnit))
    price: dict[str, Any] = {"amount": float(amount), "currency": currency.upper(), "unit": unit}
    if billing is not None:
        if billing not in {b.value for b in BillingPeriod}:
            raise _Refused("billing", "one of: " + ", ".join(b.value for b in BillingPeriod))
        price["billed"] = billing
    return price


def _number(raw: Any, column: str) -> Decimal:
    if isinstance(raw, bool):
        raise _Refused(column, "a number")
    try:
        text = str(raw).replace("\u202f", "").replace("\xa0", "").replace(" ", "")
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise _Refused(column, "a number") from None
    if not number.is_finite() or number < 0:
        raise _Refused(column, "a number of 0 or more")
    return number


def _text(cells: Sequence[Any], name: str) -> str | None:
    value = cells[_COL[name]]
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _rows(stream: BinaryIO) -> Iterator[tuple[int, list[Any]]]:
    """The sheet's non-blank rows after the header, numbered as in the spreadsheet."""
    try:
        # Formulas are read as typed, never as a value a spreadsheet computed and cached.
        book = open_checked(stream, LIMITS, data_only=False)
    except WorkbookTooLarge as exc:
        raise TooLargeWorkbook(f"the XLSX file {exc}") from exc
    except archive.UnreadableWorkbook as exc:
        raise UnreadableWorkbook(f"the XLSX file {exc}") from exc
    try:
        if SHEET not in book.sheetnames:
            raise UnreadableWorkbook(f"the workbook has no sheet named {SHEET!r}")
        sheet = book[SHEET]
        records = sheet.iter_rows(max_col=len(COLUMNS), values_only=True)
        found = [str(c).strip() if c is not None else "" for c in next(records, ())]
        if all(found != header(lang) for lang in LANGS):
            raise UnreadableWorkbook("the first row is not the questionnaire's header")
        for number, record in enumerate(records, start=2):
            if number > MAX_ROWS + 1:
                raise TooLargeWorkbook(f"the questionnaire holds at most {MAX_ROWS} rows")
            cells = list(record) + [None] * (len(COLUMNS) - len(record))
            if any(_holds_nul(c) for c in cells):
                raise UnreadableWorkbook(f"row {number} holds a NUL character")
            if all(c is None or str(c).strip() == "" for c in cells):
                continue
            yield number, cells
    except UnreadableWorkbook:
        raise
    except Exception as exc:  # the same, met while streaming the sheet
        raise UnreadableWorkbook(f"the XLSX file cannot be read ({type(exc).__name__})") from exc
    finally:
        book.close()


def _holds_nul(value: Any) -> bool:
    return isinstance(value, str) and "\0" in value
