"""Entity resolution on a population that Vigie's own generator did not make.

    .venv/bin/python bench/resolve_unseen.py [--persons 8000] [--seed 3]

Vigie will be judged on worlds it has not generated, so this one is made apart from
``vigie.demo`` with another noise model: its own naming traditions (Polish, Greek, Georgian,
Armenian, Thai, Japanese, Hungarian, Irish, Indonesian, Brazilian) with names in their own
scripts and the spellings other sources give them, nicknames (Kasia for Katarzyna, Bill for
William), old and new spellings (Soeharto, Suharto), surnames left out or run together,
OCR-like confusions (0 and O, 1 and I, rn and m), family name first, capitals without accents
as a machine-readable zone writes them, dates of birth known only to the year or to the month,
national identity numbers instead of passports, phones written locally or internationally,
addresses abbreviated or without postcode, and other rates of missing fields. Each person is
seen by one to five sources, each with its own habits. Hard negatives: twins (same family
name, date of birth and address) and fathers and sons of the same name at the same address.

The records go through the same pipeline as ``bench/resolve.py`` (features, training without
labels, blocked prediction, clustering); pairwise and cluster precision, recall and F1 are
printed against the true persons, with the missed pairs counted by pair of sources and the
wrong pairs by kind of hard negative.
"""

from __future__ import annotations

import argparse
import json
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from random import Random

from vigie.resolve.evaluate import evaluate
from vigie.resolve.features import PersonRecord
from vigie.resolve.pipeline import resolve

# A name: "Latin|other spellings|own script|nicknames", or "Latin|other spellings|nicknames"
# when the name has no other script (lists comma-separated, may be empty).
# A family name that differs by sex: "male form/female form" in each field.


@dataclass(frozen=True)
class Tradition:
    """How one country's people are named, numbered and housed."""

    country: str
    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...]
    streets: tuple[str, ...]
    cities: tuple[str, ...]
    passport: str  # letters of the passport number's prefix
    dial: str  # country calling code
    family_first: bool = False
    two_surnames: bool = False
    mononym: float = 0.0  # share of people with one name only


TRADITIONS = (
    Tradition(
        "pl",
        (
            "Jan||",
            "Piotr||Piotrek",
            "Krzysztof||Krzys",
            "Tomasz||Tomek",
            "Paweł|Pawel|",
            "Michał|Michal|Michu",
            "Łukasz|Lukasz|",
            "Wojciech||Wojtek",
            "Jakub||Kuba",
            "Bartłomiej|Bartlomiej|Bartek",
        ),
        (
            "Anna||Ania",
            "Katarzyna||Kasia",
            "Małgorzata|Malgorzata|Gosia",
            "Agnieszka||Aga",
            "Joanna||Asia",
            "Aleksandra||Ola",
            "Magdalena||Magda",
            "Zofia||Zosia",
        ),
        (
            "Nowak||",
            "Kowalski/Kowalska||",
            "Wiśniewski/Wiśniewska|Wisniewski/Wisniewska|",
            "Wójcik|Wojcik|",
            "Kowalczyk||",
            "Kamiński/Kamińska|Kaminski/Kaminska|",
            "Lewandowski/Lewandowska||",
            "Zieliński/Zielińska|Zielinski/Zielinska|",
            "Szymański/Szymańska|Szymanski/Szymanska|",
            "Woźniak|Wozniak|",
            "Dąbrowski/Dąbrowska|Dabrowski/Dabrowska|",
            "Kozłowski/Kozłowska|Kozlowski/Kozlowska|",
        ),
        ("ulica Marszałkowska", "ulica Piotrkowska", "aleja Jana Pawła", "ulica Długa"),
        ("Warszawa", "Kraków", "Łódź", "Wrocław", "Gdańsk"),
        "EA",
        "48",
    ),
    Tradition(
        "gr",
        (
            "Georgios|Giorgos,Yiorgos|Γεώργιος|",
            "Dimitrios|Dimitris|Δημήτριος|Takis",
            "Konstantinos||Κωνσταντίνος|Kostas",
            "Ioannis|Yannis,Giannis|Ιωάννης|",
            "Nikolaos|Nikos|Νικόλαος|",
            "Panagiotis|Panayiotis|Παναγιώτης|Panos",
        ),
        (
            "Maria||Μαρία|",
            "Eleni|Helen|Ελένη|",
            "Aikaterini|Ekaterini|Αικατερίνη|Katerina",
            "Sofia|Sophia|Σοφία|",
            "Vasiliki||Βασιλική|Vicky",
        ),
        (
            "Papadopoulos/Papadopoulou||Παπαδόπουλος/Παπαδοπούλου|",
            "Ioannou||Ιωάννου|",
            "Georgiou||Γεωργίου|",
            "Nikolaou||Νικολάου|",
            "Oikonomou|Economou|Οικονόμου|",
            "Vlachos/Vlachou||Βλάχος/Βλάχου|",
            "Karagiannis/Karagianni|Karayannis/Karayanni|Καραγιάννης/Καραγιάννη|",
            "Makris/Makri||Μακρής/Μακρή|",
        ),
        ("Odos Ermou", "Leoforos Syngrou", "Odos Patision", "Odos Egnatia"),
        ("Athina", "Thessaloniki", "Patra", "Irakleio"),
        "AE",
        "30",
    ),
    Tradition(
        "ge",
        (
            "Giorgi||გიორგი|Gio",
            "Davit|David|დავით|Dato",
            "Nikoloz||ნიკოლოზ|Nika",
            "Levan||ლევან|Leko",
        ),
        (
            "Nino||ნინო|",
            "Mariam||მარიამ|Mari",
            "Tamar|Tamara|თამარ|Tamo",
            "Ekaterine||ეკატერინე|Eka",
        ),
        (
            "Beridze||ბერიძე|",
            "Kapanadze||კაპანაძე|",
            "Gelashvili||გელაშვილი|",
            "Maisuradze||მაისურაძე|",
            "Lomidze||ლომიძე|",
            "Khutsishvili|Chutsishvili|ხუციშვილი|",
        ),
        ("Rustaveli Avenue", "Chavchavadze Avenue", "Aghmashenebeli Avenue"),
        ("Tbilisi", "Kutaisi", "Batumi"),
        "GE",
        "995",
    ),
    Tradition(
        "am",
        (
            "Aram||Արամ|",
            "Davit|David|Դավիթ|",
            "Hayk|Haik|Հայկ|",
            "Narek||Նարեկ|",
        ),
        (
            "Ani||Անի|",
            "Mariam||Մարիամ|",
            "Lilit|Lilith|Լիլիթ|",
        ),
        (
            "Petrosyan|Petrosian|Պետրոսյան|",
            "Harutyunyan|Harutiunian|Հարությունյան|",
            "Sargsyan|Sarkissian,Sargsian|Սարգսյան|",
            "Grigoryan|Grigorian|Գրիգորյան|",
            "Hovhannisyan|Hovannisian|Հովհաննիսյան|",
        ),
        ("Mashtots Avenue", "Abovyan Street", "Tigran Mets Avenue"),
        ("Yerevan", "Gyumri", "Vanadzor"),
        "AM",
        "374",
    ),
    Tradition(
        "th",
        (
            "Somchai||สมชาย|",
            "Somsak||สมศักดิ์|",
            "Prasert|Prasoet|ประเสริฐ|",
            "Anan||อนันต์|",
        ),
        (
            "Suda||สุดา|",
            "Malee|Mali|มาลี|",
            "Siriporn|Siriphon|ศิริพร|",
        ),
        (
            "Jaidee|Chaidee|ใจดี|",
            "Srisuk|Sisuk|ศรีสุข|",
            "Wongsawat||วงศ์สวัสดิ์|",
            "Suksawat||สุขสวัสดิ์|",
            "Rattanakul|Ratanakun|รัตนกุล|",
        ),
        ("Sukhumvit Road", "Ratchadamri Road", "Charoen Krung Road"),
        ("Bangkok", "Chiang Mai", "Khon Kaen"),
        "AA",
        "66",
    ),
    Tradition(
        "jp",
        (
            "Hiroshi||ヒロシ|",
            "Takeshi||タケシ|",
            "Kenji||ケンジ|",
            "Shota|Shouta|ショウタ|",
        ),
        (
            "Yuki||ユキ|",
            "Haruka||ハルカ|",
            "Yumiko||ユミコ|",
            "Akiko||アキコ|",
        ),
        (
            "Tanaka||タナカ|",
            "Suzuki||スズキ|",
            "Sato|Satou,Satoh|サトウ|",
            "Watanabe||ワタナベ|",
            "Ito|Itou,Itoh|イトウ|",
            "Yamamoto||ヤマモト|",
            "Ono|Ohno,Oono|オオノ|",
        ),
        ("Chuo-dori", "Meiji-dori", "Omotesando"),
        ("Tokyo", "Osaka", "Nagoya", "Sapporo"),
        "TK",
        "81",
        family_first=True,
    ),
    Tradition(
        "hu",
        (
            "László|Laszlo|Laci",
            "István|Istvan|Pista",
            "Zoltán|Zoltan|Zoli",
            "Gábor|Gabor|",
        ),
        (
            "Katalin||Kati",
            "Erzsébet|Erzsebet|Erzsi",
            "Éva|Eva|",
            "Zsuzsanna||Zsuzsa",
        ),
        (
            "Nagy||",
            "Kovács|Kovacs|",
            "Tóth|Toth|",
            "Szabó|Szabo|",
            "Horváth|Horvath|",
            "Varga||",
            "Molnár|Molnar|",
        ),
        ("Andrássy út", "Váci utca", "Rákóczi út"),
        ("Budapest", "Debrecen", "Szeged"),
        "HA",
        "36",
        family_first=True,
    ),
    Tradition(
        "ie",
        (
            "William|Liam|Bill,Will",
            "Patrick||Pat,Paddy",
            "James||Jim,Jimmy",
            "Robert||Bob,Rob",
            "Sean|Shaun|",
            "Michael||Mick,Mike",
        ),
        (
            "Margaret||Maggie,Peggy",
            "Elizabeth||Liz,Beth",
            "Catherine|Katherine|Kate,Cathy",
            "Siobhan|Shivaun|",
            "Mary||",
        ),
        (
            "O'Brien|OBrien,O Brien|",
            "McCarthy|MacCarthy,Mc Carthy|",
            "O'Sullivan|OSullivan|",
            "Murphy||",
            "Kelly||",
            "Walsh|Welsh|",
            "Byrne|Burns|",
        ),
        ("Main Street", "O'Connell Street", "Church Road", "Strand Road"),
        ("Dublin", "Cork", "Galway", "Limerick"),
        "PA",
        "353",
    ),
    Tradition(
        "id",
        (
            "Budi||",
            "Joko|Djoko|",
            "Agus||",
            "Cahyo|Tjahjo|",
            "Suharto|Soeharto|",
            "Yudi|Judi|",
        ),
        (
            "Siti||",
            "Dewi||",
            "Sri||",
            "Yuliani|Juliani|",
            "Ratna||",
        ),
        (
            "Santoso|Santosa|",
            "Wijaya|Widjaja|",
            "Susanto|Soesanto|",
            "Hidayat||",
            "Kusuma|Koesoema|",
            "Nugroho|Noegroho|",
        ),
        ("Jalan Sudirman", "Jalan Thamrin", "Jalan Gatot Subroto"),
        ("Jakarta", "Surabaya", "Bandung", "Medan"),
        "B",
        "62",
        mononym=0.3,
    ),
    Tradition(
        "br",
        (
            "João|Joao|",
            "José|Jose|Zé",
            "Pedro||",
            "Lucas||",
            "Francisco||Chico",
        ),
        (
            "Maria||",
            "Ana||",
            "Francisca||Chica",
            "Juliana||Ju",
        ),
        (
            "da Silva|Silva|",
            "dos Santos|Santos|",
            "Oliveira||",
            "de Souza|Souza,Sousa|",
            "Pereira||",
            "Rodrigues||",
            "Ferreira||",
            "Gonçalves|Goncalves|",
        ),
        ("Rua Augusta", "Avenida Paulista", "Rua da Consolação"),
        ("São Paulo", "Rio de Janeiro", "Salvador", "Recife"),
        "FB",
        "55",
        two_surnames=True,
    ),
)

SOURCES = ("consulate", "airline", "police", "watchlist", "registry")
# How many sources see a person: one to five.
_SEEN_BY = (1, 1, 1, 2, 2, 2, 3, 3, 4, 5)
# OCR-like confusions, each way.
_OCR = (("0", "O"), ("1", "I"), ("5", "S"), ("8", "B"), ("rn", "m"), ("cl", "d"), ("l", "1"))


@dataclass(frozen=True)
class Name:
    """One name in all its written forms."""

    latin: str
    spellings: tuple[str, ...]
    native: str | None
    nicknames: tuple[str, ...]

    @classmethod
    def parse(cls, text: str, female: bool = False) -> Name:
        """A name from its ``TRADITIONS`` entry, in its female form when there is one."""
        parts = text.split("|")
        if len(parts) == 3:  # no name in its own script
            parts.insert(2, "")

        def form(value: str) -> str:
            options = value.split("/")
            return options[-1] if female and len(options) > 1 else options[0]

        return cls(
            form(parts[0]),
            tuple(form(v) for v in parts[1].split(",") if v),
            form(parts[2]) or None,
            tuple(v for v in parts[3].split(",") if v),
        )

    def spelt(self, rng: Random) -> str:
        """The usual Latin form, or now and then another spelling."""
        if self.spellings and rng.random() < 0.35:
            return rng.choice(self.spellings)
        return self.latin


@dataclass
class Person:
    """One true person."""

    key: str
    tradition: Tradition
    sex: str
    given: Name
    family: list[Name]
    birth: tuple[int, int, int]
    passports: list[str]
    national_id: str
    phone: str
    email: str | None
    street: str
    number: int
    city: str
    postcode: str
    kind: str = "person"  # or "twin", "junior": a hard negative of the person before it
    extra_given: list[Name] = field(default_factory=list)


def _plain(text: str) -> str:
    """Capitals without accents, as a machine-readable zone writes a name."""
    folded = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    return "".join(c for c in folded if not unicodedata.combining(c)).upper().replace("'", "")


def _ocr(text: str, rng: Random) -> str:
    for a, b in rng.sample(_OCR, len(_OCR)):
        for old, new in ((a, b), (b, a)):
            if old in text:
                at = text.index(old)
                return text[:at] + new + text[at + len(old) :]
    return text


def _typo(text: str, rng: Random) -> str:
    if len(text) < 4:
        return text
    at = 1 + int(rng.random() * (len(text) - 2))
    roll = rng.random()
    if roll < 0.4:
        return text[:at] + text[at + 1 :]
    if roll < 0.7:
        return text[: at - 1] + text[at] + text[at - 1] + text[at + 1 :]
    return text[:at] + text[at] + text[at:]


def _number(rng: Random, digits: int) -> str:
    return "".join(str(int(rng.random() * 10)) for _ in range(digits))


def _person(key: str, rng: Random, like: Person | None = None) -> Person:
    """A new person; with ``like``, one of the same country and sex."""
    tradition = like.tradition if like else rng.choice(TRADITIONS)
    female = like.sex == "female" if like else rng.random() < 0.5
    given = Name.parse(rng.choice(tradition.female if female else tradition.male), female)
    family = [Name.parse(rng.choice(tradition.family), female)]
    if tradition.two_surnames and rng.random() < 0.7:
        family.insert(0, Name.parse(rng.choice(tradition.family), female))
    if rng.random() < tradition.mononym:
        family = []
    year = 1940 + int(rng.random() * 70)
    passports = [tradition.passport + _number(rng, 9 - len(tradition.passport))]
    if rng.random() < 0.3:
        passports.append(tradition.passport + _number(rng, 9 - len(tradition.passport)))
    extra = []
    if rng.random() < 0.15:
        extra.append(Name.parse(rng.choice(tradition.female if female else tradition.male)))
    user = _plain(given.latin).lower() + "." + (_plain(family[-1].latin).lower() if family else "")
    return Person(
        key=key,
        tradition=tradition,
        sex="female" if female else "male",
        given=given,
        family=family,
        birth=(year, 1 + int(rng.random() * 12), 1 + int(rng.random() * 28)),
        passports=passports,
        national_id=_number(rng, 11),
        phone=_number(rng, 9),
        email=f"{user.replace(' ', '')}{int(rng.random() * 10_000)}@mail.example"
        if rng.random() < 0.6
        else None,
        street=rng.choice(tradition.streets),
        number=1 + int(rng.random() * 200),
        city=rng.choice(tradition.cities),
        postcode=_number(rng, 5),
        extra_given=extra,
    )


def _relative(person: Person, key: str, rng: Random) -> Person:
    """A hard negative at ``person``'s address with their family name: a twin (same sex,
    another given name, the same birth) or, for a man, a son of the same name born 25 to 34
    years later."""
    other = _person(key, rng, like=person)
    year, month, day = person.birth
    junior = person.sex == "male" and rng.random() < 0.3
    if junior:
        other.given, other.extra_given = person.given, person.extra_given
        other.birth = (year + 25 + int(rng.random() * 10), month if day > 12 else day, day)
    else:
        while other.given.latin == person.given.latin:
            other.given = _person(key, rng, like=person).given
        other.birth = person.birth
    other.family = person.family
    other.street, other.number = person.street, person.number
    other.city, other.postcode = person.city, person.postcode
    other.kind = "junior" if junior else "twin"
    return other


def _birth(person: Person, source: str, rng: Random) -> str | None:
    year, month, day = person.birth
    roll = rng.random()
    if source == "watchlist":
        if roll < 0.35:
            return f"{year}"
        if roll < 0.5:
            return f"{year}-{month:02d}"
    if source == "police":
        if roll < 0.12:
            return None
        if roll < 0.22 and day <= 12:
            month, day = day, month
        elif roll < 0.3:
            return f"{year}"
        elif roll < 0.36:
            digits = list(f"{year}{month:02d}{day:02d}")
            at = 2 + int(rng.random() * 6)
            digits[at] = {"1": "7", "7": "1", "3": "8", "8": "3", "0": "6", "6": "0"}.get(
                digits[at], digits[at]
            )
            text = "".join(digits)
            if 1 <= int(text[4:6]) <= 12 and 1 <= int(text[6:]) <= 31:
                return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    if source == "airline" and roll < 0.03:
        return None
    return f"{year}-{month:02d}-{day:02d}"


def _names(person: Person, source: str, rng: Random) -> dict[str, list[str]]:
    given = person.given
    givens = [given.spelt(rng)] + [g.spelt(rng) for g in person.extra_given]
    family = [f.spelt(rng) for f in person.family]
    if source == "police" and given.nicknames and rng.random() < 0.5:
        givens = [rng.choice(given.nicknames)]
    if len(family) > 1 and rng.random() < 0.4:
        family = [rng.choice(family)]
    if source == "airline":
        # Family name first, capitals without accents, as the passport's zone reads.
        latin = [given.latin] + [g.latin for g in person.extra_given]
        name = _plain(" ".join([f.latin for f in person.family] + latin))
        if rng.random() < 0.05:
            name = _ocr(name, rng)
        return {"name": [name]}
    if source == "watchlist":
        native = [n.native for n in [given, *person.family] if n.native]
        if native and rng.random() < 0.6:
            ordered = native[1:] + native[:1] if person.tradition.family_first else native
            values = {"name": [" ".join(ordered)]}
            values["alias"] = [" ".join(givens + family)]
            return values
    if source == "registry":
        return {"firstName": givens, "lastName": [" ".join(family)] if family else []}
    order = family + givens if person.tradition.family_first else givens + family
    name = " ".join(order)
    if source == "police" and rng.random() < 0.2:
        name = _typo(name, rng)
    if source == "police" and rng.random() < 0.1:
        name = _ocr(name, rng)
    return {"name": [name]}


def _address(person: Person, source: str, rng: Random) -> str:
    street = f"{person.number} {person.street}"
    if source == "police":
        street = street.replace("Street", "St").replace("Avenue", "Ave").replace("Road", "Rd")
        if rng.random() < 0.5:
            return f"{street}, {person.city}"
        if rng.random() < 0.2:
            street = _typo(street, rng)
    return f"{street}, {person.postcode} {person.city}"


def _phone(person: Person, rng: Random) -> str:
    if rng.random() < 0.5:
        return f"+{person.tradition.dial} {person.phone[:3]} {person.phone[3:6]} {person.phone[6:]}"
    return f"0{person.phone}"


def render(person: Person, source: str, rng: Random) -> dict[str, list[str]]:
    """``person`` as ``source`` writes them (FollowTheMoney Person properties)."""
    values = _names(person, source, rng)
    born = _birth(person, source, rng)
    if born:
        values["birthDate"] = [born]
    if source != "police" or rng.random() < 0.6:
        values["gender"] = [person.sex]
    if source != "police" or rng.random() < 0.7:
        values["nationality"] = [person.tradition.country]
    passport = person.passports[-1] if rng.random() < 0.6 else person.passports[0]
    if source == "airline" and rng.random() < 0.04:
        passport = _ocr(passport, rng)
    wanted = {"consulate": 0.95, "airline": 1.0, "police": 0.35, "watchlist": 0.3}
    if rng.random() < wanted.get(source, 0.0):
        values["passportNumber"] = [passport]
    if source == "registry" or (source == "police" and rng.random() < 0.2):
        values["idNumber"] = [person.national_id]
    if source in {"consulate", "police", "registry"} and rng.random() < 0.5:
        values["phone"] = [_phone(person, rng)]
    if source == "consulate" and person.email and rng.random() < 0.7:
        values["email"] = [person.email]
    if source in {"consulate", "registry"} or (source == "police" and rng.random() < 0.6):
        values["address"] = [_address(person, source, rng)]
    return {k: v for k, v in values.items() if v}


def population(persons: int, seed: int) -> list[tuple[str, Person, dict[str, list[str]]]]:
    """The rendered records: entity id, true person, FtM values."""
    rng = Random(seed)
    people: list[Person] = []
    for index in range(persons):
        if people and people[-1].kind == "person" and rng.random() < 0.04:
            people.append(_relative(people[-1], f"p{index}", rng))
        else:
            people.append(_person(f"p{index}", rng))
    rows = []
    for person in people:
        for source in rng.sample(SOURCES, rng.choice(_SEEN_BY)):
            entity = f"{source}-{person.key}"
            rows.append((entity, person, render(person, source, rng)))
    rng.shuffle(rows)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=8000)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--engine", default="duckdb")
    args = parser.parse_args()
    rows = population(args.persons, args.seed)
    truth = {entity: person.key for entity, person, _v in rows}
    started = time.perf_counter()
    resolution = resolve((PersonRecord(e, v) for e, _p, v in rows), args.engine)
    seconds = time.perf_counter() - started
    scores = evaluate(resolution.canonical, truth)
    canonical = resolution.canonical
    people = {entity: person for entity, person, _v in rows}
    missed: Counter[str] = Counter()
    members: dict[str, list[str]] = {}
    for entity, person, _v in rows:
        members.setdefault(person.key, []).append(entity)
    for group in members.values():
        for a, b in combinations(sorted(group), 2):
            if canonical[a] != canonical[b]:
                missed["+".join(sorted((a.split("-")[0], b.split("-")[0])))] += 1
    wrong: Counter[str] = Counter()
    clusters: dict[str, list[str]] = {}
    for entity, root in canonical.items():
        clusters.setdefault(root, []).append(entity)
    for group in clusters.values():
        for a, b in combinations(group, 2):
            pa, pb = people[a], people[b]
            if pa.key != pb.key:
                kinds = {pa.kind, pb.kind} - {"person"}
                wrong[kinds.pop() if kinds else "stranger"] += 1
    print(
        json.dumps(
            {
                "population": "unseen",
                "persons": args.persons,
                "seed": args.seed,
                "seconds": round(seconds, 1),
                **scores.to_dict(),
                "missed_pairs_by_sources": dict(missed.most_common()),
                "wrong_pairs_by_kind": dict(wrong.most_common()),
            },
            ensure_ascii=False,
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
