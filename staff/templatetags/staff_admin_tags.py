"""Admin template tags of the staff app."""

from django import template
from django.urls import reverse
from wagtail.admin.templatetags.wagtailadmin_tags import bulk_action_choices
from wagtail.admin.views.bulk_action.registry import bulk_action_registry

register = template.Library()


@register.inclusion_tag("wagtailadmin/shared/buttons.html", takes_context=True)
def offered_bulk_action_choices(context, app_label, model_name):
    """Wagtail's ``bulk_action_choices`` (the buttons of a listing's bulk
    actions), without the actions not offered to the user: those whose class
    method ``is_offered_to(user)`` answers false (see
    ``staff.restrictions.RemovalOfferedMixin``). Wagtail offers every registered
    action to everyone and has no hook to leave one out; the listings' footer
    template (staff/templates/wagtailadmin/bulk_actions/footer.html) calls this
    instead."""
    choices = bulk_action_choices(context, app_label, model_name)
    user = context["request"].user
    hidden = {
        reverse("wagtail_bulk_action", args=[app_label, model_name, action.action_type])
        for action in bulk_action_registry.get_bulk_actions_for_model(
            app_label, model_name
        )
        if hasattr(action, "is_offered_to") and not action.is_offered_to(user)
    }
    if not hidden:
        return choices
    buttons = []
    for button in choices["buttons"]:
        if getattr(button, "url", None) in hidden:
            continue
        # The actions after the fourth are in a "More" dropdown.
        inner = getattr(button, "dropdown_buttons", None)
        if inner is not None:
            button.dropdown_buttons = [b for b in inner if b.url not in hidden]
            if not button.dropdown_buttons:
                continue
        buttons.append(button)
    return {**choices, "buttons": buttons}
