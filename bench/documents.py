"""MRZ validation throughput: zones read and checked per second, on one core.

    .venv/bin/python bench/documents.py [--zones 50000] [--corrupt 0.1] [--seconds 3]

The zones are TD3 passports of the synthetic world's people (composed with every check digit,
as the world generator composes them) mixed with the published Doc 9303 specimens of the other
four formats, a share of them corrupted by one character (each corrupted zone gets findings,
and so the slower path with OCR-confusion suggestions). Each zone is read with
``vigie.documents.validate.read_mrz``, as ``vigie documents check-mrz`` reads it, in one
process.

Target (the document-integrity issue): >= 50,000 validations/s on one core.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta

from vigie.documents.mrz import compose_td3
from vigie.documents.validate import read_mrz

SPECIMENS = (
    (
        "I<UTOD231458907<<<<<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<6",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    ),
    ("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"),
    (
        "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L8988901C4XXX4009078F96121096ZE184226B<<<<<<",
    ),
    ("V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F9612109<<<<<<<<"),
)
STATES = ("CAN", "D", "FRA", "GBR", "IRQ", "LBN", "NGA", "SYR", "TUR", "UTO", "VNM")
SURNAMES = ("ERIKSSON", "HADDAD", "NGUYEN", "OKAFOR", "PETROV", "SILVA", "YILMAZ")
GIVEN = ("ANNA MARIA", "AMIRA", "VAN", "CHIDI", "IVAN", "JOAO PEDRO", "AYSE")
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"


def zones(count: int, corrupt: float, rng: random.Random) -> list[tuple[str, ...]]:
    """``count`` zones: mostly world-like passports, some specimens, some corrupted."""
    out: list[tuple[str, ...]] = []
    for i in range(count):
        if i % 10 == 0:
            zone = SPECIMENS[i // 10 % len(SPECIMENS)]
        else:
            birth = date(1940, 1, 1) + timedelta(days=rng.randrange(30_000))
            expiry = date(2024, 1, 1) + timedelta(days=rng.randrange(3_650))
            number = "".join(rng.choice(ALPHABET[:36]) for _ in range(9))
            zone = compose_td3(
                "P",
                rng.choice(STATES),
                rng.choice(SURNAMES),
                rng.choice(GIVEN),
                number,
                rng.choice(STATES),
                birth,
                rng.choice("MF"),
                expiry,
            )
        if rng.random() < corrupt:
            line = rng.randrange(len(zone))
            at = rng.randrange(len(zone[line]))
            char = rng.choice(ALPHABET.replace(zone[line][at], ""))
            changed = zone[line][:at] + char + zone[line][at + 1 :]
            zone = (*zone[:line], changed, *zone[line + 1 :])
        out.append(tuple(zone))
    return out


def main() -> None:
    """Time the validator over the zones, repeated for at least ``--seconds``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--zones", type=int, default=50_000)
    parser.add_argument("--corrupt", type=float, default=0.1)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    rng = random.Random(1)
    batch = zones(args.zones, args.corrupt, rng)
    today = date(2026, 11, 25)
    for zone in batch[:1000]:  # warm the caches (code list, translations)
        read_mrz(zone, today)
    done, invalid = 0, 0
    start = time.perf_counter()
    while time.perf_counter() - start < args.seconds:
        for zone in batch:
            if not read_mrz(zone, today).valid:
                invalid += 1
        done += len(batch)
    elapsed = time.perf_counter() - start
    rate = done / elapsed
    print(
        f"MRZ validations: {done:,} zones in {elapsed:.2f} s = {rate:,.0f}/s on one core "
        f"({invalid / done:.1%} with findings; target >= 50,000/s)"
    )


if __name__ == "__main__":
    main()
