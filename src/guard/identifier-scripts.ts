// The Unicode scripts, as JavaScript's `\p{Script_Extensions=…}` knows them (Unicode 17).
const scriptNames = (
  'Latin Greek Cyrillic Han Hiragana Katakana Hangul Bopomofo Arabic Hebrew Armenian Georgian ' +
  'Devanagari Bengali Gurmukhi Gujarati Oriya Tamil Telugu Kannada Malayalam Sinhala Thai Lao ' +
  'Tibetan Myanmar Khmer Ethiopic Thaana Syriac Mongolian Cherokee Coptic Lisu Adlam Ahom ' +
  'Anatolian_Hieroglyphs Avestan Balinese Bamum Bassa_Vah Batak Beria_Erfe Bhaiksuki Brahmi ' +
  'Braille Buginese Buhid Canadian_Aboriginal Carian Caucasian_Albanian Chakma Cham Chorasmian ' +
  'Cuneiform Cypriot Cypro_Minoan Deseret Dives_Akuru Dogra Duployan Egyptian_Hieroglyphs ' +
  'Elbasan Elymaic Garay Glagolitic Gothic Grantha Gunjala_Gondi Gurung_Khema Hanifi_Rohingya ' +
  'Hanunoo Hatran Imperial_Aramaic Inscriptional_Pahlavi Inscriptional_Parthian Javanese ' +
  'Kaithi Kawi Kayah_Li Kharoshthi Khitan_Small_Script Khojki Khudawadi Kirat_Rai Lepcha Limbu ' +
  'Linear_A Linear_B Lycian Lydian Mahajani Makasar Mandaic Manichaean Marchen Masaram_Gondi ' +
  'Medefaidrin Meetei_Mayek Mende_Kikakui Meroitic_Cursive Meroitic_Hieroglyphs Miao Modi Mro ' +
  'Multani Nabataean Nag_Mundari Nandinagari New_Tai_Lue Newa Nko Nushu Nyiakeng_Puachue_Hmong ' +
  'Ogham Ol_Chiki Ol_Onal Old_Hungarian Old_Italic Old_North_Arabian Old_Permic Old_Persian ' +
  'Old_Sogdian Old_South_Arabian Old_Turkic Old_Uyghur Osage Osmanya Pahawh_Hmong Palmyrene ' +
  'Pau_Cin_Hau Phags_Pa Phoenician Psalter_Pahlavi Rejang Runic Samaritan Saurashtra Sharada ' +
  'Shavian Siddham Sidetic SignWriting Sogdian Sora_Sompeng Soyombo Sundanese Sunuwar ' +
  'Syloti_Nagri Tagalog Tagbanwa Tai_Le Tai_Tham Tai_Viet Tai_Yo Takri Tangsa Tangut Tifinagh ' +
  'Tirhuta Todhri Tolong_Siki Toto Tulu_Tigalari Ugaritic Vai Vithkuqi Wancho Warang_Citi ' +
  'Yezidi Yi Zanabazar_Square'
).split(' ');

// Scripts recommended for identifiers (UTS #31, table 5), which may join Latin in an
// identifier at the moderately restrictive level of UTS #39, except the two whose letters
// double as Latin ones.
const recommended = new Set(
  (
    'Arabic Armenian Bengali Bopomofo Devanagari Ethiopic Georgian Gujarati Gurmukhi Hangul Han ' +
    'Hebrew Hiragana Kannada Katakana Khmer Lao Malayalam Myanmar Oriya Sinhala Tamil Telugu ' +
    'Thaana Thai Tibetan'
  ).split(' '),
);

const commonOrInherited = /^[\p{scx=Zyyy}\p{scx=Zinh}]$/u;
const scriptPatterns = new Map<string, RegExp | null>();
const scriptsByCodePoint = new Map<number, readonly string[]>();

function scriptPattern(name: string): RegExp | null {
  let pattern = scriptPatterns.get(name);
  if (pattern === undefined) {
    try {
      pattern = new RegExp(`^\\p{scx=${name}}$`, 'u');
    } catch {
      // A script newer than this Node's ICU: it can match nothing here.
      pattern = null;
    }
    scriptPatterns.set(name, pattern);
  }
  return pattern;
}

/** The scripts a code point is used with (Script_Extensions); empty for Common and Inherited. */
export function scriptsOf(codePoint: number): readonly string[] {
  let scripts = scriptsByCodePoint.get(codePoint);
  if (scripts === undefined) {
    const char = String.fromCodePoint(codePoint);
    if (codePoint < 0x80) scripts = /[A-Za-z]/.test(char) ? ['Latin'] : [];
    else if (commonOrInherited.test(char)) scripts = [];
    else scripts = scriptNames.filter((name) => scriptPattern(name)?.test(char) === true);
    scriptsByCodePoint.set(codePoint, scripts);
  }
  return scripts;
}

/** Han goes with the Japanese and Korean writing systems as well (UTS #39 §5.1). */
function augmented(scripts: readonly string[]): Set<string> {
  const set = new Set(scripts);
  if (set.has('Han')) ['Japanese', 'Korean', 'HanBopomofo'].forEach((name) => set.add(name));
  if (set.has('Hiragana') || set.has('Katakana')) set.add('Japanese');
  if (set.has('Hangul')) set.add('Korean');
  if (set.has('Bopomofo')) set.add('HanBopomofo');
  return set;
}

/** What an identifier is written in, and whether that mix is one people really write. */
export interface ScriptVerdict {
  /** Scripts of its letters, most used first. */
  scripts: string[];
  /** True when no allowed combination covers it (UTS #39 moderately restrictive, failed). */
  mixed: boolean;
  /** Offset in the identifier of the first letter outside its main script. */
  oddOffset: number;
}

/**
 * Judges an identifier by UTS #39's moderately restrictive level: one script; or Latin with
 * Han and Japanese kana, with Han and Bopomofo, or with Han and Hangul; or Latin with one other
 * recommended script except Cyrillic and Greek, whose letters pass for Latin ones.
 */
export function judgeScripts(identifier: string): ScriptVerdict {
  const letters: { offset: number; scripts: Set<string> }[] = [];
  const counts = new Map<string, number>();
  for (let offset = 0; offset < identifier.length;) {
    const codePoint = identifier.codePointAt(offset)!;
    const scripts = scriptsOf(codePoint);
    if (scripts.length > 0) {
      letters.push({ offset, scripts: augmented(scripts) });
      for (const script of scripts) counts.set(script, (counts.get(script) ?? 0) + 1);
    }
    offset += codePoint > 0xffff ? 2 : 1;
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => name);
  const main = ranked[0];
  const odd = letters.find((letter) => main !== undefined && !letter.scripts.has(main));
  const covered = (allowed: readonly string[]) =>
    letters.every((letter) => allowed.some((script) => letter.scripts.has(script)));
  const combinations: string[][] = [
    ['Latin', 'Japanese'],
    ['Latin', 'HanBopomofo'],
    ['Latin', 'Korean'],
    ...ranked.filter((name) => recommended.has(name)).map((name) => ['Latin', name]),
  ];
  const single = [...ranked, 'Japanese', 'Korean', 'HanBopomofo'].some((name) => covered([name]));
  const mixed = !single && !combinations.some(covered);
  return { scripts: ranked, mixed, oddOffset: odd?.offset ?? 0 };
}
