// Progressive enhancement: while a visitor types in the search page's box, offer the titles of
// pages that start like it, through a native <datalist> (the browser handles the keyboard and
// screen readers). Without JavaScript, or if the request fails, the box is a plain search box.
(function () {
    "use strict";
    var form = document.querySelector("form[data-suggest-url]");
    if (!form || !window.fetch) { return; }
    var input = form.querySelector("input[type=search]");
    var list = document.createElement("datalist");
    var timer = null;
    var last = "";
    list.id = input.id + "-suggestions";
    form.appendChild(list);
    input.setAttribute("list", list.id);

    function fill(suggestions) {
        list.replaceChildren();
        suggestions.forEach(function (suggestion) {
            var option = document.createElement("option");
            option.value = suggestion.title;
            list.appendChild(option);
        });
    }

    input.addEventListener("input", function () {
        var words = input.value.trim();
        window.clearTimeout(timer);
        if (words.length < 2 || words === last) { return; }
        // Wait for a pause in the typing: one request per pause, not per key.
        timer = window.setTimeout(function () {
            last = words;
            fetch(form.dataset.suggestUrl + "?q=" + encodeURIComponent(words), {headers: {"Accept": "application/json"}})
                .then(function (response) { return response.ok ? response.json() : {suggestions: []}; })
                .then(function (data) { if (data.query === input.value.trim()) { fill(data.suggestions); } })
                .catch(function () { fill([]); });
        }, 200);
    });
}());
