"""Every surface form of the applicant's own values, and finding them in text.

One builder per profile field expands its values into ``ValueForm`` objects
(Chinese name, aliases, traditional characters, pinyin spellings, employer
official/alias/derived/English names, ID 18/15, phones, e-mails);
``redactor.fields.applicant_forms(profile)`` runs them in the table's order.
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

Builders are told their field's name; ``redactor.fields`` wires one to each field (the one
exception: a pinyin e-mail local part is recorded as the ``name`` field's form).
"""

from __future__ import annotations

from redactor.variants.emails import email_forms
from redactor.variants.employers import employer_forms
from redactor.variants.gazetteers import COMPOUND_SURNAMES
from redactor.variants.matching import find_forms
from redactor.variants.names import alias_forms, name_forms
from redactor.variants.numbers import id_number_forms, phone_forms
from redactor.variants.organisations import distinctive_core, starts_with_region
from redactor.variants.types import FormBuilder, FormMatch, ValueForm

__all__ = [
    "ValueForm",
    "FormMatch",
    "FormBuilder",
    "find_forms",
    "distinctive_core",
    "starts_with_region",
    "COMPOUND_SURNAMES",
    "name_forms",
    "alias_forms",
    "id_number_forms",
    "phone_forms",
    "employer_forms",
    "email_forms",
]
