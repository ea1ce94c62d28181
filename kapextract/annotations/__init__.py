"""The annotated corpus: JSONL I/O, validation, statistics and converters.

Modules: ``schema`` (labels and legal relations, from a data file), ``io``
(JSONL files and folders), ``examples`` (canonical passages), ``validate``,
``stats``, ``converters`` (registry) with one module per format: ``brat``,
``labelstudio``, ``prodigy``, ``docbin``, ``bio_dataset``; ``tokens`` (the
tokenizer the spaCy and BIO converters share); ``commands`` (the CLI).
"""
