"""The portal's form renderer draws inputs, selects, text areas and labels in Python: the HTML must be Django's."""

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from cjhp.form_renderer import PortalFormRenderer
from events.forms import EventFilterForm, EventForm, ParticipantForm
from projects.forms import ProjectFilterForm

DJANGO = DjangoTemplates()
PORTAL = PortalFormRenderer()


class Everything(forms.Form):
    text = forms.CharField(label="Name & <title>", help_text="Your name", max_length=10, initial='a "quoted" <b>')
    number = forms.IntegerField(min_value=1, max_value=9, initial=3)
    decimal = forms.DecimalField(initial="1.5", required=False)
    email = forms.EmailField(required=False)
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    search = forms.CharField(widget=forms.TextInput(attrs={"type": "search", "autofocus": True, "hidden": False}))
    hidden = forms.CharField(widget=forms.HiddenInput, initial="x")
    secret = forms.CharField(widget=forms.PasswordInput, required=False)
    agree = forms.BooleanField(label=gettext_lazy("Overdue only"), required=False, initial=True)
    notes = forms.CharField(widget=forms.Textarea, initial="line <1>\nline 2", required=False)
    empty_notes = forms.CharField(widget=forms.Textarea, required=False)
    choice = forms.ChoiceField(choices=[("", "All"), ("a&b", "A & B"), (3, 3), ("lazy", gettext_lazy("Year"))])
    grouped = forms.ChoiceField(choices=[("Fruit", [("apple", "Apple"), ("pear", "Pear")]), ("x", "X")])
    several = forms.MultipleChoiceField(choices=[("1", "One"), ("2", "Two")], initial=["2"], required=False)
    ticks = forms.MultipleChoiceField(choices=[("1", "One")], widget=forms.CheckboxSelectMultiple, required=False)
    radio = forms.ChoiceField(choices=[("1", "One")], widget=forms.RadioSelect, required=False)
    safe = forms.CharField(label=mark_safe("<em>Safe</em>"), initial=mark_safe("&amp;"), required=False)


def drawn(form) -> list[str]:
    """Every field's widget and label, and the whole form, as the form's renderer draws them."""
    html = []
    for field in form:
        html += [str(field), field.label_tag(), str(field.legend_tag())]
    html.append(form.render())
    return html


def both(form_class, **kwargs):
    return drawn(form_class(renderer=DJANGO, **kwargs)), drawn(form_class(renderer=PORTAL, **kwargs))


def test_the_portal_uses_its_renderer():
    assert settings.FORM_RENDERER == "cjhp.form_renderer.PortalFormRenderer"
    assert isinstance(get_default_renderer(), PortalFormRenderer)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_unbound_fields_are_drawn_as_django_draws_them(language):
    with override(language):
        django_html, portal_html = both(Everything)
    assert portal_html == django_html


def test_bound_fields_with_errors_are_drawn_as_django_draws_them():
    data = {"text": "far too long <for> this", "number": "12", "choice": "a&b", "grouped": "pear", "several": ["1"]}
    django_form, portal_form = Everything(data=data, renderer=DJANGO), Everything(data=data, renderer=PORTAL)
    assert not django_form.is_valid() and not portal_form.is_valid()
    assert drawn(portal_form) == drawn(django_form)
    # Errors reach the widget: aria-invalid, and the help text described.
    assert 'aria-invalid="true"' in str(portal_form["text"])
    assert 'aria-describedby="id_text_helptext id_text_error"' in str(portal_form["text"])
    assert '<option value="pear" selected>Pear</option>' in str(portal_form["grouped"])


@pytest.mark.django_db
def test_the_portals_forms_are_drawn_as_django_draws_them(staff, md):
    for form_class, kwargs in [
        (EventFilterForm, {"user": staff, "data": {"kind": "training", "year": "20x"}}),
        (EventFilterForm, {"user": staff}),
        (EventForm, {}),
        (ParticipantForm, {"data": {"email": "bad"}}),
        (ProjectFilterForm, {"user": staff}),
    ]:
        django_html, portal_html = both(form_class, **kwargs)
        assert portal_html == django_html, form_class
