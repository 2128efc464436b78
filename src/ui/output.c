/* output.c — owns the screen's cells and sending them to the terminal (see
 * output.h): the frame the views draw (cells, wide characters kept whole),
 * the copy of what the terminal shows, their comparison, cursor movement,
 * the attribute sequences (made once per attribute and colour pair), UTF-8
 * encoding of the cells, the scroll region for a scrolled pane, the one
 * write of a frame; and, where curses sends the frames, the frame copied
 * into stdscr. */
#include "tandem/output.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "tandem/sanitize.h"

#define CELL_CHARS CCHARW_MAX
#define MAX_HINTS 8
#define MAX_SGR 64
/* a run of unchanged cells at most this long between changed ones is sent
 * again rather than moved over (a movement costs 4 to 8 bytes) */
#define GAP_REWRITE 4
/* what scrolling a region costs, in bytes, beside the cells it saves */
#define SCROLL_COST 16
#define MAX_SCROLL 1024 /* rows */

/* One terminal cell: 28 bytes, no padding, so that rows compare with
 * memcmp. */
struct cell {
	wchar_t ch[CELL_CHARS]; /* base character, then marks; 0-padded. ch[0] == 0:
	                           the right half of a wide character */
	attr_t attr;            /* attributes (no colour pair), and CELL_WIDE */
	int pair;
};

/* In a cell's attr, in the bits curses keeps for a character (so never an
 * attribute): the left half of a wide character, whose right half follows. */
#define CELL_WIDE ((attr_t)1)

struct sgr {
	attr_t attr;
	int pair;
	int bg;    /* the pair's background, -1: the terminal's own */
	char *seq; /* what sets exactly these attributes (owned) */
};

struct hint {
	int y, h, n;
};

struct row_start {
	int x, n;
};

#define MAX_STARTS 8
/* rows of a frame that must start at one column for a tab stop there */
#define TAB_ROWS 8

static struct output {
	int on;            /* frames go out here; else through doupdate */
	int fd;
	int rows, cols;
	struct cell *shown_cells; /* rows * cols: what the terminal shows, */
	struct cell **shown;      /* rows: by row (a scroll moves the pointers) */
	struct cell *want;  /* rows * cols: the frame the views draw */
	unsigned char *dirty; /* rows: drawn since the last frame */
	cchar_t *row;       /* cols + 1: a run of cells for curses */
	int cur_y, cur_x;   /* where the frame shows the terminal's cursor, -1: hidden */
	int valid;         /* shown is what the terminal shows */
	int cy, cx;        /* the terminal's cursor, -1: not known */
	int cur;           /* index in sgr of the attributes in effect, -1: not known */
	struct sgr sgr[MAX_SGR];
	int nsgr;
	struct hint hint[MAX_HINTS];
	int nhint, hints_lost;
	char *buf;         /* the frame being made */
	size_t len, cap;
	int oom;
	/* the terminal's capabilities (terminfo strings, owned by curses) */
	const char *cup, *el, *clear, *sgr0, *sgr_all, *csr, *ind, *indn, *ri, *rin, *cuf, *cud1,
	    *setaf, *setab, *sitm, *bold, *dim, *rev, *smul, *smso, *blink;
	int ansi_cup, ansi_cuf; /* cup and cuf are ECMA-48's CSI forms: formatted here */
	int ansi_csr, ansi_su;  /* csr and indn are DECSTBM and SU */
	int bce;           /* clearing fills with the current background */
	const char *hts, *tbc; /* set a tab stop, clear all tab stops */
	int tab_ok;        /* tabs may be set and used (hts, tbc, ht, it#) */
	int tab_every;     /* the terminal's default tab stops (it#) */
	int tab_at;        /* the one tab stop this module set, -1: none */
	int tabs_changed;  /* the terminal's tab stops are not its own */
	struct row_start starts[MAX_STARTS];
	int nstarts;
	int nl_returns;    /* a line feed also returns (the tty adds the CR) */
} out;

static const char *cap(const char *name)
{
	char *s = tigetstr(name);
	return s && s != (char *)-1 && *s ? s : NULL;
}

static int grow(size_t n)
{
	if (out.oom)
		return -1;
	size_t nc = out.cap ? out.cap : 16384;
	while (nc < out.len + n)
		nc *= 2;
	char *nb = realloc(out.buf, nc);
	if (!nb) {
		out.oom = 1;
		return -1;
	}
	out.buf = nb;
	out.cap = nc;
	return 0;
}

/* Room for n more bytes in the frame; -1 when out of memory (the frame is
 * then dropped and the next one sent whole). */
static inline int reserve(size_t n)
{
	return out.len + n <= out.cap && !out.oom ? 0 : grow(n);
}

static void put(const char *s, size_t n)
{
	if (reserve(n) == 0) {
		memcpy(out.buf + out.len, s, n);
		out.len += n;
	}
}

static void puts_(const char *s)
{
	if (s)
		put(s, strlen(s));
}

static int digits(int v)
{
	return v >= 1000 ? 4 : v >= 100 ? 3 : v >= 10 ? 2 : 1;
}

static char *fmt_int(char *p, int v)
{
	char tmp[12];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v && n < 11);
	while (n)
		*p++ = tmp[--n];
	return p;
}

/* What the terminal's cursor addressing sends to reach (y, x), or its
 * length alone when emit is 0. */
static size_t do_cup(int y, int x, int emit)
{
	if (out.ansi_cup) {
		/* ECMA-48's defaults: a first column or row left out */
		if (emit) {
			char s[32], *p = s;
			*p++ = '\033';
			*p++ = '[';
			if (y || x)
				p = fmt_int(p, y + 1);
			if (x) {
				*p++ = ';';
				p = fmt_int(p, x + 1);
			}
			*p++ = 'H';
			put(s, (size_t)(p - s));
		}
		return 3 + (y || x ? (size_t)digits(y + 1) : 0) + (x ? 1 + (size_t)digits(x + 1) : 0);
	}
	const char *s = tiparm(out.cup, y, x);
	if (!s)
		return 1000; /* never the shortest; and never sent */
	size_t n = strlen(s);
	if (emit)
		put(s, n);
	return n;
}

/* Cursor right by n (> 0); its length; 0 when the terminal has no way. */
static size_t do_cuf(int n, int emit)
{
	if (!out.cuf)
		return 0;
	if (out.ansi_cuf) {
		if (emit) {
			char s[16], *p = s;
			*p++ = '\033';
			*p++ = '[';
			p = fmt_int(p, n);
			*p++ = 'C';
			put(s, (size_t)(p - s));
		}
		return 3 + (size_t)digits(n);
	}
	const char *s = tiparm(out.cuf, n);
	size_t len = s ? strlen(s) : 0;
	if (emit && len)
		put(s, len);
	return len;
}

/* A row of this frame whose text starts at column x, reached from the row
 * above: counted, so that the next frames reach that column with a tab. */
static void note_row_start(int x)
{
	if (!out.tab_ok)
		return;
	for (int i = 0; i < out.nstarts; i++)
		if (out.starts[i].x == x) {
			out.starts[i].n++;
			return;
		}
	if (out.nstarts < MAX_STARTS)
		out.starts[out.nstarts++] = (struct row_start){x, 1};
}

static void move_to(int y, int x);

/* After a frame: the one tab stop where most rows of text started (at
 * least TAB_ROWS of them), set when it is not set already: all stops
 * cleared, then the one set. */
static void choose_tab(void)
{
	int best = -1, bn = TAB_ROWS - 1;
	for (int i = 0; i < out.nstarts; i++)
		if (out.starts[i].n > bn) {
			bn = out.starts[i].n;
			best = out.starts[i].x;
		}
	out.nstarts = 0;
	if (best < 0 || best == out.tab_at || best >= out.cols)
		return;
	puts_(out.tbc);
	out.tabs_changed = 1;
	move_to(out.rows - 1, best);
	puts_(out.hts);
	out.tab_at = best;
}

/* Before leaving the screen: the terminal's tab stops as they were (every
 * init_tabs columns), when this module changed them. */
static void restore_tabs(void)
{
	if (!out.tabs_changed)
		return;
	puts_(out.tbc);
	for (int x = out.tab_every; x < out.cols; x += out.tab_every) {
		do_cup(0, x, 1);
		puts_(out.hts);
	}
	out.cy = 0;
	out.cx = -1;
	out.tab_at = -1;
	out.tabs_changed = 0;
}

/* The bytes of the shortest move right from column a to column b (> a) on
 * the cursor's row, sent when emit; SIZE_MAX when there is no way. A tab
 * reaches the one tab stop this module set, from any column before it. */
static size_t move_right(int a, int b, int emit)
{
	if (out.tab_at >= 0 && a < out.tab_at && b == out.tab_at) {
		if (emit)
			put("\t", 1);
		return 1;
	}
	size_t n = do_cuf(b - a, emit);
	return n ? n : SIZE_MAX;
}

/* Moves the cursor to (y, x) the shortest way this module knows: an
 * address, a move right, a carriage return, a line feed. */
static void move_to(int y, int x)
{
	if (out.cy == y && out.cx == x)
		return;
	size_t best = do_cup(y, x, 0);
	int how = 0; /* 0 address, 1 right, 2 return (+ right), 3 rows down (+ right),
	                4 address of the row's start (+ right) */
	if (x > 0) {
		size_t r = move_right(0, x, 0);
		if (r != SIZE_MAX && do_cup(y, 0, 0) + r < best) {
			best = do_cup(y, 0, 0) + r;
			how = 4;
		}
	}
	if (out.cy == y && out.cx >= 0 && x > out.cx) {
		size_t n = move_right(out.cx, x, 0);
		if (n < best) {
			best = n;
			how = 1;
		}
	}
	if (out.cy == y && out.cx >= 0 && x < out.cx) {
		size_t r = x ? move_right(0, x, 0) : 0;
		if (r != SIZE_MAX && 1 + r < best) {
			best = 1 + r;
			how = 2;
		}
	}
	int down = y - out.cy;
	if (out.cy >= 0 && out.cx >= 0 && down >= 1 && down <= 4 && out.cud1) {
		/* on the wire, CR LF either way (the tty adds the CR to a LF);
		 * never past the last row, so never a scroll */
		size_t nl = out.nl_returns ? 2 * (size_t)down : 1 + (size_t)down * strlen(out.cud1);
		size_t r = x ? move_right(0, x, 0) : 0;
		if (r != SIZE_MAX && nl + r < best) {
			best = nl + r;
			how = 3;
		}
		if (x > 0 && down == 1)
			note_row_start(x);
	}
	switch (how) {
	case 1:
		move_right(out.cx, x, 1);
		break;
	case 2:
		put("\r", 1);
		if (x)
			move_right(0, x, 1);
		break;
	case 3:
		if (!out.nl_returns)
			put("\r", 1);
		for (int i = 0; i < down; i++)
			puts_(out.cud1); /* "\n": the tty sends CR LF */
		if (x)
			move_right(0, x, 1);
		break;
	case 4:
		do_cup(y, 0, 1);
		move_right(0, x, 1);
		break;
	default:
		do_cup(y, x, 1);
	}
	out.cy = y;
	out.cx = x;
}

static void append_tiparm(char *s, size_t size, size_t *len, const char *str)
{
	if (!str)
		return;
	size_t n = strlen(str);
	if (*len + n < size) {
		memcpy(s + *len, str, n);
		*len += n;
	}
}

/* The index in out.sgr of (attr, pair), made on first use; -1 when the
 * table is full or out of memory. */
static int sgr_index(attr_t attr, int pair)
{
	attr &= ~CELL_WIDE;
	for (int i = 0; i < out.nsgr; i++)
		if (out.sgr[i].attr == attr && out.sgr[i].pair == pair)
			return i;
	if (out.nsgr == MAX_SGR)
		return -1;
	int fg = -1, bg = -1;
	if (pair > 0) {
		if (extended_pair_content(pair, &fg, &bg) != OK)
			fg = bg = -1;
	}
	char s[512];
	size_t len = 0;
	if (!(attr & (A_STANDOUT | A_UNDERLINE | A_REVERSE | A_BLINK | A_DIM | A_BOLD))) {
		append_tiparm(s, sizeof s, &len, out.sgr0);
	} else if (out.sgr_all) {
		append_tiparm(s, sizeof s, &len,
		              tiparm(out.sgr_all, !!(attr & A_STANDOUT), !!(attr & A_UNDERLINE),
		                     !!(attr & A_REVERSE), !!(attr & A_BLINK), !!(attr & A_DIM),
		                     !!(attr & A_BOLD), 0, 0, 0));
	} else {
		/* no sgr: a reset, then each attribute's own sequence */
		const struct {
			attr_t a;
			const char *seq;
		} each[] = {{A_STANDOUT, out.smso}, {A_UNDERLINE, out.smul}, {A_REVERSE, out.rev},
		            {A_BLINK, out.blink},   {A_DIM, out.dim},        {A_BOLD, out.bold}};
		append_tiparm(s, sizeof s, &len, out.sgr0);
		for (size_t i = 0; i < sizeof each / sizeof each[0]; i++)
			if (attr & each[i].a)
				append_tiparm(s, sizeof s, &len, each[i].seq);
	}
#ifdef A_ITALIC
	if (attr & A_ITALIC)
		append_tiparm(s, sizeof s, &len, out.sitm);
#endif
	if (fg >= 0 && out.setaf)
		append_tiparm(s, sizeof s, &len, tiparm(out.setaf, fg));
	if (bg >= 0 && out.setab)
		append_tiparm(s, sizeof s, &len, tiparm(out.setab, bg));
	char *seq = malloc(len + 1);
	if (!seq)
		return -1;
	memcpy(seq, s, len);
	seq[len] = 0;
	out.sgr[out.nsgr] = (struct sgr){.attr = attr, .pair = pair, .bg = bg, .seq = seq};
	return out.nsgr++;
}

static void set_sgr(int i)
{
	if (i < 0) { /* no sequence for it: plain rather than wrong */
		i = sgr_index(0, 0);
		if (i < 0)
			return;
	}
	if (out.cur == i)
		return;
	puts_(out.sgr[i].seq);
	out.cur = i;
}

static void forget_sgr(void)
{
	for (int i = 0; i < out.nsgr; i++)
		free(out.sgr[i].seq);
	out.nsgr = 0;
	out.cur = -1;
}

/* One character; the room for it reserved by the caller (send_cell). */
static inline void put_utf8(uint32_t c)
{
	unsigned char *s = (unsigned char *)out.buf + out.len;
	if (c >= 0xd800 && c <= 0xdfff)
		c = 0xfffd;
	if (c < 0x80) {
		s[0] = (unsigned char)c;
		out.len += 1;
	} else if (c < 0x800) {
		s[0] = (unsigned char)(0xc0 | c >> 6);
		s[1] = (unsigned char)(0x80 | (c & 0x3f));
		out.len += 2;
	} else if (c < 0x10000) {
		s[0] = (unsigned char)(0xe0 | c >> 12);
		s[1] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
		s[2] = (unsigned char)(0x80 | (c & 0x3f));
		out.len += 3;
	} else {
		s[0] = (unsigned char)(0xf0 | c >> 18);
		s[1] = (unsigned char)(0x80 | (c >> 12 & 0x3f));
		s[2] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
		s[3] = (unsigned char)(0x80 | (c & 0x3f));
		out.len += 4;
	}
}

/* The columns libc (and so a terminal, and curses) gives base character b:
 * wcwidth, asked only outside the ranges where every character takes one
 * (printable Latin to U+1100 but the combining marks; general punctuation
 * to the technical symbols; box drawing and blocks; the Arabic
 * presentation forms but the zero-width no-break space). */
static inline int libc_width(wchar_t b)
{
	uint32_t u = (uint32_t)b;
	if ((u >= 0x20 && u < 0x7f) || (u >= 0xa0 && u < 0x300 && u != 0xad) ||
	    (u >= 0x370 && u < 0x483) || (u >= 0x2010 && u < 0x2028) ||
	    (u >= 0x2030 && u < 0x205f) || (u >= 0x2400 && u < 0x25fd) ||
	    (u >= 0xfb50 && u < 0xfdd0) || (u >= 0xfdf0 && u < 0xfe00) ||
	    (u >= 0xfe70 && u < 0xfe75) || (u >= 0xfe76 && u < 0xfefd))
		return 1;
	return wcwidth(b);
}

/* The columns of the cell at row[x]: 2 for a wide character (CELL_WIDE),
 * whose right half (ch[0] == 0) follows it. */
static inline int width_at(const struct cell *row, int x)
{
	return row[x].attr & CELL_WIDE ? 2 : 1;
}

static inline int cell_eq(const struct cell *a, const struct cell *b)
{
	return a->ch[0] == b->ch[0] && a->attr == b->attr && a->pair == b->pair &&
	       a->ch[1] == b->ch[1] && a->ch[2] == b->ch[2] && a->ch[3] == b->ch[3] &&
	       a->ch[4] == b->ch[4];
}

static const struct cell blank_cell = {.ch = {L' '}};

/* Sends the cell at row[x]; the cursor is at x. */
static inline void send_cell(const struct cell *row, int x)
{
	const struct cell *c = &row[x];
	if (out.cur < 0 || out.sgr[out.cur].attr != (c->attr & ~CELL_WIDE) ||
	    out.sgr[out.cur].pair != c->pair)
		set_sgr(sgr_index(c->attr, c->pair));
	if (reserve(CELL_CHARS * 4) != 0)
		return;
	int w = width_at(row, x);
	if ((uint32_t)c->ch[0] < 0x80 && !c->ch[1]) {
		out.buf[out.len++] = (char)c->ch[0];
	} else {
		for (int k = 0; k < CELL_CHARS && c->ch[k]; k++)
			put_utf8((uint32_t)c->ch[k]);
		/* a terminal that gives the character another width (it asks
		 * libc, as curses does) has its cursor elsewhere: addressed anew */
		if (libc_width(c->ch[0]) != w) {
			out.cy = out.cx = -1;
			return;
		}
	}
	out.cx = x + w;
	if (out.cx >= out.cols) /* at the margin: where the next one goes differs */
		out.cy = out.cx = -1;
}

static int count_diff(const struct cell *a, const struct cell *b, int n)
{
	if (memcmp(a, b, (size_t)n * sizeof *a) == 0)
		return 0;
	int d = 0;
	for (int i = 0; i < n; i++)
		d += !cell_eq(&a[i], &b[i]);
	return d;
}

/* Scrolls rows y..y+h-1 by n on the terminal when that leaves fewer cells
 * to send, and moves shown with them. */
static void apply_hint(const struct hint *hn)
{
	int y = hn->y, h = hn->h, n = hn->n, cols = out.cols;
	if (!out.csr || n == 0 || h < 2 || y < 0 || y + h > out.rows || n >= h || -n >= h ||
	    n > MAX_SCROLL || -n > MAX_SCROLL)
		return;
	if ((n > 0 && !out.ind && !out.indn) || (n < 0 && !out.ri && !out.rin))
		return;
	long without = 0, with = 0;
	for (int r = y; r < y + h; r++) {
		const struct cell *want = out.want + (size_t)r * (size_t)cols;
		without += count_diff(want, out.shown[r], cols);
		int from = r + n;
		if (from >= y && from < y + h)
			with += count_diff(want, out.shown[from], cols);
		else
			for (int x = 0; x < cols; x++)
				with += !cell_eq(&want[x], &blank_cell);
	}
	if (with + SCROLL_COST >= without)
		return;
	set_sgr(sgr_index(0, 0)); /* the uncovered rows take the terminal's colours */
	puts_(tiparm(out.csr, y, y + h - 1));
	out.cy = out.cx = -1; /* setting the region may move the cursor */
	int k = n > 0 ? n : -n;
	if (n > 0) {
		/* ECMA-48's SU scrolls the region wherever the cursor is */
		if (!(out.ansi_su && k > 1))
			move_to(y + h - 1, 0);
		if (out.indn && k > 1)
			puts_(tiparm(out.indn, k));
		else
			for (int i = 0; i < k; i++)
				puts_(out.ind);
	} else {
		move_to(y, 0);
		if (out.rin && k > 1)
			puts_(tiparm(out.rin, k));
		else
			for (int i = 0; i < k; i++)
				puts_(out.ri);
	}
	if (out.ansi_csr)
		puts_("\033[r"); /* the whole screen: ECMA-48's defaults */
	else
		puts_(tiparm(out.csr, 0, out.rows - 1));
	out.cy = out.cx = -1;
	/* the rows the scroll uncovers take the rows it pushed out */
	struct cell *gone[MAX_SCROLL];
	struct cell **s = out.shown;
	if (n > 0) {
		memcpy(gone, s + y, (size_t)k * sizeof *gone);
		memmove(s + y, s + y + k, (size_t)(h - k) * sizeof *s);
		memcpy(s + y + h - k, gone, (size_t)k * sizeof *gone);
	} else {
		memcpy(gone, s + y + h - k, (size_t)k * sizeof *gone);
		memmove(s + y + k, s + y, (size_t)(h - k) * sizeof *s);
		memcpy(s + y, gone, (size_t)k * sizeof *gone);
	}
	for (int i = 0; i < k; i++)
		for (int x = 0; x < cols; x++)
			gone[i][x] = blank_cell;
}

/* Whether clearing to the end of the line shows cell c's blank: no
 * attribute that shows on a blank, and a background that clearing gives. */
static int clears_to(const struct cell *c)
{
	if (c->ch[0] != L' ' || c->ch[1] || (c->attr & (A_REVERSE | A_UNDERLINE | A_STANDOUT | A_BLINK | CELL_WIDE)))
		return 0;
	int i = sgr_index(c->attr, c->pair);
	return i >= 0 && (out.sgr[i].bg < 0 || out.bce);
}

/* Sends what differs in row y and notes it shown. */
static void send_row(int y)
{
	int cols = out.cols;
	struct cell *n = out.want + (size_t)y * (size_t)cols;
	struct cell *o = out.shown[y];
	if (memcmp(n, o, (size_t)cols * sizeof *n) == 0)
		return;
	/* the blanks that end the row, which one clear to the end of the line
	 * can draw */
	int tail = cols;
	if (out.el && clears_to(&n[cols - 1])) {
		tail = cols - 1;
		while (tail > 0 && cell_eq(&n[tail - 1], &n[cols - 1]))
			tail--;
	}
	for (int x = 0; x < cols; x++) {
		if (cell_eq(&n[x], &o[x]))
			continue;
		/* a wide character is sent whole, from its left half; and a right
		 * half overwritten takes its left half with it on the terminal:
		 * the cell there is sent again, from its own left half */
		int at = x;
		if (at > 0 && !n[at].ch[0]) {
			at--;
		} else if (at > 0 && !o[at].ch[0]) {
			at--;
			if (at > 0 && !n[at].ch[0])
				at--;
		}
		if (at >= tail && cols - at > 3) {
			move_to(y, at);
			set_sgr(sgr_index(n[at].attr, n[at].pair));
			puts_(out.el);
			break;
		}
		/* a few unchanged cells between: sent again, if plain */
		if (out.cy == y && out.cx >= 0 && out.cx < at && at - out.cx <= GAP_REWRITE) {
			int g = out.cx, ok = out.cur >= 0;
			for (int k = g; k < at && ok; k++)
				ok = n[k].ch[0] && n[k].ch[0] < 0x80 && !n[k].ch[1] &&
				     out.sgr[out.cur].attr == n[k].attr && out.sgr[out.cur].pair == n[k].pair;
				/* (a plain cell's attr has no CELL_WIDE) */
			if (ok)
				for (int k = g; k < at; k++)
					send_cell(n, k);
		}
		/* from at up to and with the cell at x */
		int c = at;
		while (c <= x) {
			move_to(y, c);
			send_cell(n, c);
			c += width_at(n, c);
		}
		x = c - 1;
	}
	memcpy(o, n, (size_t)cols * sizeof *n);
}

static void write_all(const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(out.fd, s, n);
		if (w > 0) {
			s += w;
			n -= (size_t)w;
		} else if (w < 0 && errno == EINTR) {
			continue;
		} else if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			struct pollfd p = {.fd = out.fd, .events = POLLOUT};
			if (poll(&p, 1, 1000) <= 0)
				return;
		} else {
			return; /* a terminal gone: the main loop finds out */
		}
	}
}

static void flush_buf(void)
{
	if (out.oom) {
		/* what was lost is not on the terminal: send all next time */
		out.oom = 0;
		out.valid = 0;
	} else if (out.len) {
		write_all(out.buf, out.len);
	}
	out.len = 0;
}

static int resize_to(int rows, int cols)
{
	size_t n = (size_t)rows * (size_t)cols;
	struct cell *s = calloc(n, sizeof *s), *w = calloc(n, sizeof *w);
	struct cell **sr = calloc((size_t)rows, sizeof *sr);
	unsigned char *rr = calloc((size_t)rows, 1);
	for (size_t i = 0; w && i < n; i++)
		w[i] = blank_cell;
	cchar_t *r = calloc((size_t)cols + 1, sizeof *r);
	if (!s || !w || !sr || !rr || !r) {
		free(s);
		free(w);
		free(sr);
		free(rr);
		free(r);
		return -1;
	}
	for (int i = 0; i < rows; i++)
		sr[i] = s + (size_t)i * (size_t)cols;
	free(out.shown_cells);
	free(out.shown);
	free(out.want);
	free(out.dirty);
	free(out.row);
	out.shown_cells = s;
	out.dirty = rr;
	out.shown = sr;
	out.want = w;
	out.row = r;
	out.rows = rows;
	out.cols = cols;
	out.valid = 0;
	return 0;
}

int output_start(void)
{
	output_end();
	out.fd = fileno(stdout);
	out.cy = out.cx = out.cur = -1;
	out.cur_y = out.cur_x = -1;
	if (resize_to(LINES, COLS) != 0)
		return -1;
	const char *env = getenv("TANDEM_OUTPUT");
	if (env && !strcmp(env, "curses"))
		return 0;
	out.cup = cap("cup");
	out.el = cap("el");
	out.clear = cap("clear");
	out.sgr0 = cap("sgr0");
	out.sgr_all = cap("sgr");
	out.csr = cap("csr");
	out.ind = cap("ind");
	out.indn = cap("indn");
	out.ri = cap("ri");
	out.rin = cap("rin");
	out.cuf = cap("cuf");
	out.cud1 = cap("cud1");
	out.setaf = cap("setaf");
	out.setab = cap("setab");
	out.sitm = cap("sitm");
	out.bold = cap("bold");
	out.dim = cap("dim");
	out.rev = cap("rev");
	out.smul = cap("smul");
	out.smso = cap("smso");
	out.blink = cap("blink");
	out.bce = tigetflag("bce") > 0;
	out.hts = cap("hts");
	out.tbc = cap("tbc");
	out.tab_every = tigetnum("it");
	out.tab_at = -1;
	out.ansi_cup = out.cup && !strcmp(out.cup, "\033[%i%p1%d;%p2%dH");
	out.ansi_cuf = out.cuf && !strcmp(out.cuf, "\033[%p1%dC");
	out.ansi_csr = out.csr && !strcmp(out.csr, "\033[%i%p1%d;%p2%dr");
	out.ansi_su = out.indn && !strcmp(out.indn, "\033[%p1%dS");
	struct termios tio;
	int onlcr = tcgetattr(out.fd, &tio) == 0 && (tio.c_oflag & OPOST) && (tio.c_oflag & ONLCR);
	/* a line feed that the tty turns into CR LF reaches the next row's
	 * start in one byte; any other cud1 needs a return before it */
	out.nl_returns = onlcr && out.cud1 && !strcmp(out.cud1, "\n");
	/* a tab that reaches the terminal as it is (no tty expanding it), to
	 * stops the terminal says it has every it# columns */
	const char *ht = cap("ht");
	int expands = (tio.c_oflag & OPOST) && (tio.c_oflag & TABDLY) == TAB3;
	out.tab_ok = out.hts && out.tbc && ht && !strcmp(ht, "\t") && out.tab_every > 0 && !expands;
	if (!out.cup || !out.el || !out.clear || !out.sgr0)
		return 0;
	if (has_colors() && (!out.setaf || !out.setab))
		return 0; /* colours by another scheme: curses knows them */
	out.on = 1;
	return 1;
}

void output_resize(int rows, int cols)
{
	if (rows == out.rows && cols == out.cols)
		return;
	/* a terminal may set its tab stops anew when resized (tmux does) */
	out.tab_at = -1;
	if (rows < 1 || cols < 1 || resize_to(rows, cols) != 0) {
		free(out.shown_cells);
		free(out.shown);
		free(out.want);
		free(out.dirty);
		free(out.row);
		out.shown_cells = out.want = NULL;
		out.shown = NULL;
		out.dirty = NULL;
		out.row = NULL;
		/* no memory for the new size: nothing is drawn until there is */
		out.rows = out.cols = 0;
	}
}

/* The cells of row r that a write at column x breaks: the other half of a
 * wide character there becomes a blank in that character's attributes. */
static inline void unsplit(struct cell *row, int x)
{
	if (x < 0 || x >= out.cols)
		return;
	if (!row[x].ch[0] && x > 0 && (row[x - 1].attr & CELL_WIDE)) {
		row[x - 1].attr &= ~CELL_WIDE;
		row[x - 1].ch[0] = L' ';
		memset(row[x - 1].ch + 1, 0, sizeof row[x - 1].ch - sizeof row[x - 1].ch[0]);
	}
	if ((row[x].attr & CELL_WIDE) && x + 1 < out.cols) {
		row[x + 1] = row[x];
		row[x + 1].attr &= ~CELL_WIDE;
		memset(row[x + 1].ch, 0, sizeof row[x + 1].ch);
		row[x + 1].ch[0] = L' ';
	}
}

void output_put(int y, int x, const wchar_t *wc, int width, attr_t attr, int pair)
{
	if (y < 0 || y >= out.rows || x < 0 || x >= out.cols)
		return;
	struct cell c;
	memset(&c, 0, sizeof c);
	int n = 0;
	for (int i = 0; wc[i] && n < CELL_CHARS; i++) {
		if (sanitize_is_control((uint32_t)wc[i])) {
			if (i == 0)
				c.ch[n++] = L'?'; /* never reaches here: the text is sanitised */
			continue;
		}
		c.ch[n++] = wc[i];
	}
	if (!n)
		c.ch[0] = L' ';
	c.attr = attr & A_ATTRIBUTES & ~A_COLOR;
	c.pair = pair;
	struct cell *row = out.want + (size_t)y * (size_t)out.cols;
	unsplit(row, x);
	if (width == 2 && x + 1 < out.cols) {
		unsplit(row, x + 1);
		c.attr |= CELL_WIDE;
		row[x] = c;
		struct cell half = c;
		half.attr &= ~CELL_WIDE;
		memset(half.ch, 0, sizeof half.ch);
		row[x + 1] = half;
	} else {
		if (width == 2) { /* no room for its right half */
			memset(c.ch, 0, sizeof c.ch);
			c.ch[0] = L' ';
		}
		row[x] = c;
	}
	out.dirty[y] = 1;
}

void output_fill(int y, int x, int w, attr_t attr, int pair)
{
	if (y < 0 || y >= out.rows)
		return;
	if (x < 0) {
		w += x;
		x = 0;
	}
	if (x + w > out.cols)
		w = out.cols - x;
	if (w <= 0)
		return;
	struct cell *row = out.want + (size_t)y * (size_t)out.cols;
	unsplit(row, x);
	unsplit(row, x + w - 1);
	struct cell c = blank_cell;
	c.attr = attr & A_ATTRIBUTES & ~A_COLOR;
	c.pair = pair;
	for (int i = 0; i < w; i++)
		row[x + i] = c;
	out.dirty[y] = 1;
}

void output_erase(void)
{
	for (int y = 0; y < out.rows; y++)
		output_fill(y, 0, out.cols, 0, 0);
}

void output_cursor(int y, int x)
{
	out.cur_y = y;
	out.cur_x = x;
}

int output_scroll(int y, int x, int h, int w, int n)
{
	if (y < 0 || x < 0 || h <= 0 || w <= 0 || y + h > out.rows || x + w > out.cols)
		return -1;
	int k = n > 0 ? n : -n;
	if (k >= h) {
		for (int r = y; r < y + h; r++)
			output_fill(r, x, w, 0, 0);
		return 0;
	}
	size_t cw = (size_t)w * sizeof(struct cell);
	for (int i = 0; i < h; i++) {
		int r = n > 0 ? y + i : y + h - 1 - i, from = r + n;
		struct cell *row = out.want + (size_t)r * (size_t)out.cols;
		if (from >= y && from < y + h)
			memcpy(row + x, out.want + (size_t)from * (size_t)out.cols + (size_t)x, cw);
		else
			for (int c = x; c < x + w; c++)
				row[c] = blank_cell;
		/* a wide character cut by the rectangle's edges: blanks */
		if (x > 0 && ((row[x - 1].attr & CELL_WIDE) || !row[x].ch[0])) {
			if (row[x - 1].attr & CELL_WIDE) {
				row[x - 1].attr &= ~CELL_WIDE;
				row[x - 1].ch[0] = L' ';
			}
			if (!row[x].ch[0])
				row[x].ch[0] = L' ';
		}
		if (x + w < out.cols && ((row[x + w - 1].attr & CELL_WIDE) || !row[x + w].ch[0])) {
			if (row[x + w - 1].attr & CELL_WIDE) {
				row[x + w - 1].attr &= ~CELL_WIDE;
				row[x + w - 1].ch[0] = L' ';
			}
			if (!row[x + w].ch[0])
				row[x + w].ch[0] = L' ';
		}
		out.dirty[r] = 1;
	}
	if (out.on && out.valid) {
		if (out.nhint == MAX_HINTS)
			out.hints_lost = 1;
		else
			out.hint[out.nhint++] = (struct hint){y, h, n};
	}
	return 0;
}

/* Where curses sends the frames: the rows drawn since the last frame into
 * stdscr, a run of one-column ASCII cells of one colour at a time, any
 * other cell alone at its own column (so that columns never follow libc's
 * idea of a width). */
static void copy_to_curses(int all)
{
	for (int y = 0; y < out.rows; y++) {
		if (!all && !out.dirty[y])
			continue;
		const struct cell *row = out.want + (size_t)y * (size_t)out.cols;
		/* the row cleared first: a wide character written over half of an
		 * old one would take cells already written with it */
		if (wmove(stdscr, y, 0) != ERR)
			wclrtoeol(stdscr);
		int n = 0, at = 0;
		for (int x = 0; x <= out.cols; x++) {
			const struct cell *c = x < out.cols ? &row[x] : NULL;
			int plain = c && (uint32_t)c->ch[0] >= 0x20 && (uint32_t)c->ch[0] < 0x7f &&
			            !c->ch[1] && !(c->attr & CELL_WIDE);
			if (n && (!plain || c->attr != row[at].attr || c->pair != row[at].pair)) {
				mvadd_wchnstr(y, at, out.row, n);
				n = 0;
			}
			if (!c || !c->ch[0])
				continue;
			cchar_t cc;
			wchar_t wc[CELL_CHARS + 1];
			memcpy(wc, c->ch, sizeof c->ch);
			wc[CELL_CHARS] = 0;
			if (setcchar(&cc, wc, c->attr & ~CELL_WIDE, (short)c->pair, NULL) != OK)
				continue;
			if (plain) {
				if (!n)
					at = x;
				out.row[n++] = cc;
			} else {
				mvadd_wch(y, x, &cc);
			}
		}
	}
}

void output_frame(void)
{
	if (LINES != out.rows || COLS != out.cols)
		output_resize(LINES, COLS); /* before the reader knew: blank, sent whole */
	if (!out.rows || !out.cols)
		return; /* out of memory for this size */
	if (!out.on) {
		copy_to_curses(!out.valid);
		out.valid = 1;
		memset(out.dirty, 0, (size_t)out.rows);
		if (out.cur_y >= 0) {
			leaveok(stdscr, FALSE);
			move(out.cur_y, out.cur_x);
		} else {
			leaveok(stdscr, TRUE);
		}
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	int all = !out.valid;
	if (all) {
		out.cur = -1;
		set_sgr(sgr_index(0, 0));
		puts_(out.clear);
		out.cy = out.cx = 0;
		for (size_t i = 0; i < (size_t)out.rows * (size_t)out.cols; i++)
			out.shown_cells[i] = blank_cell;
		out.valid = 1;
	} else if (!out.hints_lost) {
		for (int i = 0; i < out.nhint; i++)
			apply_hint(&out.hint[i]);
	}
	out.nhint = 0;
	out.hints_lost = 0;
	for (int y = 0; y < out.rows; y++)
		if (all || out.dirty[y])
			send_row(y);
	memset(out.dirty, 0, (size_t)out.rows);
	choose_tab();
	if (out.cur_y >= 0 && out.cur_y < out.rows && out.cur_x >= 0 && out.cur_x < out.cols)
		move_to(out.cur_y, out.cur_x);
	flush_buf();
}

void output_invalidate(void)
{
	if (!out.on) {
		clearok(curscr, TRUE);
		return;
	}
	out.valid = 0;
	out.cur = -1;
	out.cy = out.cx = -1;
	out.tab_at = -1; /* set again when used: the terminal may have been reset */
}

void output_resume(void)
{
	if (!out.on) {
		clearok(curscr, TRUE);
		refresh();
		return;
	}
	doupdate(); /* the screen taken back; what curses has is blank */
	output_invalidate();
}

void output_leave(void)
{
	if (!out.on)
		return;
	restore_tabs();
	puts_(out.sgr0);
	flush_buf();
	out.cur = -1;
	out.cy = out.cx = -1;
}

void output_end(void)
{
	forget_sgr();
	free(out.shown_cells);
	free(out.shown);
	free(out.want);
	free(out.dirty);
	free(out.row);
	free(out.buf);
	memset(&out, 0, sizeof out);
}
