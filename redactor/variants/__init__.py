"""Every surface form of the applicant's own values, and finding them in text.

``applicant_forms(profile)`` expands the profile into ``ValueForm`` objects
(Chinese name, aliases, traditional characters, pinyin spellings, employer
official/alias/derived/English names, ID 18/15, phones, e-mails).
``find_forms(text, forms)`` finds those forms in one page's text and returns
spans in the ORIGINAL text.  See docs/policy_forms.md for every kind and the
decisions taken (what is deliberately NOT produced).

Nothing here writes a personal value anywhere: ``FormMatch.fuzzy`` carries a
reason category only.

Modules, one concept each:

- ``types``: ``ValueForm`` and ``FormMatch``;
- ``gazetteers``: the fixed word lists (surnames, regions, legal suffixes, look-alikes);
- ``text``: folding and script helpers;
- ``pinyin``, ``names``, ``organisations``, ``employers``, ``numbers``, ``emails``: the forms per field;
- ``matching``: ``find_forms``.
"""

from __future__ import annotations

from redactor.model import ApplicantProfile
from redactor.variants.emails import email_forms
from redactor.variants.employers import employer_forms
from redactor.variants.gazetteers import COMPOUND_SURNAMES
from redactor.variants.matching import find_forms
from redactor.variants.names import name_forms
from redactor.variants.numbers import id_number_forms, phone_forms
from redactor.variants.organisations import distinctive_core, starts_with_region
from redactor.variants.types import FormMatch, ValueForm

__all__ = [
    "ValueForm",
    "FormMatch",
    "applicant_forms",
    "find_forms",
    "distinctive_core",
    "starts_with_region",
    "COMPOUND_SURNAMES",
]


def applicant_forms(profile: ApplicantProfile) -> tuple[ValueForm, ...]:
    """Every form in which the applicant's own values may appear."""
    names = name_forms(profile)
    forms: list[ValueForm] = list(names)
    forms += employer_forms(profile)
    forms += id_number_forms(profile)
    forms += phone_forms(profile)
    forms += email_forms(profile, names)
    return tuple(dict.fromkeys(forms))
