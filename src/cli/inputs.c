/*
 * inputs.c — turns the FILE arguments of a command into a stream of
 * documents: regular files, directories (walked recursively in sorted
 * order, hidden entries skipped), or standard input for "-" or no
 * arguments.  A file that cannot be read or a record that is rejected is
 * reported and counted; the walk always goes on with the rest.
 */
#include "cli/cli.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Deep enough for any real corpus tree; guards against symlink loops. */
#define CLI_MAX_DIR_DEPTH 64

typedef struct walk {
    cli_inputs *in;
    cli_doc_fn fn;
    void *user;
    int status;
    double last_progress;
} walk;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void show_progress(walk *w, bool final)
{
    if (!w->in->progress)
        return;
    double t = now_seconds();
    if (!final && t - w->last_progress < 0.5)
        return;
    w->last_progress = t;
    fprintf(stderr, "\rdyad: %zu documents, %zu rejected%s", w->in->docs, w->in->rejected,
            final ? "\n" : "");
}

static void reject(walk *w)
{
    w->in->rejected++;
    if (w->status == CLI_EXIT_OK)
        w->status = CLI_EXIT_REJECTED;
}

static void read_one(walk *w, const char *path)
{
    size_t reported = 0;
    dyad_reader_options ro = {.format = w->in->format,
                              .max_doc_bytes = w->in->max_doc_bytes,
                              .diag = cli_diag_print,
                              .diag_user = &reported};
    dyad_reader *r = NULL;
    dyad_error err = {0};
    if (dyad_reader_open(path, &ro, &r, &err) != DYAD_OK) {
        cli_print_error(&err);
        reject(w);
        return;
    }
    const dyad_doc *doc;
    for (;;) {
        dyad_status st = dyad_reader_next(r, &doc);
        if (st != DYAD_OK) {
            /* Already reported through the callback; the stream is over. */
            reject(w);
            break;
        }
        if (!doc)
            break;
        w->in->docs++;
        if (w->fn(w->user, doc) != 0) {
            w->in->stop = true;
            w->status = CLI_EXIT_FATAL;
            break;
        }
        show_progress(w, false);
    }
    size_t rejected = dyad_reader_rejected(r);
    dyad_reader_close(r);
    for (size_t i = 0; i < rejected; i++)
        reject(w);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static void walk_path(walk *w, const char *path, int depth);

static void walk_dir(walk *w, const char *path, int depth)
{
    if (depth > CLI_MAX_DIR_DEPTH) {
        cli_errorf("%s: directories nested deeper than %d; skipped", path, CLI_MAX_DIR_DEPTH);
        reject(w);
        return;
    }
    struct dirent **names = NULL;
    int n = scandir(path, &names, NULL, by_name);
    if (n < 0) {
        cli_errorf("%s: %s", path, strerror(errno));
        reject(w);
        return;
    }
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        if (name[0] != '.' && !w->in->stop) {
            char child[PATH_MAX];
            int len = snprintf(child, sizeof child, "%s/%s", path, name);
            if (len < 0 || (size_t)len >= sizeof child) {
                cli_errorf("%s/%s: path too long; skipped", path, name);
                reject(w);
            } else {
                walk_path(w, child, depth + 1);
            }
        }
        free(names[i]);
    }
    free(names);
}

static void walk_path(walk *w, const char *path, int depth)
{
    if (!strcmp(path, "-")) {
        read_one(w, "-");
        return;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        cli_errorf("%s: %s", path, strerror(errno));
        reject(w);
        return;
    }
    if (S_ISDIR(st.st_mode))
        walk_dir(w, path, depth);
    else
        read_one(w, path);
}

int cli_for_each_doc(cli_inputs *in, int n, char **paths, cli_doc_fn fn, void *user)
{
    walk w = {in, fn, user, CLI_EXIT_OK, 0};
    w.last_progress = now_seconds();
    if (in->progress && !isatty(STDERR_FILENO))
        in->progress = false;
    if (n == 0)
        walk_path(&w, "-", 0);
    for (int i = 0; i < n && !in->stop; i++)
        walk_path(&w, paths[i], 0);
    show_progress(&w, true);
    return w.status;
}
