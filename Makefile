# mend — plain GNU make.  `make help` lists the targets.

VERSION    := 0.1.0
PREFIX     ?= /usr/local
DESTDIR    ?=
SHARED     ?= ../shared
OUT        ?= public

# Debian packages the build, the tests and the site need.
DEB_PACKAGES := build-essential pkg-config check \
	libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev \
	liblua5.4-dev libjansson-dev libcurl4-openssl-dev libmicrohttpd-dev \
	libpango1.0-dev libcairo2-dev libqrencode-dev libfontconfig-dev \
	libarchive-dev libunistring-dev libjemalloc-dev fonts-noto-core fonts-noto-cjk

PKGS       := libcmark-gfm libxml-2.0 lua5.4 jansson libcurl pangocairo cairo-pdf \
	libqrencode fontconfig libarchive libmicrohttpd
# Only the tests link these.
TEST_PKGS  := check
# The outside validators of `make check`: Java for the Nu HTML Checker,
# Chromium for axe-core; Debian's Node.js only where no node is installed.
# Their npm packages are pinned in package-lock.json (`npm ci`).
TEST_DEB_PACKAGES := default-jre-headless chromium poppler-utils zbar-tools valgrind unzip
NODE_DEB_PACKAGES := $(if $(shell command -v node),,nodejs npm)
CC         ?= cc
WARNINGS   := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wwrite-strings
ifeq ($(WERROR),1)
WARNINGS   += -Werror
endif
CPPFLAGS   += -iquote generator -MMD -MP -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
	-DMEND_VERSION='"$(VERSION)"'
CFLAGS     ?= -O2 -g
CFLAGS     += -std=c11 $(WARNINGS) -pthread
PKG_CFLAGS  = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# cmark-gfm's extensions library and libunistring (the matcher's Unicode:
# normalisation, case folding, character classes) ship no .pc file.
PKG_LIBS    = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions \
	-lunistring
CHECK_LIBS  = $(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)
# mend itself allocates with jemalloc, on transparent huge pages (main.c
# sets its options): a build touches its memory once, and on 4 KiB pages
# the page faults were a third of a 10,000-page build's time.  Only the
# release binary links it: the sanitizers and valgrind bring their own
# malloc, and the tests need none.
MALLOC_LIBS = $(shell pkg-config --libs jemalloc 2>/dev/null)
SAN_FLAGS  := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all

# Quiet by default; `make V=1` shows the commands.
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-6s %s\n'
endif

# generator/ holds main and the commands; its folders are the wings: lib/
# (buffers, diagnostics, TOML, templates), site/, exercise/, check/, pdf/.
SRCS       := $(wildcard generator/*.c generator/*/*.c)
LIB_SRCS   := $(filter-out generator/main.c,$(SRCS))
TEST_SRCS  := $(wildcard tests/check_*.c)
HARNESS    := tests/harness.c

# build/gen/starter_files.c is made at build time (see "The starter
# project" below); its object goes wherever the generator's objects go.
OBJS       := $(SRCS:%.c=build/%.o) build/gen/starter_files.o
LIB_OBJS   := $(LIB_SRCS:%.c=build/%.o) build/gen/starter_files.o
TESTS      := $(TEST_SRCS:tests/%.c=build/tests/%)
SAN_OBJS   := $(SRCS:%.c=build/san/%.o) build/san/gen/starter_files.o
SAN_LIB    := $(LIB_SRCS:%.c=build/san/%.o) build/san/gen/starter_files.o
SAN_TESTS  := $(TEST_SRCS:tests/%.c=build/san/tests/%)

.PHONY: all deps test-deps site check unit-tests san-tests install uninstall clean \
	format help

all: mend

help:
	@echo "make deps     install the Debian packages mend needs (as root)"
	@echo "make test-deps  and those the tests need: Java, Chromium, npm ci"
	@echo "make          build ./mend"
	@echo "make site     build the default site into $(OUT)/"
	@echo "make check    run every test, the same under ASan/UBSan, then the"
	@echo "              outside validators (vnu, axe-core) on the built guide"
	@echo "make fuzz     run each fuzz target FUZZ_SECONDS (60) with clang's libFuzzer"
	@echo "make install  install into \$$(DESTDIR)\$$(PREFIX) (default $(PREFIX))"
	@echo "make clean    remove build products"

# deps: what building mend and the site needs; test-deps: what the tests
# add (the validators' Java, Chromium, Node.js and npm packages).
deps:
	@sh scripts/deps.sh $(DEB_PACKAGES)

test-deps: deps
	@sh scripts/deps.sh $(TEST_DEB_PACKAGES) $(NODE_DEB_PACKAGES)
	@sh scripts/deps.sh --npm

mend: $(OBJS)
	$(say) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(PKG_LIBS) $(MALLOC_LIBS) -lm

build/%.o: %.c
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

build/tests/%: tests/%.c $(HARNESS) $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(say) TEST $@
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< \
		$(HARNESS) $(LIB_OBJS) $(PKG_LIBS) $(CHECK_LIBS) -lm

build/san/%.o: %.c
	@mkdir -p $(dir $@)
	$(say) SAN-CC $<
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(SAN_FLAGS) $(PKG_CFLAGS) -c -o $@ $<

build/san/mend: $(SAN_OBJS)
	$(say) SAN-LD $@
	$(Q)$(CC) $(CFLAGS) $(SAN_FLAGS) -o $@ $(SAN_OBJS) $(PKG_LIBS) -lm

build/san/tests/%: tests/%.c $(HARNESS) $(SAN_LIB)
	@mkdir -p $(dir $@)
	$(say) SAN-TEST $@
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(SAN_FLAGS) $(PKG_CFLAGS) \
		-o $@ $< $(HARNESS) $(SAN_LIB) $(PKG_LIBS) $(CHECK_LIBS) -lm

site: deps
	@$(MAKE) --no-print-directory mend
	./mend build -o $(OUT)
	@echo "The site is in $(OUT)/: open $(CURDIR)/$(OUT)/index.html"

# Unit tests, conformance suites, then the same tests under the sanitizers.
# tests/run.sh prints check's lines for each suite and the totals last.
check: test-deps
	@$(MAKE) --no-print-directory mend $(TESTS) build/san/mend $(SAN_TESTS)
	@MEND_SHARED=$(SHARED) sh tests/run.sh build $(TESTS:build/%=%) -- \
		$(SAN_TESTS:build/san/%=%)

install: mend
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 mend $(DESTDIR)$(PREFIX)/bin/mend
	install -m 644 mend.1 $(DESTDIR)$(PREFIX)/share/man/man1/mend.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/mend $(DESTDIR)$(PREFIX)/share/man/man1/mend.1

format:
	clang-format -i generator/*.[ch] generator/*/*.[ch] tests/*.c

clean:
	rm -rf build mend

# The starter project (README, "mend new"): `mend new site` writes it from
# inside the binary, so an installed mend needs no other file.
# scripts/embed.c (built with the host's compiler) turns starter/, the calm
# theme itself (so the two never drift) and the shared safety concerns into
# build/gen/starter_files.c, named as site/PATH for the new site's files
# and page.md, section.md, exercise.lua for the templates.  The list of
# files is kept in build/gen/starter_files.list, rewritten only when it
# changes, so that adding or removing a file remakes the source as editing
# one does.
STARTER_SITE  := $(sort $(shell find starter/site -type f))
STARTER_TMPL  := starter/page.md starter/section.md starter/exercise.lua
STARTER_THEME := $(sort $(shell find themes/calm -type f))
# mend serve's live-reload script and overlay style ride along as
# serve/live.js and serve/live.css (serve/http.c serves them).
SERVE_FILES   := generator/serve/live.js generator/serve/live.css
STARTER_IN    := $(STARTER_SITE) $(STARTER_TMPL) $(STARTER_THEME) \
	exercises/lib/concerns.lua $(SERVE_FILES)
STARTER_ARGS  := $(foreach f,$(STARTER_SITE) $(STARTER_TMPL),$(f:starter/%=%)=$(f)) \
	$(foreach f,$(STARTER_THEME),site/$(f)=$(f)) \
	site/exercises/lib/concerns.lua=exercises/lib/concerns.lua \
	$(foreach f,$(SERVE_FILES),$(f:generator/%=%)=$(f))

.PHONY: FORCE
build/gen/starter_files.list: FORCE
	@mkdir -p $(dir $@)
	@echo '$(STARTER_ARGS)' >$@.new
	@if cmp -s $@.new $@; then rm -f $@.new; else mv -f $@.new $@; fi

build/embed: scripts/embed.c
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(CFLAGS) -o $@ $<

build/gen/starter_files.c: build/embed build/gen/starter_files.list $(STARTER_IN)
	$(say) EMBED $@
	$(Q)build/embed $@ $(STARTER_ARGS)

build/gen/starter_files.o: build/gen/starter_files.c
	$(say) CC $<
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

build/san/gen/starter_files.o: build/gen/starter_files.c
	@mkdir -p $(dir $@)
	$(say) SAN-CC $<
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(SAN_FLAGS) -c -o $@ $<

build/fuzz/obj/gen/starter_files.o: build/gen/starter_files.c
	@mkdir -p $(dir $@)
	$(say) FUZZ-CC $<
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(CFLAGS) -fsanitize=fuzzer-no-link,$(FUZZ_SAN) \
		-c -o $@ $<

-include $(OBJS:.o=.d) $(SAN_OBJS:.o=.d)
-include $(TESTS:=.d) $(SAN_TESTS:=.d)

# Fuzzing (README, "Fuzzing"): one libFuzzer target per file of fuzz/,
# built with clang into build/fuzz/.  `make fuzz` runs each for
# FUZZ_SECONDS on one core, from the seeds fuzz/seeds.py makes out of the
# conformance suites and the fixtures; crashers go to fuzz/crashers/TARGET/.
# `make check` replays fuzz/corpus/ and fuzz/crashers/ without clang
# (tests/check_fuzz_replay.c).
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= toml frontmatter markdown template feedback check_page
FUZZ_SAN     := address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_OBJS    := $(LIB_SRCS:%.c=build/fuzz/obj/%.o) \
	build/fuzz/obj/gen/starter_files.o
FUZZ_BINS    := $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)

.PHONY: fuzz fuzz-build
fuzz: fuzz-build
	@sh fuzz/run.sh $(FUZZ_SECONDS) $(SHARED) $(FUZZ_TARGETS)

fuzz-build: $(FUZZ_BINS)

build/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(say) FUZZ-CC $<
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(CFLAGS) -fsanitize=fuzzer-no-link,$(FUZZ_SAN) \
		$(PKG_CFLAGS) -c -o $@ $<

build/fuzz/fuzz_%: fuzz/%.c fuzz/fuzz.h $(FUZZ_OBJS)
	@mkdir -p $(dir $@)
	$(say) FUZZ-LD $@
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(CFLAGS) -fsanitize=fuzzer,$(FUZZ_SAN) \
		$(PKG_CFLAGS) -o $@ $< $(FUZZ_OBJS) $(PKG_LIBS) -lm

# Kept between runs: they are only ever named by the pattern rule above.
.SECONDARY: $(FUZZ_OBJS)

-include $(FUZZ_OBJS:.o=.d)

# Benchmarks (bench/README.md).  bench-check: `mend check` on synthetic
# sites of 1,000 and 10,000 pages (time, peak memory, recall); bench-pdf:
# `mend pdf`, every PDF of the guide (target: under 300 ms); bench-build:
# `mend build` against Hugo and cmark-gfm alone on 1,000 and 10,000 pages
# (time, pages/s, peak memory, ratios); bench-proofer: `mend check` against
# html-proofer on the 10,000-page site (time, recall); bench: every
# benchmark, results in bench/results/.  bench-pathological (not in bench):
# `mend build` on issue 14's pathological pages, at two sizes each (each
# under 1 s, growth linear).
.PHONY: bench bench-check bench-pdf bench-build bench-proofer
.PHONY: bench-pathological bench-serve bench-live bench-search

bench: bench-check bench-pdf bench-build bench-proofer

bench-pdf:
	@$(MAKE) --no-print-directory mend
	sh bench/pdf.sh

bench-check:
	@$(MAKE) --no-print-directory mend
	sh bench/check.sh

bench-build:
	@$(MAKE) --no-print-directory mend
	@sh scripts/deps.sh hugo cmark-gfm hyperfine time
	sh bench/build.sh

bench-proofer:
	@$(MAKE) --no-print-directory mend
	@sh scripts/deps.sh ruby-html-proofer hyperfine time
	sh bench/proofer.sh

bench-pathological:
	@$(MAKE) --no-print-directory mend
	sh bench/pathological.sh

# bench-search (not in bench): what one query loads of the search index on
# the 10,000-page corpus, and what the index adds to a full build.
bench-search:
	@$(MAKE) --no-print-directory mend
	sh bench/search.sh

# bench-serve (not in bench): `mend serve` on the 10,000-page corpus, save
# to reload event and first build against `mend build` (bench/serve-reload.sh),
# then wrk against the guide served by it (bench/serve-load.sh).
bench-serve:
	@$(MAKE) --no-print-directory mend
	sh bench/serve-reload.sh
	sh bench/serve-load.sh

# bench-live (not in bench): live_update after one page's body is edited,
# on the 10,000-page corpus (median of 20 edits; target: under 100 ms).
bench-live:
	@$(MAKE) --no-print-directory mend
	sh bench/live-update.sh
