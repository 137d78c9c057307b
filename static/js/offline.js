/* Keeps the site readable without a connection (the service worker at /sw.js, whose comment
 * says what it keeps). A page may name files to keep as soon as it is opened, with
 * data-offline-keep on their links (a trail's GPX file): they are put in the worker's cache so
 * that they download even offline. Nothing is sent anywhere.
 */
(function () {
    "use strict";
    if (!("serviceWorker" in navigator) || !window.caches) { return; }
    var script = document.currentScript;
    var worker = script && script.dataset.serviceWorker;
    if (!worker) { return; }
    navigator.serviceWorker.register(worker, { scope: "/" }).then(function () {
        return navigator.serviceWorker.ready;
    }).then(function () {
        var links = document.querySelectorAll("[data-offline-keep]");
        if (!links.length) { return null; }
        return caches.keys().then(function (names) {
            var files = names.filter(function (name) { return name.indexOf("hub-files-") === 0; })[0];
            if (!files) { return null; }
            return caches.open(files).then(function (cache) {
                return Promise.all(Array.prototype.map.call(links, function (link) {
                    return cache.match(link.href).then(function (kept) {
                        return kept || cache.add(link.href);
                    });
                }));
            });
        });
    }).catch(function () {
        // No worker (private browsing, a refused registration): the site works as before.
        return null;
    });
}());
