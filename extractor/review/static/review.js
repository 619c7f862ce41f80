// extractor review page. Plain JavaScript, no dependencies.
// Article text and names arrive already escaped in the server's HTML; this script only ever
// writes text with textContent and toggles classes: it never builds HTML from data.
(function () {
  "use strict";

  const recordId = document.body.dataset.record;
  const msg = document.getElementById("msg");
  let msgTimer = null;

  function say(text, isError) {
    if (!msg) return;
    msg.textContent = text;
    msg.className = isError ? "error" : "";
    clearTimeout(msgTimer);
    msgTimer = setTimeout(function () { msg.textContent = ""; }, isError ? 7000 : 2500);
  }

  function navigate(which) {
    const link = document.querySelector('a[data-nav="' + which + '"]');
    if (link) window.location.href = link.href;
  }

  if (!recordId) {
    return; // the article list needs no script
  }

  const items = Array.from(document.querySelectorAll("li.item"));
  const doc = document.querySelector(".doc");
  let current = -1;

  function byId(id) {
    return items.findIndex(function (li) { return li.dataset.item === id; });
  }

  function layersOf(id) {
    return Array.from(doc.querySelectorAll('.hl[data-item="' + CSS.escape(id) + '"]'));
  }

  function select(index, scrollText) {
    if (!items.length) return;
    index = Math.max(0, Math.min(items.length - 1, index));
    if (current >= 0 && items[current]) {
      items[current].classList.remove("focus");
      layersOf(items[current].dataset.item).forEach(function (el) { el.classList.remove("active"); });
    }
    current = index;
    const li = items[current];
    li.classList.add("focus");
    li.focus({ preventScroll: true });
    li.scrollIntoView({ block: "nearest" });
    const layers = layersOf(li.dataset.item);
    layers.forEach(function (el) { el.classList.add("active"); });
    if (scrollText && layers.length) layers[0].scrollIntoView({ block: "center" });
  }

  function setStatus(li, data) {
    ["st-unreviewed", "st-accepted", "st-rejected", "st-corrected"].forEach(function (c) { li.classList.remove(c); });
    li.classList.add("st-" + data.status);
    li.querySelector('[data-role="status"]').textContent = data.summary;
    layersOf(li.dataset.item).forEach(function (el) {
      ["st-unreviewed", "st-accepted", "st-rejected", "st-corrected"].forEach(function (c) { el.classList.remove(c); });
      el.classList.add("st-" + data.status);
    });
  }

  async function send(li, payload) {
    payload.record_id = recordId;
    payload.item_id = li.dataset.item;
    li.setAttribute("aria-busy", "true");
    let response;
    try {
      response = await fetch("/api/decisions", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(payload),
        credentials: "same-origin",
      });
    } catch (err) {
      li.removeAttribute("aria-busy");
      say("Not saved: the review server does not answer. Is `extractor review` still running?", true);
      return null;
    }
    let data = null;
    try { data = await response.json(); } catch (err) { data = null; }
    li.removeAttribute("aria-busy");
    if (!response.ok || !data || !data.ok) {
      say("Not saved: " + ((data && data.error) || "HTTP " + response.status), true);
      return null;
    }
    setStatus(li, data);
    say(li.dataset.item + ": " + data.summary, false);
    return data;
  }

  function formOf(li) {
    return li.querySelector("form.fix");
  }

  function closeForms() {
    items.forEach(function (li) { const f = formOf(li); if (f) f.hidden = true; });
  }

  function openForm(li) {
    const form = formOf(li);
    if (!form) return;
    closeForms();
    form.hidden = false;
    const first = form.querySelector("select, input");
    if (first) first.focus();
  }

  async function decide(li, decision, advance) {
    const data = await send(li, { decision: decision });
    if (data && advance) select(items.indexOf(li) + 1, true);
  }

  // --- selections in the text -> offsets (code points, as in the record) ---

  function cpLength(s) {
    return Array.from(s).length;
  }

  function pointOffset(node, offset) {
    if (!doc.contains(node)) return null;
    if (node.nodeType === Node.TEXT_NODE) {
      const seg = node.parentElement && node.parentElement.closest(".seg");
      if (!seg) return null;
      return Number(seg.dataset.s) + cpLength(node.data.slice(0, offset));
    }
    const after = node.childNodes[offset] || null;
    if (after) {
      if (after.nodeType === Node.TEXT_NODE) return pointOffset(after, 0);
      const seg = after.matches(".seg") ? after : after.querySelector(".seg");
      if (seg) return Number(seg.dataset.s);
    }
    const segs = node.querySelectorAll(".seg");
    if (!segs.length) return null;
    const last = segs[segs.length - 1];
    return Number(last.dataset.s) + cpLength(last.textContent);
  }

  let fullText = null;
  function textPoints() {
    if (fullText === null) {
      fullText = Array.from(Array.from(doc.querySelectorAll(".seg")).map(function (s) { return s.textContent; }).join(""));
    }
    return fullText;
  }

  function selectionOffsets() {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    let start = pointOffset(range.startContainer, range.startOffset);
    let end = pointOffset(range.endContainer, range.endOffset);
    if (start === null || end === null) return null;
    const chars = textPoints();
    while (start < end && /\s/.test(chars[start])) start += 1;
    while (end > start && /\s/.test(chars[end - 1])) end -= 1;
    return start < end ? { start: start, end: end } : null;
  }

  // --- the correction and verdict forms ---

  function quoteCorrection(form) {
    const d = form.dataset;
    const correction = {};
    const choice = form.elements.namedItem("speaker").value;
    if (choice === "other") {
      const name = form.elements.namedItem("speaker_name").value.trim();
      if (!name) {
        say("Type the speaker's name, or pick one from the list.", true);
        return null;
      }
      if (name !== d.origName || d.origEntity) correction.speaker = { name: name, entity_id: null };
    } else if (choice && choice !== d.origEntity) {
      const option = form.elements.namedItem("speaker").selectedOptions[0];
      correction.speaker = { name: option.dataset.name, entity_id: choice };
    }
    const type = form.elements.namedItem("type").value;
    if (type !== d.origType) correction.type = type;
    const start = parseInt(form.elements.namedItem("start").value, 10);
    const end = parseInt(form.elements.namedItem("end").value, 10);
    if (Number.isNaN(start) || Number.isNaN(end) || start < 0 || end <= start) {
      say("The span needs a start before its end.", true);
      return null;
    }
    if (start !== Number(d.origStart) || end !== Number(d.origEnd)) {
      correction.start = start;
      correction.end = end;
    }
    if (!Object.keys(correction).length) {
      say("Nothing differs from what was extracted: use Accept (a).", true);
      return null;
    }
    return correction;
  }

  async function submitForm(li, form) {
    if (form.classList.contains("fix-quote")) {
      const correction = quoteCorrection(form);
      if (!correction) return;
      const data = await send(li, { decision: "correct", correction: correction });
      if (data) {
        // The text's highlighting follows the correction: show the page again at this item.
        window.location.hash = "item-" + li.dataset.item;
        window.location.reload();
      }
      return;
    }
    const note = form.elements.namedItem("note").value.trim();
    const rating = form.elements.namedItem("rating").value;
    const verdict = note ? { note: note, rating: rating ? Number(rating) : null } : null;
    const data = await send(li, { decision: "accept", verdict: verdict });
    if (data) form.hidden = true;
  }

  // --- events ---

  items.forEach(function (li) {
    li.addEventListener("click", function (ev) {
      const idx = items.indexOf(li);
      if (idx !== current) select(idx, false);
      const button = ev.target.closest("button[data-action]");
      if (!button) return;
      const action = button.dataset.action;
      if (action === "accept" || action === "reject") decide(li, action, false);
      else if (action === "open-form") openForm(li);
      else if (action === "cancel") formOf(li).hidden = true;
      else if (action === "use-selection") {
        const span = selectionOffsets();
        if (!span) {
          say("First select the words in the article text.", true);
          return;
        }
        const form = formOf(li);
        form.elements.namedItem("start").value = span.start;
        form.elements.namedItem("end").value = span.end;
      }
    });
    const form = formOf(li);
    if (form) {
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        submitForm(li, form);
      });
      const speaker = form.elements.namedItem("speaker");
      if (speaker) {
        speaker.addEventListener("change", function () {
          if (speaker.value === "other") form.elements.namedItem("speaker_name").focus();
        });
      }
    }
  });

  doc.addEventListener("click", function (ev) {
    const mark = ev.target.closest("[data-item]");
    if (!mark || !window.getSelection().isCollapsed) return;
    const idx = byId(mark.dataset.item);
    if (idx >= 0) select(idx, false);
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const target = ev.target;
    if (target.closest && target.closest("input, textarea, select")) {
      if (ev.key === "Escape") {
        closeForms();
        if (current >= 0) items[current].focus({ preventScroll: true });
      }
      return;
    }
    const li = current >= 0 ? items[current] : null;
    switch (ev.key) {
      case "j": select(current + 1, true); break;
      case "k": select(current - 1, true); break;
      case "a": if (li) decide(li, "accept", true); break;
      case "r": if (li) decide(li, "reject", true); break;
      case "c": case "v": if (li) openForm(li); break;
      case "Escape": closeForms(); break;
      case "n": navigate("next"); break;
      case "p": navigate("prev"); break;
      default: return;
    }
    ev.preventDefault();
  });

  // Start at the item named in the address, else at the first one not yet reviewed.
  const fromHash = window.location.hash.startsWith("#item-") ? byId(decodeURIComponent(window.location.hash.slice(6))) : -1;
  if (fromHash >= 0) {
    select(fromHash, true);
  } else {
    const open = items.findIndex(function (li) { return li.classList.contains("st-unreviewed"); });
    if (open >= 0) select(open, false);
  }
})();
