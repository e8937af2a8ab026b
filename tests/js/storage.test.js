// The checklist's saves (docs/assets/javascripts/checklist/storage.js): keys,
// reading and writing, unreadable saves moved aside, removed items kept.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const storage = require("../../docs/assets/javascripts/checklist/storage.js");

const KEY = "kit-democratie-contributive|/|pilotage|equipe-projet";
const ITEMS = [{ id: "a", texte: "Premier" }, { id: "b", texte: "Deuxième" }];

// Saved records hold their entries in prototype-free tables: compare them as plain data.
function plain(value) {
  return JSON.parse(JSON.stringify(value));
}

// What the browser gives: window.localStorage, here over a Map.
function memoryScope(initial) {
  const data = new Map(Object.entries(initial || {}));
  return {
    data,
    localStorage: {
      getItem: (k) => (data.has(k) ? data.get(k) : null),
      setItem: (k, v) => { data.set(k, String(v)); },
      removeItem: (k) => { data.delete(k); }
    }
  };
}

test("keys carry the site's root, then the sheet and the list", () => {
  assert.equal(storage.keyFor("/", "pilotage", "equipe-projet"), KEY);
  assert.equal(storage.keyFor("/home/awa/kit-democratie-contributive/", "amo", "choix"),
    "kit-democratie-contributive|/home/awa/kit-democratie-contributive/|amo|choix");
});

test("a save written then read back is the same record, stamped with its date", () => {
  const scope = memoryScope();
  const record = storage.emptyRecord(["a", "b"]);
  storage.setEntry(record, "a", { fait: true, responsable: "", echeance: "", note: "", texte: "Premier" });
  assert.equal(storage.save(scope, KEY, record, new Date(Date.UTC(2026, 2, 9, 13, 5))), null);
  assert.deepEqual(JSON.parse(scope.data.get(KEY)), { v: 1, connus: ["a", "b"],
    elements: { a: { fait: true, responsable: "", echeance: "", note: "", texte: "Premier" } }, maj: "2026-03-09T13:05:00.000Z" });
  const loaded = storage.load(scope, KEY);
  assert.deepEqual(plain(loaded), { record: JSON.parse(scope.data.get(KEY)), blocked: null });
  assert.equal(Object.getPrototypeOf(loaded.record.elements), null);
  assert.deepEqual([...scope.data.keys()], [KEY]); // reading writes nothing
});

test("no save yet: nothing to use, nothing blocked", () => {
  assert.deepEqual(storage.load(memoryScope(), KEY), { record: null, blocked: null });
});

test("an unreadable save is moved aside under another key, never lost", () => {
  for (const raw of ["{abîmé", "[]", '{"v":1,"elements":{}}', '{"v":0,"connus":[],"elements":{}}', "null"]) {
    const scope = memoryScope({ [KEY]: raw });
    assert.deepEqual(storage.load(scope, KEY), { record: null, blocked: null }, raw);
    assert.equal(scope.data.has(KEY), false, raw);
    const aside = [...scope.data.keys()];
    assert.equal(aside.length, 1, raw);
    assert.match(aside[0], /^kit-democratie-contributive\|\/\|pilotage\|equipe-projet\|illisible-\d+$/);
    assert.equal(scope.data.get(aside[0]), raw);
  }
});

test("a save from a newer version of the site is left untouched and blocks saving", () => {
  const newer = JSON.stringify({ v: 2, connus: [], elements: {}, ailleurs: true });
  const scope = memoryScope({ [KEY]: newer });
  const loaded = storage.load(scope, KEY);
  assert.equal(loaded.record, null);
  assert.match(loaded.blocked, /^Votre progression a été enregistrée par une version plus récente du site/);
  assert.deepEqual([...scope.data.entries()], [[KEY, newer]]);
});

test("storage the browser forbids is reported in French", () => {
  const forbidden = { get localStorage() { throw new Error("SecurityError"); } };
  assert.deepEqual(storage.load(forbidden, KEY), { record: null, blocked: "Votre navigateur n'autorise pas " +
    "l'enregistrement : votre progression ne sera pas gardée après la fermeture de la page. Exportez-la pour la conserver." });
  const unreadable = memoryScope();
  unreadable.localStorage.getItem = () => { throw new Error("SecurityError"); };
  assert.match(storage.load(unreadable, KEY).blocked, /^Votre navigateur n'autorise pas l'enregistrement/);
});

test("a full storage, or one refusing writes, still gives back what is saved; only writing fails", () => {
  const saved = { v: 1, connus: ["a", "b"], maj: "2026-01-01T00:00:00.000Z", elements: {
    a: { fait: true, responsable: "Awa", echeance: "2026-03-09", note: "", texte: "Premier" } } };
  for (const name of ["QuotaExceededError", "SecurityError"]) {
    const full = memoryScope({ [KEY]: JSON.stringify(saved) });
    full.localStorage.setItem = () => { throw new DOMException("plein", name); };
    full.localStorage.removeItem = () => { throw new DOMException("plein", name); };
    const loaded = storage.load(full, KEY);
    assert.deepEqual(plain(loaded), { record: saved, blocked: null }, name);
    storage.setEntry(loaded.record, "b", { fait: true, responsable: "", echeance: "", note: "", texte: "Deuxième" });
    assert.equal(storage.save(full, KEY, loaded.record, new Date()), "L'espace d'enregistrement de votre navigateur " +
      "est plein ou indisponible : vos dernières modifications ne seront pas gardées. Exportez la liste pour la conserver.");
    assert.deepEqual(JSON.parse(full.data.get(KEY)), saved, name); // what was saved is untouched
  }
});

test("an unreadable save that cannot be moved aside is left as it is and blocks writing over it", () => {
  const scope = memoryScope({ [KEY]: "{abîmé" });
  scope.localStorage.setItem = () => { throw new DOMException("plein", "QuotaExceededError"); };
  const loaded = storage.load(scope, KEY);
  assert.equal(loaded.record, null);
  assert.match(loaded.blocked, /^Votre progression enregistrée est illisible et l'espace d'enregistrement est plein/);
  assert.deepEqual([...scope.data.entries()], [[KEY, "{abîmé"]]);
});

test("an entry emptied by the reader is dropped; the item stays known", () => {
  const record = storage.emptyRecord([]);
  storage.setEntry(record, "a", { fait: false, responsable: "Awa", echeance: "", note: "", texte: "Premier" });
  assert.deepEqual(Object.keys(record.elements), ["a"]);
  storage.setEntry(record, "a", { fait: false, responsable: "", echeance: "", note: "", texte: "Premier" });
  assert.deepEqual(Object.keys(record.elements), []);
  assert.deepEqual(record.connus, ["a"]);
});

test("an import replaces current items' entries but keeps those of removed items", () => {
  const saved = { v: 1, connus: ["a", "b", "retire"], maj: "2026-01-01T00:00:00.000Z", elements: {
    a: { fait: true, responsable: "", echeance: "", note: "", texte: "Premier" },
    b: { fait: false, responsable: "", echeance: "", note: "avant l'import", texte: "Deuxième" },
    retire: { fait: true, responsable: "", echeance: "", note: "à garder", texte: "Un élément retiré" }
  } };
  const imported = {
    b: { fait: true, responsable: "Awa", echeance: "", note: "", texte: "texte du fichier" },
    "autre-retire": { fait: false, responsable: "", echeance: "", note: "du fichier", texte: "Retiré ailleurs" },
    vide: { fait: false, responsable: "", echeance: "", note: "", texte: "Vide" }
  };
  const merged = storage.mergeImport(saved, imported, ITEMS);
  assert.deepEqual(plain(merged), { v: 1, connus: ["a", "b"], elements: {
    // "a" is on the sheet and absent from the file: the file's state (unticked) wins.
    b: { fait: true, responsable: "Awa", echeance: "", note: "", texte: "Deuxième" }, // the sheet's text
    "autre-retire": { fait: false, responsable: "", echeance: "", note: "du fichier", texte: "Retiré ailleurs" },
    retire: { fait: true, responsable: "", echeance: "", note: "à garder", texte: "Un élément retiré" }
  } });
  // A removed item in both: the file's entry wins.
  const again = storage.mergeImport(saved, { retire: { fait: false, responsable: "", echeance: "", note: "neuf" } }, ITEMS);
  assert.equal(again.elements.retire.note, "neuf");
  // Nothing saved before.
  assert.deepEqual(plain(storage.mergeImport(null, {}, ITEMS)), { v: 1, connus: ["a", "b"], elements: {} });
});

test("changes since the last visit: items added to and removed from the sheet", () => {
  const record = { v: 1, connus: ["a", "retire"], elements: {} };
  assert.deepEqual(storage.changes(record, ["a", "b", "c"]), { added: ["b", "c"], removed: ["retire"] });
  assert.deepEqual(storage.changes({ v: 1, connus: ["a", "b"], elements: {} }, ["a", "b"]), { added: [], removed: [] });
});

test("ids named like Object.prototype's members are ordinary keys of a save", () => {
  const ids = ["constructor", "__proto__", "toString", "hasOwnProperty"];
  const items = ids.map((id) => ({ id, texte: "Texte " + id }));
  const record = storage.emptyRecord([]);
  // Nothing saved yet: none of them is taken for an entry.
  assert.equal(storage.changes(record, ids).added.length, 4);
  assert.deepEqual(Object.keys(storage.mergeImport(record, Object.create(null), items).elements), []);
  ids.forEach((id, i) => storage.setEntry(record, id, { fait: i % 2 === 0, responsable: "", echeance: "",
    note: "note " + id, texte: "Texte " + id }));
  assert.deepEqual(Object.keys(record.elements), ids);
  assert.equal(Object.getPrototypeOf(record.elements), null);
  const scope = memoryScope();
  assert.equal(storage.save(scope, KEY, record, new Date()), null);
  const loaded = storage.load(scope, KEY).record;
  assert.deepEqual(Object.keys(loaded.elements), ids);
  assert.equal(loaded.elements.__proto__.note, "note __proto__");
  assert.equal(loaded.elements.toString.note, "note toString");
  // An import keeps them too, as removed items when the sheet no longer has them.
  const merged = storage.mergeImport(loaded, Object.create(null), ITEMS);
  assert.deepEqual(Object.keys(merged.elements), ids);
  storage.setEntry(merged, "__proto__", { fait: false, responsable: "", echeance: "", note: "", texte: "" });
  assert.deepEqual(Object.keys(merged.elements), ["constructor", "toString", "hasOwnProperty"]);
});

test("saves whose entries are not objects are unreadable, hence moved aside", () => {
  for (const raw of ['{"v":1,"connus":[],"elements":{"a":null}}', '{"v":1,"connus":[],"elements":{"a":"x"}}',
    '{"v":1,"connus":[],"elements":[]}']) {
    const scope = memoryScope({ [KEY]: raw });
    assert.deepEqual(storage.load(scope, KEY), { record: null, blocked: null }, raw);
    assert.deepEqual([...scope.data.values()], [raw], raw);
    assert.equal(scope.data.has(KEY), false, raw);
  }
});
