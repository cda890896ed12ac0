# tests/fuzz/fuzz.mk: builds the libFuzzer targets with clang into
# build/fuzz/ (apt-get install clang).  Run them with tests/fuzz/run.
CC = clang
PKGS = glib-2.0 gio-2.0
CFLAGS = -std=gnu11 -g -O1 -D_GNU_SOURCE -I. $(shell pkg-config --cflags $(PKGS)) \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
LIBS = $(shell pkg-config --libs $(PKGS))
SRCS = $(wildcard trace/*.c)
OUT = build/fuzz

all: $(OUT)/fuzz_strace $(OUT)/fuzz_value

$(OUT)/%: tests/fuzz/%.c $(SRCS)
	@mkdir -p $(OUT)
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)
