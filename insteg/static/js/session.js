// Warns a signed-in person before their session ends (WCAG 2.2.1 Timing adjustable).
// The server says how many seconds are left (data- attributes on #session-clock); two minutes before the idle
// limit a dialog offers to continue (a request that starts the idle clock again) or to sign out; before the
// absolute limit, which cannot be extended, it asks the person to save their work. Other tabs of the same site
// share what they learn through localStorage, so activity in one tab keeps the others from warning.
(function () {
  "use strict";

  var clock = document.getElementById("session-clock");
  if (!clock || typeof HTMLDialogElement === "undefined") {
    return;
  }
  var STORAGE_KEY = "insteg-session-ends";
  var idleWarning = Number(clock.dataset.idleWarningSeconds) * 1000;
  var absoluteWarning = Number(clock.dataset.absoluteWarningSeconds) * 1000;
  var dialogs = {
    idle: document.getElementById("session-idle-warning"),
    absolute: document.getElementById("session-absolute-warning"),
    ended: document.getElementById("session-ended"),
  };
  var loadedAt = Date.now();
  var ends = {
    idle: loadedAt + Number(clock.dataset.idleSeconds) * 1000,
    absolute: loadedAt + Number(clock.dataset.absoluteSeconds) * 1000,
  };
  var shown = { idle: false, absolute: false, ended: false };
  var returnFocusTo = null;

  function share() {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(ends));
    } catch (error) {
      // Private browsing may refuse storage; each tab then keeps its own clock.
    }
  }

  function formatTime(moment) {
    var language = document.documentElement.lang || undefined;
    return new Date(moment).toLocaleTimeString(language, { hour: "2-digit", minute: "2-digit" });
  }

  function open(kind) {
    var dialog = dialogs[kind];
    Object.keys(dialogs).forEach(function (other) {
      if (other !== kind && dialogs[other].open) {
        dialogs[other].close();
      }
    });
    if (dialog.open) {
      return;
    }
    var end = kind === "absolute" ? ends.absolute : ends.idle;
    dialog.querySelectorAll("[data-session-end]").forEach(function (element) {
      element.textContent = formatTime(end);
    });
    if (!returnFocusTo) {
      returnFocusTo = document.activeElement;
    }
    shown[kind] = true;
    dialog.showModal();
  }

  function close(kind) {
    if (dialogs[kind].open) {
      dialogs[kind].close();
    }
    if (returnFocusTo && typeof returnFocusTo.focus === "function") {
      returnFocusTo.focus();
    }
    returnFocusTo = null;
  }

  function check() {
    var now = Date.now();
    if (now >= ends.absolute || now >= ends.idle) {
      if (!shown.ended) {
        open("ended");
      }
      return;
    }
    if (ends.absolute - now <= absoluteWarning && ends.absolute <= ends.idle + idleWarning) {
      if (!shown.absolute) {
        open("absolute");
      }
      return;
    }
    if (ends.idle < ends.absolute && ends.idle - now <= idleWarning) {
      if (!shown.idle) {
        open("idle");
      }
    }
  }

  function learn(remaining) {
    var now = Date.now();
    ends.idle = now + remaining.idle * 1000;
    ends.absolute = now + remaining.absolute * 1000;
    shown.idle = false;
    share();
  }

  function keepAlive() {
    return fetch(clock.dataset.keepaliveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": clock.dataset.csrfToken, Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("session ended");
        }
        return response.json();
      })
      .then(function (remaining) {
        learn(remaining);
        close("idle");
        check();
      })
      .catch(function () {
        ends.idle = Date.now();
        open("ended");
      });
  }

  dialogs.idle.querySelector("[data-session-continue]").addEventListener("click", keepAlive);
  // Escape in the idle warning means "not now, I am still here": the same as Continue.
  dialogs.idle.addEventListener("cancel", function (event) {
    event.preventDefault();
    keepAlive();
  });
  dialogs.absolute.querySelector("[data-session-close]").addEventListener("click", function () {
    close("absolute");
  });
  dialogs.absolute.addEventListener("cancel", function () {
    returnFocusTo = null;
  });
  dialogs.ended.addEventListener("cancel", function (event) {
    event.preventDefault();
  });

  // An htmx request reaches the server, which starts its idle clock again (to within a minute).
  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail && event.detail.successful) {
      ends.idle = Math.min(ends.absolute, Math.max(ends.idle, Date.now() + Number(clock.dataset.idleLimitSeconds) * 1000 - 60000));
      shown.idle = false;
      share();
    }
  });

  window.addEventListener("storage", function (event) {
    if (event.key !== STORAGE_KEY || !event.newValue) {
      return;
    }
    try {
      var other = JSON.parse(event.newValue);
      if (other.idle > ends.idle) {
        ends.idle = other.idle;
        shown.idle = false;
        if (dialogs.idle.open) {
          close("idle");
        }
      }
    } catch (error) {
      // Another version of the page wrote something else; ignore it.
    }
  });

  document.addEventListener("visibilitychange", check);
  share();
  window.setInterval(check, 5000);
})();
