"""Reads the YAML files of the content folder, naming the file in every error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.apps import apps
from django.conf import settings
from django.db import models

from seed.errors import SeedContentError

CONTENT_DIR = Path(settings.BASE_DIR) / "content"


class ContentFolder:
    def __init__(self, root: Path = CONTENT_DIR):
        self.root = root

    def label(self, path: Path) -> str:
        """How messages name a file: 'content/pages/parents.yaml'."""
        return str(path.relative_to(self.root.parent))

    def read(self, path: Path | str) -> dict[str, Any]:
        path = self.root / path
        if not path.is_file():
            raise SeedContentError(f"{self.label(path)} is missing")
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            raise SeedContentError(f"{self.label(path)}: not valid YAML: {error}") from error
        if not isinstance(data, dict):
            raise SeedContentError(f"{self.label(path)}: expected a mapping of field names")
        return data


def model_for(label: Any) -> type[models.Model]:
    """The model a file's `type:` names, e.g. 'pages.ContentPage'."""
    try:
        return apps.get_model(str(label))
    except (LookupError, ValueError):
        raise SeedContentError(
            f"type '{label}' is not an installed model (app_label.ModelName)"
        ) from None
