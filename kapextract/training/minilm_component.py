"""``kap_minilm_ner``: the fine-tuned MiniLM tagger as a spaCy pipeline component.

Requires tokens (any tokenizer; the kapextract tokenizer in a saved pipeline). Sets
``doc.ents`` from the tagger's character spans, widened to token edges
(``alignment_mode="expand"``); spans that would overlap an earlier one are dropped. The
Hugging Face model lives in the component's folder of the saved pipeline
(``<pipeline>/ner/``), so ``spacy.load`` restores it with no download; torch and
transformers are imported only when the component is built.

:func:`package_pipeline` turns a trained MiniLM folder into such a spaCy pipeline (name
``ner`` so that ``build_pipeline`` places ``kap_entity_rules`` after it and adds
``kap_relation_rules``: this variant has no trained relation component).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kapextract.errors import ModelError


@Language.factory("kap_minilm_ner", default_config={"batch_size": 32, "device": None})
def make_minilm_ner(nlp: Language, name: str, batch_size: int, device: str | None) -> MiniLMNer:
    """The MiniLM entity tagger; weights are read by ``from_disk`` (see the module docstring)."""
    return MiniLMNer(name, batch_size, device)


class MiniLMNer:
    def __init__(self, name: str, batch_size: int = 32, device: str | None = None) -> None:
        self.name = name
        self.batch_size = batch_size
        self.device = device
        self.tagger: Any = None
        self.path: Path | None = None

    def _need(self) -> Any:
        if self.tagger is None:
            raise ModelError(f"{self.name}: no MiniLM weights loaded (load the pipeline from disk)")
        return self.tagger

    @staticmethod
    def _set(doc: Doc, spans: list[tuple[int, int, str]]) -> Doc:
        ents = []
        last = -1
        for a, b, label in spans:
            sp = doc.char_span(a, b, label=label, alignment_mode="expand")
            if sp is None or len(sp) == 0 or sp.start < last:
                continue
            ents.append(sp)
            last = sp.end
        doc.ents = ents
        return doc

    def __call__(self, doc: Doc) -> Doc:
        return self._set(doc, self._need().predict([doc.text])[0])

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        tagger = self._need()
        buf: list[Doc] = []
        size = batch_size or self.batch_size
        for doc in docs:
            buf.append(doc)
            if len(buf) >= size:
                yield from (self._set(d, s) for d, s in zip(buf, tagger.predict([d.text for d in buf]), strict=True))
                buf = []
        if buf:
            yield from (self._set(d, s) for d, s in zip(buf, tagger.predict([d.text for d in buf]), strict=True))

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        if self.path is None:
            raise ModelError(f"{self.name}: nothing to save (no MiniLM model loaded)")
        dest = Path(path)
        if dest.resolve() != self.path.resolve():
            if dest.exists():
                shutil.rmtree(dest)
            shutil.copytree(self.path, dest)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> MiniLMNer:
        from kapextract.training.transformer_ner import MiniLMTagger

        self.path = Path(path)
        self.tagger = MiniLMTagger.load(self.path, self.device)
        self.tagger.batch_size = self.batch_size
        return self


def package_pipeline(minilm_dir: str | Path, output: str | Path, name: str = "minilm_ner") -> Path:
    """Write a spaCy pipeline at ``output``: kapextract tokenizer + ``kap_minilm_ner`` named ``ner``."""
    import spacy

    from kapextract.nlp.tokenizer import make_tokenizer

    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "kapextract.kap_tokenizer.v1"}}})
    nlp.tokenizer = make_tokenizer(nlp)
    comp = nlp.add_pipe("kap_minilm_ner", name="ner")
    comp.from_disk(minilm_dir)
    nlp.meta["name"] = name
    nlp.meta["description"] = "kapextract MiniLM NER variant (all-MiniLM-L6-v2 fine-tuned); relations by rules"
    out = Path(output)
    tmp = out.with_name(out.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    nlp.to_disk(tmp)
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)
    return out
