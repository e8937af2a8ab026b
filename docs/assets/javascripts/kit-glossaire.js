/*
 * A glossary tooltip (kitoutils/pages/glossary.py, kit-glossaire.css) is
 * dismissed with Escape, without moving the pointer or the focus (WCAG 1.4.13,
 * RGAA 10.13). It shows again once the term is left and reached anew.
 */
"use strict";

(function () {
  const CLOSED = "kit-terme--ferme";

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const term of document.querySelectorAll(".kit-terme:hover, .kit-terme:focus-within")) {
      term.classList.add(CLOSED);
    }
  });

  const reopen = (event) => {
    const term = event.target.closest && event.target.closest(".kit-terme");
    if (term && !term.contains(event.relatedTarget)) term.classList.remove(CLOSED);
  };
  document.addEventListener("mouseout", reopen);
  document.addEventListener("focusout", reopen);
})();
