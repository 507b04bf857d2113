"""The base of the client's response models: typed attributes, and the JSON by key."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class ApiModel(BaseModel):
    """A model of the API's JSON. ``model.field`` is typed (UUID, datetime, nested models);
    ``model["field"]`` is the JSON value as the service sent it (str, number, dict, list), as
    the client returned before it was typed, so ``project["id"]`` keeps working."""

    # A newer service may send fields this client does not know yet: keep them, by key.
    model_config = ConfigDict(extra="allow")

    def __getitem__(self, key: str) -> Any:
        name = self._field_name(key)
        return self.model_dump(mode="json", by_alias=True, include={name}, exclude_unset=True)[key]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self.keys()

    def get(self, key: str, default: Any = None) -> Any:
        """The JSON value of `key`, or `default` when the service did not send it."""
        return self[key] if key in self else default

    def keys(self) -> list[str]:
        """The JSON keys the service sent (``dict(model)`` is then the JSON object)."""
        fields = type(self).model_fields
        sent = [
            field.alias or name for name, field in fields.items() if name in self.model_fields_set
        ]
        return sent + list(self.model_extra or {})

    def _field_name(self, key: str) -> str:
        for name, field in type(self).model_fields.items():
            if key == (field.alias or name) and name in self.model_fields_set:
                return name
        if key in (self.model_extra or {}):
            return key
        raise KeyError(key)
