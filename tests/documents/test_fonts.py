"""The shared CJK font: found in the Debian path, overridable, a bilingual error when absent."""

from __future__ import annotations

import pytest

from renshe.documents import docx_font, fonts


def test_default_is_the_debian_wqy_zenhei_file(monkeypatch):
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)
    assert fonts.font_path() == fonts.KNOWN_PATHS[0]
    assert fonts.register_cjk_font() == fonts.FONT_NAME == fonts.register_cjk_font()


def test_env_var_names_the_file(monkeypatch):
    monkeypatch.setenv(fonts.ENV_VAR, str(fonts.KNOWN_PATHS[0]))
    assert fonts.font_path() == fonts.KNOWN_PATHS[0]


def test_missing_font_says_which_package_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv(fonts.ENV_VAR, str(tmp_path / "none.ttf"))
    with pytest.raises(fonts.FontMissing, match="字体文件不存在.* / font file"):
        fonts.font_path()
    monkeypatch.delenv(fonts.ENV_VAR)
    monkeypatch.setattr(fonts, "KNOWN_PATHS", (tmp_path / "none.ttc",))
    with pytest.raises(fonts.FontMissing, match="fonts-wqy-zenhei.*apt-get install fonts-wqy-zenhei"):
        fonts.font_path()


def test_obfuscation_is_the_ecma_376_xor_and_its_own_inverse():
    # ECMA-376 Part 1 §17.8 (Font Embedding): key {00112233-4455-6677-8899-AABBCCDDEEFF} → bytes FF EE … 11 00,
    # XORed over bytes 0–15 and again over 16–31; byte 32 on is untouched.
    key = "{00112233-4455-6677-8899-AABBCCDDEEFF}"
    font = bytes(40)
    out = docx_font.obfuscate(font, key)
    assert out[:16] == out[16:32] == bytes.fromhex("FFEEDDCCBBAA99887766554433221100")
    assert out[32:] == font[32:] and docx_font.obfuscate(out, key) == font
