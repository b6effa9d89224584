"""``renshe knowledge search`` as CONTRACTS.md names it."""

import json

from renshe.cli import main


def test_search_json(capsys):
    assert main(["knowledge", "search", "公司不签劳动合同怎么办", "--limit", "5", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 5
    assert {"document", "number", "article", "text", "score"} <= set(hits[0])
    assert ("中华人民共和国劳动合同法", 82) in {(h["document"], h["article"]) for h in hits}
    assert hits[0]["score"] >= hits[-1]["score"]


def test_search_on_date_and_text_output(capsys):
    assert main(["knowledge", "search", "劳务派遣注册资本", "--on", "2010-01-01", "--limit", "1"]) == 0
    assert "五十万元" in capsys.readouterr().out


def test_bad_input_exits_2_bilingual(capsys):
    assert main(["knowledge", "search", "工伤", "--on", "2025-13-01"]) == 2
    err = capsys.readouterr().err
    assert "--on" in err and " / " in err
