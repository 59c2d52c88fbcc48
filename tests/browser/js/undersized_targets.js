// WCAG 2.5.8: 24x24 CSS px, unless inline in a sentence, or spaced (a 24 px circle centred on
// each undersized target touches no other target and no other undersized target's circle).
function undersizedTargets(selector) {
  const visible = (el) => {
    const r = el.getBoundingClientRect()
    const s = getComputedStyle(el)
    return (
      r.width > 1 &&
      r.height > 1 &&
      s.visibility !== 'hidden' &&
      s.display !== 'none' &&
      !clipped(el)
    )
  }
  const inSentence = (el) => {
    if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false
    const block = el.closest('p, li, dd, td, th, figcaption, label, legend, .govuk-hint')
    if (!block) return false
    const own = el.textContent.trim().length
    return block.textContent.replace(/\s+/g, ' ').trim().length > own + 1
  }
  const targets = [...document.querySelectorAll(selector)].filter(visible).map((el) => {
    // A GOV.UK radio or checkbox input is drawn by its label; measure the larger of the two.
    const label = el.labels && el.labels.length ? el.labels[0] : null
    const r = el.getBoundingClientRect()
    return { el, r, inline: inSentence(el), label }
  })
  const centre = (r) => [r.left + r.width / 2, r.top + r.height / 2]
  const circleHitsRect = (c, r) => {
    const dx = Math.max(r.left - c[0], 0, c[0] - r.right)
    const dy = Math.max(r.top - c[1], 0, c[1] - r.bottom)
    return dx * dx + dy * dy < 144
  }
  const small = targets.filter((t) => !t.inline && (t.r.width < 24 || t.r.height < 24))
  const failures = []
  for (const t of small) {
    const c = centre(t.r)
    const crowded =
      targets.some(
        (o) =>
          o !== t &&
          o.el !== t.label &&
          !t.el.contains(o.el) &&
          !o.el.contains(t.el) &&
          circleHitsRect(c, o.r)
      ) || small.some((o) => o !== t && Math.hypot(...centre(o.r).map((v, i) => v - c[i])) < 24)
    if (crowded) {
      failures.push(
        `${t.el.outerHTML.slice(0, 120)} is ${Math.round(t.r.width)}x${Math.round(t.r.height)}`
      )
    }
  }
  return failures
}
