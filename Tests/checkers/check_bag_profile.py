"""Check a bundle against its BagIt profile (bagit-profiles specification) with bagit-profile.

usage: check_bag_profile.py PROFILE.json ARCHIVE.tar.gz EXTRACTED_BAG_DIR
The profile is read from the file given (the copy the bundle ships is compared by the test);
the serialisation is checked on the archive, everything else on the extracted bag (bagit).
Exits 1 and prints the problems when there are any.
"""
import json
import sys

import bagit
import bagit_profile

profile_path, archive, directory = sys.argv[1:4]
document = json.load(open(profile_path, encoding="utf-8"))
profile = bagit_profile.Profile(document["BagIt-Profile-Info"]["BagIt-Profile-Identifier"], profile=document)
problems = []
if not profile.validate_serialization(archive):
    problems.append("serialisation: " + "; ".join(str(e) for e in profile.report.errors))
bag = bagit.Bag(directory)
bag.validate()
if not profile.validate(bag):
    problems += [str(error) for error in profile.report.errors]
for problem in problems:
    print(problem)
if problems:
    sys.exit(1)
print(f"valid against {document['BagIt-Profile-Info']['BagIt-Profile-Identifier']}")
