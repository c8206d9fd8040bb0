"""Personal and place names in Cold War documents, whatever their script or romanization.

``romanize.name_keys`` gives a name's comparison keys: one spelling of Kim Il Sung, Mao
Zedong or Khrushchev shares a key with every other (McCune-Reischauer, Revised
Romanization, Hangul; pinyin, Wade-Giles, Hanzi; Cyrillic and its English, library, German
and French transliterations). The rules for each language live in ``korean``, ``chinese``
and ``russian``.
"""
