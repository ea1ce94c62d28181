#!/usr/bin/env python
"""Train the MiniLM variant and time its training and inference, GPU against CPU.

Usage (from the repository root, ``PYTHONPATH=.``; needs torch, transformers, datasets,
lxml and numpy – not spaCy)::

    python scripts/minilm_bench.py [--config models/configs/minilm_ner.cfg] [--output DIR]
                                   [--cpu-papers 6] [--gpu|--cpu]

1. trains on annotations/train.jsonl with annotations/dev.jsonl for model selection
   (GPU when ``--gpu`` and CUDA is there), printing loss and dev F1 per epoch;
2. scores the kept model on annotations/test.jsonl (exact-span P/R/F1 per label);
3. times inference over the passages of the gold documents (annotations/documents, the
   reference list left out) on the GPU (all papers) and on the CPU (the first
   ``--cpu-papers`` papers), and prints papers/min for each.

Everything is read from the repository; nothing is downloaded.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from kapextract.annotations.io import read_jsonl  # noqa: E402
from kapextract.training.transformer_ner import MiniLMTagger, gold_spans, span_prf, train_minilm  # noqa: E402


def paper_passages(doc_dir: Path) -> list[list[str]]:
    """Per paper, the texts the extractor runs on: blocks outside references and headings."""
    from kapextract.ingest import load_document

    papers = []
    for p in sorted(doc_dir.glob("*.nxml")):
        doc = load_document(p)
        texts = [doc.text[b.start : b.end] for b in doc.blocks
                 if b.section != "references" and b.kind != "heading" and doc.text[b.start : b.end].strip()]
        papers.append(texts or [doc.text])
    return papers


def time_inference(tagger: MiniLMTagger, papers: list[list[str]]) -> tuple[float, int]:
    import torch

    tagger.predict(papers[0][:4])  # warm-up
    if tagger.device == "cuda":
        torch.cuda.synchronize()
    t0 = time.perf_counter()
    n = 0
    for texts in papers:
        n += sum(len(s) for s in tagger.predict(texts))
    if tagger.device == "cuda":
        torch.cuda.synchronize()
    return time.perf_counter() - t0, n


def main(argv: list[str] | None = None) -> int:
    import torch

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--config", default="models/configs/minilm_ner.cfg")
    ap.add_argument("--output", default=None, help="keep the trained model here (default: a temporary folder)")
    ap.add_argument("--documents", default="annotations/documents")
    ap.add_argument("--cpu-papers", type=int, default=6, help="papers timed on the CPU (default 6)")
    ap.add_argument("--seed", type=int, default=0)
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--gpu", action="store_true", help="train on the GPU (default when CUDA is available)")
    g.add_argument("--cpu", action="store_true", help="train on the CPU")
    args = ap.parse_args(argv)
    cuda = torch.cuda.is_available()
    use_gpu = cuda and not args.cpu
    print(f"torch {torch.__version__}; CUDA available: {cuda}"
          + (f" ({torch.cuda.get_device_name(0)})" if cuda else "") + f"; CPU threads: {torch.get_num_threads()}")
    work = tempfile.TemporaryDirectory(prefix="kap_minilm_bench_")
    out = Path(args.output) if args.output else Path(work.name)
    t0 = time.perf_counter()
    summary = train_minilm(args.config, out, "annotations/train.jsonl", "annotations/dev.jsonl",
                           seed=args.seed, gpu=use_gpu, log=lambda m: print(m, flush=True))
    train_s = time.perf_counter() - t0
    print(f"TRAIN: {train_s:.1f} s on {summary['device']} ({summary['train_windows']} windows, "
          f"{len(summary['history'])} epochs)")

    test = list(read_jsonl("annotations/test.jsonl"))
    dev_name = "cuda" if cuda else "cpu"
    tagger = MiniLMTagger.load(out, dev_name)
    scores = span_prf(gold_spans(test), tagger.predict([e["text"] for e in test]))
    print("TEST (exact span): " + "  ".join(f"{k} {v['f']:.3f}" for k, v in scores["per_label"].items())
          + f"  micro P {scores['micro']['p']:.3f} R {scores['micro']['r']:.3f} F {scores['micro']['f']:.3f}")

    papers = paper_passages(Path(args.documents))
    results = {"train_seconds": round(train_s, 1), "train_device": summary["device"], "test": scores,
               "papers": len(papers)}
    if cuda:
        secs, n = time_inference(tagger, papers)
        results["gpu_papers_per_min"] = round(60 * len(papers) / secs, 1)
        print(f"INFER GPU: {len(papers)} papers in {secs:.2f} s = {results['gpu_papers_per_min']} papers/min ({n} entities)")
    cpu_tagger = MiniLMTagger.load(out, "cpu")
    sub = papers[: args.cpu_papers]
    secs, n = time_inference(cpu_tagger, sub)
    results["cpu_papers_per_min"] = round(60 * len(sub) / secs, 1)
    print(f"INFER CPU: {len(sub)} papers in {secs:.2f} s = {results['cpu_papers_per_min']} papers/min "
          f"({torch.get_num_threads()} threads, {n} entities)")
    if cuda:
        print(f"SPEED-UP GPU/CPU inference: {results['gpu_papers_per_min'] / results['cpu_papers_per_min']:.1f}x")
    print("RESULT " + json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
