// Evaluate functions for the site's own accessibility checks (see pages/accessibility_checker.py).
// Loaded only inside the Wagtail userbar, after it is defined and before it configures axe.
;(function () {
  'use strict'
  var userbar = document.querySelector('wagtail-userbar')
  if (!userbar || typeof userbar.registerCheck !== 'function') return

  function linkText(node) {
    var label = node.getAttribute('aria-label')
    return (label || node.textContent || '')
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase()
      .replace(/[.:!…]+$/, '')
  }

  // Passes unless the whole link text is one of the vague phrases.
  userbar.registerCheck('check-link-text-purpose', function (node, options) {
    return options.vague.indexOf(linkText(node)) === -1
  })

  // Passes when the link text (or the text right after the link) names format and size.
  userbar.registerCheck('check-document-link-format', function (node, options) {
    var pattern = new RegExp(options.pattern, 'i')
    var after =
      node.nextSibling && node.nextSibling.nodeType === 3 ? node.nextSibling.textContent : ''
    return pattern.test(node.textContent + ' ' + after.slice(0, 40))
  })
})()
