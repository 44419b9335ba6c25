// crosscheck report: navigation between findings, the findings list's
// filters and pages. It only reads the page and builds elements with
// textContent: no document text is ever parsed as HTML.
(function () {
  'use strict';
  var rows = Array.prototype.slice.call(document.querySelectorAll('#flist tbody tr'));
  var pager = document.getElementById('pager');
  var pageSize = parseInt(pager.getAttribute('data-size'), 10) || 200;
  var fcheck = document.getElementById('fcheck');
  var fsev = document.getElementById('fsev');
  var ftext = document.getElementById('ftext');
  var navbar = document.getElementById('navbar');
  var ncur = document.getElementById('ncur');
  var shown = rows;
  var page = 0;
  var current = -1;

  function matches(row) {
    if (fcheck.value && row.getAttribute('data-check') !== fcheck.value) return false;
    if (fsev.value && row.getAttribute('data-sev') !== fsev.value) return false;
    var q = ftext.value.trim().toLowerCase();
    return !q || row.textContent.toLowerCase().indexOf(q) >= 0;
  }

  function filter() {
    shown = rows.filter(matches);
    page = 0;
    draw();
  }

  function button(label, enabled, onclick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.disabled = !enabled;
    b.addEventListener('click', onclick);
    return b;
  }

  // draw shows the current page of the filtered rows.
  function draw() {
    var from = page * pageSize, to = Math.min(shown.length, from + pageSize);
    var visible = new Set(shown.slice(from, to));
    rows.forEach(function (r) { r.classList.toggle('hide', !visible.has(r)); });
    pager.textContent = '';
    var label = document.createElement('span');
    label.textContent = shown.length ? (from + 1) + '–' + to + ' of ' + shown.length : 'no findings match';
    pager.appendChild(button('◀', page > 0, function () { page--; draw(); }));
    pager.appendChild(label);
    pager.appendChild(button('▶', to < shown.length, function () { page++; draw(); }));
  }

  // showRow makes a row of the findings list visible: its page, or all
  // findings when the filters hide it.
  function showRow(row) {
    var i = shown.indexOf(row);
    if (i < 0) {
      fcheck.value = fsev.value = ftext.value = '';
      shown = rows;
      i = rows.indexOf(row);
    }
    page = Math.floor(i / pageSize);
    draw();
  }

  function openAncestors(el) {
    for (var p = el; p; p = p.parentElement) {
      if (p.tagName === 'DETAILS') p.open = true;
    }
  }

  function flash(el) {
    el.classList.remove('flash');
    void el.offsetWidth; // restart the animation
    el.classList.add('flash');
    setTimeout(function () { el.classList.remove('flash'); }, 1700);
  }

  // select makes finding i the current one, for the bar's previous and next.
  function select(i) {
    var row = document.getElementById('row' + i);
    if (!row) return;
    var old = document.getElementById('f' + current);
    if (old) old.classList.remove('current');
    current = i;
    var a = document.getElementById('f' + i);
    if (a) a.classList.add('current');
    var cells = row.cells;
    ncur.textContent = 'Finding ' + (i + 1) + ' of ' + rows.length + ': ' + cells[2].textContent + ' at ' +
      cells[3].textContent + ' — ' + cells[4].textContent;
    navbar.hidden = false;
  }

  // go shows the element with the given id: opens what holds it, turns the
  // findings list to its page, scrolls it to the middle and flashes it.
  function go(id, push) {
    var el = document.getElementById(id);
    if (!el) return false;
    if (el.tagName === 'TR') showRow(el);
    openAncestors(el);
    el.scrollIntoView({block: el.tagName === 'SECTION' ? 'start' : 'center'});
    if (el.tagName !== 'SECTION') flash(el);
    var m = /^(?:f|row)(\d+)$/.exec(id);
    if (m) select(parseInt(m[1], 10));
    if (push && location.hash !== '#' + id) history.pushState(null, '', '#' + id);
    return true;
  }

  function step(d) {
    var n = current < 0 ? (d > 0 ? 0 : rows.length - 1) : current + d;
    if (n >= 0 && n < rows.length) go('f' + n, true);
  }

  document.addEventListener('click', function (e) {
    var a = e.target.closest('a');
    if (a) {
      var href = a.getAttribute('href') || '';
      if (href.charAt(0) !== '#' || href.length < 2) return;
      if (a.hasAttribute('data-check')) {
        fcheck.value = a.getAttribute('data-check');
        filter();
      }
      if (go(href.slice(1), true)) e.preventDefault();
      return;
    }
    var m = e.target.closest('mark[data-f]');
    if (m) select(parseInt(m.getAttribute('data-f'), 10));
  });
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(e.target.tagName)) return;
    if (e.key === 'n' || e.key === 'j') step(1);
    else if (e.key === 'p' || e.key === 'k') step(-1);
  });
  document.getElementById('nprev').addEventListener('click', function () { step(-1); });
  document.getElementById('nnext').addEventListener('click', function () { step(1); });
  [fcheck, fsev].forEach(function (s) { s.addEventListener('change', filter); });
  ftext.addEventListener('input', filter);
  document.getElementById('filters').addEventListener('submit', function (e) { e.preventDefault(); });
  window.addEventListener('hashchange', function () { go(location.hash.slice(1), false); });
  window.addEventListener('popstate', function () { go(location.hash.slice(1), false); });

  draw();
  if (location.hash.length > 1) go(location.hash.slice(1), false);
})();
