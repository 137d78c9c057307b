/* Maps of places and trails (Leaflet), as progressive enhancement.
 *
 * Each element with [data-map] (templates/components/map.html) is drawn here; its section
 * stays hidden when Leaflet or JavaScript is missing, and the list beside it has every result.
 * Markers are keyboard-reachable buttons named after their place; clusters say how many places
 * they hold. No HTML from the data is ever parsed: popups and names are built as DOM text.
 */
(function () {
    "use strict";

    function escapeText(text) {
        var element = document.createElement("span");
        element.textContent = text;
        return element.innerHTML;
    }

    function popupFor(properties) {
        var box = document.createElement("div");
        var link = document.createElement("a");
        link.href = properties.url;
        link.textContent = properties.name;
        box.appendChild(link);
        var details = [properties.kind, properties.commune].filter(Boolean).join(" · ");
        if (details) {
            var line = document.createElement("p");
            line.textContent = details;
            box.appendChild(line);
        }
        return box;
    }

    function marker(latlng, name) {
        return L.marker(latlng, { title: name, alt: name, keyboard: true });
    }

    function draw(element) {
        var data = element.dataset;
        var section = element.closest("[data-map-section]");
        var status = section.querySelector("[data-map-status]");
        section.hidden = false;

        var map = L.map(element, { scrollWheelZoom: false, zoomControl: false, keyboard: true });
        map.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a>');
        L.control.zoom({ zoomInTitle: data.labelZoomIn, zoomOutTitle: data.labelZoomOut }).addTo(map);
        map.setView([parseFloat(data.latitude), parseFloat(data.longitude)], parseInt(data.zoom, 10));

        var attribution = escapeText(data.attribution);
        if (data.attributionUrl) {
            attribution = '<a href="' + escapeText(data.attributionUrl) + '">' + attribution + "</a>";
        }
        var tiles = L.tileLayer(data.tileUrl, { attribution: attribution, maxZoom: 19 });
        tiles.once("tileerror", function () {
            status.textContent = data.labelTilesFailed;
        });
        tiles.addTo(map);

        if (data.pointLatitude) {
            var point = [parseFloat(data.pointLatitude), parseFloat(data.pointLongitude)];
            marker(point, data.pointName).addTo(map);
            map.setView(point, 14);
        }
        if (data.geojsonUrl) {
            fetch(data.geojsonUrl, { headers: { Accept: "application/geo+json" } })
                .then(function (response) {
                    if (!response.ok) { throw new Error(response.status); }
                    return response.json();
                })
                .then(function (collection) { show(map, collection, data); })
                .catch(function () { status.textContent = data.labelDataFailed; });
        }
    }

    function show(map, collection, data) {
        var group = L.markerClusterGroup ? L.markerClusterGroup({
            showCoverageOnHover: false,
            iconCreateFunction: function (cluster) {
                var count = cluster.getChildCount();
                return L.divIcon({
                    className: "map-cluster",
                    iconSize: L.point(40, 40),
                    html: '<span aria-hidden="true">' + count + '</span><span class="visually-hidden">' +
                        count + " " + escapeText(data.labelCluster) + "</span>"
                });
            }
        }) : L.featureGroup();
        var lines = L.featureGroup();
        collection.features.forEach(function (feature) {
            var geometry = feature.geometry;
            var properties = feature.properties || {};
            if (geometry.type === "Point") {
                var latlng = [geometry.coordinates[1], geometry.coordinates[0]];
                var name = properties.role === "start" ? data.labelStart + " – " + properties.name : properties.name;
                var item = marker(latlng, name);
                if (properties.url) { item.bindPopup(popupFor(properties)); }
                group.addLayer(item);
            } else if (geometry.type === "LineString") {
                L.geoJSON(feature, { style: { color: "#0b4f6c", weight: 5, opacity: 0.9 } }).addTo(lines);
            }
        });
        lines.addTo(map);
        group.addTo(map);
        var bounds = lines.getLayers().length ? lines.getBounds() : group.getBounds();
        if (bounds.isValid()) {
            map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
        }
    }

    function start() {
        if (typeof window.L === "undefined" || !window.fetch) { return; }
        document.querySelectorAll("[data-map]").forEach(function (element) {
            try { draw(element); } catch (error) { /* the list beside the map has everything */ }
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
