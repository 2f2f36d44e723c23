"""`load_reference_data` loads the 41 member states, the partner countries and the SEE network, idempotently."""

from django.contrib.auth.models import Group
from django.core.management import call_command

from countries.models import Country, Network

SEE_NETWORK = {"BA", "HR", "CY", "GR", "HU", "ME", "MK", "RO", "RS", "SI", "TR"}


def snapshot():
    countries = list(Country.objects.order_by("code").values())
    networks = {
        network.name: sorted(network.countries.values_list("code", flat=True)) for network in Network.objects.all()
    }
    return countries, networks


def test_it_loads_41_member_states_and_the_partner_countries(db):
    call_command("load_reference_data", verbosity=0)
    assert Country.objects.members().count() == 41
    partners = set(Country.objects.filter(is_member=False, left_in__isnull=True).values_list("code", flat=True))
    assert partners == {"MD", "ME", "MK", "RS"}
    russia = Country.objects.get(code="RU")
    assert (russia.is_member, russia.left_in, russia.get_membership_display()) == (
        False,
        2022,
        "Former member",
    )
    assert Country.objects.get(code="GE").member_since == 2020


def test_the_south_east_europe_network_has_its_11_countries(db):
    call_command("load_reference_data", verbosity=0)
    network = Network.objects.get(name="South-East Europe network")
    assert network.since == 2020
    assert set(network.countries.values_list("code", flat=True)) == SEE_NETWORK


def test_running_it_twice_leaves_the_same_rows(db):
    call_command("load_reference_data", verbosity=0)
    first = snapshot()
    call_command("load_reference_data", verbosity=0)
    assert snapshot() == first


def test_it_never_undoes_a_correction_made_by_staff(db):
    call_command("load_reference_data", verbosity=0)
    Country.objects.filter(code="MD").update(is_member=True, member_since=2024)
    call_command("load_reference_data", verbosity=0)
    moldova = Country.objects.get(code="MD")
    assert (moldova.is_member, moldova.member_since) == (True, 2024)


def test_it_creates_both_roles_and_gives_staff_their_permissions(db):
    call_command("load_reference_data", verbosity=0)
    staff = Group.objects.get(name="Programme staff")
    assert staff.permissions.filter(codename="change_country").exists()
    assert Group.objects.filter(name="Focal points").exists()
    assert not staff.permissions.filter(codename="change_user").exists()
