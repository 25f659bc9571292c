# cs: customer-service filters for online shops.  GNU make.
#
#   make            build the five tools into $(O)/bin
#   make demo       run the tools as a pipeline on data/samples
#   make check      build and run every test, then again under ASan+UBSan
#   make check-all  check, then the slow tests and a valgrind pass
#   make bench      benchmarks (bench/run)
#   make eval       accuracy on the labelled development sets
#   make cv         how cs-reviewsort's model settings were chosen
#   make install    PREFIX=/usr/local DESTDIR=

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share
# Completions go where each shell looks by default for the prefix: bash
# (bash-completion) reads $(DATADIR)/bash-completion/completions for
# /usr/local and /usr; zsh on Debian reads /usr/local/share/zsh/site-functions
# and /usr/share/zsh/vendor-completions; fish reads the directory its
# pkg-config file names (or its own data directory), whatever the prefix.
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR  ?= $(if $(filter /usr,$(PREFIX)),$(DATADIR)/zsh/vendor-completions,$(DATADIR)/zsh/site-functions)
FISHCOMPDIR ?= $(shell sh build-aux/fishdir.sh $(DATADIR))
O       ?= build
CC      ?= cc
VERSION  = 0.1.0

TOOLS = cs-shipcost cs-eta cs-reviewsort cs-lint cs-stats

# The project's flags are composed around the user's CFLAGS, never replaced
# by them, so `make CFLAGS=-O0` keeps the warning set.
WARN = -Wall -Wextra -pedantic -Wstrict-prototypes -Wmissing-prototypes \
       -Wold-style-definition -Wpointer-arith -Wvla -Wwrite-strings \
       -Wformat-security -fno-common
CFLAGS ?= -O2 -g
ifneq ($(SANITIZE),)
SANFLAGS = -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
endif
ifeq ($(DEVELOPER),1)
WARN += -Werror
endif
ALL_CFLAGS  = -std=c11 $(WARN) $(CFLAGS) $(SANFLAGS) -MMD -MP
ALL_CPPFLAGS = -D_GNU_SOURCE -DCS_VERSION='"$(VERSION)"' -Ilib -I$(O)/gen $(CPPFLAGS)
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)
CSV_LIBS ?= -lcsv
LINEAR_LIBS ?= -llinear
Z_LIBS ?= -lz
LIBS = $(CSV_LIBS) $(Z_LIBS) -lm $(LDLIBS)

LIB_SRC  = $(sort $(wildcard lib/*/*.c))
LIB_OBJ  = $(LIB_SRC:%.c=$(O)/%.o) $(O)/gen/embed.o
CMD_SRC  = $(sort $(wildcard cmd/*.c))
BINS     = $(CMD_SRC:cmd/%.c=$(O)/bin/%)
TEST_SRC = $(sort $(wildcard tests/lib/test_*.c))
TEST_BINS = $(TEST_SRC:tests/lib/%.c=$(O)/tests/%)

# Data files compiled into every binary (see lib/io/embed.h).  The t2s table is
# generated from OpenCC at build time.
EMBED = $(sort $(wildcard data/*.csv data/*.tsv data/*.txt)) $(O)/gen/t2s.tsv
# cs-reviewsort alone carries its labelled reviews (for --train-merge) and
# the model the build trains from them, in a table of their own.
# The labelled reviews are kept in parts of under 2 MB (data/train/); the
# build joins them into one file, the header once.
RS_PARTS = $(sort $(wildcard data/train/reviews-labelled-*.csv))
RS_TRAIN = $(O)/gen/reviews-labelled.csv
RS_MODEL = $(O)/gen/reviews-model.bin

.PHONY: all check check-all check-fast check-deps check-all-deps tests demo bench eval cv install uninstall clean deps fuzz
.DELETE_ON_ERROR:
# Keep intermediate objects (cmd and test .o files): no "rm" after the
# test summary, and no rebuilds.
.SECONDARY:

all: deps $(BINS)

# --- build dependencies -------------------------------------------------
# A missing library is installed with apt-get when we are root, otherwise
# the build stops and says what to run.
deps: $(O)/.deps-ok
$(O)/.deps-ok:
	@CC='$(CC)' CSV_LIBS='$(CSV_LIBS)' Z_LIBS='$(Z_LIBS)' sh build-aux/deps.sh build
	@mkdir -p $(@D) && touch $@
# What the tests run (mandoc, python3, clang with libFuzzer, the shells of
# the completion test, ...), found and installed the same way.
check-deps:
	@CC='$(CC)' CSV_LIBS='$(CSV_LIBS)' Z_LIBS='$(Z_LIBS)' sh build-aux/deps.sh check
check-all-deps:
	@CC='$(CC)' CSV_LIBS='$(CSV_LIBS)' Z_LIBS='$(Z_LIBS)' sh build-aux/deps.sh check-all

# --- embedded data --------------------------------------------------------
$(O)/gen/t2s.tsv: build-aux/gen-t2s.sh | $(O)/.deps-ok
	@mkdir -p $(@D)
	sh build-aux/gen-t2s.sh > $@.tmp && mv $@.tmp $@

$(O)/gen/embed.S: build-aux/gen-embed.sh $(EMBED) Makefile
	@mkdir -p $(@D)
	sh build-aux/gen-embed.sh $(EMBED) > $@

$(O)/gen/embed.o: $(O)/gen/embed.S
	$(CC) $(SANFLAGS) -c -o $@ $<

# cs-reviewsort's model, trained at build time: a first-stage
# cs-reviewsort without a model (the lexicon decides; it has the labelled
# reviews) runs --train on the train split of $(RS_TRAIN), and the final
# binary embeds what it wrote.  Training is deterministic, so the same
# data give the same model byte for byte.
$(RS_TRAIN): $(RS_PARTS)
	@mkdir -p $(@D)
	awk 'FNR > 1 || NR == 1' $(RS_PARTS) > $@.tmp && mv $@.tmp $@

$(O)/gen/embed-rs0.S: build-aux/gen-embed.sh $(RS_TRAIN) Makefile
	@mkdir -p $(@D)
	sh build-aux/gen-embed.sh -t cs_embed_rs $(RS_TRAIN) > $@

$(O)/gen/embed-rs.S: build-aux/gen-embed.sh $(RS_TRAIN) $(RS_MODEL) Makefile
	@mkdir -p $(@D)
	sh build-aux/gen-embed.sh -t cs_embed_rs $(RS_TRAIN) $(RS_MODEL) > $@

$(O)/gen/embed-rs%.o: $(O)/gen/embed-rs%.S
	$(CC) $(SANFLAGS) -c -o $@ $<

$(O)/stage0/cs-reviewsort: $(O)/cmd/cs-reviewsort.o $(O)/libcs.a $(O)/gen/embed-rs0.o
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS) $(LINEAR_LIBS)

$(RS_MODEL): $(O)/stage0/cs-reviewsort $(RS_TRAIN)
	$(O)/stage0/cs-reviewsort --train -o $@.tmp $(RS_TRAIN) && mv $@.tmp $@

# --- library and tools ------------------------------------------------------
$(O)/lib/%.o: lib/%.c | $(O)/.deps-ok
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(O)/cmd/%.o: cmd/%.c | $(O)/.deps-ok
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(O)/libcs.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(O)/bin/%: $(O)/cmd/%.o $(O)/libcs.a
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(O)/libcs.a $(LIBS)

$(O)/bin/cs-reviewsort: $(O)/cmd/cs-reviewsort.o $(O)/libcs.a $(O)/gen/embed-rs.o
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS) $(LINEAR_LIBS)

$(O)/tests/%.o: tests/lib/%.c | $(O)/.deps-ok
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -Itests/lib $(ALL_CFLAGS) -Wno-missing-prototypes -c -o $@ $<

$(O)/tests/test_%: $(O)/tests/test_%.o $(O)/libcs.a $(O)/gen/embed-rs.o
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS) $(LINEAR_LIBS)

# The cross-validation behind rvm_default_params (tests/eval/rv-cv.c):
# the train split only.
$(O)/tests/rv-cv: tests/eval/rv-cv.c $(O)/libcs.a $(O)/gen/embed-rs.o | $(O)/.deps-ok
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -Wno-missing-prototypes -o $@ \
	    $(filter %.c %.a %.o,$^) $(LIBS) $(LINEAR_LIBS)

cv: $(O)/tests/rv-cv
	$(O)/tests/rv-cv $(RS_TRAIN)

# --- tests ------------------------------------------------------------------
# `make check` runs the suite twice: a plain build, then ASan+UBSan (which
# leaves out fuzz/smoke.t: it builds its own sanitized harnesses).
# `make check-all` adds the slow tests (tests/*/*.slow.t) and a pass with
# the golden cases with every tool under valgrind.  CS_NO_SKIP=1 makes a skipped test fail.
# The sub-makes build in parallel unless make already runs with -j.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
SUBJ = $(if $(findstring jobserver,$(MAKEFLAGS)),,-j$(JOBS))
check: check-deps
	@$(MAKE) --no-print-directory $(SUBJ) check-fast
	@$(MAKE) --no-print-directory $(SUBJ) O=$(O)/san SANITIZE=address,undefined CFLAGS='-O1 -g' \
	    CS_EXCLUDE=fuzz/smoke.t check-fast

check-all: check-all-deps
	@$(MAKE) --no-print-directory check
	@$(MAKE) --no-print-directory $(SUBJ) CS_SUITE=slow check-fast
	@$(MAKE) --no-print-directory $(SUBJ) VALGRIND=1 CS_KINDS=golden check-fast

# Build the tools and the unit-test programs without running anything.
tests: $(BINS) $(TEST_BINS)

check-fast: $(BINS) $(TEST_BINS)
	@O=$(O) VALGRIND=$(VALGRIND) CS_SUITE=$(CS_SUITE) CS_EXCLUDE='$(CS_EXCLUDE)' CS_KINDS='$(CS_KINDS)' \
	    CS_TEST_JOBS=$(JOBS) PREFIX=$(PREFIX) sh tests/run

demo: all
	@O=$(O) sh data/samples/demo.sh

bench: all
	@O=$(O) sh bench/run

eval: all
	@O=$(O) sh tests/eval/run

fuzz:
	@$(MAKE) --no-print-directory -f fuzz/Makefile O=$(O)/fuzz FUZZ_SECONDS=$(FUZZ_SECONDS)

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7
	for t in $(TOOLS); do install -m 755 $(O)/bin/$$t $(DESTDIR)$(BINDIR)/$$t; done
	for m in man/*.1; do install -m 644 $$m $(DESTDIR)$(MANDIR)/man1/; done
	for m in man/*.7; do install -m 644 $$m $(DESTDIR)$(MANDIR)/man7/; done
	mkdir -p $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 644 completions/bash/cs $(DESTDIR)$(BASHCOMPDIR)/cs
	for t in $(TOOLS); do ln -sf cs $(DESTDIR)$(BASHCOMPDIR)/$$t; done
	install -m 644 completions/zsh/_cs $(DESTDIR)$(ZSHCOMPDIR)/_cs
	for f in completions/fish/*.fish; do install -m 644 $$f $(DESTDIR)$(FISHCOMPDIR)/; done

# Removes every file install writes (tests/install/install.t checks that
# nothing is left).
uninstall:
	for t in $(TOOLS); do rm -f $(DESTDIR)$(BINDIR)/$$t $(DESTDIR)$(MANDIR)/man1/$$t.1 \
	  $(DESTDIR)$(BASHCOMPDIR)/$$t $(DESTDIR)$(FISHCOMPDIR)/$$t.fish; done
	rm -f $(DESTDIR)$(MANDIR)/man7/cs.7 $(DESTDIR)$(BASHCOMPDIR)/cs \
	  $(DESTDIR)$(ZSHCOMPDIR)/_cs $(DESTDIR)$(FISHCOMPDIR)/cs-common.fish

clean:
	rm -rf $(O)

-include $(wildcard $(O)/lib/*/*.d $(O)/cmd/*.d $(O)/tests/*.d)
