"""HTTP's own concurrency control for versioned resources (a project): `ETag` on what is read
and written, `If-None-Match` for a 304 when nothing changed, and `If-Match` accepted instead of
(or with) the body's `version`: a stale one is 412, none at all 428."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import Header, Response

from service.errors import AppError, FieldError
from service.projects.service import StaleVersion

_TAG = re.compile(r'^"(\d{1,10})"$')

IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description='The ETag you read (`"7"`), instead of the body\'s `version`; a stale one '
        "gets 412.",
    ),
]
IfNoneMatch = Annotated[
    str | None,
    Header(alias="If-None-Match", description="The ETag you hold: 304 when it is current."),
]

#: `responses=` entries of the routes that take If-Match.
PRECONDITIONS: dict[int | str, dict[str, Any]] = {
    412: {"description": "`If-Match` names a version that is no longer the project's"},
    428: {"description": "Neither `If-Match` nor a `version` says which version you read"},
}
ETAG_HEADER = {
    "ETag": {"description": "The project's version, quoted.", "schema": {"type": "string"}}
}


class PreconditionFailed(AppError):
    """If-Match named a version the resource no longer has."""

    status_code = 412
    error = "precondition_failed"


class PreconditionRequired(AppError):
    """A write that does not say which version it was made against."""

    status_code = 428
    error = "version_required"


def etag(version: int) -> str:
    """The strong ETag of a resource at `version`."""
    return f'"{version}"'


def tag_response(response: Response, version: int) -> None:
    """Give the response the ETag of `version`."""
    response.headers["ETag"] = etag(version)


def not_modified(if_none_match: str | None, version: int) -> bool:
    """Whether the caller's If-None-Match already holds `version` (or is `*`)."""
    if if_none_match is None:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or etag(version) in tags


def expected_version(if_match: str | None, version: int | None, *, current: int) -> int:
    """The version a write was made against: the If-Match's (`*` is the current one) or the
    body's; both, when given, must agree."""
    if if_match is None:
        if version is None:
            raise PreconditionRequired(
                "Say which version of the project you read: send it as If-Match (its ETag) "
                "or as `version`.",
                fields=[FieldError(field="header.If-Match", message="or body.version required")],
            )
        return version
    if if_match.strip() == "*":
        matched = current
    else:
        found = _TAG.match(if_match.strip())
        if found is None:
            raise PreconditionFailed(
                f"If-Match {if_match!r} is not an ETag of this project (such as {etag(current)}).",
                fields=[FieldError(field="header.If-Match", message="not an ETag of this project")],
            )
        matched = int(found.group(1))
    if matched != current:
        raise PreconditionFailed(
            f"The project is at {etag(current)}, not {if_match.strip()}: it changed since you "
            "read it. Read it again and reapply your change.",
            fields=[FieldError(field="header.If-Match", message="stale")],
        )
    if version is not None and version != matched:
        raise PreconditionFailed(
            f"If-Match {if_match.strip()} and version {version} disagree.",
            fields=[FieldError(field="body.version", message="disagrees with If-Match")],
        )
    return matched


@contextmanager
def precondition(if_match: str | None) -> Iterator[None]:
    """A write made on If-Match that another writer overtakes between the check and the
    write is refused as a stale If-Match (412), not as a stale body version (409)."""
    try:
        yield
    except StaleVersion as stale:
        if if_match is None:
            raise
        raise PreconditionFailed(
            stale.detail, fields=[FieldError(field="header.If-Match", message="stale")]
        ) from stale
