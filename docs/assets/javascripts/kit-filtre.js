/*
 * Home page filter: shows the sheets of one audience and/or one phase,
 * without reloading. Without JavaScript, the home page keeps its links to the
 * tag pages (publics/<id>/, phases/<id>/), which list the same sheets.
 *
 * Each sheet's card carries data-fiche, data-publics and data-phases (written
 * by kitoutils/templates/accueil.md.j2); the choices come from the links of the
 * fallback, so the vocabulary is said in one place only.
 */
"use strict";

(function () {
  const KINDS = [
    { kind: "publics", param: "public", label: "Public", all: "Tous les publics" },
    { kind: "phases", param: "phase", label: "Phase", all: "Toutes les phases" },
  ];

  function countText(shown, total) {
    if (shown === 0) return "Aucune fiche ne correspond : choisissez un autre public ou une autre phase.";
    return shown === 1 ? `1 fiche sur ${total}` : `${shown} fiches sur ${total}`;
  }

  function field(nav, spec) {
    const links = [...nav.querySelectorAll(`a[data-${spec.kind}]`)];
    const wrapper = document.createElement("div");
    wrapper.className = "kit-filtre__champ";
    const label = document.createElement("label");
    label.htmlFor = `kit-filtre-${spec.kind}`;
    label.textContent = spec.label;
    const select = document.createElement("select");
    select.id = label.htmlFor;
    select.name = spec.param;
    select.dataset.filtre = spec.kind;
    select.add(new Option(spec.all, ""));
    for (const link of links) select.add(new Option(link.textContent, link.dataset[spec.kind]));
    wrapper.append(label, select);
    return wrapper;
  }

  /* A phase's heading, description and grid go away when none of its sheets is shown. */
  function syncGroups(cards) {
    for (const grid of new Set(cards.map(card => card.closest(".kit-fiches")))) {
      const empty = [...grid.querySelectorAll(".kit-carte")].every(card => card.closest("li").hidden);
      grid.hidden = empty;
      for (let el = grid.previousElementSibling; el; el = el.previousElementSibling) {
        el.hidden = empty;
        if (el.tagName === "H2") break;
      }
    }
  }

  function mount(nav) {
    const cards = [...document.querySelectorAll(".kit-carte[data-fiche]")];
    if (!cards.length) return;
    const form = document.createElement("form");
    form.className = "kit-filtre__formulaire";
    form.setAttribute("aria-label", "Filtrer les fiches");
    const selects = KINDS.map(spec => {
      const wrapper = field(nav, spec);
      form.append(wrapper);
      return wrapper.querySelector("select");
    });
    const count = document.createElement("p");
    count.className = "kit-filtre__compte";
    count.setAttribute("role", "status");
    form.append(count);
    form.addEventListener("submit", event => event.preventDefault());
    nav.before(form);
    // One filter control: the form replaces the rows of links it was made from.
    nav.hidden = true;

    function apply() {
      let shown = 0;
      for (const card of cards) {
        const match = selects.every(select => !select.value ||
          card.dataset[select.dataset.filtre].split(" ").includes(select.value));
        card.closest("li").hidden = !match;
        if (match) shown += 1;
      }
      syncGroups(cards);
      count.textContent = countText(shown, cards.length);
      // The choice stays in the address, so it can be shared and survives a reload.
      const url = new URL(location.href);
      KINDS.forEach((spec, i) => selects[i].value ? url.searchParams.set(spec.param, selects[i].value)
                                                 : url.searchParams.delete(spec.param));
      history.replaceState(history.state, "", url);
    }

    const params = new URLSearchParams(location.search);
    KINDS.forEach((spec, i) => {
      const wanted = params.get(spec.param);
      if (wanted && [...selects[i].options].some(o => o.value === wanted)) selects[i].value = wanted;
      selects[i].addEventListener("change", apply);
    });
    apply();
  }

  document.querySelectorAll('[data-module="kit-filtre"]').forEach(mount);
})();
