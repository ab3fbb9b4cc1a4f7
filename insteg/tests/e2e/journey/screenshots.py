"""Screenshots of the main pages, taken as the journeys pass them.

They go to a temporary folder unless INSTEG_SCREENSHOTS_DIR names one: `INSTEG_SCREENSHOTS_DIR=docs/screenshots
uv run pytest insteg/tests/e2e/test_journeys.py` refreshes the pictures the README shows.
"""

import os
import tempfile
from pathlib import Path

VIEWPORT = {"width": 1280, "height": 800}


def folder() -> Path:
    chosen = os.environ.get("INSTEG_SCREENSHOTS_DIR")
    path = Path(chosen) if chosen else Path(tempfile.gettempdir()) / "insteg-screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


def shoot(page, name: str) -> Path:
    """Saves what the person sees now (the viewport, not the whole scroll) as `<name>.png`."""
    page.set_viewport_size(VIEWPORT)
    path = folder() / f"{name}.png"
    page.screenshot(path=str(path))
    return path
