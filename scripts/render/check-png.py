"""Decodes PNG files with Pillow and fails on any that is not a real picture.

Usage: python3 check-png.py FILE...

A file passes when Pillow decodes it fully, it is at least 16 x 16 pixels, and it is not
blank: more than 1 % of its pixels differ from the corner (background) pixel and it has
more than 20 distinct colours (text and shapes, anti-aliased). Exit status 1 if any fails.
"""

import sys

from PIL import Image


def check(path: str) -> str | None:
    try:
        with Image.open(path) as image:
            image.load()
            rgba = image.convert("RGBA")
    except Exception as error:  # Pillow raises many kinds; any is a rejection
        return f"not a decodable PNG: {error}"
    width, height = rgba.size
    if width < 16 or height < 16:
        return f"only {width} x {height} pixels"
    counts = rgba.getcolors(width * height) or []
    background = rgba.getpixel((0, 0))
    same = sum(count for count, colour in counts if colour == background)
    colours = len(counts)
    share = 1 - same / (width * height)
    if share <= 0.01 or colours <= 20:
        return f"blank: {share:.2%} of pixels drawn, {colours} colours"
    print(f"png ok: {path} ({width} x {height}, {share:.1%} drawn, {colours} colours)")
    return None


def main() -> int:
    failed = 0
    for path in sys.argv[1:]:
        problem = check(path)
        if problem:
            failed += 1
            print(f"png REJECTED {path}: {problem}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
