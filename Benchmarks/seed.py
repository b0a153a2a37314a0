#!/usr/bin/env python3
"""Write the directory seed that matches a configuration from Benchmarks/generate.py.

    python3 Benchmarks/seed.py --config FILE --out FILE

The seed (the format `vccctl sim seed` reads, see Sources/Targets/DirectorySeedFile.swift) holds
every org the configuration declares, with its environment, and in it every profile and user a
location names, plus every API user a link names. Users named by a location get a profile of the
configuration in turn (or `Standard User` when it names none); API users get the profile
`API Only` and are API-only with the ContactWorld API user permission set, so that links can be
consented. Output is one entry per line, in the order the configuration names them; it depends
only on the configuration. It is written to a temporary file next to FILE and renamed into place.

It reads the configuration line by line and only understands generate.py's layout (block style,
one `- {...}` location per line, flow-style `link:`); it stops with an error on anything else.
"""

import argparse
import os
import re
import sys

from benchfiles import write_atomically

ORG = re.compile(r"^  ([^\s#:][^:]*):\s*$")
ENVIRONMENT = re.compile(r"^    environment: (production|sandbox)\s*$")
USER = re.compile(r"^\s+- \{user: ([^}]+)\}\s*$")
PROFILE = re.compile(r"^\s+- \{profile: ([^}]+)\}\s*$")
LINK = re.compile(r"^\s+link: \{org: ([^,]+), apiUser: ([^}]+)\}\s*$")
ORG_DEFAULT = re.compile(r"^\s+- org\s*$")

FALLBACK_PROFILE = "Standard User"
API_PROFILE = "API Only"


def quote(text: str) -> str:
    """A flow-context-safe YAML scalar (the names generate.py writes need no quoting, but be safe)."""
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 ._@+-]*", text) and not text.endswith(" "):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def read_config(path):
    orgs = {}            # name -> environment, in order
    profiles = {}        # org -> {name: None}, in order
    users = {}           # org -> {username: None}, in order
    api_users = {}       # org -> {username: None}, in order
    section = None
    current_org = None
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.startswith("orgs:"):
                section = "orgs"
                continue
            if line.startswith("accounts:"):
                section = "accounts"
                continue
            if section == "orgs":
                m = ORG.match(line)
                if m:
                    current_org = m.group(1)
                    orgs[current_org] = None
                    continue
                m = ENVIRONMENT.match(line)
                if m and current_org is not None:
                    orgs[current_org] = m.group(1)
                    continue
            elif section == "accounts":
                # Location lines sit under `      ORG:`; generate.py writes one org (prod).
                m = re.match(r"^      ([^\s#:-][^:]*):\s*$", line)
                if m:
                    current_org = m.group(1)
                    continue
                m = USER.match(line)
                if m:
                    users.setdefault(current_org, {})[m.group(1).strip()] = None
                    continue
                m = PROFILE.match(line)
                if m:
                    profiles.setdefault(current_org, {})[m.group(1).strip()] = None
                    continue
                m = LINK.match(line)
                if m:
                    api_users.setdefault(m.group(1).strip(), {})[m.group(2).strip()] = None
                    continue
                if ORG_DEFAULT.match(line):
                    continue
                if re.match(r"^\s+- ", line):
                    sys.exit(f"seed.py: {path}:{number}: unexpected location line: {line.rstrip()}")
    missing = [name for name, env in orgs.items() if env is None]
    if not orgs or missing:
        sys.exit(f"seed.py: {path}: no orgs, or an org without environment: {missing}")
    for mapping in (profiles, users, api_users):
        unknown = [org for org in mapping if org not in orgs]
        if unknown:
            sys.exit(f"seed.py: {path}: locations or links name undeclared orgs {unknown}")
    return orgs, profiles, users, api_users


def render(orgs, profiles, users, api_users, config_path):
    out = [f"# Directory seed for {os.path.basename(config_path)}, by Benchmarks/seed.py", "orgs:"]
    for org, environment in orgs.items():
        named = list(profiles.get(org, {}))
        user_profiles = named or [FALLBACK_PROFILE]
        all_profiles = list(named)
        if not named:
            all_profiles.append(FALLBACK_PROFILE)
        apis = [u for u in api_users.get(org, {})]
        if apis and API_PROFILE not in all_profiles:
            all_profiles.append(API_PROFILE)
        out.append(f"  {quote(org)}:")
        out.append(f"    environment: {environment}")
        out.append("    profiles:")
        out.extend(f"      - {quote(p)}" for p in all_profiles)
        out.append("    users:")
        count = len(user_profiles)
        for i, username in enumerate(u for u in users.get(org, {}) if u not in api_users.get(org, {})):
            out.append(f"      - {{username: {quote(username)}, profile: {quote(user_profiles[i % count])}}}")
        for username in apis:
            out.append(f"      - {{username: {quote(username)}, profile: {quote(API_PROFILE)}, "
                       "apiOnly: true, apiUserPermissionSet: true}")
        if not users.get(org) and not apis:
            out[-1] = "    users: []"
    out.append("")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", required=True, help="a configuration written by generate.py")
    parser.add_argument("--out", required=True, help="the directory seed file to write")
    args = parser.parse_args()

    text = render(*read_config(args.config), args.config)
    write_atomically(args.out, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
