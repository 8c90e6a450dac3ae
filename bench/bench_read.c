/*
 * bench_read.c — measures document reading alone (no analysis): opens each
 * FILE with dyad_reader_open, walks every document, touches its text, and
 * prints documents, rejections, input bytes and MB/s (1 MB = 10^6 bytes of
 * the file as stored), by wall clock and by process CPU time (the latter
 * is steadier on a shared machine).  The best of --repeat runs is
 * reported, so page cache warm-up does not count.
 *
 *   bench_read [--repeat N] [--format NAME] [--quiet] FILE...
 *
 * Exit 0 when every file was read without rejections, 1 otherwise.
 */
#include "dyad.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void print_diag(void *user, const dyad_error *err)
{
    char line[1400];
    if (!*(int *)user)
        fprintf(stderr, "bench_read: %s\n", dyad_error_format(err, line, sizeof line));
}

/* One pass over path; returns 0 on success and adds to the counters. */
static int read_once(const char *path, dyad_format format, int quiet, size_t *docs,
                     size_t *rejected, unsigned long *checksum)
{
    dyad_reader_options ro = {.format = format, .diag = print_diag, .diag_user = &quiet};
    dyad_reader *r;
    dyad_error err;
    if (dyad_reader_open(path, &ro, &r, &err) != DYAD_OK) {
        char line[1400];
        fprintf(stderr, "bench_read: %s\n", dyad_error_format(&err, line, sizeof line));
        return 1;
    }
    const dyad_doc *doc;
    dyad_status st;
    while ((st = dyad_reader_next(r, &doc)) == DYAD_OK && doc) {
        (*docs)++;
        /* Touch the text so the work cannot be skipped. */
        *checksum += doc->text.len + (unsigned char)doc->text.ptr[doc->text.len / 2];
    }
    *rejected += dyad_reader_rejected(r);
    dyad_reader_close(r);
    return st != DYAD_OK;
}

int main(int argc, char **argv)
{
    int repeat = 3, quiet = 0, first = 1;
    dyad_format format = DYAD_FORMAT_AUTO;
    for (; first < argc && argv[first][0] == '-' && argv[first][1]; first++) {
        if (strcmp(argv[first], "--repeat") == 0 && first + 1 < argc)
            repeat = atoi(argv[++first]);
        else if (strcmp(argv[first], "--format") == 0 && first + 1 < argc &&
                 dyad_format_from_name(argv[first + 1], &format) == DYAD_OK)
            first++;
        else if (strcmp(argv[first], "--quiet") == 0)
            quiet = 1;
        else {
            fprintf(stderr, "usage: bench_read [--repeat N] [--format NAME] [--quiet] FILE...\n");
            return 2;
        }
    }
    if (first >= argc || repeat < 1) {
        fprintf(stderr, "usage: bench_read [--repeat N] [--format NAME] [--quiet] FILE...\n");
        return 2;
    }
    int bad = 0;
    for (int i = first; i < argc; i++) {
        struct stat sb;
        double bytes = stat(argv[i], &sb) == 0 ? (double)sb.st_size : 0;
        double best = 1e30, best_cpu = 1e30;
        size_t docs = 0, rejected = 0;
        unsigned long checksum = 0;
        for (int k = 0; k < repeat; k++) {
            docs = rejected = 0;
            double t0 = now_seconds();
            clock_t c0 = clock();
            bad |= read_once(argv[i], format, quiet || k > 0, &docs, &rejected, &checksum);
            double t = now_seconds() - t0;
            double c = (double)(clock() - c0) / CLOCKS_PER_SEC;
            if (t < best)
                best = t;
            if (c < best_cpu)
                best_cpu = c;
        }
        bad |= rejected != 0;
        printf("%s: %zu documents, %zu rejected, %.1f MB in %.3f s: %.0f MB/s wall, "
               "%.0f MB/s CPU (best of %d)\n",
               argv[i], docs, rejected, bytes / 1e6, best, bytes / 1e6 / best,
               best_cpu > 0 ? bytes / 1e6 / best_cpu : 0.0, repeat);
    }
    return bad;
}
