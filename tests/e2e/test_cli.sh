#!/bin/sh
# The command line without a terminal: which path is a corpus, exit statuses
# (0 ok, 1 runtime error, 2 usage error), messages that name the file, and
# output that cannot be written. No tmux session: tandem's stdout and stderr
# are read directly.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8 TANDEM_CORPUS="$ROOT/corpus"

# run ARGS...: tandem with a time limit; $rc, $out and $err afterwards
run() {
	timeout 10 "$TANDEM" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	rc=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
}

# a single file is an article whatever its name's length or extension
printf 'Bonjour le monde et la paix dans le pays.\n' >"$TMP/f"
cd "$TMP" && run --list f && cd "$ROOT" || exit 1
if [ $rc -eq 0 ] && echo "$out" | grep -q '^f  *fr '; then ok "a file named f is an article"; else notok "a file named f is an article" "rc=$rc $err"; fi

# a corpus.ini stands for its directory
run --list "$ROOT/corpus/corpus.ini"
if [ $rc -eq 0 ] && [ "$(echo "$out" | wc -l)" -eq 5 ]; then ok "corpus.ini opens its directory"; else notok "corpus.ini opens its directory" "rc=$rc $err"; fi

# a FIFO as the path, or as the manifest: reported, never waited on
mkfifo "$TMP/pipe.txt"
run --list "$TMP/pipe.txt"
if [ $rc -eq 1 ] && echo "$err" | grep -q "pipe.txt: error: not a regular file"; then ok "FIFO path: error, no hang"; else notok "FIFO path: error, no hang" "rc=$rc $err"; fi
mkdir "$TMP/fifodir"
mkfifo "$TMP/fifodir/corpus.ini"
run --list "$TMP/fifodir"
if [ $rc -eq 1 ] && echo "$err" | grep -q "corpus.ini: error: not a regular file"; then ok "FIFO manifest: error, no hang"; else notok "FIFO manifest: error, no hang" "rc=$rc $err"; fi
if echo "$err" | grep -q "fifodir: no article to show"; then ok "no article: the corpus named"; else notok "no article: the corpus named" "$err"; fi

# exit statuses
run --compare no-such,ar-rehearsal,id-rehearsal,id-reception
if [ $rc -eq 2 ]; then ok "--compare with four ids: usage error"; else notok "--compare with four ids: usage error" "rc=$rc $err"; fi
run --open no-such-article
if [ $rc -eq 1 ] && echo "$err" | grep -q "no article 'no-such-article'"; then ok "--open of a missing article: exit 1"; else notok "--open of a missing article: exit 1" "rc=$rc $err"; fi

# output that cannot be written is an error, for --render too
if [ -w /dev/full ]; then
	echo 'abc' | timeout 10 "$TANDEM" --render >/dev/full 2>"$TMP/err"
	rc=$?
	if [ $rc -eq 1 ] && grep -q 'write error' "$TMP/err"; then ok "--render: write error"; else notok "--render: write error" "rc=$rc"; fi
fi
# --order: into a pipe the text as stored (grep finds an Arabic word), on
# request the rows the reader draws
n=$("$TANDEM" --dump ar-rehearsal | grep -c 'هانوي')
if [ "$n" -ge 1 ]; then ok "--dump into a pipe: logical order"; else notok "--dump into a pipe: logical order" "$n"; fi
n=$("$TANDEM" --dump ar-rehearsal --order=visual | grep -c 'هانوي')
if [ "$n" -eq 0 ]; then ok "--order=visual: shaped and reordered"; else notok "--order=visual: shaped and reordered" "$n"; fi
n=$("$TANDEM" --compare fr-rehearsal,ar-rehearsal | grep -c 'هانوي')
if [ "$n" -ge 1 ]; then ok "--compare into a pipe: logical order"; else notok "--compare into a pipe: logical order" "$n"; fi
"$TANDEM" --dump ar-rehearsal --order=sideways >/dev/null 2>"$TMP/err"
if [ $? -eq 2 ] && grep -q "visual or logical" "$TMP/err"; then ok "--order: a bad value"; else notok "--order: a bad value"; fi
# a narrow meta line breaks between its fields, never inside the host
if "$TANDEM" --dump fr-rehearsal --width 30 | grep -q '^www\.vietnamplus\.vn$'; then ok "meta: the host kept whole"; else
	notok "meta: the host kept whole" "$("$TANDEM" --dump fr-rehearsal --width 30 | sed -n 5,6p)"; fi
finish
