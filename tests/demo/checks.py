"""Independent re-implementations the demo tests check the generator against."""

from __future__ import annotations

from datetime import date

MRZ_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")


def check_digit(field: str) -> int:
    """Doc 9303 part 3, 4.9: values 0-9, A=10 ... Z=35, < = 0; weights 7, 3, 1."""
    total = 0
    for position, char in enumerate(field):
        value = int(char) if char.isdigit() else 0 if char == "<" else ord(char) - 55
        total += value * (7, 3, 1)[position % 3]
    return total % 10


def td3_check_digits_ok(line2: str) -> bool:
    """Whether every check digit of a TD3 line 2 is right, the composite included."""
    fields = [
        (line2[0:9], line2[9]),
        (line2[13:19], line2[19]),
        (line2[21:27], line2[27]),
        (line2[28:42], line2[42]),
    ]
    composite = line2[0:10] + line2[13:20] + line2[21:43]
    fields.append((composite, line2[43]))
    return all(digit.isdigit() and int(digit) == check_digit(f) for f, digit in fields)


def td3_shape_ok(line1: str, line2: str) -> bool:
    """Two lines of 44 MRZ characters, a passport, a names field with the << separator."""
    return (
        len(line1) == len(line2) == 44
        and set(line1) <= MRZ_ALPHABET
        and set(line2) <= MRZ_ALPHABET
        and line1[0] == "P"
        and "<<" in line1[5:].rstrip("<") + "<<"
    )


def mrz_date(text: str, century_pivot: int) -> date:
    """A YYMMDD date, in the 1900s when YY > ``century_pivot``."""
    year = int(text[:2])
    return date(year + (1900 if year > century_pivot else 2000), int(text[2:4]), int(text[4:6]))


def swapped(day: date) -> date | None:
    """The date with day and month exchanged, when that is a different valid date."""
    if day.day > 12 or day.day == day.month:
        return None
    return date(day.year, day.day, day.month)
