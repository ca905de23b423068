#!/usr/bin/env python3
"""Records the requests botocore builds for each of the 39 IVS Real-Time operations.

For fixed inputs, credentials, region and clock, it captures what botocore would send (method,
path, query, headers, body) and the canonical request, string to sign and Authorization it
computes, without any network: a before-send hook answers every request locally. The output,
tests/data/golden/botocore-requests.json, is committed so the C++ test needs no Python.

Run: python3 tests/golden/record_botocore.py  (needs boto3/botocore with ivs-realtime)
"""
import datetime
import json
import os
import sys

import botocore
import botocore.auth
import botocore.session
from botocore.awsrequest import AWSResponse

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "data", "golden", "botocore-requests.json")
INPUTS = os.path.join(HERE, "..", "data", "golden", "inputs.json")

CLOCK = datetime.datetime(2026, 1, 15, 12, 30, 45, tzinfo=datetime.timezone.utc)
REGION = "us-west-2"
ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLETOKEN+/="


def main():
    with open(INPUTS) as f:
        inputs = json.load(f)
    botocore.auth.get_current_datetime = lambda *a, **k: CLOCK.replace(tzinfo=None)

    captured = {}
    original_canonical = botocore.auth.SigV4Auth.canonical_request
    original_sts = botocore.auth.SigV4Auth.string_to_sign

    def canonical_request(self, request):
        value = original_canonical(self, request)
        captured["canonicalRequest"] = value
        return value

    def string_to_sign(self, request, creq):
        value = original_sts(self, request, creq)
        captured["stringToSign"] = value
        return value

    botocore.auth.SigV4Auth.canonical_request = canonical_request
    botocore.auth.SigV4Auth.string_to_sign = string_to_sign

    session = botocore.session.get_session()
    client = session.create_client(
        "ivs-realtime", region_name=REGION, aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY, aws_session_token=SESSION_TOKEN)

    def before_send(request, **kwargs):
        captured["request"] = request
        return AWSResponse(request.url, 200, {"Content-Type": "application/json"},
                           _Raw(b"{}"))

    client.meta.events.register("before-send.ivs-realtime", before_send)
    model = client.meta.service_model
    records = []
    for name in sorted(model.operation_names):
        if name not in inputs:
            sys.exit(f"no input for {name} in {INPUTS}")
        captured.clear()
        method = getattr(client, botocore.xform_name(name))
        method(**inputs[name])
        request = captured["request"]
        url = botocore.compat.urlsplit(request.url)
        # Unsigned per-machine or per-run headers are left out of the record.
        volatile = {"user-agent", "amz-sdk-invocation-id"}
        headers = {k: (v.decode() if isinstance(v, bytes) else v)
                   for k, v in request.headers.items() if k.lower() not in volatile}
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode()
        records.append({
            "operation": name,
            "input": inputs[name],
            "method": request.method,
            "host": url.netloc,
            "path": url.path,
            "query": url.query,
            "headers": headers,
            "body": body.decode(),
            "canonicalRequest": captured["canonicalRequest"],
            "stringToSign": captured["stringToSign"],
            "authorization": headers["Authorization"],
        })
    doc = {
        "generator": "tests/golden/record_botocore.py",
        "botocore": botocore.__version__,
        "clock": CLOCK.strftime("%Y%m%dT%H%M%SZ"),
        "region": REGION,
        "accessKeyId": ACCESS_KEY,
        "secretAccessKey": SECRET_KEY,
        "sessionToken": SESSION_TOKEN,
        "requests": records,
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wrote {len(records)} operations to {os.path.relpath(OUT)}")


class _Raw:
    def __init__(self, data):
        self._data = data

    def stream(self, **kwargs):
        yield self._data

    def read(self, *a, **k):
        data, self._data = self._data, b""
        return data


if __name__ == "__main__":
    main()
