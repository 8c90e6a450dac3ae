# dyad — build, test, install.  Plain make with pkg-config.
#
#   make            release build: build/release/{dyad,libdyad.a,libdyad.so}
#   make demo       install missing Debian packages, build, code examples/
#   make check      install missing packages, build with ASan+UBSan, run all tests
#   make fuzz       build the libFuzzer targets (clang) and run each briefly
#   make bench      run the benchmarks in bench/ (needs ../shared)
#   make leakcheck  run the unit tests under valgrind
#   make install PREFIX=/usr/local
#
# Sources are found by wildcard: a new .c file in a layer folder is built
# without editing this file.

PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
SHARED ?= ../shared

PKGS := libutf8proc libcjson zlib libzstd expat sqlite3 libpq libxxhash
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wno-unused-parameter
BASE_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
        -DDYAD_DATA_DIR='"$(PREFIX)/share/dyad"' \
        -Iinclude -Isrc $(PKG_CFLAGS) -fPIC -MMD -MP
LIBS := $(PKG_LIBS) -lm -lpthread

# Layers in dependency order; each folder may include only earlier ones.
LAYERS := core text syntax lexicon coder output store
LIB_SRC := $(foreach l,$(LAYERS),$(wildcard src/$(l)/*.c))
CLI_SRC := $(wildcard src/cli/*.c)
TEST_SRC := $(wildcard tests/unit/test_*.c)
FUZZ_SRC := $(wildcard fuzz/fuzz_*.c)
BENCH_SRC := $(wildcard bench/bench_*.c)

MODE ?= release
ifeq ($(MODE),asan)
  MODE_CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
                 -fno-sanitize-recover=all
  MODE_LDFLAGS := -fsanitize=address,undefined
else ifeq ($(MODE),debug)
  MODE_CFLAGS := -O0 -g
  MODE_LDFLAGS :=
else
  MODE_CFLAGS := -O2 -g
  MODE_LDFLAGS :=
endif

BUILD_DIR ?= build/$(MODE)
B := $(BUILD_DIR)
CFLAGS_ALL := $(BASE_CFLAGS) $(MODE_CFLAGS) $(CFLAGS)
LIB_OBJ := $(LIB_SRC:%.c=$(B)/obj/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(B)/obj/%.o)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(B)/tests/%)
REPLAY_BIN := $(FUZZ_SRC:fuzz/%.c=$(B)/replay/%)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(B)/bench/%)

.PHONY: all lib deps demo check test unit cli-tests conformance fuzz fuzz-build bench man3 \
        leakcheck install uninstall clean format lint model man docs-check

all: $(B)/dyad $(B)/libdyad.a $(B)/libdyad.so

lib: $(B)/libdyad.a

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(B)/libdyad.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(B)/libdyad.so: $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,libdyad.so.0 $(MODE_LDFLAGS) -o $@ $^ $(LIBS)

$(B)/dyad: $(CLI_OBJ) $(B)/libdyad.a
	$(CC) $(MODE_LDFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(B)/libdyad.a $(LIBS)

$(B)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(B)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests/unit $(MODE_LDFLAGS) -o $@ $< $(B)/libdyad.a \
	    $(LIBS) $(shell pkg-config --libs cmocka)

# Fuzz targets built as plain programs that replay files: make check runs
# every saved input in fuzz/corpus through them without needing clang.
$(B)/replay/%: fuzz/%.c fuzz/replay_main.c $(wildcard fuzz/*.h) $(B)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(MODE_LDFLAGS) -o $@ $< fuzz/replay_main.c $(B)/libdyad.a $(LIBS)

$(B)/bench/%: bench/%.c $(B)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(MODE_LDFLAGS) -o $@ $< $(B)/libdyad.a $(LIBS)

# ---- set-up and the two README commands ----

deps:
	@scripts/install-deps

demo: deps
	@$(MAKE) --no-print-directory all
	$(B)/dyad code --stats examples/press-release-baku.txt

check: deps
	@$(MAKE) --no-print-directory MODE=asan test

# The test suite proper (assumes packages are present).
# T=pattern limits the run to matching test programs, e.g. T=read_jsonl.
test: all $(TEST_BIN) $(REPLAY_BIN)
	@DYAD_BUILD=$(B) DYAD_MODE=$(MODE) SHARED=$(SHARED) tests/run-all $(T)

leakcheck: MODE=debug
leakcheck:
	@$(MAKE) --no-print-directory MODE=debug all $(patsubst tests/unit/%.c,build/debug/tests/%,$(TEST_SRC))
	@DYAD_BUILD=build/debug SHARED=$(SHARED) DYAD_VALGRIND=1 tests/run-all --unit-only

fuzz:
	@scripts/run-fuzz $(or $(FUZZ_SECONDS),30)

bench: all $(BENCH_BIN)
	@SHARED=$(SHARED) DYAD_BUILD=$(B) bench/run

# Retrains the syntax model (tagger, lemmatizer, parser) from UD English
# EWT in $(SHARED); a normal build never needs it (docs/syntax.md).
EWT := $(SHARED)/data/ud-english-ewt
# Unlabelled text for capitalization classes and word clusters: only corpora whose terms
# allow redistributing derived data (public domain, CC BY 4.0); Reuters-21578
# is research-use-only and is left out on purpose.
UNLABELED := $(SHARED)/corpora/whitehouse_briefing_room/whitehouse_briefing_room.jsonl,$\
$(SHARED)/corpora/kremlin_ukraine_press_2021_2022/kremlin_ukraine_press_2021_2022.jsonl
model: $(B)/dyad
	@test -f $(EWT)/en_ewt-ud-train.conllu || { echo "make model: $(EWT) not found"; exit 1; }
	$(B)/dyad train --seed 1 --train $(EWT)/en_ewt-ud-train.conllu \
	    --dev $(EWT)/en_ewt-ud-dev.conllu --with-dev --out data/models/en_ewt.dyadsyn \
	    --unlabeled $(UNLABELED)
	$(B)/dyad eval-syntax --model data/models $(EWT)/en_ewt-ud-test.conllu

# ---- install ----

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include \
	    $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/dyad
	install -m 755 $(B)/dyad $(DESTDIR)$(PREFIX)/bin/dyad
	install -m 644 $(B)/libdyad.a $(DESTDIR)$(PREFIX)/lib/libdyad.a
	install -m 755 $(B)/libdyad.so $(DESTDIR)$(PREFIX)/lib/libdyad.so.0
	ln -sf libdyad.so.0 $(DESTDIR)$(PREFIX)/lib/libdyad.so
	install -m 644 include/dyad.h $(DESTDIR)$(PREFIX)/include/dyad.h
	install -m 644 man/dyad.1 $(DESTDIR)$(PREFIX)/share/man/man1/dyad.1
	install -d $(DESTDIR)$(PREFIX)/share/man/man3
	install -m 644 man/dyad.3 $(DESTDIR)$(PREFIX)/share/man/man3/dyad.3
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(shell sed -n 's/^#define DYAD_VERSION "\(.*\)"/\1/p' include/dyad.h)|g' \
	    -e 's|@REQUIRES@|$(PKGS)|g' dyad.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/dyad.pc
	cp -r data/. $(DESTDIR)$(PREFIX)/share/dyad/
	find $(DESTDIR)$(PREFIX)/share/dyad -name '.dyad-lexicon.cache' -delete

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/dyad $(DESTDIR)$(PREFIX)/lib/libdyad.* \
	    $(DESTDIR)$(PREFIX)/include/dyad.h $(DESTDIR)$(PREFIX)/share/man/man1/dyad.1 \
	    $(DESTDIR)$(PREFIX)/share/man/man3/dyad.3 \
	    $(DESTDIR)$(PREFIX)/lib/pkgconfig/dyad.pc
	rm -rf $(DESTDIR)$(PREFIX)/share/dyad

# The library manual is generated from the header's comments and committed
# (a normal build needs no Python); tests/docs/run-docs-check fails when stale.
man3:
	python3 gen/man3.py include/dyad.h > man/dyad.3

format:
	clang-format -i $(LIB_SRC) $(CLI_SRC) $(TEST_SRC) $(FUZZ_SRC) include/dyad.h src/*/*.h

lint:
	cppcheck --quiet --error-exitcode=1 --std=c11 -Iinclude -Isrc \
	    --suppress=missingIncludeSystem src

clean:
	rm -rf build

# The CAMEO code table is generated from our facts table (committed).
src/lexicon/cameo_table.c: data/cameo.tsv scripts/gen-cameo-table
	scripts/gen-cameo-table > $@.tmp && mv $@.tmp $@

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
