"""Every htmx update is announced to screen readers (WCAG 4.1.3 Status messages).

A swap into an element (innerHTML, the default) is read when that element, or one around it, is a live region. A
swap that replaces the element itself (outerHTML) inserts a new element, which screen readers do not read as a live
region; those are announced by the persistent role="status" region in base.html that static/js/announce.js fills.
"""

import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(path for path in PACKAGE.glob("**/templates/**/*.html"))
TAG = re.compile(r"<[a-zA-Z][^<>]*\bhx-(?:get|post|put|patch|delete)=[^<>]*>", re.S)
ATTRIBUTE = r'\b{}="([^"]*)"'


def _attribute(tag: str, name: str) -> str | None:
    match = re.search(ATTRIBUTE.format(re.escape(name)), tag)
    return match.group(1) if match else None


def _htmx_requests():
    for template in TEMPLATES:
        source = template.read_text()
        for tag in TAG.findall(source):
            name = f"{template.relative_to(PACKAGE)}:{_attribute(tag, 'hx-target')}"
            yield pytest.param(template, source, tag, id=name)


def _opening_tag_with_id(source: str, element_id: str) -> str | None:
    match = re.search(r"<[a-zA-Z][^<>]*\bid=\"" + re.escape(element_id) + r"\"[^<>]*>", source)
    return match.group(0) if match else None


def _is_live(tag: str) -> bool:
    return _attribute(tag, "aria-live") in ("polite", "assertive") or _attribute(tag, "role") in ("status", "alert")


def test_there_are_htmx_updates_to_check():
    assert len(list(_htmx_requests())) >= 8


@pytest.mark.parametrize(("template", "source", "tag"), list(_htmx_requests()))
def test_every_htmx_update_is_announced(template, source, tag):
    target = _attribute(tag, "hx-target")
    assert target and target.startswith("#"), f'{template.name}: name the updated element by id (hx-target="#…")'
    target_tag = _opening_tag_with_id(source, target[1:])
    assert target_tag, f"{template.name}: {target} is not in the template that updates it"
    swap = (_attribute(tag, "hx-swap") or "innerHTML").split()[0]
    if swap == "outerHTML":
        assert _announcer_in_base(), "base.html must keep the role=status region that announce.js fills"
    else:
        assert _is_live(target_tag), f'{template.name}: {target} must be aria-live="polite" or role="status"'


def _announcer_in_base() -> bool:
    base = (PACKAGE / "templates" / "base.html").read_text()
    region = _opening_tag_with_id(base, "htmx-status")
    return bool(region) and _is_live(region) and "js/announce.js" in base and "data-message=" in region
