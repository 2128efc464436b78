/* render.c — owns the plain-text renderers: --list, --timeline, --dump,
 * --compare, --render, --facts, --evidence, --check, --check-config. They
 * print the same pages and visual lines the reader draws (or the text as
 * stored, into a pipe: --order), every byte through the output filter. */
#include "tandem/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tandem/bidi.h"
#include "tandem/compare.h"
#include "tandem/config.h"
#include "tandem/decode.h"
#include "tandem/evidence.h"
#include "tandem/factcheck.h"
#include "tandem/langid.h"
#include "tandem/layout.h"
#include "tandem/page.h"
#include "tandem/sanitize.h"
#include "tandem/timeline.h"

#define COMPARE_GAP " \xe2\x94\x82 " /* " │ " */
#define COMPARE_GAP_COLS 3

static const char *prog = "tandem";

int render_usage_error(const char *fmt, const char *arg)
{
	sanitize_fprintf(stderr, "%s: ", prog);
	sanitize_fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	sanitize_fprintf(stderr, "Try '%s --help'.\n", prog);
	return RENDER_USAGE;
}

void render_diags(const struct corpus *c, int all)
{
	size_t hidden = 0;
	for (size_t i = 0; i < c->diags.n; i++) {
		const struct diag *d = &c->diags.items[i];
		if (!all && d->level != DIAG_ERROR) {
			hidden += d->level == DIAG_WARNING;
			continue;
		}
		if (d->line)
			sanitize_fprintf(stderr, "%s: %s:%u: %s: %s\n", prog, d->file, d->line,
			        diag_level_name(d->level), d->msg);
		else
			sanitize_fprintf(stderr, "%s: %s: %s: %s\n", prog, d->file, diag_level_name(d->level), d->msg);
	}
	if (hidden)
		sanitize_fprintf(stderr, "%s: %zu warning(s) about the corpus; 'tandem --check' shows them\n",
		        prog, hidden);
}

int render_default_width(void)
{
	const char *cols = getenv("COLUMNS");
	char *end;
	long w = cols ? strtol(cols, &end, 10) : 0;
	if (cols && end != cols && !*end && w >= 1 && w <= 10000)
		return (int)w;
	return 80;
}

/* Visual order (reordered, shaped, right-to-left lines flush right, as the
 * reader draws them) or logical order (the text as stored, for grep and
 * other tools): --order, by default visual on a terminal, logical into a
 * pipe or a file. */
static int visual_out(const struct render_opts *o)
{
	if (o->order != RENDER_AUTO)
		return o->order == RENDER_VISUAL;
	return isatty(STDOUT_FILENO);
}

static struct page_opts page_options(const struct render_opts *o, int header)
{
	int visual = visual_out(o);
	return (struct page_opts){.shape = visual && o->shape, .mirror = visual && o->mirror,
	                          .reorder = visual && o->bidi_app, .header = header,
	                          .dir = BIDI_AUTO, .reveal = o->reveal, .no_pad = !visual};
}

/* Text for a terminal: shown in visual order on a tty (as the reader does),
 * logical order into a pipe or file, where tools expect it. */
static void print_field(const char *s, const struct render_opts *o, int tty)
{
	if (!tty) {
		sanitize_fputs(stdout, s);
		return;
	}
	/* On a terminal, through decode_paragraph even in logical order
	 * (--bidi=terminal): it alone neutralises DEL, C1 controls (U+009B is
	 * CSI) and invalid UTF-8. */
	struct decoded_text t;
	struct bidi_para bp;
	struct layout_para lp;
	const char *err;
	struct bidi_opts bo = {.dir = BIDI_AUTO, .shape = o->shape, .mirror = o->mirror};
	struct layout_opts lo = {.width = 10000, .pad = 0, .reorder = o->bidi_app};
	if (decode_paragraph(s, strlen(s), &t) != 0)
		return;
	if (bidi_prepare(t.cp, t.len, &bo, &bp, &err) == 0) {
		if (layout_wrap(&bp, &lo, &lp) == 0) {
			for (size_t i = 0; i < lp.nlines; i++) {
				char *u = layout_line_to_utf8(&lp.lines[i], 0, 0, NULL);
				if (u)
					sanitize_fputs(stdout, u);
				free(u);
			}
			layout_para_free(&lp);
		}
		bidi_free(&bp);
	}
	decode_free(&t);
}

int render_list(const struct corpus *c, const struct render_opts *o)
{
	int tty = visual_out(o);
	int idw = 2, evw = 5, dw = 10, lw = 5;
	for (size_t i = 0; i < c->narticles; i++) {
		const struct corpus_article *a = &c->articles[i];
		if ((int)strlen(a->id) > idw)
			idw = (int)strlen(a->id);
		if ((int)strlen(langid_label(a->lang)) > lw)
			lw = (int)strlen(langid_label(a->lang));
		if (a->event >= 0 && (int)strlen(c->events[a->event].id) > evw)
			evw = (int)strlen(c->events[a->event].id);
		if (a->detected & CORPUS_INFERRED_DATE)
			dw = 11; /* "~2025-10-23": inferred from its events */
	}
	for (size_t i = 0; i < c->narticles; i++) {
		const struct corpus_article *a = &c->articles[i];
		char date[16], shown[20];
		snprintf(shown, sizeof shown, "%s%s", a->detected & CORPUS_INFERRED_DATE ? "~" : "",
		         a->date.y ? dates_format(&a->date, date) : "-");
		sanitize_fprintf(stdout, "%-*s  %-*s %-*s  %-*s  ", idw, a->id, lw, langid_label(a->lang),
		                 dw, shown, evw,
		                 a->event >= 0 ? c->events[a->event].id : "-");
		print_field(a->title, o, tty);
		putchar('\n');
	}
	return 0;
}

int render_timeline(const struct corpus *c, const struct render_opts *o)
{
	int tty = visual_out(o);
	int idw = 2, lw = 8;
	char langs[128];
	for (size_t i = 0; i < c->nevents; i++) {
		if ((int)strlen(c->events[i].id) > idw)
			idw = (int)strlen(c->events[i].id);
		if ((int)strlen(timeline_event_langs(c, &c->events[i], langs, sizeof langs)) > lw)
			lw = (int)strlen(langs);
	}
	for (size_t i = 0; i < c->nevents; i++) {
		const struct corpus_event *e = &c->events[i];
		char date[16];
		sanitize_fprintf(stdout, "%-10s  %-9s  %-*s  %-*s  ",
		                 e->date.y ? dates_format(&e->date, date) : "-", e->time ? e->time : "",
		                 idw, e->id, lw, timeline_event_langs(c, e, langs, sizeof langs));
		print_field(corpus_event_title(e, o->lang), o, tty);
		putchar('\n');
	}
	if (c->nevents == 0)
		sanitize_fprintf(stderr, "%s: this corpus has no events (a manifest defines them)\n", prog);
	return 0;
}

long render_find_article(const struct corpus *c, const char *id)
{
	long k = corpus_find_article(c, id);
	if (k < 0)
		sanitize_fprintf(stderr, "%s: no article '%s' in this corpus (tandem --list shows the ids)\n",
		        prog, id);
	return k;
}

int render_dump(const struct corpus *c, const struct render_opts *o, const char *id)
{
	long k = render_find_article(c, id);
	if (k < 0)
		return RENDER_RUNTIME;
	struct page_opts po = page_options(o, 1);
	struct page *p = page_create(&c->articles[k], &po);
	/* laid out, printed and freed a paragraph at a time */
	struct page_cursor cur = {0};
	char *s = NULL;
	int r = p ? 1 : -1;
	while (r > 0 && (r = page_next_row(p, o->width ? o->width : render_default_width(), &cur, &s)) > 0) {
		sanitize_fputs(stdout, s);
		putchar('\n');
		free(s);
	}
	page_cursor_free(&cur);
	page_destroy(p);
	if (r < 0) {
		sanitize_fprintf(stderr, "%s: %s: cannot lay out the article (out of memory)\n", prog, id);
		return RENDER_RUNTIME;
	}
	return 0;
}

int render_compare(const struct corpus *c, const struct render_opts *o, const char *ids_arg)
{
	size_t idx[COMPARE_MAX_COLS], n = 0;
	char *ids = strdup(ids_arg), *save = NULL;
	if (!ids)
		return RENDER_RUNTIME;
	char *tok[COMPARE_MAX_COLS + 1];
	for (char *t = strtok_r(ids, ",", &save); t && n <= COMPARE_MAX_COLS;
	     t = strtok_r(NULL, ",", &save))
		tok[n++] = t;
	if (n < 2 || n > COMPARE_MAX_COLS) { /* a usage error before a lookup */
		free(ids);
		return render_usage_error("--compare takes two or three ids, not '%s'", ids_arg);
	}
	for (size_t i = 0; i < n; i++) {
		long k = render_find_article(c, tok[i]);
		if (k < 0) {
			free(ids);
			return RENDER_RUNTIME;
		}
		idx[i] = (size_t)k;
	}
	free(ids);
	int width = o->width ? o->width : render_default_width();
	int colw = (width - COMPARE_GAP_COLS * ((int)n - 1)) / (int)n;
	if (colw < 1)
		colw = 1;
	struct page_opts po = page_options(o, 1);
	struct compare *cmp = compare_create(c, idx, n, &po);
	if (!cmp || compare_layout(cmp, colw) != 0) {
		sanitize_fprintf(stderr, "%s: cannot lay out the comparison (out of memory)\n", prog);
		compare_destroy(cmp);
		return RENDER_RUNTIME;
	}
	for (size_t r = 0; r < cmp->nrows; r++) {
		for (size_t col = 0; col < n; col++) {
			size_t pr = cmp->rows[col][r];
			const struct layout_line *l = pr == COMPARE_NO_ROW ? NULL : page_row_line(cmp->cols[col], pr);
			int last = col + 1 == n;
			char *s;
			if (l)
				s = layout_line_to_utf8(l, 1, last ? 0 : colw, NULL);
			else if (last)
				s = strdup("");
			else {
				s = malloc((size_t)colw + 1);
				if (s) {
					memset(s, ' ', (size_t)colw);
					s[colw] = 0;
				}
			}
			if (!s) {
				compare_destroy(cmp);
				return RENDER_RUNTIME;
			}
			if (col)
				fputs(COMPARE_GAP, stdout);
			sanitize_fputs(stdout, s);
			free(s);
		}
		putchar('\n');
	}
	compare_destroy(cmp);
	return 0;
}

/* Reads stdin a paragraph (a line) at a time, but never more than
 * LAYOUT_PIECE_CHARS bytes of it at once: a longer line is laid out in
 * pieces (layout_piece), so memory stays bounded however long it is. */
int render_filter(const struct render_opts *o)
{
	int width = o->width ? o->width : render_default_width();
	struct bidi_opts bo = {.dir = o->dir, .shape = o->shape, .mirror = o->mirror};
	struct layout_opts lo = {.width = width, .pad = o->pad, .reorder = o->bidi_app,
	                         .decode_flags = o->reveal ? DECODE_REVEAL : 0};
	size_t cap = LAYOUT_PIECE_CHARS, len = 0;
	char *line = malloc(cap);
	struct layout_resume at = {0};
	int status = 0, c = 0, ended = 0; /* ended: line holds the paragraph's end */
	if (!line) {
		sanitize_fprintf(stderr, "%s: stdin: out of memory\n", prog);
		return RENDER_RUNTIME;
	}
	for (;;) {
		if (!ended) {
			/* fill up to a line end, the end of input or a full buffer */
			while (len < cap && (c = getc(stdin)) != EOF && c != '\n')
				line[len++] = (char)c;
			if (len == cap && (c = getc(stdin)) != EOF && c != '\n' &&
			    ungetc(c, stdin) == EOF)
				c = EOF;
			ended = len < cap || c == EOF || c == '\n';
			if (c == EOF && len == 0 && at.byte == 0)
				break;
			if (ended && len > 0 && line[len - 1] == '\r')
				len--;
		}
		struct layout_piece pc;
		const char *err;
		if (layout_piece(line, len, !ended, &bo, &lo, &at, &pc, &err) != 0) {
			sanitize_fprintf(stderr, "%s: stdin: %s\n", prog, err);
			status = RENDER_RUNTIME;
			break;
		}
		for (size_t i = 0; i < pc.lay.nlines; i++) {
			char *s = layout_line_to_utf8(&pc.lay.lines[i], 1, 0, NULL);
			if (s) {
				sanitize_fputs(stdout, s);
				putchar('\n');
			}
			free(s);
		}
		if (pc.last) {
			memset(&at, 0, sizeof at);
			len = 0;
			ended = 0;
		} else {
			memmove(line, line + pc.bytes, len - pc.bytes);
			len -= pc.bytes;
			at = pc.next;
		}
		layout_piece_free(&pc);
		if (c == EOF && !ended && len == 0 && at.byte == 0)
			break;
	}
	free(line);
	if (ferror(stdin)) {
		sanitize_fprintf(stderr, "%s: stdin: read error\n", prog);
		status = RENDER_RUNTIME;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		sanitize_fprintf(stderr, "%s: write error on standard output\n", prog);
		status = RENDER_RUNTIME;
	}
	return status;
}

/* "ID#p3": the anchor of an article's block. */
static void block_anchor(const struct corpus_article *a, size_t block, char *buf, size_t n)
{
	const struct article_block *bl = corpus_article_block(a, block, 0);
	if (bl)
		snprintf(buf, n, "%s#%c%u", a->id, article_block_letter(bl->kind), bl->ordinal);
	else /* the file changed since */
		snprintf(buf, n, "%s", a->id);
}

/* A fact with some of its paragraph around it, cut at spaces: "…text…". */
static void print_excerpt(const char *text, size_t len, size_t off, size_t flen,
                          const struct render_opts *o, int tty)
{
	size_t a = off > 40 ? off - 40 : 0, b = off + flen + 40 < len ? off + flen + 40 : len;
	/* from a space to a space (whole characters), never into the fact */
	while (a > 0 && a < off && text[a - 1] != ' ')
		a++;
	while (b < len && b > off + flen && text[b] != ' ')
		b--;
	char *s = malloc(b - a + 8);
	if (!s)
		return;
	snprintf(s, b - a + 8, "%s%.*s%s", a > 0 ? "\xe2\x80\xa6" : "", (int)(b - a), text + a,
	         b < len ? "\xe2\x80\xa6" : "");
	print_field(s, o, tty);
	free(s);
}

/* --facts of articles that are translations of the first: their aligned
 * paragraphs compared, every difference listed. */
static int facts_translations(const struct corpus *c, const size_t *idx, size_t n,
                              const struct render_opts *o)
{
	int tty = visual_out(o);
	struct page_opts po = page_options(o, 1);
	struct compare *cmp = compare_create(c, idx, n, &po);
	if (!cmp) {
		sanitize_fprintf(stderr, "%s: cannot compare (out of memory)\n", prog);
		return RENDER_RUNTIME;
	}
	for (size_t k = 1; k < n; k++)
		sanitize_fprintf(stdout, "%s and %s (translation)\n", c->articles[idx[0]].id,
		                 c->articles[idx[k]].id);
	sanitize_fprintf(stdout, "%zu difference%s\n", cmp->ndiffs, cmp->ndiffs == 1 ? "" : "s");
	for (size_t i = 0; i < cmp->ndiffs; i++) {
		const struct compare_diff *df = &cmp->diffs[i];
		const struct page_piece *pc = &cmp->cols[df->col]->pieces[df->piece];
		const struct corpus_article *a = &c->articles[cmp->articles[df->col]];
		char where[160], what[96];
		if (pc->block >= 0)
			block_anchor(a, (size_t)pc->block, where, sizeof where);
		else
			snprintf(where, sizeof where, "%s#title", a->id);
		facts_format(&df->fact, what, sizeof what);
		sanitize_fprintf(stdout, "%-24s %-22s %s  ", where, what,
		                 df->qualifier_only ? "qualified otherwise in" : "not in");
		sanitize_fprintf(stdout, "%s  ", c->articles[cmp->articles[df->other]].id);
		print_excerpt(pc->utf8, pc->len, df->off, df->len, o, tty);
		putchar('\n');
	}
	compare_destroy(cmp);
	return 0;
}

/* --facts of an event or of articles from different sources: a table of the
 * facts each gives, grouped by the word beside them. */
static int facts_table(const struct corpus *c, const size_t *idx, size_t n,
                       const struct render_opts *o)
{
	int tty = visual_out(o);
	struct factcheck_table t;
	if (factcheck_table_build(c, idx, n, &t) != 0) {
		sanitize_fprintf(stderr, "%s: cannot read the facts (out of memory)\n", prog);
		return RENDER_RUNTIME;
	}
	size_t shared = 0;
	for (size_t g = 0; g < t.ngroups; g++)
		shared += t.group_articles[g] >= 2;
	sanitize_fprintf(stdout, "%zu fact(s) in %zu group(s), %zu given by more than one article\n",
	                 t.n, t.ngroups, shared);
	for (size_t i = 0; i < t.n; i++) {
		const struct factcheck_entry *e = &t.items[i];
		if (i == 0 || t.items[i - 1].group != e->group) {
			putchar('\n');
			print_field(factcheck_group_word(&t, e->group), o, tty);
			sanitize_fprintf(stdout, " (%zu article%s)\n", t.group_articles[e->group],
			                 t.group_articles[e->group] == 1 ? "" : "s");
		}
		const struct corpus_article *a = &c->articles[e->article];
		const struct article_text *at = corpus_article_text(a);
		const struct article_block *bl =
		    corpus_article_block(a, e->block, e->fact.off + e->fact.len);
		if (!bl) /* the file changed since */
			continue;
		char where[160], what[96];
		block_anchor(a, e->block, where, sizeof where);
		facts_format(&e->fact, what, sizeof what);
		sanitize_fprintf(stdout, "  %-24s %-22s ", where, what);
		print_excerpt(at->raw + bl->off, bl->len, e->fact.off, e->fact.len, o, tty);
		putchar('\n');
	}
	factcheck_table_free(&t);
	return 0;
}

int render_facts(const struct corpus *c, const struct render_opts *o, const char *ids)
{
	size_t idx[COMPARE_MAX_COLS], n = 0;
	for (size_t e = 0; e < c->nevents; e++) {
		const struct corpus_event *ev = &c->events[e];
		if (strcmp(ev->id, ids))
			continue;
		sanitize_fprintf(stdout, "event %s, %s: ", ev->id,
		                 ev->date.y ? dates_format(&ev->date, (char[16]){0}) : "undated");
		print_field(corpus_event_title(ev, o->lang), o, visual_out(o));
		putchar('\n');
		sanitize_fprintf(stdout, "numbers and dates as the articles give them: where to look, "
		                         "not a verdict\n");
		if (ev->narticles == 0) {
			sanitize_fprintf(stdout, "no article reports this event\n");
			return 0;
		}
		return facts_table(c, ev->articles, ev->narticles, o);
	}
	char *copy = strdup(ids), *save = NULL;
	if (!copy)
		return RENDER_RUNTIME;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (n == COMPARE_MAX_COLS) {
			free(copy);
			return render_usage_error("--facts takes an event id or up to three article ids, not '%s'",
			                   ids);
		}
		long k = corpus_find_article(c, t);
		if (k < 0) {
			sanitize_fprintf(stderr, "%s: no event or article '%s' in this corpus (tandem "
			                         "--timeline and --list show the ids)\n", prog, t);
			free(copy);
			return RENDER_RUNTIME;
		}
		idx[n++] = (size_t)k;
	}
	free(copy);
	if (n == 0)
		return render_usage_error("--facts needs an event id or article ids, not '%s'", ids);
	/* translations of the first: aligned and compared */
	size_t tr[64], ntr = corpus_translations(c, idx[0], tr, 64);
	int all_translations = n >= 2;
	for (size_t k = 1; k < n; k++) {
		int found = 0;
		for (size_t j = 0; j < ntr && j < 64; j++)
			found |= tr[j] == idx[k];
		all_translations &= found;
	}
	if (all_translations)
		return facts_translations(c, idx, n, o);
	return facts_table(c, idx, n, o);
}

/* Text laid out on one line of `width` columns, "…" where it is cut. */
static void print_fitted(const char *s, int width, const struct render_opts *o)
{
	struct decoded_text t;
	struct bidi_para bp;
	struct layout_para lp;
	const char *err;
	/* visual order and shapes on a terminal, logical text into a pipe */
	int tty = visual_out(o);
	struct bidi_opts bo = {.dir = BIDI_AUTO, .shape = tty && o->shape, .mirror = tty && o->mirror};
	struct layout_opts lo = {.width = width > 2 ? width - 1 : 1, .pad = 0,
	                         .reorder = tty && o->bidi_app};
	if (decode_paragraph(s, strlen(s), &t) != 0)
		return;
	if (bidi_prepare(t.cp, t.len, &bo, &bp, &err) == 0) {
		if (layout_wrap(&bp, &lo, &lp) == 0) {
			if (lp.nlines) {
				char *u = layout_line_to_utf8(&lp.lines[0], 0, 0, NULL);
				if (u)
					sanitize_fputs(stdout, u);
				free(u);
				if (lp.nlines > 1)
					fputs("\xe2\x80\xa6", stdout);
			}
			layout_para_free(&lp);
		}
		bidi_free(&bp);
	}
	decode_free(&t);
}

static long find_event(const struct corpus *c, const char *id)
{
	for (size_t e = 0; e < c->nevents; e++)
		if (!strcmp(c->events[e].id, id))
			return (long)e;
	return -1;
}

/* --evidence EVENT: each paragraph that reports it, with an excerpt around
 * the mention. */
int render_evidence(const struct corpus *c, const struct render_opts *o, const char *event)
{
	long ev = find_event(c, event);
	if (ev < 0) {
		sanitize_fprintf(stderr, "%s: no event '%s' in this corpus (tandem --timeline shows "
		                         "the ids)\n", prog, event);
		return RENDER_RUNTIME;
	}
	const struct corpus_event *e = &c->events[ev];
	int width = o->width ? o->width : render_default_width();
	struct evidence_list l;
	if (evidence_find(c, (size_t)ev, &l) != 0) {
		sanitize_fprintf(stderr, "%s: out of memory\n", prog);
		return RENDER_RUNTIME;
	}
	char date[16];
	sanitize_fprintf(stdout, "event %s, %s: ", e->id,
	                 e->date.y ? dates_format(&e->date, date) : "undated");
	print_fitted(corpus_event_title(e, o->lang), width > 30 ? width - 30 : 10, o);
	putchar('\n');
	sanitize_fprintf(stdout, "%zu paragraph(s) report it\n", l.n);
	for (size_t i = 0; i < l.n; i++) {
		const struct evidence_hit *h = &l.items[i];
		const struct corpus_article *a = &c->articles[h->article];
		const struct article_text *at = corpus_article_text(a);
		const struct article_block *bl = corpus_article_block(a, h->block, h->off + h->len);
		if (!bl) /* the file changed since */
			continue;
		char where[160];
		block_anchor(a, h->block, where, sizeof where);
		int main_event = a->event == ev;
		sanitize_fprintf(stdout, "%-24s %-3s %-8s %s ", where, langid_badge(a->lang),
		                 main_event ? "reports" : "mentions", evidence_why_name(h->why));
		/* the excerpt: from a space before the mention to the line's end */
		size_t from = h->off > 30 ? h->off - 30 : 0;
		while (from > 0 && from < h->off && at->raw[bl->off + from - 1] != ' ')
			from++;
		size_t n = bl->len - from;
		char *x = malloc(n + 4);
		if (x) {
			snprintf(x, n + 4, "%s%.*s", from ? "\xe2\x80\xa6" : "", (int)n,
			         at->raw + bl->off + from);
			int used = 24 + 1 + 3 + 1 + 8 + 1 + (int)strlen(evidence_why_name(h->why)) + 1;
			print_fitted(x, width - used > 10 ? width - used : 10, o);
			free(x);
		}
		putchar('\n');
	}
	evidence_free(&l);
	return 0;
}

int render_check(const struct corpus *c)
{
	render_diags(c, 1);
	for (size_t i = 0; i < c->narticles; i++) {
		const struct corpus_article *a = &c->articles[i];
		const struct article_text *t = corpus_article_text(a);
		size_t count[5] = {0}, dups = 0;
		char date[16];
		for (size_t b = 0; b < t->nblocks; b++) {
			const struct article_block *bl = &t->blocks[b];
			count[bl->kind]++;
			if (bl->kind == BLOCK_PARAGRAPH && bl->dup_of < 0)
				continue;
			if (bl->dup_of >= 0) {
				const struct article_block *o = &t->blocks[bl->dup_of];
				dups++;
				sanitize_fprintf(stdout, "%s:%u: %c%u %s repeats %c%u (line %u); %s\n",
				                 a->path, bl->line, article_block_letter(bl->kind), bl->ordinal,
				                 article_block_kind_name(bl->kind), article_block_letter(o->kind),
				                 o->ordinal, o->line,
				                 article_block_folds(t, b) ? "folded in the reader"
				                                           : "shown (too short to fold)");
			} else if (bl->kind == BLOCK_SOURCE) {
				sanitize_fprintf(stdout, "%s:%u: source line: %.*s\n", a->path, bl->line, (int)bl->len,
				       t->raw + bl->off);
			} else if (bl->kind == BLOCK_COMMENTS) {
				sanitize_fprintf(stdout, "%s:%u: comment-count boilerplate\n", a->path, bl->line);
			} else {
				sanitize_fprintf(stdout, "%s:%u: %c%u %s\n", a->path, bl->line, article_block_letter(bl->kind),
				       bl->ordinal, article_block_kind_name(bl->kind));
			}
		}
		int known = langid_is_known(a->lang);
		sanitize_fprintf(stdout, "%s: article '%s': %zu paragraph(s), %zu caption(s), %zu image(s), "
		       "%zu repeat(s), %zu date mention(s); %s%s%s, date %s%s, source %s%s, "
		       "title%s\n",
		       a->path, a->id, count[BLOCK_PARAGRAPH], count[BLOCK_CAPTION], count[BLOCK_IMAGE],
		       dups, a->ndates, known ? "lang " : "", langid_label(a->lang),
		       known && a->detected & CORPUS_DETECTED_LANG ? " (detected)" : "",
		       a->date.y ? dates_format(&a->date, date) : "unknown",
		       a->detected & CORPUS_DETECTED_DATE ? " (detected)"
		       : a->detected & CORPUS_INFERRED_DATE ? " (inferred from its events)" : "",
		       a->source ? (a->detected & CORPUS_DETECTED_SOURCE ? "detected" : "given")
		                 : "none",
		       "",
		       a->detected & CORPUS_DETECTED_TITLE ? " detected" : " given");
	}
	/* The articles whose language could not be identified, and why. */
	size_t unknown = 0;
	for (size_t i = 0; i < c->narticles; i++) {
		const struct corpus_article *a = &c->articles[i];
		if (langid_is_known(a->lang))
			continue;
		unknown++;
		if (!(a->detected & CORPUS_DETECTED_LANG)) {
			sanitize_fprintf(stdout, "%s: language unknown: the manifest says lang = %s\n",
			                 a->path, a->lang ? a->lang : "");
			continue;
		}
		struct langid_guess g;
		const struct article_text *t = corpus_article_text(a);
		langid_identify(t->raw, t->raw_len, &g);
		sanitize_fprintf(stdout, "%s: language unknown: not identified (%s); give it with "
		                 "lang = in the manifest\n", a->path, g.why ? g.why : "no verdict");
	}
	if (unknown)
		sanitize_fprintf(stdout, "%zu article(s) in a language that could not be "
		                 "identified\n", unknown);
	size_t errors = corpus_errors(c), warnings = diag_count(&c->diags, DIAG_WARNING);
	sanitize_fprintf(stdout, "%zu article(s), %zu event(s): %zu error(s), %zu warning(s)\n", c->narticles,
	       c->nevents, errors, warnings);
	return errors ? RENDER_RUNTIME : 0;
}

/* --check-config: every problem of the configuration, each with its line. */
int render_check_config(const char *file)
{
	struct config cfg;
	struct keymap km;
	struct theme th;
	config_defaults(&cfg);
	theme_defaults(&th);
	if (keymap_init(&km) != 0) {
		sanitize_fprintf(stderr, "%s: out of memory\n", prog);
		return RENDER_RUNTIME;
	}
	config_load(&cfg, file, &km, &th);
	for (size_t i = 0; i < cfg.problems.n; i++) {
		const struct diag *d = &cfg.problems.items[i];
		if (d->line)
			sanitize_fprintf(stdout, "%s:%u: %s\n", d->file, d->line, d->msg);
		else
			sanitize_fprintf(stdout, "%s: %s\n", d->file, d->msg);
	}
	if (!cfg.path[0])
		sanitize_fprintf(stdout, "no configuration file (tandem reads "
		                         "$XDG_CONFIG_HOME/tandem/config, else ~/.config/tandem/config)\n");
	else
		sanitize_fprintf(stdout, "%s: %zu problem(s)\n", cfg.path, cfg.problems.n);
	int r = cfg.problems.n ? RENDER_RUNTIME : 0;
	config_free(&cfg);
	keymap_free(&km);
	return r;
}

