"""The keyboard's focus ring can be seen everywhere: tabbing through the staff home page, a focal point's
assessment page and an event page, every element that takes the focus shows an outline of at least 2 px whose
colour has at least 3:1 contrast with the background around it (WCAG 2.1, 1.4.11)."""

import re

import pytest

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The focused element's outline and the colour behind it: the first ancestor with a background of its own.
RING = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  let behind = element.parentElement, background = "rgb(255, 255, 255)";
  while (behind) {
    const colour = getComputedStyle(behind).backgroundColor;
    if (colour !== "transparent" && !colour.startsWith("rgba(0, 0, 0, 0")) { background = colour; break; }
    behind = behind.parentElement;
  }
  return {
    name: element.localName + (element.id ? "#" + element.id : "") + " "
      + (element.textContent || element.name || "").trim().slice(0, 30),
    style: style.outlineStyle, width: parseFloat(style.outlineWidth), colour: style.outlineColor, background,
  };
}"""


def luminance(rgb: str) -> float:
    channels = [int(value) / 255 for value in re.findall(r"\d+(?:\.\d+)?", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    high, low = sorted([luminance(one), luminance(other)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def weak_rings(page, url, tabs=120) -> list[str]:
    page.goto(url)
    weak, seen = [], set()
    for _ in range(tabs):
        page.keyboard.press("Tab")
        ring = page.evaluate(RING)
        if ring is None or ring["name"] in seen:
            continue
        seen.add(ring["name"])
        ratio = contrast(ring["colour"], ring["background"])
        if ring["style"] == "none" or ring["width"] < 2 or ratio < 3:
            outline = f"{ring['style']} {ring['width']} px, {ratio:.1f}:1 on {ring['background']}"
            weak.append(f"{url}: {ring['name']}: {outline}")
    assert len(seen) >= 10, f"{url}: only {len(seen)} elements took the focus"
    return weak


def test_the_focus_ring_has_3_to_1_on_every_background(live_server, log_in, programme):
    page = log_in("staff", PASSWORD)
    weak = weak_rings(page, f"{live_server.url}/")
    weak += weak_rings(page, f"{live_server.url}{programme.md_training.get_absolute_url()}")
    page.context.clear_cookies()
    page = log_in("fp-md", PASSWORD)
    weak += weak_rings(page, f"{live_server.url}{programme.md_follow_up.get_absolute_url()}")
    assert weak == [], "\n".join(weak)
