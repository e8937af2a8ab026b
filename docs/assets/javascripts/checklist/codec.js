/* The checklist's formats, as pure functions: Markdown, CSV and JSON exports,
 * the checks an imported file or a share link must pass, and the share link's
 * encoding. No DOM and no storage here, so Node's test runner can load it.
 *
 * A plain script, not an ES module: the offline site is opened from file://,
 * where modules do not load. In the browser it is window.KitChecklist.codec.
 */
(function () {
  "use strict";

  var FORMAT = "kit-democratie-contributive/liste";
  var VERSION = 1;
  var SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var DATE = /^\d{4}-\d{2}-\d{2}$/;
  var MAX_TEXT = 2000;
  // An import or a share link may bring at most this many items the sheet no
  // longer has: enough for years of changes, not thousands of hidden rows.
  var MAX_REMOVED = 100;
  var SHARE = "kit-partage=";
  var UNCHANGED = " Rien n'a été modifié.";

  /* Entries are kept by item id in objects without a prototype, and read
   * through entryOf: an id such as "constructor" or "__proto__" is then an
   * ordinary key, never something inherited from Object.prototype. */
  function table() {
    return Object.create(null);
  }

  function entryOf(entries, id) {
    return Object.prototype.hasOwnProperty.call(entries, id) ? entries[id] : undefined;
  }

  // A date as AAAA-MM-JJ that exists in the calendar (not 2024-13-45 nor 2023-02-29).
  function isDate(text) {
    if (!DATE.test(text)) return false;
    var year = +text.slice(0, 4), month = +text.slice(5, 7), day = +text.slice(8, 10);
    var leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    var days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
    return year >= 1 && day >= 1 && day <= (days || 0);
  }

  function isEmpty(entry) {
    return !entry.fait && !entry.responsable && !entry.echeance && !entry.note;
  }

  // The reader's local date, as AAAA-MM-JJ.
  function localDate(now) {
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function frenchDate(iso) {
    return iso ? iso.split("-").reverse().join("/") : "";
  }

  function plural(n, one, many) {
    return n + " " + (n > 1 ? many : one);
  }

  // The same, the number kept on the line of its noun (a no-break space).
  function counted(n, one, many) {
    return n + "\u00a0" + (n > 1 ? many : one);
  }

  function progressText(done, total) {
    if (!done) return "Aucun fait sur " + total;
    return done + (done > 1 ? " faits" : " fait") + " sur " + total;
  }

  // Ids of non-empty entries that are not among the sheet's current `ids`.
  function removedIds(entries, ids) {
    return Object.keys(entries).filter(function (id) { return ids.indexOf(id) < 0 && !isEmpty(entries[id]); });
  }

  /* Checks an export (file or link) before anything changes; returns the
   * entries by item id, or throws an Error whose message is for the reader.
   * `ids` are the sheet's current item ids: the others are removed items. */
  function validate(data, fiche, liste, ids) {
    var unreadable = "Ce fichier n'est pas un export de liste du kit : rien n'a été modifié.";
    if (!data || typeof data !== "object" || data.format !== FORMAT) throw new Error(unreadable);
    if (typeof data.version !== "number" || data.version < 1 || data.version % 1) throw new Error(unreadable);
    if (data.version > VERSION) {
      throw new Error("Ce fichier vient d'une version plus récente du site (format " + data.version +
        ") : rechargez la page pour obtenir la dernière version, puis réessayez." + UNCHANGED);
    }
    var f = data.fiche || {}, l = data.liste || {};
    if (f.id !== fiche || l.id !== liste) {
      throw new Error("Ce fichier concerne une autre liste (« " + String(l.titre || l.id).slice(0, 200) +
        " », fiche « " + String(f.titre || f.id).slice(0, 200) + " ») : importez-le depuis cette liste-là." + UNCHANGED);
    }
    if (!Array.isArray(data.elements)) throw new Error(unreadable);
    var entries = table();
    data.elements.forEach(function (item, i) {
      var where = "Élément n° " + (i + 1) + " : ";
      if (!item || typeof item !== "object" || typeof item.id !== "string" || !SLUG.test(item.id)) {
        throw new Error(where + "identifiant absent ou invalide." + UNCHANGED);
      }
      where = "Élément n° " + (i + 1) + " (« " + item.id.slice(0, 100) + " ») : ";
      if (entryOf(entries, item.id)) throw new Error(where + "identifiant en double." + UNCHANGED);
      var entry = { fait: item.fait === true };
      ["responsable", "echeance", "note", "texte"].forEach(function (name) {
        var value = item[name] === undefined || item[name] === null ? "" : item[name];
        if (typeof value !== "string" || value.length > MAX_TEXT) {
          throw new Error(where + "le champ « " + name + " » n'est pas un texte valable." + UNCHANGED);
        }
        entry[name] = value;
      });
      if (typeof item.fait !== "boolean" && item.fait !== undefined) {
        throw new Error(where + "« fait » doit valoir true ou false." + UNCHANGED);
      }
      if (entry.echeance && !DATE.test(entry.echeance)) {
        throw new Error(where + "l'échéance doit être une date AAAA-MM-JJ." + UNCHANGED);
      }
      if (entry.echeance && !isDate(entry.echeance)) {
        throw new Error(where + "l'échéance « " + entry.echeance + " » n'existe pas dans le calendrier." + UNCHANGED);
      }
      entries[item.id] = entry;
    });
    var removed = removedIds(entries, ids || []).length;
    if (removed > MAX_REMOVED) {
      throw new Error(counted(removed, "élément ne figure", "éléments ne figurent") + " plus sur cette liste : " +
        "au plus " + counted(MAX_REMOVED, "", "éléments retirés") + " sont acceptés." + UNCHANGED);
    }
    return entries;
  }

  /* What an accepted import or share link brings besides the sheet's items,
   * for the reader: "" when nothing. `source` is « Le fichier » or « Le lien ». */
  function removedNotice(entries, ids, source) {
    var count = removedIds(entries, ids).length;
    if (!count) return "";
    return source + " apporte aussi " + counted(count, "élément qui ne figure", "éléments qui ne figurent") +
      " plus sur cette liste : " + (count > 1 ? "ils figurent" : "il figure") +
      " dans les exports, rubrique « éléments retirés ».";
  }

  // An imported file's text: its entries, or an Error for the reader.
  function parseImport(text, fiche, liste, ids) {
    var data;
    try { data = JSON.parse(text); } catch (error) {
      throw new Error("Ce fichier n'est pas un fichier JSON lisible : rien n'a été modifié.");
    }
    return validate(data, fiche, liste, ids);
  }

  /* One row per item of the sheet, in its order, then one per removed item
   * whose saved entry is kept. `items` are { id, texte }. */
  function rows(items, entries) {
    var ids = items.map(function (item) { return item.id; });
    var row = function (id, texte, entry, retire) {
      return { id: id, texte: texte, fait: !!entry.fait, responsable: entry.responsable || "",
        echeance: entry.echeance || "", note: entry.note || "", retire: retire };
    };
    var result = items.map(function (item) {
      return row(item.id, item.texte, entryOf(entries, item.id) || {}, false);
    });
    Object.keys(entries).forEach(function (id) {
      if (ids.indexOf(id) < 0) result.push(row(id, entries[id].texte || id, entries[id], true));
    });
    return result;
  }

  function progressOf(rowList) {
    var current = rowList.filter(function (r) { return !r.retire; });
    return progressText(current.filter(function (r) { return r.fait; }).length, current.length);
  }

  /* Text as Markdown shows it, never as markup: on one line (a line break
   * could start a heading or a list); the characters that make emphasis,
   * code, links, images, headings, tables or attribute lists escaped by a
   * backslash; "<" and an "&" that would start an entity written as entities,
   * since Python-Markdown does not read "\<". Both CommonMark (GitHub) and
   * Python-Markdown then show the text as typed. */
  function markdownText(value) {
    return String(value).replace(/[\r\n]+/g, " ")
      .replace(/[\\`*_[\]{}>#|~]/g, "\\$&")
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, "&amp;").replace(/</g, "&lt;");
  }

  function csvCell(value) {
    var text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text; // a spreadsheet must not run it as a formula
    return /[;"\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /* The three exports. `list` is { fiche, liste, ficheTitre, titre }, `now`
   * a Date, `address` the page's address without its fragment. */
  function toJson(list, rowList, now, address) {
    var doc = { format: FORMAT, version: VERSION,
      fiche: { id: list.fiche, titre: list.ficheTitre }, liste: { id: list.liste, titre: list.titre },
      exporte_le: now.toISOString(), adresse: address, elements: rowList };
    return JSON.stringify(doc, null, 2) + "\n";
  }

  // Semicolons and a byte-order mark: what French spreadsheets open as UTF-8 columns.
  // The columns of the downloaded blank list (kitoutils/downloads/table.py), in
  // reading order, the ids last; then whether an item left the sheet since.
  var CSV_HEADER = ["Action", "Fait", "Responsable", "Échéance", "Note", "fiche", "liste", "element", "État"];

  function toCsv(list, rowList) {
    var lines = [CSV_HEADER];
    rowList.forEach(function (r) {
      lines.push([r.texte, r.fait ? "oui" : "non", r.responsable, r.echeance, r.note,
        list.fiche, list.liste, r.id, r.retire ? "élément retiré" : ""]);
    });
    return "\uFEFF" + lines.map(function (line) { return line.map(csvCell).join(";"); }).join("\r\n") + "\r\n";
  }

  function toMarkdown(list, rowList, now) {
    var current = rowList.filter(function (r) { return !r.retire; });
    var removed = rowList.filter(function (r) { return r.retire; });
    var md = ["# " + markdownText(list.ficheTitre) + " — " + markdownText(list.titre), "",
      "Exporté le " + frenchDate(localDate(now)) + " : " + progressOf(rowList) + ".", ""];
    var item = function (r) {
      md.push("- [" + (r.fait ? "x" : " ") + "] " + markdownText(r.texte));
      if (r.responsable) md.push("  - Responsable : " + markdownText(r.responsable));
      if (r.echeance) md.push("  - Échéance : " + markdownText(frenchDate(r.echeance)));
      if (r.note) md.push("  - Note : " + markdownText(r.note));
    };
    current.forEach(item);
    if (removed.length) {
      md.push("", "## Éléments retirés", "", "Ces éléments ne figurent plus sur la fiche ; ce que vous aviez noté est gardé.", "");
      removed.forEach(item);
    }
    return md.join("\n") + "\n";
  }

  var KINDS = {
    md: { type: "text/markdown;charset=utf-8", write: toMarkdown },
    csv: { type: "text/csv;charset=utf-8", write: toCsv },
    json: { type: "application/json", write: toJson }
  };

  // The file to download for an export: its name, media type and content.
  function exportFile(kind, list, rowList, now, address) {
    var format = KINDS[kind];
    return { name: list.fiche + "_" + list.liste + "_" + localDate(now) + "." + kind, type: format.type,
      content: format.write(list, rowList, now, address) };
  }

  /* Share links carry the state in the fragment (never sent to a server), as
   * base64url of compact JSON (UTF-8): [version, sheet, list, rows]. */
  function toBase64Url(text) {
    var bytes = new TextEncoder().encode(text), binary = "";
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function fromBase64Url(code) {
    var binary = atob(code.replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  }

  function shareLink(address, list, rowList) {
    var compact = rowList.filter(function (r) { return r.fait || r.responsable || r.echeance || r.note; })
      .map(function (r) {
        var row = [r.id, r.fait ? 1 : 0, r.responsable, r.echeance, r.note];
        if (r.retire) row.push(r.texte);
        return row;
      });
    return address + "#" + SHARE + toBase64Url(JSON.stringify([VERSION, list.fiche, list.liste, compact]));
  }

  // A fragment (without "#"): null when it is no share link, its payload, or an Error.
  function readShareHash(hash) {
    if (hash.indexOf(SHARE) !== 0) return null;
    try {
      return JSON.parse(fromBase64Url(hash.slice(SHARE.length)));
    } catch (error) {
      throw new Error("Ce lien de partage est abîmé : il ne peut pas être lu.");
    }
  }

  // A share link's entries for this list; null when the link is for another one.
  function sharedEntries(payload, fiche, liste, ids) {
    if (!Array.isArray(payload) || payload[1] !== fiche || payload[2] !== liste) return null;
    var compact = Array.isArray(payload[3]) ? payload[3] : null;
    try {
      return validate({ format: FORMAT, version: payload[0], fiche: { id: fiche }, liste: { id: liste },
        elements: compact && compact.map(function (row) {
          return Array.isArray(row) ? { id: row[0], fait: row[1] === 1, responsable: row[2], echeance: row[3],
            note: row[4], texte: row[5] } : null;
        }) }, fiche, liste, ids);
    } catch (error) {
      throw new Error("Ce lien de partage ne peut pas être ouvert : " + error.message);
    }
  }

  var codec = {
    FORMAT: FORMAT, VERSION: VERSION, MAX_TEXT: MAX_TEXT, MAX_REMOVED: MAX_REMOVED,
    table: table, entryOf: entryOf, isDate: isDate, removedNotice: removedNotice, markdownText: markdownText,
    isEmpty: isEmpty, localDate: localDate, frenchDate: frenchDate, plural: plural, progressText: progressText,
    validate: validate, parseImport: parseImport, rows: rows, csvCell: csvCell,
    toJson: toJson, toCsv: toCsv, toMarkdown: toMarkdown, exportFile: exportFile,
    shareLink: shareLink, readShareHash: readShareHash, sharedEntries: sharedEntries
  };
  if (typeof module !== "undefined") module.exports = codec;
  else (window.KitChecklist = window.KitChecklist || {}).codec = codec;
})();
