// Vietnamese text as search sees it: the browser twin of vietnamese.text.fold
// and vn_search.tokens.tokenize. Both sides are checked against the same
// tables (tests/data/fold_cases.json, tests/data/tokenize_cases.json).

// đ/Đ are letters of their own that NFD leaves alone; ð/Ð turn up in text
// converted from old Vietnamese code pages in their place.
const D_LETTERS = /[đð]/g;
const MARKS = /\p{Mn}/gu;
// Letters and digits; stray combining marks stay inside their word.
const LETTERS = String.raw`(?:[\p{L}\p{N}]|[\u0300-\u036f])+`;
const WORD = new RegExp(LETTERS, "gu");
// A code number ("55/kh-đu"): digits, then parts joined by "/" or "-"; it is
// a word of its own after its parts (vn_search.tokens.tokenize does the same).
const CODE_OR_WORD = new RegExp(String.raw`(\p{Nd}+(?:[/-]${LETTERS})+)|${LETTERS}`, "gu");

/** Lowercase, drop tone and letter marks, đ→d: "Đảng viên" → "dang vien". */
export function fold(text) {
  return text
    .toLowerCase()
    .replace(D_LETTERS, "d")
    .normalize("NFD")
    .replace(MARKS, "")
    .normalize("NFC");
}

/** The words of a text, lowercased NFC, in order (the exact forms). */
export function tokenize(text) {
  const words = [];
  for (const m of text.toLowerCase().normalize("NFC").matchAll(CODE_OR_WORD)) {
    if (m[1]) words.push(...(m[1].match(WORD) || []));
    words.push(m[0]);
  }
  return words;
}

/** Words with where they are, for highlighting: [{word, start, end}]. */
export function wordsAt(text) {
  const found = [];
  for (const m of text.matchAll(WORD)) {
    found.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  }
  return found;
}
