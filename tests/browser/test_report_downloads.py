"""Staff download each PDF report from its page — assessment, round comparison, country profile, event report,
certificates — and each file is named for what it holds and says it."""

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def download(page, link) -> tuple[str, str]:
    """Clicks the link; returns the downloaded file's name and its text, whitespace collapsed."""
    with page.expect_download() as started:
        link.click()
    path = Path(started.value.path())
    assert path.read_bytes().startswith(b"%PDF-")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)
    return started.value.suggested_filename, text


def test_staff_download_every_report_with_its_content(live_server, log_in, programme):
    page = log_in("staff", PASSWORD)

    page.goto(f"{live_server.url}{programme.md_baseline.get_absolute_url()}")
    name, text = download(page, page.get_by_role("link", name="Download PDF"))
    assert name == "cjhp-assessment-MD-see-baseline-2022.pdf"
    assert "Republic of Moldova" in text and "SEE baseline 2022" in text
    assert "Question 1.1-q1?" in text and "DRAFT" not in text

    page.goto(f"{live_server.url}/checklists/rounds/see-baseline-2022/")
    name, text = download(page, page.get_by_role("link", name="Download PDF"))
    assert name == "cjhp-round-see-baseline-2022.pdf"
    assert "Georgia" in text and "Republic of Moldova" in text

    page.goto(f"{live_server.url}/countries/MD/")
    name, text = download(page, page.get_by_role("link", name="Download PDF"))
    assert name == "cjhp-country-MD.pdf"
    assert "Republic of Moldova" in text and "Prison health in Moldova" in text and "TC training" in text
    assert "Georgia" not in text

    page.goto(f"{live_server.url}/events/tc-training/")
    name, text = download(page, page.get_by_role("link", name="Download PDF"))
    assert name == "cjhp-event-tc-training.pdf"
    assert "TC training" in text and "Ștefan Țurcanu" in text

    name, text = download(page, page.get_by_role("link", name="PDF Ștefan Țurcanu"))
    assert name == "cjhp-certificate-tc-training-stefan-turcanu.pdf"
    assert "Certificate of attendance" in text and "Ștefan Țurcanu" in text and "TC training" in text
    name, text = download(page, page.get_by_role("link", name="All certificates (PDF)"))
    assert name == "cjhp-certificates-tc-training.pdf"
    assert text.count("Certificate of attendance") == 1
