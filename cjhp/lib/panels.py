"""A panel: one app's part of a page that gathers several apps (the home page, a country's page)."""

from dataclasses import dataclass, field


@dataclass
class Panel:
    template: str
    context: dict = field(default_factory=dict)
