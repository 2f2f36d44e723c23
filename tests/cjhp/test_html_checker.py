"""The Nu Html Checker (npm's vnu-jar, on Java) reads every page of the permission matrix as staff, as a focal
point and signed out, in English and in French, as the portal serves it: no error. axe-core reads the same pages
in the browser (tests/browser/test_accessibility.py)."""

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from tests.checkers import LANGUAGES, VNU, pages_for, signed_in_client
from tests.matrix import ANON, FP_SAME, STAFF
from tests.test_permission_matrix import build_world

pytestmark = pytest.mark.django_db
ROLES = [STAFF, FP_SAME, ANON]


@pytest.fixture(scope="module")
def served_pages(django_db_setup, django_db_blocker, tmp_path_factory) -> dict[str, str]:
    """Each page's HTML in a file of its own: {file path: "URL (role, language)"}."""
    folder = tmp_path_factory.mktemp("pages")
    pages = {}
    with django_db_blocker.unblock(), transaction.atomic():
        world = build_world()
        for role in ROLES:
            client = signed_in_client(world.users[role])
            for language in LANGUAGES:
                client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
                for url in pages_for(world, role):
                    response = client.get(url)
                    if not response["Content-Type"].startswith("text/html"):
                        continue  # A PDF, a spreadsheet or a CSV file.
                    path = folder / f"{len(pages):03}.html"
                    path.write_bytes(response.content)
                    pages[str(path)] = f"{url} ({role}, {language})"
        transaction.set_rollback(True)
    return pages


def test_the_nu_html_checker_finds_no_error_on_any_page(served_pages):
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: `make test` installs it (npm ci --prefix tests/checkers)")
    java = shutil.which("java")
    assert java, "Java is missing: apt-get install default-jre-headless (the Nu Html Checker runs on it)"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *served_pages],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"{served_pages.get(message.get('url', '').removeprefix('file:'), message.get('url'))} line "
        f"{message.get('lastLine')}: {message['message']} ({message.get('extract', '').strip()[:80]})"
        for message in messages
    ]
    # Staff reach most pages; the count guards against a matrix that quietly lists fewer.
    assert len(served_pages) >= 150, f"only {len(served_pages)} pages were read"
    assert errors == [], "\n".join(errors)


class Labels(HTMLParser):
    """The checkboxes' ids and the text of each label, by the id it is for."""

    def __init__(self):
        super().__init__()
        self.checkboxes, self.labels, self._for, self._text = set(), {}, None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "checkbox" and attrs.get("id"):
            self.checkboxes.add(attrs["id"])
        elif tag == "label" and attrs.get("for"):
            self._for, self._text = attrs["for"], []

    def handle_data(self, data):
        if self._for:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "label" and self._for:
            self.labels[self._for] = "".join(self._text).strip()
            self._for = None


def test_no_checkbox_label_ends_in_a_colon(served_pages):
    colons, checkboxes = [], 0
    for path, page in served_pages.items():
        parser = Labels()
        parser.feed(Path(path).read_text())
        checkboxes += len(parser.checkboxes)
        colons += [
            f"{page}: “{parser.labels[id]}”" for id in parser.checkboxes if parser.labels.get(id, "").endswith(":")
        ]
    assert checkboxes >= 20, f"only {checkboxes} checkboxes were found"
    assert colons == [], "\n".join(colons)
