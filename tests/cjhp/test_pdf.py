"""The shared PDF helper: A4 pages with the programme's header, page numbers, and every European script."""

import io

import pytest
from django.test import RequestFactory
from django.utils import translation
from pypdf import PdfReader

from cjhp.lib.pdf import pdf_response, render_pdf_bytes


@pytest.fixture
def template_dir(settings, tmp_path):
    engine = {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    settings.TEMPLATES = [engine]
    return tmp_path


def pdf_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_it_renders_names_in_romanian_cyrillic_and_georgian_with_page_numbers(template_dir):
    template = template_dir / "sample.html"
    template.write_text(
        '{% extends "reports/base.html" %}{% block content %}<h1>Ștefan Țurcanu</h1><p>Олена Коваленко</p>'
        "<p>ნინო ბერიძე</p>{% endblock %}"
    )
    # In English whatever an earlier test's request left active: the page numbers are translated.
    with translation.override("en"):
        pages = pdf_text(render_pdf_bytes("sample.html", {"is_draft": True}))
    assert len(pages) == 1
    text = pages[0]
    assert "Ștefan Țurcanu" in text
    assert "Олена Коваленко" in text
    assert "ნინო ბერიძე" in text
    assert "Page 1 of 1" in text
    assert "DRAFT" in text
    assert "Criminal Justice and Health in Prison" in text


def test_the_response_is_a_named_download(template_dir):
    (template_dir / "plain.html").write_text('{% extends "reports/base.html" %}{% block content %}Hello{% endblock %}')
    response = pdf_response(RequestFactory().get("/"), "plain.html", {}, "cjhp-test.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="cjhp-test.pdf"'
    assert "DRAFT" not in pdf_text(response.content)[0]
