"""Search statistics, written after the response rather than on the request path.

The search page used to UPDATE its ``SearchTerm`` row on every GET, before answering: a write
(and a row lock, for a common word) on the busiest read path of the site. The view now only
notes the search (``count_after_response``); when Django has sent the response and closes it
(``request_finished``, after the last byte with a WSGI server), each search noted is handed to
the ``record_search`` task of the default task backend.
"""

import threading

from django_tasks import task

from .models import SearchTerm

_pending = threading.local()


@task()
def record_search(words, language, results):
    """Count one search of ``words`` in ``language`` that found ``results`` pages."""
    SearchTerm.record(words, language, results)


def count_after_response(words, language, results):
    """Note a search, to be counted once the response is sent."""
    _pending.__dict__.setdefault("searches", []).append((words, language, results))


def send_pending(**kwargs):
    """Enqueue the searches noted during the request (connected to ``request_finished``)."""
    for words, language, results in _pending.__dict__.pop("searches", []):
        record_search.enqueue(words, language, results)
