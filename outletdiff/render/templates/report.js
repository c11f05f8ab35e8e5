/* outletdiff report controls. Built here, so a reader without JavaScript gets the full,
   readable page and simply no controls. Nothing is fetched from the network. */
(function () {
  "use strict";
  var body = document.body;
  var bar = document.getElementById("toolbar");
  var sticky = document.querySelector(".sticky");
  if (!bar) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("#rows .row.diff"));
  var current = -1;

  function checkbox(id, text, checked, onChange) {
    var label = document.createElement("label");
    var input = document.createElement("input");
    input.type = "checkbox";
    input.id = id;
    input.checked = checked;
    input.addEventListener("change", function () { onChange(input.checked); });
    label.appendChild(input);
    label.appendChild(document.createTextNode(" " + text));
    bar.appendChild(label);
    return input;
  }

  function button(id, text, title, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.id = id;
    b.textContent = text;
    b.title = title;
    b.addEventListener("click", onClick);
    bar.appendChild(b);
    return b;
  }

  checkbox("only-diff", "Show only differences", false, function (on) {
    body.classList.toggle("only-diff", on);
  });
  // Each outlet in its own order: the same sentence elements moved into one column per
  // outlet, sorted by their place in their article, and put back when switched off.
  var reading = document.createElement("div");
  reading.className = "reading";
  reading.id = "reading";
  var rowsBox = document.getElementById("rows");
  rowsBox.parentNode.insertBefore(reading, rowsBox.nextSibling);
  var sentences = Array.prototype.slice.call(rowsBox.querySelectorAll(".s[data-doc]"));
  var homes = sentences.map(function (s) { return s.parentNode; });
  var columns = document.querySelectorAll(".heads .cell").length;
  checkbox("reading-order", "Each outlet in its own order", false, function (on) {
    if (on) {
      reading.textContent = "";
      var cols = [];
      for (var c = 0; c < columns; c += 1) {
        var col = document.createElement("div");
        col.className = "cell col";
        reading.appendChild(col);
        cols.push(col);
      }
      sentences.slice().sort(function (x, y) {
        return (+x.dataset.doc - +y.dataset.doc) || (+x.dataset.index - +y.dataset.index);
      }).forEach(function (s) { cols[+s.dataset.doc].appendChild(s); });
    } else {
      sentences.forEach(function (s, i) { homes[i].appendChild(s); });
      reading.textContent = "";
    }
    body.classList.toggle("reading-order", on);
  });
  [["diff", "Word changes"], ["framing", "Framing"], ["quotes", "Quotes"], ["sources", "Sources"]].forEach(function (layer) {
    checkbox("layer-" + layer[0], layer[1], true, function (on) {
      body.classList.toggle("hide-" + layer[0], !on);
    });
  });
  button("prev-diff", "\u2191 Previous (k)", "previous difference (key k)", function () { go(-1); });
  button("next-diff", "\u2193 Next (j)", "next difference (key j)", function () { go(1); });
  var counter = document.createElement("span");
  counter.className = "counter";
  counter.setAttribute("aria-live", "polite");
  counter.textContent = rows.length + " rows with differences";
  bar.appendChild(counter);

  function inView(element) {
    var box = element.getBoundingClientRect();
    return box.bottom > stickyBottom() && box.top < window.innerHeight;
  }

  function stickyBottom() {
    return sticky ? sticky.getBoundingClientRect().bottom : 0;
  }

  function firstBelowBar() {
    var top = stickyBottom();
    for (var i = 0; i < rows.length; i += 1) {
      if (rows[i].getBoundingClientRect().top >= top - 1) { return i; }
    }
    return rows.length - 1;
  }

  function go(step) {
    if (!rows.length || body.classList.contains("reading-order")) { return; }
    var next;
    if (current >= 0 && inView(rows[current])) {
      next = current + step;
    } else {
      next = firstBelowBar() + (step < 0 ? -1 : 0);
    }
    next = Math.max(0, Math.min(rows.length - 1, next));
    if (current >= 0) { rows[current].classList.remove("current"); }
    current = next;
    var row = rows[current];
    row.classList.add("current");
    row.scrollIntoView({ block: "center" });
    row.focus({ preventScroll: true });
    counter.textContent = "difference " + (current + 1) + " of " + rows.length;
  }

  document.addEventListener("keydown", function (event) {
    var tag = event.target && event.target.tagName;
    if (event.ctrlKey || event.metaKey || event.altKey || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") {
      return;
    }
    if (event.key === "j") { go(1); event.preventDefault(); }
    if (event.key === "k") { go(-1); event.preventDefault(); }
  });
  body.classList.add("js");
}());
