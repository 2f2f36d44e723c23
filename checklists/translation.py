"""The texts of a checklist template that can be held in several languages (django-modeltranslation).

Each text gets one column per language of settings.CHECKLIST_LANGUAGES (`text_en`, `text_fr`, `text_ro`…), so a
question in the reader's language and in English come from the same row: no join, and as many queries whatever
the number of languages. English is the reference and the fallback. Code that writes the reference text names
the English column (`text_en`); reading `text` gives the active language's text, or the English one.
"""

from modeltranslation.translator import TranslationOptions, register

from checklists.models import Item, Recommendation, Section


@register(Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ["title", "text"]
    required_languages = ["en"]


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ["title"]
    required_languages = ["en"]


@register(Item)
class ItemTranslation(TranslationOptions):
    fields = ["text", "help_text"]
    required_languages = ["en"]
