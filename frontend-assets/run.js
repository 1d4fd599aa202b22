// A run's page follows the run live: every command's output appears as the server prints it.
// The page was rendered with the events up to data-last-seq; the stream continues from there.
(function () {
  'use strict';
  var root = document.getElementById('run');
  if (!root || root.getAttribute('data-active') !== 'true') {
    return;
  }
  var FINAL = ['SUCCEEDED', 'FAILED', 'SKIPPED', 'INTERRUPTED'];
  var BADGE = {
    SUCCEEDED: 'text-bg-success', FAILED: 'text-bg-danger', INTERRUPTED: 'text-bg-danger',
    RUNNING: 'text-bg-primary', PENDING: 'text-bg-light border', SKIPPED: 'text-bg-light border'
  };

  function stepElement(position) {
    return document.getElementById('step-' + position);
  }

  function setBadge(badge, status) {
    badge.className = 'badge step-status ' + (BADGE[status] || 'text-bg-secondary');
    badge.textContent = status;
  }

  function progress() {
    var steps = document.querySelectorAll('#steps .step');
    var done = 0;
    steps.forEach(function (step) {
      if (FINAL.indexOf(step.getAttribute('data-status')) >= 0) {
        done++;
      }
    });
    var text = document.getElementById('run-progress');
    if (text) {
      text.textContent = 'step ' + done + ' of ' + steps.length;
    }
  }

  var startedAt = root.getAttribute('data-started-at') ? Date.parse(root.getAttribute('data-started-at')) : Date.now();
  var timer = window.setInterval(function () {
    var seconds = Math.max(0, Math.round((Date.now() - startedAt) / 1000));
    var elapsed = document.getElementById('run-elapsed');
    if (elapsed) {
      elapsed.textContent = seconds < 60 ? seconds + ' s' : Math.floor(seconds / 60) + ' min ' + (seconds % 60) + ' s';
    }
  }, 1000);

  var url = root.getAttribute('data-events-url') + '?after=' + encodeURIComponent(root.getAttribute('data-last-seq') || '0');
  var source = new EventSource(url);

  function reload() {
    source.close();
    window.clearInterval(timer);
    window.location.reload();
  }

  source.addEventListener('preflight', reload);
  source.addEventListener('plan', reload);
  source.addEventListener('run', function (event) {
    var data = JSON.parse(event.data);
    if (data.status !== 'RUNNING' && data.status !== 'PENDING') {
      reload();
    }
  });
  source.addEventListener('step', function (event) {
    var data = JSON.parse(event.data);
    var step = stepElement(data.position);
    if (!step) {
      reload();
      return;
    }
    step.setAttribute('data-status', data.status);
    setBadge(step.querySelector('.step-status'), data.status);
    if (data.command) {
      step.querySelector('.step-command').textContent = data.command;
    }
    if (data.exitCode !== null && data.exitCode !== undefined) {
      step.querySelector('.step-exit').textContent = 'exit ' + data.exitCode;
    }
    if (FINAL.indexOf(data.status) >= 0 && data.output !== null && data.output !== undefined) {
      var output = step.querySelector('.step-output');
      output.textContent = data.output;
      output.classList.toggle('d-none', data.output === '');
    }
    progress();
  });
  source.addEventListener('line', function (event) {
    var data = JSON.parse(event.data);
    var step = stepElement(data.position);
    if (!step || FINAL.indexOf(step.getAttribute('data-status')) >= 0) {
      return;
    }
    var output = step.querySelector('.step-output');
    output.classList.remove('d-none');
    output.appendChild(document.createTextNode(data.text + '\n'));
    output.scrollTop = output.scrollHeight;
  });
  source.onerror = function () {
    // The browser reconnects by itself; a finished run closes the stream and reloads the page.
  };
})();
