/*
 * Stress Gate chart views, shared by report.html (inlined), the reporting service and the Jenkins plugin (served as
 * a file). Plain ES2018, no build step. Safe under a strict Content-Security-Policy: no eval, no inline handlers,
 * no innerHTML; every text from the data is set with textContent or drawn on a canvas, and made visible first
 * (control, bidi-override and zero-width characters are shown as [U+XXXX], as in the Java reports).
 * Needs Chart.js 4 (window.Chart) and touches nothing outside the container or canvas it is given.
 */
(function (global) {
  'use strict';

  var COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f',
    '#bcbd22'];
  var VERDICT_COLORS = { PASSED: '#2e7d32', UNSTABLE: '#f9a825', FAILED: '#c62828' };
  var UNKNOWN_COLOR = '#757575';
  var CHAOS_COLOR = '#6a1b9a';
  var BAND_COLOR = 'rgba(46, 125, 50, 0.12)';
  // how far out of the window (in CSS pixels) a deferred trend chart is already built, so it is ready as it scrolls in
  var NEAR_VIEW = 200;
  var MIB = 1024 * 1024;
  var INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Noncharacter_Code_Point}]/gu;

  var TREND_CHARTS = [
    { title: 'Latency (ms)', metrics: ['p50', 'p95', 'p99'], scale: 1 },
    { title: 'Throughput (requests/s)', metrics: ['rps'], scale: 1 },
    { title: 'Error rate (%)', metrics: ['errorRate'], scale: 100 },
    { title: 'Peak RSS (MiB)', metrics: ['rssMax'], scale: 1 / MIB },
    { title: 'Peak queue depth', metrics: ['queueMax'], scale: 1 },
    { title: 'Queue drain time (ms)', metrics: ['drainMs'], scale: 1 },
    { title: 'Lost jobs', metrics: ['lostJobs'], scale: 1 },
    { title: 'Orphaned processes', metrics: ['orphans'], scale: 1 },
    { title: 'Breaking point (requests/s)', metrics: ['breakingPoint'], scale: 1 },
    { title: 'Check failure rate (%)', metrics: ['checkFailRate'], scale: 100 }
  ];

  // What each sample column measures, known by the samplers' names: the machine's five columns, each process
  // group's six stats, each queue's stats and Redis INFO's two. Each kind has one unit and its own chart, so no axis
  // mixes units and no process is drawn under the machine's gigabytes.
  var MACHINE_SERIES = {
    cpu_pct: { chart: 'machineCpu', label: 'CPU' },
    mem_used_bytes: { chart: 'machineMemory', label: 'used' },
    mem_avail_bytes: { chart: 'machineMemory', label: 'available' },
    swap_used_bytes: { chart: 'machineMemory', label: 'swap used' },
    load1: { chart: 'machineLoad', label: 'load average (1 min)' }
  };
  var GROUP_STAT = /^(.+)\.(cpu_pct|rss_bytes|threads|fds|children|count)$/;
  var GROUP_CHARTS = {
    count: 'groupCount', rss_bytes: 'groupRss', cpu_pct: 'groupCpu', threads: 'groupThreads', fds: 'groupFds',
    children: 'groupChildren'
  };
  var QUEUE_STAT = /^queue\.(.+)\.(depth|started|failed|finished|unacked|length|pending)$/;
  var REDIS_STAT = /^redis\.(?:(.+)\.)?(used_memory|connected_clients)$/;
  var REDIS_CHARTS = { used_memory: 'redisMemory', connected_clients: 'redisClients' };

  // The charts of the samples in the order drawn, each with the unit its y axis names; a chart marked "each" is drawn
  // as small multiples: one small chart per series, over the same time axis, each scaled to its own range.
  var SAMPLE_CHARTS = [
    { key: 'groupCount', title: 'Processes per group', unit: 'processes' },
    { key: 'groupRss', title: 'Memory (RSS) per process group', unit: 'bytes', each: true },
    { key: 'groupCpu', title: 'CPU per process group (% of one core)', unit: '% of one core' },
    { key: 'groupThreads', title: 'Threads per process group', unit: 'threads' },
    { key: 'groupFds', title: 'Open file descriptors per process group', unit: 'file descriptors' },
    { key: 'groupChildren', title: 'Child processes per process group', unit: 'processes' },
    { key: 'queue', title: 'Jobs per queue', unit: 'jobs' },
    { key: 'redisMemory', title: 'Redis used_memory', unit: 'bytes' },
    { key: 'redisClients', title: 'Redis connected clients', unit: 'clients' },
    { key: 'machineCpu', title: 'Machine CPU (% of all cores)', unit: '% of all cores' },
    { key: 'machineMemory', title: 'Machine memory', unit: 'bytes' },
    { key: 'machineLoad', title: 'Machine load average (1 min)', unit: 'load average' },
    { key: 'other', title: 'Other samples (unit unknown)', unit: 'value as sampled', each: true }
  ];
  var BYTE_UNITS = [['TiB', 1024 * 1024 * MIB], ['GiB', 1024 * MIB], ['MiB', MIB], ['KiB', 1024], ['bytes', 1]];

  function visible(text) {
    return String(text == null ? '' : text).replace(INVISIBLE, function (c) {
      return '[U+' + c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0') + ']';
    });
  }

  function requireChart() {
    if (typeof global.Chart !== 'function') {
      throw new Error('StressGateCharts needs Chart.js 4 loaded first (window.Chart is missing)');
    }
    return global.Chart;
  }

  function element(tag, text) {
    var e = document.createElement(tag);
    if (text != null) {
      e.textContent = visible(text);
    }
    return e;
  }

  /**
   * A titled figure with a canvas, appended to the container; sized here so no page stylesheet is needed. The canvas
   * is labelled with the title, or with the label when the caption alone would not say what it shows.
   */
  function chartCanvas(container, title, height, label) {
    var figure = element('figure');
    figure.style.margin = '0 0 24px 0';
    var caption = element('figcaption', title);
    caption.style.fontWeight = '600';
    caption.style.margin = '0 0 4px 0';
    var holder = element('div');
    holder.style.position = 'relative';
    holder.style.width = '100%';
    holder.style.height = (height || 260) + 'px';
    var canvas = element('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', visible(label || title));
    holder.appendChild(canvas);
    figure.appendChild(caption);
    figure.appendChild(holder);
    container.appendChild(figure);
    return canvas;
  }

  function color(i) {
    return COLORS[i % COLORS.length];
  }

  function finite(v) {
    return typeof v === 'number' && isFinite(v);
  }

  function line(label, data, i, extra) {
    var dataset = {
      label: visible(label), data: data, borderColor: color(i), backgroundColor: color(i), borderWidth: 1.5,
      pointRadius: data.length < 2 ? 3 : 0, spanGaps: false
    };
    return Object.assign(dataset, extra || {});
  }

  /** Draws each chaos action as a dashed vertical line with its name, on the canvas. */
  function chaosPlugin(markers) {
    return {
      id: 'stressgateChaos',
      afterDatasetsDraw: function (chart) {
        var x = chart.scales.x;
        var area = chart.chartArea;
        var ctx = chart.ctx;
        ctx.save();
        ctx.strokeStyle = CHAOS_COLOR;
        ctx.fillStyle = CHAOS_COLOR;
        ctx.lineWidth = 1.5;
        ctx.setLineDash([5, 3]);
        ctx.font = '11px sans-serif';
        ctx.textBaseline = 'top';
        markers.forEach(function (m, i) {
          if (m.x < x.min || m.x > x.max) {
            return;
          }
          var px = x.getPixelForValue(m.x);
          ctx.beginPath();
          ctx.moveTo(px, area.top);
          ctx.lineTo(px, area.bottom);
          ctx.stroke();
          ctx.fillText(m.label, px + 3, area.top + 2 + (i % 3) * 13);
        });
        ctx.restore();
      }
    };
  }

  function chaosMarkers(chaos) {
    return (Array.isArray(chaos) ? chaos : []).filter(function (e) {
      return e && finite(e.atMs);
    }).map(function (e) {
      return { x: e.atMs / 1000, label: visible(e.name || e.action || 'chaos') + (e.outcome ? ' (' + visible(e.outcome) + ')' : '') };
    });
  }

  /** An external load tool's start and end, drawn like chaos actions so both share the run's time axis. */
  function toolMarkers(external) {
    if (!external || typeof external !== 'object') {
      return [];
    }
    var name = visible(external.phase || 'tool');
    var marks = [];
    if (finite(external.startMs)) {
      marks.push({ x: external.startMs / 1000, label: name + ' started' });
    }
    if (finite(external.endMs)) {
      marks.push({ x: external.endMs / 1000, label: name + ' ended' + (finite(external.exitCode) ? ' (exit ' + external.exitCode + ')' : '') });
    }
    return marks;
  }

  /**
   * A line chart over the run's time axis (from 0 to xMax seconds, the same for every chart of a run), its unit named
   * on the y axis and in the tooltips; without a legend when its caption names its one series.
   */
  function timeChart(canvas, datasets, yTitle, markers, xMax, noLegend) {
    var Chart = requireChart();
    var lastMarker = markers.reduce(function (max, m) { return Math.max(max, m.x); }, 0);
    var x = { type: 'linear', min: 0, title: { display: true, text: 'seconds since start' } };
    if (finite(xMax) && xMax > 0) {
      x.max = xMax;
    } else {
      x.suggestedMax = lastMarker;
    }
    return new Chart(canvas, {
      type: 'line',
      data: { datasets: datasets },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: { x: x, y: { beginAtZero: true, title: { display: true, text: yTitle } } },
        plugins: {
          legend: { display: !noLegend, position: 'bottom' },
          tooltip: { enabled: true, callbacks: { label: function (item) {
            return item.dataset.label + ': ' + (finite(item.parsed.y) ? item.parsed.y.toLocaleString('en-US',
                { maximumFractionDigits: 2 }) : '-') + ' ' + yTitle;
          } } }
        }
      },
      plugins: [chaosPlugin(markers)]
    });
  }

  function series(points, value) {
    return points.filter(function (p) { return p && finite(p.t); }).map(function (p) {
      var v = value(p);
      return { x: p.t, y: finite(v) ? v : null };
    });
  }

  function latencyChart(container, points, markers, xMax) {
    var datasets = ['p50', 'p95', 'p99', 'max'].map(function (key, i) {
      return line(key, series(points, function (p) { return p[key]; }), i);
    });
    return timeChart(chartCanvas(container, 'Latency percentiles over time'), datasets, 'milliseconds', markers, xMax);
  }

  function throughputChart(container, timeSeries, markers, xMax) {
    var seconds = finite(timeSeries.intervalMs) && timeSeries.intervalMs > 0 ? timeSeries.intervalMs / 1000 : 1;
    var points = timeSeries.all;
    var datasets = [
      line('requests/s', series(points, function (p) { return p.rps; }), 0),
      line('errors/s', series(points, function (p) { return finite(p.errors) ? p.errors / seconds : null; }), 1),
      line('dropped/s', series(points, function (p) { return finite(p.dropped) ? p.dropped / seconds : null; }), 4)
    ];
    return timeChart(chartCanvas(container, 'Throughput and errors over time'), datasets, 'per second', markers, xMax);
  }

  function perRequestChart(container, byName, markers, xMax) {
    var datasets = Object.keys(byName).map(function (name, i) {
      var points = Array.isArray(byName[name]) ? byName[name] : [];
      return line(name + ' p95', series(points, function (p) { return p.p95; }), i);
    });
    return timeChart(chartCanvas(container, 'p95 latency by request'), datasets, 'milliseconds', markers, xMax);
  }

  /** Which chart a sample column belongs on, and its name there. */
  function sampleKind(column) {
    var machine = Object.prototype.hasOwnProperty.call(MACHINE_SERIES, column) ? MACHINE_SERIES[column] : null;
    if (machine) {
      return { chart: machine.chart, label: machine.label };
    }
    var m = REDIS_STAT.exec(column);
    if (m) {
      return { chart: REDIS_CHARTS[m[2]], label: m[1] ? 'Redis of ' + m[1] : 'Redis' };
    }
    m = QUEUE_STAT.exec(column);
    if (m) {
      return { chart: 'queue', label: m[1] + ' ' + m[2] };
    }
    m = GROUP_STAT.exec(column);
    if (m) {
      return { chart: GROUP_CHARTS[m[2]], label: m[1] };
    }
    return { chart: 'other', label: column };
  }

  /** The binary unit that shows the largest of the values in a readable range: bytes, KiB, MiB, GiB or TiB. */
  function byteUnit(max) {
    for (var i = 0; i < BYTE_UNITS.length; i++) {
      if (max >= BYTE_UNITS[i][1]) {
        return { name: BYTE_UNITS[i][0], scale: 1 / BYTE_UNITS[i][1] };
      }
    }
    return { name: 'bytes', scale: 1 };
  }

  /** The unit a chart's values are drawn in: bytes scaled to one binary unit for all its series, others as they are. */
  function drawnUnit(spec, series) {
    if (spec.unit !== 'bytes') {
      return { name: spec.unit, scale: 1 };
    }
    var max = 0;
    series.forEach(function (s) {
      s.values.forEach(function (v) {
        if (finite(v)) {
          max = Math.max(max, v);
        }
      });
    });
    return byteUnit(max);
  }

  /** The columns of the samples sorted into the charts of SAMPLE_CHARTS: key -> [{column, label, values}]. */
  function sampleSeries(samples) {
    var columns = Array.isArray(samples.columns) ? samples.columns : [];
    var rows = (Array.isArray(samples.rows) ? samples.rows : []).filter(function (r) {
      return Array.isArray(r) && finite(r[0]);
    });
    var byChart = {};
    for (var c = 1; c < columns.length; c++) {
      var column = String(columns[c]);
      var kind = sampleKind(column);
      (byChart[kind.chart] = byChart[kind.chart] || []).push({
        column: column, label: kind.label, values: rows.map(function (r) { return finite(r[c]) ? r[c] : null; })
      });
    }
    return { times: rows.map(function (r) { return r[0]; }), byChart: byChart };
  }

  function sampleDataset(s, i, times, unit) {
    var data = times.map(function (t, k) {
      return { x: t, y: s.values[k] == null ? null : s.values[k] * unit.scale };
    });
    return line(s.label, data, i, { column: s.column });
  }

  /**
   * One chart per kind of sample, each in one unit named on its y axis; process RSS (and any column of unknown unit)
   * as small multiples, one small chart per series in a grid, all over the run's one time axis.
   */
  function sampleCharts(container, samples, markers, xMax) {
    var sorted = sampleSeries(samples);
    var charts = [];
    SAMPLE_CHARTS.forEach(function (spec) {
      var list = sorted.byChart[spec.key];
      if (!list || !list.length) {
        return;
      }
      var unit = drawnUnit(spec, list);
      var title = spec.title + (spec.unit === 'bytes' ? ' (' + unit.name + ')' : '');
      if (!spec.each) {
        var datasets = list.map(function (s, i) { return sampleDataset(s, i, sorted.times, unit); });
        charts.push(timeChart(chartCanvas(container, title), datasets, unit.name, markers, xMax));
        return;
      }
      var grid = smallMultiples(container, title + ', one chart each, each scaled to its own range');
      list.forEach(function (s, i) {
        var canvas = chartCanvas(grid, s.label, 170, spec.title + ': ' + s.label + ' (' + unit.name + ')');
        charts.push(timeChart(canvas, [sampleDataset(s, i, sorted.times, unit)], unit.name, markers, xMax, true));
      });
    });
    return charts;
  }

  /** A titled grid for small charts side by side, two or more to a row as the width allows. */
  function smallMultiples(container, title) {
    var figure = element('figure');
    figure.style.margin = '0 0 24px 0';
    var caption = element('figcaption', title);
    caption.style.fontWeight = '600';
    caption.style.margin = '0 0 8px 0';
    var grid = element('div');
    grid.style.display = 'grid';
    grid.style.gridTemplateColumns = 'repeat(auto-fill, minmax(320px, 1fr))';
    grid.style.gap = '0 16px';
    figure.appendChild(caption);
    figure.appendChild(grid);
    container.appendChild(figure);
    return grid;
  }

  /** The last moment any chart of the run shows, in seconds: every chart is drawn from 0 to it. */
  function lastSecond(r, markers) {
    var last = markers.reduce(function (max, m) { return Math.max(max, m.x); }, 0);
    var ts = r.timeSeries;
    var scan = function (points) {
      (Array.isArray(points) ? points : []).forEach(function (p) {
        if (p && finite(p.t)) {
          last = Math.max(last, p.t);
        }
      });
    };
    if (ts) {
      scan(ts.all);
      Object.keys(ts.byName || {}).forEach(function (name) { scan(ts.byName[name]); });
    }
    (r.samples && Array.isArray(r.samples.rows) ? r.samples.rows : []).forEach(function (row) {
      if (Array.isArray(row) && finite(row[0])) {
        last = Math.max(last, row[0]);
      }
    });
    return last;
  }

  /** Draws the run's charts into the container; returns the Chart instances. */
  function renderRun(container, results) {
    requireChart();
    var r = results || {};
    var markers = chaosMarkers(r.chaos).concat(toolMarkers(r.external));
    var xMax = lastSecond(r, markers);
    var ts = r.timeSeries;
    var charts = [];
    if (ts && Array.isArray(ts.all) && ts.all.length) {
      charts.push(latencyChart(container, ts.all, markers, xMax));
      charts.push(throughputChart(container, ts, markers, xMax));
    }
    if (ts && ts.byName && Object.keys(ts.byName).length) {
      charts.push(perRequestChart(container, ts.byName, markers, xMax));
    }
    if (r.samples && Array.isArray(r.samples.rows) && r.samples.rows.length) {
      charts = charts.concat(sampleCharts(container, r.samples, markers, xMax));
    }
    if (!charts.length) {
      container.appendChild(element('p', 'This run recorded no time series.'));
    }
    return charts;
  }

  /** Fills the band of a baseline metric behind the datasets, with its name at the band's top left. */
  function bandPlugin(bands) {
    return {
      id: 'stressgateBaseline',
      beforeDatasetsDraw: function (chart) {
        var y = chart.scales.y;
        var area = chart.chartArea;
        var ctx = chart.ctx;
        ctx.save();
        bands.forEach(function (b) {
          var top = y.getPixelForValue(b.high);
          var bottom = y.getPixelForValue(b.low);
          ctx.fillStyle = BAND_COLOR;
          ctx.fillRect(area.left, top, area.right - area.left, Math.max(1, bottom - top));
          ctx.fillStyle = VERDICT_COLORS.PASSED;
          ctx.font = '11px sans-serif';
          ctx.textBaseline = 'bottom';
          ctx.fillText('baseline ' + b.metric, area.left + 4, top - 1);
        });
        ctx.restore();
      }
    };
  }

  function verdictColor(point) {
    return VERDICT_COLORS[point.verdict] || UNKNOWN_COLOR;
  }

  function metricOf(point, key) {
    var m = point && point.metrics;
    return m && finite(m[key]) ? m[key] : null;
  }

  /** Verdict-coloured markers while they can be told apart; with many builds only on hover. */
  function markerRadius(count) {
    return count > 200 ? 0 : count > 60 ? 2 : 4;
  }

  /** Sum over the series of the triangle (a, j, next bucket's mean) each spans, each series scaled by its range. */
  function triangleArea(series, spans, a, j, nextX, nextY) {
    var area = 0;
    for (var s = 0; s < series.length; s++) {
      var ys = series[s];
      if (ys[a] != null && ys[j] != null && nextY[s] != null) {
        area += Math.abs((a - nextX) * (ys[j] - ys[a]) - (a - j) * (nextY[s] - ys[a])) / spans[s];
      }
    }
    return area;
  }

  function meanOf(ys, from, to) {
    var sum = 0;
    var count = 0;
    for (var i = from; i < to; i++) {
      if (ys[i] != null) {
        sum += ys[i];
        count++;
      }
    }
    return count ? sum / count : null;
  }

  function spanOf(ys) {
    var min = Infinity;
    var max = -Infinity;
    ys.forEach(function (y) {
      if (y != null) {
        min = Math.min(min, y);
        max = Math.max(max, y);
      }
    });
    return max > min ? max - min : 1;
  }

  /**
   * The builds worth drawing when there are more than pixel columns: largest-triangle-three-buckets over all the
   * chart's series at once (so every dataset keeps the same builds, and tooltips and clicks by index stay on one
   * build), plus in each bucket the first build each series misses, so a missing value still breaks the line.
   * Every kept index is a real build; null when every build fits.
   */
  function keptBuilds(series, count, columns) {
    if (!(columns >= 3) || count <= columns) {
      return null;
    }
    var spans = series.map(spanOf);
    var size = (count - 2) / (columns - 2);
    var kept = [0];
    var a = 0;
    for (var b = 0; b < columns - 2; b++) {
      var start = Math.floor(b * size) + 1;
      var end = Math.min(Math.floor((b + 1) * size) + 1, count - 1);
      var nextEnd = Math.min(Math.floor((b + 2) * size) + 1, count);
      var nextX = (end + nextEnd - 1) / 2;
      var nextY = series.map(function (ys) { return meanOf(ys, end, nextEnd); });
      var best = start;
      var bestArea = -1;
      var bucket = [];
      for (var j = start; j < end; j++) {
        var area = triangleArea(series, spans, a, j, nextX, nextY);
        if (area > bestArea) {
          bestArea = area;
          best = j;
        }
      }
      series.forEach(function (ys) {
        for (var g = start; g < end; g++) {
          if (ys[g] == null) {
            bucket.push(g);
            return;
          }
        }
      });
      if (end > start) {
        bucket.push(best);
        a = best;
      }
      bucket.sort(function (x, y) { return x - y; }).forEach(function (i) {
        if (i !== kept[kept.length - 1]) {
          kept.push(i);
        }
      });
    }
    kept.push(count - 1);
    return kept;
  }

  /** The datasets' data for the pixel width: pre-parsed {x: build index, y} points, fewer when the builds don't fit. */
  function trendData(series, count, columns) {
    var kept = keptBuilds(series, count, columns);
    return series.map(function (ys) {
      var data = new Array(kept ? kept.length : count);
      for (var k = 0; k < data.length; k++) {
        var i = kept ? kept[k] : k;
        data[k] = { x: i, y: ys[i] };
      }
      return data;
    });
  }

  function trendChart(canvas, spec, points, baseline, options) {
    var Chart = requireChart();
    var series = spec.metrics.map(function (key) {
      return points.map(function (p) {
        var v = metricOf(p, key);
        return v == null ? null : v * spec.scale;
      });
    });
    var radius = markerRadius(points.length);
    var columns = Math.floor(canvas.parentNode.clientWidth);
    var data = trendData(series, points.length, columns);
    var pointAt = function (item) {
      return item && item.raw ? points[item.raw.x] : null;
    };
    var hoverColor = function (context) {
      var p = pointAt(context);
      return p ? verdictColor(p) : UNKNOWN_COLOR;
    };
    // every point has the same options, which Chart.js then resolves once per dataset instead of once per point; the
    // verdict colours are drawn by the markers plugin, and resolved by Chart.js only for the point under the pointer
    var datasets = spec.metrics.map(function (key, i) {
      return {
        label: key, data: data[i], borderColor: spec.metrics.length > 1 ? color(i) : '#546e7a', borderWidth: 1.5,
        pointRadius: 0, pointHoverBackgroundColor: hoverColor, pointHoverBorderColor: hoverColor,
        pointHoverRadius: 6, pointHitRadius: 6, spanGaps: false
      };
    });
    var bands = spec.metrics.filter(function (key) {
      return baseline[key] && finite(baseline[key].low) && finite(baseline[key].high);
    }).map(function (key) {
      return { metric: key, low: baseline[key].low * spec.scale, high: baseline[key].high * spec.scale };
    });
    var bandHigh = bands.reduce(function (max, b) { return Math.max(max, b.high); }, 0);
    var label = function (index) {
      return Number.isInteger(index) && points[index] ? visible(points[index].build) : '';
    };
    return new Chart(canvas, {
      type: 'line',
      data: { datasets: datasets },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, parsing: false, normalized: true,
        interaction: { mode: 'index', intersect: false },
        scales: {
          // builds by position, labelled with their names: no label is measured unless it becomes a tick
          x: {
            type: 'linear', min: 0, max: Math.max(points.length - 1, 0),
            ticks: { precision: 0, maxTicksLimit: 20, maxRotation: 0, callback: label }
          },
          y: { beginAtZero: true, suggestedMax: bandHigh }
        },
        plugins: {
          legend: { display: spec.metrics.length > 1, position: 'bottom' },
          tooltip: { callbacks: {
            title: function (items) {
              var p = items.length ? pointAt(items[0]) : null;
              return p ? visible(p.build) : '';
            },
            footer: function (items) {
              var p = items.length ? pointAt(items[0]) : null;
              return p ? 'verdict: ' + visible(p.verdict) : '';
            }
          } }
        },
        onClick: function (event, elements, chart) {
          if (elements.length && typeof options.onBuildClick === 'function') {
            options.onBuildClick(points[chart.data.datasets[elements[0].datasetIndex].data[elements[0].index].x]);
          }
        },
        onHover: function (event, elements) {
          if (event.native && event.native.target) {
            event.native.target.style.cursor = elements.length && options.onBuildClick ? 'pointer' : 'default';
          }
        },
        onResize: function (chart, size) {
          if (Math.floor(size.width) === columns) {
            return;
          }
          columns = Math.floor(size.width);
          var resized = trendData(series, points.length, columns);
          chart.data.datasets.forEach(function (dataset, i) {
            dataset.data = resized[i];
          });
        }
      },
      plugins: [bandPlugin(bands), markersPlugin(points, radius)]
    });
  }

  /** Draws each shown point as a disc in the verdict colour of its build (none when radius is 0), one path per colour. */
  function markersPlugin(points, radius) {
    return {
      id: 'stressgateVerdicts',
      afterDatasetsDraw: function (chart) {
        if (radius <= 0) {
          return;
        }
        var ctx = chart.ctx;
        var area = chart.chartArea;
        ctx.save();
        ctx.lineWidth = 1;
        chart.data.datasets.forEach(function (dataset, i) {
          if (!chart.isDatasetVisible(i)) {
            return;
          }
          var byColor = {};
          chart.getDatasetMeta(i).data.forEach(function (element, k) {
            if (!element.skip && element.x >= area.left - radius && element.x <= area.right + radius) {
              var c = verdictColor(points[dataset.data[k].x]);
              (byColor[c] = byColor[c] || []).push(element);
            }
          });
          Object.keys(byColor).forEach(function (c) {
            ctx.fillStyle = ctx.strokeStyle = c;
            ctx.beginPath();
            byColor[c].forEach(function (element) {
              ctx.moveTo(element.x + radius, element.y);
              ctx.arc(element.x, element.y, radius, 0, 2 * Math.PI);
            });
            ctx.fill();
            ctx.stroke();
          });
        });
        ctx.restore();
      }
    };
  }

  /** Whether any part of an element is in the window. */
  function inView(element) {
    var box = element.getBoundingClientRect();
    return box.bottom >= 0 && box.top <= (global.innerHeight || document.documentElement.clientHeight);
  }

  /**
   * Builds each chart when its holder comes near the window, then forgets it; for pages whose later charts are out of
   * view, so that what the reader sees first is drawn without waiting for the rest.
   */
  function deferredBuilder(build) {
    var waiting = new Map();
    var observer = new global.IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting && waiting.has(entry.target)) {
          var canvas = waiting.get(entry.target);
          waiting.delete(entry.target);
          observer.unobserve(entry.target);
          build(canvas);
        }
      });
    }, { rootMargin: NEAR_VIEW + 'px 0px' });
    return function (canvas) {
      waiting.set(canvas.parentNode, canvas);
      observer.observe(canvas.parentNode);
    };
  }

  /**
   * Draws one chart per metric over the builds of a Trend; returns the Chart instances it built. With
   * {@code deferOffscreen} (where IntersectionObserver exists) only the charts in the window are built at once; one
   * just below is built right after (so it is ready when scrolled to), one further away only as it scrolls near.
   */
  function renderTrend(container, trend, options) {
    requireChart();
    var points = trend && Array.isArray(trend.points) ? trend.points : [];
    var baseline = trend && trend.baseline ? trend.baseline : {};
    var opts = options || {};
    var specs = TREND_CHARTS.filter(function (spec) {
      return points.some(function (p) {
        return spec.metrics.some(function (key) { return metricOf(p, key) != null; });
      });
    });
    if (!specs.length) {
      container.appendChild(element('p', 'No build has results to chart yet.'));
      return [];
    }
    // every figure is in the page before the first chart measures its width, so the page is laid out once for all
    var canvases = specs.map(function (spec) { return chartCanvas(container, spec.title, 220); });
    var build = function (canvas) {
      var spec = specs[canvases.indexOf(canvas)];
      return trendChart(canvas, spec, points, baseline, opts);
    };
    var lazy = opts.deferOffscreen && typeof global.IntersectionObserver === 'function';
    var defer = lazy ? deferredBuilder(build) : null;
    var charts = [];
    canvases.forEach(function (canvas) {
      if (!lazy || inView(canvas.parentNode)) {
        charts.push(build(canvas));
      } else {
        defer(canvas);
      }
    });
    return charts;
  }

  /** A tiny line over the values, no axes; a missing value breaks the line. */
  function renderSparkline(canvas, values) {
    var ctx = canvas.getContext('2d');
    var w = canvas.width;
    var h = canvas.height;
    var pad = 2;
    var list = Array.isArray(values) ? values : [];
    var nums = list.filter(finite);
    ctx.clearRect(0, 0, w, h);
    if (!nums.length) {
      return;
    }
    var min = nums.reduce(function (a, b) { return Math.min(a, b); });
    var max = nums.reduce(function (a, b) { return Math.max(a, b); });
    var span = max > min ? max - min : 1;
    var step = list.length > 1 ? (w - 2 * pad) / (list.length - 1) : 0;
    ctx.strokeStyle = COLORS[0];
    ctx.fillStyle = COLORS[0];
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    var drawing = false;
    list.forEach(function (v, i) {
      if (!finite(v)) {
        drawing = false;
        return;
      }
      var x = list.length > 1 ? pad + i * step : w / 2;
      var y = max > min ? h - pad - (v - min) / span * (h - 2 * pad) : h / 2;
      if (drawing) {
        ctx.lineTo(x, y);
      } else {
        ctx.moveTo(x, y);
        ctx.fillRect(x - 1, y - 1, 2, 2);
        drawing = true;
      }
    });
    ctx.stroke();
  }

  global.StressGateCharts = Object.freeze({
    renderRun: renderRun,
    renderTrend: renderTrend,
    renderSparkline: renderSparkline
  });
}(window));
