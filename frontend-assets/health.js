// The live health pages: tiles are swapped by htmx's SSE extension (sse-swap); this script keeps
// relative times current, draws the latency charts (uPlot) and the topology pictures (SVG), and
// shows whether the stream is connected. No inline scripts: the Content-Security-Policy forbids them.
(function () {
  'use strict';

  var WINDOW_SECONDS = 15 * 60;
  var TIMELINE_MAX = 50;
  var SVG = 'http://www.w3.org/2000/svg';
  var COLOURS = {
    UP: { fill: '#d1f2dc', stroke: '#198754' },
    DEGRADED: { fill: '#fff3cd', stroke: '#b58105' },
    NOT_RESPONDING: { fill: '#ffe0c2', stroke: '#d35400' },
    DOWN: { fill: '#f8d7da', stroke: '#b02a37' },
    UNKNOWN: { fill: '#e9ecef', stroke: '#6c757d' }
  };

  // --- relative times ("12 s ago"), exact time in the title -------------------------------
  function ago(date) {
    var seconds = Math.max(0, Math.round((Date.now() - date.getTime()) / 1000));
    if (seconds < 5) { return 'just now'; }
    if (seconds < 60) { return seconds + ' s ago'; }
    if (seconds < 3600) { return Math.floor(seconds / 60) + ' min ago'; }
    if (seconds < 86400) { return Math.floor(seconds / 3600) + ' h ago'; }
    return Math.floor(seconds / 86400) + ' d ago';
  }

  function refreshTimes(root) {
    (root || document).querySelectorAll('time[data-relative]').forEach(function (element) {
      var value = element.getAttribute('datetime');
      if (value) {
        element.textContent = ago(new Date(value));
      }
    });
  }

  // --- latency charts ---------------------------------------------------------------------
  var charts = {}; // series key -> [{plot, xs, ys, element}]

  function chartOptions(element, big) {
    var width = Math.max(120, element.clientWidth || 180);
    var line = { stroke: '#2f6fb3', width: big ? 1.5 : 1.2, fill: 'rgba(47,111,179,.12)', spanGaps: false,
      points: { show: false }, label: 'round trip', value: function (u, v) { return v == null ? 'no answer' : v + ' ms'; } };
    return {
      width: width,
      height: big ? 220 : 34,
      legend: { show: big },
      cursor: big ? {} : { show: false },
      select: { show: false },
      scales: {
        // The last 15 minutes, or less while there is less history (at least a minute).
        x: { time: true, range: function (u) {
          var now = Date.now() / 1000;
          var first = u.data[0].length ? u.data[0][0] : now;
          return [Math.max(now - WINDOW_SECONDS, Math.min(first, now - 60)), now];
        } },
        y: { range: function (u, min, max) { return [0, Math.max(5, (max || 0) * 1.25)]; } }
      },
      axes: big ? [{}, { label: 'ms', size: 50 }] : [{ show: false }, { show: false }],
      series: [{}, line]
    };
  }

  function addChart(element, big) {
    var key = element.getAttribute('data-series');
    var url = element.getAttribute('data-latency-url');
    if (!key || !url || typeof window.uPlot !== 'function') {
      return;
    }
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : { points: [] }; })
      .then(function (data) {
        var xs = [];
        var ys = [];
        (data.points || []).forEach(function (point) {
          xs.push(point[0] / 1000);
          ys.push(point[1]);
        });
        var plot = new window.uPlot(chartOptions(element, big), [xs, ys], element);
        (charts[key] = charts[key] || []).push({ plot: plot, xs: xs, ys: ys, element: element, big: big });
      })
      .catch(function () { /* the chart stays empty; the tiles still work */ });
  }

  // Longer ranges: one point per stored bucket (average and longest round trip, failed probes).
  function addHistoryChart(element) {
    if (typeof window.uPlot !== 'function') {
      return;
    }
    fetch(element.getAttribute('data-samples-url'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : { points: [] }; })
      .then(function (data) {
        var columns = [[], [], [], []];
        (data.points || []).forEach(function (point) {
          columns[0].push(point[0] / 1000);
          columns[1].push(point[1]);
          columns[2].push(point[2]);
          columns[3].push(point[3]);
        });
        var bars = window.uPlot.paths && window.uPlot.paths.bars ? window.uPlot.paths.bars({ size: [0.8, 8] }) : undefined;
        new window.uPlot({
          width: Math.max(120, element.clientWidth || 600),
          height: 220,
          scales: { x: { time: true }, y: { range: function (u, min, max) { return [0, Math.max(5, (max || 0) * 1.25)]; } },
            n: { range: function (u, min, max) { return [0, Math.max(4, (max || 0) * 4)]; } } },
          axes: [{}, { label: 'ms', size: 50 }],
          series: [{},
            { label: 'average', stroke: '#2f6fb3', width: 1.5, fill: 'rgba(47,111,179,.12)', spanGaps: false,
              value: function (u, v) { return v == null ? '—' : v + ' ms'; } },
            { label: 'longest', stroke: '#8fa3b8', width: 1, dash: [4, 3], spanGaps: false,
              value: function (u, v) { return v == null ? '—' : v + ' ms'; } },
            { label: 'no answer', scale: 'n', stroke: '#b02a37', fill: 'rgba(176,42,55,.35)', paths: bars, points: { show: false },
              value: function (u, v) { return v == null ? '—' : v + ' probes'; } }]
        }, columns, element);
      })
      .catch(function () { /* the chart stays empty */ });
  }

  function appendSamples(samples) {
    var oldest = Date.now() / 1000 - WINDOW_SECONDS;
    Object.keys(samples).forEach(function (key) {
      (charts[key] || []).forEach(function (chart) {
        samples[key].forEach(function (point) {
          chart.xs.push(point[0] / 1000);
          chart.ys.push(point[1]);
        });
        while (chart.xs.length && chart.xs[0] < oldest) {
          chart.xs.shift();
          chart.ys.shift();
        }
        chart.plot.setData([chart.xs, chart.ys]);
      });
    });
  }

  window.addEventListener('resize', function () {
    Object.keys(charts).forEach(function (key) {
      charts[key].forEach(function (chart) {
        chart.plot.setSize({ width: Math.max(120, chart.element.clientWidth), height: chart.big ? 220 : 34 });
      });
    });
  });

  // --- topology: clients -> balancers -> nodes ----------------------------------------------
  function stateOf(target) {
    var element = document.getElementById(target);
    var inner = element && element.querySelector('[data-state]');
    return (inner && inner.getAttribute('data-state')) || 'UNKNOWN';
  }

  function ejectedOf(target) {
    var element = document.getElementById(target);
    var inner = element && element.querySelector('[data-ejected]');
    return !!inner && inner.getAttribute('data-ejected') === 'true';
  }

  function answers(state) {
    return state === 'UP' || state === 'DEGRADED';
  }

  function svg(name, attributes, parent) {
    var element = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { element.setAttribute(key, attributes[key]); });
    if (parent) { parent.appendChild(element); }
    return element;
  }

  function box(parent, x, y, w, h, title, state, kind) {
    var colour = COLOURS[state] || COLOURS.UNKNOWN;
    var group = svg('g', { 'class': 'topology-box', 'data-state': state, 'data-kind': kind }, parent);
    svg('rect', { x: x, y: y, width: w, height: h, rx: 6, fill: colour.fill, stroke: colour.stroke, 'stroke-width': 1.5 }, group);
    var name = svg('text', { x: x + w / 2, y: y + 17, 'text-anchor': 'middle', 'class': 'topology-name' }, group);
    name.textContent = title.length > 24 ? title.slice(0, 23) + '…' : title;
    if (state) {
      var label = svg('text', { x: x + w / 2, y: y + 33, 'text-anchor': 'middle', 'class': 'topology-state', fill: colour.stroke }, group);
      label.textContent = state.replace('_', ' ');
    }
    var tip = svg('title', {}, group);
    tip.textContent = title + (state ? ': ' + state.replace('_', ' ') : '');
    return group;
  }

  function edge(parent, x1, y1, x2, y2, kind, tip) {
    var line = svg('path', { d: 'M' + x1 + ',' + y1 + ' C' + (x1 + x2) / 2 + ',' + y1 + ' ' + (x1 + x2) / 2 + ',' + y2 + ' ' + x2 + ',' + y2,
      'class': 'topology-edge ' + kind, fill: 'none' }, parent);
    if (tip) {
      svg('title', {}, line).textContent = tip;
    }
  }

  function drawTopology(container) {
    var card = container.closest('[data-cluster]');
    var balancers = Array.prototype.map.call(card.querySelectorAll('[data-balancer-tile]'), function (tile) {
      var target = tile.getAttribute('data-target');
      return { name: tile.getAttribute('data-name'), state: stateOf(target) };
    });
    var nodes = Array.prototype.map.call(card.querySelectorAll('[data-node-tile]'), function (tile) {
      var target = tile.getAttribute('data-target');
      return { name: tile.getAttribute('data-name'), state: stateOf(target), ejected: ejectedOf(target) };
    });
    var rows = Math.max(balancers.length, nodes.length, 1);
    var boxW = 170, boxH = 42, gap = 12;
    var width = Math.max(container.clientWidth, 560);
    var height = rows * (boxH + gap) + gap;
    var columns = balancers.length ? [20, (width - boxW) / 2, width - boxW - 20] : [20, null, width - boxW - 20];
    var picture = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, width: '100%', height: height, role: 'img',
      'aria-label': 'clients, ' + balancers.length + ' balancers, ' + nodes.length + ' nodes' });
    var edges = svg('g', {}, picture);
    var boxes = svg('g', {}, picture);
    function top(index, count) {
      return (height - (count * boxH + (count - 1) * gap)) / 2 + index * (boxH + gap);
    }
    var clientsY = top(0, 1);
    box(boxes, columns[0], clientsY, boxW, boxH, 'Applications', '', 'clients');
    var nodeYs = nodes.map(function (node, i) {
      var y = top(i, nodes.length);
      box(boxes, columns[2], y, boxW, boxH, node.name, node.state, 'node');
      return y;
    });
    if (balancers.length) {
      balancers.forEach(function (balancer, i) {
        var y = top(i, balancers.length);
        box(boxes, columns[1], y, boxW, boxH, balancer.name, balancer.state, 'balancer');
        // A balancer that accepts but does not answer in time still forwards: its clients reach the
        // answering nodes, and hang on a frozen one. Only a balancer that is down (or unknown) uses nothing.
        var forwards = answers(balancer.state) || balancer.state === 'NOT_RESPONDING';
        edge(edges, columns[0] + boxW, clientsY + boxH / 2, columns[1], y + boxH / 2,
          answers(balancer.state) ? 'used' : forwards ? 'hanging' : 'unused',
          balancer.name + (answers(balancer.state) ? ' answers' : forwards ? ' accepts, but some clients hang' : ' does not answer'));
        nodes.forEach(function (node, j) {
          var kind = node.ejected ? 'cut' : !forwards ? 'unused' : answers(node.state) ? 'used'
            : node.state === 'NOT_RESPONDING' ? 'hanging' : 'unused';
          var tip = kind === 'cut' ? 'Warren took ' + node.name + ' out of ' + balancer.name + ' (ejection)'
            : kind === 'used' ? balancer.name + ' sends clients to ' + node.name
            : kind === 'hanging' ? node.name + ' is frozen: a balancer still sends it clients, which hang'
              : balancer.name + ' does not use ' + node.name;
          edge(edges, columns[1] + boxW, y + boxH / 2, columns[2], nodeYs[j] + boxH / 2, kind, tip);
        });
      });
    }
    else {
      nodes.forEach(function (node, j) {
        edge(edges, columns[0] + boxW, clientsY + boxH / 2, columns[2], nodeYs[j] + boxH / 2, 'direct',
          'no balancer: applications connect to nodes directly');
      });
    }
    container.replaceChildren(picture);
  }

  var topologyPending = false;
  function redrawTopologies() {
    if (topologyPending) { return; }
    topologyPending = true;
    window.requestAnimationFrame(function () {
      topologyPending = false;
      document.querySelectorAll('[data-topology]').forEach(drawTopology);
    });
  }

  // --- the stream ---------------------------------------------------------------------------
  var sources = typeof WeakSet === 'function' ? new WeakSet() : null;

  function setLive(text, css) {
    var status = document.getElementById('live-status');
    if (status) {
      status.className = 'badge ' + css;
      status.querySelector('span').textContent = text;
      status.setAttribute('data-live', text);
    }
  }

  document.addEventListener('htmx:sseOpen', function (event) {
    setLive('live', 'text-bg-success');
    var source = event.detail && event.detail.source;
    if (source && sources && !sources.has(source)) {
      sources.add(source);
      source.addEventListener('estate', function () {
        var notice = document.getElementById('estate-changed');
        if (notice) {
          notice.classList.remove('d-none');
        }
      });
      source.addEventListener('samples', function (message) {
        try {
          appendSamples(JSON.parse(message.data));
        }
        catch (e) { /* a broken sample never stops the page */ }
      });
    }
  });

  document.addEventListener('htmx:sseError', function () {
    setLive('reconnecting…', 'text-bg-warning');
  });

  document.addEventListener('htmx:afterSwap', function (event) {
    refreshTimes(event.target);
    var timeline = document.getElementById('timeline');
    if (timeline && timeline.contains(event.target)) {
      while (timeline.children.length > TIMELINE_MAX) {
        timeline.removeChild(timeline.lastElementChild);
      }
    }
    redrawTopologies();
  });

  document.addEventListener('DOMContentLoaded', function () {
    refreshTimes(document);
    window.setInterval(function () { refreshTimes(document); }, 5000);
    document.querySelectorAll('.sparkline[data-latency-url]').forEach(function (element) { addChart(element, false); });
    document.querySelectorAll('.latency-chart[data-latency-url]').forEach(function (element) { addChart(element, true); });
    document.querySelectorAll('.latency-chart[data-samples-url]').forEach(addHistoryChart);
    redrawTopologies();
  });
})();
