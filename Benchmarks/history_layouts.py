"""The state file's apply history in its two layouts, for the same history: 20k settings, 50
applies each changing every location (a commit per 1,000 outcomes). `row`: state-v1's
apply_outcome, a row per outcome; `batch`: state-v4's apply_outcome_batch, one row per commit
encoded as OutcomeBatchCoding does (replicated here). Values are shaped as vccctl writes them.
Prints MiB and bytes per outcome of each file, outcomes only (no resources). See README.md.

    python3 Benchmarks/history_layouts.py [--locations N] [--applies N] [--out DIR]
"""
import argparse
import os
import sqlite3
import uuid

HISTORY = """
CREATE TABLE apply_history (id TEXT PRIMARY KEY NOT NULL, who TEXT NOT NULL, host TEXT NOT NULL, started_at REAL NOT NULL,
  finished_at REAL, plan_digest TEXT NOT NULL, status TEXT NOT NULL, kind TEXT NOT NULL DEFAULT 'apply');
"""
ROWS = """
CREATE TABLE apply_outcome (apply_id TEXT NOT NULL REFERENCES apply_history(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
  address TEXT NOT NULL, status TEXT NOT NULL, code TEXT, message TEXT, resource_kind TEXT, account_key TEXT, record_id TEXT,
  owner_id TEXT, fingerprint TEXT, link_org TEXT, link_api_user TEXT, PRIMARY KEY (apply_id, seq)) WITHOUT ROWID;
"""
BATCHES = """
CREATE TABLE apply_outcome_batch (apply_id TEXT NOT NULL REFERENCES apply_history(id) ON DELETE CASCADE,
  first_seq INTEGER NOT NULL, outcome_count INTEGER NOT NULL, outcomes BLOB NOT NULL, PRIMARY KEY (apply_id, first_seq));
"""


def number(n, out):
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


def difference(value, previous, out):
    limit = min(len(value), len(previous))
    prefix = 0
    while prefix < limit and value[prefix] == previous[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and value[-1 - suffix] == previous[-1 - suffix]:
        suffix += 1
    number(prefix, out)
    number(suffix, out)
    number(len(value) - prefix - suffix, out)
    out += value[prefix:len(value) - suffix]


def encode(outcomes):
    """Applied settings: (address, account key, record Id, owner Id) each."""
    out = bytearray([1])
    previous = [b""] * 9
    for address, key, record, owner in outcomes:
        fields = [address, None, None, key, record, owner, None, None, None]
        out.append(1 << 2)  # applied, a setting
        out.append(sum(1 << (i - 1) for i in range(1, 9) if fields[i] is not None))
        for i, field in enumerate(fields):
            if field is not None:
                data = field.encode()
                difference(data, previous[i], out)
                previous[i] = data
    return bytes(out)


def outcomes(apply, start, end):
    return [(f'setting.prod.user["u{i}@history.example"]', f"H-{(i + apply) % 2}",
             "a0B" + format(i, "012d") + "AAA", "005" + format(i, "012d") + "AAA") for i in range(start, end)]


def build(path, layout, locations, applies):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.unlink(path + suffix)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.executescript(HISTORY + (ROWS if layout == "row" else BATCHES))
    for apply in range(applies):
        apply_id = str(uuid.uuid4())
        db.execute("INSERT INTO apply_history VALUES (?, 'bench', 'host', 0, 1, 'sha256:' || hex(randomblob(32)), "
                   "'succeeded', 'apply')", (apply_id,))
        for start in range(0, locations, 1000):
            batch = outcomes(apply, start, min(start + 1000, locations))
            if layout == "row":
                db.executemany("INSERT INTO apply_outcome VALUES (?,?,?,'applied',NULL,NULL,'setting',?,?,?,NULL,NULL,NULL)",
                               [(apply_id, start + 1 + n, *o) for n, o in enumerate(batch)])
            else:
                db.execute("INSERT INTO apply_outcome_batch VALUES (?,?,?,?)", (apply_id, start + 1, len(batch), encode(batch)))
        db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return os.path.getsize(path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--locations", type=int, default=20000)
    parser.add_argument("--applies", type=int, default=50)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "out"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    print(f"| layout | {args.applies} applies x {args.locations} outcomes | bytes per outcome |")
    print("|---|---|---|")
    for layout in ("row", "batch"):
        size = build(os.path.join(args.out, f"history-{layout}.sqlite"), layout, args.locations, args.applies)
        print(f"| {layout} | {size / 2**20:.1f} MB | {size / (args.locations * args.applies):.1f} |")


if __name__ == "__main__":
    main()
