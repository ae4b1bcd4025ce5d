"""Checks shared by the admin forms of pages that hold images."""

from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry


def images_not_choosable_refuse(formset, user, field="image"):
    """Add an error to each live form of ``formset`` (an inline formset, already
    validated) whose ``field`` was set to an image ``user`` may not choose.

    The image chooser lists only the images in the collections the user may
    choose from (Wagtail's permission policy, "choose" action), but the form
    accepted any image id posted: a centre's staff could publish another
    centre's photo. An image the page already held stays accepted, whoever put
    it there."""
    if formset is None or user is None:
        return
    choosable = None
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE") or field not in form.changed_data:
            continue
        image = data.get(field)
        if image is None:
            continue
        if choosable is None:
            policy = policy_registry.get_by_type(get_image_model())
            choosable = policy.instances_user_has_any_permission_for(user, ["choose"])
        if not choosable.filter(pk=image.pk).exists():
            form.add_error(field, _("You may not use this image."))
