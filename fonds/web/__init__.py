"""The web face of fonds: ``create_app(db)`` -> a read-only FastAPI app (HTML pages and a
JSON API under ``/api/v1``), served by ``fonds serve``."""

from __future__ import annotations

from fonds.web.app import create_app

__all__ = ["create_app"]
