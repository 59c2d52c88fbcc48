// Elements pushed past the right edge, ignoring visually hidden ones (1 px clipped boxes).
function offscreenElements() {
  const width = window.innerWidth
  const bad = []
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect()
    if (r.width <= 1 || r.height <= 1) continue
    const style = getComputedStyle(el)
    if (style.visibility === 'hidden' || style.display === 'none') continue
    if (r.right > width + 1 || r.left < -1) {
      bad.push(
        `${el.tagName.toLowerCase()}.${el.className}: ${Math.round(r.left)}..${Math.round(r.right)}`
      )
    }
  }
  return bad.slice(0, 10)
}
