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

    // Browsers do not send a link's download (<a download>) through the worker: fetch the file
    // (the worker answers from its cache when offline) and save what came back. If that fails,
    // the link is followed as usual.
    function filename(response, link) {
        var match = /filename="?([^";]+)"?/.exec(response.headers.get("Content-Disposition") || "");
        return match ? match[1] : link.getAttribute("download") || "";
    }
    document.addEventListener("click", function (event) {
        var link = event.target.closest && event.target.closest("a[data-offline-keep]");
        if (!link || !navigator.serviceWorker.controller || event.defaultPrevented) { return; }
        event.preventDefault();
        fetch(link.href).then(function (response) {
            if (!response.ok) { throw new Error(response.status); }
            return response.blob().then(function (blob) {
                var save = document.createElement("a");
                save.href = URL.createObjectURL(blob);
                save.download = filename(response, link);
                document.body.appendChild(save);
                save.click();
                save.remove();
                window.setTimeout(function () { URL.revokeObjectURL(save.href); }, 10000);
            });
        }).catch(function () {
            window.location.href = link.href;
        });
    });
}());
