// Progressive enhancement only: every page works without this file.
import { Button, ErrorSummary, NotificationBanner, SkipLink, createAll } from 'govuk-frontend'

import { initVideos } from './video.mjs'

// Replaces GOV.UK Frontend's inline snippet, which the Content-Security-Policy
// forbids. A module script only runs in browsers GOV.UK Frontend supports.
document.body.classList.add('js-enabled', 'govuk-frontend-supported')

createAll(SkipLink)
createAll(Button, { preventDoubleClick: true })
createAll(ErrorSummary)
createAll(NotificationBanner)
initVideos(document)
