// The Charter map page: server-side clusters per view, single pins when zoomed in, level and
// phase filters, search, statistics for the view, and live updates from /api/v1/events.
(function () {
  'use strict';
  var COLOURS = { 1: '#1f77b4', 2: '#2ca02c', 3: '#e67e00', 4: '#8e44ad' };
  var NAMES = { 1: 'Committed to ICT', 2: 'Recognised for ICT', 3: 'ICT Mark Accredited', 4: 'ICT Excellence Award' };
  var body = document.body;
  // Revalidate every read with its ETag (a 304 when nothing changed), so live updates show.
  var FRESH = { cache: 'no-cache' };
  var map = L.map('map', { minZoom: 5, maxZoom: 18, keyboard: true }).setView([52.9, -1.5], 6);
  var tiles = body.getAttribute('data-tile-url');
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 18 }).addTo(map);
  } else {
    fetch('/static/gb-outline.geojson').then(function (r) { return r.json(); }).then(function (outline) {
      L.geoJSON(outline, { interactive: false, style: { color: '#7d93a8', weight: 1.2, opacity: 0.9 } }).addTo(map);
    });
  }
  var clusterLayer = L.layerGroup().addTo(map);
  // Pins that share a position (approximate ones at one centre) spread out on click.
  var pinLayer = L.markerClusterGroup({ maxClusterRadius: 12, showCoverageOnHover: false }).addTo(map);
  var state = { markers: {}, generation: 0, openUrn: null, clusters: [], schools: [], total: 0, loads: 0 };
  window.charterMap = { map: map, state: state };

  function text(s) { return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }
  function levels() {
    return Array.prototype.filter.call(document.querySelectorAll('input[name=level]'), function (i) { return i.checked; })
      .map(function (i) { return i.value; });
  }
  function filters() {
    var q = '';
    var chosen = levels();
    if (chosen.length < 4) { q += '&level=' + (chosen.length ? chosen.join(',') : '0'); }
    var phase = document.getElementById('phase').value;
    if (phase) { q += '&phase=' + encodeURIComponent(phase); }
    var authority = document.getElementById('authority').value;
    if (authority) { q += '&la=' + authority; }
    return q;
  }
  function bbox() {
    var b = map.getBounds();
    function c(v, lim) { return Math.max(-lim, Math.min(lim, v)).toFixed(5); }
    return [c(b.getWest(), 180), c(b.getSouth(), 90), c(b.getEast(), 180), c(b.getNorth(), 90)].join(',');
  }
  function popup(s) {
    var badges = (s.badges || []).map(function (b) { return '<li>' + text(b.title) + (b.detail ? ': ' + text(b.detail) : '') + '</li>'; }).join('');
    return '<div class="school" data-urn="' + text(s.urn) + '"><strong>' + text(s.name) + '</strong><br>' +
      text(s.phase) + ' · ' + text(s.local_authority.name) + '<br>' + text(s.town) + ' ' + text(s.postcode) + '<br>' +
      '<span class="swatch l' + s.level + '"></span><span class="level">Level ' + s.level + ': ' + text(s.level_name) + '</span><br>' +
      'since ' + text((s.level_since || '').slice(0, 10)) + (s.approximate ? '<br>≈ placed approximately' : '') +
      (badges ? '<ul class="badges">' + badges + '</ul>' : '') + '</div>';
  }
  function pin(s) {
    var icon = L.divIcon({ className: '', html: '<div class="pin' + (s.approximate ? ' approximate' : '') +
      '" style="background:' + COLOURS[s.level] + ';width:14px;height:14px"></div>', iconSize: [18, 18], iconAnchor: [9, 9] });
    var m = L.marker([s.location.lat, s.location.lon], { icon: icon, title: s.name + ' (level ' + s.level + ')', keyboard: true, alt: s.name });
    m.bindPopup(popup(s));
    m.on('popupopen', function () { state.openUrn = s.urn; });
    state.markers[s.urn] = m;
    return m;
  }
  function clusterMarker(c) {
    var size = c.count < 10 ? 30 : c.count < 100 ? 36 : c.count < 1000 ? 44 : 52;
    var bar = [1, 2, 3, 4].map(function (l) {
      var n = c.by_level[String(l)] || 0;
      return n ? '<span style="flex:' + n + ';background:' + COLOURS[l] + '"></span>' : '';
    }).join('');
    var icon = L.divIcon({ className: '', html: '<div class="cluster" style="width:' + size + 'px;height:' + size + 'px">' +
      c.count + '<div class="cluster-levels">' + bar + '</div></div>', iconSize: [size, size], iconAnchor: [size / 2, size / 2] });
    var title = c.count + ' schools: ' + [1, 2, 3, 4].map(function (l) { return (c.by_level[String(l)] || 0) + ' at level ' + l; }).join(', ');
    var m = L.marker([c.lat, c.lon], { icon: icon, title: title, keyboard: true, alt: title });
    m.on('click', function () {
      var b = c.bbox;
      if (b[0] === b[2] && b[1] === b[3]) { map.setView([c.lat, c.lon], Math.min(map.getZoom() + 3, 18)); }
      else { map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { maxZoom: 18 }); }
    });
    return m;
  }
  function load() {
    var generation = ++state.generation;
    var zoom = map.getZoom();
    return fetch('/api/v1/clusters?bbox=' + bbox() + '&zoom=' + zoom + filters(), FRESH).then(function (r) {
      if (!r.ok) { throw new Error('clusters: HTTP ' + r.status); }
      return r.json();
    }).then(function (data) {
      if (generation !== state.generation) { return; }
      clusterLayer.clearLayers();
      pinLayer.clearLayers();
      state.markers = {};
      state.clusters = [];
      state.schools = [];
      data.features.forEach(function (f) {
        if (f.type === 'cluster') { state.clusters.push(f); clusterLayer.addLayer(clusterMarker(f)); }
        else { state.schools.push(f.school); pinLayer.addLayer(pin(f.school)); }
      });
      state.total = data.total;
      state.loads += 1;
      body.setAttribute('data-loads', String(state.loads));
      if (state.loads === 1 && window.performance && performance.mark) { performance.mark('first-clusters'); }
      if (state.openUrn && state.markers[state.openUrn]) { pinLayer.zoomToShowLayer(state.markers[state.openUrn], function () { state.markers[state.openUrn].openPopup(); }); }
    }).catch(function (e) { document.getElementById('news').textContent = 'The map could not be loaded (' + e.message + ').'; });
  }
  function statistics() {
    var select = document.getElementById('authority');
    var authority = select.value;
    var query = authority ? 'la=' + authority : 'bbox=' + bbox();
    return fetch('/api/v1/statistics?' + query, FRESH).then(function (r) { return r.json(); }).then(function (s) {
      authorities();
      document.getElementById('stats-heading').textContent = authority ? select.options[select.selectedIndex].text : 'In view';
      document.getElementById('stats-total').textContent = s.total + (authority ? ' schools' : ' schools in view') + (s.approximate ? ' (' + s.approximate + ' placed approximately)' : '');
      document.getElementById('stats-levels').innerHTML = [1, 2, 3, 4].map(function (l) {
        return '<li><span class="swatch l' + l + '"></span>' + NAMES[l] + ': <span data-level="' + l + '">' + (s.by_level[String(l)] || 0) + '</span></li>';
      }).join('');
    });
  }
  var authoritiesAsked = false;
  function authorities() {
    if (authoritiesAsked) { return; }
    authoritiesAsked = true;
    fetch('/api/v1/statistics').then(function (r) { return r.json(); }).then(function (s) {
      var select = document.getElementById('authority');
      s.by_local_authority.forEach(function (a) {
        var option = document.createElement('option');
        option.value = a.code;
        option.textContent = a.name + ' (' + a.count + ')';
        select.appendChild(option);
      });
    });
  }
  var pending = null;
  function refresh() {
    clearTimeout(pending);
    pending = setTimeout(function () { load(); statistics(); }, 60);
  }
  map.on('moveend', refresh);
  document.getElementById('levels').addEventListener('change', refresh);
  document.getElementById('phase').addEventListener('change', refresh);
  document.getElementById('authority').addEventListener('change', refresh);
  map.on('popupclose', function () { state.openUrn = null; });

  function show(s) {
    state.openUrn = s.urn;
    map.setView([s.location.lat, s.location.lon], 16);
  }
  document.getElementById('search').addEventListener('submit', function (event) {
    event.preventDefault();
    var q = document.getElementById('q').value.trim();
    var list = document.getElementById('results');
    if (!q) { list.innerHTML = ''; return; }
    fetch('/api/v1/schools?limit=10&q=' + encodeURIComponent(q)).then(function (r) { return r.json(); }).then(function (page) {
      list.innerHTML = '';
      if (!page.schools.length) { list.innerHTML = '<li>No school matches “' + text(q) + '”.</li>'; return; }
      page.schools.forEach(function (s) {
        var item = document.createElement('li');
        var button = document.createElement('button');
        button.type = 'button';
        button.textContent = s.name + ', ' + s.town;
        button.addEventListener('click', function () { show(s); });
        item.appendChild(button);
        list.appendChild(item);
      });
      show(page.schools[0]);
    });
  });

  if (window.EventSource) {
    var events = new EventSource('/api/v1/events');
    ['pin-added', 'pin-updated', 'pin-removed'].forEach(function (name) {
      events.addEventListener(name, function (e) {
        var data = JSON.parse(e.data);
        var news = document.getElementById('news');
        if (name === 'pin-added') { news.textContent = data.school.name + ' joined the map.'; }
        else if (name === 'pin-updated') { news.textContent = data.school.name + ' changed (' + data.changed.join(', ') + ').'; }
        else { news.textContent = 'A school left the map.'; }
        body.setAttribute('data-last-event', String(data.sequence));
        refresh();
      });
    });
  }
  load();
  statistics();
})();
