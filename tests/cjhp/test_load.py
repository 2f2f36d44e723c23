"""The load test's machinery (bench/load.py, bench/locustfile.py): a few seconds of it against a live server,
and its check that every answer saved with success is in the database. No timing is asserted."""

import pytest
from django.db import connection

from bench.htmlforms import SECTION_ACTION, forms_matching, parse_forms
from bench.load import check_saves, prepare, run_locust
from checklists.assessments.services import AnswerInput, SectionInput, section_save
from checklists.models import Answer, Assessment, Item

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the load test runs against PostgreSQL only: run the suite with DATABASE_URL=postgres://...",
)

SECTION_FORM = """
<form method="post" action="/checklists/assessments/7/sections/3/" enctype="multipart/form-data">
  <input type="hidden" name="csrfmiddlewaretoken" value="tok&amp;en">
  <input type="hidden" name="s3-version" value="4" id="id_s3-version">
  <label><input type="radio" name="s3-q11-value" value="yes" checked> Yes</label>
  <label><input type="radio" name="s3-q11-value" value="no"> No</label>
  <label><input type="radio" name="s3-q11-value" value=""> Not yet</label>
  <textarea name="s3-q11-note" rows="2">
Line one &lt;b&gt;</textarea>
  <input type="url" name="s3-q11-link" value="https://example.org/law">
  <input type="file" name="s3-q11-file">
  <button type="submit">Save section 1.1</button>
</form>
"""


def test_the_section_form_is_read_as_a_browser_would_send_it():
    page = f'<form action="/search/"><input name="q"></form>{SECTION_FORM}'

    [(action, markup)] = forms_matching(page, SECTION_ACTION)
    [form] = parse_forms(markup)

    assert action == "/checklists/assessments/7/sections/3/"
    assert form.fields == [
        ("csrfmiddlewaretoken", "tok&en"),
        ("s3-version", "4"),
        ("s3-q11-note", "Line one <b>"),
        ("s3-q11-link", "https://example.org/law"),
    ]
    assert form.choices == {"s3-q11-value": ["yes", "no", ""]}
    assert form.checked == {"s3-q11-value": "yes"}
    assert form.files == ["s3-q11-file"]


def saved(assessment, section, version, answers, user="load-fp-md-1"):
    return {
        "user": user,
        "assessment": assessment.pk,
        "section": section.pk,
        "version": version,
        "answers": {str(item.pk): list(value) for item, value in answers.items()},
        "comments": None,
        "outcome": "saved",
    }


@pytest.mark.django_db
def test_the_check_finds_an_answer_the_database_lost_and_accepts_one_superseded_by_a_later_save(staff):
    plan = prepare()
    assessment = Assessment.objects.get(pk=plan["focal_points"][0]["assessment"])
    item = Item.objects.filter(section__recommendation__template=assessment.round.template, is_heading=False)[0]
    section = item.section
    questions = list(section.items.filter(is_heading=False))
    for version, note in enumerate(["first", "second"]):
        answers = {q.pk: AnswerInput(value="yes", note=f"{note} {q.pk}") for q in questions}
        section_save(
            assessment=assessment, section=section, by=staff, data=SectionInput(version=version, answers=answers)
        )
    first = saved(assessment, section, 0, {q: ("yes", f"first {q.pk}") for q in questions})
    second = saved(assessment, section, 1, {q: ("yes", f"second {q.pk}") for q in questions})

    assert check_saves([second, first]).problems == []

    Answer.objects.filter(assessment=assessment, item=item).update(note="overwritten unseen")
    lost = check_saves([first, second])
    assert lost.saved == 2 and lost.sections == 1
    assert lost.problems == [
        f"assessment {assessment.pk} section {section.pk} question {item.pk}: "
        f"['yes', 'overwritten unseen'] instead of ['yes', 'second {item.pk}']"
    ]
    # Two saves recorded as successful at the same version: one of them overwrote the other unseen.
    assert any("versions [0, 0]" in problem for problem in check_saves([first, {**second, "version": 0}]).problems)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_few_users_browse_and_save_sections_against_a_live_server_and_nothing_is_lost(live_server, tmp_path):
    plan = prepare()

    records, rows = run_locust(host=live_server.url, plan=plan, users=3, seconds=6, folder=tmp_path)

    by_name = {row["Name"]: row for row in rows}
    assert int(by_name["Aggregated"]["Failure Count"]) == 0
    assert int(by_name["log in"]["Request Count"]) == 3
    assert records, "the users saved no section"
    check = check_saves(records)
    assert check.errors == 0
    assert check.problems == []
    assert check.saved + check.conflicts == len(records)
