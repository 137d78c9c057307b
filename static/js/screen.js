// Screens in public buildings: show the upcoming events a few at a time, moving on every
// 12 seconds. Without JavaScript the first events stay on screen and the page still reloads.
(function () {
    "use strict";
    var list = document.querySelector("[data-screen-rotate]");
    if (!list) { return; }
    // Unattended screens reload themselves to show what changed (a script rather than a
    // meta refresh, so nobody reading the page in a browser is interrupted by the markup alone).
    var reload = parseInt(list.dataset.screenReload, 10);
    if (reload > 0) { window.setTimeout(function () { window.location.reload(); }, reload * 1000); }
    var items = Array.prototype.slice.call(list.children);
    var perScreen = 4;
    if (items.length <= perScreen) { return; }
    var first = 0;
    function show() {
        items.forEach(function (item, index) {
            item.hidden = index < first || index >= first + perScreen;
        });
        first = first + perScreen >= items.length ? 0 : first + perScreen;
    }
    show();
    window.setInterval(show, 12000);
}());
