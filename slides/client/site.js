// Notebook pages of the course site: each vega-lite chart embedded live (its stored SVG stays
// until the live chart is drawn). Charts carry their data inline, so the loader refuses every
// load: a page never reaches the network, from file:// or from a web host.
(function () {
  "use strict";

  function offlineLoader() {
    var loader = vega.loader();
    loader.load = loader.sanitize = function (uri) {
      return Promise.reject(new Error("the course site is offline; chart data URL refused: " + uri));
    };
    return loader;
  }

  function embed(chart) {
    chart.dataset.state = "rendering";
    var spec = JSON.parse(chart.querySelector("script.chart-spec").textContent);
    // Embedding options are the page's, never the notebook's.
    if (spec && spec.usermeta) delete spec.usermeta.embedOptions;
    return vegaEmbed(chart.querySelector(".chart-live"), spec, { actions: false, renderer: "svg", loader: offlineLoader() })
      .then(function () {
        var fallback = chart.querySelector(".chart-static");
        if (fallback) fallback.remove();
        chart.dataset.state = "live";
      })
      .catch(function (error) {
        chart.dataset.state = "failed";
        console.error("chart could not be embedded:", error);
      });
  }

  var charts = Array.prototype.slice.call(document.querySelectorAll(".chart"));
  Promise.all(charts.map(embed)).then(function () {
    document.documentElement.dataset.charts = "done";
  });
})();
