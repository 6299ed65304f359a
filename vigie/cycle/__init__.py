"""The intelligence cycle: plan (requirements, questions, tasks, coverage), disseminate
(products, approval, releases to partners, feedback), watch (entities and saved searches) and
support cases (case files, requests for case support).

Every service here takes the reader, filters what it reads with the policy's rule over the
row's ``handling_id`` and writes its audit rows in the same transaction as its change.
"""
