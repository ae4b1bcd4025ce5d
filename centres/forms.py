"""The admin form of a centre page."""

from wagtail.admin.forms import WagtailAdminPageForm


class CentrePageForm(WagtailAdminPageForm):
    """Offers only the communes of the province the centre is filed under.

    That is the only valid choice, and it keeps the form light: a list of about a
    hundred communes instead of all 3,321 (each needing its province's name).
    """

    def __init__(self, *args, **kwargs):
        from centres.models import Commune  # the models module imports this one

        super().__init__(*args, **kwargs)
        field = self.fields.get("commune")
        province = getattr(
            getattr(self.parent_page, "specific", None), "province", None
        )
        if field is not None and province is not None:
            field.queryset = Commune.objects.filter(province=province).select_related(
                "province"
            )
