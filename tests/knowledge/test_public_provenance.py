"""Issue 18 item 12: law pages show the public the document and where it is published; how the
text was obtained (paths, mirrors, commits, unreachable sites) only to staff."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

MAINTAINERS = ("shared/laws", "本机无法访问", "commit", "Chinese-Laws", "GitHub")


@pytest.mark.parametrize("url", ["/knowledge/doc/retirement-measures/", "/knowledge/doc/social-insurance-law/",
                                 "/knowledge/doc/retirement-measures/1/"])
def test_public_sees_the_document_not_the_maintainers_notes(client, demo, url):
    html = client.get(url).content.decode()
    assert "《" in html and "未与官方公报逐条核对" in html
    for note in MAINTAINERS:
        assert note not in html, (url, note)
    client.force_login(demo["legal"])
    staff = client.get(url).content.decode()
    assert "维护记录" in staff
