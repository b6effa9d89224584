"""Issue 18 item 12: law pages show the public the document and where it is published; how the
text was obtained (paths, mirrors, commits, unreachable sites) only to staff."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

MAINTAINERS = ("shared/laws", "本机无法访问", "commit", "Chinese-Laws", "GitHub", "renshe/rules", "checked 改为")


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


def test_policy_list_sent_with_nothing_ticked_says_what_to_do(client):
    r = client.get("/knowledge/policy-list/", {"kind": "person", "region": "fujian"})
    html = r.content.decode()
    assert r.status_code == 422 and "请至少勾选一项" in html
    assert 'fieldset class="field tags" data-kind="enterprise"' in html  # hidden by the stylesheet for a person
    assert client.get("/knowledge/policy-list/").status_code == 200  # a first visit is not an error
