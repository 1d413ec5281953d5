#!/usr/bin/env python3
"""Rebuild NotoSansCJKsc-Regular-subset.otf from Debian's fonts-noto-cjk.

Keeps the characters of the common national character sets (GB 2312,
Shift_JIS rows 0x81-0x9F (JIS level 1 and part of level 2), Big5 level 1,
KS X 1001 incl. its 2,350 Hangul syllables and hanja), CJK symbols and
punctuation, kana and full/half-width forms: 13,476 characters, about 5 MB
instead of 19 MB for the full face.

Needs python3-fonttools (Debian) and fonts-noto-cjk:
    python3 make-cjk-subset.py /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
"""
import subprocess
import sys


def charset(codec, lead, trail):
    out = set()
    for a in range(lead[0], lead[1] + 1):
        for b in range(trail[0], trail[1] + 1):
            try:
                out.update(bytes([a, b]).decode(codec))
            except UnicodeDecodeError:
                pass
    return out


def main():
    ttc = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
    chars = set()
    chars |= charset("gb2312", (0xA1, 0xF7), (0xA1, 0xFE))
    chars |= charset("shift_jis", (0x81, 0x9F), (0x40, 0xFC))
    chars |= charset("big5", (0xA1, 0xC6), (0x40, 0xFE))
    chars |= charset("euc_kr", (0xA1, 0xFE), (0xA1, 0xFE))
    chars |= {chr(c) for c in range(0x3000, 0x3100)}  # CJK punctuation, kana
    chars |= {chr(c) for c in range(0xFF00, 0xFFF0)}  # full/half-width forms
    chars = sorted(ch for ch in chars if ord(ch) >= 0x2E80)
    with open("cjk-chars.txt", "w", encoding="utf-8") as f:
        f.write("".join(chars))
    subprocess.run(
        [
            sys.executable, "-m", "fontTools.subset", ttc,
            "--font-number=2",  # Noto Sans CJK SC
            "--text-file=cjk-chars.txt",
            "--output-file=NotoSansCJKsc-Regular-subset.otf",
            "--layout-features=*",
            "--no-hinting",
        ],
        check=True,
    )
    print(f"{len(chars)} characters kept")


if __name__ == "__main__":
    main()
