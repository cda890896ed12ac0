# tests/fuzz/fuzz.mk: builds the libFuzzer targets with clang into
# build/fuzz/ (apt-get install clang).  Run them with tests/fuzz/run.
# Run from the top of the tree: automata/modelfile.c builds in
# docs/efsa.rng with .incbin, by a path relative to it.
CC = clang
PKGS = glib-2.0 gio-2.0
CFLAGS = -std=gnu11 -g -O1 -D_GNU_SOURCE -I. $(shell pkg-config --cflags $(PKGS)) \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
LIBS = $(shell pkg-config --libs $(PKGS))
SRCS = $(wildcard trace/*.c)
OUT = build/fuzz

# fuzz_model: the model file reader and writer and the automaton operations
MODEL_PKGS = glib-2.0 gio-2.0 libxml-2.0
MODEL_CFLAGS = -std=gnu11 -g -O1 -D_GNU_SOURCE -I. \
	$(shell pkg-config --cflags $(MODEL_PKGS)) \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
MODEL_LIBS = $(shell pkg-config --libs $(MODEL_PKGS))
MODEL_SRCS = $(wildcard automata/*.c)

all: $(OUT)/fuzz_strace $(OUT)/fuzz_value $(OUT)/fuzz_model $(OUT)/fuzz_policy \
    $(OUT)/fuzz_x11 $(OUT)/fuzz_labels $(OUT)/fuzz_context $(OUT)/fuzz_apparmor \
    $(OUT)/fuzz_textproto

# fuzz_labels: the labels and resource-access trace readers (trace/), the
# set-equation solver (mining/solve.c over mining/accessset.c), the check
# of labels (mining/relabel.c), the verdicts (mining/verdict.c)
# and the fingerprints reader of tracemine match (mining/fingerprints.c,
# which reads XML through automata/xmlread.c, libxml2, and JSON through
# json-glib)
LABELS_SRCS = mining/solve.c mining/accessset.c mining/match.c \
	mining/fingerprints.c mining/relabel.c mining/verdict.c \
	automata/xmlread.c
LABELS_PKGS = $(MODEL_PKGS) json-glib-1.0
$(OUT)/fuzz_labels: tests/fuzz/fuzz_labels.c $(SRCS) $(LABELS_SRCS) \
    $(wildcard trace/*.h) mining/solve.h mining/match.h mining/relabel.h \
    mining/verdict.h automata/efsa.h
	@mkdir -p $(OUT)
	$(CC) $(MODEL_CFLAGS) $(shell pkg-config --cflags json-glib-1.0) \
	    -o $@ tests/fuzz/fuzz_labels.c $(SRCS) $(LABELS_SRCS) \
	    $(shell pkg-config --libs $(LABELS_PKGS))

# fuzz_context: the context readers and concept analysis (mining/ over
# trace/)
CONTEXT_SRCS = mining/context.c mining/contextfile.c mining/fcbo.c \
	mining/lattice.c mining/accessset.c
$(OUT)/fuzz_context: tests/fuzz/fuzz_context.c $(SRCS) $(CONTEXT_SRCS) \
    mining/concepts.h mining/internal.h
	@mkdir -p $(OUT)
	$(CC) $(CFLAGS) -o $@ tests/fuzz/fuzz_context.c $(SRCS) \
	    $(CONTEXT_SRCS) $(LIBS)

# fuzz_policy: the policy and platform parsers; fuzz_apparmor: the AppArmor
# reader with its includes in a file system the input holds (both verify/
# over trace/; the Linux platform interface is built in with .incbin)
$(OUT)/fuzz_policy $(OUT)/fuzz_apparmor: $(OUT)/%: tests/fuzz/%.c $(SRCS) \
    $(wildcard verify/*.c) $(wildcard verify/*.h) $(MODEL_SRCS) \
    verify/linux.platform verify/constants.def
	@mkdir -p $(OUT)
	$(CC) $(MODEL_CFLAGS) -o $@ $< $(SRCS) $(wildcard verify/*.c) \
	    $(MODEL_SRCS) $(MODEL_LIBS) $(shell pkg-config --libs gio-2.0)

# fuzz_model: the model file reader and writer and the automaton
# operations (automata/ alone: it reads no files and links nothing of trace/)
$(OUT)/fuzz_model: tests/fuzz/fuzz_model.c $(MODEL_SRCS) \
    $(wildcard automata/*.h) docs/efsa.rng
	@mkdir -p $(OUT)
	$(CC) $(MODEL_CFLAGS) -o $@ tests/fuzz/fuzz_model.c $(MODEL_SRCS) \
	    $(MODEL_LIBS)

# fuzz_strace: the reader with lines limited to 4 KiB, so that inputs the
# fuzzer can make reach the long-line error (64 MiB in the tools)
$(OUT)/fuzz_strace: tests/fuzz/fuzz_strace.c $(SRCS) $(wildcard trace/*.h)
	@mkdir -p $(OUT)
	$(CC) $(CFLAGS) -DINPUT_MAX_LINE=4096u -o $@ tests/fuzz/fuzz_strace.c \
	    $(SRCS) $(LIBS)

$(OUT)/%: tests/fuzz/%.c $(SRCS)
	@mkdir -p $(OUT)
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)
