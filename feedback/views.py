"""The public feedback steps: answer yes/no, say what a "no" was looking for, thank you.

No view here touches the session or the CSRF cookie, so no public response sets a cookie: the
form's signed page token, the honeypot and the per-client rate limit stand in for CSRF (a forged
post could only add one answer, which the rate limit bounds). Every bad post gets a 4xx page.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Page

from .abuse import (
    feedback_client,
    forget_old_clients,
    is_rate_limited,
    page_id_from_token,
    response_id_from_token,
    response_token,
)
from .models import COMMENT_MAX, PageFeedback

ANSWERS = {"yes": True, "no": False}


class SeeOther(HttpResponseRedirect):
    status_code = 303  # after a POST, the browser GETs the next step (PRG)


def _problem(request: HttpRequest, message: str, status: int = 400) -> HttpResponse:
    response = render(request, "feedback/problem.html", {"message": message}, status=status)
    add_never_cache_headers(response)
    return response


def _live_page(page_id: int | None) -> Page | None:
    if page_id is None:
        return None
    return Page.objects.live().public().filter(pk=page_id).first()


@csrf_exempt
@require_POST
def answer(request: HttpRequest) -> HttpResponse:
    """Store a yes or no for a page; a no goes on to ask what the visitor was looking for."""
    page_id = page_id_from_token(request.POST.get("token", ""))
    if page_id is None:
        return _problem(
            request, "Your answer could not be sent. Go back to the page and try again."
        )
    page = _live_page(page_id)
    if page is None:
        return _problem(request, "The page you answered about is no longer on this website.", 404)
    useful = ANSWERS.get(request.POST.get("useful", ""))
    if useful is None:
        return _problem(request, "Select yes or no to say whether the page was useful.")
    if request.POST.get("website"):
        return _problem(request, "Your answer could not be accepted.")
    hashed = feedback_client(request)
    forget_old_clients()
    if is_rate_limited(hashed):
        return _problem(
            request, "You have sent a lot of answers in a short time. Try again later.", 429
        )
    response = PageFeedback.objects.create(page=page, useful=useful, client_hash=hashed)
    if useful:
        return SeeOther(reverse("feedback_thanks") + "?" + urlencode({"page": page.pk}))
    return SeeOther(reverse("feedback_more") + "?" + urlencode({"r": response_token(response.pk)}))


def _comment_form(
    request: HttpRequest, token: str, comment: str = "", error: str = "", status: int = 200
) -> HttpResponse:
    response = render(
        request,
        "feedback/more.html",
        {"token": token, "comment": comment, "error": error, "comment_max": COMMENT_MAX},
        status=status,
    )
    add_never_cache_headers(response)
    return response


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def more(request: HttpRequest) -> HttpResponse:
    """The second step after a "no": an optional "what were you looking for?" box."""
    data = request.POST if request.method == "POST" else request.GET
    token = data.get("r", "")
    response_id = response_id_from_token(token)
    feedback = (
        None
        if response_id is None
        else PageFeedback.objects.filter(pk=response_id, useful=False).first()
    )
    if feedback is None:
        return _problem(
            request, "This link has expired. Thank you for saying the page was not useful."
        )
    if request.method != "POST":
        return _comment_form(request, token)
    comment = data.get("comment", "").replace("\r\n", "\n").strip()
    if len(comment) > COMMENT_MAX:
        return _comment_form(
            request,
            token,
            comment,
            f"What you were looking for must be {COMMENT_MAX:,} characters or fewer. "
            f"It is {len(comment):,} characters.",
            status=400,
        )
    if "\x00" in comment:
        return _comment_form(
            request, token, "", "Your answer contains a character we cannot accept", 400
        )
    if comment:
        PageFeedback.objects.filter(pk=feedback.pk, comment="").update(comment=comment)
    return SeeOther(reverse("feedback_thanks") + "?" + urlencode({"page": feedback.page_id}))


@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    page_id = request.GET.get("page", "")
    page = _live_page(int(page_id)) if page_id.isdigit() and len(page_id) < 12 else None
    return render(request, "feedback/thanks.html", {"return_page": page})
