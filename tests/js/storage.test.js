// The checklist's saves (docs/assets/javascripts/checklist/storage.js): keys,
// reading and writing, unreadable saves moved aside, removed items kept.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const storage = require("../../docs/assets/javascripts/checklist/storage.js");

const KEY = "kit-democratie-contributive|/|pilotage|equipe-projet";
const ITEMS = [{ id: "a", texte: "Premier" }, { id: "b", texte: "Deuxième" }];

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
  const loaded = storage.load(scope, KEY, "/");
  assert.deepEqual(loaded, { record: JSON.parse(scope.data.get(KEY)), blocked: null });
  assert.deepEqual([...scope.data.keys()], [KEY]); // the write probe leaves nothing behind
});

test("no save yet: nothing to use, nothing blocked", () => {
  assert.deepEqual(storage.load(memoryScope(), KEY, "/"), { record: null, blocked: null });
});

test("an unreadable save is moved aside under another key, never lost", () => {
  for (const raw of ["{abîmé", "[]", '{"v":1,"elements":{}}', '{"v":0,"connus":[],"elements":{}}', "null"]) {
    const scope = memoryScope({ [KEY]: raw });
    assert.deepEqual(storage.load(scope, KEY, "/"), { record: null, blocked: null }, raw);
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
  const loaded = storage.load(scope, KEY, "/");
  assert.equal(loaded.record, null);
  assert.match(loaded.blocked, /^Votre progression a été enregistrée par une version plus récente du site/);
  assert.deepEqual([...scope.data.entries()], [[KEY, newer]]);
});

test("storage the browser forbids, or a full one, is reported in French", () => {
  const forbidden = { get localStorage() { throw new Error("SecurityError"); } };
  assert.match(storage.load(forbidden, KEY, "/").blocked, /^Votre navigateur n'autorise pas l'enregistrement/);
  const full = memoryScope();
  full.localStorage.setItem = () => { throw new Error("QuotaExceededError"); };
  assert.match(storage.load(full, KEY, "/").blocked, /^Votre navigateur n'autorise pas l'enregistrement/);
  assert.match(storage.save(full, KEY, storage.emptyRecord([]), new Date()),
    /^L'espace d'enregistrement de votre navigateur est plein ou indisponible/);
});

test("an entry emptied by the reader is dropped; the item stays known", () => {
  const record = storage.emptyRecord([]);
  storage.setEntry(record, "a", { fait: false, responsable: "Awa", echeance: "", note: "", texte: "Premier" });
  assert.deepEqual(Object.keys(record.elements), ["a"]);
  storage.setEntry(record, "a", { fait: false, responsable: "", echeance: "", note: "", texte: "Premier" });
  assert.deepEqual(record.elements, {});
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
  assert.deepEqual(merged, { v: 1, connus: ["a", "b"], elements: {
    // "a" is on the sheet and absent from the file: the file's state (unticked) wins.
    b: { fait: true, responsable: "Awa", echeance: "", note: "", texte: "Deuxième" }, // the sheet's text
    "autre-retire": { fait: false, responsable: "", echeance: "", note: "du fichier", texte: "Retiré ailleurs" },
    retire: { fait: true, responsable: "", echeance: "", note: "à garder", texte: "Un élément retiré" }
  } });
  // A removed item in both: the file's entry wins.
  const again = storage.mergeImport(saved, { retire: { fait: false, responsable: "", echeance: "", note: "neuf" } }, ITEMS);
  assert.equal(again.elements.retire.note, "neuf");
  // Nothing saved before.
  assert.deepEqual(storage.mergeImport(null, {}, ITEMS), { v: 1, connus: ["a", "b"], elements: {} });
});

test("changes since the last visit: items added to and removed from the sheet", () => {
  const record = { v: 1, connus: ["a", "retire"], elements: {} };
  assert.deepEqual(storage.changes(record, ["a", "b", "c"]), { added: ["b", "c"], removed: ["retire"] });
  assert.deepEqual(storage.changes({ v: 1, connus: ["a", "b"], elements: {} }, ["a", "b"]), { added: [], removed: [] });
});
