// Draws each .chart from the plotly figure (JSON) in the <script type="application/json">
// it names; clicking a point that carries a dashboard path ("/dyad/A/B") opens it.
"use strict";
document.querySelectorAll(".chart[data-figure]").forEach(function (el) {
  var figure = JSON.parse(document.getElementById(el.dataset.figure).textContent);
  Plotly.newPlot(el, figure.data, figure.layout, {responsive: true, displaylogo: false})
    .then(function () { el.dataset.drawn = "1"; });
  el.on("plotly_click", function (event) {
    var point = event.points && event.points[0];
    var path = point && point.customdata;
    if (typeof path === "string" && /^\/dyad\/[A-Z]+\/[A-Z]+$/.test(path)) {
      window.location.assign(path);
    }
  });
});
