"""An ordinary Salesforce client library, simple-salesforce, against the emulator in its
"instance URL + session id" mode over TLS, trusting only the emulator's CA. Prints one JSON
object of what it saw; exits non-zero on the first failure.

Usage: simple_salesforce_client.py URL SESSION_ID CA_FILE PROFILE_ID
"""
import json
import sys

import requests
from simple_salesforce import Salesforce

url, session_id, ca_file, profile_id = sys.argv[1:5]
session = requests.Session()
session.verify = ca_file
sf = Salesforce(instance_url=url, session_id=session_id, version="62.0", session=session)

seen = {}
seen["profiles"] = sorted(r["Name"] for r in sf.query_all("SELECT Id, Name FROM Profile")["records"])
settings = sf.NVMContactWorld__Settings__c
seen["describe_fields"] = sorted(f["name"] for f in settings.describe()["fields"])
created = settings.create({"SetupOwnerId": profile_id, "NVMContactWorld__clientId__c": "PY-01"})
seen["created"] = created["success"]
record = settings.get(created["id"])
seen["read_key"] = record["NVMContactWorld__clientId__c"]
settings.update(created["id"], {"NVMContactWorld__clientId__c": "PY-02"})
seen["queried"] = [r["NVMContactWorld__clientId__c"] for r in sf.query(
    "SELECT Id, NVMContactWorld__clientId__c FROM NVMContactWorld__Settings__c WHERE SetupOwnerId = '%s'" % profile_id)["records"]]
settings.delete(created["id"])
seen["after_delete"] = sf.query("SELECT COUNT() FROM NVMContactWorld__Settings__c")["totalSize"]
seen["daily_max"] = sf.limits()["DailyApiRequests"]["Max"]
print(json.dumps(seen, sort_keys=True))
