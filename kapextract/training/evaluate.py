"""``kapextract evaluate``: one report on the test split – text, JSON and a PNG chart.

Requires a pipeline (``build_pipeline``: a trained folder, ``"rules"``, or None for the
shipped default), the test annotations (JSONL) and, for the field level, the gold records
and their documents. Measures:

* **NER** – per-label precision, recall and F1 on exact character spans, for the
  pipeline as ``extract`` runs it (trained NER + rule gap-filling) and, for trained
  pipelines, for the trained entity component alone (``kap_entity_rules`` disabled).
  ``extract`` reads a paper in two passes, so that an abbreviation defined anywhere in it
  ("methylphenidate (MPH)" in the abstract) is known to every passage; where the paper of a
  passage is in the documents folder, its passages are run with that paper-wide knowledge
  (:func:`paper_contexts`, the same first pass), and the report also gives the scores of the
  passages read alone (``passage_level_isolated``);
* **relations** – micro and per-label P/R/F1 on ``(head span, child span, label)``:
  *given gold entities* (the gold spans are set as ``doc.ents`` and only the non-entity
  components run) and *end to end* (the pipeline's own entities);
* **fields** – :func:`kapextract.extraction.evaluation.evaluate_folder` (the extraction
  evaluator: top-1, recall, spurious per field) with the model, and with the rules alone
  for comparison, plus extraction speed (papers/min) and the model's size on disk.

Writes ``report.txt``, ``report.json`` and ``report.png`` into the output folder.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from kapextract.errors import KapextractError
from kapextract.model import ENTITY_LABELS, FIELDS, RELATION_LABELS

ENTITY_FACTORIES = {"ner", "kap_entity_rules", "kap_minilm_ner", "spancat", "kap_entity_fill"}
RELATION_FACTORIES = {"kap_relation_extractor", "kap_relation_rules"}


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "tp": tp, "pred": n_pred, "gold": n_gold}


def _score_sets(gold: list[set], pred: list[set], labels: tuple[str, ...], key_label) -> dict[str, Any]:
    counts = {lab: [0, 0, 0] for lab in labels}
    for g, p in zip(gold, pred, strict=True):
        for col, items in ((0, g & p), (1, p), (2, g)):
            for it in items:
                counts.setdefault(key_label(it), [0, 0, 0])[col] += 1
    tot = [sum(c[i] for c in counts.values()) for i in range(3)]
    return {"micro": _prf(*tot), "per_label": {lab: _prf(*c) for lab, c in counts.items()}}


def model_size_bytes(path: Path | None) -> int:
    if path is None or not path.exists():
        return 0
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _doc_rel_keys(doc) -> set:
    by_start = {e.start: (e.start_char, e.end_char) for e in doc.ents}
    out = set()
    for (h, c), labels in (doc._.kap_relations or {}).items():
        if h in by_start and c in by_start:
            out.update((by_start[h], by_start[c], lab) for lab, s in labels.items() if s >= 0.5)
    return out


def gold_relation_keys(ex: dict[str, Any]) -> set:
    sp = ex["spans"]
    return {((sp[r["head"]]["start"], sp[r["head"]]["end"]), (sp[r["child"]]["start"], sp[r["child"]]["end"]), r["label"])
            for r in ex["relations"]}


def _writes_span_group(proc) -> bool:
    """A rule NER that writes a span group (features of a stacked NER), not ``doc.ents``."""
    from kapextract.nlp.entities import KapEntityRules

    return isinstance(proc, KapEntityRules) and bool(proc.spans_key)


def article_of(passage_id: str) -> str:
    """The article a passage belongs to: ``PMC4969982:p010`` -> ``PMC4969982``."""
    return passage_id.split(":", 1)[0]


def paper_contexts(nlp, passages: list[dict[str, Any]], documents: Path | None) -> dict[str, dict[str, Any]]:
    """``{article: kap_context}`` for the passages whose paper is in ``documents`` (a file
    named ``<article>.<ext>``): the abbreviations the paper defines, as ``extract``'s first
    pass finds them (:func:`kapextract.extraction.assemble.first_pass`). A paper that cannot
    be read is skipped (its passages are read alone)."""
    from kapextract.extraction.assemble import first_pass
    from kapextract.extraction.evaluation import document_named
    from kapextract.ingest import load_document

    if documents is None or not Path(documents).is_dir():
        return {}
    out: dict[str, dict[str, Any]] = {}
    for art in sorted({article_of(ex["id"]) for ex in passages if ex.get("id")}):
        path = document_named(Path(documents), art)
        if path is None:
            continue
        try:
            doc = load_document(path)
        except KapextractError:
            continue
        out[art] = {"abbreviations": first_pass(doc, nlp)[2]}
    return out


def _docs_with_context(nlp, passages: list[dict[str, Any]], contexts: dict[str, dict[str, Any]]) -> list:
    docs = []
    for ex in passages:
        doc = nlp.make_doc(ex["text"])
        ctx = contexts.get(article_of(ex.get("id") or ""))
        if ctx is not None:
            doc._.kap_context = ctx
        docs.append(doc)
    return docs


def evaluate_passages(nlp, passages: list[dict[str, Any]], contexts: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """NER and relation scores of ``nlp`` on annotated passages (see the module docstring);
    ``contexts`` (:func:`paper_contexts`) gives passages their paper's abbreviations."""
    contexts = contexts or {}
    factories = {name: nlp.get_pipe_meta(name).factory for name in nlp.pipe_names}
    gold_ents = [{(s["start"], s["end"], s["label"]) for s in ex["spans"]} for ex in passages]
    gold_rels = [gold_relation_keys(ex) for ex in passages]
    t0 = time.perf_counter()
    docs = list(nlp.pipe(_docs_with_context(nlp, passages, contexts)))
    seconds = time.perf_counter() - t0
    pred_ents = [{(e.start_char, e.end_char, e.label_) for e in d.ents} for d in docs]
    articles = {article_of(ex.get("id") or "") for ex in passages}
    out: dict[str, Any] = {"passages": len(passages), "seconds_pipeline": round(seconds, 2),
                           "articles": len(articles), "articles_in_paper_context": len(contexts.keys() & articles)}
    out["ner"] = _score_sets(gold_ents, pred_ents, ENTITY_LABELS, lambda it: it[2])
    out["relations_end_to_end"] = _score_sets(gold_rels, [_doc_rel_keys(d) for d in docs], RELATION_LABELS, lambda it: it[2])
    trained_ent = [n for n, f in factories.items() if f in {"ner", "kap_minilm_ner", "spancat"}]
    if trained_ent and "kap_entity_rules" in factories.values():
        # the rules fill the trained entities' gaps: themselves, or (stacked, when they are the
        # trained NER's features) through kap_entity_fill
        fill = [n for n, f in factories.items() if f == "kap_entity_fill"]
        rules = fill or [n for n, f in factories.items() if f == "kap_entity_rules"]
        with nlp.select_pipes(disable=rules):
            docs_m = list(nlp.pipe(_docs_with_context(nlp, passages, contexts)))
        out["ner_model_only"] = _score_sets(gold_ents, [{(e.start_char, e.end_char, e.label_) for e in d.ents} for d in docs_m],
                                            ENTITY_LABELS, lambda it: it[2])
    # relations on gold entities: every component but the entity ones, gold spans as doc.ents
    rel_docs = []
    for ex, doc in zip(passages, _docs_with_context(nlp, passages, contexts), strict=True):
        ents, last = [], -1
        for s in ex["spans"]:
            sp = doc.char_span(s["start"], s["end"], label=s["label"], alignment_mode="expand")
            if sp is not None and len(sp) and sp.start >= last:
                ents.append(sp)
                last = sp.end
        doc.ents = ents
        doc._.kap_relations = {}
        rel_docs.append(doc)
    for name, proc in nlp.pipeline:
        if factories[name] in ENTITY_FACTORIES and not _writes_span_group(proc):
            continue
        rel_docs = list(proc.pipe(rel_docs)) if hasattr(proc, "pipe") else [proc(d) for d in rel_docs]
    # a gold span widened to token edges keeps its gold identity for the comparison
    pred_rel_gold = []
    for ex, doc in zip(passages, rel_docs, strict=True):
        widened = {}
        for s in ex["spans"]:
            sp = doc.char_span(s["start"], s["end"], alignment_mode="expand")
            if sp is not None:
                widened[(sp.start_char, sp.end_char)] = (s["start"], s["end"])
        keys = set()
        for h, c, lab in _doc_rel_keys(doc):
            keys.add((widened.get(h, h), widened.get(c, c), lab))
        pred_rel_gold.append(keys)
    out["relations_gold_entities"] = _score_sets(gold_rels, pred_rel_gold, RELATION_LABELS, lambda it: it[2])
    out["relation_component"] = next((f for f in factories.values() if f in RELATION_FACTORIES), None)
    return out


def evaluate_fields(documents: Path, gold: Path, model: str | None) -> dict[str, Any]:
    """Field-level report of the extraction evaluator, with seconds and papers/min."""
    from kapextract.extraction.evaluation import evaluate_folder

    t0 = time.perf_counter()
    rep = evaluate_folder(documents, gold, model)
    secs = time.perf_counter() - t0
    n = rep["fields"][FIELDS[0]]["articles"]
    return {"articles": n, "seconds": round(secs, 2), "papers_per_min": round(60 * n / secs, 1) if secs else None,
            "fields": rep["fields"], "errors": rep["errors"],
            "articles_detail": rep["articles"]}


def run(model: str | None, test: str, gold: str | None, corpus: str, output: str, with_baseline: bool = True) -> dict[str, Any]:
    """Evaluate ``model`` on the passages of ``test`` (and on the gold records, unless ``gold`` is None)."""
    from kapextract.annotations.io import read_jsonl
    from kapextract.nlp import build_pipeline, default_model_path, model_info

    if not Path(test).is_file():
        raise KapextractError(f"evaluate: {test}: no such annotation file")
    model_path = None if model in (None, "rules") else Path(model)
    if model is None:
        model_path = default_model_path()
    nlp = build_pipeline(model)
    passages = list(read_jsonl(test))
    report: dict[str, Any] = {"model": model_info(nlp), "model_path": str(model_path) if model_path else "rules",
                              "pipeline": nlp.pipe_names, "test": test, "corpus": corpus,
                              "model_size_bytes": model_size_bytes(model_path)}
    contexts = paper_contexts(nlp, passages, Path(corpus) if corpus else None)
    report["passage_level"] = evaluate_passages(nlp, passages, contexts)
    if contexts:
        alone = evaluate_passages(nlp, passages)
        report["passage_level_isolated"] = {k: alone[k] for k in ("passages", "ner", "relations_end_to_end")}
    if gold is not None and Path(gold).is_dir() and Path(corpus).is_dir():
        report["fields"] = evaluate_fields(Path(corpus), Path(gold), str(model_path) if model_path else "rules")
        if with_baseline and model_path is not None:
            report["fields_rules"] = evaluate_fields(Path(corpus), Path(gold), "rules")
    else:
        report["fields"] = None
    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    slim = json.loads(json.dumps(report))
    (out / "report.json").write_text(json.dumps(slim, indent=2), "utf-8")
    (out / "report.txt").write_text(render_text(report), "utf-8")
    plot(report, out / "report.png")
    return report


def _table(title: str, scores: dict[str, Any], labels: tuple[str, ...]) -> list[str]:
    lines = [title, f"  {'label':<14}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}{'pred':>6}"]
    for lab in labels:
        s = scores["per_label"].get(lab)
        if s is None:
            continue
        lines.append(f"  {lab:<14}{s['p']:>7.3f}{s['r']:>7.3f}{s['f']:>7.3f}{s['gold']:>6}{s['pred']:>6}")
    m = scores["micro"]
    lines.append(f"  {'micro':<14}{m['p']:>7.3f}{m['r']:>7.3f}{m['f']:>7.3f}{m['gold']:>6}{m['pred']:>6}")
    return lines


def render_text(r: dict[str, Any]) -> str:
    pl = r["passage_level"]
    size = r["model_size_bytes"]
    lines = [f"kapextract evaluation – model {r['model']['name']} {r['model']['version']} ({r['model_path']})",
             f"pipeline: {', '.join(r['pipeline'])}",
             f"model size: {size / 1e6:.2f} MB; test split {r['test']}: {pl['passages']} passages "
             f"({pl['seconds_pipeline']} s through the pipeline)", ""]
    if pl.get("articles_in_paper_context"):
        lines.append(f"{pl['articles_in_paper_context']} of {pl['articles']} articles read with their paper's abbreviations "
                     f"(found in {r.get('corpus')}), as extract reads them")
    lines += _table("NER, exact span (pipeline as extract runs it)", pl["ner"], ENTITY_LABELS)
    if "ner_model_only" in pl:
        lines += [""] + _table("NER, exact span (trained entity component alone)", pl["ner_model_only"], ENTITY_LABELS)
    lines += [""] + _table(f"Relations given gold entities ({pl['relation_component']})", pl["relations_gold_entities"], RELATION_LABELS)
    lines += [""] + _table("Relations end to end (predicted entities)", pl["relations_end_to_end"], RELATION_LABELS)
    alone = r.get("passage_level_isolated")
    if alone:
        lines += [""] + _table("NER, exact span, each passage read alone (no paper context)", alone["ner"], ENTITY_LABELS)
        lines += [""] + _table("Relations end to end, each passage read alone", alone["relations_end_to_end"], RELATION_LABELS)
    for key, title in (("fields", "Field-level accuracy (extraction evaluator)"), ("fields_rules", "Field-level accuracy, rules only")):
        fr = r.get(key)
        if not fr:
            continue
        lines += ["", f"{title}: {fr['articles']} articles, {fr['seconds']} s, {fr['papers_per_min']} papers/min",
                  f"  {'field':<12}{'top1':>7}{'recall':>8}{'gold':>6}{'found':>6}{'pred':>6}{'spurious':>9}"]
        for f in FIELDS:
            t = fr["fields"][f]
            rec = "-" if t["recall"] is None else f"{t['recall']:.3f}"
            lines.append(f"  {f:<12}{t['top1_accuracy']:>7.3f}{rec:>8}{t['gold']:>6}{t['found']:>6}{t['predicted']:>6}{t['spurious']:>9}")
        if fr["errors"]:
            lines.append(f"  errors: {'; '.join(fr['errors'])}")
    return "\n".join(lines) + "\n"


def plot(r: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    pl = r["passage_level"]
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.5))
    labs = list(ENTITY_LABELS)
    x = range(len(labs))
    ax = axes[0]
    ax.bar([i - 0.2 for i in x], [pl["ner"]["per_label"][lab]["f"] for lab in labs], 0.4, label="pipeline")
    if "ner_model_only" in pl:
        ax.bar([i + 0.2 for i in x], [pl["ner_model_only"]["per_label"][lab]["f"] for lab in labs], 0.4, label="model only")
    ax.set_xticks(list(x), labs, rotation=40, ha="right")
    ax.set_ylim(0, 1)
    ax.set_title("NER F1 (exact span)")
    ax.legend(fontsize=8)
    rl = list(RELATION_LABELS)
    x = range(len(rl))
    ax = axes[1]
    ax.bar([i - 0.2 for i in x], [pl["relations_gold_entities"]["per_label"][lab]["f"] for lab in rl], 0.4, label="gold entities")
    ax.bar([i + 0.2 for i in x], [pl["relations_end_to_end"]["per_label"][lab]["f"] for lab in rl], 0.4, label="end to end")
    ax.set_xticks(list(x), rl, rotation=40, ha="right")
    ax.set_ylim(0, 1)
    ax.set_title("Relation F1")
    ax.legend(fontsize=8)
    ax = axes[2]
    if r.get("fields"):
        x = range(len(FIELDS))
        ax.bar([i - 0.2 for i in x], [r["fields"]["fields"][f]["top1_accuracy"] for f in FIELDS], 0.4, label="model")
        if r.get("fields_rules"):
            ax.bar([i + 0.2 for i in x], [r["fields_rules"]["fields"][f]["top1_accuracy"] for f in FIELDS], 0.4, label="rules only")
        ax.set_xticks(list(x), list(FIELDS), rotation=40, ha="right")
        ax.legend(fontsize=8)
    ax.set_ylim(0, 1)
    ax.set_title("Field top-1 accuracy")
    fig.suptitle(f"kapextract evaluation: {r['model']['name']} ({r['model_path']})")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
