from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class CurriculumModuleBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    hours = blocks.IntegerBlock(label=_("hours"), min_value=1)
    outcomes = blocks.TextBlock(label=_("learning outcomes"), required=False)

    class Meta:
        icon = "list-ul"
        label = _("module")
        template = "courses/blocks/curriculum_module.html"
