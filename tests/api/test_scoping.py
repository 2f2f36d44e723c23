"""A token sees what its owner sees on the pages: a focal point their own country's objects, 404 for another
country's (as on the pages: we do not confirm it exists); participants' names and emails for staff only."""

import pytest


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/countries/GE/",
        "/api/v1/projects/project-ge/",
        "/api/v1/events/training-ge/",
        "/api/v1/events/training-ge/participants/",
    ],
)
def test_a_focal_point_gets_404_for_another_countrys_object(api, programme, fp_md, url):
    response = api(fp_md).get(url)
    assert response.status_code == 404
    assert set(response.json()) == {"detail"}
    assert "GE" not in response.content.decode() and "Georgia" not in response.content.decode()


def test_a_focal_point_gets_404_for_another_countrys_assessment_and_action_item(api, programme, fp_md):
    georgia = programme.assessments["GE"]
    client = api(fp_md)

    assert client.get(f"/api/v1/assessments/{georgia.pk}/").status_code == 404
    assert client.get(f"/api/v1/action-items/{georgia.action_items.get().pk}/").status_code == 404
    assert client.get(f"/api/v1/assessments/{programme.assessments['MD'].pk}/").status_code == 200


def test_lists_hold_only_what_the_focal_point_sees(api, programme, fp_md):
    client = api(fp_md)

    def codes(url, key):
        return [row[key] for row in client.get(url).json()["results"]]

    assert codes("/api/v1/countries/", "code") == ["MD"]
    assert codes("/api/v1/projects/", "slug") == ["project-md"]
    assert codes("/api/v1/events/", "slug") == ["training-md"]
    assert codes("/api/v1/assessments/", "country") == ["MD"]
    assert codes("/api/v1/action-items/", "country") == ["MD"]
    assert client.get("/api/v1/rounds/baseline/").json()["countries"] == ["MD"]


def test_staff_see_every_country(api, programme, staff):
    client = api(staff)
    assert [row["code"] for row in client.get("/api/v1/countries/").json()["results"]] == ["GE", "MD"]
    assert client.get("/api/v1/assessments/").json()["count"] == 2


def test_staff_see_participants_names_and_emails_focal_points_do_not(api, programme, staff, fp_md):
    response = api(staff).get("/api/v1/events/training-md/participants/")
    assert response.status_code == 200
    people = {(row["name"], row["email"], row["gender"]) for row in response.json()}
    assert ("Ana of MD", response.json()[0]["email"], "female") in people
    assert all(row["email"].endswith("@example.org") for row in response.json())

    response = api(fp_md).get("/api/v1/events/training-md/participants/")
    assert response.status_code == 403
    assert "Ana of MD" not in response.content.decode()
    # The event itself, with its counts but no names, is the focal point's to read.
    event = api(fp_md).get("/api/v1/events/training-md/").json()
    assert "Ana of MD" not in str(event)
    assert event["attendance"] == {
        "total": 2,
        "by_group_and_gender": [
            {"professional_group": "prison-healthcare", "gender": "female", "attendees": 1},
            {"professional_group": "prison-healthcare", "gender": "male", "attendees": 1},
        ],
    }


def test_an_assessment_holds_its_status_progress_and_answers(api, programme, fp_md):
    moldova = programme.assessments["MD"]
    data = api(fp_md).get(f"/api/v1/assessments/{moldova.pk}/").json()

    assert data["round"] == "baseline" and data["country"] == "MD" and data["status"] == "draft"
    # Recommendation 1: 4 questions (two, and a heading's two sub-questions), recommendation 2: 2.
    assert data["progress"] == {"questions": 6, "answered": 2, "yes": 1}
    assert data["progress_by_recommendation"] == [
        {"recommendation": 1, "questions": 4, "answered": 2, "yes": 1},
        {"recommendation": 2, "questions": 2, "answered": 0, "yes": 0},
    ]
    assert {(answer["key"], answer["value"]) for answer in data["answers"]} == {("1.1-q1", "yes"), ("1.1-q2", "no")}


def test_a_template_holds_its_recommendations_sections_and_items_with_their_translations(api, programme, fp_md):
    item = programme.template.recommendations.get(number=1).sections.get().items.get(key="1.1-q1")
    item.text_fr = "Question en français ?"
    item.save()

    data = api(fp_md).get(f"/api/v1/templates/{programme.template.pk}/").json()

    [recommendation] = [r for r in data["recommendations"] if r["number"] == 1]
    items = {i["key"]: i for i in recommendation["sections"][0]["items"]}
    assert items["1.1-q1"]["text"] == {"en": item.text_en, "fr": "Question en français ?"}
    assert items["1.1-qha"]["heading"] == "1.1-qh" and items["1.1-qh"]["is_heading"] is True
    assert recommendation["title"] == {"en": "Recommendation 1"}
