/* Checklists a reader fills in, keeps, exports, imports, shares and prints:
 * the page side (DOM, dialog, events), over codec.js and storage.js, which
 * are loaded before it.
 *
 * The server-rendered markup says what a checklist contains (sheet, list and
 * item ids, item texts); this script only adds the reader's state. One
 * Checklist per [data-module="kit-checklist"]. Every text coming from a file,
 * a link or storage is set with textContent or value, never parsed as HTML.
 */
(function () {
  "use strict";

  var codec = window.KitChecklist.codec;
  var storage = window.KitChecklist.storage;
  var MAX_FILE = 1000000;

  // This script's own address gives the site's root (it lives in assets/javascripts/checklist/).
  var script = document.currentScript;
  var ROOT = script && script.src ? new URL("../../..", script.src).pathname : "/";

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

  function download(file) {
    var url = URL.createObjectURL(new Blob([file.content], { type: file.type }));
    var link = el("a", { href: url, download: file.name });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function pageAddress() {
    return location.href.split("#")[0];
  }

  var live = [];

  function Checklist(node) {
    this.node = node;
    this.fiche = node.dataset.fiche;
    this.liste = node.dataset.liste;
    this.titre = node.dataset.titre || this.liste;
    this.ficheTitre = node.dataset.ficheTitre || this.fiche;
    this.list = { fiche: this.fiche, liste: this.liste, titre: this.titre, ficheTitre: this.ficheTitre };
    this.key = storage.keyFor(ROOT, this.fiche, this.liste);
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

  Checklist.prototype.build = function () {
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
          maxlength: String(codec.MAX_TEXT) });
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

  Checklist.prototype.load = function () {
    // Changes that could not be written live only on this page: keep showing them.
    if (this.unsaved) return;
    var saved = storage.load(window, this.key);
    this.record = saved.record;
    this.blocked = saved.blocked;
  };

  // Every change is tried: a storage full a moment ago may have room again.
  Checklist.prototype.save = function () {
    this.unsaved = true;
    if (this.blocked) return;
    this.writeError = storage.save(window, this.key, this.record, new Date());
    this.unsaved = !!this.writeError;
    this.showBlocked();
  };

  Checklist.prototype.entries = function () {
    return this.shared || (this.record ? this.record.elements : {});
  };

  Checklist.prototype.ensureRecord = function () {
    if (!this.record) this.record = storage.emptyRecord(this.ids);
    return this.record;
  };

  Checklist.prototype.edit = function (item) {
    var entry = { fait: item.box.checked, texte: item.texte };
    FIELDS.forEach(function (field) { entry[field.name] = item.fields[field.name].value; });
    storage.setEntry(this.ensureRecord(), item.id, entry);
    this.save();
    this.markEmpty(item);
    this.updateProgress();
  };

  /* Display */

  Checklist.prototype.render = function () {
    var entries = this.entries(), self = this, readOnly = !!this.shared;
    this.items.forEach(function (item) {
      var entry = codec.entryOf(entries, item.id) || {};
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

  Checklist.prototype.markEmpty = function (item) {
    FIELDS.forEach(function (field) {
      item.fields[field.name].parentNode.toggleAttribute("data-vide", !item.fields[field.name].value);
    });
  };

  Checklist.prototype.updateProgress = function (quiet) {
    var done = this.items.filter(function (item) { return item.box.checked; }).length;
    var text = codec.progressText(done, this.items.length);
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

  Checklist.prototype.showBlocked = function () {
    this.alert.textContent = [this.blocked, this.writeError, this.error].filter(Boolean).join(" ");
    this.alert.hidden = !this.alert.textContent;
  };

  // Items added to the sheet since progress was saved are « nouveau » until
  // seen; items removed keep their saved entries, offered in exports.
  Checklist.prototype.showChanges = function () {
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
    var changed = storage.changes(record, this.ids);
    var added = changed.added.length, removed = changed.removed.length;
    if (!added && !removed) { this.notice.hidden = true; return; }
    var parts = [];
    if (added) {
      parts.push(codec.plural(added, "élément nouveau", "éléments nouveaux") +
        (added > 1 ? " (marqués" : " (marqué") + " « nouveau »)");
    }
    if (removed) {
      parts.push(codec.plural(removed, "élément retiré", "éléments retirés") +
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

  Checklist.prototype.watchSeen = function (item) {
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
  Checklist.prototype.say = function (message, isError) {
    this.status.textContent = isError ? "" : message;
    this.error = isError ? message : null;
    this.showBlocked();
  };

  /* Confirmation: a native modal dialog, keyboard and screen-reader friendly. */
  Checklist.prototype.confirm = function (question, yes) {
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

  Checklist.prototype.hasProgress = function () {
    return !!this.record && Object.keys(this.record.elements).length > 0;
  };

  Checklist.prototype.reset = function () {
    var self = this;
    this.confirm("Effacer toutes les coches, responsables, échéances et notes de la liste « " + this.titre +
      " », y compris celles des éléments retirés ? Pensez à l'exporter avant si vous voulez la garder.",
      "Tout effacer").then(function (yes) {
      if (!yes) return;
      self.closeShare();
      self.record = storage.emptyRecord(self.ids);
      self.save();
      self.render();
      self.say("La liste a été effacée.");
    });
  };

  Checklist.prototype.replaceWith = function (entries) {
    this.record = storage.mergeImport(this.record, entries, this.items);
    this.closeShare();
    this.save();
    this.render();
  };

  Checklist.prototype.importFile = function (file) {
    var self = this;
    if (file.size > MAX_FILE) return this.say("Ce fichier est trop gros pour être un export de liste : rien n'a été modifié.", true);
    file.text().then(function (text) {
      var entries = codec.parseImport(text, self.fiche, self.liste, self.ids);
      var ask = self.hasProgress() ? self.confirm("Remplacer votre progression sur la liste « " + self.titre +
        " » par celle du fichier « " + file.name + " » ?", "Remplacer") : Promise.resolve(true);
      return ask.then(function (yes) {
        if (!yes) return self.say("Import annulé : rien n'a été modifié.");
        self.replaceWith(entries);
        self.say(["Fichier importé : " + self.count.textContent + ".",
          codec.removedNotice(entries, self.ids, "Le fichier")].join(" ").trim());
      });
    }).catch(function (error) { self.say(error.message, true); });
  };

  Checklist.prototype.rows = function () {
    return codec.rows(this.items, this.entries());
  };

  Checklist.prototype.exportAs = function (kind) {
    var file = codec.exportFile(kind, this.list, this.rows(), new Date(), pageAddress());
    download(file);
    this.say("Fichier « " + file.name + " » téléchargé.");
  };

  /* Sharing by link: the state lives in the fragment, never sent to a server. */

  Checklist.prototype.copyLink = function () {
    var link = codec.shareLink(pageAddress(), this.list, this.rows());
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

  Checklist.prototype.readShareLink = function () {
    var payload;
    try {
      payload = codec.readShareHash(location.hash.slice(1));
    } catch (error) {
      // A damaged link is reported once, by the page's first checklist.
      if (this.node === document.querySelector('[data-module="kit-checklist"]')) this.say(error.message, true);
      return;
    }
    try {
      this.shared = codec.sharedEntries(payload, this.fiche, this.liste, this.ids);
    } catch (error) {
      return this.say(error.message, true);
    }
    if (!this.shared) return;
    var self = this;
    var box = el("div", { "class": "kit-checklist__partage" });
    box.appendChild(el("p", {}, "Vous voyez l'état de cette liste partagé par un lien. " +
      (this.hasProgress() ? "Votre propre progression est gardée tant que vous ne la remplacez pas."
        : "Enregistrez-le pour le retrouver et le compléter.")));
    var removed = codec.removedNotice(this.shared, this.ids, "Le lien");
    if (removed) box.appendChild(el("p", {}, removed));
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
  Checklist.prototype.closeShare = function () {
    if (!this.shareBox) return;
    this.shareBox.remove();
    this.shareBox = this.shared = null;
    history.replaceState(history.state, "", pageAddress());
  };

  // Another tab saved, or the page came back from the back-forward cache.
  Checklist.prototype.resync = function () {
    this.load();
    this.render();
  };

  function start() {
    live = live.filter(function (checklist) { return checklist.node.isConnected; });
    document.querySelectorAll('[data-module="kit-checklist"]').forEach(function (node) {
      if (node.kitChecklist) return;
      node.kitChecklist = new Checklist(node);
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
