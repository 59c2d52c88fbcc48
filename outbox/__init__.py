"""All of the site's own email leaves the web request: queued here, sent by the task worker."""
