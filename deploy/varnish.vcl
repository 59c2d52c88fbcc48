# Edge cache between the TLS proxy (nginx) and gunicorn: docker-compose.yml's `cache` service.
# README: "Edge cache and CDN".
#
# - Cached: public GET/HEAD responses for as long as the origin's Cache-Control allows a shared
#   cache to keep them (s-maxage, else max-age): pages, /static/ (hashed names, a year) and
#   /media/ images (a day). A response without Cache-Control, or one that is private, no-cache,
#   no-store or sets a cookie, is never stored.
# - Passed to the origin untouched: /admin/, /documents/ (every poster download is counted there),
#   /healthz, any method but GET and HEAD, and any request carrying Wagtail's session cookie
#   (signed-in editors) or an Authorization header. Every other request loses its cookies, so a
#   visitor holding the contact form's csrftoken still gets the cached page.
# - PURGE from the `purgers` ACL bans the host's path with every query string (filters, search,
#   pages of a listing): Wagtail's frontend cache (caching/edge.py) sends one per public URL.
# - X-Forwarded-For reaches the origin exactly as the previous hop (nginx) sent it: the app's
#   TRUSTED_PROXY_COUNT counts only nginx.
vcl 4.1;

import std;

# The app server. Tests and the benchmark substitute the host and port lines.
backend web {
    .host = "web";
    .port = "8000";
    .connect_timeout = 5s;
    .first_byte_timeout = 35s;  # gunicorn's worker timeout is 30 s
    .between_bytes_timeout = 35s;
    .probe = {
        .url = "/healthz";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
    }
}

# Who may purge: this machine and the compose `app` network (the web and worker containers),
# never the TLS proxy, which forwards the public's requests.
acl purgers {
    "127.0.0.1";
    "::1";
    "172.30.80.0"/24;
    ! "172.30.80.10";
}

sub vcl_recv {
    # varnishd has appended the connecting address to X-Forwarded-For: take it off again.
    if (req.restarts == 0) {
        if (req.http.X-Forwarded-For ~ ",") {
            set req.http.X-Forwarded-For = regsub(req.http.X-Forwarded-For, "\s*,[^,]*$", "");
        } else {
            unset req.http.X-Forwarded-For;
        }
    }
    if (req.http.Host) {
        set req.http.Host = std.tolower(req.http.Host);
    }
    unset req.http.X-Edge-Encoding;

    if (req.method == "PURGE") {
        call edge_purge;
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|documents)(/|\?|$)" || req.url ~ "^/healthz(\?|$)") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;)\s*sessionid=") {
        return (pass);
    }
    unset req.http.Cookie;

    # One cached copy per encoding the origin can send: Brotli, gzip or none.
    if (req.http.Accept-Encoding ~ "(?i)(^|,)\s*br\s*(,|;\s*q=(1|0\.0*[1-9])|$)") {
        set req.http.X-Edge-Encoding = "br";
    } elsif (req.http.Accept-Encoding ~ "(?i)(^|,)\s*(x-)?gzip\s*(,|;\s*q=(1|0\.0*[1-9])|$)") {
        set req.http.X-Edge-Encoding = "gzip";
    } else {
        set req.http.X-Edge-Encoding = "identity";
    }

    # Stale copies only while the origin is down.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

sub edge_purge {
    if (client.ip !~ purgers) {
        return (synth(405, "Not allowed"));
    }
    # (A ban's arguments are not quoted: a host or a path holds no space.)
    if (!std.ban("obj.http.X-Edge-Host == " + regsub(req.http.Host, ":[0-9]+$", "")
            + " && obj.http.X-Edge-Path == " + regsub(req.url, "\?.*$", ""))) {
        return (synth(400, "Bad purge"));
    }
    return (synth(200, "Purged"));
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.Host);
    hash_data(req.http.X-Forwarded-Proto);
    hash_data(req.http.X-Edge-Encoding);
    return (lookup);
}

sub vcl_backend_fetch {
    # Ask for the encoding this copy is for (varnishd would ask for gzip on every miss).
    if (bereq.http.X-Edge-Encoding == "identity") {
        unset bereq.http.Accept-Encoding;
    } elsif (bereq.http.X-Edge-Encoding) {
        set bereq.http.Accept-Encoding = bereq.http.X-Edge-Encoding;
    }
    unset bereq.http.X-Edge-Encoding;
}

sub vcl_backend_response {
    # What a purge matches: the host without its port, the path without its query string.
    set beresp.http.X-Edge-Host = regsub(bereq.http.Host, ":[0-9]+$", "");
    set beresp.http.X-Edge-Path = regsub(bereq.url, "\?.*$", "");
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.http.Set-Cookie
            || !beresp.http.Cache-Control
            || beresp.http.Cache-Control ~ "(?i)(private|no-cache|no-store)"
            || beresp.status >= 500) {
        # Not shareable: remember that for two minutes, so these requests go straight through.
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Kept past its lifetime only to answer while the origin is down (see vcl_recv).
    set beresp.grace = 1h;
}

sub vcl_deliver {
    unset resp.http.X-Edge-Host;
    unset resp.http.X-Edge-Path;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

sub vcl_backend_error {
    set beresp.http.Content-Type = "text/plain; charset=utf-8";
    set beresp.http.Cache-Control = "no-store";
    set beresp.http.Retry-After = "30";
    set beresp.http.X-Content-Type-Options = "nosniff";
    set beresp.http.Content-Security-Policy = "default-src 'none'; frame-ancestors 'none'";
    set beresp.body = {"This website is not available just now. Please try again in a few minutes.

In an emergency, call 999. For urgent mental health help, call NHS 111 and choose the mental health option.
"};
    return (deliver);
}

sub vcl_synth {
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    set resp.http.Cache-Control = "no-store";
    set resp.http.X-Content-Type-Options = "nosniff";
    set resp.http.Content-Security-Policy = "default-src 'none'; frame-ancestors 'none'";
    set resp.body = resp.reason + {"
"};
    return (deliver);
}
