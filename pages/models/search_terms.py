"""Words the site search understands, kept by editors: synonyms and crisis terms."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel

from pages.search_matching import tokens


def _lines(text: str) -> list[str]:
    """One term per line (commas also separate), without blanks or repeats."""
    terms: list[str] = []
    for line in text.replace(",", "\n").splitlines():
        term = " ".join(line.split())
        if term and term.casefold() not in {seen.casefold() for seen in terms}:
            terms.append(term)
    return terms


class SearchSynonym(models.Model):
    """Words and phrases that mean the same thing to the people searching: a search for any one
    of them also finds pages that use the others."""

    name = models.CharField(
        max_length=80,
        unique=True,
        help_text="A name for this group, for editors only, for example 'Postnatal depression'.",
    )
    terms = models.TextField(
        help_text="Words or phrases that mean the same thing, one per line, for example "
        "'PND', 'postnatal depression', 'baby blues'. Capitals and punctuation do not matter.",
    )

    panels = [FieldPanel("name"), FieldPanel("terms")]

    class Meta:
        ordering = ["name"]
        verbose_name = "search synonym group"
        verbose_name_plural = "search synonyms"

    def __str__(self) -> str:
        return self.name

    def term_list(self) -> list[str]:
        return _lines(self.terms)

    def terms_inline(self) -> str:
        return ", ".join(self.term_list())

    def clean(self) -> None:
        if len([term for term in self.term_list() if tokens(term)]) < 2:
            raise ValidationError({"terms": "List at least two words or phrases, one per line."})
        self.terms = "\n".join(self.term_list())


class CrisisSearchTerm(models.Model):
    """A word or phrase that means someone may need help now: a search containing it shows the
    urgent-help card above the results."""

    phrase = models.CharField(
        max_length=80,
        unique=True,
        help_text="For example 'suicide', 'self harm' or 'can't cope'. Searches match it "
        "whatever the capitals, punctuation or plural, and with small spelling mistakes in "
        "longer words. Add common ways of saying the same thing as separate terms.",
    )

    panels = [FieldPanel("phrase")]

    class Meta:
        ordering = ["phrase"]
        verbose_name = "crisis search term"
        verbose_name_plural = "crisis search terms"

    def __str__(self) -> str:
        return self.phrase

    def clean(self) -> None:
        self.phrase = " ".join(self.phrase.split())
        if not tokens(self.phrase):
            raise ValidationError({"phrase": "Enter a word or phrase with letters or numbers."})
