// The query engine: reads the sharded index written by plugins/vn_search and
// ranks articles. Only the files a query needs are fetched: the manifest, the
// dictionary shard of each word, the postings of frequent words, and the
// results' own metadata; each file once per page. A query costs few round
// trips: a word's exact forms sit in its own shard, and every file whose name
// is known is asked for at once (all words, pairs and filters together).

// fold() and tokenize() (text.js) arrive beside the index's manifest, not
// before it: a static import would hold back the engine, and with it the
// first request for the index, until text.js has loaded. On the site's pages
// render.js has usually loaded it already.
const text = import("./text.js");
text.catch(() => {}); // a failure shows when a search awaits it

const K_PAIR = 0.6; // weight of a pair of words typed together (a bonus)
const FOLDED = 0.7; // a match in another exact form ("buổi" for "Bưởi")
const RECENCY = 0.3; // at most +30% for the newest news, halving every 90 days:
const HALF_LIFE_DAYS = 90; // older news competes on relevance alone
const MIN_PREFIX = 2; // letters typed before the last word is completed
const MAX_EXPANSIONS = 12;

const indexes = new Map();

/** The index at ``base`` (a URL ending in "/"), opened once per page: its
 * manifest is asked for at once. */
export function openIndex(base) {
  if (!indexes.has(base)) {
    const index = new SearchIndex(base);
    index.open().catch(() => {}); // a failure shows when a search awaits it
    indexes.set(base, index);
  }
  return indexes.get(base);
}

/** Split a query into loose words and "quoted phrases" (straight or curly quotes). */
export async function parseQuery(query) {
  const { tokenize } = await text;
  const phrases = [];
  const rest = query.replace(/["“”]([^"“”]*)["“”]?/g, (_, inside) => {
    const words = tokenize(inside);
    if (words.length) phrases.push(words);
    return " ";
  });
  return { words: tokenize(rest), phrases };
}

class SearchIndex {
  constructor(base) {
    this.base = base;
    this.files = new Map();
    this.shards = new Map();
    this.manifest = null;
  }

  async fetchBytes(path) {
    if (!this.files.has(path)) {
      this.files.set(path, fetchMaybeGzip(this.base + path));
    }
    return this.files.get(path);
  }

  async fetchJSON(path) {
    const bytes = await this.fetchBytes(path);
    return JSON.parse(new TextDecoder().decode(bytes));
  }

  async open() {
    if (!this.manifest) this.manifest = this.fetchJSON("manifest.json");
    return this.manifest;
  }

  async shard(number) {
    if (!this.shards.has(number)) {
      this.shards.set(number, this.fetchBytes(`s/${number}.bin`).then(parseShard));
    }
    return this.shards.get(number);
  }

  async entry(term) {
    const manifest = await this.open();
    const number = shardOf(manifest.shards, term);
    if (number < 0) return null;
    const shard = await this.shard(number);
    return shard.entries.get(term) || null;
  }

  /** Words of the index starting with ``prefix``, the most frequent first. */
  async expand(prefix) {
    const manifest = await this.open();
    const first = Math.max(shardOf(manifest.shards, prefix), 0);
    const found = [];
    for (let n = first; n < manifest.shards.length; n += 1) {
      if (n > first && !manifest.shards[n].startsWith(prefix) && manifest.shards[n] > prefix) {
        break;
      }
      const shard = await this.shard(n);
      for (const [term, entry] of shard.entries) {
        if (term.startsWith(prefix) && !/[ \t]/.test(term)) found.push(entry);
      }
    }
    found.sort((a, b) => b.df - a.df);
    return found.slice(0, MAX_EXPANSIONS);
  }

  /** Postings of an entry: {present, impact}, one byte per article each. */
  async postings(entry) {
    if (!entry.loaded) entry.loaded = this.loadPostings(entry);
    return entry.loaded;
  }

  async loadPostings(entry) {
    const { docs } = await this.open();
    const blocks = [];
    if (entry.where === 0) {
      blocks.push(entry.shardBytes.subarray(entry.a, entry.a + entry.b));
    } else {
      for (let b = 0; b < entry.b; b += 1) blocks.push(this.fetchBytes(`p/${entry.a}-${b}.bin`));
    }
    const present = new Uint8Array(docs);
    const impact = new Uint8Array(docs);
    for (const bytes of await Promise.all(blocks)) {
      let at = 0;
      let doc = -1;
      while (at < bytes.length) {
        [doc, at] = readGap(bytes, at, doc);
        present[doc] = 1;
        // Mode 0 has an impact per article; common words (1, 2) one for all.
        impact[doc] = entry.mode === 0 ? bytes[at++] : entry.constant;
      }
    }
    if (entry.mode === 2) {
      // The list held the articles *without* the word.
      for (let doc = 0; doc < docs; doc += 1) {
        present[doc] ^= 1;
        impact[doc] = present[doc] ? entry.constant : 0;
      }
    }
    return { present, impact };
  }

  /**
   * Result metadata of article ``id``: {url, title, date, iso, category, summary, thumb,
   * number}; ``number`` is a legal document's code number, undefined for an article.
   */
  async document(id) {
    const manifest = await this.open();
    const rows = await this.fetchJSON(`d/${Math.floor(id / manifest.chunk)}.bin`);
    const [url, title, date, iso, category, summary, thumb, number] = rows[id % manifest.chunk];
    const cat = manifest.categories[category];
    return { id, url, title, date, iso, category: cat, summary, thumb, number };
  }

  async text(id) {
    return new TextDecoder().decode(await this.fetchBytes(`t/${id}.bin`));
  }

  /** The postings of ``term`` with its entry, or null when no article has it. */
  async lookup(term) {
    const entry = await this.entry(term);
    return entry && { entry, ...(await this.postings(entry)) };
  }

  /**
   * Start loading what ``query`` needs (the header box calls this on every
   * keystroke, before its pause): the shards of its words. Never fails.
   */
  async prefetch(query) {
    try {
      const [{ fold }, { words, phrases }] = await Promise.all([text, parseQuery(query)]);
      const runs = [words, ...phrases].map((run) => run.map(fold));
      const pairs = runs.flatMap((run) => run.slice(1).map((w, i) => `${run[i]} ${w}`));
      await Promise.all([...runs.flat(), ...pairs].map((term) => this.entry(term)));
    } catch {
      // The search itself will say what went wrong.
    }
  }

  /**
   * Rank the articles for ``query``. Every word (and every quoted phrase)
   * must match; when nothing matches them all, articles matching some of
   * them come back with match "some". With ``prefix``, the last loose word
   * may be the start of a word (typing in the header box).
   */
  async search(query, { prefix = false, category = null, year = null } = {}) {
    const [{ fold }, { words, phrases }] = await Promise.all([text, parseQuery(query)]);
    const clauses = [];
    words.forEach((word, i) => {
      const last = prefix && i === words.length - 1 && phrases.length === 0;
      clauses.push({ kind: "word", word, folded: fold(word), prefix: last });
    });
    for (const phrase of phrases) {
      const folded = phrase.map(fold);
      if (folded.length === 1) {
        clauses.push({ kind: "word", word: phrase[0], folded: folded[0], prefix: false });
        continue;
      }
      const pairs = folded.slice(1).map((w, i) => `${folded[i]} ${w}`);
      clauses.push({ kind: "phrase", words: phrase, pairs });
    }
    const highlight = {
      words: new Set(clauses.flatMap((c) => (c.kind === "word" ? [c.folded] : c.words.map(fold)))),
      prefix: clauses.filter((c) => c.prefix).map((c) => c.folded),
    };
    const empty = { ids: [], match: "none", highlight, total: 0 };
    if (clauses.length === 0) return empty;

    // Everything is asked for at once: each clause's shards and postings,
    // the pairs of words typed next to each other, the category filter.
    const loose = words.map(fold);
    const [manifest, clauseResults, bonus, allowed] = await Promise.all([
      this.open(),
      Promise.all(clauses.map((c) => this.scoreClause(c))),
      Promise.all(loose.slice(1, 4).map((w, i) => this.lookup(`${loose[i]} ${w}`))),
      this.open().then((m) => this.filter(m, { category, year })),
    ]);
    const n = manifest.docs;
    const score = new Float64Array(n);
    const matched = new Uint8Array(n);
    clauseResults.forEach((result) => {
      for (let doc = 0; doc < n; doc += 1) {
        if (result.hit[doc]) {
          matched[doc] += 1;
          score[doc] += result.score[doc];
        }
      }
    });
    // Words typed next to each other score more where they stand together.
    for (const found of bonus) {
      if (!found) continue;
      const { entry, present, impact } = found;
      const idf = idfOf(entry.df, n);
      for (let doc = 0; doc < n; doc += 1) {
        if (present[doc]) score[doc] += (K_PAIR * idf * impact[doc]) / 255;
      }
    }

    const rank = (need) => {
      const ids = [];
      for (let doc = 0; doc < n; doc += 1) {
        if (matched[doc] >= need && (!allowed || allowed[doc])) ids.push(doc);
      }
      const final = (doc) => matched[doc] * 1e6 + score[doc] * recency(manifest, doc);
      return ids.sort((a, b) => final(b) - final(a) || a - b);
    };
    let ids = rank(clauses.length);
    let match = "all";
    if (ids.length === 0 && clauses.length > 1) {
      ids = rank(1);
      match = ids.length ? "some" : "none";
    } else if (ids.length === 0) {
      match = "none";
    }
    return { ids, match, highlight, total: ids.length };
  }

  async scoreClause(clause) {
    const { docs: n } = await this.open();
    const hit = new Uint8Array(n);
    const score = new Float64Array(n);
    if (clause.kind === "phrase") {
      // A phrase matches where all its consecutive pairs do.
      const found = await Promise.all(clause.pairs.map((p) => this.lookup(p)));
      if (found.some((f) => !f)) return { hit, score };
      for (let doc = 0; doc < n; doc += 1) {
        if (found.every((f) => f.present[doc])) {
          hit[doc] = 1;
          score[doc] = found.reduce(
            (s, f) => s + (idfOf(f.entry.df, n) * f.impact[doc]) / 255,
            0,
          );
        }
      }
      return { hit, score };
    }
    const expanding = clause.prefix && clause.folded.length >= MIN_PREFIX;
    const [exactEntry, expanded] = await Promise.all([
      this.entry(clause.folded),
      expanding ? this.expand(clause.folded) : [],
    ]);
    const entries = exactEntry ? [exactEntry] : [];
    for (const e of expanded) if (e !== exactEntry) entries.push(e);
    // Which exact form ranks first: the one typed if it has marks, else the
    // word's most frequent form on this site ("buoi" → "bưởi" here). Forms
    // follow their word in its shard ("buoi\tbưởi"): no request of their own.
    let formEntry = null;
    if (exactEntry) {
      const form = clause.word !== clause.folded ? clause.word : exactEntry.variants[0];
      formEntry = form ? await this.entry(`${clause.folded}\t${form}`) : null;
    }
    const [lists, formList] = await Promise.all([
      Promise.all(entries.map((e) => this.postings(e))),
      formEntry ? this.postings(formEntry) : null,
    ]);
    const exact = formList ? formList.present : null;
    entries.forEach((entry, i) => {
      const { present, impact } = lists[i];
      const idf = idfOf(entry.df, n);
      const completed = entry === exactEntry;
      for (let doc = 0; doc < n; doc += 1) {
        if (!present[doc]) continue;
        const weight = completed ? (exact && exact[doc] ? 1 : FOLDED) : FOLDED * 0.8;
        const s = (idf * Math.max(impact[doc], 1) * weight) / 255;
        hit[doc] = 1;
        if (s > score[doc]) score[doc] = s;
      }
    });
    return { hit, score };
  }

  async filter(manifest, { category, year }) {
    if (category == null && year == null) return null;
    const allowed = new Uint8Array(manifest.docs).fill(1);
    if (year != null) {
      const range = manifest.years.find((y) => y[0] === year);
      allowed.fill(0);
      if (range) allowed.fill(1, range[1], range[2] + 1);
    }
    if (category != null) {
      const number = manifest.categories.indexOf(category);
      const entry = number < 0 ? null : await this.entry(`#c${number}`);
      if (!entry) return new Uint8Array(manifest.docs);
      const { present } = await this.postings(entry);
      for (let doc = 0; doc < manifest.docs; doc += 1) allowed[doc] &= present[doc];
    }
    return allowed;
  }
}

function idfOf(df, n) {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

// Articles are numbered newest first; the manifest has the day of every
// step-th one, enough for a boost that changes over months.
function recency(manifest, doc) {
  const days = manifest.days;
  const day = days[Math.min(Math.floor(doc / manifest.step), days.length - 1)];
  const age = Math.max(0, days[0] - day);
  return 1 + RECENCY * 2 ** (-age / HALF_LIFE_DAYS);
}

function shardOf(firsts, term) {
  let lo = 0;
  let hi = firsts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (firsts[mid] <= term) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

function parseShard(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength)));
  const blob = bytes.subarray(4 + headerLength);
  const entries = new Map();
  for (const [term, df, variants, mode, constant, where, a, b] of header) {
    entries.set(term, { term, df, variants, mode, constant, where, a, b, shardBytes: blob });
  }
  return { entries };
}

function readGap(bytes, at, previous) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [previous + value, at];
}

async function fetchMaybeGzip(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  // Our files are gzip; a server that already decoded them hands back plain bytes.
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
