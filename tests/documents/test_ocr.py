"""Reading the MRZ from images of data pages with the real Tesseract, on pages the synthetic
world renders."""

from __future__ import annotations

import io
from itertools import islice
from pathlib import Path

import pytest
from PIL import Image

from vigie.demo.datapage import render_data_page, world_documents, write_data_pages
from vigie.documents.ocr import read_image, settle, zone_lines
from vigie.documents.validate import read_mrz
from vigie.errors import InvalidInput

TD3 = [
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
]


@pytest.mark.parametrize("blur", [0.0, 0.8])
def test_world_data_pages_are_read_back_exactly(blur: float) -> None:
    for document in islice(world_documents(7, 6), 3):
        reading = read_image(render_data_page(document, blur))
        assert tuple(reading.lines) == document.mrz, reading.notes
        assert read_mrz(reading.lines).valid


def test_a_page_without_a_zone_is_refused() -> None:
    out = io.BytesIO()
    Image.new("L", (400, 200), 240).save(out, format="PNG")
    with pytest.raises(InvalidInput, match="No machine-readable zone"):
        read_image(out.getvalue())


def test_what_is_not_an_image_is_refused() -> None:
    with pytest.raises(InvalidInput, match="not an image"):
        read_image(b"P<UTOERIKSSON<<ANNA")


def test_the_zone_is_the_last_run_of_long_lines() -> None:
    text = "PASSPORT\nERIKSSON\n\n" + TD3[0] + "\n" + TD3[1].replace("C3", "C 3") + "\n\n"
    assert zone_lines(text) == TD3


def test_confusions_are_settled_only_where_one_kind_may_be_and_noted() -> None:
    read = [TD3[0].replace("UTO", "UT0"), TD3[1].replace("7408122", "74O8I22").replace("10", "1Q")]
    lines, notes = settle(read)
    assert lines == TD3
    assert len(notes) == 4
    assert "line 1, column 5" in notes[0]
    # The document number admits letters and digits: left as read, for the validator to name.
    number = [TD3[0], TD3[1].replace("L898902C3", "L8989O2C3")]
    assert settle(number) == (number, [])


def test_a_miscounted_run_of_fillers_is_fitted_and_noted() -> None:
    lines, notes = settle([TD3[0][:-5], TD3[1]])
    assert lines == TD3
    assert "was read with 39 characters" in notes[0]


def test_sample_pages_are_written(tmp_path: Path) -> None:
    written = write_data_pages(7, 2, tmp_path)
    assert [p.name for p in written] == ["passport-0000.png", "passport-0001.png"]
    with Image.open(written[0]) as image:
        assert image.size == (1000, 600)
