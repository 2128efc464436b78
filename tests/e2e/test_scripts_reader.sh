#!/bin/sh
# A folder of plain news files in many scripts, read as its readers would:
# Thai, Lao and Khmer articles wrap between words in the reader at every
# width (never "…ทั่วประเทศตั้" / "งแต่…" or "โรงพยาบา" / "ล"), and a Thai
# title too long for the list is shortened between words; a Hindi title ends
# at its danda; pointed Hebrew and vowelled Arabic are identified; an
# article in no known language says "language unknown" under its title,
# never "und"; corpus search ignores case, diacritics and niqqud (Russian,
# Vietnamese, Hebrew) and finds a word of a detected title once; and the
# compare view names a column whose language is unknown by its id.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8

D="$TMP/news"
mkdir -p "$D"
cat >"$D/th-flood.txt" <<'EOF'
น้ำท่วมหนักในภาคเหนือ ชาวบ้านหลายพันครัวเรือนได้รับผลกระทบ

เมื่อวันที่ 10 มีนาคม 2567 กรมป้องกันและบรรเทาสาธารณภัยรายงานว่าฝนที่ตกหนักต่อเนื่องทำให้เกิดน้ำท่วมฉับพลันในหลายจังหวัดทั่วประเทศตั้งแต่ต้นสัปดาห์ เจ้าหน้าที่ได้อพยพผู้ป่วยออกจากโรงพยาบาลประจำอำเภอไปยังอาคารที่ปลอดภัยกว่าแล้ว

ผู้ว่าราชการจังหวัดกล่าวว่าได้จัดตั้งศูนย์พักพิงชั่วคราวในโรงเรียนและวัดหลายแห่ง เพื่อรองรับประชาชนที่ต้องอพยพออกจากบ้านเรือน กรมอุตุนิยมวิทยาคาดว่าฝนจะเริ่มลดลงในวันที่ 14 มีนาคม

ที่มา: https://news.example.org/th/northern-floods
EOF
# the first paragraph is the title: longer than the list's 72 columns
sed -n 3p "$D/th-flood.txt" >"$D/th-rain.txt"
cp "$ROOT/tests/data/wordbreak/lo.txt" "$D/lo-rain.txt"
cp "$ROOT/tests/data/wordbreak/km.txt" "$D/km-rain.txt"
cat >"$D/hi-water.txt" <<'EOF'
दिल्ली में जल सम्मेलन शुरू हुआ। चालीस देशों के प्रतिनिधि पहुंचे

नई दिल्ली में 10 मार्च 2024 को अंतरराष्ट्रीय जल सम्मेलन की शुरुआत हुई। जल शक्ति मंत्री ने उद्घाटन भाषण में कहा कि पानी की कमी आने वाले दशकों की सबसे बड़ी चुनौती है।
EOF
cat >"$D/he-shira.txt" <<'EOF'
שִׁירַת הַיָּם בְּבֵית הַכְּנֶסֶת הַגָּדוֹל

בְּיוֹם רִאשׁוֹן, 17 בְּמַרְץ 2024, נֶעֶרְכָה קְרִיאָה מְשֻׁתֶּפֶת שֶׁל שִׁירַת הַיָּם בְּבֵית הַכְּנֶסֶת הַגָּדוֹל בִּירוּשָׁלַיִם. מֵאוֹת מִתְפַּלְּלִים הִשְׁתַּתְּפוּ בָּאֵרוּעַ.
EOF
cat >"$D/ar-voc.txt" <<'EOF'
اِفْتُتِحَ المُؤْتَمَرُ الدَّوْلِيُّ لِإِدَارَةِ المَوَارِدِ المَائِيَّةِ فِي القَاهِرَةِ يَوْمَ الأَحَدِ، بِمُشَارَكَةِ وُفُودٍ مِنْ أَرْبَعِينَ دَوْلَةً. وَقَالَ وَزِيرُ المَوَارِدِ المَائِيَّةِ إِنَّ نُدْرَةَ المِيَاهِ مِنْ أَكْبَرِ التَّحَدِّيَاتِ الَّتِي تُوَاجِهُ المِنْطَقَةَ.
EOF
cat >"$D/ru-flood.txt" <<'EOF'
Паводок в Оренбургской области

Уровень воды в реке Урал 5 марта 2024 года превысил критическую отметку. Власти объявили режим чрезвычайной ситуации и начали эвакуацию жителей прибрежных районов.
EOF
cat >"$D/vi-bao.txt" <<'EOF'
Bão số 3 gây mưa lớn ở miền Bắc

Ngày 10 tháng 3 năm 2024, cơn bão số 3 đổ bộ vào các tỉnh ven biển miền Bắc, gây mưa lớn và ngập lụt ở nhiều nơi.
EOF
printf 'xq zzkr vvpt qqql mmnz\n\nbbrk tzzq qwpx kkjr lmnq vvzz\n' >"$D/noise.txt"

# ---- --list: titles and languages --------------------------------------
out=$(timeout 10 "$TANDEM" --list "$D" 2>&1)
row() { echo "$out" | grep "^$1 "; }
# "…ต่อ|เนื่อง|ทำ|ให้…": cut after a word, not inside ทำให้ ("…ทำใ…")
if row th-rain | grep -q "ตกหนักต่อเนื่อง…$"; then ok "--list: Thai title cut between words"; else
	notok "--list: Thai title cut between words" "$(row th-rain)"; fi
if row hi-water | grep -q " दिल्ली में जल सम्मेलन शुरू हुआ।$"; then ok "--list: Hindi title ends at ।"; else
	notok "--list: Hindi title ends at ।" "$(row hi-water)"; fi
if row he-shira | grep -q "^he-shira  *he "; then ok "--list: pointed Hebrew is he"; else
	notok "--list: pointed Hebrew is he" "$(row he-shira)"; fi
if row ar-voc | grep -q "^ar-voc  *ar "; then ok "--list: vowelled Arabic is ar"; else
	notok "--list: vowelled Arabic is ar" "$(row ar-voc)"; fi
for l in th lo km; do
	if row "$l-rain" | grep -q "^$l-rain  *$l "; then ok "--list: $l"; else notok "--list: $l" "$(row "$l-rain")"; fi
done

# ---- the reader: Thai, Lao, Khmer wrap between words at every width -----
# words ICU's dictionaries (and libthai's) keep whole; a row ending in the
# start of one and the next row starting with its rest is a wrap inside it
WORDS_th="ตั้งแต่ พยาบาล ประเทศ จังหวัด สาธารณภัย อุตุนิยมวิทยา ชั่วคราว โรงเรียน"
WORDS_lo="ອຸຕຸນິຍົມວິທະຍາ ປະເທດ ນໍ້າຖ້ວມ ເຈົ້າໜ້າທີ່ ໂຮງຮຽນ ອົບພະຍົບ"
WORDS_km="ប្រទេស ខាងជើង ប្រជាពលរដ្ឋ មន្ទីរពេទ្យ អភិបាលខេត្ត បណ្តោះអាសន្ន"
for l in th lo km; do
	id=$l-rain
	[ $l = th ] && id=th-flood
	eval "words=\$WORDS_$l"
	start 100 60 xterm-256color --open "$id" "$D"
	if ! wait_for "$id $l"; then
		notok "$l: opened" "$(screen)"
		continue
	fi
	bad=
	for w in 30 37 44 51 58 65 72; do
		tm resize-window -x "$w" -y 60 >/dev/null 2>&1
		settle
		why=$(screen | sed '$d' | python3 -c '
import sys
words = sys.argv[1].split()
rows = [r.strip() for r in sys.stdin.read().split("\n")]
seen = set()
for a, b in zip(rows, rows[1:]):
    for w in words:
        seen.update(x for x in (a, b) if w in x)
        for k in range(1, len(w)):
            if a and b and a.endswith(w[:k]) and b.startswith(w[k:]):
                print("%s | %s" % (w[:k], w[k:]))
if not seen:
    print("none of the words shown")
' "$words")
		[ -n "$why" ] && bad="${bad:+$bad; }width $w: $why"
	done
	if [ -z "$bad" ]; then ok "$l: wraps between words at 7 widths"; else notok "$l: wraps between words at 7 widths" "$bad"; fi
	keys Q
done

# ---- the reader: language unknown, never und ---------------------------
start 100 30 xterm-256color --open noise "$D"
if wait_for "undated · language unknown"; then ok "article header: language unknown"; else
	notok "article header: language unknown"; fi
if screen | grep -q "· und"; then notok "article header: no und"; else ok "article header: no und"; fi
keys Q

# ---- corpus search: case, diacritics, niqqud; a title's word once -------
XDG_STATE_HOME="$TMP/state-search" # nothing read yet: the list
mkdir -p "$XDG_STATE_HOME"
start 100 30 xterm-256color "$D"
wait_for "noise" >/dev/null
keys /
tm send-keys -l "ПАВОДОК"
keys Enter
check "search: Russian, any case, found once" "1 match in the corpus for"
keys Escape
keys /
tm send-keys -l "bao so"
keys Enter
check "search: Vietnamese without its diacritics" "2 matches in the corpus for"
if screen | grep -q "vi-bao"; then ok "search: the Vietnamese hits listed"; else notok "search: the Vietnamese hits listed"; fi
keys Escape
keys /
tm send-keys -l "שירת הים"
keys Enter
check "search: unpointed Hebrew finds pointed text" "2 matches in the corpus for"
if screen | grep -q "he-shira"; then ok "search: the Hebrew hits listed"; else notok "search: the Hebrew hits listed"; fi
keys Q

# ---- compare: a column in an unknown language is named by its id --------
C="$TMP/cmp"
mkdir -p "$C"
printf '[article fr]\nfile = fr.txt\nlang = fr\ngroup = g\n[article zz]\nfile = zz.txt\ngroup = g\n' >"$C/corpus.ini"
printf 'La signature à Hanoi\n\nLe 25 octobre 2025, 69 États ont signé la convention.\n\nLa cérémonie a duré deux heures.\n' >"$C/fr.txt"
printf 'Xq zzkr vvpt\n\nQqql 25 mmnz 2025, 96 bbrk tzzq qwpx.\n\nKkjr lmnq vvzz.\n' >"$C/zz.txt"
start 110 20 xterm-256color --open fr --compare "$C"
wait_for "[sync]" >/dev/null
keys x
check "compare: the difference names zz" ", not in zz"
if screen | grep -q "not in language unknown\|in language unknown,"; then
	notok "compare: no \"in language unknown\""; else ok "compare: no \"in language unknown\""; fi
keys Q

finish
