"""Demo participants for three of the programme's events, with names in Romanian, Ukrainian and Georgian."""

from countries.models import Country
from events.models import Attendance, Event, Gender, Participant, ProfessionalGroup, TargetGroup

TC_TRAINING = "Training for Integrated Care for Drug-using Inmates in Therapeutic Communities"
LVIV_TRAINING = "Training of staff of Lviv Penitentiary Institution No. 19 on opioid agonist treatment"
TBILISI_ROUND_TABLE = "Alternatives to Imprisonment for Drug Dependent Offenders: project launch and round table"

H, S, J, P, C, OTHER = (
    ProfessionalGroup.PRISON_HEALTHCARE,
    ProfessionalGroup.PRISON_STAFF,
    ProfessionalGroup.JUSTICE,
    ProfessionalGroup.POLICY_MAKERS,
    ProfessionalGroup.CIVIL_SOCIETY,
    ProfessionalGroup.OTHER,
)
F, M = Gender.FEMALE, Gender.MALE

# event title → (name, email, organisation, country, professional group, gender, role, attended)
PEOPLE = {
    TC_TRAINING: [
        ("Ștefan Țurcanu", "stefan.turcanu@example.md", "Pruncul Prison No. 16", "MD", S, M, "participant", True),
        ("Mihaela Țîrdea", "mihaela.tirdea@example.md", "Rusca Prison No. 7", "MD", H, F, "participant", True),
        ("Ion Bălan", "ion.balan@example.md", "Pruncul Prison No. 16", "MD", H, M, "participant", True),
        ("Doina Lupașcu", "doina.lupascu@example.md", "Rusca Prison No. 7", "MD", S, F, "participant", True),
        (
            "Tudor Roșca",
            "tudor.rosca@example.md",
            "Department of Penitentiary Institutions",
            "MD",
            P,
            M,
            "participant",
            True,
        ),
        ("Natalia Cojocaru", "natalia.cojocaru@example.md", "Probation Inspectorate", "MD", J, F, "participant", False),
        ("Ecaterina Șișcanu", "", "Initiativa Pozitivă", "MD", C, F, "participant", True),
        ("Kari Nordmann", "kari.nordmann@example.no", "Phoenix Haga", "NO", OTHER, F, "trainer", True),
    ],
    LVIV_TRAINING: [
        ("Олена Шевчук", "olena.shevchuk@example.ua", "Львівська установа № 19", "UA", H, F, "participant", True),
        ("Андрій Мельник", "andrii.melnyk@example.ua", "Львівська установа № 19", "UA", H, M, "participant", True),
        ("Ірина Бондаренко", "iryna.bondarenko@example.ua", "Львівська установа № 19", "UA", S, F, "participant", True),
        ("Тарас Ковальчук", "taras.kovalchuk@example.ua", "Львівська установа № 19", "UA", S, M, "participant", True),
        (
            "Наталія Ткаченко",
            "nataliia.tkachenko@example.ua",
            "Львівська установа № 19",
            "UA",
            H,
            F,
            "participant",
            False,
        ),
        (
            "Юрій Кравчук",
            "yurii.kravchuk@example.ua",
            "Державна кримінально-виконавча служба",
            "UA",
            P,
            M,
            "speaker",
            True,
        ),
        ("Оксана Лисенко", "oksana.lysenko@example.ua", "Центр громадського здоров'я", "UA", H, F, "trainer", True),
    ],
    TBILISI_ROUND_TABLE: [
        (
            "თამარ გელაშვილი",
            "tamar.gelashvili@example.ge",
            "Ministry of Justice of Georgia",
            "GE",
            P,
            F,
            "participant",
            True,
        ),
        (
            "გიორგი მაისურაძე",
            "giorgi.maisuradze@example.ge",
            "Ministry of Corrections of Georgia",
            "GE",
            S,
            M,
            "participant",
            True,
        ),
        ("ნათია ჯაფარიძე", "natia.japaridze@example.ge", "Tbilisi City Court", "GE", J, F, "speaker", True),
        (
            "ლევან კაპანაძე",
            "levan.kapanadze@example.ge",
            "Georgian Harm Reduction Network",
            "GE",
            C,
            M,
            "participant",
            True,
        ),
    ],
}


TARGET_GROUPS = {
    TC_TRAINING: [TargetGroup.PRISON_HEALTHCARE, TargetGroup.PRISON_STAFF],
    LVIV_TRAINING: [TargetGroup.PRISON_HEALTHCARE, TargetGroup.PRISON_STAFF],
    TBILISI_ROUND_TABLE: [TargetGroup.POLICY_MAKERS, TargetGroup.JUSTICE, TargetGroup.CIVIL_SOCIETY],
}


def load_participants() -> dict[str, int]:
    created = {"participants": 0, "attendances": 0}
    countries = {country.code: country for country in Country.objects.filter(code__in=["MD", "UA", "GE", "NO"])}
    for title, people in PEOPLE.items():
        event = Event.objects.filter(title=title).first()
        if event is None:
            continue
        if not event.target_groups:
            event.target_groups = [str(group) for group in TARGET_GROUPS[title]]
            event.save(update_fields=["target_groups"])
        for name, email, organisation, code, group, gender, role, attended in people:
            lookup = {"email": email} if email else {"name": name, "email": ""}
            participant, was_created = Participant.objects.get_or_create(
                **lookup,
                defaults={
                    "name": name,
                    "organisation": organisation,
                    "country": countries.get(code),
                    "professional_group": group,
                    "gender": gender,
                },
            )
            created["participants"] += was_created
            _, was_created = Attendance.objects.get_or_create(
                event=event, participant=participant, defaults={"role": role, "attended": attended}
            )
            created["attendances"] += was_created
    return created
