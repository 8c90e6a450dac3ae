/*
 * text.h — internal header of the text layer: byte input with transparent
 * decompression, the document readers, Unicode normalization, the sentence
 * splitter and the tokenizer.  Depends only on core/.
 */
#ifndef DYAD_TEXT_H
#define DYAD_TEXT_H

#include "core/core.h"

/* ---- input and readers (input.c, reader.c, read_*.c) ---- */

/* ---- normalization, splitting, tokenizing (normalize.c, split.c, tokenize.c, analysis.c) ---- */

#endif /* DYAD_TEXT_H */
