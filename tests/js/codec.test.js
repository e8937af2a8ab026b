// The checklist codec (docs/assets/javascripts/checklist/codec.js): exports,
// import validation and share links, on real outputs. Run: node --test tests/js/
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const codec = require("../../docs/assets/javascripts/checklist/codec.js");

const LIST = { fiche: "pilotage", liste: "equipe-projet", ficheTitre: "Le pilotage", titre: "L'équipe projet" };
const ITEMS = [
  { id: "designer-chef", texte: "Désigner un chef de projet" },
  { id: "reserver-salles", texte: "Réserver les salles" },
  { id: "budget", texte: "Voter le budget" }
];
const ENTRIES = {
  "designer-chef": { fait: true, responsable: "Awa Diallo", echeance: "2026-03-09", note: "", texte: "ancien texte" },
  "budget": { fait: false, responsable: "", echeance: "", note: "Voir le conseil; \"urgent\"" },
  "ancien-element": { fait: true, responsable: "", echeance: "", note: "gardé", texte: "Un élément retiré" }
};
// 9 March 2026, 14:05 local time.
const NOW = new Date(2026, 2, 9, 14, 5, 0);

function exportDocument(overrides) {
  return Object.assign({ format: codec.FORMAT, version: 1, fiche: { id: "pilotage" }, liste: { id: "equipe-projet" },
    elements: [{ id: "designer-chef", fait: true, responsable: "Awa", echeance: "2026-03-09", note: "" }] }, overrides);
}

test("rows follow the sheet's order, then the removed items with their saved text", () => {
  const rows = codec.rows(ITEMS, ENTRIES);
  assert.deepEqual(rows.map((r) => [r.id, r.texte, r.fait, r.retire]), [
    ["designer-chef", "Désigner un chef de projet", true, false],
    ["reserver-salles", "Réserver les salles", false, false],
    ["budget", "Voter le budget", false, false],
    ["ancien-element", "Un élément retiré", true, true]
  ]);
  assert.deepEqual(rows[1], { id: "reserver-salles", texte: "Réserver les salles", fait: false, responsable: "",
    echeance: "", note: "", retire: false });
});

test("Markdown export: title, French dates, progress of current items, removed items apart", () => {
  const md = codec.toMarkdown(LIST, codec.rows(ITEMS, ENTRIES), NOW);
  assert.equal(md, [
    "# Le pilotage — L'équipe projet",
    "",
    "Exporté le 09/03/2026 : 1 fait sur 3.",
    "",
    "- [x] Désigner un chef de projet",
    "  - Responsable : Awa Diallo",
    "  - Échéance : 09/03/2026",
    "- [ ] Réserver les salles",
    "- [ ] Voter le budget",
    "  - Note : Voir le conseil; \"urgent\"",
    "",
    "## Éléments retirés",
    "",
    "Ces éléments ne figurent plus sur la fiche ; ce que vous aviez noté est gardé.",
    "",
    "- [x] Un élément retiré",
    "  - Note : gardé",
    ""
  ].join("\n"));
});

test("progress reads naturally: none, one, several", () => {
  assert.equal(codec.progressText(0, 4), "Aucun fait sur 4");
  assert.equal(codec.progressText(1, 4), "1 fait sur 4");
  assert.equal(codec.progressText(3, 4), "3 faits sur 4");
});

test("Markdown export without removed items has no such section, and plural progress", () => {
  const entries = { "designer-chef": { fait: true }, "budget": { fait: true } };
  const md = codec.toMarkdown(LIST, codec.rows(ITEMS, entries), NOW);
  assert.match(md, /^Exporté le 09\/03\/2026 : 2 faits sur 3\.$/m);
  assert.ok(!md.includes("Éléments retirés"));
});

test("CSV export: byte-order mark, semicolons, CRLF, quoting and the removed items' state", () => {
  const csv = codec.toCsv(LIST, codec.rows(ITEMS, ENTRIES));
  assert.ok(csv.startsWith("\uFEFF"));
  assert.ok(csv.endsWith("\r\n"));
  const lines = csv.slice(1).split("\r\n");
  assert.equal(lines.length, 6); // header, four rows, then the final empty string
  assert.equal(lines[0], "Action;Fait;Responsable;Échéance;Note;fiche;liste;element;État");
  assert.equal(lines[1], "Désigner un chef de projet;oui;Awa Diallo;2026-03-09;;pilotage;equipe-projet;designer-chef;");
  assert.equal(lines[3], 'Voter le budget;non;;;"Voir le conseil; ""urgent""";pilotage;equipe-projet;budget;');
  assert.equal(lines[4], "Un élément retiré;oui;;;gardé;pilotage;equipe-projet;ancien-element;élément retiré");
  assert.equal(lines[5], "");
});

test("CSV cells a spreadsheet would run as formulas are prefixed with an apostrophe", () => {
  assert.equal(codec.csvCell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  assert.equal(codec.csvCell("+33 1 23"), "'+33 1 23");
  assert.equal(codec.csvCell("-2"), "'-2");
  assert.equal(codec.csvCell("@SUM(A1)"), "'@SUM(A1)");
  assert.equal(codec.csvCell("\tcmd"), "'\tcmd");
  assert.equal(codec.csvCell("a\nb"), "\"a\nb\"");
  assert.equal(codec.csvCell("ordinaire"), "ordinaire");
  const rows = codec.rows(ITEMS, { budget: { fait: false, responsable: "=1+1", echeance: "", note: "" } });
  assert.ok(codec.toCsv(LIST, rows).includes(";'=1+1;"));
});

test("JSON export is a versioned document that imports back to the same entries", () => {
  const rows = codec.rows(ITEMS, ENTRIES);
  const text = codec.toJson(LIST, rows, NOW, "https://exemple.fr/fiches/pilotage/");
  assert.ok(text.endsWith("}\n"));
  const doc = JSON.parse(text);
  assert.deepEqual(Object.keys(doc), ["format", "version", "fiche", "liste", "exporte_le", "adresse", "elements"]);
  assert.equal(doc.format, "kit-democratie-contributive/liste");
  assert.equal(doc.version, 1);
  assert.deepEqual(doc.fiche, { id: "pilotage", titre: "Le pilotage" });
  assert.deepEqual(doc.liste, { id: "equipe-projet", titre: "L'équipe projet" });
  assert.equal(doc.exporte_le, NOW.toISOString());
  assert.equal(doc.adresse, "https://exemple.fr/fiches/pilotage/");
  assert.deepEqual(doc.elements, rows);

  const back = codec.parseImport(text, "pilotage", "equipe-projet");
  assert.deepEqual(Object.keys(back), ["designer-chef", "reserver-salles", "budget", "ancien-element"]);
  assert.deepEqual(back["designer-chef"], { fait: true, responsable: "Awa Diallo", echeance: "2026-03-09", note: "",
    texte: "Désigner un chef de projet" });
  assert.deepEqual(back["ancien-element"], { fait: true, responsable: "", echeance: "", note: "gardé",
    texte: "Un élément retiré" });
});

test("exportFile names the file after the sheet, the list and the local date", () => {
  const rows = codec.rows(ITEMS, ENTRIES);
  const md = codec.exportFile("md", LIST, rows, NOW, "https://exemple.fr/");
  assert.equal(md.name, "pilotage_equipe-projet_2026-03-09.md");
  assert.equal(md.type, "text/markdown;charset=utf-8");
  assert.equal(md.content, codec.toMarkdown(LIST, rows, NOW));
  const csv = codec.exportFile("csv", LIST, rows, NOW, "https://exemple.fr/");
  assert.deepEqual([csv.name, csv.type], ["pilotage_equipe-projet_2026-03-09.csv", "text/csv;charset=utf-8"]);
  assert.equal(csv.content, codec.toCsv(LIST, rows));
  const json = codec.exportFile("json", LIST, rows, NOW, "https://exemple.fr/");
  assert.deepEqual([json.name, json.type], ["pilotage_equipe-projet_2026-03-09.json", "application/json"]);
  assert.equal(JSON.parse(json.content).adresse, "https://exemple.fr/");
});

test("import refuses text that is not JSON", () => {
  assert.throws(() => codec.parseImport("{pas du json", "pilotage", "equipe-projet"),
    { message: "Ce fichier n'est pas un fichier JSON lisible : rien n'a été modifié." });
});

test("import refuses other formats, bad and newer versions", () => {
  const unreadable = { message: "Ce fichier n'est pas un export de liste du kit : rien n'a été modifié." };
  for (const data of [null, [], "texte", exportDocument({ format: "autre" }), exportDocument({ version: "1" }),
    exportDocument({ version: 0 }), exportDocument({ version: 1.5 }), exportDocument({ elements: {} })]) {
    assert.throws(() => codec.validate(data, "pilotage", "equipe-projet"), unreadable, JSON.stringify(data));
  }
  assert.throws(() => codec.validate(exportDocument({ version: 2 }), "pilotage", "equipe-projet"),
    /^Error: Ce fichier vient d'une version plus récente du site \(format 2\) : rechargez la page/);
});

test("import refuses another list and names it, cut to 200 characters", () => {
  const data = exportDocument({ liste: { id: "autre", titre: "x".repeat(500) }, fiche: { id: "amo", titre: "L'AMO" } });
  assert.throws(() => codec.validate(data, "pilotage", "equipe-projet"), (error) => {
    assert.equal(error.message, "Ce fichier concerne une autre liste (« " + "x".repeat(200) +
      " », fiche « L'AMO ») : importez-le depuis cette liste-là. Rien n'a été modifié.");
    return true;
  });
});

test("import refuses bad items and says which one", () => {
  const cases = [
    [[{ fait: true }], "Élément n° 1 : identifiant absent ou invalide. Rien n'a été modifié."],
    [[{ id: "Pas un identifiant" }], "Élément n° 1 : identifiant absent ou invalide. Rien n'a été modifié."],
    [[{ id: "a" }, null], "Élément n° 2 : identifiant absent ou invalide. Rien n'a été modifié."],
    [[{ id: "a" }, { id: "a" }], "Élément n° 2 (« a ») : identifiant en double. Rien n'a été modifié."],
    [[{ id: "a", note: 3 }], "Élément n° 1 (« a ») : le champ « note » n'est pas un texte valable. Rien n'a été modifié."],
    [[{ id: "a", note: "n".repeat(2001) }], "Élément n° 1 (« a ») : le champ « note » n'est pas un texte valable. Rien n'a été modifié."],
    [[{ id: "a", fait: "oui" }], "Élément n° 1 (« a ») : « fait » doit valoir true ou false. Rien n'a été modifié."],
    [[{ id: "a", echeance: "09/03/2026" }], "Élément n° 1 (« a ») : l'échéance doit être une date AAAA-MM-JJ. Rien n'a été modifié."]
  ];
  for (const [elements, message] of cases) {
    assert.throws(() => codec.validate(exportDocument({ elements }), "pilotage", "equipe-projet"), { message },
      JSON.stringify(elements));
  }
});

test("import ignores unknown fields and keeps hostile text as plain text", () => {
  const hostile = "<img src=x onerror=\"window.__xss=1\">";
  const entries = codec.validate(exportDocument({ inconnu: { a: 1 }, elements: [
    { id: "a", fait: true, note: hostile, texte: hostile, __proto__x: 1, constructor: "x", script: "alert(1)" },
    { id: "b", responsable: null }
  ] }), "pilotage", "equipe-projet");
  assert.deepEqual({ ...entries }, {
    a: { fait: true, responsable: "", echeance: "", note: hostile, texte: hostile },
    b: { fait: false, responsable: "", echeance: "", note: "", texte: "" }
  });
});

test("an id such as __proto__ is refused, not merged into the entries' prototype", () => {
  const text = '{"format":"kit-democratie-contributive/liste","version":1,"fiche":{"id":"pilotage"},' +
    '"liste":{"id":"equipe-projet"},"elements":[{"id":"__proto__","fait":true}]}';
  assert.throws(() => codec.parseImport(text, "pilotage", "equipe-projet"), /identifiant absent ou invalide/);
});

test("a share link round-trips every field, accents and removed items included", () => {
  const rows = codec.rows(ITEMS, ENTRIES);
  const link = codec.shareLink("https://exemple.fr/fiches/pilotage/", LIST, rows);
  const [address, hash] = link.split("#");
  assert.equal(address, "https://exemple.fr/fiches/pilotage/");
  assert.match(hash, /^kit-partage=[A-Za-z0-9_-]+$/); // base64url: nothing to escape in an address
  const entries = codec.sharedEntries(codec.readShareHash(hash), "pilotage", "equipe-projet");
  // Untouched items are left out of the link; texts travel only for removed items.
  assert.deepEqual({ ...entries }, {
    "designer-chef": { fait: true, responsable: "Awa Diallo", echeance: "2026-03-09", note: "", texte: "" },
    "budget": { fait: false, responsable: "", echeance: "", note: "Voir le conseil; \"urgent\"", texte: "" },
    "ancien-element": { fait: true, responsable: "", echeance: "", note: "gardé", texte: "Un élément retiré" }
  });
  assert.deepEqual(codec.rows(ITEMS, entries).map((r) => [r.id, r.fait, r.responsable, r.note, r.retire]),
    rows.map((r) => [r.id, r.fait, r.responsable, r.note, r.retire]));
});

test("share links: not a link, another list, damaged, or invalid", () => {
  assert.equal(codec.readShareHash(""), null);
  assert.equal(codec.readShareHash("une-section"), null);
  const other = codec.shareLink("https://exemple.fr/", Object.assign({}, LIST, { liste: "autre" }), codec.rows(ITEMS, ENTRIES));
  assert.equal(codec.sharedEntries(codec.readShareHash(other.split("#")[1]), "pilotage", "equipe-projet"), null);
  assert.throws(() => codec.readShareHash("kit-partage=%%%"), { message: "Ce lien de partage est abîmé : il ne peut pas être lu." });
  assert.throws(() => codec.readShareHash("kit-partage=_w"), /abîmé/); // bytes that are not UTF-8
  assert.throws(() => codec.sharedEntries([2, "pilotage", "equipe-projet", []], "pilotage", "equipe-projet"),
    /^Error: Ce lien de partage ne peut pas être ouvert : Ce fichier vient d'une version plus récente/);
  assert.throws(() => codec.sharedEntries([1, "pilotage", "equipe-projet", [["a", 1, "", "demain", ""]]],
    "pilotage", "equipe-projet"), /ne peut pas être ouvert : Élément n° 1 \(« a »\) : l'échéance doit être une date/);
});

test("dates that do not exist in the calendar are refused, naming the item", () => {
  for (const date of ["2024-13-45", "2023-02-30", "2023-02-29", "1900-02-29", "2026-04-31", "2026-00-10",
    "2026-01-00", "0000-01-01"]) {
    const elements = [{ id: "a", echeance: "2026-03-09" }, { id: "budget", echeance: date }];
    assert.throws(() => codec.validate(exportDocument({ elements }), "pilotage", "equipe-projet"), {
      message: "Élément n° 2 (« budget ») : l'échéance « " + date + " » n'existe pas dans le calendrier. Rien n'a été modifié."
    }, date);
    assert.equal(codec.isDate(date), false, date);
  }
  for (const date of ["2024-02-29", "2000-02-29", "2026-12-31", "0001-01-01"]) {
    const entries = codec.validate(exportDocument({ elements: [{ id: "a", echeance: date }] }), "pilotage", "equipe-projet");
    assert.equal(entries.a.echeance, date);
  }
  // A share link goes through the same check.
  assert.throws(() => codec.sharedEntries([1, "pilotage", "equipe-projet", [["a", 1, "", "2024-13-45", ""]]],
    "pilotage", "equipe-projet"), /ne peut pas être ouvert : Élément n° 1 \(« a »\) : l'échéance « 2024-13-45 » n'existe pas/);
});

test("an item id « constructor » goes through the site's own export, import and share link", () => {
  const items = [{ id: "constructor", texte: "Construire" }, { id: "budget", texte: "Voter le budget" }];
  // Nothing saved: no entry is found on Object.prototype.
  assert.deepEqual(codec.rows(items, {}).map((r) => [r.id, r.fait, r.responsable, r.retire]),
    [["constructor", false, "", false], ["budget", false, "", false]]);
  const entries = { constructor: { fait: true, responsable: "Awa", echeance: "2026-03-09", note: "n" } };
  const rows = codec.rows(items, entries);
  const back = codec.parseImport(codec.toJson(LIST, rows, NOW, "https://exemple.fr/"), "pilotage", "equipe-projet",
    ["constructor", "budget"]);
  assert.deepEqual(Object.keys(back), ["constructor", "budget"]);
  assert.deepEqual(back.constructor, { fait: true, responsable: "Awa", echeance: "2026-03-09", note: "n",
    texte: "Construire" });
  const link = codec.shareLink("https://exemple.fr/", LIST, rows);
  const shared = codec.sharedEntries(codec.readShareHash(link.split("#")[1]), "pilotage", "equipe-projet",
    ["constructor", "budget"]);
  assert.deepEqual(Object.keys(shared), ["constructor"]);
  assert.equal(shared.constructor.responsable, "Awa");
  assert.match(codec.toMarkdown(LIST, rows, NOW), /^- \[x\] Construire\n {2}- Responsable : Awa$/m);
});

test("entries under ids such as __proto__ or toString are read as entries, never inherited", () => {
  const entries = codec.table();
  entries.__proto__ = { fait: true, note: "proto", texte: "Retiré proto" };
  entries.toString = { fait: false, note: "chaîne", texte: "Retiré toString" };
  assert.equal(codec.entryOf({}, "constructor"), undefined);
  assert.equal(codec.entryOf({}, "__proto__"), undefined);
  assert.equal(codec.entryOf(entries, "__proto__").note, "proto");
  const rows = codec.rows([{ id: "hasOwnProperty", texte: "Sur la fiche" }], entries);
  assert.deepEqual(rows.map((r) => [r.id, r.texte, r.fait, r.note, r.retire]), [
    ["hasOwnProperty", "Sur la fiche", false, "", false],
    ["__proto__", "Retiré proto", true, "proto", true],
    ["toString", "Retiré toString", false, "chaîne", true]
  ]);
  const doc = JSON.parse(codec.toJson(LIST, rows, NOW, ""));
  assert.deepEqual(doc.elements.map((e) => e.id), ["hasOwnProperty", "__proto__", "toString"]);
});

test("removed items an import brings are bounded, and said", () => {
  const ids = ["designer-chef", "budget"];
  const removed = (n, extra) => Array.from({ length: n }, (_, i) => Object.assign({ id: "retire-" + i, note: "n" }, extra));
  const limit = codec.MAX_REMOVED;
  assert.equal(limit, 100);
  const entries = codec.validate(exportDocument({ elements: [{ id: "budget", fait: true }].concat(removed(limit)) }),
    "pilotage", "equipe-projet", ids);
  assert.equal(Object.keys(entries).length, limit + 1);
  assert.equal(codec.removedNotice(entries, ids, "Le fichier"), "Le fichier apporte aussi 100\u00a0éléments qui ne " +
    "figurent plus sur cette liste : ils figurent dans les exports, rubrique « éléments retirés ».");
  assert.throws(() => codec.validate(exportDocument({ elements: removed(limit + 1) }), "pilotage", "equipe-projet", ids),
    { message: "101\u00a0éléments ne figurent plus sur cette liste : au plus 100\u00a0éléments retirés sont acceptés. " +
      "Rien n'a été modifié." });
  // Empty entries are not kept, hence not counted.
  const blank = removed(limit + 50, { note: "" });
  const none = codec.validate(exportDocument({ elements: blank }), "pilotage", "equipe-projet", ids);
  assert.equal(codec.removedNotice(none, ids, "Le fichier"), "");
  const one = codec.validate(exportDocument({ elements: removed(1) }), "pilotage", "equipe-projet", ids);
  assert.equal(codec.removedNotice(one, ids, "Le lien"), "Le lien apporte aussi 1\u00a0élément qui ne figure plus sur " +
    "cette liste : il figure dans les exports, rubrique « éléments retirés ».");
  // Share links are held to the same limit.
  const compact = removed(limit + 1).map((e) => [e.id, 0, "", "", "n"]);
  assert.throws(() => codec.sharedEntries([1, "pilotage", "equipe-projet", compact], "pilotage", "equipe-projet", ids),
    /^Error: Ce lien de partage ne peut pas être ouvert : 101\u00a0éléments ne figurent plus sur cette liste : au plus 100/);
});

test("the Markdown export escapes every text, removed items' included", () => {
  const hostile = "<img src=x onerror=alert(1)> [lien](javascript:alert(1)) **gras** ~~barré~~ a|b {: onclick=x } " +
    "&amp; R&D `code` \\ #titre\n# Titre\r\n- liste _i_";
  const escaped = "&lt;img src=x onerror=alert(1)\\> \\[lien\\](javascript:alert(1)) \\*\\*gras\\*\\* \\~\\~barré\\~\\~ " +
    "a\\|b \\{: onclick=x \\} &amp;amp; R&D \\`code\\` \\\\ \\#titre \\# Titre - liste \\_i\\_";
  assert.equal(codec.markdownText(hostile), escaped);
  assert.equal(codec.markdownText("L'équipe\u00a0: « projet » (2026), 1. fin ; +3 -2 ="), "L'équipe\u00a0: « projet » (2026), 1. fin ; +3 -2 =");
  const entries = { budget: { fait: false, responsable: hostile, echeance: "", note: hostile },
    "retire": { fait: true, responsable: "", echeance: "", note: hostile, texte: hostile } };
  const list = Object.assign({}, LIST, { titre: "Liste *vive*", ficheTitre: "Fiche <b>" });
  const md = codec.toMarkdown(list, codec.rows(ITEMS, entries), NOW);
  assert.equal(md.split("\n")[0], "# Fiche &lt;b\\> — Liste \\*vive\\*");
  assert.ok(md.includes("- [ ] Voter le budget\n  - Responsable : " + escaped + "\n  - Note : " + escaped + "\n"));
  assert.ok(md.endsWith("## Éléments retirés\n\nCes éléments ne figurent plus sur la fiche ; ce que vous aviez noté est gardé.\n\n" +
    "- [x] " + escaped + "\n  - Note : " + escaped + "\n"));
  assert.ok(!md.includes("<"));
});
