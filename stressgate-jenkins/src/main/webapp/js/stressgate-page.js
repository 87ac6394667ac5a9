/*
 * Stress Gate pages in Jenkins: finds the chart containers the views render, fetches their JSON from the
 * permission-checked endpoints named in data-url, and draws them with the shared StressGateCharts views.
 * Loaded as a file (CSP-safe); sets text with textContent only.
 */
(function () {
  'use strict';

  /** Only relative build URLs such as job/a/job/b/12/ are followed when a trend point is clicked. */
  var BUILD_URL = /^job\/[A-Za-z0-9_.~%\-\/]+\/[0-9]+\/$/;

  function rootUrl() {
    return document.head.getAttribute('data-rooturl') || '';
  }

  function showProblem(container, text) {
    var p = document.createElement('p');
    p.className = 'stressgate-problem';
    p.textContent = text;
    container.appendChild(p);
  }

  function load(container, draw) {
    var url = container.getAttribute('data-url');
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        draw(container, data);
      })
      .catch(function (e) {
        showProblem(container, 'The charts could not be loaded (' + e.message + ').');
      });
  }

  function openBuild(point) {
    if (point && typeof point.url === 'string' && BUILD_URL.test(point.url) && point.url.indexOf('..') < 0) {
      window.location.href = rootUrl() + '/' + point.url + 'stressgate/';
    }
  }

  function drawSparklines(container, trend) {
    var points = trend && Array.isArray(trend.points) ? trend.points : [];
    container.querySelectorAll('canvas[data-metric]').forEach(function (canvas) {
      var key = canvas.getAttribute('data-metric');
      window.StressGateCharts.renderSparkline(canvas, points.map(function (p) {
        return p.metrics && typeof p.metrics[key] === 'number' ? p.metrics[key] : null;
      }));
    });
  }

  function init() {
    var charts = window.StressGateCharts;
    if (!charts) {
      return;
    }
    document.querySelectorAll('.stressgate-run[data-url]').forEach(function (c) {
      load(c, charts.renderRun);
    });
    document.querySelectorAll('.stressgate-trend[data-url]').forEach(function (c) {
      load(c, function (container, trend) {
        charts.renderTrend(container, trend, { onBuildClick: openBuild });
      });
    });
    document.querySelectorAll('.stressgate-sparklines[data-url]').forEach(function (c) {
      load(c, drawSparklines);
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
