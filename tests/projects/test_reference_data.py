"""The programme's history loads from projects/data/programme.json, keeping each item's source, idempotently."""

from datetime import date

from django.core.management import call_command

from events.models import Event
from projects.models import Partner, Project, Result


def test_it_loads_the_programme_projects_events_and_results_once(db):
    call_command("load_reference_data", verbosity=0)
    assert (Project.objects.count(), Event.objects.count(), Result.objects.count()) == (9, 10, 4)
    call_command("load_reference_data", verbosity=0)
    assert (Project.objects.count(), Event.objects.count(), Result.objects.count()) == (9, 10, 4)

    tc = Project.objects.get(title="Establishing Therapeutic Communities in Prisons")
    assert tc.parent.title == "Criminal Justice Responses to Drug Dependent Prisoners"
    assert list(tc.countries.values_list("code", flat=True)) == ["MD"]
    assert tc.period_label == "2015 – 2017" and tc.status == Project.Status.COMPLETED
    assert tc.source == (
        "“Drugs in Prisons Programme”, Pompidou Group, Council of Europe, web page with news of May to July 2015; "
        "opening date from a Pompidou Group announcement"
    )
    assert set(tc.partners.values_list("name", "kind")) == {
        (
            "Department of Penitentiary Institutions, Ministry of Justice of the Republic of Moldova",
            Partner.Kind.PRISON_ADMINISTRATION,
        ),
        ("Phoenix Haga (Norwegian NGO)", Partner.Kind.NGO),
    }
    pcf = Project.objects.get(title="Criminal Justice Responses to Drug Dependent Prisoners")
    assert "Programmatic Co-operation Framework" in pcf.framework
    oat = Project.objects.get(title="Opioid agonist treatment in prisons and pre-trial detention")
    assert oat.ends_on is None and oat.status == Project.Status.ONGOING and oat.period_label == "2018 –"

    tbilisi = Event.objects.get(title="Rehabilitation of drug-dependent prisoners - why should you care?")
    assert (tbilisi.starts_on, tbilisi.start_precision, tbilisi.period_label) == (
        date(2020, 2, 1),
        "month",
        "February 2020",
    )
    training = Event.objects.get(title__startswith="Training for Integrated Care")
    assert (training.kind, training.city, training.country.code) == ("training", "Chisinau", "MD")
    assert list(training.projects.all()) == [tc]
    budapest = Event.objects.get(title__startswith="Researchers' meeting")
    assert budapest.venue == "European Youth Centre of the Council of Europe"
    assert budapest.kind == Event.Kind.EXPERT_MEETING

    see = Result.objects.get(network__name="South-East Europe network")
    assert see.country is None and see.source.startswith(
        "“Criminal Justice and Health in Prison – A Pompidou Group Programme”"
    )


def test_it_never_undoes_a_correction_made_in_the_portal(db):
    call_command("load_reference_data", verbosity=0)
    Project.objects.filter(title="Treatment and Harm Reduction in Moldovan Prisons").update(summary="Corrected")
    call_command("load_reference_data", verbosity=0)
    assert Project.objects.get(title="Treatment and Harm Reduction in Moldovan Prisons").summary == "Corrected"
