from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """Per-centre and per-province staff groups, staff management and the
    spreadsheet import and export in the admin."""

    name = "staff"
    verbose_name = _("Staff")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy
        from wagtail.signals import page_published, post_page_move

        from staff import restrictions, signal_handlers
        from staff.permissions import StaffPagePermissionPolicy

        register_permission_policy(Page, StaffPagePermissionPolicy(Page))

        restrictions.page_types_usage_report_narrow()
        restrictions.explorer_confine()

        post_save.connect(signal_handlers.page_saved, dispatch_uid="staff_page_saved")
        page_published.connect(
            signal_handlers.page_changed, dispatch_uid="staff_page_published"
        )
        post_page_move.connect(
            signal_handlers.page_changed, dispatch_uid="staff_page_moved"
        )
