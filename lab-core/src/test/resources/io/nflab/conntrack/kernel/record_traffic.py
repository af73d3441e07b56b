#!/usr/bin/python3
"""Records a traffic fixture for nflab's tests: runs ct_probe.py (see there) on a scenario and writes the
scenario together with what the real kernel did.

usage: record_traffic.py SCENARIO.json > FIXTURE.json

SCENARIO.json is ct_probe.py's input plus a "comment" saying what the scenario shows. Needs root.
"""
import json
import os
import platform
import subprocess
import sys

scenario = json.load(open(sys.argv[1]))
probe = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ct_probe.py")
version = subprocess.run(["conntrack", "-V"], capture_output=True, text=True).stdout.strip()
run = subprocess.run(["/usr/bin/python3", probe], input=json.dumps(scenario), capture_output=True, text=True,
                     check=True)
json.dump({
    "comment": scenario.get("comment", ""),
    "recorded": "record_traffic.py %s on Linux %s (%s): packets through a router namespace, see ct_probe.py"
                % (os.path.basename(sys.argv[1]), platform.release(), version),
    "scenario": {"sysctls": scenario.get("sysctls", {}), "steps": scenario["steps"]},
    "kernel": json.loads(run.stdout),
}, sys.stdout, indent=1)
print()
