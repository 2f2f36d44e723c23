"""Demo rounds: a past baseline with submitted and approved assessments, and an open follow-up in drafts; and a
Romanian draft translation of section 1.1, to show a translation in progress.

Creates only what is missing: a round that exists is left as it is.
"""

import hashlib
import json
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from checklists.assessments.progress import is_question
from checklists.assessments.services import assessment_approve, assessment_submit, round_open
from checklists.definition.translations import translation_save
from checklists.models import (
    Answer,
    Assessment,
    AssessmentRound,
    Item,
    SectionResponse,
    Template,
    TemplateTranslation,
    Transition,
)
from checklists.reference import DATA_FILE
from checklists.rounds.forms import SEE_EXTRA_CODES, SEE_NETWORK
from countries.models import Country

# In the 2022 baseline every country handed its checklist in; these three still wait for review.
SUBMITTED = ["RS", "ME", "UA"]

# Section 1.1 in Romanian: its recommendation, its title, its questions and sub-questions.
ROMANIAN_1_1 = {
    "recommendation.1.title": "Revizuirea și actualizarea formării continue",
    "recommendation.1.text": (
        "Revizuirea și actualizarea formării continue și a ghidurilor pentru întregul personal din sistemul de "
        "justiție penală implicat în deciziile privind tratamentul și îngrijirea persoanelor cu tulburări legate "
        "de consumul de droguri, precum și în punerea lor în aplicare."
    ),
    "section.1.1.title": "Evaluare",
    "item.1.1-q1.text": (
        "Este conținutul programelor de formare existente în conformitate cu documentele de orientare "
        "internaționale care prezintă cunoștințele bazate pe dovezi privind tratamentul persoanelor cu tulburări "
        "legate de consumul de droguri?"
    ),
    "item.1.1-q1.help_text": "A se vedea analiza literaturii din documentul de referință P-PG/SEE-Prison (2021) 2_REV.",
    "item.1.1-q2.text": (
        "Sunt evaluate caracterul adecvat al acoperirii prin formare, calificarea formatorilor actuali și nevoia de "
        "formare suplimentară sau de formare a formatorilor?"
    ),
    "item.1.1-q3.text": "Activitățile de formare privind tulburările legate de consumul de droguri se adresează:",
    "item.1.1-q3a.text": (
        "personalului medical din penitenciare (profesioniști din asistența medicală primară, psihiatri, "
        "psihologi, terapeuți specializați în adicții);"
    ),
    "item.1.1-q3b.text": (
        "altor categorii de personal din penitenciare, și anume asistenți sociali, agenți de poliție și de pază;"
    ),
    "item.1.1-q3c.text": "procurorilor, judecătorilor și consilierilor de probațiune",
    "item.1.1-q4.text": (
        "Sunt evaluate eficacitatea formărilor (cursanții își dovedesc cunoștințele sporite sau beneficiul pentru "
        "activitatea lor zilnică) și sustenabilitatea acestora (sunt accesibile din punctul de vedere al timpului "
        "și al costurilor și răspund nevoilor cursanților și ale persoanelor aflate în tratament)?"
    ),
    "item.1.1-q5.text": (
        "Au instanțele la dispoziție un expert în tulburările legate de consumul de droguri, care să le sprijine "
        "în deciziile privind infractorii cu astfel de tulburări?"
    ),
}


def _see_countries():
    codes = set(SEE_EXTRA_CODES)
    return list(Country.objects.filter(networks__name=SEE_NETWORK) | Country.objects.filter(code__in=codes))


def _value(country: Country, item: Item) -> str:
    # Stable across runs: the same country answers the same question the same way.
    digest = hashlib.sha256(f"{country.code}:{item.key}".encode()).digest()[0]
    return Answer.Value.YES if digest % 3 else Answer.Value.NO


def _answer_all(assessment: Assessment, by, when: datetime, share: float = 1.0) -> None:
    questions = list(Item.objects.filter(is_question(), section__recommendation__template=assessment.round.template_id))
    for item in questions[: round(len(questions) * share)]:
        answer = Answer(assessment=assessment, item=item, value=_value(assessment.country, item), answered_by=by)
        answer.answered_at = when
        answer._history_user = by
        answer.save()
    if share == 1.0:
        for section_id in {item.section_id for item in questions}:
            SectionResponse.objects.get_or_create(
                assessment=assessment,
                section_id=section_id,
                defaults={"version": 1, "updated_by": by, "updated_at": when},
            )


@transaction.atomic
def load_demo_rounds() -> None:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    template = Template.objects.get(name=data["template"], version=data["version"])
    User = get_user_model()
    staff = User.objects.filter(username="staff").first()
    focal_points = {code: User.objects.filter(username=f"fp-{code.lower()}").first() for code in SEE_EXTRA_CODES}
    countries = _see_countries()

    if not TemplateTranslation.objects.filter(template=template, language="ro").exists():
        translation_save(
            template=template,
            language="ro",
            texts=ROMANIAN_1_1,
            provenance=TemplateTranslation.Provenance.DRAFT,
            note="Unofficial draft for demonstration",
            by=staff,
        )

    if not AssessmentRound.objects.filter(slug="see-baseline-2022").exists():
        baseline = round_open(
            name="SEE baseline 2022",
            slug="see-baseline-2022",
            template=template,
            opens_on=date(2022, 3, 1),
            deadline=date(2022, 6, 30),
            countries=countries,
            by=staff,
        )
        submitted_on = timezone.make_aware(datetime.combine(date(2022, 6, 20), time(10)))
        for assessment in baseline.assessments.select_related("country", "round"):
            code = assessment.country.code
            by = focal_points.get(code)
            _answer_all(assessment, by, submitted_on)
            assessment_submit(assessment=assessment, by=by)
            if code not in SUBMITTED:
                assessment_approve(assessment=assessment, by=staff, message="Thank you: approved.")
            # The review happened in 2022: submitted on 20 June, approved five days later.
            approved_on = submitted_on + timedelta(days=5)
            assessment.transitions.filter(action=Transition.Action.SUBMIT).update(at=submitted_on)
            assessment.transitions.filter(action=Transition.Action.APPROVE).update(at=approved_on)
            Assessment.objects.filter(pk=assessment.pk).update(
                submitted_at=submitted_on, approved_at=None if code in SUBMITTED else approved_on
            )

    if not AssessmentRound.objects.filter(slug="see-follow-up-2026").exists():
        today = timezone.localdate()
        follow_up = round_open(
            name="SEE follow-up 2026",
            slug="see-follow-up-2026",
            template=template,
            opens_on=today - timedelta(days=30),
            deadline=today + timedelta(days=60),
            countries=countries,
            by=staff,
        )
        moldova = follow_up.assessments.select_related("country", "round").filter(country__code="MD").first()
        if moldova:
            _answer_all(moldova, focal_points.get("MD"), timezone.now(), share=0.3)
