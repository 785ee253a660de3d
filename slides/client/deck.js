// The deck in the browser: reveal.js with speaker notes, and each vega-lite chart embedded
// live when its slide is shown (the static SVG from the notebook stays until vega-embed has
// drawn the live chart, and is what a printed handout shows).
(function () {
  "use strict";
  var printing = /[?&]print-pdf\b/.test(window.location.search);

  // Charts carry their data inline; a spec that points at a URL must not reach the network.
  function offlineLoader() {
    var loader = vega.loader();
    var sanitize = loader.sanitize.bind(loader);
    loader.sanitize = function (uri, options) {
      if (/^([a-z][a-z0-9+.-]*:)?\/\//i.test(uri)) {
        return Promise.reject(new Error("the deck is offline; chart data URL refused: " + uri));
      }
      return sanitize(uri, options);
    };
    return loader;
  }

  // Autofit, as presentation software does it: a slide whose content is taller than the
  // slide gets a smaller font, a pixel at a time, down to a floor that stays readable.
  // Everything on a slide is sized in em, so the whole slide shrinks together.
  var minimumFontPx = 19;
  function fit(slide) {
    if (!slide || slide.classList.contains("stack")) return;
    slide.style.fontSize = "";
    var height = Reveal.getConfig().height;
    var size = parseFloat(window.getComputedStyle(slide).fontSize);
    while (slide.scrollHeight > height && size > minimumFontPx) {
      size -= 1;
      slide.style.fontSize = size + "px";
    }
    if (slide.style.fontSize) slide.dataset.fittedFont = String(size);
  }

  function embed(chart) {
    if (chart.dataset.state) return Promise.resolve();
    var fallback = chart.querySelector(".chart-static");
    if (printing && fallback) {
      chart.dataset.state = "static";
      return Promise.resolve();
    }
    chart.dataset.state = "rendering";
    var spec = JSON.parse(chart.querySelector("script.chart-spec").textContent);
    var live = chart.querySelector(".chart-live");
    return vegaEmbed(live, spec, { actions: false, renderer: "svg", loader: offlineLoader() })
      .then(function () {
        if (fallback) fallback.remove();
        fit(chart.closest("section"));
        chart.dataset.state = "live";
        Reveal.layout();
      })
      .catch(function (error) {
        chart.dataset.state = "failed";
        console.error("chart could not be embedded:", error);
      });
  }

  // A live deck (live/client.ts) replaces a chart's spec and asks for it to be drawn again:
  // now if its slide is on screen (or the deck is printing), else when its slide is shown.
  window.deckRedraw = function (chart) {
    delete chart.dataset.state;
    var slide = chart.closest("section");
    var shown = Reveal.isReady() && slide && slide.contains(Reveal.getCurrentSlide());
    return printing || shown ? embed(chart) : Promise.resolve();
  };

  function embedCharts(slide) {
    var charts = slide ? slide.querySelectorAll(".chart") : [];
    return Promise.all(Array.prototype.map.call(charts, embed));
  }

  // In print mode reveal lays the slides out as pages after "ready"; fit them once it has.
  if (printing) {
    document.querySelector(".reveal").addEventListener("pdf-ready", function () {
      Reveal.getSlides().forEach(fit);
    });
  }

  Reveal.initialize({
    width: 960,
    height: 700,
    margin: 0.04,
    hash: true,
    slideNumber: "c/t",
    showSlideNumber: "all",
    transition: "fade",
    pdfSeparateFragments: false,
    pdfMaxPagesPerSlide: 1,
    plugins: [RevealNotes],
  }).then(function () {
    if (printing) {
      embedCharts(document.querySelector(".reveal .slides"));
    } else {
      fit(Reveal.getCurrentSlide());
      embedCharts(Reveal.getCurrentSlide());
      Reveal.on("slidechanged", function (event) {
        fit(event.currentSlide);
        embedCharts(event.currentSlide);
      });
    }
  });
})();
