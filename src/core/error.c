/*
 * error.c — status strings and the dyad_error record.
 *
 * There is no global error state: every failure is described in a
 * dyad_error owned by the caller (STYLE.md, Errors).
 */
#include "core/core.h"

#include <stdio.h>
#include <string.h>

const char *dyad_version(void) { return DYAD_VERSION; }

const char *dyad_status_str(dyad_status status)
{
    switch (status) {
    case DYAD_OK: return "ok";
    case DYAD_ENOMEM: return "out of memory";
    case DYAD_EIO: return "input/output error";
    case DYAD_EPARSE: return "malformed input";
    case DYAD_EINVAL: return "invalid argument";
    case DYAD_EFORMAT: return "unknown format";
    case DYAD_ELIMIT: return "limit exceeded";
    case DYAD_ENOTFOUND: return "not found";
    case DYAD_ECORRUPT: return "corrupt data";
    case DYAD_EENCODING: return "invalid encoding";
    case DYAD_EDATE: return "invalid date";
    case DYAD_EFIELD: return "missing or wrong-typed field";
    case DYAD_EDB: return "database error";
    case DYAD_EUNSUPPORTED: return "not supported";
    }
    return "unknown status";
}

static void copy_trunc(char *dst, size_t size, const char *src)
{
    size_t n = src ? strlen(src) : 0;
    if (n >= size)
        n = size - 1;
    if (n)
        memcpy(dst, src, n);
    dst[n] = 0;
}

dyad_status error_setv(dyad_error *err, dyad_status code, const char *file, unsigned long line,
                       const char *fmt, va_list ap)
{
    if (!err)
        return code;
    err->code = code;
    copy_trunc(err->file, sizeof err->file, file);
    err->line = line;
    err->column = 0;
    err->record[0] = 0;
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    return code;
}

dyad_status error_set(dyad_error *err, dyad_status code, const char *file, unsigned long line,
                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_setv(err, code, file, line, fmt, ap);
    va_end(ap);
    return code;
}

void error_set_record(dyad_error *err, const char *id, size_t len)
{
    if (!err)
        return;
    if (len >= sizeof err->record)
        len = sizeof err->record - 1;
    memcpy(err->record, id, len);
    err->record[len] = 0;
}

char *dyad_error_format(const dyad_error *err, char *out, size_t size)
{
    if (!size)
        return out;
    if (err->file[0] && err->record[0])
        snprintf(out, size, "%s: record %s: %s", err->file, err->record, err->message);
    else if (err->file[0] && err->line)
        snprintf(out, size, "%s:%lu: %s", err->file, err->line, err->message);
    else if (err->file[0])
        snprintf(out, size, "%s: %s", err->file, err->message);
    else
        snprintf(out, size, "%s", err->message);
    return out;
}
