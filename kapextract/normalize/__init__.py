"""Normalization of entity text into DESIGN.md's field values, one module per field.

* :mod:`.numbers` – digits and English number words ("One hundred and forty-four");
* :mod:`.units` – dose units in their odd spellings ("mg kg-1", "µg/kg", "γ/kg/min");
* :mod:`.dose` – amount, range and unit (+ infusion duration);
* :mod:`.route` – route values from words, abbreviations and dosage forms;
* :mod:`.frequency` – sessions, interval and period;
* :mod:`.therapy` – therapy vocabulary labels;
* :mod:`.sample_size` – participant counts with scope and arm.

Every function works on text alone, so spans from the rule components and from a
trained NER are normalized the same way.
"""
