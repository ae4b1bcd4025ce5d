import pytest

from centres.selectors import PlaceAmbiguous, PlaceNotFound, commune_find, province_find

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed",
    ["dak lak", "Tỉnh Đắk Lắk", "ĐẮK LẮK", "Daklak", "Đăk Lăk", "66", "tinh dak lak"],
)
def test_province_found_however_it_is_typed(typed):
    assert province_find(typed).name == "Tỉnh Đắk Lắk"


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("ho chi minh", "Thành phố Hồ Chí Minh"),
        ("TP Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
        ("ha noi", "Thành phố Hà Nội"),
        ("Hue", "Thành phố Huế"),
    ],
)
def test_city_found_without_its_type_word(typed, name):
    assert province_find(typed).name == name


@pytest.mark.parametrize("typed", ["Atlantis", "99", ""])
def test_unknown_province_is_reported(typed):
    with pytest.raises(PlaceNotFound):
        province_find(typed)


@pytest.mark.parametrize("typed", ["ea kao", "Phường Ea Kao", "EA KAO", "Eakao"])
def test_commune_found_however_it_is_typed(typed):
    assert commune_find(typed, province_find("dak lak")).name == "Phường Ea Kao"


def test_commune_of_another_province_is_not_found():
    with pytest.raises(PlaceNotFound):
        commune_find("Ba Đình", province_find("dak lak"))


def test_folded_collision_is_ambiguous_but_exact_marks_win():
    dong_thap = province_find("82")
    with pytest.raises(PlaceAmbiguous) as exc:
        commune_find("my tho", dong_thap)
    assert len(exc.value.candidates) == 2
    exact = exc.value.candidates[0]
    assert commune_find(exact.name, dong_thap) == exact
