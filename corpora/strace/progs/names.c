/*
 * names.c: file names with spaces, quotes, a backslash, a newline, , ) ] > <
 * = and bytes that are not UTF-8, in DIR (argv[1]).  Each is created,
 * written, stat'ed, renamed and unlinked.  The names, C-escaped as strace
 * escapes them, are written to argv[2], one per line.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const names[] = {
	"with space",
	"double\"quote",
	"back\\slash",
	"new\nline",
	"comma, paren) bracket] gt> lt< eq=",
	"a) = 3",
	"\xff\xfe not utf-8",
	"tab\there",
};

static void
escape(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char c = *s;
		if (c == '\n') fputs("\\n", f);
		else if (c == '\t') fputs("\\t", f);
		else if (c == '\\') fputs("\\\\", f);
		else if (c == '"') fputs("\\\"", f);
		else if (c < 0x20 || c >= 0x7f) fprintf(f, "\\x%02x", c);
		else fputc(c, f);
	}
}

int
main(int argc, char **argv)
{
	char path[512], moved[600];
	struct stat st;
	FILE *truth = argc > 2 ? fopen(argv[2], "w") : NULL;

	if (argc < 2)
		return 2;
	mkdir(argv[1], 0755);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", argv[1], names[i]);
		snprintf(moved, sizeof(moved), "%s.moved", path);
		int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0)
			return 1;
		(void)write(fd, names[i], strlen(names[i]));
		close(fd);
		stat(path, &st);
		rename(path, moved);
		unlink(moved);
		if (truth != NULL) {
			escape(truth, path);
			fputc('\n', truth);
		}
	}
	rmdir(argv[1]);
	if (truth != NULL)
		fclose(truth);
	return 0;
}
