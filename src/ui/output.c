/* output.c — owns sending frames to the terminal (see output.h): the copy
 * of what the terminal shows, the comparison of curses' virtual screen with
 * it, cursor movement, the attribute sequences (made once per attribute and
 * colour pair), UTF-8 encoding of the cells, the scroll region for a
 * scrolled pane, and the one write of a frame. */
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

/* One terminal cell as this module compares it: 28 bytes, no padding, so
 * that cells compare with memcmp. */
struct cell {
	wchar_t ch[CELL_CHARS]; /* base character, then marks; 0-padded. ch[0] == 0:
	                           the right half of a wide character */
	attr_t attr;            /* attributes, without the colour pair */
	int pair;
};

struct sgr {
	attr_t attr;
	int pair;
	int bg;    /* the pair's background, -1: the terminal's own */
	char *seq; /* what sets exactly these attributes (owned) */
};

struct hint {
	int y, h, n;
};

static struct output {
	int on;            /* frames go out here; else through doupdate */
	int fd;
	int rows, cols;
	struct cell *shown_cells; /* rows * cols: what the terminal shows, */
	struct cell **shown;      /* rows: by row (a scroll moves the pointers) */
	struct cell *want;  /* rows * cols: curses' virtual screen, as last read */
	unsigned char *reread;  /* rows: to read again though curses has it untouched */
	cchar_t *row;       /* cols + 1: one row read from curses */
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
	int bce;           /* clearing fills with the current background */
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
		if (emit) {
			char s[32], *p = s;
			*p++ = '\033';
			*p++ = '[';
			p = fmt_int(p, y + 1);
			*p++ = ';';
			p = fmt_int(p, x + 1);
			*p++ = 'H';
			put(s, (size_t)(p - s));
		}
		return 4 + (size_t)digits(y + 1) + (size_t)digits(x + 1);
	}
	const char *s = tiparm(out.cup, y, x);
	size_t n = s ? strlen(s) : 0;
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
	if (emit)
		put(s, len);
	return len;
}

/* Moves the cursor to (y, x) the shortest way this module knows: an
 * address, a move right, a carriage return, a line feed. */
static void move_to(int y, int x)
{
	if (out.cy == y && out.cx == x)
		return;
	size_t best = do_cup(y, x, 0);
	int how = 0; /* 0 address, 1 right, 2 return (+ right), 3 next row (+ right) */
	if (out.cy == y && out.cx >= 0 && x > out.cx) {
		size_t n = do_cuf(x - out.cx, 0);
		if (n && n < best) {
			best = n;
			how = 1;
		}
	}
	if (out.cy == y && out.cx >= 0 && x < out.cx) {
		size_t n = 1 + (x ? do_cuf(x, 0) : 0);
		if ((!x || n > 1) && n < best) {
			best = n;
			how = 2;
		}
	}
	if (out.cy >= 0 && out.cx >= 0 && y == out.cy + 1 && out.cud1) {
		size_t n = 2 + (x ? do_cuf(x, 0) : 0);
		if ((!x || n > 2) && n < best) {
			best = n;
			how = 3;
		}
	}
	switch (how) {
	case 1:
		do_cuf(x - out.cx, 1);
		break;
	case 2:
		put("\r", 1);
		if (x)
			do_cuf(x, 1);
		break;
	case 3:
		if (out.nl_returns)
			put("\n", 1); /* the tty sends CR LF */
		else {
			put("\r", 1);
			puts_(out.cud1);
		}
		if (x)
			do_cuf(x, 1);
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
		append_tiparm(s, sizeof s, &len, out.sgr0);
		if (attr & A_STANDOUT)
			append_tiparm(s, sizeof s, &len, out.smso);
		if (attr & A_UNDERLINE)
			append_tiparm(s, sizeof s, &len, out.smul);
		if (attr & A_REVERSE)
			append_tiparm(s, sizeof s, &len, out.rev);
		if (attr & A_BLINK)
			append_tiparm(s, sizeof s, &len, out.blink);
		if (attr & A_DIM)
			append_tiparm(s, sizeof s, &len, out.dim);
		if (attr & A_BOLD)
			append_tiparm(s, sizeof s, &len, out.bold);
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

/* Whether base character b takes two columns: wcwidth, asked only outside
 * the ranges where no character does (below U+1100; general punctuation to
 * the technical symbols; box drawing and blocks; the Arabic presentation
 * forms). */
static inline int is_wide(wchar_t b)
{
	uint32_t u = (uint32_t)b;
	if (u < 0x1100 || (u >= 0x1160 && u < 0x231a) || (u >= 0x2400 && u < 0x25fd) ||
	    (u >= 0xfb00 && u < 0xfe10) || (u >= 0xfe70 && u < 0xff00))
		return 0;
	return wcwidth(b) == 2;
}

/* The columns of the cell at row[x]: a wide character's right half follows
 * it (ch[0] == 0). */
static int width_at(const struct cell *row, int x, int cols)
{
	return x + 1 < cols && !row[x + 1].ch[0] ? 2 : 1;
}

static inline int cell_eq(const struct cell *a, const struct cell *b)
{
	return a->ch[0] == b->ch[0] && a->attr == b->attr && a->pair == b->pair &&
	       a->ch[1] == b->ch[1] && a->ch[2] == b->ch[2] && a->ch[3] == b->ch[3] &&
	       a->ch[4] == b->ch[4];
}

static const struct cell blank_cell = {.ch = {L' '}};

/* The marks after a base: none that is a control, and zeros after the
 * last, so that equal cells compare equal. */
static void clean_marks(struct cell *c)
{
	int n = 1;
	for (int i = 1; i < CELL_CHARS && c->ch[i]; i++)
		if (!sanitize_is_control((uint32_t)c->ch[i]))
			c->ch[n++] = c->ch[i];
	while (n < CELL_CHARS)
		c->ch[n++] = 0;
}

/* Sends the cell at row[x]; the cursor is at x. */
static inline void send_cell(const struct cell *row, int x)
{
	const struct cell *c = &row[x];
	if (out.cur < 0 || out.sgr[out.cur].attr != c->attr || out.sgr[out.cur].pair != c->pair)
		set_sgr(sgr_index(c->attr, c->pair));
	if (reserve(CELL_CHARS * 4) != 0)
		return;
	if ((uint32_t)c->ch[0] < 0x80 && !c->ch[1])
		out.buf[out.len++] = (char)c->ch[0];
	else
		for (int k = 0; k < CELL_CHARS && c->ch[k]; k++)
			put_utf8((uint32_t)c->ch[k]);
	out.cx = x + width_at(row, x, out.cols);
	if (out.cx >= out.cols) /* at the margin: where the next one goes differs */
		out.cy = out.cx = -1;
}

/* One row of curses' virtual screen into want; control characters, which
 * never get there, would still not reach the terminal. */
static void read_row(int y)
{
	struct cell *w = out.want + (size_t)y * (size_t)out.cols;
	if (mvwin_wchnstr(stdscr, y, 0, out.row, out.cols) == ERR) {
		for (int x = 0; x < out.cols; x++)
			w[x] = blank_cell;
		return;
	}
	const cchar_t *cc = out.row;
	for (int x = 0; x < out.cols; x++, cc++) {
		struct cell *c = &w[x];
		wchar_t b = cc->chars[0];
		if (!b) { /* the row ended early: blanks */
			for (; x < out.cols; x++)
				w[x] = blank_cell;
			break;
		}
		memcpy(c->ch, cc->chars, sizeof c->ch);
		c->attr = cc->attr & A_ATTRIBUTES & ~A_COLOR;
		c->pair = cc->ext_color ? cc->ext_color : (int)PAIR_NUMBER(cc->attr);
		if ((uint32_t)b < 0x20 || ((uint32_t)b >= 0x7f && (uint32_t)b < 0xa0))
			c->ch[0] = L'?';
		if (c->ch[1])
			clean_marks(c);
		if (is_wide(b)) {
			if (x + 1 < out.cols) {
				w[++x] = *c;
				memset(w[x].ch, 0, sizeof w[x].ch);
			} else {
				c->ch[0] = L' '; /* cannot be shown at the margin */
				c->ch[1] = 0;
			}
		}
	}
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
	if (c->ch[0] != L' ' || c->ch[1] || (c->attr & (A_REVERSE | A_UNDERLINE | A_STANDOUT | A_BLINK)))
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
			if (ok)
				for (int k = g; k < at; k++)
					send_cell(n, k);
		}
		/* from at up to and with the cell at x */
		int c = at;
		while (c <= x) {
			move_to(y, c);
			send_cell(n, c);
			c += width_at(n, c, cols);
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
	free(out.reread);
	free(out.row);
	out.shown_cells = s;
	out.reread = rr;
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
	out.ansi_cup = out.cup && !strcmp(out.cup, "\033[%i%p1%d;%p2%dH");
	out.ansi_cuf = out.cuf && !strcmp(out.cuf, "\033[%p1%dC");
	struct termios tio;
	int onlcr = tcgetattr(out.fd, &tio) == 0 && (tio.c_oflag & OPOST) && (tio.c_oflag & ONLCR);
	/* a line feed that the tty turns into CR LF reaches the next row's
	 * start in one byte; any other cud1 needs a return before it */
	out.nl_returns = onlcr && out.cud1 && !strcmp(out.cud1, "\n");
	if (!out.cup || !out.el || !out.clear || !out.sgr0)
		return 0;
	if (has_colors() && (!out.setaf || !out.setab))
		return 0; /* colours by another scheme: curses knows them */
	if (resize_to(LINES, COLS) != 0)
		return 0;
	out.on = 1;
	return 1;
}

int output_scrolled(int y, int x, int h, int w, int n)
{
	if (!out.on)
		return 0;
	if (y < 0 || x < 0 || h <= 0 || w <= 0 || y + h > out.rows || x + w > out.cols) {
		out.valid = 0; /* not a rectangle of the screen: send all */
		return 1;
	}
	/* every row changed in stdscr so far is noted (stdscr may then be
	 * marked untouched); a row changed in the rectangle before the scroll
	 * is read where its cells went too */
	for (int r = 0; r < out.rows; r++)
		if (is_linetouched(stdscr, r))
			out.reread[r] |= 2;
	/* want follows the cells as the windows moved them, and the rows
	 * uncovered are read in any case */
	size_t cw = (size_t)w * sizeof(struct cell);
	for (int i = 0; i < h; i++) {
		int r = n > 0 ? y + i : y + h - 1 - i, from = r + n;
		struct cell *d = out.want + (size_t)r * (size_t)out.cols + (size_t)x;
		if (from >= y && from < y + h) {
			memcpy(d, out.want + (size_t)from * (size_t)out.cols + (size_t)x, cw);
			out.reread[r] |= (unsigned char)((out.reread[from] & 3) ? 4 : 0);
		} else {
			out.reread[r] |= 4;
		}
	}
	for (int r = 0; r < out.rows; r++)
		out.reread[r] = out.reread[r] ? 1 : 0;
	if (!out.valid)
		return 1;
	if (out.nhint == MAX_HINTS)
		out.hints_lost = 1;
	else
		out.hint[out.nhint++] = (struct hint){y, h, n};
	return 1;
}

void output_frame(void)
{
	if (!out.on) {
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	if ((LINES != out.rows || COLS != out.cols) && resize_to(LINES, COLS) != 0) {
		/* no memory for the new size: curses sends this frame */
		touchwin(stdscr);
		wnoutrefresh(stdscr);
		clearok(curscr, TRUE);
		doupdate();
		return;
	}
	int cy, cx;
	getyx(stdscr, cy, cx);
	int leave = is_leaveok(stdscr);
	int all = !out.valid;
	for (int y = 0; y < out.rows; y++)
		if (all || out.reread[y] || is_linetouched(stdscr, y))
			read_row(y);
	memset(out.reread, 0, (size_t)out.rows);
	wmove(stdscr, cy, cx);
	/* curses must not send stdscr itself (as a key read would when it is
	 * touched): what it holds is on its way */
	wtouchln(stdscr, 0, out.rows, 0);
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
		send_row(y);
	if (!leave && cy >= 0 && cy < out.rows && cx >= 0 && cx < out.cols)
		move_to(cy, cx);
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
	free(out.reread);
	free(out.row);
	free(out.buf);
	memset(&out, 0, sizeof out);
}
