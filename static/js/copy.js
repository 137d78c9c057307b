// Progressive enhancement: a "Copy" button beside read-only fields holding an address or code
// to paste elsewhere (feed addresses, embed code). Without JavaScript the field can still be
// selected and copied by hand. The button's label and confirmation come from data attributes,
// so they are in the page's language.
(function () {
    "use strict";
    if (!navigator.clipboard) { return; }
    document.querySelectorAll("[data-copy]").forEach(function (field) {
        var button = document.createElement("button");
        var status = document.createElement("span");
        button.type = "button";
        button.className = "button button--secondary copy-button";
        button.textContent = field.dataset.copyLabel;
        button.setAttribute("aria-describedby", field.id);
        status.setAttribute("role", "status");
        status.className = "copy-status";
        button.addEventListener("click", function () {
            navigator.clipboard.writeText(field.value).then(function () {
                status.textContent = field.dataset.copyDone;
            });
        });
        field.insertAdjacentElement("afterend", status);
        field.insertAdjacentElement("afterend", button);
    });
}());
