"""The shipped catalog validates, round-trips, and every validation rule catches its case."""

import copy
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from vendors.files import (
    CATALOG_DIR,
    CatalogError,
    Problem,
    content_hash,
    dump_profile_yaml,
    load_catalog_dir,
    profile_from_data,
    validate_catalog,
)
from vendors.schema import iter_facts
from vendors.vocabulary import EUROPEAN_COUNTRIES

TODAY = date(2026, 11, 22)
SOURCED = {
    "source": "https://vendor.example/pricing",
    "as_of": "2026-01-15",
    "confidence": "vendor_published",
}

Data = dict[str, Any]


def small_profile(profile_id: str = "acme_crm") -> Data:
    """A valid profile with one edition and one capability."""
    return {
        "id": profile_id,
        "vendor": {"value": "Acme", **SOURCED},
        "editions": [
            {
                "key": "pro",
                "name": "Pro",
                "price": {
                    "value": {"amount": 20, "currency": "EUR", "unit": "user_month"},
                    **SOURCED,
                },
            }
        ],
        "capabilities": {"ticketing": {"availability": {"value": "included", **SOURCED}}},
    }


def write(directory: Path, file_name: str, data: Data) -> None:
    """Write one catalog file."""
    (directory / file_name).write_text(yaml.safe_dump(data), encoding="utf-8")


def problems_for(tmp_path: Path, data: Data, file_name: str = "acme_crm.yaml") -> list[Problem]:
    """Validate a directory holding a single file."""
    write(tmp_path, file_name, data)
    return validate_catalog(tmp_path, TODAY)


def test_shipped_catalog_has_no_problems() -> None:
    assert validate_catalog(CATALOG_DIR, date.today()) == []


def test_shipped_catalog_has_at_least_15_products() -> None:
    assert len(load_catalog_dir()) >= 15


def test_shipped_catalog_looks_beyond_the_top_five() -> None:
    """004 §08: European, French or vertical vendors besides SAP, Salesforce, Microsoft, Oracle."""
    market_leaders = ("sap_", "salesforce_", "microsoft_", "oracle_")
    beyond = [
        profile.id
        for profile in load_catalog_dir()
        if not profile.id.startswith(market_leaders)
        and (profile.origin_country.value in EUROPEAN_COUNTRIES or profile.vertical_focus.value)
    ]
    assert len(beyond) >= 5, beyond


def test_every_shipped_value_has_a_source_and_a_confidence() -> None:
    for profile in load_catalog_dir():
        for fact in iter_facts(profile, alternatives=True):
            if fact.value is not None:
                assert fact.source, (profile.id, fact.path)
                assert fact.confidence is not None, (profile.id, fact.path)
                assert fact.as_of is not None or fact.note, (profile.id, fact.path)


def test_round_trip_keeps_models_and_hash(tmp_path: Path) -> None:
    profiles = load_catalog_dir()
    for profile in profiles:
        (tmp_path / f"{profile.id}.yaml").write_text(dump_profile_yaml(profile), encoding="utf-8")
    reloaded = load_catalog_dir(tmp_path)
    assert reloaded == profiles
    assert content_hash(reloaded) == content_hash(profiles)


def test_content_hash_ignores_order_and_sees_changes() -> None:
    profiles = load_catalog_dir()
    changed = profile_from_data({**small_profile(), "id": profiles[0].id})
    assert content_hash(reversed(profiles)) == content_hash(profiles)
    assert content_hash([changed, *profiles[1:]]) != content_hash(profiles)


def test_facts_flatten_to_stable_paths() -> None:
    profile = profile_from_data(small_profile())
    paths = {fact.path: fact for fact in iter_facts(profile)}
    assert paths["editions.pro.price"].value == {
        "amount": 20,
        "currency": "EUR",
        "unit": "user_month",
        "billed": None,
    }
    assert paths["capabilities.ticketing.availability"].value == "included"
    assert paths["hosting.countries"].value is None
    assert "ratings.ease_of_use" in paths


def test_small_profile_is_valid(tmp_path: Path) -> None:
    assert problems_for(tmp_path, small_profile()) == []


def _set(path: tuple[str | int, ...], value: object) -> Callable[[Data], None]:
    """Build a mutation that sets a nested value."""

    def mutate(data: Data) -> None:
        node: Any = data
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value

    return mutate


def _drop_source(data: Data) -> None:
    del data["vendor"]["source"]


def _add_capability(data: Data) -> None:
    data["capabilities"]["teleportation"] = {"availability": {"value": "included", **SOURCED}}


def _undated_without_note(data: Data) -> None:
    del data["vendor"]["as_of"]


def _rating_without_rater(data: Data) -> None:
    data["ratings"] = {"ease_of_use": {"value": 4, **SOURCED}}


def _unknown_edition(data: Data) -> None:
    data["capabilities"]["ticketing"]["in_editions"] = {"value": ["gold"], **SOURCED}


@pytest.mark.parametrize(
    ("mutate", "path", "reason"),
    [
        pytest.param(
            _set(("editions", 0, "price", "value", "currency"), "XYZ"),
            "editions.pro.price.value.currency",
            "unknown currency 'XYZ'",
            id="unknown-currency",
        ),
        pytest.param(
            _set(("vendor", "as_of"), "2026-12-01"),
            "vendor",
            "in the future",
            id="future-date",
        ),
        pytest.param(
            _add_capability,
            "capabilities.teleportation.[key]",
            "unknown capability key 'teleportation'",
            id="unknown-capability",
        ),
        pytest.param(_drop_source, "vendor", "a value needs a source", id="value-without-source"),
        pytest.param(
            _undated_without_note, "vendor", "undated source needs a note", id="undated-no-note"
        ),
        pytest.param(_rating_without_rater, "ratings.ease_of_use", "rated_by", id="no-rater"),
        pytest.param(_unknown_edition, "", "unknown editions: gold", id="unknown-edition"),
        pytest.param(
            _set(("vendor", "as_of_precision"), "month"),
            "vendor",
            "first day",
            id="month-date-not-first-day",
        ),
        pytest.param(
            _set(("vendor", "colour"), "blue"), "vendor.colour", "Extra inputs", id="extra-field"
        ),
        pytest.param(
            _set(("editions", 0, "price", "value", "amount"), 1e308),
            "editions.pro.price.value.amount",
            "less than or equal to 1000000000",
            id="amount-beyond-the-bound",
        ),
        pytest.param(
            _set(("editions", 0, "minimum_seats"), {"value": 10**30, **SOURCED}),
            "editions.pro.minimum_seats.value",
            "less than or equal to 1000000",
            id="seats-beyond-the-bound",
        ),
    ],
)
def test_broken_profile_is_reported(
    tmp_path: Path, mutate: Callable[[Data], None], path: str, reason: str
) -> None:
    data = copy.deepcopy(small_profile())
    mutate(data)
    problems = problems_for(tmp_path, data)
    assert [(p.file, p.path) for p in problems] == [("acme_crm.yaml", path)], problems
    assert reason in problems[0].message


def test_id_must_match_file_name(tmp_path: Path) -> None:
    problems = problems_for(tmp_path, small_profile("other_crm"))
    assert problems == [
        Problem("acme_crm.yaml", "id", "id 'other_crm' must equal the file name"),
    ]


def test_duplicate_ids_are_reported(tmp_path: Path) -> None:
    write(tmp_path, "acme_crm.yaml", small_profile())
    write(tmp_path, "zeta_crm.yaml", small_profile())
    problems = validate_catalog(tmp_path, TODAY)
    assert Problem("zeta_crm.yaml", "id", "id 'acme_crm' is already used by acme_crm.yaml") in (
        problems
    )


def test_date_times_and_bad_yaml_are_reported(tmp_path: Path) -> None:
    (tmp_path / "acme_crm.yaml").write_text(
        yaml.safe_dump(small_profile()).replace("'2026-01-15'", "2026-01-15T10:00:00"),
        encoding="utf-8",
    )
    (tmp_path / "broken.yaml").write_text("id: [unclosed", encoding="utf-8")
    messages = [str(problem) for problem in validate_catalog(tmp_path, TODAY)]
    assert any(m.startswith("acme_crm.yaml: ") and "date-time" in m for m in messages), messages
    assert any(m.startswith("broken.yaml: not valid YAML") for m in messages), messages


def test_empty_directory_is_a_problem(tmp_path: Path) -> None:
    assert [p.message for p in validate_catalog(tmp_path, TODAY)] == [
        "no catalog files (*.yaml) found"
    ]


def test_load_raises_with_the_problems(tmp_path: Path) -> None:
    write(tmp_path, "acme_crm.yaml", small_profile("other_crm"))
    with pytest.raises(CatalogError, match="must equal the file name"):
        load_catalog_dir(tmp_path)
