/*
 * Search worker of the kit: Material for MkDocs' own worker, wrapped so that
 * a French reader finds what they type.
 *
 * docs/overrides/main.html points the page at this file with the hashed name
 * of Material's worker in `?material=`; we load that worker here and put one
 * normalisation on both sides of the index:
 *   - at indexing time, every word is indexed as two terms at the same
 *     position: its folded form (lowercase, no accents, no elision such as
 *     « l' » or « d' ») and its folded French Snowball stem (lunr.fr, shipped
 *     with Material); an expression of kit/synonymes.yml adds its group's key;
 *   - at search time, each typed word becomes its folded stem (and the key of
 *     any synonym expression it belongs to). Material then makes every term a
 *     prefix query, which lunr does not stem: stems on both sides make
 *     « mobiliser » meet « mobilisation », and the folded full forms keep
 *     type-ahead working for a word typed halfway or without its accents.
 * Results go back to the page with the words that really matched (« équipe »,
 * not « equip »), so highlighting in the results and in the page (?h=) works.
 *
 * Ranking, as a reader expects it (issue 14): a page that holds every word of
 * the query, in whichever field or section, comes before one that holds some,
 * and within a page the section or item holding them all comes first; a page
 * that marks itself as technical (front matter `search: boost:` below
 * 1, the open-data page) comes after the content that matches as well; and a
 * title match weighs TITLE_BOOST times a text match, not Material's 1,000
 * times, which let one title word outrank a sheet holding every word.
 */
"use strict";

(function () {
  const MATERIAL_WORKER = /^search\.[0-9a-f]+\.min\.js$/;
  const SYNONYM_PREFIX = "§";  // no typed word starts with it: keys never collide with words
  const ELISION = /^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)'/;
  const ELISION_ANY_CASE = new RegExp(ELISION.source, "i");
  const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
  const TITLE_BOOST = 10;

  /* Where this script was loaded from. In a Worker, its own location; from
     file://, Material's offline plugin runs workers with the iframe-worker
     shim instead: in its hidden iframe, `location` is the page's, the
     script's URL is its <script> tag's, with "?<timestamp>" appended. */
  const inShim = typeof document !== "undefined" && document.currentScript;
  const scriptUrl = new URL(inShim ? document.currentScript.src : self.location.href);
  const materialScript = (scriptUrl.searchParams.get("material") || "").split("?")[0];
  if (!MATERIAL_WORKER.test(materialScript)) {
    throw new Error("kit-recherche.js : paramètre « material » absent ou invalide");
  }

  /* Material's worker registers one message listener: keep it for ourselves. */
  let materialListener = null;
  const nativeAddEventListener = self.addEventListener;
  self.addEventListener = function (type, listener, options) {
    if (type === "message" && materialListener === null) {
      materialListener = listener;
      return undefined;
    }
    return nativeAddEventListener.call(self, type, listener, options);
  };
  // Absolute: the shim's script tags resolve URLs against the page, not this script.
  const loading = importScripts(new URL(materialScript, scriptUrl).href);

  let lunr = null;  // Material's, once its worker has loaded
  let synonymGroups = [];   // kit/synonymes.yml as the index's config carries it: [{id, termes}]
  let compiledGroups = null;  // the same, as [{key, expressions: [[stem, ...], ...]}]
  const formsCache = new Map();
  const displayWords = new Map();  // index term -> a word of the text it came from
  const pendingQueries = [];

  /* ---- One normalisation for documents and queries --------------------- */

  function fold(word) {
    return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/œ/g, "oe").replace(/æ/g, "ae");
  }

  /* The two index terms of a lowercase word: folded full form and folded stem;
     null for a stop word or for punctuation alone. Material's pipeline keeps
     « (AMO) » or « élus, » whole, so edges are trimmed here. */
  function forms(word) {
    let cached = formsCache.get(word);
    if (cached === undefined) {
      const trimmed = word.replace(EDGE_PUNCTUATION, "");
      const bare = trimmed.replace(/’/g, "'").replace(ELISION, "");
      if (!bare || !lunr.fr.stopWordFilter(new lunr.Token(trimmed)) || !lunr.fr.stopWordFilter(new lunr.Token(bare))) {
        cached = null;
      } else {
        let stem = fold(lunr.fr.stemmer(bare));
        // Snowball keeps « s » after « u » (« élus »): drop it so « élu » meets « élus ».
        if (stem.length > 3 && stem.endsWith("us")) stem = stem.slice(0, -1);
        cached = { full: fold(bare), stem: stem, word: bare };
      }
      formsCache.set(word, cached);
    }
    return cached;
  }

  function words(text) {
    return text.toLowerCase().split(lunr.tokenizer.separator).filter(Boolean);
  }

  /* Stems of the words of a text that the index keeps, in order. */
  function stemsOf(text) {
    return words(text).map(forms).filter(Boolean).map(f => f.stem);
  }

  function groups() {
    if (compiledGroups === null) {
      compiledGroups = synonymGroups.map(group => ({
        key: SYNONYM_PREFIX + group.id.replace(/-/g, "_"),
        expressions: group.termes.map(stemsOf).filter(stems => stems.length > 0),
      }));
    }
    return compiledGroups;
  }

  /* Keys of the synonym expressions that stems (a word and those after it) start with. */
  function synonymKeysAt(stems) {
    const keys = [];
    for (const group of groups()) {
      const found = group.expressions.some(expression =>
        expression.every((stem, k) => stems[k] === stem));
      if (found) keys.push(group.key);
    }
    return keys;
  }

  /* ---- Indexing: a pipeline function after Material's French stop-word filter */

  function kitIndexTerms(token, i, tokens) {
    const f = forms(token.toString());
    if (f === null) return undefined;
    const stems = [];
    for (let k = i; k < tokens.length && stems.length < 8; k++) {
      const next = forms(tokens[k].toString());
      if (next) stems.push(next.stem);
    }
    const terms = [f.full];
    if (f.stem !== f.full) terms.push(f.stem);
    terms.push(...synonymKeysAt(stems));
    for (const term of terms) {
      if (!displayWords.has(term) || term === f.full) displayWords.set(term, f.word);
    }
    return terms.map(term => token.clone(() => term));
  }

  /* Our indexing step, and one fix to query results, in Material's lunr. */
  function patchLunr() {
    lunr.Pipeline.registerFunction(kitIndexTerms, "kitIndexTerms");

    const builderAdd = lunr.Builder.prototype.add;
    lunr.Builder.prototype.add = function (doc, attributes) {
      if (!this.kitPipeline) {
        this.pipeline.add(kitIndexTerms);
        this.kitPipeline = true;
      }
      return builderAdd.call(this, doc, attributes);
    };

    /* A word is indexed as up to three terms at one position; when several of
       them match, Material would wrap the same word in <mark> several times. */
    const indexQuery = lunr.Index.prototype.query;
    lunr.Index.prototype.query = function (fn) {
      const results = indexQuery.call(this, fn);
      for (const result of results) {
        const seen = {};
        for (const term of Object.keys(result.matchData.metadata)) {
          const fields = result.matchData.metadata[term];
          for (const field of Object.keys(fields)) {
            const known = seen[field] || (seen[field] = new Set());
            if (!fields[field].position) continue;
            fields[field].position = fields[field].position.filter(p => !known.has(p) && known.add(p));
          }
        }
      }
      return results;
    };
  }

  /* ---- Searching ------------------------------------------------------- */

  /* How many query words from stems[i] on say the expression: all of it, or
     (at the end of the query) its first two words or more, the last one
     perhaps still being typed, so « cahier des clauses tech » finds CCTP. */
  function expressionSpan(expression, stems, i, lastTyped) {
    let k = 0;
    while (k < expression.length && i + k < stems.length) {
      const stem = stems[i + k];
      const same = stem === expression[k] ||
        (i + k === lastTyped && expression[k].startsWith(stem)) ||
        (i + k === stems.length - 1 && k >= 1 && expression[k].startsWith(stem));
      if (!same) return 0;
      k += 1;
    }
    if (k === expression.length) return k;
    return i + k === stems.length && k >= 2 ? k : 0;
  }


  /* The reader's query, said in index terms; remembers which typed word gave what. */
  function normaliseQuery(raw) {
    const required = new Set();
    const unquoted = raw.replace(/"([^"]*)"?/g, (_, inner) => {
      words(inner).forEach(w => required.add(w.toLowerCase()));
      return ` ${inner} `;
    });
    const typed = unquoted.trim().split(lunr.tokenizer.separator).filter(Boolean);
    const lastIsComplete = /\s$/.test(raw);
    const entries = [];
    typed.forEach((rawWord, index) => {
      const modifier = /^[+-]/.test(rawWord) ? rawWord[0] : (required.has(rawWord.toLowerCase()) ? "+" : "");
      const word = rawWord.replace(/^[+-]+/, "").replace(/[*~^:]+$/, "");
      const isLast = index === typed.length - 1 && !lastIsComplete;
      let f = forms(word.toLowerCase());
      // The word being typed may be the start of a longer one (« pour » → « pourquoi »).
      if (f === null && isLast) {
        const partial = word.toLowerCase().replace(EDGE_PUNCTUATION, "").replace(ELISION, "");
        if (partial) f = { stem: fold(partial) };
      }
      if (f) entries.push({ typed: word.replace(EDGE_PUNCTUATION, ""), term: f.stem, modifier: modifier, keys: [] });
    });
    const stems = entries.map(e => e.term);
    const keys = new Map();  // synonym key -> how many typed words it stands for
    const lastTyped = lastIsComplete ? -1 : stems.length - 1;
    groups().forEach(group => {
      group.expressions.forEach(expression => {
        for (let i = 0; i < stems.length; i++) {
          const span = expressionSpan(expression, stems, i, lastTyped);
          if (span === 0) continue;
          keys.set(group.key, Math.max(keys.get(group.key) || 0, span));
          for (let k = 0; k < span; k++) entries[i + k].keys.push(group.key);
        }
      });
    });
    const terms = [];
    entries.forEach(e => {
      const term = e.modifier + e.term;
      if (!terms.includes(term)) terms.push(term);
    });
    // A key weighs as much as the words it stands for (and, boosted, is matched exactly).
    const keyTerms = [...keys].map(([key, span]) => `${key}^${span}`);
    return { raw: raw, entries: entries, query: terms.concat(keyTerms).join(" ") };
  }

  const ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&#x27;": "'" };

  function markedWords(html) {
    const found = [];
    const marks = /<mark>([\s\S]*?)<\/mark>/g;
    let match;
    while ((match = marks.exec(html || "")) !== null) {
      const word = match[1].replace(/<[^>]*>/g, "").replace(/&#?\w+;/g, e => ENTITIES[e] || e)
        .replace(EDGE_PUNCTUATION, "").replace(/’/g, "'").replace(ELISION_ANY_CASE, "");
      if (word && !found.includes(word)) found.push(word);
    }
    return found;
  }

  /* Material's `terms` map clause terms to found/missing; give it readers' words. */
  function readerTerms(item, context) {
    const terms = {};
    const title = Array.isArray(item.title) ? item.title.join(" ") : item.title;
    for (const word of markedWords(title).concat(markedWords(item.text))) terms[word] = true;
    const matched = item.terms || {};
    const anyMatch = Object.keys(matched).length > 0;
    for (const entry of context.entries) {
      const found = matched[entry.term] || entry.keys.some(key => matched[key]);
      if (anyMatch && !found && !(entry.typed in terms)) terms[entry.typed] = false;
    }
    return terms;
  }

  /* Material completes the last typed word with the last suggestion. */
  function suggestion(suggest, context) {
    const typedWords = context.raw.split(/[\s-]+/);
    const last = typedWords[typedWords.length - 1].toLowerCase();
    if (!last) return [];
    for (const term of suggest.slice().reverse()) {
      const word = displayWords.get(term);
      if (!word) continue;
      if (word.startsWith(last)) return [word];
      if (fold(word).startsWith(fold(last))) return [last + fold(word).slice(last.length)];
    }
    return [];
  }

  /* ---- Ranking ------------------------------------------------------- */

  /* The reader's words (a synonym counting for the words it stands for)
     that some of the documents match, in a title or a text. */
  function wordsFound(items, context) {
    return context.entries.filter(e => items.some(item => {
      const matched = item.terms || {};
      return matched[e.term] || e.keys.some(key => matched[key]);
    }));
  }

  function hasEveryWord(items, context) {
    return wordsFound(items, context).length === context.entries.length;
  }

  /* A page's own front matter lowers its boost to say it is technical. */
  function isTechnical(item) {
    return typeof item.boost === "number" && item.boost < 1;
  }

  /* Whether every word of the query is in the document's title (Material has
     marked the title's matches): a technical page that the reader names, as
     « données ouvertes », is not sent after the content. */
  function titleHasEveryWord(item, context) {
    const title = Array.isArray(item.title) ? item.title.join(" ") : item.title;
    const stems = markedWords(title).map(word => forms(word.toLowerCase())).filter(Boolean).map(f => f.stem);
    return context.entries.every(e => stems.some(stem => stem.startsWith(e.term)));
  }

  /* A page (Material's group: the page and its sections) that holds every
     word, wherever, before a page that holds some; content before technical
     pages; within a page, a section or item holding every word first; then
     Material's score. The tiers are added to the score, so the order the page
     shows (by score) and the order a reader expects agree. */
  function rerank(groups, context) {
    const items = groups.flat();
    const step = Math.max(0, ...items.map(item => item.score)) + 1;
    for (const group of groups) {
      const behind = group.some(isTechnical) && !group.some(item => titleHasEveryWord(item, context));
      const pageTier = (hasEveryWord(group, context) ? 2 : 0) + (behind ? 0 : 1);
      for (const item of group) {
        if (item.score <= 0) continue;  // a page Material adds only to head its sections' group
        item.score += (2 * pageTier + (hasEveryWord([item], context) ? 1 : 0)) * step;
      }
      group.sort((a, b) => b.score - a.score);
    }
    const best = group => Math.max(...group.map(item => item.score));
    return groups.sort((a, b) => best(b) - best(a));
  }

  function present(message) {
    const context = pendingQueries.shift();
    if (!context || !message.data) return message;
    if (Array.isArray(message.data.items)) message.data.items = rerank(message.data.items, context);
    for (const group of message.data.items || []) {
      for (const item of group) item.terms = readerTerms(item, context);
    }
    if (Array.isArray(message.data.suggest)) message.data.suggest = suggestion(message.data.suggest, context);
    return message;
  }

  /* ---- Messages between the page and Material's worker ----------------- */

  const SETUP = 0, QUERY = 2, RESULT = 3;
  const nativePostMessage = self.postMessage.bind(self);
  self.postMessage = function (message) {
    nativePostMessage(message && message.type === RESULT ? present(message) : message);
  };

  /* Messages that come before Material's worker has loaded wait for it. */
  let queued = [];
  nativeAddEventListener.call(self, "message", function (event) {
    if (queued === null) handle(event.data);
    else queued.push(event.data);
  });

  function handle(data) {
    if (data && data.type === SETUP) {
      const config = data.data.config || {};
      synonymGroups = config.kit_synonymes || [];
      compiledGroups = null;
      if (config.fields && config.fields.title) config.fields.title = { ...config.fields.title, boost: TITLE_BOOST };
    } else if (data && data.type === QUERY) {
      const context = normaliseQuery(String(data.data || ""));
      pendingQueries.push(context);
      data = { type: QUERY, data: context.query };
    }
    materialListener({ data: data });
  }

  function start() {
    self.addEventListener = nativeAddEventListener;
    lunr = self.lunr;
    patchLunr();
    const waiting = queued;
    queued = null;
    waiting.forEach(handle);
  }

  /* A Worker's importScripts has run Material's worker already; the shim's
     returns a promise, kept until the script tag has loaded. */
  if (loading && typeof loading.then === "function") loading.then(start);
  else start();
})();
