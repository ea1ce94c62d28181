"""The reviewer workflow: review store, web app, exports and training data.

* :mod:`kapextract.review.store` keeps documents, suggestion sets (extraction
  runs) and reviewer decisions (an append-only audit log) in SQLite;
* :mod:`kapextract.review.app` is the local web app (``kapextract review``);
* :mod:`kapextract.review.export` writes reviewed values (``kapextract export``);
* :mod:`kapextract.review.training_data` turns reviewed values into annotation
  passages (``kapextract annotations from-review``).
"""
