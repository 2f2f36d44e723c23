"""English and French: every interface string is translated, and French users get French pages."""

from pathlib import Path

import polib
from django.conf import settings
from django.urls import reverse

CATALOGUE = Path(settings.BASE_DIR) / "cjhp" / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def test_the_french_catalogue_translates_every_string():
    catalogue = polib.pofile(str(CATALOGUE))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []


def test_the_login_page_speaks_french_when_asked(client, db):
    response = client.get(reverse("account_login"), headers={"accept-language": "fr"})
    content = response.content.decode()
    assert '<html lang="fr">' in content
    assert "Se connecter" in content
    assert "Mot de passe oublié ?" in content


def test_the_language_switch_changes_the_interface_and_remembers_the_choice(login, fp_md):
    client = login(fp_md)
    response = client.post(reverse("set_language"), {"language": "fr", "next": reverse("countries:list")})
    assert response.status_code == 302
    content = client.get(reverse("countries:list")).content.decode()
    assert "Accueil" in content and "République de Moldova" in content  # the country named in French
    assert "Pays" in content
    fp_md.refresh_from_db()
    assert fp_md.language == "fr"


def test_the_404_page_is_in_the_portal_layout_and_in_french(login, fp_md):
    response = login(fp_md).get("/no-such-page/", headers={"accept-language": "fr"})
    assert response.status_code == 404
    content = response.content.decode()
    assert "Page introuvable" in content
    assert "Aller au contenu principal" in content
