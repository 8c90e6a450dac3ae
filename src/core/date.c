/*
 * date.c — calendar dates as documents and dictionaries write them.
 *
 * Accepts YYYY-MM-DD, YYYYMMDD and ISO 8601 date-times (the date part is
 * used; the time and zone are checked only for plausible characters).
 * Dates are validated against the Gregorian calendar so that "2023-02-29"
 * is rejected rather than silently becoming March 1st.
 */
#include "core/core.h"


static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int date_days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static bool digits(const char *s, size_t n, int *out)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

/* The part after the date in "2023-03-08T10:00:00+04:00": digits, ':',
 * '.', '+', '-', 'Z' and one 'T' or space separator. */
static bool plausible_time(const char *s, size_t n)
{
    if (n == 0)
        return true;
    if (s[0] != 'T' && s[0] != 't' && s[0] != ' ')
        return false;
    for (size_t i = 1; i < n; i++) {
        char c = s[i];
        if (!((c >= '0' && c <= '9') || c == ':' || c == '.' || c == '+' || c == '-' ||
              c == 'Z' || c == 'z'))
            return false;
    }
    return n > 1;
}

dyad_status dyad_date_parse(const char *s, size_t len, dyad_date *out)
{
    int y, m, d;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
        len--;
    while (len && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    if (len >= 10 && s[4] == '-' && s[7] == '-') {
        if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d) ||
            !plausible_time(s + 10, len - 10))
            return DYAD_EDATE;
    } else if (len == 8) {
        if (!digits(s, 4, &y) || !digits(s + 4, 2, &m) || !digits(s + 6, 2, &d))
            return DYAD_EDATE;
    } else {
        return DYAD_EDATE;
    }
    if (y < 1000 || m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m))
        return DYAD_EDATE;
    out->year = (int16_t)y;
    out->month = (int8_t)m;
    out->day = (int8_t)d;
    return DYAD_OK;
}

static void put_digits(char *out, unsigned v, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        out[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

char *dyad_date_format(dyad_date date, char out[11])
{
    if (date.year <= 0) {
        out[0] = 0;
        return out;
    }
    put_digits(out, (unsigned)date.year, 4);
    out[4] = '-';
    put_digits(out + 5, (unsigned)date.month, 2);
    out[7] = '-';
    put_digits(out + 8, (unsigned)date.day, 2);
    out[10] = 0;
    return out;
}
