/*
 * Phones: a sheet's text blocks show their first paragraph, and « Lire la
 * suite » unfolds the rest, so that a checklist is a few screens down rather
 * than a dozen. Checklist items are never folded. Without JavaScript, on a
 * wider screen and on paper, the whole text shows.
 *
 * The rest is hidden="until-found": where the browser supports it, finding a
 * word in the page or following a link into it unfolds it (elsewhere it is
 * plainly hidden, and the button unfolds it).
 */
"use strict";

(function () {
  const PHONE = "screen and (max-width: 44.984375em)";
  const OPEN = "Lire la suite", CLOSE = "Replier le texte";

  function mount(block, index) {
    const rest = [...block.children].slice(1);
    if (!rest.length) return null;
    const more = document.createElement("div");
    more.className = "kit-texte__suite";
    more.id = `kit-suite-${index}`;
    rest[0].before(more);
    more.append(...rest);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "kit-texte__lire";
    button.setAttribute("aria-controls", more.id);
    // Several « Lire la suite » on a page: each says which section it unfolds.
    const heading = block.previousElementSibling;
    if (heading && /^H[1-6]$/.test(heading.tagName) && heading.id) button.setAttribute("aria-describedby", heading.id);
    const fold = { block, lead: block.firstElementChild, more, button, open: false };
    button.addEventListener("click", () => { fold.open = !fold.open; show(fold); });
    more.addEventListener("beforematch", () => { fold.open = true; show(fold); });
    return fold;
  }

  function show(fold) {
    const folded = phone.matches && !fold.open;
    if (folded) fold.more.setAttribute("hidden", "until-found");
    else fold.more.removeAttribute("hidden");
    // Folded, the button ends the first paragraph (« … Lire la suite »);
    // unfolded, it ends the text it folds back.
    const place = folded && fold.lead.tagName === "P" ? fold.lead : fold.block;
    if (fold.button.parentNode !== place) {
      const focused = document.activeElement === fold.button;
      place.append(fold.button);
      if (focused) fold.button.focus();
    }
    fold.button.hidden = !phone.matches;
    fold.button.setAttribute("aria-expanded", String(!folded));
    fold.button.textContent = folded ? OPEN : CLOSE;
  }

  const phone = window.matchMedia(PHONE);
  const folds = [...document.querySelectorAll(".md-content .kit-texte")].map(mount).filter(Boolean);
  folds.forEach(show);
  phone.addEventListener("change", () => folds.forEach(show));
})();
