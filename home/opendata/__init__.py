"""Open data: the registry of datasets and their formats, the licence, the "Open data" page
(its model, under the ``home`` app label, and what it shows) and the downloads."""
