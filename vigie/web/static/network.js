/* The interactive link chart: draws the page's JSON data block with vis-network (served from
   the installed pyvis package), expands an entity on click, filters by link kind, entity type
   and date, pins and hides entities, and keeps the save and export forms and the timeline in
   step with what is drawn. The page reads without it: tables show the same data. */
(function () {
  "use strict";
  var holder = document.getElementById("chart");
  var source = document.getElementById("chart-data");
  if (!holder || !source || typeof vis === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var all = { nodes: {}, edges: {} };
  var hidden = new Set(data.hidden || []);
  var pinned = new Set(data.pinned || []);
  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  var tools = document.getElementById("chart-tools");

  function add(graph) {
    graph.entities.forEach(function (node) { all.nodes[node.id] = node; });
    graph.links.forEach(function (link) {
      var key = [link.source, link.target, link.kind, link.via || ""].join("|");
      all.edges[key] = link;
    });
  }

  function ticked(selector) {
    var boxes = document.querySelectorAll(selector);
    if (!boxes.length) { return null; }
    var on = new Set();
    boxes.forEach(function (box) { if (box.checked) { on.add(box.value); } });
    return { on: on, known: new Set(Array.prototype.map.call(boxes, function (b) { return b.value; })) };
  }

  function passes(filter, value) {
    // A kind or type that arrived with an expansion has no box yet: it is shown.
    return filter === null || !filter.known.has(value) || filter.on.has(value);
  }

  function inPeriod(date) {
    if (!date) { return true; }
    var day = date.slice(0, 10);
    var since = document.getElementById("chart-since").value;
    var until = document.getElementById("chart-until").value;
    return (!since || day >= since) && (!until || day <= until);
  }

  function shownNodes() {
    var schemata = ticked(".schema-filter");
    return Object.keys(all.nodes).filter(function (id) {
      return !hidden.has(id) && passes(schemata, all.nodes[id].schema);
    });
  }

  function refresh() {
    var kinds = ticked(".kind-filter");
    var keep = new Set(shownNodes());
    var wantedNodes = [];
    keep.forEach(function (id) {
      var node = all.nodes[id];
      var fixed = pinned.has(id);
      wantedNodes.push({
        id: id,
        label: node.caption.length > 40 ? node.caption.slice(0, 39) + "…" : node.caption,
        title: node.caption + " (" + node.schema + ")",
        group: node.schema,
        fixed: { x: fixed, y: fixed },
        borderWidth: fixed ? 4 : 1,
        shapeProperties: { borderDashes: fixed ? [4, 2] : false }
      });
    });
    var wantedEdges = [];
    Object.keys(all.edges).forEach(function (key) {
      var link = all.edges[key];
      if (keep.has(link.source) && keep.has(link.target) && passes(kinds, link.kind) && inPeriod(link.date)) {
        wantedEdges.push({
          id: key,
          from: link.source,
          to: link.target,
          title: link.kind + ": " + link.label,
          width: 1 + Math.min(4, link.weight * 2),
          dashes: link.kind.indexOf("shared-") === 0 || link.kind === "co-travel"
        });
      }
    });
    nodes.remove(nodes.getIds().filter(function (id) { return !keep.has(id); }));
    nodes.update(wantedNodes);
    var edgeIds = new Set(wantedEdges.map(function (e) { return e.id; }));
    edges.remove(edges.getIds().filter(function (id) { return !edgeIds.has(id); }));
    edges.update(wantedEdges);
    forms(keep);
    timeline(keep);
  }

  function setField(form, name, values) {
    var field = form && form.querySelector("input[name='" + name + "']");
    if (field) { field.value = values.join(" "); }
  }

  function forms(keep) {
    var save = document.getElementById("save-chart");
    setField(save, "entities", Object.keys(all.nodes));
    setField(save, "pinned", Array.from(pinned));
    setField(save, "hidden", Array.from(hidden));
    setField(document.getElementById("export-chart"), "ids", Array.from(keep));
  }

  function timeline(keep) {
    var table = document.getElementById("timeline");
    if (!table) { return; }
    var body = table.querySelector("tbody");
    var rows = Array.from(keep)
      .map(function (id) { return all.nodes[id]; })
      .filter(function (node) { return node.date && inPeriod(node.date); })
      .sort(function (a, b) { return a.date < b.date ? -1 : a.date > b.date ? 1 : 0; });
    while (body.firstChild) { body.removeChild(body.firstChild); }
    rows.forEach(function (node) {
      var row = document.createElement("tr");
      row.dataset.id = node.id;
      var when = document.createElement("td");
      when.className = "when";
      when.textContent = node.date.slice(0, 10);
      var what = document.createElement("td");
      var link = document.createElement("a");
      link.href = "/entities/" + encodeURIComponent(node.id);
      link.textContent = node.caption;
      what.appendChild(link);
      var type = document.createElement("td");
      type.textContent = node.schema;
      row.appendChild(when);
      row.appendChild(what);
      row.appendChild(type);
      body.appendChild(row);
    });
  }

  function expand(id) {
    var url = holder.dataset.expand + "?entity=" + encodeURIComponent(id) + "&hops=1&format=json";
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (graph) { add(graph); refresh(); holder.dataset.expanded = id; })
      .catch(function () { holder.setAttribute("title", holder.dataset.error); });
  }

  add(data);
  var chart = new vis.Network(holder, { nodes: nodes, edges: edges }, {
    interaction: { hover: true, multiselect: true },
    physics: { stabilization: { iterations: 150 } },
    nodes: { shape: "dot", size: 12, font: { size: 12 } },
    edges: { smooth: false, color: { inherit: "both" } }
  });
  chart.on("click", function (params) {
    if (params.nodes.length === 1) { expand(params.nodes[0]); }
  });
  chart.on("dragEnd", function (params) {
    params.nodes.forEach(function (id) { pinned.add(id); });
    if (params.nodes.length) { refresh(); }
  });
  document.getElementById("chart-pin").addEventListener("click", function () {
    chart.getSelectedNodes().forEach(function (id) {
      if (pinned.has(id)) { pinned.delete(id); } else { pinned.add(id); }
    });
    refresh();
  });
  document.getElementById("chart-hide").addEventListener("click", function () {
    chart.getSelectedNodes().forEach(function (id) { hidden.add(id); });
    refresh();
  });
  document.getElementById("chart-unhide").addEventListener("click", function () {
    hidden.clear();
    refresh();
  });
  document.querySelectorAll(".kind-filter, .schema-filter, #chart-since, #chart-until").forEach(function (input) {
    input.addEventListener("change", refresh);
  });
  // Kept on the element (not a global) so that tests can find where an entity is drawn.
  holder.chart = chart;
  tools.hidden = false;
  refresh();
  holder.dataset.ready = "true";
}());
