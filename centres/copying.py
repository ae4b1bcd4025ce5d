"""Copying centre and course pages in the admin.

Each has a code that is unique in its language (the ministry's centre code, the
course code). Wagtail's copy kept the code: the copy's validation then failed
uncaught (a server error, nothing copied), and a centre copied with its courses
would have stored each course's code twice (children are saved unvalidated).

A copy in the same language is what an editor makes to start a similar course or
centre, so it gets a fresh code ("C-123-COPY", then "C-123-COPY-2", ...) and is
kept as a draft: the editor gives it its real code before anyone sees it.
A copy made for a translation keeps its code (another language).
"""

from itertools import count

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.actions.copy_page import CopyPageAction
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.pages.copy import CopyView
from wagtail.models import Page

COPY_SUFFIX = "-COPY"


def coded_page_model(page):
    """Return the page class whose ``code`` is unique per language (CentrePage or
    CoursePage) that ``page`` (any page, specific or not) is, else None."""
    from centres.models import CentrePage
    from courses.models import CoursePage

    cls = page.specific_class or type(page)
    for model in (CentrePage, CoursePage):
        if issubclass(cls, model):
            return model
    return None


def code_for_copy(model, code, locale_id):
    """Return a code for a copy of a ``model`` page with ``code`` in the locale
    ``locale_id``: ``code`` with COPY_SUFFIX (then numbered), cut to the field's
    length, that no page of ``model`` in that locale has."""
    length = model._meta.get_field("code").max_length
    base = code.removesuffix(COPY_SUFFIX)
    for number in count(1):
        suffix = COPY_SUFFIX if number == 1 else f"{COPY_SUFFIX}-{number}"
        candidate = base[: length - len(suffix)] + suffix
        if not model.objects.filter(code=candidate, locale_id=locale_id).exists():
            return candidate
    return None  # unreachable: count() never ends


class FreshCodeCopyPageAction(CopyPageAction):
    """Wagtail's page copy, giving each copied centre or course page (the page
    and, when copied recursively, its subpages) a fresh code when its code is
    taken in the copy's language."""

    def _copy_page(
        self, page, to=None, update_attrs=None, exclude_fields=None, _mpnode_attrs=None
    ):
        model = coded_page_model(page)
        if model is not None:
            specific = page.specific
            locale = (update_attrs or {}).get("locale") or specific.locale
            taken = model.objects.filter(code=specific.code, locale=locale)
            if taken.exists():
                update_attrs = {
                    **(update_attrs or {}),
                    "code": code_for_copy(model, specific.code, locale.pk),
                }
        return super()._copy_page(
            page,
            to=to,
            update_attrs=update_attrs,
            exclude_fields=exclude_fields,
            _mpnode_attrs=_mpnode_attrs,
        )


class CodedPageCopyView(CopyView):
    """Wagtail's copy view for a centre or course page: the copy (with its
    subpages) is a draft with fresh codes (see FreshCodeCopyPageAction)."""

    def dispatch(self, request, page_id, *args, **kwargs):
        # Wagtail's dispatch, without running the before_copy_page hooks again
        # (this view is one of them).
        self.page = get_object_or_404(Page, id=page_id)
        if not self.page.permissions_for_user(request.user).can_copy():
            raise PermissionDenied
        self.parent_page = self.page.get_parent()
        self.next_url = get_valid_next_url_from_request(request)
        return super(CopyView, self).dispatch(request, page_id, *args, **kwargs)

    def form_valid(self, form):
        if form.cleaned_data.get("alias"):
            # An alias mirrors its page, code included: it is not a new centre
            # or course and cannot be one.
            form.add_error(
                "alias",
                _(
                    "A centre or course cannot have an alias: it would repeat "
                    "its code. Make a copy instead."
                ),
            )
            return self.form_invalid(form)
        if form.cleaned_data["new_parent_page"]:
            self.parent_page = form.cleaned_data["new_parent_page"]
        new_page = FreshCodeCopyPageAction(
            page=self.page,
            recursive=form.cleaned_data.get("copy_subpages"),
            to=self.parent_page,
            update_attrs={
                "title": form.cleaned_data["new_title"],
                "slug": form.cleaned_data["new_slug"],
            },
            keep_live=False,
            user=self.request.user,
        ).execute()
        edit_button = messages.button(
            reverse("wagtailadmin_pages:edit", args=(new_page.id,)), _("Edit")
        )
        messages.success(
            self.request,
            _(
                "“%(title)s” was copied as a draft with the code %(code)s: give it "
                "its own code before publishing it."
            )
            % {"title": new_page.title, "code": new_page.specific.code},
            buttons=[edit_button],
        )
        # Wagtail's own view runs these hooks after a copy; so does this one.
        for fn in hooks.get_hooks("after_copy_page"):
            result = fn(self.request, self.page, new_page)
            if hasattr(result, "status_code"):
                return result
        if self.next_url:
            return redirect(self.next_url)
        return redirect("wagtailadmin_explore", self.parent_page.id)


def coded_page_copy(request, page):
    """The ``before_copy_page`` hook: centre and course pages are copied by
    CodedPageCopyView; other pages by Wagtail's view (returns None)."""
    if coded_page_model(page) is None:
        return None
    return CodedPageCopyView.as_view()(request, page.pk)
