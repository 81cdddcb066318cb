#!/usr/bin/python3
"""Builds the widget's two Inter weights: a base compiled in, an extension.

Run at build time (wasm/wasm.cmake, tests/widget/widget_tests.cmake) with
Debian's /usr/bin/python3, which has fontTools. Each weight is subset to the
characters a payer can meet on an invoice (COVERAGE), in two parts:

- the base: ASCII, every character of the texts the widget shows in each
  of its languages (the catalogue's widget part: country names bring "é",
  "ü", "Å"; fr and es bring "ç", "û", "ñ", "¿"), and what the widget draws
  itself (BASE_EXTRA). It is written as byte arrays into the generated C++
  file, so it arrives inside paywidget.wasm. The other languages' letters
  cost the en payer 1.1 KB brotli in the wasm; as a file of their own they
  were 3.5 KB, and with the whole extension 24.8 KB, for every payer who
  does not read en (measured for issue 14);
- the extension: the rest of COVERAGE (Latin-1 and Latin Extended-A letters
  of names, most currency signs, guillemets). With --extension-dir it is
  written there as inter-ext-regular.otf / inter-ext-semibold.otf, which
  the browser fetches only when a text needs one of its characters
  ("Łukasz" on a line item); without, it is compiled in as well (the native
  tests, which draw everything).

The C++ file also carries both character sets as ImGui ranges
(fontdata::text_ranges: COVERAGE; fontdata::base_ranges: the base), read
from the subset fonts' own cmaps, so kit/fonts.cpp keeps no copy.

usage: make_fonts.py <font dir> <messages dir> <output .cpp> [--extension-dir DIR]
"""
import json
import os
import subprocess
import sys
import tempfile

from fontTools.ttLib import TTFont

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools", "messages"))
from compile_messages import LANGUAGES, REGIONAL, SERVER_ONLY_PREFIXES  # noqa: E402  the widget's catalogue

# Layout tables (GPOS/GSUB/GDEF) and hints are dropped: ImGui 1.86's
# stb_truetype path reads neither, and they are more than half of each file;
# so are the tables it never opens (name, post, OS/2, STAT, kern: 0.5 KB
# brotli of the base; it reads cmap, head, hhea, hmtx, maxp and CFF).
# Desubroutinized CFF is larger raw but compresses better (measured for
# issue 14: 33,573 B brotli / 38,028 B gzip instead of 36,153 / 41,238 for
# the whole coverage; a TrueType glyf conversion was larger still, 40-43 KB
# brotli, and --no-notdef-outline changed nothing). The arrows stay: the
# back link draws U+2190.
COVERAGE = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1: no-break space, accents, £ ¥ § ©
    (0x0100, 0x017F),  # Latin Extended-A: names (Łukasz, Dvořák)
    (0x2009, 0x200A),  # thin / hair space (locale grouping)
    (0x2010, 0x2027),  # dashes, quotes, bullet •, ellipsis
    (0x202F, 0x202F),  # narrow no-break space (fr-FR grouping)
    (0x2030, 0x203A),  # per mille, guillemets
    (0x20A0, 0x20C0),  # currency symbols (€ ₹ ₩ ₪ ₫ ₱ ₺ ₽ …)
    (0x2122, 0x2122),  # ™
    (0x2190, 0x2193),  # arrows
    (0x2212, 0x2212),  # minus sign
    (0x2248, 0x2248),  # ≈ (FX note)
    (0x2713, 0x2713),  # ✓
]
# Drawn by the widget itself or by Intl in amounts and dates, beyond the
# texts: spaces and minus of grouping and signs, typographic quotes and
# dashes, the card's "••••", the back arrow, ✓, ≈, the three currency signs
# an en-US Intl most often writes besides "$", and the letters of Intl's fr
# month names ("févr.", "août", "déc."), whatever the catalogue's wording.
BASE_EXTRA = [(0x00A0, 0x00A0), (0x2009, 0x200A), (0x2010, 0x2027), (0x202F, 0x202F), (0x2190, 0x2193),
              (0x2212, 0x2212), (0x2248, 0x2248), (0x2713, 0x2713), (0x20AC, 0x20AC), (0x00A3, 0x00A3),
              (0x00A5, 0x00A5), (0x00E9, 0x00E9), (0x00FB, 0x00FB)]

WEIGHTS = [("inter_regular", "Inter-Regular.otf", "inter-ext-regular.otf"),
           ("inter_semibold", "Inter-SemiBold.otf", "inter-ext-semibold.otf")]


def covered(c):
    return any(lo <= c <= hi for lo, hi in COVERAGE)


def base_chars(messages_dir):
    chars = set(range(0x20, 0x7F))
    for lo, hi in BASE_EXTRA:
        chars.update(range(lo, hi + 1))
    for locale in LANGUAGES + list(REGIONAL):
        with open(os.path.join(messages_dir, locale + ".json"), encoding="utf-8") as f:
            messages = json.load(f)
        for msg_id, text in messages.items():
            if not msg_id.startswith(SERVER_ONLY_PREFIXES):
                chars.update(ord(ch) for ch in text if covered(ord(ch)))
    return chars


def subset(src, dst, chars):
    unicodes = ",".join("U+%04X" % c for c in sorted(chars))
    subprocess.run(
        [sys.executable, "-m", "fontTools.subset", src, "--unicodes=" + unicodes,
         "--layout-features=", "--no-hinting", "--desubroutinize",
         "--drop-tables+=GPOS,GSUB,GDEF,kern,name,post,OS/2,STAT", "--output-file=" + dst],
        check=True)


def cmap_chars(path):
    return set(TTFont(path)["cmap"].getBestCmap())


def as_ranges(chars):
    """ImGui's zero-terminated [first, last] pairs."""
    out, run = [], None
    for c in sorted(chars):
        if run and c == run[1] + 1:
            run[1] = c
        else:
            run = [c, c]
            out.append(run)
    return [v for r in out for v in r] + [0]


def byte_array(name, data):
    rows = [", ".join(str(b) for b in data[i:i + 24]) for i in range(0, len(data), 24)]
    return ([f"extern const unsigned char {name}_bytes[] = {{"] + ["    " + r + "," for r in rows] + ["};"] +
            [f"extern const unsigned char* const {name} = {name}_bytes;",
             f"extern const std::size_t {name}_size = {len(data)};"])


def main():
    args = sys.argv[1:]
    ext_dir = None
    if len(args) == 5 and args[3] == "--extension-dir":
        ext_dir = args[4]
        args = args[:3]
    if len(args) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    font_dir, messages_dir, out = args
    base = base_chars(messages_dir)
    everything = {c for lo, hi in COVERAGE for c in range(lo, hi + 1)}
    parts = ["// Generated by wasm/fonts/make_fonts.py from the Debian fonts-inter package.",
             "// Inter is under the SIL Open Font License 1.1. Do not edit.",
             "#include <cstddef>", "", "namespace pwui::fontdata {"]
    text_ranges = base_ranges = None
    with tempfile.TemporaryDirectory() as tmp:
        for name, file, ext_file in WEIGHTS:
            base_path = os.path.join(tmp, "base-" + file)
            ext_path = os.path.join(tmp, ext_file)
            subset(os.path.join(font_dir, file), base_path, base)
            subset(os.path.join(font_dir, file), ext_path, everything - base)
            has_base, has_ext = cmap_chars(base_path), cmap_chars(ext_path)
            if base_ranges is None:  # both weights cover the same characters
                base_ranges, text_ranges = as_ranges(has_base), as_ranges(has_base | has_ext)
            parts += byte_array(name, open(base_path, "rb").read())
            ext_data = open(ext_path, "rb").read()
            if ext_dir:
                os.makedirs(ext_dir, exist_ok=True)
                with open(os.path.join(ext_dir, ext_file + ".tmp"), "wb") as f:
                    f.write(ext_data)
                os.replace(os.path.join(ext_dir, ext_file + ".tmp"), os.path.join(ext_dir, ext_file))
                parts += [f"extern const unsigned char* const {name}_ext = nullptr;",
                          f"extern const std::size_t {name}_ext_size = 0;"]
            else:
                parts += byte_array(name + "_ext", ext_data)
    for name, ranges in (("text_ranges", text_ranges), ("base_ranges", base_ranges)):
        parts.append(f"extern const unsigned short {name}[] = {{{', '.join('0x%04X' % v for v in ranges)}}};")
    parts.append("}  // namespace pwui::fontdata")
    tmp_out = out + ".tmp"
    with open(tmp_out, "w") as f:
        f.write("\n".join(parts) + "\n")
    os.replace(tmp_out, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
