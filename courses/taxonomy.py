"""The national taxonomies' initial slugs and labels (Vietnamese source, English)."""

CATEGORIES = [
    ("digital-skills", "Kỹ năng số", "Digital skills"),
    ("literacy", "Xóa mù chữ", "Literacy"),
    ("foreign-languages", "Ngoại ngữ", "Foreign languages"),
    ("agriculture", "Nông nghiệp", "Agriculture"),
    ("health", "Sức khỏe", "Health"),
    ("law-civics", "Pháp luật và công dân", "Law and civics"),
    ("vocational", "Dạy nghề", "Vocational training"),
    ("culture-arts", "Văn hóa và nghệ thuật", "Culture and arts"),
    ("life-skills", "Kỹ năng sống", "Life skills"),
]

AUDIENCES = [
    ("everyone", "Mọi người", "Everyone"),
    ("older-adults", "Người cao tuổi", "Older adults"),
    ("women", "Phụ nữ", "Women"),
    ("youth", "Thanh niên", "Young people"),
    ("children", "Trẻ em", "Children"),
    ("ethnic-minorities", "Đồng bào dân tộc thiểu số", "Ethnic minorities"),
    ("people-with-disabilities", "Người khuyết tật", "People with disabilities"),
    ("farmers", "Nông dân", "Farmers"),
    ("workers", "Công nhân, người lao động", "Workers"),
]
