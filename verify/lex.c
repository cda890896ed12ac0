/*
 * lex.c: the tokens of the policy and platform languages.  Comments run
 * from '#' to the end of the line.  A name is letters, digits and '_',
 * and may hold dots between such runs ("RFileSystem.write"); "·" (U+00B7)
 * is the sequence operator as '.' is.  Strings are C strings with the
 * escapes strace prints, kept in strace's escaped form so they compare
 * with the values of a log as they are.
 */
#include <stdarg.h>
#include <string.h>

#include "internal.h"
#include "trace/trace.h"

G_DEFINE_QUARK(policy-error-quark, policy_error)

void
lex_init(struct lexer *lx, const char *name, const char *buf, size_t len)
{
	memset(lx, 0, sizeof(*lx));
	lx->name = name;
	lx->p = buf;
	lx->end = buf + len;
	lx->line_start = buf;
	lx->line = 1;
}

void
lex_clear(struct lexer *lx)
{
	g_free(lx->str);
	lx->str = NULL;
	g_clear_error(&lx->err);
}

void
lex_error(struct lexer *lx, unsigned line, unsigned col, int code,
    const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (lx->err != NULL)
		return;
	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_set_error(&lx->err, POLICY_ERROR, code, "%s:%u:%u: %s", lx->name,
	    line, col, msg);
	g_free(msg);
}

char *
lex_describe(const struct lexer *lx)
{
	GString *s;

	if (lx->tok == TOK_EOF)
		return g_strdup("the end of the file");
	s = g_string_new(lx->tok == TOK_IDENT ? "name '" :
	    lx->tok == TOK_STRING ? "string '" : lx->tok == TOK_NUMBER ?
	    "number '" : "'");
	trace_escape_bytes(s, lx->tstart, MIN(lx->tlen, 40));
	if (lx->tlen > 40)
		g_string_append(s, "...");
	g_string_append_c(s, '\'');
	return g_string_free(s, FALSE);
}

void
lex_expected(struct lexer *lx, const char *what)
{
	char *found = lex_describe(lx);

	lex_error(lx, lx->tline, lx->tcol, POLICY_ERROR_SYNTAX,
	    "expected %s, found %s", what, found);
	g_free(found);
}

bool
lex_enter(struct lexer *lx, const char *what)
{
	if (++lx->depth <= POLICY_MAX_DEPTH)
		return true;
	lex_error(lx, lx->tline, lx->tcol, POLICY_ERROR_SYNTAX, "%s nested "
	    "too deeply: expected at most %d levels, found more", what,
	    POLICY_MAX_DEPTH);
	return false;
}

void
lex_leave(struct lexer *lx)
{
	g_assert(lx->depth > 0);
	lx->depth--;
}

static bool
is_name(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

static void
skip_space(struct lexer *lx)
{
	while (lx->p < lx->end) {
		char c = *lx->p;

		if (c == '\n') {
			lx->line++;
			lx->line_start = ++lx->p;
		} else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
			lx->p++;
		} else if (c == '#') {
			while (lx->p < lx->end && *lx->p != '\n')
				lx->p++;
		} else {
			break;
		}
	}
}

/* A string: "..." with escapes; its canonical form goes to lx->str. */
static void
lex_string(struct lexer *lx)
{
	const char *s = lx->p + 1, *q = s;
	char *raw;
	size_t n;
	GString *canon;

	while (q < lx->end && *q != '"' && *q != '\n') {
		if (*q == '\\' && q + 1 < lx->end && q[1] != '\n')
			q++;
		q++;
	}
	if (q >= lx->end || *q != '"') {
		lx->tok = TOK_BAD;
		lx->tlen = (size_t)(q - lx->tstart);
		lex_error(lx, lx->tline, lx->tcol, POLICY_ERROR_SYNTAX,
		    "a string that does not end on its line");
		lx->p = q;
		return;
	}
	raw = g_malloc((size_t)(q - s) + 1);
	n = trace_unescape(s, (size_t)(q - s), raw);
	canon = g_string_sized_new(n + 8);
	trace_escape_bytes(canon, raw, n);
	g_free(raw);
	g_free(lx->str);
	lx->str = g_string_free(canon, FALSE);
	lx->tok = TOK_STRING;
	lx->p = q + 1;
	lx->tlen = (size_t)(lx->p - lx->tstart);
}

static void
lex_number(struct lexer *lx)
{
	const char *q = lx->p;
	bool neg = false, hex = false;
	guint64 v = 0;
	bool overflow = false;

	if (*q == '-') {
		neg = true;
		q++;
	}
	if (q + 1 < lx->end && q[0] == '0' && (q[1] == 'x' || q[1] == 'X')) {
		hex = true;
		q += 2;
	}
	for (; q < lx->end && g_ascii_isxdigit(*q) &&
	    (hex || g_ascii_isdigit(*q)); q++) {
		guint d = (guint)g_ascii_xdigit_value(*q);
		guint base = hex ? 16 : 10;

		if (v > (G_MAXUINT64 - d) / base)
			overflow = true;
		v = v * base + d;
	}
	if (overflow || (!hex && v > (guint64)G_MAXINT64 + neg)) {
		lx->tok = TOK_BAD;
		lx->tlen = (size_t)(q - lx->tstart);
		lex_error(lx, lx->tline, lx->tcol, POLICY_ERROR_SYNTAX,
		    "a number too large for 64 bits");
		lx->p = q;
		return;
	}
	lx->num = neg ? (int64_t)(0 - v) : (int64_t)v;
	lx->tok = TOK_NUMBER;
	lx->p = q;
	lx->tlen = (size_t)(q - lx->tstart);
}

void
lex_next(struct lexer *lx)
{
	const char *p;
	char c;

	skip_space(lx);
	lx->tstart = lx->p;
	lx->tline = lx->line;
	lx->tcol = (unsigned)(lx->p - lx->line_start) + 1;
	lx->tlen = 1;
	if (lx->p >= lx->end) {
		lx->tok = TOK_EOF;
		lx->tlen = 0;
		return;
	}
	p = lx->p;
	c = *p;
	if (is_name((unsigned char)c) && !g_ascii_isdigit(c)) {
		while (p < lx->end && (is_name((unsigned char)*p) ||
		    (*p == '.' && p + 1 < lx->end &&
		    is_name((unsigned char)p[1]) && is_name((unsigned char)p[-1]))))
			p++;
		lx->tok = TOK_IDENT;
		lx->tlen = (size_t)(p - lx->p);
		lx->p = p;
		return;
	}
	if (g_ascii_isdigit(c) || (c == '-' && p + 1 < lx->end &&
	    g_ascii_isdigit(p[1]))) {
		lex_number(lx);
		return;
	}
	if (c == '"') {
		lex_string(lx);
		return;
	}
	if ((unsigned char)c == 0xc2 && p + 1 < lx->end &&
	    (unsigned char)p[1] == 0xb7) {
		lx->tok = TOK_DOT;
		lx->tlen = 2;
		lx->p += 2;
		return;
	}
#define TWO(a, b, t) if (c == (a) && p + 1 < lx->end && p[1] == (b)) { \
		lx->tok = (t); lx->tlen = 2; lx->p += 2; return; }
	TWO('|', '|', TOK_OROR)
	TWO('&', '&', TOK_ANDAND)
	TWO('=', '=', TOK_EQ)
	TWO('!', '=', TOK_NE)
	TWO('<', '=', TOK_LE)
	TWO('>', '=', TOK_GE)
	TWO('-', '>', TOK_ARROW)
#undef TWO
	lx->p++;
	switch (c) {
	case '(': lx->tok = TOK_LPAREN; return;
	case ')': lx->tok = TOK_RPAREN; return;
	case ',': lx->tok = TOK_COMMA; return;
	case ';': lx->tok = TOK_SEMI; return;
	case ':': lx->tok = TOK_COLON; return;
	case '*': lx->tok = TOK_STAR; return;
	case '+': lx->tok = TOK_PLUS; return;
	case '?': lx->tok = TOK_QUESTION; return;
	case '.': lx->tok = TOK_DOT; return;
	case '|': lx->tok = TOK_BAR; return;
	case '!': lx->tok = TOK_NOT; return;
	case '~': lx->tok = TOK_TILDE; return;
	case '<': lx->tok = TOK_LT; return;
	case '>': lx->tok = TOK_GT; return;
	case '=': lx->tok = TOK_ASSIGN; return;
	default:
		lx->tok = TOK_BAD;
		return;
	}
}
