// Runs the browser's fold() and tokenize() over the shared tables and prints
// what they return, for tests/test_vn_search.py to compare with the tables.
import { readFileSync } from "node:fs";
import { fold, tokenize } from "../../theme/static/js/search/text.js";

const table = (name) => JSON.parse(readFileSync(new URL(`../data/${name}`, import.meta.url))).cases;
const out = {
  fold: table("fold_cases.json").map(([text]) => fold(text)),
  tokenize: table("tokenize_cases.json").map(([text]) => tokenize(text)),
};
process.stdout.write(JSON.stringify(out));
