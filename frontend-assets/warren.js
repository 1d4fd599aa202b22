// Warren's own behaviour. No inline scripts anywhere: the Content-Security-Policy forbids them.
(function () {
  'use strict';

  // Forms that change something important ask first: <form data-confirm="Delete …?">.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    // Long requests (preflight checks over SSH) show that they are working.
    var busy = form.getAttribute && form.getAttribute('data-busy');
    if (busy) {
      form.querySelectorAll('button[type=submit]').forEach(function (button) {
        button.disabled = true;
        button.innerHTML = '<span class="spinner-border spinner-border-sm" aria-hidden="true"></span> ';
        button.appendChild(document.createTextNode(busy));
      });
    }
  });

  // Show the fields that belong to the chosen radio button: data-toggle-group="auth" on the radios,
  // data-show-when="auth=PASSWORD" on what depends on them.
  function applyToggles(group) {
    var checked = document.querySelector('input[data-toggle-group="' + group + '"]:checked');
    var value = checked ? checked.value : null;
    document.querySelectorAll('[data-show-when^="' + group + '="]').forEach(function (element) {
      var wanted = element.getAttribute('data-show-when').split('=')[1];
      element.classList.toggle('d-none-by-toggle', wanted !== value);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var groups = new Set();
    document.querySelectorAll('input[data-toggle-group]').forEach(function (input) {
      groups.add(input.getAttribute('data-toggle-group'));
      input.addEventListener('change', function () {
        applyToggles(input.getAttribute('data-toggle-group'));
      });
    });
    groups.forEach(applyToggles);
  });
})();
