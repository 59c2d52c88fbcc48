from .downloads import PosterDownloadMonth
from .links import ResourceLink
from .posters import Poster
from .publishable import PublishableQuerySet, PublishableSnippet
from .topics import Topic

__all__ = [
    "Poster",
    "PosterDownloadMonth",
    "PublishableQuerySet",
    "PublishableSnippet",
    "ResourceLink",
    "Topic",
]
