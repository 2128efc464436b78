#!/bin/sh
# F shows an event's fact table in the reader: the rehearsal report's
# expectations beside the discussion report's figures, grouped by the word
# beside them, each row naming its paragraph; Enter opens the article there
# with the fact lit; the same table from the evidence list.
. "$(dirname "$0")/lib.sh"

start 140 40 xterm-256color
check "facts: timeline" "event 1/6"
keys j j F
check "facts: the signing's table" "facts of signing"
check "facts: a lexical reading" "a lexical reading, not a verdict"
# the negara group: about 60 signatories beside 69 states that signed
grp=$(screen | sed -n '/│ negara  (3 articles)/,/│ [a-z]*  (/p')
if echo "$grp" | grep -q 'id-rehearsal#p8 *approximately 60 ' && echo "$grp" | grep -q 'id-discussion#p2 *69 '; then
	ok "facts: expectations beside figures (signatories)"; else notok "facts: expectations beside figures (signatories)" "$grp"; fi
grp=$(screen | sed -n '/│ delegasi  (2 articles)/,/│ [a-z]*  (/p')
if echo "$grp" | grep -q 'approximately 1500' && echo "$grp" | grep -q 'more than 1000'; then
	ok "facts: expectations beside figures (delegates)"; else notok "facts: expectations beside figures (delegates)" "$grp"; fi
keys Enter
check "facts: Enter opens the article" "article"
if line 0 | grep -q 'sekitar 110 negara'; then ok "facts: at that paragraph"; else notok "facts: at that paragraph"; fi
keys q e
check "facts: e shows the evidence" "evidence for signing"
keys F
check "facts: from the evidence list" "facts of signing"
keys e
check "facts: and back to the evidence" "evidence for signing"
keys Q
check "facts: quits" "EXIT=0"
finish
