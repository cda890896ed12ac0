/*
 * xmlread.c: XML read the one way the suite reads it (efsa.h), for the
 * model reader (modelfile.c) and the fingerprints reader of tracemine
 * match (mining/match.c).
 *
 * Neither format has a DTD, and a DTD is all that makes XML dangerous to
 * read: an internal entity referenced a few thousand times expands to
 * gigabytes (each reference is copied again wherever its text is asked
 * for), an external one reads any file, and an external subset a URL.  So
 * the document type declaration is refused as soon as the parser meets
 * it, before its internal subset is read: libxml2 calls the SAX handler's
 * internalSubset for every DOCTYPE, with or without a subset, and the
 * handler stops the parser.  Without a DTD the only entities left are the
 * five predefined ones and character references, whose text is no longer
 * than the reference; an undeclared one is a fatal error in libxml2.  The
 * options keep the rest shut (no XML_PARSE_NOENT, XML_PARSE_DTDLOAD,
 * XML_PARSE_DTDATTR, XML_PARSE_DTDVALID or XML_PARSE_XINCLUDE, and
 * XML_PARSE_NONET), with XML_PARSE_NO_XXE too where libxml2 has it (2.13;
 * Debian 12 has 2.9.14).
 */
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "efsa.h"

struct doctype {
	bool seen;
	long line;
	int col;
};

/*
 * Where the "<!DOCTYPE" of buf's prolog begins (past a byte order mark,
 * white space, comments and processing instructions), as a line and a
 * byte column; false when the prolog holds none that this can find (a
 * document in UTF-16, say), and libxml2's position is used instead.
 */
static bool
doctype_at(const char *buf, size_t len, long *line, int *col)
{
	const char *p = buf, *end = buf + len, *q, *bol;
	long l = 1;

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' ||
		    *p == '\n'))
			p++;
		const char *close;
		size_t open;

		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0)
			close = "-->", open = 4;
		else if (end - p >= 2 && memcmp(p, "<?", 2) == 0)
			close = "?>", open = 2;
		else
			break;
		q = memmem(p + open, (size_t)(end - p) - open, close,
		    strlen(close));
		if (q == NULL)
			return false;
		p = q + strlen(close);
	}
	if (end - p < 9 || memcmp(p, "<!DOCTYPE", 9) != 0)
		return false;
	bol = buf;
	for (q = buf; q < p; q++)
		if (*q == '\n') {
			l++;
			bol = q + 1;
		}
	*line = l;
	*col = (int)MIN(p - bol + 1, G_MAXINT);
	return true;
}

static void
refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
    const xmlChar *system_id)
{
	xmlParserCtxtPtr pc = ctx;
	struct doctype *d = pc->_private;

	(void)name;
	(void)external_id;
	(void)system_id;
	d->seen = true;
	d->line = pc->input != NULL ? pc->input->line : 1;
	d->col = pc->input != NULL ? pc->input->col : 1;
	pc->wellFormed = 0;
	xmlStopParser(pc);
}

struct _xmlDoc *
efsa_xml_read(const char *name, const char *buf, size_t len,
    long *doctype_line, int *doctype_col)
{
	struct doctype d = { false, 0, 0 };
	xmlParserCtxtPtr pc;
	xmlDocPtr doc;
	int opts = XML_PARSE_NONET | XML_PARSE_NOCDATA;

#if LIBXML_VERSION >= 21300
	opts |= XML_PARSE_NO_XXE;
#endif
	*doctype_line = 0;
	*doctype_col = 0;
	g_return_val_if_fail(len <= G_MAXINT, NULL);
	pc = xmlNewParserCtxt();
	if (pc == NULL)
		g_error("xmlNewParserCtxt: out of memory");
	pc->sax->internalSubset = refuse_doctype;
	pc->sax->externalSubset = NULL;
	pc->_private = &d;
	doc = xmlCtxtReadMemory(pc, buf, (int)len, name, NULL, opts);
	pc->_private = NULL;
	xmlFreeParserCtxt(pc);
	if (d.seen) {
		if (doc != NULL)
			xmlFreeDoc(doc);
		if (!doctype_at(buf, len, doctype_line, doctype_col)) {
			*doctype_line = d.line > 0 ? d.line : 1;
			*doctype_col = d.col > 0 ? d.col : 1;
		}
		return NULL;
	}
	return doc;
}

char *
efsa_xml_message(const struct _xmlError *e)
{
	char *m;

	if ((e->code == XML_ERR_UNDECLARED_ENTITY ||
	    e->code == XML_WAR_UNDECLARED_ENTITY) && e->str1 != NULL)
		return g_strdup_printf("expected &amp;, &lt;, &gt;, &quot;, "
		    "&apos; or a character reference (a model or fingerprints "
		    "file declares no entity), found &%s;", e->str1);
	m = g_strdup(e->message != NULL ? e->message : "malformed XML");
	return g_strchomp(m);
}
