// Announces htmx updates to screen readers (WCAG 4.1.3 Status messages).
// A region swapped in whole (hx-swap="outerHTML") is a new element, and screen readers do not read a live
// region that has just been inserted; so a persistent, visually hidden role="status" region in base.html says
// briefly that the results changed. A swap into an element that is itself a live region is read by the reader
// already and needs no second message.
(function () {
  "use strict";

  var status = document.getElementById("htmx-status");
  if (!status) {
    return;
  }

  function swapStyle(detail) {
    var source = detail.requestConfig && detail.requestConfig.elt ? detail.requestConfig.elt : detail.elt;
    var swap = source && source.closest ? source.closest("[hx-swap]") : null;
    return swap ? swap.getAttribute("hx-swap") : "innerHTML";
  }

  document.body.addEventListener("htmx:afterSettle", function (event) {
    var detail = event.detail || {};
    var target = detail.target;
    var replaced = swapStyle(detail).indexOf("outerHTML") === 0;
    if (!replaced && target && target.closest && target.closest("[aria-live], [role='status']")) {
      return;
    }
    // The new results' heading, when it counts them ("3 notices"), says more than "updated" alone.
    var current = target && target.id ? document.getElementById(target.id) : null;
    var heading = current ? current.querySelector("h2, h3") : null;
    var count = heading && /\d/.test(heading.textContent) ? " " + heading.textContent.replace(/\s+/g, " ").trim() : "";
    // Emptying first makes the same message count as new when the person filters twice.
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = status.dataset.message + count;
    }, 100);
  });
})();
