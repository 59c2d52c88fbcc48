"""Turn a video's web address into a privacy-enhanced player address, or refuse it.

Only YouTube (played from www.youtube-nocookie.com) and Vimeo (player.vimeo.com with dnt=1)
are allowed, so that no tracking cookie is set before, or even after, a visitor presses play.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import parse_qs, urlsplit

_VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_VIMEO_ID = re.compile(r"^\d{5,12}$")

ALLOWED_HOSTS_MESSAGE = (
    "Use a YouTube address (youtube.com/watch?v=…, youtu.be/…) or a Vimeo address "
    "(vimeo.com/…). Videos play from privacy-enhanced players only."
)


class VideoAddresses(NamedTuple):
    watch_url: str
    embed_url: str
    provider: str


def video_addresses(url: str) -> VideoAddresses | None:
    """The public watch page and privacy-enhanced player for a video URL; None if not allowed."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    path_bits = [bit for bit in parts.path.split("/") if bit]
    video_id = ""
    if host in ("youtube.com", "www.youtube.com", "m.youtube.com"):
        if path_bits == ["watch"]:
            video_id = parse_qs(parts.query).get("v", [""])[0]
        elif len(path_bits) == 2 and path_bits[0] in ("embed", "shorts", "live"):
            video_id = path_bits[1]
    elif host == "youtu.be" and len(path_bits) == 1:
        video_id = path_bits[0]
    elif (
        host in ("youtube-nocookie.com", "www.youtube-nocookie.com")
        and len(path_bits) == 2
        and path_bits[0] == "embed"
    ):
        video_id = path_bits[1]
    if video_id:
        if not _VIDEO_ID.match(video_id):
            return None
        return VideoAddresses(
            watch_url=f"https://www.youtube.com/watch?v={video_id}",
            embed_url=f"https://www.youtube-nocookie.com/embed/{video_id}",
            provider="YouTube",
        )
    vimeo_id = ""
    if host in ("vimeo.com", "www.vimeo.com") and len(path_bits) == 1:
        vimeo_id = path_bits[0]
    elif host == "player.vimeo.com" and len(path_bits) == 2 and path_bits[0] == "video":
        vimeo_id = path_bits[1]
    if vimeo_id and _VIMEO_ID.match(vimeo_id):
        return VideoAddresses(
            watch_url=f"https://vimeo.com/{vimeo_id}",
            embed_url=f"https://player.vimeo.com/video/{vimeo_id}?dnt=1",
            provider="Vimeo",
        )
    return None
