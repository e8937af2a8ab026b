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
    { name: "note", label: "Note", type: "textarea" }
  ];
  var OPEN_DETAILS = "Ajouter des précisions", CLOSE_DETAILS = "Masquer les précisions";

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

  // The printed footer: address and date.
  var footer = null;
  function printFooter() {
    if (!("adoptedStyleSheets" in document) || typeof CSSStyleSheet !== "function") return;
    if (!footer) {
      footer = new CSSStyleSheet();
      document.adoptedStyleSheets = document.adoptedStyleSheets.concat([footer]);
    }
    // JSON quoting is valid CSS for these two strings.
    var printed = "Imprimé le " + codec.frenchDate(codec.localDate(new Date()));
    footer.replaceSync("@media print { @page { @bottom-left { content: " + JSON.stringify(pageAddress()) +
      "; font: 8pt sans-serif } @bottom-right { content: " + JSON.stringify(printed) + "; font: 8pt sans-serif } } }");
  }

  function printPage(blank) {
    var root = document.documentElement;
    printFooter();
    root.classList.toggle("kit-impression-vierge", blank);
    var done = function () {
      root.classList.remove("kit-impression-vierge");
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
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
      var group = el("div", { "class": "kit-checklist__champs", id: "kit-precisions-" + item.id, hidden: "" });
      item.toggle = el("button", { type: "button", "class": "kit-checklist__precisions", "aria-expanded": "false",
        "aria-controls": group.id, title: OPEN_DETAILS });
      item.toggle.appendChild(el("span", { "class": "kit-checklist__signe", "aria-hidden": "true" }, "+"));
      item.toggleText = el("span", { "class": "kit-checklist__precisions-texte" }, OPEN_DETAILS);
      item.toggle.appendChild(item.toggleText);
      if (item.label) item.toggle.setAttribute("aria-describedby", item.label.id);
      item.toggle.addEventListener("click", function () { self.showDetails(item, !item.open); });
      FIELDS.forEach(function (field) {
        var id = "kit-" + field.name + "-" + item.id; // "kit-" ids are never content ids
        var wrap = el("span", { "class": "kit-checklist__champ" });
        var input = field.type === "textarea" ? el("textarea", { rows: "2" }) : el("input", { type: field.type });
        [["id", id], ["name", id], ["data-champ", field.name], ["maxlength", String(codec.MAX_TEXT)]]
          .forEach(function (pair) { input.setAttribute(pair[0], pair[1]); });
        if (item.label) input.setAttribute("aria-describedby", item.label.id);
        if (field.name === "responsable") input.setAttribute("autocomplete", "name");
        wrap.appendChild(el("label", { "for": id }, field.label));
        wrap.appendChild(input);
        group.appendChild(wrap);
        item.fields[field.name] = input;
        input.addEventListener("input", function () { self.edit(item); });
      });
      var paper = item.li.querySelector(".kit-checklist__papier");
      item.paper = {};
      FIELDS.forEach(function (field) {
        item.paper[field.name] = paper && paper.querySelector('[data-papier="' + field.name + '"] .kit-checklist__papier-valeur');
      });
      item.li.insertBefore(item.toggle, paper);
      item.li.insertBefore(group, paper);
      item.box.addEventListener("change", function () { self.edit(item); });
    });

    var tools = el("details", { "class": "kit-checklist__outils" });
    tools.appendChild(el("summary", { "class": "kit-checklist__resume" }, "Enregistrer, imprimer ou partager"));
    tools.appendChild(el("p", { "class": "kit-checklist__explication" }, "Votre liste remplie reste dans ce " +
      "navigateur : ces boutons l'emportent. La liste vierge s'imprime ici ou se télécharge en dessous."));
    var filled = el("div", { "class": "kit-checklist__groupe" });
    filled.appendChild(button("Enregistrer une copie (fichier)", function () { self.exportAs("json"); }));
    this.picker = el("input", { type: "file", accept: ".json,application/json", hidden: "", tabindex: "-1",
      "aria-hidden": "true", id: base + "-fichier" });
    this.picker.addEventListener("change", function () {
      if (self.picker.files[0]) self.importFile(self.picker.files[0]);
      self.picker.value = "";
    });
    filled.appendChild(this.picker);
    filled.appendChild(button("Ouvrir une copie", function () { self.picker.click(); }));
    filled.appendChild(button("Tableur (CSV)", function () { self.exportAs("csv"); }));
    filled.appendChild(button("Texte", function () { self.exportAs("md"); }));
    filled.appendChild(button("Copier un lien", function () { self.copyLink(); }));
    filled.appendChild(button("Imprimer", function () { printPage(false); }));
    filled.appendChild(button("Imprimer la liste vierge", function () { printPage(true); }));
    filled.appendChild(button("Tout effacer", function () { self.reset(); }));
    tools.appendChild(filled);
    this.linkField = el("input", { type: "text", readonly: "", "class": "kit-checklist__lien", hidden: "",
      id: base + "-lien" });
    this.linkLabel = el("label", { "for": base + "-lien", hidden: "" }, "Lien vers l'état de cette liste");
    tools.appendChild(this.linkLabel);
    tools.appendChild(this.linkField);
    // The blank list's files, written under the list for readers without
    // JavaScript, join the other actions: one folded row per list.
    var blank = node.nextElementSibling;
    if (blank && blank.classList.contains("kit-telechargements")) tools.appendChild(blank);
    tools.appendChild(el("p", { "class": "kit-checklist__astuce" },
      "Vous pouvez aussi glisser ici une copie enregistrée pour l'ouvrir."));
    // Outside the folded actions, so news shows.
    this.status = el("p", { "class": "kit-checklist__etat", role: "status" });
    node.appendChild(tools);
    node.appendChild(this.status);

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
    this.showDetails(item, item.open);
    this.updateProgress();
  };

  // Shown on demand, and for good once filled.
  Checklist.prototype.showDetails = function (item, open) {
    var filled = FIELDS.some(function (field) { return !!item.fields[field.name].value; });
    item.open = open || filled;
    item.fields.responsable.parentNode.parentNode.hidden = !item.open;
    item.toggle.hidden = filled;
    item.toggle.setAttribute("aria-expanded", String(item.open));
    item.toggleText.textContent = item.toggle.title = item.open ? CLOSE_DETAILS : OPEN_DETAILS;
    item.toggle.firstChild.textContent = item.open ? "−" : "+";
  };

  /* Display */

  Checklist.prototype.render = function () {
    var entries = this.entries(), self = this, readOnly = !!this.shared;
    this.node.classList.toggle("kit-checklist--partage", readOnly);
    this.items.forEach(function (item) {
      var entry = codec.entryOf(entries, item.id) || {};
      item.box.checked = !!entry.fait;
      item.box.disabled = readOnly;
      FIELDS.forEach(function (field) {
        var input = item.fields[field.name], value = entry[field.name] || "";
        if (input.value !== value) input.value = value;
        // Read-only, not disabled: legible.
        input.readOnly = readOnly;
      });
      self.markEmpty(item);
      self.showDetails(item, false);
    });
    this.updateProgress(true);
    this.showChanges();
    this.showBlocked();
  };

  // Also the printed copy of each value.
  Checklist.prototype.markEmpty = function (item) {
    FIELDS.forEach(function (field) {
      var value = item.fields[field.name].value;
      item.fields[field.name].parentNode.toggleAttribute("data-vide", !value);
      var paper = item.paper[field.name];
      if (!paper) return;
      paper.textContent = field.name === "echeance" ? codec.frenchDate(value) : value;
      paper.parentNode.toggleAttribute("data-vide", !value);
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
    var self = this, mine = this.hasProgress();
    var box = el("div", { "class": "kit-checklist__partage" });
    box.appendChild(el("p", { "class": "kit-checklist__partage-titre" }, "Copie partagée par un lien"));
    box.appendChild(el("p", {}, "Vous voyez la liste remplie par la personne qui vous a envoyé ce lien. " + (mine
      ? "Votre propre liste reste gardée tant que vous ne la remplacez pas."
      : "« Enregistrer cette copie » la garde dans ce navigateur pour la compléter.")));
    var removed = codec.removedNotice(this.shared, this.ids, "Le lien");
    if (removed) box.appendChild(el("p", {}, removed));
    var close = function (keep) {
      if (keep) { self.replaceWith(self.shared); self.say("La copie partagée est maintenant votre liste."); }
      else { self.closeShare(); self.render(); self.say("Vous retrouvez votre propre liste."); }
    };
    box.appendChild(button(mine ? "Remplacer ma liste par cette copie" : "Enregistrer cette copie",
      function () { close(true); }));
    box.appendChild(button(mine ? "Revenir à ma liste" : "Ne pas l'enregistrer",
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
    if (document.querySelector('[data-module="kit-checklist"]')) printFooter();
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
  window.addEventListener("beforeprint", printFooter);
  window.addEventListener("pageshow", function () {
    live.forEach(function (checklist) { checklist.resync(); });
  });

  // Material's instant navigation swaps pages without reloading scripts: its
  // document$ observable says when a new page is in place.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
