"""Staff see every checklist template version, and one version's full content in order."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from checklists.models import Template
from checklists.reference import load_see_checklist
from tests.checklists.factories import add_questions, make_round, make_template

SEE_NAME = "Raising standards on drug treatment in the criminal justice system (South-East Europe)"


def text_of(html: str) -> str:
    """The page's visible text, whitespace collapsed."""
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_list_groups_versions_by_name_with_rounds_status_and_previous(login, staff):
    draft = make_template(version="2021 working draft")
    official = make_template(version="2023 official")
    official.previous = draft
    official.save()
    make_round(draft, name="SEE baseline 2022")
    make_template(name="Another checklist", version="v1")

    response = login(staff).get(reverse("checklists:template_list"))

    page = text_of(response.content.decode())
    assert response.status_code == 200
    assert page.index("Another checklist") < page.index("Test checklist")
    assert "2021 working draft Frozen SEE baseline 2022" in page
    assert "2023 official Editable none yet" in page
    assert "Test checklist (2021 working draft)" in page  # the previous version of 2023 official


def test_see_section_1_1_reads_as_the_programme_published_it(login, staff):
    load_see_checklist()
    template = Template.objects.get(name=SEE_NAME, version="2021 working draft")

    response = login(staff).get(reverse("checklists:template_detail", kwargs={"pk": template.pk}))

    html = response.content.decode()
    page = text_of(html)
    assert "Recommendation 1. Review and update continued training" in page
    assert "1.1 Assessment" in page
    section = page[page.index("1.1 Assessment") : page.index("Recommendation 2.")]
    expected = [
        "1.1-q1 Is the content of existing training curricula in line with international guidance documents "
        "presenting evidence-based knowledge related to treatment of people with drug use disorders (PWDUD)?",
        "See literature review in the background document P-PG/SEE-Prison (2021) 2_REV.",
        "1.1-q2 Is the adequacy of training coverage, qualification of current trainers and need for further "
        "education/training of trainers (ToT) assessed?",
        "1.1-q3 Do training activities on drug use disorders (DUD) target: heading",
        "1.1-q3a penitentiary healthcare staff (primary care professionals, psychiatrists, psychologists, "
        "drug therapists);",
        "1.1-q3b other prison staff, i.e. social workers, police/security officers;",
        "1.1-q3c prosecutors, judges and probation officers",
        "1.1-q4 Is effectiveness (i.e. trainees demonstrating increase of knowledge/benefit for their daily work) "
        "and sustainability (i.e. being affordable in terms of time and financial investment and meeting the "
        "needs of trainees and those in treatment) of trainings evaluated?",
        "1.1-q5 Do courts have an expert on DUD available supporting them in decisions on offenders with DUD?",
    ]
    positions = [section.index(line) for line in expected]
    assert positions == sorted(positions)
    # The three sub-questions sit in the heading's own indented list.
    sublist = re.search(r'aria-label="Sub-questions of 1.1-q3">(.*?)</ol>', html, re.S).group(1)
    assert re.findall(r'<code class="item-key">([^<]+)</code>', sublist) == ["1.1-q3a", "1.1-q3b", "1.1-q3c"]
    # Section 1.1 is the published one; 2.1 to 6.1 carry the drafted note.
    assert "Drafted from the recommendation's wording." not in section
    assert page.count("Drafted from the recommendation's wording.") == 5
    assert escape(template.source) in html and "Section 1.1 is the programme" in page


def test_template_page_shows_the_six_recommendations_with_full_text(login, staff):
    load_see_checklist()
    template = Template.objects.get(name=SEE_NAME)
    page = text_of(login(staff).get(reverse("checklists:template_detail", kwargs={"pk": template.pk})).content.decode())
    for recommendation in template.recommendations.all():
        assert f"Recommendation {recommendation.number}. {recommendation.title}" in page
        assert text_of(recommendation.text) in page


def test_an_editable_template_offers_editing_and_a_frozen_one_does_not(login, staff):
    template = make_template()
    client = login(staff)
    url = reverse("checklists:template_detail", kwargs={"pk": template.pk})
    editable = client.get(url).content.decode()
    assert "Editable: no assessment round uses this version yet." in editable
    assert reverse("checklists:template_recommendation_add", kwargs={"pk": template.pk}) in editable

    make_round(template, name="Baseline 2026")
    frozen = text_of(client.get(url).content.decode())
    assert "This version is used by an assessment round, so it can no longer change." in frozen
    assert "Rounds: Baseline 2026" in frozen
    assert "Create a new version" in frozen
    assert "Add a recommendation" not in frozen and "Move up" not in frozen


def test_focal_points_cannot_see_templates(login, fp_md):
    template = make_template()
    client = login(fp_md)
    assert client.get(reverse("checklists:template_list")).status_code == 403
    assert client.get(reverse("checklists:template_detail", kwargs={"pk": template.pk})).status_code == 403


def test_templates_link_is_in_the_navigation_for_staff_only(login, staff, fp_md):
    assert 'href="/checklists/templates/"' in login(staff).get(reverse("home")).content.decode()
    assert 'href="/checklists/templates/"' not in login(fp_md).get(reverse("home")).content.decode()


@pytest.mark.parametrize("questions", [2, 40])
def test_template_page_queries_stay_constant_as_items_grow(login, staff, django_assert_max_num_queries, questions):
    template = make_template(questions=questions, recommendations=3)
    make_round(template)
    for section in [rec.sections.get() for rec in template.recommendations.all()]:
        add_questions(section, questions, start=200)
    client = login(staff)
    url = reverse("checklists:template_detail", kwargs={"pk": template.pk})
    # session, user, groups (navigation), template, recommendations, sections, items, rounds, newer versions,
    # the translations' counts for every language, the translations with who changed them.
    with django_assert_max_num_queries(11):
        response = client.get(url)
    # Every section's questions, and section 1.1's heading with its two sub-questions.
    assert response.content.decode().count('class="item-key"') == 3 * 2 * questions + 3


@pytest.mark.parametrize("versions", [1, 12])
def test_template_list_queries_stay_constant_as_versions_grow(login, staff, django_assert_max_num_queries, versions):
    for number in range(versions):
        make_round(make_template(version=f"v{number}"), name=f"Round {number}")
    client = login(staff)
    # session, user, groups (navigation), templates with their item counts and previous versions, rounds.
    with django_assert_max_num_queries(5):
        response = client.get(reverse("checklists:template_list"))
    assert response.content.decode().count("badge--frozen") == versions
