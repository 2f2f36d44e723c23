"""The forms of a page as a browser sees them: their action and the fields they would send; the answers a section's
form holds, and the code a person's authenticator app shows (the load test's and the fault script's users).

Standard library only, so that the load test's users can read the portal's pages without Django.
"""

import base64
import hashlib
import hmac
import random
import re
import struct
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    # Fields in page order: (name, value) for hidden, text, URL and textarea fields; radio buttons are in
    # `choices` (name -> the values offered) and `checked` (name -> the value selected, if any).
    fields: list[tuple[str, str]] = field(default_factory=list)
    choices: dict[str, list[str]] = field(default_factory=dict)
    checked: dict[str, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def filled(self, *, note: str, comments: str, choose=random.choice, version: str | None = None) -> list:
        """The fields as a person fills the section in: `note` on every question, `comments`, a value picked by
        `choose` among each question's choices, and `version` in place of the page's if given."""
        data = []
        for name, value in self.fields:
            if name.endswith("-note"):
                value = note
            elif name.endswith("-comments"):
                value = comments
            elif name.endswith("-version") and version is not None:
                value = version
            data.append((name, value))
        return data + [(name, choose(values)) for name, values in self.choices.items()]

    def value(self, name: str) -> str | None:
        return next((value for field_name, value in self.fields if field_name == name), None)


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.textarea: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.form = Form(action=attributes.get("action", ""))
            self.forms.append(self.form)
        elif self.form is None or "name" not in attributes:
            return
        elif tag == "textarea":
            self.textarea, self.text = attributes["name"], []
        elif tag == "input":
            self._input(attributes)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def _input(self, attributes: dict[str, str]) -> None:
        name, kind, value = attributes["name"], attributes.get("type", "text"), attributes.get("value", "")
        if kind == "radio":
            self.form.choices.setdefault(name, []).append(value)
            if "checked" in attributes:
                self.form.checked[name] = value
        elif kind == "checkbox":
            if "checked" in attributes:
                self.form.fields.append((name, value or "on"))
        elif kind == "file":
            self.form.files.append(name)
        elif kind not in {"submit", "button", "reset", "image"}:
            self.form.fields.append((name, value))

    def handle_data(self, data):
        if self.textarea is not None:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            # Browsers drop the newline that opens a textarea's content (Django's widget writes one).
            text = "".join(self.text)
            self.form.fields.append((self.textarea, text.removeprefix("\r\n").removeprefix("\n")))
            self.textarea = None
        elif tag == "form":
            self.form = None


def parse_forms(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


# The portal's checklist section forms, by their action.
SECTION_ACTION = re.compile(r"/assessments/(\d+)/sections/(\d+)/$")
FORM_START = re.compile(r"<form\b[^>]*\baction=\"([^\"]*)\"")


def forms_matching(html: str, action: re.Pattern) -> list[tuple[str, str]]:
    """(action, the form's markup) of each form whose action matches, without parsing the rest of the page."""
    found = []
    for start in FORM_START.finditer(html):
        if action.search(start.group(1)):
            end = html.find("</form>", start.start())
            found.append((start.group(1), html[start.start() : end + len("</form>") if end >= 0 else len(html)]))
    return found


# A question's inputs in a section's form: item-<section>-q<item id>-value / -note.
QUESTION_FIELD = re.compile(r"-q(\d+)-(value|note)$")


def authenticator_code(account: dict) -> str:
    """What an authenticator app shows now for the account's secret (RFC 6238: 30 s steps, 6 digits)."""
    key = base64.b32decode(account["totp_secret"], casefold=True)
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**6:06d}"


def answers_of(data: list[tuple[str, str]]) -> dict[str, list[str]]:
    """{item id: [value, note]} of the questions in a section's form data."""
    answers: dict[str, list[str]] = {}
    for name, value in data:
        if match := QUESTION_FIELD.search(name):
            item, part = match.groups()
            answers.setdefault(item, ["", ""])[0 if part == "value" else 1] = value
    return answers
