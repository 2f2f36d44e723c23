"""How much of a PDF report's time is WeasyPrint's: each report requested whole (view, queries, template and
WeasyPrint) against WeasyPrint alone turning the very same HTML into a PDF.

The HTML is caught once, from a real request, by wrapping cjhp.lib.pdf.html_to_pdf; then both are timed in turn.
"""

import io
import statistics
from dataclasses import dataclass
from time import perf_counter
from unittest import mock

from django.test import Client, override_settings
from pypdf import PdfReader

from bench.generate import World
from bench.pages import Page
from cjhp.lib import pdf


@dataclass
class PdfResult:
    name: str
    user: str
    view_ms: float
    weasyprint_ms: float
    pages: int
    max_times: float | None

    @property
    def ratio(self) -> float:
        return self.view_ms / self.weasyprint_ms

    def misses(self) -> list[str]:
        if self.max_times is not None and self.ratio > self.max_times:
            return [f"{self.ratio:.2f}× WeasyPrint alone > {self.max_times}×"]
        return []


def _caught_html(client: Client, url: str) -> tuple[str, bytes]:
    caught = {}
    original = pdf.html_to_pdf

    def catch(html: str) -> bytes:
        caught["html"] = html
        return original(html)

    with mock.patch.object(pdf, "html_to_pdf", catch):
        response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return caught["html"], response.content


def compare_pdfs(world: World, pages: list[Page], *, repeat: int) -> list[PdfResult]:
    results = []
    with override_settings(ROOT_URLCONF="bench.urls", DEBUG=False, ALLOWED_HOSTS=["testserver"]):
        for page in [page for page in pages if page.is_pdf]:
            client = Client()
            client.force_login(world.user(page.user), backend="django.contrib.auth.backends.ModelBackend")
            url = page.url(world)
            html, content = _caught_html(client, url)
            view_times, alone_times = [], []
            for _ in range(repeat):
                start = perf_counter()
                client.get(url)
                view_times.append(perf_counter() - start)
                start = perf_counter()
                pdf.html_to_pdf(html)
                alone_times.append(perf_counter() - start)
            results.append(
                PdfResult(
                    page.name,
                    page.user,
                    statistics.median(view_times) * 1000,
                    statistics.median(alone_times) * 1000,
                    len(PdfReader(io.BytesIO(content)).pages),
                    page.max_times_weasyprint,
                )
            )
    return results


def table(results: list[PdfResult]) -> str:
    lines = [
        "| PDF report | user | pages | whole request | WeasyPrint alone | ratio | target |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for result in results:
        missed = result.misses()
        verdict = "**missed: " + "; ".join(missed) + "**" if missed else "met"
        lines.append(
            f"| {result.name} | {result.user.replace('_', ' ')} | {result.pages} | {result.view_ms:.0f} ms "
            f"| {result.weasyprint_ms:.0f} ms | {result.ratio:.2f}× | {verdict} |"
        )
    return "\n".join(lines)
