/* The reader's saved progress, in localStorage and never sent anywhere: keys,
 * format version, reading and writing a save, moving an unreadable save aside
 * rather than losing it, and keeping the entries of items removed from a sheet.
 *
 * A save is { v: version, connus: ids of the items the reader has seen,
 * elements: { id: entry }, maj: when it was written }; in memory, `elements`
 * has no prototype (see codec.table). Functions take the object holding
 * `localStorage` (window in the browser) because merely reading that property
 * throws where the browser forbids storage.
 *
 * Reading and writing fail apart: a full storage, or one that refuses writes,
 * still gives back what is saved, and only a write that fails says so.
 * A plain script (see codec.js); in the browser, window.KitChecklist.storage.
 */
(function () {
  "use strict";

  var codec = typeof module !== "undefined" ? require("./codec.js") : window.KitChecklist.codec;
  var VERSION = codec.VERSION;

  // Every site opened from file:// shares one storage: keys carry the path of the site's root.
  function prefix(root) {
    return "kit-democratie-contributive|" + root + "|";
  }

  function keyFor(root, fiche, liste) {
    return prefix(root) + fiche + "|" + liste;
  }

  function emptyRecord(ids) {
    return { v: VERSION, connus: ids.slice(), elements: codec.table() };
  }

  function isObject(value) {
    return !!value && typeof value === "object" && !Array.isArray(value);
  }

  // A parsed save in this version's shape, its entries copied into a table; null otherwise.
  function readRecord(data) {
    if (!isObject(data) || data.v !== VERSION || !isObject(data.elements) || !Array.isArray(data.connus)) return null;
    var elements = codec.table(), ids = Object.keys(data.elements);
    for (var i = 0; i < ids.length; i++) {
      if (!isObject(data.elements[ids[i]])) return null;
      elements[ids[i]] = data.elements[ids[i]];
    }
    var record = {};
    Object.keys(data).forEach(function (name) { record[name] = data[name]; });
    record.elements = elements;
    return record;
  }

  /* Reads the save under `key`: { record, blocked }, where `record` is null
   * when there is none to use and `blocked` says why nothing may be written.
   * Whether writing works is learnt by writing (see save), not asked here. */
  function load(scope, key) {
    var raw;
    try {
      raw = scope.localStorage.getItem(key);
    } catch (error) {
      return { record: null, blocked: "Votre navigateur n'autorise pas l'enregistrement : votre progression ne " +
        "sera pas gardée après la fermeture de la page. Exportez-la pour la conserver." };
    }
    if (raw === null) return { record: null, blocked: null };
    var data;
    try { data = JSON.parse(raw); } catch (error) { data = null; }
    if (isObject(data) && data.v > VERSION) {
      // Written by a newer version of the site: never overwrite it.
      return { record: null, blocked: "Votre progression a été enregistrée par une version plus récente du " +
        "site : rechargez la page ; d'ici là, vos modifications ne seront pas enregistrées." };
    }
    var record = readRecord(data);
    if (record) return { record: record, blocked: null };
    // Keep what cannot be read under another key rather than lose it.
    try {
      scope.localStorage.setItem(key + "|illisible-" + Date.now(), raw);
      scope.localStorage.removeItem(key);
    } catch (error) {
      // It stays where it is, and nothing may be written over it.
      return { record: null, blocked: "Votre progression enregistrée est illisible et l'espace d'enregistrement " +
        "est plein : elle est laissée telle quelle, et vos modifications ne seront pas enregistrées." };
    }
    return { record: null, blocked: null };
  }

  // Writes `record` (stamped with `now`); returns null, or why it could not be kept.
  function save(scope, key, record, now) {
    record.maj = now.toISOString();
    try {
      scope.localStorage.setItem(key, JSON.stringify(record));
      return null;
    } catch (error) {
      return "L'espace d'enregistrement de votre navigateur est plein ou indisponible : " +
        "vos dernières modifications ne seront pas gardées. Exportez la liste pour la conserver.";
    }
  }

  // The reader changed an item: an empty entry is not kept; the item is now known.
  function setEntry(record, id, entry) {
    if (codec.isEmpty(entry)) delete record.elements[id];
    else record.elements[id] = entry;
    if (record.connus.indexOf(id) < 0) record.connus.push(id);
  }

  /* The save after an import or an accepted share link: `entries` replace
   * those of the sheet's current `items` ({ id, texte }), but saved entries of
   * removed items are never dropped by it. */
  function mergeImport(record, entries, items) {
    var ids = items.map(function (item) { return item.id; });
    var old = record ? record.elements : codec.table(), merged = codec.table();
    Object.keys(entries).forEach(function (id) { merged[id] = entries[id]; });
    Object.keys(old).forEach(function (id) {
      if (!codec.entryOf(merged, id) && ids.indexOf(id) < 0) merged[id] = old[id];
    });
    items.forEach(function (item) {
      var entry = codec.entryOf(merged, item.id);
      if (entry) entry.texte = item.texte;
    });
    Object.keys(merged).forEach(function (id) { if (codec.isEmpty(merged[id])) delete merged[id]; });
    return { v: VERSION, connus: ids, elements: merged };
  }

  // What changed on the sheet since the reader last saw it.
  function changes(record, ids) {
    return {
      added: ids.filter(function (id) { return record.connus.indexOf(id) < 0; }),
      removed: record.connus.filter(function (id) { return ids.indexOf(id) < 0; })
    };
  }

  var storage = { prefix: prefix, keyFor: keyFor, emptyRecord: emptyRecord, load: load, save: save,
    setEntry: setEntry, mergeImport: mergeImport, changes: changes };
  if (typeof module !== "undefined") module.exports = storage;
  else window.KitChecklist.storage = storage;
})();
