#!/bin/sh
# The evidence of an event in the reader: e in the timeline lists, per
# article, whether it reports or mentions the event and the paragraphs that
# are evidence, the mention lit; Enter opens the article at that paragraph
# with the mention lit; c opens the compare view there; e in an article
# names the events the paragraph at the top reports.
. "$(dirname "$0")/lib.sh"

start 120 30 xterm-256color
check "evidence: timeline" "event 1/6"
keys j j e
check "evidence: the signing's list" "evidence for signing"
check "evidence: counted" "4 paragraphs report it"
if screen | grep -q 'id  mentions Sesi diskusi tingkat tinggi'; then ok "evidence: an article that mentions it"; else
	notok "evidence: an article that mentions it"; fi
if screen | grep -q 'p2 .*kemarin pagi, 25 Oktober'; then ok "evidence: the paragraph's excerpt"; else
	notok "evidence: the paragraph's excerpt"; fi
# the mention is lit (the match colours: black on yellow)
if screen_e | grep -q "$(printf '\033')\[[0-9;]*43m[^ ]*25 Oktober"; then ok "evidence: the mention lit"; else
	notok "evidence: the mention lit" "$(screen_e | grep -a kemarin | cat -v)"; fi
keys G Enter
check "evidence: Enter opens the article" "id-discussion id"
if line 0 | grep -q 'kemarin pagi, 25 Oktober'; then ok "evidence: at that paragraph"; else
	notok "evidence: at that paragraph"; fi
if screen_e | grep -q "$(printf '\033')\[[0-9;]*41m25 Oktober"; then ok "evidence: the mention lit in the article"; else
	notok "evidence: the mention lit in the article" "$(screen_e | grep -a kemarin | cat -v)"; fi
keys e
check "e in an article: the paragraph's events" "p2 reports: signing (2025-10-25)"
keys q
check "evidence: back to the list" "evidence for signing"
keys g c
check "evidence: c compares there" "[sync]"
if screen | grep -q '^Le matin du 23 octobre'; then ok "evidence: compare at that paragraph"; else
	notok "evidence: compare at that paragraph"; fi
keys Q
check "evidence: quits" "EXIT=0"
finish
