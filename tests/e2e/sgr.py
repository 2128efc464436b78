"""sgr.py -- the cells of a screen captured with `tmux capture-pane -e`:
each character with the SGR attributes in force at it, as the terminal
shows them (tmux places its resets at line ends or starts as it likes).
Used by the tests that compare colours (import it with PYTHONPATH set to
this directory). Run as `python3 sgr.py CAPTURE`, it prints what the
capture shows, one "ROW COL CHARACTER ATTRIBUTES" line for each cell that
is not a blank in the terminal's colours (a blank's foreground, which does
not show, left out), so that two captures compare with cmp."""
import re

_SGR_OR_CHAR = re.compile(r"\x1b\[([0-9;]*)m|([^\x1b\n])")


def _apply(state, params):
    codes = [int(c) if c else 0 for c in params.split(";")]
    i = 0
    while i < len(codes):
        c = codes[i]
        if c == 0:
            state.clear()
        elif c in (38, 48) and i + 1 < len(codes):
            _drop_colour(state, c == 38)
            n = 3 if codes[i + 1] == 5 else 5
            state[c] = ":".join(map(str, codes[i:i + n]))
            i += n - 1
        elif c in (39, 49):  # default foreground, background
            _drop_colour(state, c == 39)
        elif _is_fg(c) or _is_bg(c):  # a colour replaces the one before
            _drop_colour(state, _is_fg(c))
            state[c] = str(c)
        else:
            state[c] = str(c)
        i += 1


def _is_fg(k):
    return k == 38 or 30 <= k <= 37 or 90 <= k <= 97


def _is_bg(k):
    return k == 48 or 40 <= k <= 47 or 100 <= k <= 107


def _drop_colour(state, fg):
    for k in list(state):
        if (_is_fg if fg else _is_bg)(k):
            del state[k]


def cells(line, state, blank_fg=True):
    """The cells of one line, as (character, attributes) pairs: the
    attributes sorted and comma-separated, "" for the terminal's defaults.
    state (a dict) carries the attributes from line to line. blank_fg
    False: a blank's foreground colour, which does not show, is left out."""
    out = []
    for m in _SGR_OR_CHAR.finditer(line):
        if m.group(2) is None:
            _apply(state, m.group(1))
            continue
        keys = sorted(k for k in state if blank_fg or m.group(2) != " " or not _is_fg(k))
        out.append((m.group(2), ",".join(state[k] for k in keys)))
    return out


def shown(path):
    """The lines `python3 sgr.py CAPTURE` prints for the capture in path."""
    state, out = {}, []
    for row, line in enumerate(open(path, encoding="utf-8", errors="replace")):
        for col, (ch, attrs) in enumerate(cells(line, state, blank_fg=False)):
            if ch != " " or attrs:
                out.append("%d %d %s %s" % (row, col, ch, attrs))
    return out


if __name__ == "__main__":
    import sys
    print("\n".join(shown(sys.argv[1])))
