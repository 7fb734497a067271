// Drag and drop on a board: a progressive enhancement over the move form on every card.
// A drop sends the card's new column and neighbours to the JSON API with an idempotency key,
// so a retried request moves the card once. A refusal with a reason (a full column) puts the
// card back and says the reason; any other failure (a lost session) reloads the board as it is.
(function () {
  'use strict';
  if (typeof Sortable === 'undefined') return;
  var csrf = document.querySelector('meta[name="csrf-token"]');
  var board = document.querySelector('[data-board]');
  if (!csrf || !board) return;
  var api = board.getAttribute('data-api');
  function key() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return String(Date.now()) + Math.random().toString(16).slice(2);
  }
  // The card back where the drag started, and the server's reason in the alert.
  function refuse(evt, text) {
    var item = evt.item;
    item.parentNode.removeChild(item);
    evt.from.insertBefore(item, evt.from.children[evt.oldIndex] || null);
    var alert = document.getElementById('board-alert');
    if (!alert) return;
    alert.textContent = text || alert.getAttribute('data-refused');
    alert.hidden = false;
    alert.focus();
  }
  function move(evt) {
    var card = evt.item;
    var list = card.parentElement;
    var prev = card.previousElementSibling;
    var next = card.nextElementSibling;
    var body = {
      column_id: list.getAttribute('data-column'),
      after: prev && prev.getAttribute('data-id') || '',
      before: !prev && next && next.getAttribute('data-id') || '',
      position: prev || next ? '' : 'top'
    };
    board.setAttribute('aria-busy', 'true');
    fetch(api + '/tasks/' + card.getAttribute('data-id') + '/move', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/json',
        'X-CSRF-Token': csrf.getAttribute('content'),
        'Idempotency-Key': key()
      },
      body: JSON.stringify(body)
    }).then(function (res) {
      board.removeAttribute('aria-busy');
      if (res.status === 409 || res.status === 422) {
        return res.json().then(function (problem) {
          refuse(evt, problem.detail);
        }, function () { refuse(evt, ''); });
      }
      if (!res.ok) { window.location.reload(); return; }
      var alert = document.getElementById('board-alert');
      if (alert) alert.hidden = true;
      var status = document.getElementById('board-status');
      if (status) status.textContent = status.getAttribute('data-moved');
    }, function () { window.location.reload(); });
  }
  var lists = board.querySelectorAll('ul[data-column]');
  for (var i = 0; i < lists.length; i++) {
    // The fallback drags with pointer events, so touch screens and mice behave the same.
    Sortable.create(lists[i], { group: 'board', animation: 120, forceFallback: true, onEnd: move, filter: 'form, select, button, input, a, summary', preventOnFilter: false });
  }
})();
