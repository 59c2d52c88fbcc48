"""An offline port of Mozilla's HTTP Observatory scoring (github.com/mdn/mdn-http-observatory,
src/analyzer/tests/*.js, src/grader/charts.js and src/scanner/index.js), for one deployment on
loopback instead of a public host name.

What a scan does, here as there: GET the http:// URL and follow its redirects (`http_route`),
GET the https:// URL (the `auto` response, whose headers and HTML are scored), GET /robots.txt in
the same session for more cookies, and send a CORS preflight (OPTIONS with an Origin). Each test
maps its finding to an expectation; the score is 100 plus every expectation's modifier, but the
bonuses only count when the score without them is at least 90. A+ is 100 or more.

Simplifications, none of which changes a score for this site: the HSTS preload list is empty
(127.0.0.1 is on no list), a "verified certificate" is the TLS proxy's, and a Content-Security-
Policy made of more than one policy is refused (the port does not intersect policies).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

# --- Scores (src/grader/charts.js) ----------------------------------------------------------

MODIFIERS = {
    "csp-implemented-with-no-unsafe-default-src-none": 10,
    "csp-implemented-with-no-unsafe": 5,
    "csp-implemented-with-unsafe-inline-in-style-src-only": 0,
    "csp-implemented-with-insecure-scheme-in-passive-content-only": -10,
    "csp-implemented-with-unsafe-eval": -10,
    "csp-implemented-with-unsafe-inline": -20,
    "csp-implemented-with-insecure-scheme": -20,
    "csp-header-invalid": -25,
    "csp-not-implemented": -25,
    "csp-not-implemented-but-reporting-enabled": -25,
    "csp-implemented-but-duplicate-directives": 0,
    "cookies-secure-with-httponly-sessions-and-samesite": 5,
    "cookies-secure-with-httponly-sessions": 0,
    "cookies-not-found": 0,
    "cookies-without-secure-flag-but-protected-by-hsts": -5,
    "cookies-session-without-secure-flag-but-protected-by-hsts": -10,
    "cookies-without-secure-flag": -20,
    "cookies-samesite-flag-invalid": -20,
    "cookies-anticsrf-without-samesite-flag": -20,
    "cookies-session-without-httponly-flag": -30,
    "cookies-session-without-secure-flag": -40,
    "cross-origin-resource-sharing-not-implemented": 0,
    "cross-origin-resource-sharing-implemented-with-public-access": 0,
    "cross-origin-resource-sharing-implemented-with-restricted-access": 0,
    "cross-origin-resource-sharing-implemented-with-universal-access": -50,
    "redirection-all-redirects-preloaded": 0,
    "redirection-to-https": 0,
    "redirection-not-needed-no-http": 0,
    "redirection-off-host-from-http": -5,
    "redirection-not-to-https-on-initial-redirection": -10,
    "redirection-not-to-https": -20,
    "redirection-missing": -20,
    "referrer-policy-private": 5,
    "referrer-policy-not-implemented": 0,
    "referrer-policy-unsafe": -5,
    "referrer-policy-header-invalid": -5,
    "hsts-preloaded": 5,
    "hsts-implemented-max-age-at-least-six-months": 0,
    "hsts-implemented-max-age-less-than-six-months": -10,
    "hsts-not-implemented": -20,
    "hsts-header-invalid": -20,
    "hsts-not-implemented-no-https": -20,
    "sri-implemented-and-all-scripts-loaded-securely": 5,
    "sri-implemented-and-external-scripts-loaded-securely": 5,
    "sri-not-implemented-response-not-html": 0,
    "sri-not-implemented-but-no-scripts-loaded": 0,
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
    "sri-not-implemented-but-external-scripts-loaded-securely": -5,
    "sri-implemented-but-external-scripts-not-loaded-securely": -20,
    "sri-not-implemented-and-external-scripts-not-loaded-securely": -50,
    "x-content-type-options-nosniff": 0,
    "x-content-type-options-not-implemented": -5,
    "x-content-type-options-header-invalid": -5,
    "x-frame-options-implemented-via-csp": 5,
    "x-frame-options-sameorigin-or-deny": 5,
    "x-frame-options-allow-from-origin": 0,
    "x-frame-options-not-implemented": -20,
    "x-frame-options-header-invalid": -20,
    "corp-implemented-with-same-origin": 10,
    "corp-implemented-with-same-site": 10,
    "corp-implemented-with-cross-origin": 0,
    "corp-not-implemented": 0,
    "corp-header-invalid": -5,
    "coep-implemented-with-require-corp": 10,
    "coep-implemented-with-credentialless": 10,
    "coep-implemented-with-unsafe-none": 0,
    "coep-not-implemented": 0,
    "coep-header-invalid": -5,
    "coop-implemented-with-same-origin": 10,
    "coop-implemented-with-same-origin-allow-popups": 10,
    "coop-implemented-with-noopener-allow-popups": 10,
    "coop-implemented-with-unsafe-none": 0,
    "coop-not-implemented": 0,
    "coop-header-invalid": -5,
}
MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90
GRADES = [
    (100, "A+"), (90, "A"), (85, "A-"), (80, "B+"), (70, "B"), (65, "B-"), (60, "C+"),
    (50, "C"), (45, "C-"), (40, "D+"), (30, "D"), (25, "D-"), (0, "F"),
]  # fmt: skip
SIX_MONTHS = 15_552_000
HTML_TYPES = {"text/html", "application/xhtml+xml"}


# --- What a scan retrieves ------------------------------------------------------------------


@dataclass
class Response:
    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes = b""

    def all(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key.lower() == name.lower()]

    def first(self, name: str) -> str | None:
        values = self.all(name)
        return values[0] if values else None

    @property
    def is_html(self) -> bool:
        return (self.first("Content-Type") or "").split(";", 1)[0].strip() in HTML_TYPES

    def http_equiv(self, name: str) -> list[str]:
        """<meta http-equiv> values in an HTML body (the scan reads those too)."""
        if not self.is_html:
            return []
        soup = BeautifulSoup(self.body, "html.parser")
        return [
            meta.get("content", "")
            for meta in soup.find_all("meta")
            if (meta.get("http-equiv") or "").lower() == name.lower()
        ]


@dataclass
class Scan:
    """`http_route`: the http:// request and every redirect after it; `auto`: the https://
    page; `session_responses`: every response of the https session (for its cookies)."""

    http_route: list[Response]
    auto: Response
    session_responses: list[Response]
    cors: Response | None
    cors_origin: str


@dataclass
class Result:
    test: str
    expectation: str
    passed: bool

    @property
    def modifier(self) -> int:
        return MODIFIERS[self.expectation]


@dataclass
class Score:
    url: str
    score: int
    grade: str
    results: list[Result] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{r.test} {r.modifier:+d}" for r in self.results if r.modifier]
        return f"{self.score} ({self.grade}) {self.url}: {', '.join(parts)}"


# --- Tests (src/analyzer/tests/*.js) --------------------------------------------------------

DANGEROUSLY_BROAD = {
    "ftp:",
    "http:",
    "https:",
    "*",
    "http://*",
    "http://*.*",
    "https://*",
    "https://*.*",
}
UNSAFE_INLINE = {"'unsafe-inline'", "data:"}
PASSIVE_DIRECTIVES = ("img-src", "media-src")
NONCES_HASHES = ("'sha256-", "'sha384-", "'sha512-", "'nonce-")


class InvalidPolicy(ValueError):
    pass


def parse_csp(policies: list[str]) -> dict[str, set[str]]:
    """cspParser.js for one policy: directive → sources; a source-list directive with no
    sources is 'none'; a repeated directive (other than report-uri/report-to) is invalid."""
    if not policies:
        return {}
    if len(policies) > 1:
        raise InvalidPolicy("this port scores a single policy only")
    policy = policies[0].replace("\r", "").replace("\n", "").strip()
    if len(policy) < len("img-src") - 1:
        raise InvalidPolicy(policy)
    csp: dict[str, set[str]] = {}
    for entry in policy.split(";"):
        directive, *sources = entry.strip().split() or [""]
        directive = directive.lower()
        if not directive:
            continue
        if directive in csp and directive not in {"report-uri", "report-to"}:
            raise InvalidPolicy(f"duplicate directive {directive}")
        values = {s.lower() for s in sources} or (
            {"'none'"} if directive.endswith("-src") else set()
        )
        # Within a policy, a source that starts with a shorter one is superfluous.
        csp[directive] = {s for s in values if not any(s != o and s.startswith(o) for o in values)}
    return csp


def csp_test(scan: Scan) -> tuple[Result, dict[str, set[str]]]:
    name = "content-security-policy"
    header_policies = [
        p.strip() for h in scan.auto.all("Content-Security-Policy") for p in h.split(",")
    ]
    meta_policies = [
        p.strip() for h in scan.auto.http_equiv("Content-Security-Policy") for p in h.split(",")
    ]
    try:
        csp = parse_csp(header_policies + meta_policies)
    except InvalidPolicy:
        return Result(name, "csp-header-invalid", False), {}
    if not csp:
        reporting = scan.auto.first("Content-Security-Policy-Report-Only")
        expectation = (
            "csp-not-implemented-but-reporting-enabled" if reporting else "csp-not-implemented"
        )
        return Result(name, expectation, False), {}

    default = csp.get("default-src")
    object_src = set(csp.get("object-src") or default or {"*"})
    script_src = set(csp.get("script-src") or default or {"*"})
    style_src = set(csp.get("style-src") or default or {"*"})
    for sources in (script_src, style_src):
        if any(s.startswith(NONCES_HASHES) for s in sources):
            sources.discard("'unsafe-inline'")
    result = None
    if any(s.startswith(NONCES_HASHES) for s in script_src) and "'strict-dynamic'" in script_src:
        script_src = {
            s
            for s in script_src
            if not (s.startswith(tuple(DANGEROUSLY_BROAD)) or s in {"'self'", "'unsafe-inline'"})
        }
    elif "'strict-dynamic'" in script_src:
        result = "csp-header-invalid"
    active = [
        s
        for d, sources in csp.items()
        if d not in PASSIVE_DIRECTIVES and d != "script-src"
        for s in sources
    ]
    active += script_src
    passive = [s for d in PASSIVE_DIRECTIVES for s in (csp.get(d) or default or set())]
    https = scan.auto.url.startswith("https:")
    insecure = ("http:", "ftp:")
    checks = [
        (
            script_src & (DANGEROUSLY_BROAD | UNSAFE_INLINE) or object_src & DANGEROUSLY_BROAD,
            "csp-implemented-with-unsafe-inline",
        ),
        (
            https and any(s.startswith(insecure) for s in active),
            "csp-implemented-with-insecure-scheme",
        ),
        ("'unsafe-eval'" in script_src | style_src, "csp-implemented-with-unsafe-eval"),
        (
            https and any(s.startswith(insecure) for s in passive),
            "csp-implemented-with-insecure-scheme-in-passive-content-only",
        ),
        (
            style_src & (DANGEROUSLY_BROAD | UNSAFE_INLINE),
            "csp-implemented-with-unsafe-inline-in-style-src-only",
        ),
        (default == {"'none'"}, "csp-implemented-with-no-unsafe-default-src-none"),
        (True, "csp-implemented-with-no-unsafe"),
    ]
    for failed, expectation in checks:
        if result is None and failed:
            result = expectation
    passed = result in {
        "csp-implemented-with-no-unsafe",
        "csp-implemented-with-no-unsafe-default-src-none",
        "csp-implemented-with-unsafe-inline-in-style-src-only",
        "csp-implemented-with-insecure-scheme-in-passive-content-only",
    }
    return Result(name, result, passed), csp


def hsts_test(scan: Scan) -> Result:
    name = "strict-transport-security"
    header = (scan.auto.first("Strict-Transport-Security") or "")[:1024]
    if not scan.auto.url.startswith("https:"):
        return Result(name, "hsts-not-implemented-no-https", False)
    if not header:
        return Result(name, "hsts-not-implemented", False)
    max_age = None
    for parameter in (p.strip().lower() for p in header.split(";")):
        if parameter.startswith("max-age="):
            try:
                max_age = int(parameter[8:128])
            except ValueError:
                max_age = None
    if "," in header or max_age is None:
        return Result(name, "hsts-header-invalid", False)
    if max_age < SIX_MONTHS:
        return Result(name, "hsts-implemented-max-age-less-than-six-months", False)
    return Result(name, "hsts-implemented-max-age-at-least-six-months", True)


def parse_set_cookie(raw: str) -> dict[str, str | bool]:
    name_value, *attributes = raw.split(";")
    cookie: dict[str, str | bool] = {"name": name_value.split("=", 1)[0].strip()}
    for attribute in attributes:
        key, _, value = attribute.strip().partition("=")
        cookie[key.strip().lower()] = value.strip() or True
    return cookie


COOKIE_ORDER = [
    "cookies-without-secure-flag-but-protected-by-hsts",
    "cookies-without-secure-flag",
    "cookies-session-without-secure-flag-but-protected-by-hsts",
    "cookies-samesite-flag-invalid",
    "cookies-anticsrf-without-samesite-flag",
    "cookies-session-without-httponly-flag",
    "cookies-session-without-secure-flag",
]


def cookies_test(scan: Scan, hsts_passed: bool) -> Result:
    name = "cookies"
    result: str | None = None

    def worse(new: str) -> None:
        nonlocal result
        if result is None or COOKIE_ORDER.index(new) > COOKIE_ORDER.index(result):
            result = new

    raw_cookies = scan.auto.all("Set-Cookie")
    for raw in raw_cookies:
        samesite = parse_set_cookie(raw).get("samesite")
        if samesite is not None and str(samesite).lower() not in {"lax", "strict", "none"}:
            worse("cookies-samesite-flag-invalid")
    jar = {}
    for response in scan.session_responses:
        for raw in response.all("Set-Cookie"):
            cookie = parse_set_cookie(raw)
            if cookie.get("max-age") == "0":
                jar.pop(cookie["name"], None)  # a deleted cookie leaves the jar
            elif cookie["name"]:
                jar[cookie["name"]] = cookie
    if not jar:
        return Result(name, "cookies-not-found", True)
    missing_samesite = False
    for cookie in jar.values():
        key = str(cookie["name"]).lower()
        session = "login" in key or "sess" in key
        anticsrf = "csrf" in key
        secure = bool(cookie.get("secure"))
        samesite = cookie.get("samesite")
        if not secure and str(samesite).lower() == "none":
            worse("cookies-samesite-flag-invalid")
        if not secure:
            worse(
                "cookies-without-secure-flag-but-protected-by-hsts"
                if hsts_passed
                else "cookies-without-secure-flag"
            )
        if anticsrf and not samesite:
            worse("cookies-anticsrf-without-samesite-flag")
        if session and not secure:
            worse(
                "cookies-session-without-secure-flag-but-protected-by-hsts"
                if hsts_passed
                else "cookies-session-without-secure-flag"
            )
        if session and not cookie.get("httponly"):
            worse("cookies-session-without-httponly-flag")
        missing_samesite = missing_samesite or not samesite
    if result is None:
        result = (
            "cookies-secure-with-httponly-sessions"
            if missing_samesite
            else "cookies-secure-with-httponly-sessions-and-samesite"
        )
    passed = result in {
        "cookies-not-found",
        "cookies-secure-with-httponly-sessions-and-samesite",
        "cookies-secure-with-httponly-sessions",
    }
    return Result(name, result, passed)


def cors_test(scan: Scan) -> Result:
    name = "cross-origin-resource-sharing"
    acao = scan.cors.first("Access-Control-Allow-Origin") if scan.cors else None
    if not acao:
        return Result(name, "cross-origin-resource-sharing-not-implemented", True)
    credentials = (scan.cors.first("Access-Control-Allow-Credentials") or "").strip().lower()
    if acao[:256].strip().lower() == "*":
        return Result(name, "cross-origin-resource-sharing-implemented-with-public-access", True)
    if acao == scan.cors_origin and credentials == "true":
        return Result(
            name, "cross-origin-resource-sharing-implemented-with-universal-access", False
        )
    return Result(name, "cross-origin-resource-sharing-implemented-with-restricted-access", True)


def redirection_test(scan: Scan) -> Result:
    name = "redirection"
    route = [urlsplit(r.url) for r in scan.http_route]
    if not route:
        return Result(name, "redirection-not-needed-no-http", True)
    if len(route) == 1:
        return Result(name, "redirection-missing", False)
    if route[-1].scheme != "https":
        return Result(name, "redirection-not-to-https", False)
    if route[1].scheme == "http":
        return Result(name, "redirection-not-to-https-on-initial-redirection", False)
    if route[0].scheme == "http" and route[0].hostname != route[1].hostname:
        return Result(name, "redirection-off-host-from-http", False)
    return Result(name, "redirection-to-https", True)


REFERRER_GOOD = ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"]
REFERRER_BAD = ["origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"]


def referrer_policy_test(scan: Scan) -> Result:
    name = "referrer-policy"
    values = scan.auto.all("Referrer-Policy") + scan.auto.http_equiv("Referrer-Policy")
    if not values:
        return Result(name, "referrer-policy-not-implemented", True)
    valid = [p.strip().lower() for p in ", ".join(values).split(",")]
    valid = [p for p in valid if p in REFERRER_GOOD + REFERRER_BAD]
    policy = valid[-1] if valid else ""
    if policy in REFERRER_GOOD:
        return Result(name, "referrer-policy-private", True)
    if policy in REFERRER_BAD:
        return Result(name, "referrer-policy-unsafe", False)
    return Result(name, "referrer-policy-header-invalid", False)


SRI_ORDER = [
    "sri-implemented-and-all-scripts-loaded-securely",
    "sri-implemented-and-external-scripts-loaded-securely",
    "sri-implemented-but-external-scripts-not-loaded-securely",
    "sri-not-implemented-but-external-scripts-loaded-securely",
    "sri-not-implemented-and-external-scripts-not-loaded-securely",
    "sri-not-implemented-response-not-html",
]


def _site_domain(host: str) -> str:
    """The registrable part, roughly (tldts in the original): the last two labels."""
    return ".".join(host.split(".")[-2:]) if not host.replace(".", "").isdigit() else host


def sri_test(scan: Scan) -> Result:
    name = "subresource-integrity"
    if not scan.auto.is_html:
        return Result(name, "sri-not-implemented-response-not-html", True)
    scripts = BeautifulSoup(scan.auto.body, "html.parser").find_all("script")
    page = urlsplit(scan.auto.url)
    result: str | None = None
    foreign = False
    for script in scripts:
        src = script.get("src")
        if not src:
            continue
        integrity = script.get("integrity")
        relative_protocol = src.startswith("//") and not src.startswith("///")
        full_url = src.startswith(("http://", "https://"))
        relative_origin = not relative_protocol and not full_url
        same_domain = (
            relative_protocol
            or relative_origin
            or (_site_domain(urlsplit(src).hostname or "") == _site_domain(page.hostname or ""))
        )
        secure_origin = relative_origin or (same_domain and not relative_protocol)
        scheme = urlsplit(src).scheme if full_url else None
        secure_scheme = scheme == "https" or (relative_origin and page.scheme == "https")
        if not secure_origin:
            foreign = True
            if integrity and not secure_scheme:
                new = "sri-implemented-but-external-scripts-not-loaded-securely"
            elif not integrity and secure_scheme:
                new = "sri-not-implemented-but-external-scripts-loaded-securely"
            elif not integrity:
                new = "sri-not-implemented-and-external-scripts-not-loaded-securely"
            else:
                continue
            if result is None or SRI_ORDER.index(new) > SRI_ORDER.index(result):
                result = new
        elif integrity and secure_scheme and result is None:
            result = "sri-implemented-and-all-scripts-loaded-securely"
    if not scripts:
        result = "sri-not-implemented-but-no-scripts-loaded"
    elif result is None:
        result = (
            "sri-implemented-and-external-scripts-loaded-securely"
            if foreign
            else "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"
        )
    passed = result in {
        "sri-implemented-and-all-scripts-loaded-securely",
        "sri-implemented-and-external-scripts-loaded-securely",
        "sri-not-implemented-response-not-html",
        "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
        "sri-not-implemented-but-no-scripts-loaded",
    }
    return Result(name, result, passed)


def x_content_type_options_test(scan: Scan) -> Result:
    name = "x-content-type-options"
    header = scan.auto.first("X-Content-Type-Options")
    if not header:
        return Result(name, "x-content-type-options-not-implemented", False)
    if header[:256].strip().lower() == "nosniff":
        return Result(name, "x-content-type-options-nosniff", True)
    return Result(name, "x-content-type-options-header-invalid", False)


def x_frame_options_test(scan: Scan, csp: dict[str, set[str]]) -> Result:
    name = "x-frame-options"
    header = (scan.auto.first("X-Frame-Options") or "")[:1024].strip().lower()
    if not header:
        result = "x-frame-options-not-implemented"
    elif header in {"deny", "sameorigin"}:
        result = "x-frame-options-sameorigin-or-deny"
    elif header.startswith("allow-from"):
        result = "x-frame-options-allow-from-origin"
    else:
        result = "x-frame-options-header-invalid"
    if csp.get("frame-ancestors"):
        result = "x-frame-options-implemented-via-csp"
    passed = result in {
        "x-frame-options-allow-from-origin",
        "x-frame-options-sameorigin-or-deny",
        "x-frame-options-implemented-via-csp",
    }
    return Result(name, result, passed)


def corp_test(scan: Scan) -> Result:
    name = "cross-origin-resource-policy"
    header = ", ".join(scan.auto.all("Cross-Origin-Resource-Policy"))
    meta = scan.auto.http_equiv("Cross-Origin-Resource-Policy")
    value = (header or (meta[-1] if meta else ""))[:256].strip().lower()
    if not value:
        return Result(name, "corp-not-implemented", True)
    result = {
        "same-site": "corp-implemented-with-same-site",
        "same-origin": "corp-implemented-with-same-origin",
        "cross-origin": "corp-implemented-with-cross-origin",
    }.get(value, "corp-header-invalid")
    return Result(name, result, result != "corp-header-invalid")


def _token(value: str) -> str:
    """parseStructuredFieldToken: the token before any parameters."""
    return value.split(";", 1)[0].strip()


def cross_origin_policy_test(scan: Scan, header: str, prefix: str, policies: set[str]) -> Result:
    """COOP and COEP: one header whose token is one of `policies`."""
    values = scan.auto.all(header)
    if not values:
        return Result(header.lower(), f"{prefix}-not-implemented", True)
    policy = _token(values[0][:1024])
    if len(values) > 1 or policy not in policies:
        return Result(header.lower(), f"{prefix}-header-invalid", False)
    return Result(header.lower(), f"{prefix}-implemented-with-{policy}", True)


def score(scan: Scan) -> Score:
    """Run every test and grade (src/scanner/index.js, analyzeScan)."""
    if not (200 <= scan.auto.status < 400 or scan.auto.status in {401, 403}):
        raise ValueError(f"the site answered {scan.auto.status}")
    csp_result, csp = csp_test(scan)
    hsts_result = hsts_test(scan)
    results = [
        csp_result,
        cookies_test(scan, hsts_result.passed),
        cross_origin_policy_test(
            scan,
            "Cross-Origin-Embedder-Policy",
            "coep",
            {"require-corp", "credentialless", "unsafe-none"},
        ),
        cross_origin_policy_test(
            scan,
            "Cross-Origin-Opener-Policy",
            "coop",
            {"same-origin", "same-origin-allow-popups", "noopener-allow-popups", "unsafe-none"},
        ),
        cors_test(scan),
        redirection_test(scan),
        referrer_policy_test(scan),
        hsts_result,
        sri_test(scan),
        x_content_type_options_test(scan),
        x_frame_options_test(scan, csp),
        corp_test(scan),
    ]
    with_extra_credit = 100 + sum(r.modifier for r in results)
    uncurved = 100 + sum(r.modifier for r in results if r.modifier < 0)
    total = max(with_extra_credit if uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT else uncurved, 0)
    grade = next(g for floor, g in GRADES if min(total - total % 5, 100) >= floor)
    return Score(scan.auto.url, total, grade, results)
