#!/usr/bin/env bash
# Rebuilds assets/fonts/NotoSansCJKsc-Subset.otf, the fallback font PNG and PDF output draw
# Chinese, Japanese and Korean names with (see src/render/font.rs).
#
# Source: Noto Sans CJK SC Regular (face 2 of NotoSansCJK-Regular.ttc, SIL Open Font
# License 1.1) from Debian's fonts-noto-cjk package. The full font is 19 MB; the subset keeps
#   - the 3 755 common hanzi of GB 2312 level 1 and the 2 965 kanji of JIS X 0208 level 1,
#   - the 2 350 Hangul syllables of KS X 1001, and the Hangul compatibility jamo,
#   - all kana, CJK punctuation, fullwidth forms and the CJK symbols of those standards,
# with outlines only (no hinting, no OpenType layout features: names are set horizontally,
# one glyph per character). The character lists come from Python's own gb2312, euc_jp and
# euc_kr codecs, so the script needs nothing but apt-get (or an installed fonts-noto-cjk),
# and pip for fonttools.
set -euo pipefail
cd "$(dirname "$0")/.."
out=assets/fonts/NotoSansCJKsc-Subset.otf
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ttc=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
if [[ ! -f $ttc ]]; then
  (cd "$work" && apt-get download fonts-noto-cjk >/dev/null && dpkg-deb -x fonts-noto-cjk_*.deb x)
  ttc=$work/x/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
fi
if ! command -v pyftsubset >/dev/null; then
  python3 -m pip install --quiet 'fonttools==4.68.0'
fi

python3 - "$work/chars.txt" <<'PY'
import sys

chars = set()

def rows(codec, first_row, last_row):
    """Every character of rows first_row..last_row of a 94x94 EUC code set."""
    for hi in range(0xA0 + first_row, 0xA0 + last_row + 1):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode(codec))
            except UnicodeDecodeError:
                pass

rows("gb2312", 1, 9)     # symbols, fullwidth forms, kana, Greek, Cyrillic
rows("gb2312", 16, 55)   # hanzi, level 1
rows("euc_jp", 1, 8)     # symbols, kana, box drawing
rows("euc_jp", 16, 47)   # kanji, level 1
rows("euc_kr", 1, 12)    # symbols, jamo
rows("euc_kr", 16, 40)   # Hangul syllables
ranges = [
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x31F0, 0x31FF),  # katakana phonetic extensions
    (0x3130, 0x318F),  # Hangul compatibility jamo
    (0xFF00, 0xFFEF),  # half- and fullwidth forms
]
for a, b in ranges:
    chars.update(chr(c) for c in range(a, b + 1))
chars = sorted(c for c in chars if ord(c) > 0x7F)
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("".join(chars))
print(f"{len(chars)} characters", file=sys.stderr)
PY

pyftsubset "$ttc" --font-number=2 --text-file="$work/chars.txt" \
  --layout-features='' --no-hinting --name-IDs='*' --name-languages='*' \
  --notdef-outline --drop-tables+=VORG,vhea,vmtx,BASE,GDEF,GPOS,GSUB \
  --output-file="$out"
ls -l "$out"
