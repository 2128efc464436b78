"""sgr.py -- the cells of a screen captured with `tmux capture-pane -e`:
each character with the SGR attributes in force at it, as the terminal
shows them (tmux places its resets at line ends or starts as it likes).
Used by the tests that compare colours (import it with PYTHONPATH set to
this directory)."""
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
            n = 3 if codes[i + 1] == 5 else 5
            state[c] = ":".join(map(str, codes[i:i + n]))
            i += n - 1
        elif c in (39, 49):  # default foreground, background
            fg = c == 39
            for k in list(state):
                if k == (38 if fg else 48) or (30 if fg else 40) <= k <= (37 if fg else 47) \
                        or (90 if fg else 100) <= k <= (97 if fg else 107):
                    del state[k]
        else:
            state[c] = str(c)
        i += 1


def _is_fg(k):
    return k == 38 or 30 <= k <= 37 or 90 <= k <= 97


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
