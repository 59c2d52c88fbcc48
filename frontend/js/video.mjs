// Click-to-load video. Until the visitor clicks, the page only links to the
// video, so no third-party request is made and no cookie is set. On click the
// link is swapped for an iframe on a privacy-enhanced host.

const EMBED_HOSTS = ['www.youtube-nocookie.com', 'player.vimeo.com']

/**
 * @param {string | undefined} value - the data-embed-url attribute
 * @returns {URL | null} the embed address, if it is on an allowed host
 */
function embedUrl(value) {
  let url
  try {
    url = new URL(value ?? '')
  } catch {
    return null
  }
  if (url.protocol !== 'https:' || !EMBED_HOSTS.includes(url.hostname)) {
    return null
  }
  url.searchParams.set('autoplay', '1')
  if (url.hostname === 'player.vimeo.com') {
    url.searchParams.set('dnt', '1')
  }
  return url
}

/**
 * @param {ParentNode} scope - where to look for `[data-module="app-video"]`
 */
export function initVideos(scope) {
  for (const $video of scope.querySelectorAll('[data-module="app-video"]')) {
    const $link = $video.querySelector('.app-video__link')
    const url = embedUrl($video.getAttribute('data-embed-url') ?? undefined)
    if (!$link || !url) {
      continue
    }
    $link.addEventListener('click', (event) => {
      event.preventDefault()
      const $frame = document.createElement('div')
      $frame.className = 'app-video__frame'
      const $iframe = document.createElement('iframe')
      $iframe.src = url.href
      $iframe.title = $video.getAttribute('data-title') || $link.textContent.trim()
      $iframe.allow = 'autoplay; encrypted-media; picture-in-picture; fullscreen'
      $iframe.referrerPolicy = 'strict-origin-when-cross-origin'
      $frame.append($iframe)
      $link.replaceWith($frame)
      $iframe.focus()
    })
  }
}
