"""The admin form of a centre page."""

from wagtail.admin.forms import WagtailAdminPageForm

from media.forms import images_not_choosable_refuse


class CentrePageForm(WagtailAdminPageForm):
    """Offers only the communes of the province the centre is filed under, and
    accepts only the photos the editor may choose.

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

    def clean(self):
        cleaned_data = super().clean()
        photos = self.formsets.get("photos")
        if photos is not None and photos.is_valid():
            images_not_choosable_refuse(photos, self.for_user)
        return cleaned_data
