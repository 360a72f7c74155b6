// ArchCanvas review pack: plays each flow step by step. It reads the steps from the list
// the page shows and addresses the picture by the ids the SVG renderer writes
// (PREFIX + "connection-" + id, PREFIX + "component-" + id); it writes text only through
// textContent, so nothing from the model becomes markup.
(function () {
  "use strict";
  var players = [];
  var active = null;

  function Player(section) {
    this.section = section;
    this.prefix = section.getAttribute("data-prefix") || "";
    this.svg = section.querySelector("figure svg");
    this.steps = Array.prototype.slice.call(section.querySelectorAll("ol.steps > li"));
    this.narration = section.querySelector(".narration");
    this.position = section.querySelector(".position");
    this.prev = section.querySelector("button.prev");
    this.next = section.querySelector("button.next");
    this.index = 0;
    var self = this;
    this.prev.addEventListener("click", function () { self.activate(); self.go(self.index - 1); });
    this.next.addEventListener("click", function () { self.activate(); self.go(self.index + 1); });
    this.steps.forEach(function (li, i) {
      li.addEventListener("click", function () { self.activate(); self.go(i); });
    });
    section.addEventListener("focusin", function () { self.activate(); });
  }

  Player.prototype.activate = function () {
    if (active && active !== this) active.section.classList.remove("active");
    active = this;
    this.section.classList.add("active");
  };

  Player.prototype.byId = function (kind, id) {
    return id ? document.getElementById(this.prefix + kind + "-" + id) : null;
  };

  Player.prototype.go = function (index) {
    if (this.steps.length === 0) {
      this.position.textContent = "No steps";
      this.prev.disabled = true;
      this.next.disabled = true;
      return;
    }
    index = Math.max(0, Math.min(this.steps.length - 1, index));
    this.index = index;
    var li = this.steps[index];
    this.steps.forEach(function (other) {
      other.classList.toggle("current", other === li);
      if (other === li) other.setAttribute("aria-current", "step");
      else other.removeAttribute("aria-current");
    });
    var text = li.querySelector(".text");
    this.narration.textContent = text ? text.textContent : "";
    this.position.textContent = "Step " + (index + 1) + " of " + this.steps.length;
    this.prev.disabled = index === 0;
    this.next.disabled = index === this.steps.length - 1;
    if (!this.svg) return;
    this.svg.classList.add("playing");
    Array.prototype.forEach.call(this.svg.querySelectorAll(".current"), function (el) {
      el.classList.remove("current");
      el.classList.remove("backward");
    });
    var connection = li.getAttribute("data-connection");
    var line = this.byId("connection", connection);
    if (line) {
      line.classList.add("current");
      if (li.getAttribute("data-backward") === "true") line.classList.add("backward");
    }
    Array.prototype.forEach.call(this.svg.querySelectorAll(".edge-label"), function (label) {
      if (label.getAttribute("data-connection") === connection) label.classList.add("current");
    });
    var ends = [this.byId("component", li.getAttribute("data-from")),
                this.byId("component", li.getAttribute("data-to"))];
    ends.forEach(function (el) { if (el) el.classList.add("current"); });
  };

  Array.prototype.forEach.call(document.querySelectorAll("section.flow"), function (section) {
    var player = new Player(section);
    players.push(player);
    player.go(0);
  });
  if (players.length > 0) players[0].activate();

  document.addEventListener("keydown", function (event) {
    if (!active || event.altKey || event.ctrlKey || event.metaKey) return;
    var tag = event.target && event.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    if (event.key === "ArrowRight") {
      active.go(active.index + 1);
      event.preventDefault();
    } else if (event.key === "ArrowLeft") {
      active.go(active.index - 1);
      event.preventDefault();
    }
  });
})();
