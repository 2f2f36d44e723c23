"""The load test's machinery (bench/load.py, bench/locustfile.py, bench/load_capacity.py, bench/load_instances.py):
its arithmetic (percentiles, the p95 verdicts, the capacity search's stopping rule, the users spread over the
instances), its check that every answer saved with success is in the database, and a few seconds of each step
against a live server. No timing is asserted."""

import math

import pytest
from django.conf import settings
from django.db import connection

from bench.htmlforms import SECTION_ACTION, forms_matching, parse_forms
from bench.load import CAPACITY_LOCUSTFILE, check_saves, open_sessions, prepare, run_locust
from bench.load_instances import prove
from bench.load_stats import (
    ALL,
    Step,
    Summary,
    capacity_point,
    client_address,
    host_for,
    next_users,
    people_summaries,
    percentile,
    ratios,
    summarise,
)
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


def summary(name, p95, count=100):
    return Summary(name=name, count=count, failures=0, p50=p95 / 2, p95=p95, max=p95, per_second=1.0)


def test_the_p95_is_the_smallest_time_that_95_in_100_requests_do_not_exceed():
    times = list(range(1, 101))  # 1..100 ms

    assert percentile(times, 0.95) == 95
    assert percentile(times[::-1], 0.50) == 50
    assert percentile([7], 0.95) == 7
    assert math.isnan(percentile([], 0.95))


def test_a_summary_counts_the_requests_finished_in_its_window_per_name_and_all_together():
    timings = [[10.0, "home", 100, True], [11.0, "home", 300, False], [12.0, "page", 50, True], [30.0, "home", 1, True]]

    summaries = summarise(timings, start=10.0, end=20.0)

    assert summaries["home"].count == 2 and summaries["home"].failures == 1 and summaries["home"].max == 300
    assert summaries[ALL].count == 3
    assert summaries[ALL].per_second == pytest.approx(0.3)
    assert summarise(timings, start=40.0) == {}


def test_the_people_step_judges_signing_in_over_the_arrival_and_the_rest_once_everyone_is_there():
    timings = [
        [1.0, "log in", 500, True, ""],
        [2.0, "home", 900, True, ""],  # while the people arrive: not judged
        [12.0, "home", 100, True, ""],
        [15.0, "log in", 400, True, ""],
        [20.0, "save section", 200, True, ""],
    ]

    summaries = people_summaries(timings, arrival_seconds=10)

    assert summaries["log in"].count == 2
    assert summaries["home"].count == 1 and summaries["home"].p95 == 100
    assert summaries[ALL].count == 2  # the requests after the arrival, signing in apart


def test_a_request_meets_its_target_within_three_times_its_p95_alone():
    alone = {"home": summary("home", 40), "save section": summary("save section", 60), ALL: summary(ALL, 50)}
    loaded = {
        "home": summary("home", 120),
        "save section": summary("save section", 181),
        "save section again after a conflict": summary("save section again after a conflict", 150),
        "round list": summary("round list", 500),
        ALL: summary(ALL, 140),
    }

    verdicts = {ratio.name: (ratio.times, ratio.met) for ratio in ratios(loaded, alone)}

    assert verdicts["home"] == (3.0, True)
    assert verdicts["save section"][1] is False
    # Saving again after a conflict never happens alone: it is compared with a first save.
    assert verdicts["save section again after a conflict"] == (2.5, True)
    # A request the user alone never made has no verdict.
    assert verdicts["round list"] == (None, None)
    assert list(verdicts)[-1] == ALL


def test_the_capacity_search_doubles_the_users_until_the_p95_passes_one_second():
    assert next_users(1, 120.0) == 2
    assert next_users(32, 1000.0) == 64
    assert next_users(64, 1001.0) is None
    assert next_users(16, math.nan) is None  # the step finished no request
    assert next_users(512, 200.0, max_users=1024) == 1024
    assert next_users(1024, 200.0, max_users=1024) is None


def test_the_capacity_is_read_at_the_last_step_within_one_second():
    steps = [Step(users, summary(ALL, p95)) for users, p95 in [(1, 30), (2, 60), (4, 900), (8, 1800)]]

    assert capacity_point(steps).users == 4
    assert capacity_point(steps[3:]) is None


def test_the_users_take_the_instances_in_turn_so_a_country_s_two_focal_points_work_on_different_ones():
    hosts = ["http://127.0.0.1:8001", "http://127.0.0.1:8002"]

    assert [host_for(number, hosts) for number in range(4)] == hosts * 2
    assert host_for(5, hosts[:1]) == hosts[0]


def test_each_user_connects_from_a_loopback_address_of_its_own():
    addresses = [client_address(number) for number in range(1000)]

    assert len(set(addresses)) == 1000
    assert all(address.startswith("127.1.") and not address.endswith(".0") for address in addresses)
    assert client_address(0) == "127.1.0.1"


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_few_users_browse_and_save_sections_against_a_live_server_and_nothing_is_lost(live_server, tmp_path):
    plan = prepare()

    run = run_locust(host=live_server.url, plan=plan, users=3, seconds=6, folder=tmp_path, pause="0.5,1")

    by_name = summarise(run.timings)
    assert run.failures() == []
    assert by_name["log in"].count == 3
    assert run.records, "the users saved no section"
    check = check_saves(run.records)
    assert check.errors == 0
    assert check.problems == []
    assert check.saved + check.conflicts == len(run.records)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_capacity_search_steps_up_signed_in_users_without_a_sign_in(live_server, tmp_path):
    plan = prepare()
    plan |= {"sessions": open_sessions([a["username"] for a in plan["focal_points"]]), "session_cookie": "sessionid"}

    run = run_locust(
        host=live_server.url,
        plan=plan,
        folder=tmp_path,
        locustfile=CAPACITY_LOCUSTFILE,
        classes=("FocalPointUser",),
        pause="0,0",
        extra_env={"LOAD_STEP_SECONDS": "2", "LOAD_MAX_USERS": "2"},
        timeout=60,
    )

    assert [step["users"] for step in run.steps] == [1, 2]
    names = summarise(run.timings)
    assert "log in" not in names and names["assessment page"].count > 0
    assert run.failures() == []
    assert check_saves(run.records).problems == []


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_proofs_across_instances_pass_on_one_server_and_their_saves_are_checked(live_server):
    plan = prepare()
    hosts = [live_server.url, live_server.url]

    proofs, records = prove(hosts, plan, failure_limit=settings.AXES_FAILURE_LIMIT)

    assert [(proof.name, proof.met) for proof in proofs] == [
        ("a conflict across instances", True),
        ("an evidence file through both", True),
        ("failed sign-ins counted over both", True),
        ("a second-factor code used once over both", True),
    ]
    assert [record["outcome"] for record in records] == ["saved", "conflict", "saved", "saved"]
    assert check_saves(records).problems == []
