/* The header's menu on a phone. Without JavaScript it is a <details> element; here it becomes a
 * button that says whether the menu is open (aria-expanded) and controls the panel, which Escape
 * closes, giving the focus back to the button. On a wide screen the stylesheet shows the panel
 * and hides the button, whatever its state.
 */
(function () {
    "use strict";
    var details = document.querySelector("[data-site-menu]");
    if (!details) { return; }
    var summary = details.querySelector("summary");
    var panel = details.querySelector(".site-menu__panel");
    var button = document.createElement("button");
    button.type = "button";
    button.className = summary.className;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", panel.id);
    while (summary.firstChild) { button.appendChild(summary.firstChild); }

    var menu = document.createElement("div");
    menu.className = "site-menu site-menu--button";
    panel.hidden = true;
    menu.appendChild(button);
    menu.appendChild(panel);
    details.replaceWith(menu);

    function setOpen(open) {
        button.setAttribute("aria-expanded", open ? "true" : "false");
        panel.hidden = !open;
    }

    button.addEventListener("click", function () {
        setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    menu.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
            setOpen(false);
            button.focus();
        }
    });
}());
