{% load static %}/* The site's service worker, served at /sw.js (home/views.py) so that its scope is the whole
 * site: pages a visitor opened, trail descriptions and GPX files stay readable without a
 * connection, in the countryside. Nothing is tracked and nothing from another server is kept
 * (map tiles come from the tile server and are never stored: the list beside the map remains).
 *
 * - Pages (HTML) and map data (GeoJSON): network first; what came back is kept, and shown when
 *   the network fails. The last {{ max_pages }} pages are kept.
 * - Static files (/static/) and GPX files: from the cache first, else from the network.
 * - Only GET requests to this site; never the admin, never an answer marked private or
 *   no-store (a page for a logged-in editor, a form with a token).
 */
"use strict";

var VERSION = "{{ version }}";
var PAGES = "hub-pages-" + VERSION;
var FILES = "hub-files-" + VERSION;
var MAX_PAGES = {{ max_pages }};
var PRECACHE = [{% for url in precache %}"{{ url|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];
var OFFLINE_TEXT = "{{ offline_text|escapejs }}";

self.addEventListener("install", function (event) {
    event.waitUntil(
        caches.open(FILES).then(function (cache) { return cache.addAll(PRECACHE); }).then(function () {
            return self.skipWaiting();
        })
    );
});

self.addEventListener("activate", function (event) {
    event.waitUntil(
        caches.keys().then(function (names) {
            return Promise.all(names.filter(function (name) {
                return name.indexOf("hub-") === 0 && name !== PAGES && name !== FILES;
            }).map(function (name) { return caches.delete(name); }));
        }).then(function () { return self.clients.claim(); })
    );
});

function storable(response) {
    if (!response || response.status !== 200 || response.type !== "basic") { return false; }
    var control = (response.headers.get("Cache-Control") || "").toLowerCase();
    return control.indexOf("private") === -1 && control.indexOf("no-store") === -1;
}

function trim(cache) {
    return cache.keys().then(function (keys) {
        if (keys.length <= MAX_PAGES) { return null; }
        return Promise.all(keys.slice(0, keys.length - MAX_PAGES).map(function (key) { return cache.delete(key); }));
    });
}

function networkFirst(request) {
    return fetch(request).then(function (response) {
        if (storable(response)) {
            var copy = response.clone();
            caches.open(PAGES).then(function (cache) {
                return cache.put(request, copy).then(function () { return trim(cache); });
            });
        }
        return response;
    }).catch(function () {
        return caches.match(request, { ignoreVary: true }).then(function (cached) {
            if (cached) { return cached; }
            if (request.mode !== "navigate") { return Response.error(); }
            return new Response(OFFLINE_TEXT, {
                status: 503,
                headers: { "Content-Type": "text/plain; charset=utf-8" },
            });
        });
    });
}

function cacheFirst(request) {
    return caches.match(request, { ignoreVary: true }).then(function (cached) {
        return cached || fetch(request).then(function (response) {
            if (storable(response)) {
                var copy = response.clone();
                caches.open(FILES).then(function (cache) { return cache.put(request, copy); });
            }
            return response;
        });
    });
}

self.addEventListener("fetch", function (event) {
    var request = event.request;
    var url = new URL(request.url);
    if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
    if (url.pathname.indexOf("/admin/") === 0 || url.pathname === "/sw.js") { return; }
    if (url.pathname.indexOf("{{ static_prefix|escapejs }}") === 0 || /\/gpx\/$/.test(url.pathname)) {
        event.respondWith(cacheFirst(request));
    } else if (request.mode === "navigate" || /\/geojson\/$/.test(url.pathname)) {
        event.respondWith(networkFirst(request));
    }
});
