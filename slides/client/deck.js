// The deck in the browser: reveal.js with speaker notes, and each vega-lite chart embedded
// live when its slide is shown (the static SVG drawn at build time from the same themed spec
// stays until vega-embed has drawn the live chart, and is what a printed handout shows).
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
  // reveal from here either. The deck's own markup carries only attributes reveal ignores:
  // the height bounds of a chart that sizes to fit its slide and the room its slide gave it, a
  // code cell's notebook id (live decks put recomputed charts there) and a parameter's hint.
  var deckAttributes = ["data-min-height", "data-max-height", "data-chart-height", "data-cell-id", "data-hint"];
  function inertSlides(slides) {
    slides.querySelectorAll("iframe, frame, object, embed, video, audio, source").forEach(function (el) {
      el.remove();
    });
    [slides].concat(Array.prototype.slice.call(slides.querySelectorAll("*"))).forEach(function (el) {
      Array.prototype.slice.call(el.attributes).forEach(function (attribute) {
        if (/^data-/i.test(attribute.name) && deckAttributes.indexOf(attribute.name) < 0) el.removeAttribute(attribute.name);
      });
    });
  }

  // Autofit, as presentation software does it: a slide whose content is taller than the
  // slide gets a smaller font, a pixel at a time, down to a floor that stays readable.
  // Everything on a slide is sized in em, so the whole slide shrinks together.
  var minimumFontPx = 19;
  function shrink(slide) {
    slide.style.fontSize = "";
    var height = Reveal.getConfig().height;
    var size = parseFloat(window.getComputedStyle(slide).fontSize);
    while (slide.scrollHeight > height && size > minimumFontPx) {
      size -= 1;
      slide.style.fontSize = size + "px";
    }
    return slide.scrollHeight <= height ? size : null;
  }
  // A line of code or printed text wraps only at its spaces (deck.css); one holding a token
  // wider than its box is let break anywhere, rather than run past the box's right edge.
  function breakLongLines(slide) {
    slide.querySelectorAll("pre .line:not(.long)").forEach(function (line) {
      if (line.scrollWidth > line.clientWidth + 1) line.classList.add("long");
    });
  }
  // A printed output or a code box up to half again as tall as its box is shown whole, the
  // slide's font shrinking to make room (from a lecture hall nobody scrolls: a box that hid
  // the last row of a table hid evidence, one that hid a line of code hid the code that made
  // it); when the slide cannot then fit, the box scrolls as before.
  var unclipRatio = 1.5;
  function fit(slide) {
    if (!slide || slide.classList.contains("stack")) return;
    slide.style.fontSize = "";
    breakLongLines(slide);
    var boxes = Array.prototype.slice.call(slide.querySelectorAll("pre.output, pre.code code"));
    boxes.forEach(function (box) { box.style.maxHeight = ""; });
    var clipped = boxes.filter(function (box) {
      return box.scrollHeight > box.clientHeight + 1 && box.scrollHeight <= unclipRatio * box.clientHeight;
    });
    clipped.forEach(function (box) { box.style.maxHeight = "none"; });
    var size = shrink(slide);
    if (size === null && clipped.length > 0) {
      clipped.forEach(function (box) { box.style.maxHeight = ""; });
      size = shrink(slide);
    }
    if (slide.style.fontSize) slide.dataset.fittedFont = String(size === null ? minimumFontPx : size);
  }

  // vega's autosize "fit" lays a chart out once, at the size the spec gives for the whole chart,
  // shrinks the plot to the room that layout leaves, and draws the smaller plot without laying
  // it out again. What the smaller plot moved past its edges is then outside the drawing, cut
  // off: a y label that now sits on the plot's top (other ticks for the new height, or a tick
  // the shrinking brought closer to the top), an annotation above a rule near the top, and the
  // title placed above them. Each pass here lays the chart out at the plot size it has; a pass
  // that leaves the plot's size and place as they were ends it.
  function refit(view, passes) {
    var layout = function () {
      return [view.width(), view.height()].concat(view.origin()).join(" ");
    };
    var before = layout();
    return view.resize().runAsync().then(function () {
      return layout() !== before && passes > 1 ? refit(view, passes - 1) : undefined;
    });
  }

  // Draws a chart's themed spec live, at `height` when given (single views sized to fit).
  function draw(chart, height) {
    var spec = withoutEmbedOptions(JSON.parse(chart.querySelector("script.chart-spec").textContent));
    if (height !== undefined) spec.height = height;
    var live = chart.querySelector(".chart-live");
    if (chart._vega) chart._vega.finalize();
    return vegaEmbed(live, spec, embedOptions()).then(function (result) {
      return refit(result.view, 3).then(function () {
        return result;
      });
    }).then(function (result) {
      chart._vega = result;
      chart.dataset.height = String(spec.height);
      // The slider is a native range input inside a <label>; name it for screen readers too.
      Array.prototype.forEach.call(live.querySelectorAll(".vega-bind input"), function (input) {
        var name = input.closest(".vega-bind").querySelector(".vega-bind-name");
        if (name && !input.getAttribute("aria-label")) input.setAttribute("aria-label", name.textContent.trim());
      });
    });
  }

  // A chart's data panel opens over the slide below its toggle and scrolls inside itself:
  // it is never taller than the room left between its top and the bottom of the slide area
  // (a section is only as tall as its content, and centred in that area).
  var minimumPanelPx = 120;
  function fitPanel(panel) {
    var scale = Reveal.getScale() || 1;
    var area = document.querySelector(".reveal .slides").getBoundingClientRect();
    var top = (panel.getBoundingClientRect().top - area.top) / scale;
    var room = Reveal.getConfig().height - top - 8;
    panel.style.maxHeight = Math.max(minimumPanelPx, Math.floor(room)) + "px";
  }

  function embed(chart) {
    if (chart.dataset.state) return Promise.resolve();
    var fallback = chart.querySelector(".chart-static");
    if (printing && fallback) {
      chart.dataset.state = "static";
      return Promise.resolve();
    }
    chart.dataset.state = "rendering";
    return Promise.resolve()
      .then(function () {
        return draw(chart);
      })
      .then(function () {
        if (fallback) fallback.remove();
        chart.dataset.state = "live";
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

  // The build sized each chart from an estimate of the room its slide leaves; here the room
  // is measured and the live charts that size to fit take it, shared equally, within the
  // bounds the build set (data-min-height, data-max-height). Text keeps its size throughout.
  function fillSlide(slide) {
    var charts = Array.prototype.filter.call(slide.querySelectorAll('.chart[data-state="live"][data-max-height]'), function (c) {
      return c.dataset.height !== "undefined";
    });
    if (charts.length === 0) return Promise.resolve();
    slide.style.fontSize = "";
    var spare = (Reveal.getConfig().height - slide.scrollHeight - 8) / charts.length;
    if (Math.abs(spare) < 12) return Promise.resolve();
    return Promise.all(charts.map(function (chart) {
      var target = Math.round(Math.min(Number(chart.dataset.maxHeight), Math.max(Number(chart.dataset.minHeight), Number(chart.dataset.height) + spare)));
      return target === Number(chart.dataset.height) ? null : draw(chart, target);
    }));
  }

  function embedCharts(slide) {
    var charts = slide ? slide.querySelectorAll(".chart") : [];
    return Promise.all(Array.prototype.map.call(charts, embed)).then(function () {
      if (!slide || printing) return;
      return fillSlide(slide).then(function () {
        fit(slide);
        Reveal.layout();
      });
    });
  }

  // In print mode reveal lays the slides out as pages after "ready"; fit them once it has.
  // A printed handout shows every exercise's explanation (the chart-as-text panels stay shut).
  if (printing) {
    Array.prototype.forEach.call(document.querySelectorAll(".try-this details"), function (d) {
      d.open = true;
    });
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
      // Opening an explanation (or a chart's data) changes the slide's height: fit it again.
      // A toggle event does not bubble, so it is caught on its way down.
      document.querySelector(".reveal .slides").addEventListener("toggle", function (event) {
        var slide = event.target.closest && event.target.closest("section");
        if (!slide) return;
        var panel = event.target.matches(".chart-text[open]") ? event.target.querySelector(".chart-text-body") : null;
        if (panel) panel.style.maxHeight = "";
        fit(slide);
        Reveal.layout();
        if (panel) fitPanel(panel);
      }, true);
    }
  });
})();
