"""Events: the decisions that turn an annotated article into the events it reports.

`extract.extract_events` runs them in order: the sentence's trigger and type (`types`), its
arguments (`args`, `place`, `when`, `counts`), its modality (`modality`), and how reports of one
happening within an article are joined (`merge_rules`).
"""

from newsevents.nlp.events.extract import extract_events

__all__ = ["extract_events"]
