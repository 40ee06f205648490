from __future__ import annotations

import pytest

from qqtext import CorpusError, articles_frame, corpus_entries, load_document
from qqtext.corpus import document_id, read_metadata


def test_shipped_corpus_entry():
    [entry] = corpus_entries()
    assert entry.id == "jinan-2019" and entry.path.is_file()
    assert (entry.place, entry.level, entry.date) == ("济南市", "city", "2019-01-04")


def test_metadata_beside_user_files_gives_the_id(tmp_path, jinan_text):
    (tmp_path / "a.txt").write_text(jinan_text, encoding="utf-8")
    (tmp_path / "metadata.toml").write_text(
        '[[document]]\nid = "my-city"\nfile = "a.txt"\nplace = "某市"\n', encoding="utf-8")
    doc = load_document(tmp_path / "a.txt")
    assert doc.id == "my-city" and doc.meta("place") == "某市"
    assert doc.article(13).items[0].id == "my-city/art-13/item-1"


@pytest.mark.parametrize(
    "content", ["[[document]]\nid = 'x'\n", "not toml = = 1", "[[document]]\nfile = 'a.txt'\n"],
    ids=["no-file", "bad-toml", "no-id"],
)
def test_malformed_metadata_is_a_corpus_error(tmp_path, content):
    (tmp_path / "metadata.toml").write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError, match="metadata.toml"):
        read_metadata(tmp_path)


def test_document_id_from_file_name():
    assert document_id("x/2019 济南 办法.docx") == "2019-济南-办法"


def test_articles_frame(jinan):
    frame = articles_frame(jinan)
    assert list(frame["number"]) == list(range(1, 24))
    assert frame.loc[frame["number"] == 13, "items"].item() == 9
    assert frame["chars"].sum() == sum(len(a.text.replace("\n", "")) for a in jinan.articles)
    assert str(frame["chapter"].dtype) == "Int64"
