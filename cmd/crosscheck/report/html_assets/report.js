// crosscheck report: navigation between findings, the findings list's
// filters and pages. It only reads the page and builds elements with
// textContent: no document text is ever parsed as HTML.
(function () {
  'use strict';
  // The findings list: the first page in the table, the other rows as
  // HTML in an attribute until they are first needed.
  var tbody = document.querySelector('#flist tbody');
  var rows = Array.prototype.slice.call(tbody.rows);
  var more = document.getElementById('frows');
  function allRows() {
    if (more) {
      var unfiltered = shown === rows;
      var t = document.createElement('tbody');
      t.innerHTML = more.getAttribute('data-body');
      rows = rows.concat(Array.prototype.slice.call(t.rows));
      if (unfiltered) shown = rows;
      more.remove();
      more = null;
    }
    return rows;
  }
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
    shown = allRows().filter(matches);
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
    tbody.replaceChildren.apply(tbody, shown.slice(from, to));
    pager.textContent = '';
    var label = document.createElement('span');
    var total = shown.length + (more && shown === rows ? more.getAttribute('data-count') - 0 : 0);
    label.textContent = total ? (from + 1) + '–' + to + ' of ' + total : 'no findings match';
    pager.appendChild(button('◀', page > 0, function () { page--; draw(); }));
    pager.appendChild(label);
    pager.appendChild(button('▶', to < total, function () { allRows(); page++; draw(); }));
  }

  // showRow makes a row of the findings list visible: its page, or all
  // findings when the filters hide it.
  function showRow(row) {
    allRows();
    var i = shown.indexOf(row);
    if (i < 0) {
      fcheck.value = fsev.value = ftext.value = '';
      shown = rows;
      i = rows.indexOf(row);
    }
    page = Math.floor(i / pageSize);
    draw();
  }

  // fill inserts the body of a closed section, carried as HTML (escaped
  // by the report's templates) in its data-body attribute.
  function fill(d) {
    var body = d.getAttribute('data-body');
    if (body !== null) {
      d.removeAttribute('data-body');
      d.insertAdjacentHTML('beforeend', body);
    }
  }

  function openAncestors(el) {
    for (var p = el; p; p = p.parentElement) {
      if (p.tagName === 'DETAILS') {
        fill(p);
        p.open = true;
      }
    }
  }

  // find returns the element with the given id, inserting the body of
  // the section that holds it first.
  function find(id) {
    var el = document.getElementById(id);
    if (el) return el;
    var needle = 'id="' + id + '"';
    var ds = document.querySelectorAll('details[data-body]');
    for (var i = 0; i < ds.length; i++) {
      if (ds[i].getAttribute('data-body').indexOf(needle) >= 0) {
        fill(ds[i]);
        return document.getElementById(id);
      }
    }
    return null;
  }

  function flash(el) {
    el.classList.remove('flash');
    void el.offsetWidth; // restart the animation
    el.classList.add('flash');
    setTimeout(function () { el.classList.remove('flash'); }, 1700);
  }

  // select makes finding i the current one, for the bar's previous and next.
  function select(i) {
    var row = allRows()[i];
    if (!row) return;
    var old = document.getElementById('f' + current);
    if (old) old.classList.remove('current');
    current = i;
    var a = find('f' + i);
    if (a) a.classList.add('current');
    var cells = row.cells;
    ncur.textContent = 'Finding ' + (i + 1) + ' of ' + allRows().length + ': ' + cells[2].textContent + ' at ' +
      cells[3].textContent + ' — ' + cells[4].textContent;
    navbar.hidden = false;
  }

  // go shows the element with the given id: opens what holds it, turns the
  // findings list to its page, scrolls it to the middle and flashes it.
  function go(id, push) {
    var r = /^row(\d+)$/.exec(id);
    if (r && allRows()[+r[1]]) showRow(rows[+r[1]]);
    var el = find(id);
    if (!el) return false;
    openAncestors(el);
    el.scrollIntoView({block: el.tagName === 'SECTION' ? 'start' : 'center'});
    if (el.tagName !== 'SECTION') flash(el);
    var m = /^(?:f|row)(\d+)$/.exec(id);
    if (m) select(parseInt(m[1], 10));
    if (push && location.hash !== '#' + id) history.pushState(null, '', '#' + id);
    return true;
  }

  function step(d) {
    var n = current < 0 ? (d > 0 ? 0 : allRows().length - 1) : current + d;
    if (n >= 0 && n < allRows().length) go('f' + n, true);
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

  document.addEventListener('toggle', function (e) {
    if (e.target.tagName === 'DETAILS' && e.target.open) fill(e.target);
  }, true);
  document.querySelectorAll('details[open]').forEach(fill);
  draw();
  if (location.hash.length > 1) go(location.hash.slice(1), false);
})();
