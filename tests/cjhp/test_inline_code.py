"""The Content-Security-Policy forbids inline scripts and styles: no template served as a web page has any.

Only WeasyPrint reads the PDF templates (reports/base.html has a <style> for the translated page numbers), so
those templates may be rendered by the PDF helper alone, never as a page.
"""

import ast
import re

from django.conf import settings

TEMPLATES = settings.BASE_DIR / "templates"
APPS = ["cjhp", "countries", "checklists", "projects", "events"]
PDF_HELPERS = {"pdf_response", "render_pdf_bytes"}
INLINE = {
    "a style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "a <style> element": re.compile(r"<style[\s>]", re.IGNORECASE),
    "an inline <script>": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE),
    "an event handler attribute": re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE),
    "a javascript: link": re.compile(r"javascript:", re.IGNORECASE),
}


def is_pdf_template(name: str) -> bool:
    return "/reports/" in f"/{name}" or name == "events/certificate.html"


def test_no_web_page_template_has_inline_scripts_styles_or_handlers():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if is_pdf_template(name):
            continue
        text = path.read_text(encoding="utf-8")
        found += [f"{name}: {what}" for what, pattern in INLINE.items() if pattern.search(text)]
    assert found == []


def test_only_pdf_templates_have_a_style_element():
    styled = sorted(
        path.relative_to(TEMPLATES).as_posix()
        for path in TEMPLATES.rglob("*.html")
        if INLINE["a <style> element"].search(path.read_text(encoding="utf-8"))
    )
    assert styled == ["reports/base.html"]


def template_names_in_calls(source: str):
    """(function name, template name) for every call whose arguments name an .html template."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        function = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        for argument in [*node.args, *(keyword.value for keyword in node.keywords)]:
            if isinstance(argument, ast.Constant) and str(argument.value).endswith(".html"):
                yield function, argument.value


def test_pdf_templates_are_rendered_by_the_pdf_helper_only():
    uses = []
    for app in APPS:
        for path in (settings.BASE_DIR / app).rglob("*.py"):
            uses += [(path.name, *use) for use in template_names_in_calls(path.read_text(encoding="utf-8"))]
    pdf_uses = [(file, function, name) for file, function, name in uses if is_pdf_template(name)]
    assert {name for _, _, name in pdf_uses} >= {
        "checklists/reports/assessment.html",
        "checklists/reports/round.html",
        "countries/reports/profile.html",
        "events/reports/event.html",
        "events/certificate.html",
    }
    assert [use for use in pdf_uses if use[1] not in PDF_HELPERS] == []


def test_no_markup_built_in_python_has_inline_scripts_styles_or_handlers():
    """Charts and other markup drawn in Python (cjhp/lib/charts.py) use attributes, never style="" or scripts."""
    found = []
    for app in APPS:
        for path in (settings.BASE_DIR / app).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and "<" in node.value:
                    found += [f"{path.name}: {what}" for what, pattern in INLINE.items() if pattern.search(node.value)]
    assert found == []
