"""Whose is it: one decision on the owner of a seal, a signature, a portrait or a value, for policy and the final
check alike.

The decision reads the page's structure (``structure``: its labels by the role lexicon ``configs/roles.yaml``, the
blocks a heading gives to a role, the subject a form or certificate is about, the body a certificate speaks for) and
what is known of whose the text beside a mark is (policy: its decisions; the final check: the audit's records and
the output's own print).  Policy decides with it; the final check re-reads the output with its own eyes and asks
the same decision again with what it read -- it never judges whose a place, label or organisation is itself.

- ``lexicon``: the role phrases and their grammar, with sources;
- ``labels``: reading a label (``read_role``) and finding labels on a line (``find_labels``);
- ``structure``: the page's structure (``read_page``);
- ``seals``, ``photos``, ``signatures``: whose a stamp, a picture, pen strokes are.
"""

from redactor.ownership.lexicon import Kind, Owner

__all__ = ["Kind", "Owner"]
