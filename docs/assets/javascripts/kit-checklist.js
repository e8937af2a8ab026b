/* Checklists a reader fills in, keeps, exports, imports, shares and prints.
 *
 * The server-rendered markup says what a checklist contains (sheet, list and
 * item ids, item texts); this script only adds the reader's state, kept in
 * localStorage and never sent anywhere. One KitChecklist per
 * [data-module="kit-checklist"]. Every text coming from a file, a link or
 * storage is set with textContent or value, never parsed as HTML.
 */
(function () {
  "use strict";

  var FORMAT = "kit-democratie-contributive/liste";
  var VERSION = 1;
  var SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var DATE = /^\d{4}-\d{2}-\d{2}$/;
  var MAX_TEXT = 2000;
  var MAX_FILE = 1000000;
  var SHARE = "kit-partage=";

  // Every site opened from file:// shares one storage: keys carry the path of
  // this site's root, found from this script's own address.
  var script = document.currentScript;
  var root = script && script.src ? new URL("../..", script.src).pathname : "/";
  var PREFIX = "kit-democratie-contributive|" + root + "|";

  var FIELDS = [
    { name: "responsable", label: "Responsable", type: "text" },
    { name: "echeance", label: "Échéance", type: "date" },
    { name: "note", label: "Note", type: "text" }
  ];

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) node.textContent = text;
    return node;
  }

  function button(text, onClick) {
    var b = el("button", { type: "button", "class": "md-button kit-checklist__bouton" }, text);
    b.addEventListener("click", onClick);
    return b;
  }

  function isEmpty(entry) {
    return !entry.fait && !entry.responsable && !entry.echeance && !entry.note;
  }

  function today() {
    var now = new Date(), pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function frenchDate(iso) {
    return iso ? iso.split("-").reverse().join("/") : "";
  }

  function plural(n, one, many) {
    return n + " " + (n > 1 ? many : one);
  }

  /* Checks an export (file or link) before anything changes; returns the
   * entries by item id, or throws an Error whose message is for the reader. */
  function validate(data, fiche, liste) {
    var unreadable = "Ce fichier n'est pas un export de liste du kit : rien n'a été modifié.";
    if (!data || typeof data !== "object" || data.format !== FORMAT) throw new Error(unreadable);
    if (typeof data.version !== "number" || data.version < 1 || data.version % 1) throw new Error(unreadable);
    if (data.version > VERSION) {
      throw new Error("Ce fichier vient d'une version plus récente du site (format " + data.version +
        ") : rechargez la page pour obtenir la dernière version, puis réessayez. Rien n'a été modifié.");
    }
    var f = data.fiche || {}, l = data.liste || {};
    if (f.id !== fiche || l.id !== liste) {
      throw new Error("Ce fichier concerne une autre liste (« " + String(l.titre || l.id).slice(0, 200) +
        " », fiche « " + String(f.titre || f.id).slice(0, 200) + " ») : importez-le depuis cette liste-là. Rien n'a été modifié.");
    }
    if (!Array.isArray(data.elements)) throw new Error(unreadable);
    var entries = {};
    data.elements.forEach(function (item, i) {
      var where = "Élément n° " + (i + 1) + " : ";
      if (!item || typeof item !== "object" || typeof item.id !== "string" || !SLUG.test(item.id)) {
        throw new Error(where + "identifiant absent ou invalide. Rien n'a été modifié.");
      }
      if (entries[item.id]) throw new Error(where + "identifiant « " + item.id + " » en double. Rien n'a été modifié.");
      var entry = { fait: item.fait === true };
      ["responsable", "echeance", "note", "texte"].forEach(function (name) {
        var value = item[name] === undefined || item[name] === null ? "" : item[name];
        if (typeof value !== "string" || value.length > MAX_TEXT) {
          throw new Error(where + "le champ « " + name + " » n'est pas un texte valable. Rien n'a été modifié.");
        }
        entry[name] = value;
      });
      if (typeof item.fait !== "boolean" && item.fait !== undefined) {
        throw new Error(where + "« fait » doit valoir true ou false. Rien n'a été modifié.");
      }
      if (entry.echeance && !DATE.test(entry.echeance)) {
        throw new Error(where + "l'échéance doit être une date AAAA-MM-JJ. Rien n'a été modifié.");
      }
      entries[item.id] = entry;
    });
    return entries;
  }

  // Links carry the state as base64url of compact JSON (UTF-8).
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

  function csvCell(value) {
    var text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text; // a spreadsheet must not run it as a formula
    return /[;"\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function download(name, type, content) {
    var url = URL.createObjectURL(new Blob([content], { type: type }));
    var link = el("a", { href: url, download: name });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  var live = [];

  function KitChecklist(node) {
    this.node = node;
    this.fiche = node.dataset.fiche;
    this.liste = node.dataset.liste;
    this.titre = node.dataset.titre || this.liste;
    this.ficheTitre = node.dataset.ficheTitre || this.fiche;
    this.key = PREFIX + this.fiche + "|" + this.liste;
    this.items = Array.prototype.map.call(node.querySelectorAll("li[data-element]"), function (li) {
      var box = li.querySelector("input[type=checkbox]");
      var label = li.querySelector("label");
      return { id: li.dataset.element, li: li, box: box, label: label,
        texte: (label ? label.textContent : li.textContent).replace(/\s+/g, " ").trim(), fields: {} };
    });
    this.ids = this.items.map(function (item) { return item.id; });
    this.shared = null;
    this.build();
    this.load();
    this.readShareLink();
    this.render();
  }

  KitChecklist.prototype.build = function () {
    var self = this, node = this.node, base = "kit-" + this.fiche + "-" + this.liste;
    node.classList.add("kit-checklist--active");
    var head = el("div", { "class": "kit-checklist__avancement" });
    this.progress = el("progress", { max: String(this.items.length), value: "0",
      "aria-label": "Avancement de la liste « " + this.titre + " »" });
    this.count = el("span", { "class": "kit-checklist__compte", "aria-live": "polite" });
    head.appendChild(this.progress);
    head.appendChild(this.count);
    this.notice = el("div", { "class": "kit-checklist__avis", hidden: "" });
    this.alert = el("p", { "class": "kit-checklist__alerte", role: "alert" });
    node.insertBefore(this.alert, node.firstChild);
    node.insertBefore(this.notice, node.firstChild);
    node.insertBefore(head, node.firstChild);

    this.items.forEach(function (item) {
      if (item.label) item.label.id = item.label.id || "kit-libelle-" + item.id;
      var group = el("div", { "class": "kit-checklist__champs" });
      FIELDS.forEach(function (field) {
        var id = "kit-" + field.name + "-" + item.id; // "kit-" ids are never content ids
        var wrap = el("span", { "class": "kit-checklist__champ" });
        var input = el("input", { type: field.type, id: id, name: id, "data-champ": field.name,
          maxlength: String(MAX_TEXT) });
        if (item.label) input.setAttribute("aria-describedby", item.label.id);
        if (field.name === "responsable") input.setAttribute("autocomplete", "name");
        wrap.appendChild(el("label", { "for": id }, field.label));
        wrap.appendChild(input);
        group.appendChild(wrap);
        item.fields[field.name] = input;
        input.addEventListener("input", function () { self.edit(item); });
      });
      item.li.appendChild(group);
      item.box.addEventListener("change", function () { self.edit(item); });
    });

    var tools = el("div", { "class": "kit-checklist__outils" });
    var exports = el("div", { role: "group", "aria-label": "Exporter la liste « " + this.titre + " »" });
    exports.appendChild(el("span", { "class": "kit-checklist__groupe" }, "Exporter :"));
    exports.appendChild(button("Markdown", function () { self.exportAs("md"); }));
    exports.appendChild(button("CSV", function () { self.exportAs("csv"); }));
    exports.appendChild(button("JSON", function () { self.exportAs("json"); }));
    tools.appendChild(exports);
    this.picker = el("input", { type: "file", accept: ".json,application/json", hidden: "", tabindex: "-1",
      "aria-hidden": "true", id: base + "-fichier" });
    this.picker.addEventListener("change", function () {
      if (self.picker.files[0]) self.importFile(self.picker.files[0]);
      self.picker.value = "";
    });
    tools.appendChild(this.picker);
    tools.appendChild(button("Importer un fichier JSON", function () { self.picker.click(); }));
    tools.appendChild(button("Copier un lien", function () { self.copyLink(); }));
    tools.appendChild(button("Tout effacer", function () { self.reset(); }));
    this.linkField = el("input", { type: "text", readonly: "", "class": "kit-checklist__lien", hidden: "",
      id: base + "-lien" });
    this.linkLabel = el("label", { "for": base + "-lien", hidden: "" }, "Lien vers l'état de cette liste");
    tools.appendChild(this.linkLabel);
    tools.appendChild(this.linkField);
    tools.appendChild(el("p", { "class": "kit-checklist__astuce" },
      "Vous pouvez aussi déposer un fichier JSON exporté sur la liste pour l'importer."));
    this.status = el("p", { "class": "kit-checklist__etat", role: "status" });
    tools.appendChild(this.status);
    node.appendChild(tools);

    node.addEventListener("dragover", function (event) {
      if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") >= 0) {
        event.preventDefault();
        node.classList.add("kit-checklist--depot");
      }
    });
    node.addEventListener("dragleave", function () { node.classList.remove("kit-checklist--depot"); });
    node.addEventListener("drop", function (event) {
      node.classList.remove("kit-checklist--depot");
      var file = event.dataTransfer && event.dataTransfer.files[0];
      if (!file) return;
      event.preventDefault();
      self.importFile(file);
    });
  };

  /* Storage */

  KitChecklist.prototype.load = function () {
    // Changes that could not be written live only on this page: keep showing them.
    if (this.unsaved) return;
    this.blocked = null;
    this.record = null;
    var raw;
    try {
      raw = window.localStorage.getItem(this.key);
      window.localStorage.setItem(PREFIX + "essai", "1");
      window.localStorage.removeItem(PREFIX + "essai");
    } catch (error) {
      this.blocked = "Votre navigateur n'autorise pas l'enregistrement : votre progression ne sera pas gardée " +
        "après la fermeture de la page. Exportez-la pour la conserver.";
      return;
    }
    if (raw === null) return;
    try {
      var record = JSON.parse(raw);
      if (record.v > VERSION) {
        // Written by a newer version of the site: never overwrite it.
        this.blocked = "Votre progression a été enregistrée par une version plus récente du site : " +
          "rechargez la page ; d'ici là, vos modifications ne seront pas enregistrées.";
        return;
      }
      if (record.v !== VERSION || !record.elements || typeof record.elements !== "object" ||
          !Array.isArray(record.connus)) {
        throw new Error("format");
      }
      this.record = record;
    } catch (error) {
      // Keep what cannot be read under another key rather than lose it.
      try {
        window.localStorage.setItem(this.key + "|illisible-" + Date.now(), raw);
        window.localStorage.removeItem(this.key);
      } catch (ignored) { /* full: it stays where it is */ }
    }
  };

  KitChecklist.prototype.save = function () {
    this.unsaved = true;
    if (this.blocked) return;
    this.record.maj = new Date().toISOString();
    try {
      window.localStorage.setItem(this.key, JSON.stringify(this.record));
      this.unsaved = false;
    } catch (error) {
      this.blocked = "L'espace d'enregistrement de votre navigateur est plein ou indisponible : " +
        "vos dernières modifications ne seront pas gardées. Exportez la liste pour la conserver.";
      this.showBlocked();
    }
  };

  KitChecklist.prototype.entries = function () {
    return this.shared || (this.record ? this.record.elements : {});
  };

  KitChecklist.prototype.ensureRecord = function () {
    if (!this.record) this.record = { v: VERSION, connus: this.ids.slice(), elements: {} };
    return this.record;
  };

  KitChecklist.prototype.edit = function (item) {
    var record = this.ensureRecord();
    var entry = { fait: item.box.checked, texte: item.texte };
    FIELDS.forEach(function (field) { entry[field.name] = item.fields[field.name].value; });
    if (isEmpty(entry)) delete record.elements[item.id];
    else record.elements[item.id] = entry;
    if (record.connus.indexOf(item.id) < 0) record.connus.push(item.id);
    this.save();
    this.markEmpty(item);
    this.updateProgress();
  };

  /* Display */

  KitChecklist.prototype.render = function () {
    var entries = this.entries(), self = this, readOnly = !!this.shared;
    this.items.forEach(function (item) {
      var entry = entries[item.id] || {};
      item.box.checked = !!entry.fait;
      item.box.disabled = readOnly;
      FIELDS.forEach(function (field) {
        var input = item.fields[field.name], value = entry[field.name] || "";
        if (input.value !== value) input.value = value;
        input.disabled = readOnly;
      });
      self.markEmpty(item);
    });
    this.updateProgress(true);
    this.showChanges();
    this.showBlocked();
  };

  KitChecklist.prototype.markEmpty = function (item) {
    FIELDS.forEach(function (field) {
      item.fields[field.name].parentNode.toggleAttribute("data-vide", !item.fields[field.name].value);
    });
  };

  KitChecklist.prototype.updateProgress = function (quiet) {
    var done = this.items.filter(function (item) { return item.box.checked; }).length;
    var text = done + " sur " + this.items.length + (done > 1 ? " faits" : " fait");
    this.progress.value = done;
    this.progress.setAttribute("aria-valuetext", text);
    // The live region speaks only when the reader changes something.
    if (quiet) this.count.setAttribute("aria-live", "off");
    this.count.textContent = text;
    if (quiet) {
      var count = this.count;
      setTimeout(function () { count.setAttribute("aria-live", "polite"); }, 0);
    }
  };

  KitChecklist.prototype.showBlocked = function () {
    this.alert.textContent = [this.blocked, this.error].filter(Boolean).join(" ");
    this.alert.hidden = !this.alert.textContent;
  };

  // Items added to the sheet since progress was saved are « nouveau » until
  // seen; items removed keep their saved entries, offered in exports.
  KitChecklist.prototype.showChanges = function () {
    var self = this, record = this.record;
    this.items.forEach(function (item) {
      var badge = item.li.querySelector(".kit-checklist__nouveau");
      var isNew = !!record && !self.shared && record.connus.indexOf(item.id) < 0;
      if (isNew && !badge && item.label) {
        item.label.appendChild(el("span", { "class": "kit-checklist__nouveau" }, "nouveau"));
        self.watchSeen(item);
      } else if (!isNew && badge && !item.seenThisVisit) {
        badge.remove();
      }
    });
    this.notice.textContent = "";
    if (!record || this.shared) { this.notice.hidden = true; return; }
    var added = this.ids.filter(function (id) { return record.connus.indexOf(id) < 0; });
    var removed = record.connus.filter(function (id) { return self.ids.indexOf(id) < 0; });
    if (!added.length && !removed.length) { this.notice.hidden = true; return; }
    var parts = [];
    if (added.length) {
      parts.push(plural(added.length, "élément nouveau", "éléments nouveaux") +
        (added.length > 1 ? " (marqués" : " (marqué") + " « nouveau »)");
    }
    if (removed.length) {
      parts.push(plural(removed.length, "élément retiré", "éléments retirés") +
        " : ce que vous aviez noté est gardé et figure dans les exports, rubrique « éléments retirés »");
    }
    this.notice.appendChild(el("p", {}, "Cette liste a changé depuis l'enregistrement de votre progression : " +
      parts.join(" ; ") + "."));
    this.notice.appendChild(button("J'ai pris connaissance des changements", function () {
      self.ensureRecord().connus = self.ids.slice();
      self.save();
      self.items.forEach(function (item) { item.seenThisVisit = false; });
      self.showChanges();
    }));
    this.notice.hidden = false;
  };

  KitChecklist.prototype.watchSeen = function (item) {
    var self = this;
    if (!("IntersectionObserver" in window)) return;
    var observer = new IntersectionObserver(function (seen) {
      if (!seen.some(function (s) { return s.isIntersecting; })) return;
      observer.disconnect();
      // Seen now: the mark stays for this visit, not the next one.
      item.seenThisVisit = true;
      var record = self.ensureRecord();
      if (record.connus.indexOf(item.id) < 0) { record.connus.push(item.id); self.save(); }
    }, { threshold: 0.5 });
    observer.observe(item.li);
  };

  // Errors go to the alert, other news to the status.
  KitChecklist.prototype.say = function (message, isError) {
    this.status.textContent = isError ? "" : message;
    this.error = isError ? message : null;
    this.showBlocked();
  };

  /* Confirmation: a native modal dialog, keyboard and screen-reader friendly. */
  KitChecklist.prototype.confirm = function (question, yes) {
    if (typeof HTMLDialogElement !== "function") return Promise.resolve(window.confirm(question));
    var id = "kit-confirmation-" + this.fiche + "-" + this.liste;
    var dialog = el("dialog", { "class": "kit-checklist__dialogue", "aria-labelledby": id });
    var form = el("form", { method: "dialog" });
    form.appendChild(el("p", { id: id }, question));
    var ok = el("button", { value: "oui", "class": "md-button md-button--primary" }, yes);
    var no = el("button", { value: "non", "class": "md-button", autofocus: "" }, "Annuler");
    form.appendChild(ok);
    form.appendChild(no);
    dialog.appendChild(form);
    document.body.appendChild(dialog);
    dialog.showModal();
    return new Promise(function (resolve) {
      dialog.addEventListener("close", function () {
        resolve(dialog.returnValue === "oui");
        dialog.remove();
      });
    });
  };

  KitChecklist.prototype.hasProgress = function () {
    return !!this.record && Object.keys(this.record.elements).length > 0;
  };

  KitChecklist.prototype.reset = function () {
    var self = this;
    this.confirm("Effacer toutes les coches, responsables, échéances et notes de la liste « " + this.titre +
      " », y compris celles des éléments retirés ? Pensez à l'exporter avant si vous voulez la garder.",
      "Tout effacer").then(function (yes) {
      if (!yes) return;
      self.closeShare();
      self.record = { v: VERSION, connus: self.ids.slice(), elements: {} };
      self.save();
      self.render();
      self.say("La liste a été effacée.");
    });
  };

  // An import replaces the entries of the current items; saved entries of
  // removed items are never dropped by it.
  KitChecklist.prototype.replaceWith = function (entries) {
    var self = this, old = this.record ? this.record.elements : {};
    Object.keys(old).forEach(function (id) {
      if (!entries[id] && self.ids.indexOf(id) < 0) entries[id] = old[id];
    });
    this.items.forEach(function (item) {
      if (entries[item.id]) entries[item.id].texte = item.texte;
    });
    Object.keys(entries).forEach(function (id) { if (isEmpty(entries[id])) delete entries[id]; });
    this.record = { v: VERSION, connus: this.ids.slice(), elements: entries };
    this.closeShare();
    this.save();
    this.render();
  };

  KitChecklist.prototype.importFile = function (file) {
    var self = this;
    if (file.size > MAX_FILE) return this.say("Ce fichier est trop gros pour être un export de liste : rien n'a été modifié.", true);
    file.text().then(function (text) {
      var data;
      try { data = JSON.parse(text); } catch (error) {
        throw new Error("Ce fichier n'est pas un fichier JSON lisible : rien n'a été modifié.");
      }
      var entries = validate(data, self.fiche, self.liste);
      var ask = self.hasProgress() ? self.confirm("Remplacer votre progression sur la liste « " + self.titre +
        " » par celle du fichier « " + file.name + " » ?", "Remplacer") : Promise.resolve(true);
      return ask.then(function (yes) {
        if (!yes) return self.say("Import annulé : rien n'a été modifié.");
        self.replaceWith(entries);
        self.say("Fichier importé : " + self.count.textContent + ".");
      });
    }).catch(function (error) { self.say(error.message, true); });
  };

  /* Exports */

  KitChecklist.prototype.rows = function () {
    var entries = this.entries(), self = this;
    var rows = this.items.map(function (item) {
      var entry = entries[item.id] || {};
      return { id: item.id, texte: item.texte, fait: !!entry.fait, responsable: entry.responsable || "",
        echeance: entry.echeance || "", note: entry.note || "", retire: false };
    });
    Object.keys(entries).forEach(function (id) {
      if (self.ids.indexOf(id) >= 0) return;
      var entry = entries[id];
      rows.push({ id: id, texte: entry.texte || id, fait: !!entry.fait, responsable: entry.responsable || "",
        echeance: entry.echeance || "", note: entry.note || "", retire: true });
    });
    return rows;
  };

  KitChecklist.prototype.exportDocument = function () {
    return { format: FORMAT, version: VERSION,
      fiche: { id: this.fiche, titre: this.ficheTitre }, liste: { id: this.liste, titre: this.titre },
      exporte_le: new Date().toISOString(), adresse: location.href.split("#")[0], elements: this.rows() };
  };

  KitChecklist.prototype.exportAs = function (kind) {
    var rows = this.rows(), name = this.fiche + "_" + this.liste + "_" + today();
    if (kind === "json") {
      download(name + ".json", "application/json", JSON.stringify(this.exportDocument(), null, 2) + "\n");
    } else if (kind === "csv") {
      var lines = [["Fiche", "Liste", "Élément", "Fait", "Responsable", "Échéance", "Note", "Identifiant", "État"]];
      rows.forEach(function (r) {
        lines.push([this.ficheTitre, this.titre, r.texte, r.fait ? "oui" : "non", r.responsable, r.echeance,
          r.note, r.id, r.retire ? "élément retiré" : ""]);
      }, this);
      var csv = lines.map(function (line) { return line.map(csvCell).join(";"); }).join("\r\n") + "\r\n";
      download(name + ".csv", "text/csv;charset=utf-8", "\uFEFF" + csv);
    } else {
      var current = rows.filter(function (r) { return !r.retire; });
      var removed = rows.filter(function (r) { return r.retire; });
      var md = ["# " + this.ficheTitre + " — " + this.titre, "",
        "Exporté le " + frenchDate(today()) + " : " + this.count.textContent + ".", ""];
      var item = function (r) {
        md.push("- [" + (r.fait ? "x" : " ") + "] " + r.texte);
        if (r.responsable) md.push("  - Responsable : " + r.responsable);
        if (r.echeance) md.push("  - Échéance : " + frenchDate(r.echeance));
        if (r.note) md.push("  - Note : " + r.note);
      };
      current.forEach(item);
      if (removed.length) {
        md.push("", "## Éléments retirés", "", "Ces éléments ne figurent plus sur la fiche ; ce que vous aviez noté est gardé.", "");
        removed.forEach(item);
      }
      download(name + ".md", "text/markdown;charset=utf-8", md.join("\n") + "\n");
    }
    this.say("Fichier « " + name + "." + kind + " » téléchargé.");
  };

  /* Sharing by link: the state lives in the fragment, never sent to a server. */

  KitChecklist.prototype.copyLink = function () {
    var compact = this.rows().filter(function (r) { return r.fait || r.responsable || r.echeance || r.note; })
      .map(function (r) {
        var row = [r.id, r.fait ? 1 : 0, r.responsable, r.echeance, r.note];
        if (r.retire) row.push(r.texte);
        return row;
      });
    var link = location.href.split("#")[0] + "#" + SHARE +
      toBase64Url(JSON.stringify([VERSION, this.fiche, this.liste, compact]));
    this.linkField.value = link;
    this.linkField.hidden = this.linkLabel.hidden = false;
    var self = this;
    var done = function () { self.say("Lien copié : il contient l'état de la liste, envoyez-le à qui vous voulez."); };
    var manual = function () {
      self.linkField.focus();
      self.linkField.select();
      self.say("Copiez le lien affiché ci-dessous (Ctrl+C).");
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(link).then(done, manual);
    else manual();
  };

  KitChecklist.prototype.readShareLink = function () {
    var hash = location.hash.slice(1);
    if (hash.indexOf(SHARE) !== 0) return;
    var data;
    try {
      data = JSON.parse(fromBase64Url(hash.slice(SHARE.length)));
    } catch (error) {
      if (this.node === document.querySelector('[data-module="kit-checklist"]')) this.say("Ce lien de partage est abîmé : il ne peut pas être lu.", true);
      return;
    }
    if (!Array.isArray(data) || data[1] !== this.fiche || data[2] !== this.liste) return;
    var self = this, rows = Array.isArray(data[3]) ? data[3] : null;
    try {
      this.shared = validate({ format: FORMAT, version: data[0], fiche: { id: data[1] }, liste: { id: data[2] },
        elements: rows && rows.map(function (row) {
          return Array.isArray(row) ? { id: row[0], fait: row[1] === 1, responsable: row[2], echeance: row[3],
            note: row[4], texte: row[5] } : null;
        }) }, this.fiche, this.liste);
    } catch (error) {
      return this.say("Ce lien de partage ne peut pas être ouvert : " + error.message, true);
    }
    var box = el("div", { "class": "kit-checklist__partage" });
    box.appendChild(el("p", {}, "Vous voyez l'état de cette liste partagé par un lien. " +
      (this.hasProgress() ? "Votre propre progression est gardée tant que vous ne la remplacez pas."
        : "Enregistrez-le pour le retrouver et le compléter.")));
    var close = function (keep) {
      if (keep) { self.replaceWith(self.shared); self.say("L'état partagé est maintenant votre progression."); }
      else { self.closeShare(); self.render(); self.say("Vous retrouvez votre propre progression."); }
    };
    box.appendChild(button(this.hasProgress() ? "Remplacer ma progression par cet état" : "Enregistrer cet état",
      function () { close(true); }));
    box.appendChild(button(this.hasProgress() ? "Garder ma progression" : "Ne pas l'enregistrer",
      function () { close(false); }));
    this.node.insertBefore(box, this.notice);
    this.shareBox = box;
    setTimeout(function () { self.node.scrollIntoView(); }, 0);
  };

  // Leaves the shared view: the link's state is no longer shown nor in the address.
  KitChecklist.prototype.closeShare = function () {
    if (!this.shareBox) return;
    this.shareBox.remove();
    this.shareBox = this.shared = null;
    history.replaceState(history.state, "", location.href.split("#")[0]);
  };

  // Another tab saved, or the page came back from the back-forward cache.
  KitChecklist.prototype.resync = function () {
    this.load();
    this.render();
  };

  function start() {
    live = live.filter(function (checklist) { return checklist.node.isConnected; });
    document.querySelectorAll('[data-module="kit-checklist"]').forEach(function (node) {
      if (node.kitChecklist) return;
      node.kitChecklist = new KitChecklist(node);
      live.push(node.kitChecklist);
    });
  }

  window.addEventListener("storage", function (event) {
    live.forEach(function (checklist) {
      if (event.key === null || event.key === checklist.key) checklist.resync();
    });
  });
  // Back in history, the browser restores the boxes as they were when the page
  // was left (after this script ran), or the whole page from its back-forward
  // cache: either way, storage may say otherwise since.
  window.addEventListener("pageshow", function () {
    live.forEach(function (checklist) { checklist.resync(); });
  });

  // Material's instant navigation swaps pages without reloading scripts: its
  // document$ observable says when a new page is in place.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
