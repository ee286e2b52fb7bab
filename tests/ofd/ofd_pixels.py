"""Pixel overlap of two renderings of a page: how much of one's ink lies on the other's."""

from __future__ import annotations

import io

from PIL import Image, ImageChops, ImageFilter

INK = 200  # grey level below which a pixel is ink (red text at 255,0,0 is grey 76)


def ink(page: "bytes | Image.Image", size: tuple[int, int] | None = None) -> Image.Image:
    """A mode "L" mask: 255 where the page (PNG bytes or an image) has ink, 0 elsewhere
    (resized to ``size`` if given)."""
    img = (page if isinstance(page, Image.Image) else Image.open(io.BytesIO(page))).convert("L")
    if size and img.size != size:
        img = img.resize(size, Image.BILINEAR)
    return img.point(lambda v: 255 if v < INK else 0)


def count(mask: Image.Image) -> int:
    return mask.histogram()[255]


def covered(a: Image.Image, b: Image.Image, slack: int = 1) -> float:
    """The share of a's ink pixels within ``slack`` pixels of b's ink (1.0 when a has none)."""
    total = count(a)
    if not total:
        return 1.0
    near_b = b.filter(ImageFilter.MaxFilter(2 * slack + 1))
    return count(ImageChops.multiply(a, near_b)) / total


def overlap(a: Image.Image, b: Image.Image, slack: int = 1) -> float:
    """Both ways: the smaller of a-on-b and b-on-a."""
    return min(covered(a, b, slack), covered(b, a, slack))
