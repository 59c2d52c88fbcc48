from .links import ResourceLink
from .posters import Poster
from .topics import Topic

__all__ = ["Poster", "ResourceLink", "Topic"]
