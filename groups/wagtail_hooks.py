from wagtail.snippets.models import register_snippet

from groups.admin_views import GroupSessionsViewSetGroup

register_snippet(GroupSessionsViewSetGroup)
