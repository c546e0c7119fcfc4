"""The seed edition: the front page of 株洲日报 of 2023-08-09 as its print system dumped it, named
here only. `make run` imports it (`import_edition --seed`), the tests and the typeset test pages
read it, and the archive generator takes its text by default."""

from pathlib import Path

DUMP = Path(__file__).resolve().parent.parent / "seeds" / "000_092d2e3a62978a8e.txt"
DATE = "2023-08-09"
PAGE = "01"  # its label: neither the file's name nor its header says
