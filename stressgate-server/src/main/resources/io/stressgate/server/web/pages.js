/*
 * The service pages' own script: draws the charts with the shared StressGateCharts views from the API's JSON (which the
 * page preloads, so the fetch here matches that request: same URL, mode and credentials, no extra headers).
 * No inline script, no innerHTML: every text goes through textContent (in the chart views) or the canvas.
 */
(function () {
  'use strict';

  function fail(container, message) {
    var p = document.createElement('p');
    p.className = 'error';
    p.textContent = message;
    container.appendChild(p);
  }

  // Timing marks (read by bench/server/ServerBench.java): when the data arrived, was parsed, and the charts drawn.
  function mark(name) {
    if (window.performance && typeof performance.mark === 'function') {
      performance.mark('stressgate:' + name);
    }
  }

  function load(url, container, draw) {
    fetch(url, { credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status + ' from ' + url);
        }
        mark('response');
        return response.json();
      })
      .then(function (view) {
        mark('parsed');
        draw(view);
      })
      .catch(function (e) { fail(container, 'Charts unavailable: ' + e.message); });
  }

  function sparklines() {
    document.querySelectorAll('canvas.sparkline').forEach(function (canvas) {
      var values = JSON.parse(canvas.dataset.values || '[]');
      window.StressGateCharts.renderSparkline(canvas, values);
    });
  }

  // Marks the charts as drawn (the trend charts in view; those below are built as they scroll near), with the
  // milliseconds since navigation began (what the page costs the reader).
  function drawn(container) {
    mark('drawn');
    container.dataset.drawnMs = String(Math.round(performance.now()));
    container.dataset.drawn = 'true';
  }

  function trend(body) {
    var container = document.getElementById('trend');
    load(body.dataset.trendUrl, container, function (view) {
      window.StressGateCharts.renderTrend(container, view.trend, {
        deferOffscreen: true,
        onBuildClick: function (point) {
          if (typeof point.url === 'string' && point.url.indexOf('/runs/') === 0) {
            window.location.assign(point.url);
          }
        }
      });
      drawn(container);
    });
  }

  function run(body) {
    var container = document.getElementById('run-charts');
    load(body.dataset.runUrl, container, function (view) {
      window.StressGateCharts.renderRun(container, view.results);
      drawn(container);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var body = document.body;
    switch (body.dataset.page) {
      case 'jobs': sparklines(); break;
      case 'job': trend(body); break;
      case 'run': run(body); break;
      default: break;
    }
  });
}());
