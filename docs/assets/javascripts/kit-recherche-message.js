/*
 * The search's empty-result message says what was searched:
 * « Aucun résultat pour « mot » » rather than Material's fixed sentence.
 *
 * Material writes its message (docs/overrides/partials/languages/custom.html:
 * « Aucun résultat ») into .md-search-result__meta each time results come
 * back; this module completes it with the query as typed. The query is set
 * as text, never as HTML.
 */
"use strict";

(function () {
  const NONE = "Aucun résultat";

  function start() {
    const meta = document.querySelector(".md-search-result__meta");
    const input = document.querySelector("input.md-search__input");
    if (!meta || !input) return;
    const complete = () => {
      const query = input.value.trim();
      if (meta.textContent.trim() === NONE && query) {
        meta.textContent = `${NONE} pour «\u202f${query}\u202f»`;
      }
    };
    new MutationObserver(complete).observe(meta, { childList: true, characterData: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
