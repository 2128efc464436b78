#!/bin/sh
# The on-disk index survives a SIGKILL in the middle of indexing: every
# batch committed before it is kept (those files are not read again), the
# database passes PRAGMA quick_check, and tandem opens and lists every
# article. Two tandems indexing one corpus at once both list it whole.
# TANDEM_TEST_INDEX_DELAY_MS (index.h) slows indexing down (a pause after
# each committed batch and each quarter of one) so that the kill lands
# mid-way: after the first batch of CINDEX_BATCH (1024) is committed and
# before the second.
. "$(dirname "$0")/lib.sh"

BIG="$TMP/big"
gen_corpus "$BIG" 2000
txt_reads() { if [ -f "$1" ]; then grep -c '\.txt$' "$1"; else echo 0; fi; }
# sql DB QUERY: the first column of the first row
sql() {
	python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$1" "$2"
}

# committed: the rows a reader of the database sees (0 before it exists)
committed() {
	python3 -c 'import sqlite3, sys
try:
    print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM article").fetchone()[0])
except Exception:
    print(0)' "$(ls "$XDG_CACHE_HOME"/tandem/*-big.db 2>/dev/null | head -1)"
}
TANDEM_TEST_INDEX_DELAY_MS=1000 TANDEM_TEST_OPEN_LOG="$TMP/open1" "$TANDEM" --list "$BIG" \
	>/dev/null 2>&1 &
pid=$!
i=0
while [ "$(committed)" -eq 0 ] && [ $i -lt 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -KILL "$pid"
wait "$pid" 2>/dev/null
read1=$(txt_reads "$TMP/open1")

db=$(ls "$XDG_CACHE_HOME"/tandem/*-big.db)
rows=$(sql "$db" 'SELECT count(*) FROM article')
if [ "$rows" -gt 0 ] && [ "$rows" -lt 2000 ]; then ok "kill: killed while indexing"; else
	notok "kill: killed while indexing" "$rows rows, $read1 read"; fi
if [ "$(sql "$db" 'PRAGMA quick_check')" = ok ]; then ok "kill: the index passes quick_check"; else
	notok "kill: the index passes quick_check"; fi
if [ "$rows" -eq 1024 ] && [ "$read1" -ge "$rows" ]; then ok "kill: the committed batches are kept"; else
	notok "kill: the committed batches are kept" "$rows rows, $read1 read"; fi

TANDEM_TEST_OPEN_LOG="$TMP/open2" "$TANDEM" --list "$BIG" >"$TMP/list" 2>"$TMP/err"
rc=$?
if [ "$rc" -eq 0 ] && [ "$(wc -l <"$TMP/list")" -eq 2000 ] && [ ! -s "$TMP/err" ]; then
	ok "kill: reopened, every article listed"; else
	notok "kill: reopened, every article listed" "exit $rc; $(head -2 "$TMP/err")"; fi
read2=$(txt_reads "$TMP/open2")
if [ "$read2" -eq $((2000 - rows)) ]; then ok "kill: only what was not indexed is read"; else
	notok "kill: only what was not indexed is read" "$read2 read, $rows indexed"; fi
if [ "$(sql "$db" 'PRAGMA quick_check')" = ok ] &&
	[ "$(sql "$db" 'SELECT count(*) FROM article')" -eq 2000 ]; then
	ok "kill: the index is whole"; else notok "kill: the index is whole"; fi

# two at once on a cold index (WAL; the second waits for the first's batches)
rm -rf "$XDG_CACHE_HOME/tandem"
"$TANDEM" --list "$BIG" >"$TMP/l1" 2>"$TMP/e1" &
p1=$!
"$TANDEM" --list "$BIG" >"$TMP/l2" 2>"$TMP/e2" &
p2=$!
wait "$p1"
r1=$?
wait "$p2"
r2=$?
if [ "$r1" -eq 0 ] && [ "$r2" -eq 0 ] && cmp -s "$TMP/l1" "$TMP/list" && cmp -s "$TMP/l2" "$TMP/list" &&
	[ ! -s "$TMP/e1" ] && [ ! -s "$TMP/e2" ]; then
	ok "two at once: both list every article"; else
	notok "two at once: both list every article" "exit $r1 $r2; $(cat "$TMP/e1" "$TMP/e2" | head -3)"; fi
db=$(ls "$XDG_CACHE_HOME"/tandem/*-big.db)
if [ "$(sql "$db" 'SELECT count(*) FROM article')" -eq 2000 ]; then ok "two at once: the index is whole"; else
	notok "two at once: the index is whole"; fi

finish
