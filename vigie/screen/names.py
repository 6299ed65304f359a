"""Names parsed into tokens with a role: given or family name, particle, patronymic, initial.

Every script is first written in Latin letters: Cyrillic with the BGN/PCGN romanisation (the one
passports and watchlists mostly use: Khrushchev, not Hrusev), Hebrew with a table of its own (ICU
leaves Hebrew as bare consonants split by apostrophes), everything else with ICU's ``Any-Latin``
and then ASCII. Apostrophes inside a word (O'Brien, Korean syllable breaks, Arabic ʿayn) join the
word instead of splitting it.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache, partial
from itertools import pairwise
from typing import NamedTuple

import icu
from anyascii import anyascii
from rigour.names import NameTypeTag, SymbolCategory, analyze_names

from vigie.screen.chinese import readings, sounds
from vigie.screen.phonetic import fine, reading_keys
from vigie.screen.variants import canonical, section, table

_local = threading.local()
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Letters only some languages written in Cyrillic use, and the BGN/PCGN table of that language,
# first found first: Russian's table writes Ukrainian и as i, not the y of Mykola, and leaves
# Serbian џ and ђ in Cyrillic (Хаџић came out khadic). Kazakh writes і too, so it comes
# before Ukrainian; Belarusian's table writes ў as w, where passports write u.
_CYRILLIC_LANGUAGES = (
    (re.compile("[ЂђЋћЏџЉљЊњЈј]"), "Serbian-Latin/BGN"),
    (re.compile("[ЃѓЌќЅѕ]"), "Macedonian-Latin/BGN"),
    (re.compile("[ӘәҒғҚқҢңӨөҰұҮүҺһ]"), "Kazakh-Latin/BGN"),
    (re.compile("[ЄєЇїҐґІі]"), "Ukrainian-Latin/BGN"),
)
_HEBREW = re.compile(r"[\u0590-\u05ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
# The article written joined to the word (الرحمن): split off, as Latin records write al-Rahman.
_ARABIC_ARTICLE = re.compile(r"(^|\s)ال(?=\S{2,})")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
# Hangul syllables whose final consonant is ㅅ (final index 19 of 28).
_FINAL_SIOT = re.compile("[" + "".join(chr(0xAC00 + 28 * i + 19) for i in range(399)) + "]")
# Abd joined to the name it serves (عبدالله, عبدالرحمن): records write Abd Allah, Abd al-Rahman.
_ARABIC_ABD = re.compile(r"(^|\s)عبد(?=\S{2,})")
# Letters whose Latin spelling depends on the reader: ta marbuta and alef maqsura end names as
# the vowel a (فاطمة is Fatima, مصطفى Mustafa); hamza on a waw is a glottal stop, written
# nowhere (رؤوف is Raouf); dad is a d in Arabic but a z in Persian, Urdu and Turkish (رضا is
# Rida and Reza), written dh like dhal, whose reading as z the phonetic keys allow for.
_ARABIC_LETTERS = str.maketrans({"ة": "a", "ى": "a", "ؤ": "", "ض": "ذ"})
_INNER_WAW = re.compile(r"(?<=[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc])و")
# Brahmic scripts of South Asia (Devanagari, Bengali, Gurmukhi, Gujarati): each consonant
# carries a vowel a that names drop at the end of a word (राहुल is Rahul, not Rahula). A
# virama written after a word's last consonant says so; the nasal signs (anusvara, tippi,
# bindi) are an n before the next consonant (ਸਿੰਘ is Singh).
_BRAHMIC = re.compile(r"[\u0900-\u0aff]+")
_BRAHMIC_FINAL = re.compile(
    r"([\u0915-\u0939\u0958-\u095f\u0995-\u09b9\u09dc-\u09df"
    r"\u0a15-\u0a39\u0a59-\u0a5e\u0a95-\u0ab9])(\u093c|\u09bc|\u0a3c|\u0abc)?(?![\u0900-\u0aff])"
)
# The virama of each script, by its block of 128 code points.
_VIRAMA = {0x12: "\u094d", 0x13: "\u09cd", 0x14: "\u0a4d", 0x15: "\u0acd"}
_NASALS = str.maketrans(
    {"\u0902": "\u0928\u094d", "\u0982": "\u09a8\u09cd", "\u0a70": "\u0a28\u0a4d",
     "\u0a02": "\u0a28\u0a4d", "\u0a82": "\u0aa8\u0acd"}
)  # fmt: skip
# Tamil words, romanised one by one: Tamil writes ca for s (சரவணன், Saravanan) and doubles it
# for ch (பிச்சை, Pichai), and ṭca for the ksh of Sanskrit names (லட்சுமி, Lakshmi).
_TAMIL_WORD = re.compile(r"[\u0b80-\u0bff]+")
_TAMIL_CA = re.compile(r"cc|c")
_EPENTHETIC = re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])eu(?=[bcdfghjklmnpqrstvwxz]|\b)")
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
# A run of Chinese characters is one written word. A Chinese name has two or three, each a
# syllable that records may write apart or together (张小平: Zhang Xiaoping, Chang Hsiao-ping),
# and that is how they are compared; four or more, or the parts of a name split by a middle
# dot (道格拉斯·亚当斯), spell a foreign name syllable by syllable: one word each.
_HAN_RUN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]+")
_MIDDLE_DOT = re.compile(r"[\u00b7\u2027\u30fb\u2022\uff65]")
_JOINERS = re.compile(r"['’ʼʻʿʾ`´\u05f3\u05f4\"]")
# Latin letters with their accents, precomposed or combining (Yoruba's ọ̀ has no precomposed
# form, and decomposed text writes every accent so), digits, spaces and punctuation: a name
# written this way was not romanised by Vigie.
_LATIN_ONLY = re.compile(r"^[\u0000-\u024f\u0300-\u036f\u1e00-\u1eff\u2018-\u201f]*$")
# A short word with a full stop is an abbreviation: Ma. (Maria), Md. (Muhammad), Wm. (William).
_ABBREVIATED = re.compile(r"\b(\w{1,3})\.")
_SEPARATORS = re.compile(r"[^a-z0-9]+")

# Hebrew letters as they sound in transliterated names; the geresh forms (ג׳ = j) first.
_INITIAL_VAV = re.compile(r"(?<![\w'\u05f3])ו(?!ו)")
_ALEF_CARRIER = re.compile(r"(?<![\u05d0-\u05ea])א(?=[וי])")
_FINAL_HE = re.compile(r"(?<=[\u05d0-\u05ea])ה(?![\u05d0-\u05ea'\u05f3])")
_HEBREW_PAIRS = {"ג'": "j", "ז'": "zh", "צ'": "ch", "ץ'": "ch", "ת'": "th", "וו": "v", "יי": "ey"}
_HEBREW_LETTERS = {
    "א": "a", "ב": "b", "ג": "g", "ד": "d", "ה": "h", "ו": "o", "ז": "z", "ח": "kh", "ט": "t",
    "י": "i", "כ": "k", "ך": "k", "ל": "l", "מ": "m", "ם": "m", "נ": "n", "ן": "n", "ס": "s",
    "ע": "a", "פ": "p", "ף": "f", "צ": "ts", "ץ": "ts", "ק": "k", "ר": "r", "ש": "sh", "ת": "t",
}  # fmt: skip

_PARTICLE_WORDS = "al el ul ash bin ibn bint ben bent abu abou bou bar bat van von der den de del \
della dela di da das dos du la le lo st mac ter ten zu y e singh kaur kour"
# Singh and Kaur, which every Sikh man and woman bears, weigh as little as a particle: they
# tell namesakes apart no better, and records often leave them out.
PARTICLES = frozenset(_PARTICLE_WORDS.split())
# Singh and Kaur in any listed spelling (simgh and sigha are how anyascii and ICU romanise
# ਸਿੰਘ) weigh as the particles they are.
SIKH_NAMES = frozenset(("singh", "kaur"))
# In a Vietnamese name, Le (Lê, a family name) and Van (Văn, a middle name) are names, not the
# particles of Marine Le Pen and Vincent van Gogh: Nguyen Van Minh is not Nguyen Thanh Minh.
_VIETNAMESE_PARTICLES = frozenset(("le", "van"))
_VIETNAMESE_SURNAME_WORDS = "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong \
ly dinh trinh truong luong vuong luu"
VIETNAMESE_SURNAMES = frozenset(_VIETNAMESE_SURNAME_WORDS.split())
_VIETNAMESE_MIDDLE_WORDS = "van thi thanh ngoc duc quoc huu xuan minh thu hong dinh cong quang \
manh tuan khanh phuong thuy trung tien viet hoai"
_VIETNAMESE_MIDDLES = frozenset(_VIETNAMESE_MIDDLE_WORDS.split())
# Letters only Vietnamese writes (in NFC): d with stroke, o and u with a horn, a vowel with a
# hook above, and a, e, o with a breve or circumflex under a tone mark; not the dot below of
# Yoruba and Igbo (ẹ, ọ, ị, ụ), nor ă, â, ê or ô alone (Romanian, French, Portuguese).
_VIETNAMESE_LETTERS = re.compile(
    "[đĐơƠưƯảẢẻẺỉỈỏỎủỦỷỶ\u1ea4-\u1eb7\u1ebe-\u1ec7\u1ed0-\u1ee3\u1ee8-\u1ef1]"
)
# Somali's own Latin spelling writes the pharyngeal h as x and the ayn as c, and long vowels
# doubled (Maxamed, Cabdullaahi, Cali, Jaamac); records abroad write Mohamed, Abdullahi, Ali,
# Jama.
_SOMALI_LONG = re.compile(r"([aeiou])\1")
# Where Somali writes its c: opening a word before a vowel (Cabdi, Cumar), ending it after a
# vowel other than i (Jaamac: not the -ić of Serbian and Croatian names), or after a vowel
# before a consonant (Yacquub); never ch, ck or cz. A Somali name's words are also read as
# Somali spells (``Token.alt``).
_SOMALI_C = re.compile(r"^c[aeiou]|[aeou]c$|[aeiou]c(?=[bdfgjlmnqrstwy])")
# Letters Somali spelling does not use (Civakumar, in an ISO spelling of Tamil, is Sivakumar).
_NOT_SOMALI = re.compile("[pvz]")
# The Arabic article assimilated to the sun letter that follows it, and that letter: ad-Din,
# ar-Rahman, as-Sayed, at-Tayeb, az-Zahra, an-Nur are al-Din, al-Rahman … Only before its own
# letter, and not in a Vietnamese name, is it the article (``_assimilated``): An and At are
# names too (Nguyen Van An is not Nguyen Van Al).
_SUN_ARTICLES = {"ad": "d", "ar": "r", "as": "s", "at": "t", "az": "z", "an": "n"}
# Suffixes of patronymics (Russian, Ukrainian, Turkic): optional when comparing names.
_PATRONYMIC = re.compile(r"(ovich|evich|ovych|evych|ovna|evna|ivna|ichna|inichna|oglu|ogly|kyzy)$")
# Compounds written as one word that other records split: Abdelrahman = Abd al-Rahman.
_COMPOUND = re.compile(r"^(abdel|abdul|abdal|abdol|abdur|abdar|abdus|abd)(?=[a-z]{3,})")


class Role(StrEnum):
    """What a token is in a name; it sets how much a missing token counts."""

    NAME = "name"
    PARTICLE = "particle"
    PATRONYMIC = "patronymic"
    INITIAL = "initial"


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a name: its Latin form, its canonical variant (or itself), its role, and
    whether it was romanised from another script (its spelling then says less), whether that
    script leaves out short vowels (Hebrew, Arabic, Persian, Urdu: its consonants are then all
    it says), the name items it is a known spelling of (``name_groups``), and another reading
    of its letters where the script leaves one open (``alt``: a vav or waw inside a word read
    as the consonant v or w, as in דוד, David, rather than the vowel o or u; a Tamil ḻ read sh,
    as in யாழினி, Yazhini, rather than l), whether it was written in Arabic script, which
    writes a long vowel as a letter of its own (``similarity.long_vowels_differ``), and the
    Latin readings of each Chinese character it was written as (``chinese.readings``),
    whether it was written in Cyrillic, which writes every vowel as Latin does
    (``similarity.CYRILLIC_LETTERS``), and what its Chinese characters stand for in the
    transcription of a foreign name (``chinese.sounds``: 法西, fa xi, is Fassi)."""

    text: str
    canon: str
    role: Role
    romanised: bool = False
    abjad: bool = False
    groups: frozenset[str] = frozenset()
    alt: str = ""
    arabic: bool = False
    han: tuple[frozenset[str], ...] = ()
    cyrillic: bool = False
    sounds: str = ""
    # Tokens are the keys of the comparison caches: their hash is worked out once, from what
    # tells them apart (the rest follows from the word they came from), not every field.
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((self.text, self.alt, self.abjad, self.role)))

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple[type[Token], tuple[object, ...]]:
        # Rebuilt through the constructor: a hash of text is another number in another process.
        fields = (self.text, self.canon, self.role, self.romanised, self.abjad, self.groups)
        return Token, (*fields, self.alt, self.arabic, self.han, self.cyrillic, self.sounds)

    def __eq__(self, other: object) -> bool:
        # The same word in two names is two equal tokens: the caches compare them often, so
        # the fields most likely to differ go first and nothing is built to compare them.
        if self is other:
            return True
        if not isinstance(other, Token):
            return NotImplemented
        return (
            self.text == other.text
            and self.alt == other.alt
            and self.role is other.role
            and self.romanised == other.romanised
            and self.abjad == other.abjad
            and self.arabic == other.arabic
            and self.canon == other.canon
            and self.groups == other.groups
            and self.han == other.han
            and self.cyrillic == other.cyrillic
            and self.sounds == other.sounds
        )


def _transliterator(rules: str) -> icu.Transliterator:
    # ICU transliterators are not thread-safe, so each thread keeps its own.
    cache: dict[str, icu.Transliterator] = getattr(_local, "cache", None) or {}
    _local.cache = cache
    if rules not in cache:
        cache[rules] = icu.Transliterator.createInstance(rules)
    return cache[rules]


def _hebrew(text: str) -> str:
    # Vav starting a word is the consonant v (or w); inside a word mostly the vowel o or u.
    text = _INITIAL_VAV.sub("v", text)
    # Alef before a vowel letter only carries it (אודט is Odette); he ending a word after a
    # consonant is the vowel a or e (ניקולה טסלה is Nikola Tesla).
    text = _ALEF_CARRIER.sub("", text)
    text = _FINAL_HE.sub("a", text)
    for pair, latin in _HEBREW_PAIRS.items():
        text = text.replace(pair, latin).replace(pair.replace("'", "\u05f3"), latin)
    return "".join(_HEBREW_LETTERS.get(ch, ch) for ch in text)


def _han_word(match: re.Match[str], foreign: bool) -> str:
    syllables = _transliterator("Han-Latin/Names").transliterate(match.group()).split()
    return " " + ("" if foreign or len(syllables) > 3 else " ").join(syllables) + " "


def _brahmic_word(match: re.Match[str]) -> str:
    text = _BRAHMIC_FINAL.sub(_final_virama, match.group().translate(_NASALS))
    text = str(_transliterator("Any-Latin").transliterate(text))
    # Sibilants written ś and ṣ are sh in names (Sharma, Ashok), not s; ISO's c is the ch of
    # Chandra and Chauhan (and its ch the chh of Chhabra).
    return text.replace("ś", "sh").replace("ṣ", "sh").replace("c", "ch")


def _tamil_word(match: re.Match[str]) -> str:
    text = str(_transliterator("Any-Latin").transliterate(match.group().replace("ட்ச", "க்ஷ")))
    text = _TAMIL_CA.sub(lambda m: "ch" if len(m.group()) == 2 else "s", text)
    return text.replace("ṣ", "sh")


def _final_virama(match: re.Match[str]) -> str:
    return match.group(0) + _VIRAMA[ord(match.group(1)) >> 7]


@lru_cache(maxsize=500_000)
def latin(text: str) -> str:
    """``text`` in lower-case ASCII words separated by single spaces, whatever its script."""
    if _ARABIC.search(text):
        text = _ARABIC_ABD.sub(r"\1عبد ", text).translate(_ARABIC_LETTERS)
        # Allah keeps its article: عبد الله is Abd Allah, not Abd al-Lah.
        text = text.replace("الله", "allah")
        text = _ARABIC_ARTICLE.sub(r"\1ال ", text)
        # Waw and ya are consonants at the start of a word and mostly vowels inside it.
        text = _INNER_WAW.sub("u", text)
    if _HEBREW.search(text):
        text = _hebrew(text)
    if _CYRILLIC.search(text):
        table = next((t for found, t in _CYRILLIC_LANGUAGES if found.search(text)), None)
        text = _transliterator(table or "Russian-Latin/BGN").transliterate(text)
        # BGN/PCGN writes a middle dot where two letters could be read as one (т·с, not ц;
        # к·э): records never do, and it would split the word (Кэлина is Kelina).
        text = text.replace("\u00b7", "")
    if _HANGUL.search(text):
        # A final ㅅ is pronounced t, and is how Hangul writes a final t of foreign names
        # (베넷 is Bennett): written as a final ㄷ, ICU gives it as a t-class letter.
        text = _FINAL_SIOT.sub(lambda m: chr(ord(m.group()) - 12), text)
        # ICU marks ambiguous syllable breaks with a hyphen (el-wiseu); records never do.
        text = _transliterator("Hangul-Latin").transliterate(text).replace("-", "")
        # Hangul writes a vowel (eu) after consonants that other languages cluster or end a
        # word with: Robert is lobeoteu, Chris keuliseu.
        text = _EPENTHETIC.sub("", text)
        # An s before a y-vowel is how Hangul writes sh (슈뢰더 is Schröder, 마샬 Marshall).
        text = text.replace("sy", "sh")
    if _BRAHMIC.search(text):
        text = _BRAHMIC.sub(_brahmic_word, text)
    if _TAMIL_WORD.search(text):
        text = _TAMIL_WORD.sub(_tamil_word, text)
    if _HAN.search(text):
        text = _HAN_RUN.sub(partial(_han_word, foreign=bool(_MIDDLE_DOT.search(text))), text)
    out = _transliterator("Any-Latin; Latin-ASCII; Lower").transliterate(text)
    if not out.isascii():
        out = anyascii(out)
    out = _JOINERS.sub("", out.lower())
    return " ".join(_SEPARATORS.sub(" ", out).split())


def _role(word: str) -> Role:
    if word in PARTICLES or canonical(word) in SIKH_NAMES:
        return Role.PARTICLE
    if len(word) == 1:
        return Role.INITIAL
    if _PATRONYMIC.search(word) and len(word) > 6:
        return Role.PATRONYMIC
    return Role.NAME


def father(word: str) -> str:
    """The father's name a patronymic is made of (oleksandrivna → oleksandr, sergeyevich →
    sergey), as a name tables know it where one does (hryhorovych → hryhoriy, mykhailivna →
    mykhailo, yakovlevich → yakov), or ``word`` itself when it is none."""
    if _role(word) is not Role.PATRONYMIC:
        return word
    stem = _PATRONYMIC.sub("", word)
    endings = (stem, stem + "iy", stem + "ii", stem + "y", stem + "o", stem.removesuffix("l"))
    known = (c for c in endings if canonical(c) != c or name_groups(c))
    return next(known, stem)


def _split(word: str) -> list[str]:
    if word in table():
        return [word]
    # The article glued to a listed name (Alhassan, Elsayed) is the article and the name.
    if word[:2] in ("al", "el") and canonical(word[2:]) != word[2:]:
        return [word[:2], word[2:]]
    compound = _COMPOUND.match(word)
    if compound:
        rest = word[compound.end() :]
        # Abdelrahman: the article may stay glued to the second half (Abdalrahman).
        return ["abd", rest[2:] if rest.startswith("al") and len(rest) > 4 else rest]
    if len(word) > 5 and word[:2] in ("al", "el") and word[2] in "-":
        return [word[:2], word[3:]]
    return [word]


@lru_cache(maxsize=500_000)
def name_groups(word: str) -> frozenset[str]:
    """The given and family names that ``word`` (one word, in any script) is a known spelling
    of: Wikidata's name items, as rigour's name tables list their labels in every script
    (محمود, Mahmoud and Mahmud are one; Щукин, Shchukin and Schtschukin are one). Empty for a
    word none lists."""
    found = analyze_names(
        NameTypeTag.PER, [word], phonetics=False, numerics=False, consolidate=False, rewrite=False
    )
    return frozenset(
        span.symbol.id
        for name in found
        for span in name.spans
        if span.symbol.category == SymbolCategory.NAME and len(span.parts) == 1
    )


# A single vav or waw inside a word, read as the vowel o or u unless doubled (``latin``).
_INNER_VAV = re.compile(r"(?<=[\u05d0-\u05ea])ו(?!ו)(?<!וו)")
_INNER_WAW_LETTER = re.compile(r"(?<=[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc])و")


# Japanese names written in Cyrillic follow Polivanov's system, whose marks Russian words rarely
# have: an э inside the word (Сигэити), дз (Сёдза) or цу. Read as Hepburn spells them, which
# is how passports write them: си is shi, ти chi, дз z, ё, я and ю after a consonant yo, ya
# and yu (Кёдзи is Kyoji), э e, й i (Сэйити is Seiichi). Without a mark a name is left as
# Russian reads it (Рёрё against Ryoryo is 0.64).
_POLIVANOV_MARK = re.compile(r"(?<=[а-яё])э|дз|цу")
_POLIVANOV = re.compile(r"дз[ёяюи]?|[ст][ёяюи]|цу|(?<=[бгкмнпрх])[ёяю]|[эй]")
_HEPBURN = {
    "дзё": "jo", "дзя": "ja", "дзю": "ju", "дзи": "ji", "дз": "z",
    "сё": "sho", "ся": "sha", "сю": "shu", "си": "shi",
    "тё": "cho", "тя": "cha", "тю": "chu", "ти": "chi", "цу": "tsu",
    "ё": "yo", "я": "ya", "ю": "yu", "э": "e", "й": "i",
}  # fmt: skip


def _japanese(word: str) -> str:
    # ``word`` read as a Japanese name in Polivanov's Cyrillic, or empty when it has no mark of
    # one.
    lower = word.lower()
    if not _POLIVANOV_MARK.search(lower):
        return ""
    return latin(_POLIVANOV.sub(lambda m: _HEPBURN[m.group()], lower))


def _consonantal(word: str) -> str:
    # The word with an inner vav or waw read as a consonant: doubled, as Hebrew writes v; a
    # Latin w, which no Arabic rule rewrites. The Tamil ḻ, written l or zh (Yalini, Yazhini),
    # is read as ஷ (sh), whose keys and fine shape are zh's.
    return latin(_INNER_WAW_LETTER.sub("w", _INNER_VAV.sub("וו", word)).replace("ழ", "ஷ"))


class _Part(NamedTuple):
    # A token in the making (``Token``'s fields of the same names).
    text: str
    groups: frozenset[str]
    alt: str
    role: Role
    han: tuple[frozenset[str], ...] = ()
    sounds: str = ""


def _word_tokens(word: str) -> list[_Part]:
    # The Latin tokens of one written word, each with the name items it spells, another
    # reading, its role and the readings of the Chinese characters it was. A word in another
    # script is looked up as written (محمود, not mhmud, which no table lists) when it gives one
    # token, or one token besides a joined article (الرحمن is al rhmn); a single letter from
    # it is a syllable (阿, a), not an initial.
    parts = [part for w in latin(word).split() for part in _split(w)]
    if _LATIN_ONLY.match(word):
        return [_Part(part, name_groups(part), "", _role(part)) for part in parts]
    roles = [Role.NAME if len(part) == 1 else _role(part) for part in parts]
    # A Chinese name, a token a character, or a foreign name's characters run together as one
    # token: each token with the readings of its characters and what they would transcribe.
    hans: list[tuple[tuple[frozenset[str], ...], str]] = [((), "")] * len(parts)
    runs = _MIDDLE_DOT.split(word)
    if _HAN_RUN.fullmatch(word) and len(parts) == len(word):
        hans = [((readings(c, part),), sounds(c)) for part, c in zip(parts, word, strict=True)]
    elif all(_HAN_RUN.fullmatch(run) for run in runs) and len(parts) == len(runs):
        # Runs of a foreign name's characters, one a part (唐纳德·特朗普: Donald, Trump).
        hans = [(tuple(readings(c) for c in run), "".join(sounds(c) for c in run)) for run in runs]
    names = [part for part in parts if part not in PARTICLES]
    if len(names) != 1:
        return [
            _Part(part, frozenset(), "", role, *han)
            for part, role, han in zip(parts, roles, hans, strict=True)
        ]
    native = _ARABIC_ARTICLE.sub("", word) if len(parts) > 1 else word
    groups = name_groups(native)
    other = _japanese(native) or _consonantal(native)
    alt = other if other != names[0] and " " not in other else ""
    return [
        _Part(part, groups, alt, role, *han)
        if part == names[0]
        else _Part(part, frozenset(), "", role, *han)
        for part, role, han in zip(parts, roles, hans, strict=True)
    ]


def _vietnamese(name: str, words: list[str]) -> bool:
    # Written with Vietnamese letters (đ, ơ, ư, ả, ễ …), or three words or more with a
    # Vietnamese family name at one end and a Vietnamese middle name inside (Van, Thi, Thanh …).
    if _VIETNAMESE_LETTERS.search(unicodedata.normalize("NFC", name)):
        return True
    return (
        len(words) >= 3
        and (words[0] in VIETNAMESE_SURNAMES or words[-1] in VIETNAMESE_SURNAMES)
        and any(w in _VIETNAMESE_MIDDLES for w in words[1:-1])
    )


def _assimilated(words: list[str], i: int, joined: bool) -> bool:
    # Whether ``words[i]`` is the Arabic article before the sun letter it took the sound of:
    # written joined to that word (ar-Rahman), or after another part of an Arabic name (Abd Ar
    # Rahman). An, Ad and At opening a name, or after a name of elsewhere, are names (An Nguyen,
    # Ad Dekker, Nguyen An Ninh).
    letter = _SUN_ARTICLES.get(words[i])
    if letter is None or i + 1 == len(words) or not words[i + 1].startswith(letter):
        return False
    return joined or (i > 0 and words[i - 1] in section("arabic"))


def _somali_spelling(word: str) -> str:
    # ``word`` read as Somali spells (x the pharyngeal h, c the ayn, long vowels doubled), or
    # itself when it has no Somali x or c, or a letter Somali does not use.
    if not ("x" in word or _SOMALI_C.search(word)) or _NOT_SOMALI.search(word):
        return word
    return _SOMALI_LONG.sub(r"\1", word.replace("x", "h").replace("c", ""))


def _somali(words: list[str]) -> bool:
    # A name is in Somali spelling when one of its words says so: a word the variants file
    # with what it reads as Somali spells (Maxamed with Mohamed, Cali with Ali, Cabdullaahi
    # with Abdullahi), or one they do not list with an x and a doubled long vowel (Ifraax,
    # Xaliimo). A c or a doubled vowel says nothing by itself: Carmelle, Isaac, Cook, Coombs.
    for word in words:
        reading = _somali_spelling(word)
        if reading == word:
            continue
        if word in table():
            if reading in table() and canonical(reading) == canonical(word):
                return True
        elif "x" in word and _SOMALI_LONG.search(word):
            return True
    return False


@lru_cache(maxsize=500_000)
def parse(name: str) -> tuple[Token, ...]:
    """The tokens of ``name`` in their written order, compounds split, variants canonical;
    abbreviated words (Ma. for Maria) are initials."""
    parts = [(i, part) for i, word in enumerate(name.split()) for part in _word_tokens(word)]
    words = [part for _i, part in parts]
    texts = [w.text for w in words]
    # Whether each token is written joined to the next one (ar-Rahman).
    joined = [i == j for (i, _a), (j, _b) in pairwise(parts)] + [False]
    if _vietnamese(name, texts):
        words = [
            w._replace(role=Role.NAME) if w.text in _VIETNAMESE_PARTICLES else w for w in words
        ]
    else:
        words = [
            w._replace(role=Role.PARTICLE) if _assimilated(texts, i, joined[i]) else w
            for i, w in enumerate(words)
        ]
    romanised = not _LATIN_ONLY.match(name)
    if name.isascii() and _somali(texts):
        # Each word of a Somali name no variant lists is also read as Somali spells (Cabdi as
        # Abdi); the listed ones meet their variants already.
        words = [
            w._replace(alt="" if w.text in table() else _somali_spelling(w.text)) for w in words
        ]
    arabic = bool(_ARABIC.search(name))
    abjad = arabic or bool(_HEBREW.search(name))
    cyrillic = bool(_CYRILLIC.search(name))
    short = {latin(m) for m in _ABBREVIATED.findall(name)}
    tokens = tuple(
        Token(
            w.text,
            "al" if w.role is Role.PARTICLE and w.text in _SUN_ARTICLES else canonical(w.text),
            Role.INITIAL if w.text in short else w.role,
            romanised,
            abjad,
            w.groups,
            w.alt,
            arabic,
            w.han,
            cyrillic,
            w.sounds,
        )
        for w in words
    )
    for token in tokens:
        # The readings that comparisons use, worked out with the name: a screening index
        # parses its entries before it forks its batch workers, which then share them instead
        # of each working them out again.
        for form in {token.text, token.canon, token.alt} - {""}:
            reading_keys(form)
            fine(form)
    return tokens
