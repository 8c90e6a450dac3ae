"""dictlib.py — helpers shared by dyad's dictionary generators (gen/*.py).

The generators turn dyad's own hand-written fact tables (gen/*.tsv) into the
PETRARCH-2 / Phoenix dictionary files in data/dict/.  They run only when a
maintainer edits a fact table; the generated files are committed, so building
dyad never needs Python.

MIT License, part of dyad.
"""

import unicodedata

MIT_NOTE = (
    "# This file is part of dyad and is MIT licensed (see LICENSE).  It is dyad's\n"
    "# own work, written from public facts; it is not copied from or converted out\n"
    "# of any other event-coding dictionary.\n"
)


def fold_ascii(text):
    """Drops diacritics: 'Miguel Ángel' -> 'Miguel Angel'."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return kept.replace("ı", "i").replace("ł", "l").replace("Ł", "L").replace("ø", "o") \
        .replace("Ø", "O").replace("đ", "d").replace("Đ", "D").replace("ß", "ss") \
        .replace("’", "'").replace("‘", "'")


def phrase(text):
    """Writes a name as a dictionary phrase: upper case, words joined by '_',
    ending in '_' so that every reader matches whole words only."""
    words = text.replace("’", "'").split()
    return "_".join(w.upper() for w in words) + "_"


def variants(name):
    """The spellings of one name that a reader should know: as written, without
    diacritics, and with hyphens or apostrophes replaced by blanks."""
    out = []
    for v in (name, fold_ascii(name)):
        for w in (v, v.replace("-", " "), v.replace("'", "")):
            w = " ".join(w.split())
            if w and w not in out:
                out.append(w)
    return out


def unique(seq):
    seen = set()
    out = []
    for item in seq:
        key = item.upper()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def read_tsv(path):
    """Rows of a tab-separated fact table; '#' lines and blank lines skipped,
    '-' cells become ''."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = [("" if c.strip() == "-" else c.strip()) for c in line.split("\t")]
            rows.append((lineno, cells))
    return rows


def split_values(cell):
    return [v.strip() for v in cell.split("|") if v.strip()]
