"""Render a PDF page to PNG with evidence boxes drawn on it (pypdfium2 + Pillow).

Boxes are ``[x0, top, x1, bottom]`` in PDF points from the page's top-left
corner (the Layout convention of :mod:`kapextract.model`); they are scaled by
the render scale and drawn as a translucent highlight with a red outline.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence

from kapextract.errors import KapextractError

#: pdfium is not thread-safe: one render at a time per process.
_PDFIUM_LOCK = threading.Lock()


class RenderError(KapextractError):
    """A page could not be rendered."""


def render_page_png(
    pdf_bytes: bytes, page: int, boxes: Sequence[Sequence[float]] = (), scale: float = 1.5
) -> bytes:
    """PNG bytes of 1-based ``page`` with ``boxes`` drawn; raises RenderError."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    if not 0.25 <= scale <= 4:
        raise RenderError(f"scale {scale} out of range (0.25-4)")
    with _PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(pdf_bytes)
        except pdfium.PdfiumError as exc:
            raise RenderError(f"cannot open the PDF ({exc})") from None
        try:
            if not 1 <= page <= len(pdf):
                raise RenderError(f"page {page} is not in the document (1-{len(pdf)})")
            image = pdf[page - 1].render(scale=scale).to_pil().convert("RGB")
        finally:
            pdf.close()
    if boxes:
        overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(overlay)
        pad = 2 * scale
        for box in boxes:
            x0, top, x1, bottom = (float(v) * scale for v in box)
            rect = [x0 - pad, top - pad, x1 + pad, bottom + pad]
            draw.rectangle(rect, fill=(255, 230, 0, 90), outline=(220, 0, 0, 255), width=max(2, int(scale * 1.5)))
        image = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
