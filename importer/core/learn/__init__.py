"""The importer learning from what editors published. Pure Python: no Django import.

* `texts`: an article's text and title as the scorers read them (NFKC, no white space);
* `match`: which parsed article is which published one (by title, one to one);
* `score`: the shared scorers' measures of a parse against the edition as published;
* `corrections`: what the editors changed, by kind (``headline split kicker→headline``,
  ``two articles merged``, ``subhead → new article`` ...), each with an example;
* `decisions`, `conventions`, `tune`: the tuner that fits a publication's profile to its corrected
  editions (the opening weights to the editors' decisions, conventions proposed from their
  corrections, thresholds tried), checked on held-back editions; `lessons`: corrected editions
  read from folders.

Both kinds of truth the project knows are an edition JSON as published (`newsroom.edition/1`):
what editors published from the database, and a corpus truth turned into one.
"""
