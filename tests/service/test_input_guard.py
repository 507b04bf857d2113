"""The scan that finds JSON nested too deep, without parsing it: strings do not count."""

from __future__ import annotations

import pytest

from service.middleware import json_deeper_than


@pytest.mark.parametrize(
    ("body", "deeper"),
    [
        (b"[" * 64 + b"]" * 64, False),
        (b"[" * 65 + b"]" * 65, True),
        (b'{"a": [{"b": [' * 16 + b"]}]}" * 16, False),
        (b'{"a": [{"b": [' * 17 + b"]}]}" * 17, True),
        (b'["' + b"[" * 100 + b'"]', False),
        (b'["\\"' + b"[" * 100 + b'"]', False),
        (b'["\\\\"' + b"[" * 100, True),  # an escaped backslash ends the string before them
    ],
)
def test_only_brackets_outside_strings_nest(body: bytes, deeper: bool) -> None:
    assert json_deeper_than(body, 64) is deeper


def test_a_string_left_open_runs_to_the_end() -> None:
    """Its brackets do not count, and the scan never starts again inside it: restarting at
    each escaped quote would take time quadratic in the body's length."""
    assert not json_deeper_than(b'"' + b'\\"[' * 1_000, 64)
