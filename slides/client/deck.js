// The deck in the browser: reveal.js with speaker notes, and each vega-lite chart embedded
// live when its slide is shown (the static SVG from the notebook stays until vega-embed has
// drawn the live chart, and is what a printed handout shows).
(function () {
  "use strict";
  var printing = /[?&]print-pdf\b/.test(window.location.search);

  // Charts carry their data inline, so the deck's loader refuses every URL, however it is
  // written (data.url, an image mark's url, a link, a config or patch to load): nothing a
  // chart asks for leaves the page.
  function offlineLoader() {
    var loader = vega.loader();
    function refuse(uri) {
      return Promise.reject(new Error("the deck is offline; chart URL refused: " + String(uri)));
    }
    loader.sanitize = refuse;
    loader.load = refuse;
    loader.http = refuse;
    loader.file = refuse;
    return loader;
  }

  // The deck's embed options, which no spec can change: vega-embed merges a spec's
  // usermeta.embedOptions over the caller's options, so that key is removed before embedding.
  function embedOptions() {
    return { mode: "vega-lite", actions: false, renderer: "svg", loader: offlineLoader(), config: {} };
  }

  function withoutEmbedOptions(spec) {
    if (!spec || typeof spec !== "object" || Array.isArray(spec)) throw new Error("a chart spec must be an object");
    var copy = Object.assign({}, spec);
    if (copy.usermeta && typeof copy.usermeta === "object") {
      copy.usermeta = Object.assign({}, copy.usermeta);
      delete copy.usermeta.embedOptions;
    }
    return copy;
  }

  // reveal.js acts on data-* attributes (backgrounds, lazy-loaded data-src, autoplay, state)
  // and loads frames; the build lets none of them through from a notebook, and none reaches
  // reveal from here either: the deck's own slide markup carries no data-* attribute.
  function inertSlides(slides) {
    slides.querySelectorAll("iframe, frame, object, embed, video, audio, source").forEach(function (el) {
      el.remove();
    });
    [slides].concat(Array.prototype.slice.call(slides.querySelectorAll("*"))).forEach(function (el) {
      Array.prototype.slice.call(el.attributes).forEach(function (attribute) {
        if (/^data-/i.test(attribute.name)) el.removeAttribute(attribute.name);
      });
    });
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
    var live = chart.querySelector(".chart-live");
    return Promise.resolve()
      .then(function () {
        var spec = withoutEmbedOptions(JSON.parse(chart.querySelector("script.chart-spec").textContent));
        return vegaEmbed(live, spec, embedOptions());
      })
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

  inertSlides(document.querySelector(".reveal .slides"));

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
