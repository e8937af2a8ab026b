/*
 * Phones: a sheet's text blocks show their first paragraph, and « Lire la
 * suite » unfolds the rest; « Voir aussi » lists the other sheets' titles, and
 * « Afficher les résumés » adds what each is about. A checklist is then a few
 * screens down rather than a dozen. Checklist items are never folded. Without
 * JavaScript, on a wider screen and on paper, everything shows.
 *
 * A text's rest is hidden="until-found": where the browser supports it,
 * finding a word in the page or following a link into it unfolds it
 * (elsewhere it is plainly hidden, and the button unfolds it).
 */
"use strict";

(function () {
  const PHONE = "screen and (max-width: 44.984375em)";
  const phone = window.matchMedia(PHONE);

  // A button that folds `controls`, described by the heading above `start`.
  function toggle(controls, start) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "kit-texte__lire";
    button.setAttribute("aria-controls", controls.id);
    // Several such buttons on a page: each says which section it unfolds.
    let heading = start.previousElementSibling;
    while (heading && !/^H[1-6]$/.test(heading.tagName)) heading = heading.previousElementSibling;
    if (heading && heading.id) button.setAttribute("aria-describedby", heading.id);
    return button;
  }

  function textFold(block, index) {
    const rest = [...block.children].slice(1);
    if (!rest.length) return null;
    const more = document.createElement("div");
    more.className = "kit-texte__suite";
    more.id = `kit-suite-${index}`;
    rest[0].before(more);
    more.append(...rest);
    const lead = block.firstElementChild;
    const fold = {
      button: toggle(more, block), labels: ["Lire la suite", "Replier le texte"],
      apply(folded) {
        if (folded) more.setAttribute("hidden", "until-found");
        else more.removeAttribute("hidden");
        // Folded, the button ends the first paragraph (« … Lire la suite »);
        // unfolded, it ends the text it folds back.
        move(fold.button, folded && lead.tagName === "P" ? lead : block);
      },
    };
    more.addEventListener("beforematch", () => { fold.open = true; show(fold); });
    return fold;
  }

  function summariesFold(list) {
    if (!list.querySelector(".kit-voir-aussi__resume")) return null;
    list.id = list.id || "kit-voir-aussi-liste";
    const fold = {
      button: toggle(list, list), labels: ["Afficher les résumés", "Masquer les résumés"],
      apply(folded) { list.classList.toggle("kit-voir-aussi--replie", folded); },
    };
    list.after(fold.button);
    return fold;
  }

  function move(button, place) {
    if (button.parentNode === place) return;
    const focused = document.activeElement === button;
    place.append(button);
    if (focused) button.focus();
  }

  function show(fold) {
    const folded = phone.matches && !fold.open;
    fold.apply(folded);
    fold.button.hidden = !phone.matches;
    fold.button.setAttribute("aria-expanded", String(!folded));
    fold.button.textContent = fold.labels[folded ? 0 : 1];
  }

  const content = document.querySelector(".md-content");
  if (!content) return;
  const folds = [...content.querySelectorAll(".kit-texte")].map(textFold);
  const related = content.querySelector("#kit-voir-aussi + ul");
  if (related) folds.push(summariesFold(related));
  const live = folds.filter(Boolean);
  live.forEach(fold => {
    fold.open = false;
    fold.button.addEventListener("click", () => { fold.open = !fold.open; show(fold); });
    show(fold);
  });
  phone.addEventListener("change", () => live.forEach(show));
})();
