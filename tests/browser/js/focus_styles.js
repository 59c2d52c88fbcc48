// Focus every element in the tab order in turn and compare its look with the unfocused look.
// A GOV.UK radio or checkbox input is invisible (opacity 0): its label's ::before draws it,
// so that box is compared instead.
function focusStyles(selector) {
  const props = [
    'outline-style',
    'outline-width',
    'outline-color',
    'box-shadow',
    'background-color',
    'color',
    'text-decoration-line',
    'text-decoration-thickness',
    'border-top-color',
    'border-bottom-color',
    'border-bottom-width',
    'border-top-width'
  ]
  const drawnBy = (el) => {
    if (
      ['radio', 'checkbox'].includes(el.type) &&
      getComputedStyle(el).opacity === '0' &&
      el.labels &&
      el.labels.length
    ) {
      return [el.labels[0], '::before']
    }
    return [el, null]
  }
  const snap = (el) => {
    const s = getComputedStyle(...drawnBy(el))
    return Object.fromEntries(props.map((p) => [p, s.getPropertyValue(p)]))
  }
  const visible = (el) => {
    const r = el.getBoundingClientRect()
    return (
      r.width > 1 && r.height > 1 && getComputedStyle(el).visibility !== 'hidden' && !clipped(el)
    )
  }
  const transparent = (colour) => colour === 'transparent' || /rgba\(.*,\s*0\)$/.test(colour)
  const results = []
  for (const el of document.querySelectorAll(selector)) {
    if (el.disabled || el.tabIndex < 0) continue
    el.focus()
    if (document.activeElement !== el) continue
    // The skip link only appears on focus, so judge it while focused.
    if (!visible(el)) {
      el.blur()
      continue
    }
    const focused = snap(el)
    el.blur()
    const plain = snap(el)
    const changed = props.filter((p) => focused[p] !== plain[p])
    const outlined =
      focused['outline-style'] !== 'none' &&
      parseFloat(focused['outline-width']) >= 2 &&
      !transparent(focused['outline-color']) &&
      changed.some((p) => p.startsWith('outline'))
    const shadowed =
      focused['box-shadow'] !== 'none' && focused['box-shadow'] !== plain['box-shadow']
    const recoloured = focused['background-color'] !== plain['background-color']
    results.push({
      element: el.outerHTML.slice(0, 120),
      visible: outlined || shadowed || recoloured,
      changed
    })
  }
  return results
}
