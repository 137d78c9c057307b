/* Listings (agenda, places, merchants): results come first and the filters are folded below
 * them in <details id="filters">. The "Filters" link at the top opens them on its way down; on a
 * narrow screen, a list/map toggle shows one of the two at a time (both stay side by side on a
 * wide screen, where the stylesheet hides the toggle).
 */
(function () {
    "use strict";
    var panel = document.getElementById("filters");
    var link = document.querySelector("[data-filters-link]");
    if (panel && link) {
        link.addEventListener("click", function () {
            panel.open = true;
            // Focus the panel's summary once the browser has scrolled to it.
            window.setTimeout(function () { panel.querySelector("summary").focus(); }, 0);
        });
    }

    var toggle = document.querySelector("[data-view-toggle]");
    if (!toggle) { return; }
    // After every deferred script, Leaflet's included.
    document.addEventListener("DOMContentLoaded", setUpToggle);

    function setUpToggle() {
        var views = document.getElementById(toggle.dataset.viewToggle);
        var mapSection = views && views.querySelector("[data-map-section]");
        // No map without Leaflet (map.js unhides its section): the list alone, no toggle.
        if (!views || !mapSection || typeof window.L === "undefined") { return; }
        var buttons = toggle.querySelectorAll("button[data-view]");

        function show(view) {
            views.dataset.show = view;
            Array.prototype.forEach.call(buttons, function (button) {
                button.setAttribute("aria-pressed", button.dataset.view === view ? "true" : "false");
            });
            // Leaflet measures its box when the window is resized: a map shown now has a size.
            if (view === "map") { window.dispatchEvent(new Event("resize")); }
        }
        Array.prototype.forEach.call(buttons, function (button) {
            button.addEventListener("click", function () { show(button.dataset.view); });
        });
        toggle.hidden = false;
        show("list");
    }
}());
