#!/usr/bin/python3
"""Builds the web font the widget's DOM text inputs use (WOFF2).

The canvas draws Inter (make_fonts.py); the text inputs over it are real
<input>s that the browser draws, so without this they would draw with
whatever the page's font stack finds. Run at build time (wasm/wasm.cmake)
with Debian's /usr/bin/python3, which has fontTools and brotli (Debian
python3-fonttools, python3-brotli; WOFF2 is brotli-compressed).

The characters are the @font-face's unicode-range in web/embed.css: the CSS
says what the face covers, and the file holds exactly that (one list, not
two to keep in sync). Layout tables (GPOS kerning, GSUB) and hints are
dropped, as for the canvas: ImGui 1.86 neither kerns nor hints, so typed
text spaced like the canvas's labels is the match we want, in fewer bytes.
Desubroutinized CFF compresses better under brotli (about 10 % smaller).

usage: make_webfont.py <Inter-Regular.otf> <embed.css> <output .woff2>
"""
import os
import re
import subprocess
import sys


def unicode_range(css_path: str) -> str:
    css = open(css_path, encoding="utf-8").read()
    faces = re.findall(r"@font-face\s*\{([^}]*)\}", css)
    if len(faces) != 1:
        sys.exit(f"make_webfont: expected one @font-face in {css_path}, found {len(faces)}")
    m = re.search(r"unicode-range\s*:\s*([^;]+);", faces[0])
    if not m:
        sys.exit(f"make_webfont: the @font-face in {css_path} has no unicode-range")
    ranges = [r.strip() for r in m.group(1).split(",")]
    for r in ranges:
        if not re.fullmatch(r"U\+[0-9A-Fa-f]{1,6}(-[0-9A-Fa-f]{1,6})?", r):
            sys.exit(f"make_webfont: unsupported unicode-range entry {r!r} in {css_path}")
    return ",".join(ranges)


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    font, css, out = sys.argv[1:]
    tmp = out + ".tmp"
    subprocess.run(
        [sys.executable, "-m", "fontTools.subset", font, "--unicodes=" + unicode_range(css),
         "--layout-features=", "--drop-tables+=GSUB,GPOS,GDEF", "--no-hinting", "--desubroutinize",
         "--name-IDs=1,2",
         "--flavor=woff2", "--output-file=" + tmp],
        check=True)
    os.replace(tmp, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
