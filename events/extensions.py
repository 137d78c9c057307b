"""What the agenda core lets the rest of the events app plug in, without importing it.

The core (``events.models``, occurrences, listing, the demo…) never imports
``events.contributions`` or ``events.feeds``, not even inside a function: page models import no
view, form, mail or permission module. Where the core needs one of them, it calls what is
registered here, and ``EventsConfig.ready()`` (events/apps.py) registers it at start-up.
"""

from django.http import Http404

from wagtail.models import PagePermissionTester


class AgendaRegistry:
    """The extension points of the agenda core.

    - ``views``: route name -> ``view(agenda, request)``, for the routes of the agenda page
      (``EventIndexPage``) that another package serves;
    - ``permission_tester``: the class ``EventPage.permissions_for_user`` returns (Wagtail's
      unless replaced);
    - ``form_setups``: functions called with every ``EventPageForm`` once it is built;
    - ``demo_loaders``: functions ``(loader, agenda, today)`` the agenda's demo calls once its
      events are loaded, each in its own transaction.
    """

    def __init__(self):
        self.views = {}
        self.permission_tester = PagePermissionTester
        self.form_setups = []
        self.demo_loaders = []

    def serve(self, name, agenda, request):
        """The answer of the view registered for the agenda page's route ``name``."""
        view = self.views.get(name)
        if view is None:
            raise Http404
        return view(agenda, request)


registry = AgendaRegistry()
