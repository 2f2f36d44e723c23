"""What two instances of the portal must share, proved through them (run by bench/load.py after the people step on
two instances): a section saved through one and through the other at the same version (the second answers 409),
an evidence file uploaded through one and downloaded through the other, failed sign-ins counted over both, and a
second-factor code used through one refused through the other (the shared cache).

Each proof is a scripted person with a `requests` session, from a loopback address of their own: the instances
share no process memory, so whatever one knows of another's requests came through PostgreSQL, the uploaded
files' folder or the cache.
"""

import hashlib
import random
import re
import string
from dataclasses import dataclass

import requests
from requests.adapters import HTTPAdapter

from bench.htmlforms import SECTION_ACTION, Form, answers_of, authenticator_code, forms_matching, parse_forms

SECOND_FACTOR_URL = "/accounts/2fa/authenticate/"


class FromAddress(HTTPAdapter):
    """Connections from the given local address."""

    def __init__(self, address: str):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, source_address=(self.address, 0), **kwargs)


@dataclass
class Proof:
    name: str
    met: bool
    detail: str


class Person:
    """A browser: its cookies, sent back over plain HTTP to 127.0.0.1 as browsers do for a loopback address."""

    def __init__(self, address: str, password: str):
        self.session = requests.Session()
        self.session.mount("http://", FromAddress(address))
        self.password = password

    def request(self, method: str, url: str, **kwargs) -> requests.Response:
        response = self.session.request(method, url, allow_redirects=False, timeout=60, **kwargs)
        for cookie in self.session.cookies:
            cookie.secure = False
        return response

    def csrf_form(self, url: str) -> Form:
        page = self.request("GET", url)
        return next(form for form in parse_forms(page.text) if form.value("csrfmiddlewaretoken") is not None)

    def sign_in(self, host: str, username: str, password: str | None = None) -> requests.Response:
        """The password step; the answer is a redirect when the password was accepted, the page again when not."""
        form = self.csrf_form(f"{host}/accounts/login/")
        data = {
            "csrfmiddlewaretoken": form.value("csrfmiddlewaretoken"),
            "login": username,
            "password": self.password if password is None else password,
        }
        return self.request("POST", f"{host}/accounts/login/", data=data)

    def second_factor(self, host: str, code: str) -> requests.Response:
        form = self.csrf_form(f"{host}{SECOND_FACTOR_URL}")
        data = {"csrfmiddlewaretoken": form.value("csrfmiddlewaretoken"), "code": code}
        return self.request("POST", f"{host}{SECOND_FACTOR_URL}", data=data)

    def section_form(self, host: str, assessment: int, index: int = 0) -> Form:
        page = self.request("GET", f"{host}/checklists/assessments/{assessment}/")
        markups = [m for _action, m in forms_matching(page.text, SECTION_ACTION) if '-note"' in m]
        return parse_forms(markups[index])[0]

    def save(self, host: str, form: Form, data: list[tuple[str, str]], files: dict | None = None) -> dict:
        """Save a section as the page's script does; returns the save as the load test records it."""
        files = files or {}
        parts = [(name, (None, value)) for name, value in data]
        parts += [(name, files.get(name, ("", b"", "application/octet-stream"))) for name in form.files]
        response = self.request("POST", f"{host}{form.action}", files=parts, headers={"X-Section-Save": "1"})
        assessment, section = SECTION_ACTION.search(form.action).groups()
        outcome = {200: "saved", 409: "conflict"}.get(response.status_code, "error")
        return {
            "assessment": int(assessment),
            "section": int(section),
            "version": int(next(value for name, value in data if name.endswith("-version"))),
            "answers": answers_of(data),
            "comments": next((value for name, value in data if name.endswith("-comments")), None),
            "outcome": outcome,
            "status": response.status_code,
            "host": host,
            "response": response,
        }


def version_in(response: requests.Response, action: str) -> str | None:
    markup = next((m for a, m in forms_matching(response.text, SECTION_ACTION) if a == action), "")
    form = parse_forms(markup)[0] if markup else None
    return next((v for n, v in form.fields if n.endswith("-version")), None) if form else None


def a_conflict_across_instances(hosts: list[str], plan: dict, records: list[dict]) -> Proof:
    """Two focal points of a country load one section, one saves it through A, the other through B."""
    by_country: dict[str, list[dict]] = {}
    for account in plan["focal_points"]:
        by_country.setdefault(account["country"], []).append(account)
    first, second = next(accounts for accounts in by_country.values() if len(accounts) >= 2)[:2]
    one, other = Person("127.2.0.1", plan["password"]), Person("127.2.0.2", plan["password"])
    one.sign_in(hosts[0], first["username"])
    other.sign_in(hosts[1], second["username"])
    # The last section with questions: the people of the load test meet mostly in the first ones.
    form_one = one.section_form(hosts[0], first["assessment"], -1)
    form_other = other.section_form(hosts[1], second["assessment"], -1)
    saves = [
        one.save(
            hosts[0],
            form_one,
            form_one.filled(note=f"First through A by {first['username']}", comments="First through A"),
        )
    ]
    saves.append(
        other.save(
            hosts[1],
            form_other,
            form_other.filled(note=f"Then through B by {second['username']}", comments="Then through B"),
        )
    )
    version = version_in(saves[-1]["response"], form_other.action) if saves[-1]["status"] == 409 else None
    if version is not None:
        again = form_other.filled(
            note=f"Again through B by {second['username']}", comments="Again through B", version=version
        )
        saves.append(other.save(hosts[1], form_other, again))
    statuses = [save["status"] for save in saves]
    records += [{key: value for key, value in save.items() if key != "response"} for save in saves]
    return Proof(
        "a conflict across instances",
        statuses == [200, 409, 200],
        f"{first['username']} saved a section through A ({statuses[0]}), {second['username']} the same section "
        f"loaded at the same version through B ({statuses[1]}"
        + (f", then again over the version B returned: {statuses[2]})" if len(statuses) > 2 else ")"),
    )


def a_file_through_both(hosts: list[str], plan: dict, records: list[dict]) -> Proof:
    """An evidence file uploaded through A, then downloaded through B in the same session."""
    account = plan["focal_points"][-1]
    person = Person("127.2.0.3", plan["password"])
    person.sign_in(hosts[0], account["username"])
    form = person.section_form(hosts[0], account["assessment"])
    content = "".join(random.choices(string.ascii_letters + string.digits + "\n", k=300_000)).encode()
    field = form.files[0]
    save = person.save(
        hosts[0],
        form,
        form.filled(note="With a file", comments="With a file"),
        files={field: ("evidence.txt", content, "text/plain")},
    )
    records.append({key: value for key, value in save.items() if key != "response"})
    page = person.request("GET", f"{hosts[1]}/checklists/assessments/{account['assessment']}/")
    link = re.search(rf"/checklists/assessments/{account['assessment']}/evidence/\d+/", page.text)
    download = person.request("GET", f"{hosts[1]}{link.group(0)}") if link else None
    same = download is not None and download.status_code == 200 and download.content == content
    detail = f"{len(content):,} bytes uploaded through A ({save['status']}); "
    if download is None:
        detail += "no link to the file on B's page"
    else:
        digest = hashlib.sha256(download.content).hexdigest()[:12]
        detail += (
            f"downloaded through B ({download.status_code}): {len(download.content):,} bytes, "
            f"{'the same' if same else 'different'} (SHA-256 {digest}…)"
        )
    return Proof("an evidence file through both", same and save["status"] == 200, detail)


def failed_sign_ins_over_both(hosts: list[str], plan: dict, *, limit: int) -> Proof:
    """`limit` - 1 wrong passwords spread over both instances still let the right one in; `limit` lock it out."""
    username = plan["focal_points"][0]["username"]
    person = Person("127.2.0.4", plan["password"])
    below = [person.sign_in(hosts[n % 2], username, "wrong-password").status_code for n in range(limit - 1)]
    right = person.sign_in(hosts[0], username).status_code  # a success counts the failures afresh
    person = Person("127.2.0.4", plan["password"])
    at_limit = [person.sign_in(hosts[n % 2], username, "wrong-password").status_code for n in range(limit)]
    after = person.sign_in(hosts[limit % 2], username)
    met = (
        below == [200] * (limit - 1)
        and right == 302
        and at_limit == [200] * (limit - 1) + [429]
        and after.status_code == 429
    )
    through = {name: sum(1 for n in range(limit) if n % 2 == i) for i, name in enumerate("AB")}
    return Proof(
        "failed sign-ins counted over both",
        met,
        f"{limit - 1} wrong passwords alternating A and B answered {below}, then the right one {right} (signed in); "
        f"{limit} wrong ones ({through['A']} through A, {through['B']} through B: neither saw {limit}) answered "
        f"{at_limit}, then the right password through {'AB'[limit % 2]} {after.status_code} (locked out)",
    )


def a_code_used_once(hosts: list[str], plan: dict) -> Proof:
    """A second-factor code accepted through A is refused through B, while it is still the current code."""
    account = plan["staff"][-1]
    code = authenticator_code(account)
    one, other = Person("127.2.0.5", plan["password"]), Person("127.2.0.6", plan["password"])
    statuses = []
    for person, host in ((one, hosts[0]), (other, hosts[1])):
        person.sign_in(host, account["username"])
        statuses.append(person.second_factor(host, code).status_code)
    return Proof(
        "a second-factor code used once over both",
        statuses == [302, 200],
        f"{account['username']}'s code accepted through A ({statuses[0]}: signed in), the same code through B "
        f"{'refused' if statuses[1] == 200 else 'answered'} ({statuses[1]})",
    )


def prove(hosts: list[str], plan: dict, *, failure_limit: int) -> tuple[list[Proof], list[dict]]:
    """Every proof, and the section saves they made (for the check of the database)."""
    records: list[dict] = []
    proofs = [
        a_conflict_across_instances(hosts, plan, records),
        a_file_through_both(hosts, plan, records),
        failed_sign_ins_over_both(hosts, plan, limit=failure_limit),
        a_code_used_once(hosts, plan),
    ]
    return proofs, records
