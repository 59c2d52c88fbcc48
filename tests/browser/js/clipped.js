// Visually hidden (clipped) and aria-hidden elements: no one sees them or points at them.
function clipped(el) {
  for (let node = el; node && node !== document.body; node = node.parentElement) {
    const s = getComputedStyle(node)
    if ((s.clip && s.clip !== 'auto') || (s.clipPath && s.clipPath !== 'none')) return true
    if (node.getAttribute('aria-hidden') === 'true') return true
  }
  return false
}
