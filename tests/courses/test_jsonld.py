"""schema.org JSON-LD on course and centre pages: valid JSON, checked field by
field, and no way for page text to break out of the script element."""

import json
import re

import pytest

from tests.courses import schedule_data as data

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def jsonld(client, page):
    html = client.get(page.url).content.decode()
    (block,) = SCRIPT.findall(html)
    return json.loads(block)


def test_course_is_a_course_with_one_instance_per_session(client, tmp_path):
    course = data.publish_schedule(tmp_path)
    centre = data.centre()
    ld = jsonld(client, course)
    assert ld["@context"] == "https://schema.org"
    assert ld["@type"] == "Course"
    assert ld["name"] == course.title
    assert ld["description"] == course.summary
    assert ld["courseCode"] == data.COURSE_CODE
    assert ld["url"] == course.full_url
    assert ld["inLanguage"] == "vi"
    assert ld["isAccessibleForFree"] is True
    assert ld["offers"] == [
        {
            "@type": "Offer",
            "category": "Free",
            "price": 0,
            "priceCurrency": "VND",
            "url": course.full_url,
        }
    ]
    assert ld["provider"]["@type"] == "EducationalOrganization"
    assert ld["provider"]["name"] == centre.title
    assert ld["provider"]["url"] == centre.full_url
    weekly, one_off, fortnightly, moved = ld["hasCourseInstance"]
    assert weekly["@type"] == "CourseInstance"
    assert weekly["courseMode"] == "Onsite"
    assert weekly["startDate"] == "2030-12-17T18:00+07:00"
    assert weekly["endDate"] == "2031-01-23T19:30+07:00"
    assert weekly["isAccessibleForFree"] is True
    assert weekly["offers"]["price"] == 0
    assert weekly["instructor"] == {"@type": "Person", "name": "Cô Hoa"}
    assert weekly["courseSchedule"] == {
        "@type": "Schedule",
        "startDate": "2030-12-17",
        "endDate": "2031-01-23",
        "startTime": "18:00:00",
        "endTime": "19:30:00",
        "duration": "PT1H30M",
        "scheduleTimezone": "Asia/Ho_Chi_Minh",
        "repeatFrequency": "Weekly",
        "byDay": ["https://schema.org/Tuesday", "https://schema.org/Thursday"],
        "exceptDate": ["2031-01-02", "2031-01-14"],
    }
    location = weekly["location"]
    assert location["@type"] == "Place"
    assert location["name"] == f"Phòng 1, {centre.title}"
    assert location["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Phường Ea Kao",
        "addressRegion": "Tỉnh Đắk Lắk",
        "addressCountry": "VN",
        "streetAddress": "Buôn Ea Kao",
    }
    assert location["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 12.63,
        "longitude": 108.07,
    }
    assert one_off["courseSchedule"]["startDate"] == "2031-01-11"
    assert "repeatFrequency" not in one_off["courseSchedule"]
    assert fortnightly["courseSchedule"]["repeatFrequency"] == "P2W"
    assert fortnightly["courseSchedule"]["duration"] == "PT2H"
    assert moved["startDate"] == "2031-01-03T18:00+07:00"


def test_fee_and_mode_follow_the_course(client, tmp_path):
    course = data.publish_schedule(
        tmp_path, data.catalogue(fee_vnd=150000, mode="online")
    )
    ld = jsonld(client, course)
    assert ld["isAccessibleForFree"] is False
    assert ld["offers"][0]["category"] == "Paid"
    instance = ld["hasCourseInstance"][0]
    assert instance["offers"]["price"] == 150000
    assert instance["offers"]["priceCurrency"] == "VND"
    assert instance["isAccessibleForFree"] is False
    assert instance["courseMode"] == "Online"
    assert instance["location"] == {"@type": "VirtualLocation", "url": course.full_url}


def test_centre_is_an_educational_organization_with_geo(client, tmp_path):
    data.publish_schedule(tmp_path)
    centre = data.centre()
    ld = jsonld(client, centre)
    assert ld["@type"] == "EducationalOrganization"
    assert ld["@id"] == f"{centre.full_url}#centre"
    assert ld["name"] == centre.title
    assert ld["url"] == centre.full_url
    assert ld["telephone"] == "0262 3812 999"
    assert ld["email"] == "lich@example.vn"
    assert ld["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 12.63,
        "longitude": 108.07,
    }
    assert ld["address"]["addressLocality"] == "Phường Ea Kao"
    assert ld["address"]["addressCountry"] == "VN"
    assert ld["hasMap"].startswith("https://www.openstreetmap.org/")
    assert [f["name"] for f in ld["amenityFeature"]] == [
        "Có máy tính cho học viên",
        "Có wifi miễn phí",
    ]


def test_page_text_cannot_end_the_script_element(client, tmp_path):
    title = "Lớp </script><script>alert(1)</script> & <b>"
    course = data.publish_schedule(tmp_path, data.catalogue(title=title))
    html = client.get(course.url).content.decode()
    (block,) = SCRIPT.findall(html)
    assert "<" not in block and ">" not in block
    assert json.loads(block)["name"] == title
